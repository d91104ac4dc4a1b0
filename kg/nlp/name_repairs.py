"""Company names the model cut at a word no person's or common name has: a legal form left after the span ("Brenner
Halvik SE", tagged as a person "Brenner Halvik"; "Tianrun Silicon Industry (Hami) Co., Ltd", through its comma and
a branch's seat in brackets), and a name opened by a number ("One 97 Communications", where the model read "One 97"
as a number and "Communications" alone as the organisation); and names the model ran too far, across a verb or an
indefinite article ("designated [Ivan Orlov a Specially Designated Global Terrorist]"). All are fixes of the entity
spans, run after the model (:data:`kg.nlp.pipeline._NAME_FIXES`)."""
from __future__ import annotations

import functools

from kg.knowledge.entity_rules import load_entity_rules


@functools.lru_cache(maxsize=1)
def _legal_forms() -> frozenset[str]:
    return load_entity_rules().strong_company_heads


@functools.lru_cache(maxsize=1)
def _company_words() -> frozenset[str]:
    return load_entity_rules().company_words


def set_ents(doc, ents: list, made: list):
    """Give ``doc`` the entities ``ents`` when some were ``made`` here; a made span's tokens lose the list id the
    ruler gave a part of it (the company's or the country's). Every name fix of :mod:`kg.nlp.pipeline` ends so."""
    if made:
        doc.ents = ents
        for tok in (t for span in made for t in span):
            tok.ent_id_ = ""
    return doc


def legal_form_tails(doc):
    """A name followed by a capitalised legal form outside any entity ("Brenner Halvik SE", "Kestrel Foods Pty") is a
    company's whole name, whatever the model called its first words."""
    from spacy.tokens import Span

    fixed, made = [], []
    for ent in doc.ents:
        nxt = doc[ent.end] if ent.end < len(doc) else None
        if ent.label_ in ("PERSON", "ORG") and nxt is not None and not nxt.ent_type_ and nxt.text[:1].isupper() \
                and nxt.lower_.rstrip(".") in _legal_forms() and nxt.sent.start == ent.sent.start \
                and not ent.ent_id_ and not (ent.label_ == "PERSON" and _given_name_opens(ent)):
            made.append(Span(doc, ent.start, ent.end + 1, label="ORG"))
            fixed.append(made[-1])
        else:
            fixed.append(ent)
    return set_ents(doc, fixed, made)


def _runs_as_orgs(doc, runs: list[tuple[int, int]]):
    """Give ``doc`` an organisation for each (start, end) run, in place of the entities the runs cover."""
    from spacy.tokens import Span

    if not runs:
        return doc
    covered = {i for a, b in runs for i in range(a, b)}
    made = [Span(doc, a, b, label="ORG") for a, b in runs]
    kept = [e for e in doc.ents if not covered & set(range(e.start, e.end))]
    return set_ents(doc, sorted([*kept, *made], key=lambda e: e.start), made)


def _given_name_opens(ent) -> bool:
    """"Markus Brenner SE said he ...": a person's full name, a region or a letter after it, not a company's."""
    from kg.nlp.people import given_names, opens_with_given_name

    return opens_with_given_name(ent.text, load_entity_rules()) or (len(ent) == 1 and ent[0].lower_ in given_names())


def _number_word(tok) -> bool:
    """A number outside any name: "One", "97", "Seven"."""
    return tok.like_num and tok.ent_type_ in ("", "CARDINAL", "ORDINAL")


def number_led_names(doc):
    """A company's name opened by a number written as a capitalised word and closed by a word that ends companies'
    names ("One 97 Communications", "Three Rivers Holdings" is not one: "Rivers" is no number): the model reads "One
    97" as a number and names the company "Communications" or nothing; the whole run is the organisation's name."""

    runs = []
    for tok in doc:
        if not (tok.is_title and tok.lower_ in _company_words() and tok.ent_type_ in ("", "ORG")):
            continue
        start = tok.i
        while start > tok.sent.start and tok.i - start < 3 and _number_word(doc[start - 1]):
            start -= 1
        end = tok.i + 1
        while end < len(doc) and doc[end].is_title and doc[end].lower_ in _company_words():
            end += 1  # "Five 50 Group Holdings"
        if start < tok.i and doc[start].is_title and doc[start].is_alpha and not (runs and runs[-1][1] > tok.i):
            runs.append((start, end))
    return _runs_as_orgs(doc, runs)


_RUN_WORDS = frozenset({"&", "-"})  # words a company's name may hold between capitalised ones (not "and": two names)
_NOT_IN_RUN = ("GPE", "NORP", "DATE", "TIME", "MONEY", "PERCENT", "CARDINAL", "ORDINAL")


def _bracketed_place(doc, close: int, floor: int) -> bool:
    """"(Shanshan)" in "Hoshine Silicon Industry (Shanshan) Co., Ltd": one capitalised word in brackets between a
    name's words and its legal form, the seat of a branch."""
    return doc[close].text == ")" and close - 3 >= floor and doc[close - 2].text == "(" and \
        doc[close - 1].text[:1].isupper() and doc[close - 1].is_alpha and doc[close - 3].text[:1].isupper()


def legal_form_names(doc):
    """A run of capitalised words closed by a capitalised legal form ("Top Glove Corporation", "Aspion Sdn Bhd",
    "Kestrel Foods Pty Ltd") is a company's whole name when the model tagged none of it, or tagged it as a person or
    a part of it: the legal form says what it is. Not a run opened by a given name before a two-letter form ("Oliver
    SE"), nor one with a place or a nationality in it ("US SE region")."""

    legal = load_entity_rules().legal_forms

    def form(t) -> bool:  # "Ltd", "Ltd.", "SA": a legal form, written as one or not
        return t.lower_.rstrip(".") in legal

    runs = []
    for tok in doc:
        if not (tok.text[:1].isupper() and form(tok)) or (runs and runs[-1][1] > tok.i) or (
                not tok.whitespace_ and tok.i + 1 < len(doc) and doc[tok.i + 1].text == "-"):
            continue  # (not the opening of a word: "Co-operative")
        after = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
        if after is not None and after.text[:1].isupper() and after.is_alpha and after.lower_ not in legal:
            continue  # a title or a record before a name: "Acting AG Matthew Whitaker", "the Beatles LP Abbey Road"
        end = tok.i + 1
        while end < len(doc) and doc[end].sent.start == tok.sent.start and (
                doc[end].text[:1].isupper() and form(doc[end]) or doc[end].text == "," and end + 1 < len(doc)
                and doc[end + 1].text[:1].isupper() and form(doc[end + 1]) and doc[end - 1].text.endswith(".")):
            end += 2 if doc[end].text == "," else 1  # "Sdn Bhd", "Pty Ltd", "Co., Ltd"
        start = tok.i
        floor = max(tok.sent.start, runs[-1][1] if runs else 0)  # never back into the name before
        while start > floor and tok.i - start < 8 and not form(doc[start - 1]) and (
                doc[start - 1].text[:1].isupper() and doc[start - 1].is_alpha and doc[start - 1].pos_ != "DET"
                and doc[start - 1].ent_type_ not in _NOT_IN_RUN
                or doc[start - 1].lower_ in _RUN_WORDS and start - 1 > floor and doc[start - 2].text[:1].isupper()
                or _bracketed_place(doc, start - 1, floor)):
            start -= 3 if doc[start - 1].text == ")" else 1
        while start < tok.i and doc[start].lower_ in _RUN_WORDS:
            start += 1
        if start == tok.i or form(doc[start]):
            continue  # a legal form alone ("Co-founder"), or one opening the run
        span = doc[start:end]
        if any(e.label_ == "ORG" and e.start <= start and e.end >= end for e in doc.ents):
            continue  # the model's own name
        if any(e.start < start < e.end or e.start < end < e.end for e in doc.ents):
            continue  # a name across the run's edge: not ours to cut
        if len(tok.text.rstrip(".")) <= 2 and _given_name_opens(span[: tok.i - start]):
            continue
        runs.append((start, end))
    return _runs_as_orgs(doc, runs)


def verb_split_names(doc):
    """A name the model ran across a finite verb ("Holcim bought Aggregate Industries" as one organisation) is two:
    the capitalised words before the verb and those after it."""
    from spacy.tokens import Span

    fixed, made = [], []
    for ent in doc.ents:
        verb = next((t for t in ent[1:-1] if t.tag_ in ("VBD", "VBZ", "VBP") and t.text.islower()), None)
        if verb is None or ent.label_ not in ("ORG", "PERSON"):
            fixed.append(ent)
            continue
        for a, b in ((ent.start, verb.i), (verb.i + 1, ent.end)):
            if doc[a].text[:1].isupper():
                made.append(Span(doc, a, b, label=ent.label_))
                fixed.append(made[-1])
    return set_ents(doc, fixed, made)


def article_cut_names(doc):
    """A name the model ran across an indefinite article into the description after it ("designated [Ivan Orlov a
    Specially Designated Global Terrorist]") is the capitalised words before the article: no name holds "a"."""
    from spacy.tokens import Span

    fixed, made = [], []
    for ent in doc.ents:
        cut = next((t for t in ent[1:-1] if t.text in ("a", "an") and t.tag_ == "DT"), None)
        if cut is None or ent.label_ not in ("ORG", "PERSON") or not doc[ent.start].text[:1].isupper():
            fixed.append(ent)
            continue
        made.append(Span(doc, ent.start, cut.i, label=ent.label_))
        fixed.append(made[-1])
    return set_ents(doc, fixed, made)


def national_cut_names(doc):
    """An organisation's "X of Y" name the model cut at a nationality inside it ("[The Organization of] [American]
    States", "[The Union of South] [American] Nations"): one name through the nationality and the capitalised words
    after it (at least one, not in another name: "the Bank of England's American unit" stays as it is)."""
    runs = []
    for ent in doc.ents:
        end = ent.end
        if ent.label_ != "ORG" or not any(t.lower_ == "of" for t in ent) or end >= len(doc) or doc[end].ent_type_ != "NORP":
            continue
        while end < len(doc) and doc[end].ent_type_ == "NORP":
            end += 1
        tail = end
        while end < len(doc) and doc[end].is_title and doc[end].ent_type_ == "" and not doc[end].is_sent_start:
            end += 1
        if end > tail:
            runs.append((ent.start + (1 if ent[0].lower_ == "the" else 0), end))
    return _runs_as_orgs(doc, runs)


FIXES = (verb_split_names, article_cut_names, legal_form_tails, number_led_names, legal_form_names, national_cut_names)  # run after the model, in this order (kg.nlp.pipeline)

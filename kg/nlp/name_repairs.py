"""Company names the model cut at a word no person's or common name has: a legal form left after the span ("Brenner
Halvik SE", tagged as a person "Brenner Halvik"), and a name opened by a number ("One 97 Communications", where the
model read "One 97" as a number and "Communications" alone as the organisation). Both are fixes of the entity
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
    from spacy.tokens import Span

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
    if not runs:
        return doc
    covered = {i for a, b in runs for i in range(a, b)}
    made = [Span(doc, a, b, label="ORG") for a, b in runs]
    kept = [e for e in doc.ents if not covered & set(range(e.start, e.end))]
    return set_ents(doc, sorted([*kept, *made], key=lambda e: e.start), made)


FIXES = (legal_form_tails, number_led_names)  # run after the model, in this order (kg.nlp.pipeline)

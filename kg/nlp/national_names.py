"""Names built on a country word: "Nippon Steel", "U.S. Steel", "Air China", "American Express", "British American
Tobacco".

The model tags the country or nationality word inside such a name as a place (GPE) or a nationality (NORP) and
leaves the rest untagged, so the organisation is lost and a country takes its place in every fact about it
("agreed to buy U.S. Steel" read as buying the United States). In: a parsed Doc's entity spans. Out: the same
spans, with each country word that is part of a longer proper-noun name replaced by one ORG span of the whole
name, unless the name is a place ("New York", "South China Sea"), a title before a person ("US President Joe
Biden"), a government body ("Chinese Foreign Ministry": the gazetteer and the role rules read those) or a
headline in title case (where every word is capitalised and a run of capitals says nothing).
"""
from __future__ import annotations

import functools

from kg.knowledge.lexicons import load_lexicon
from kg.knowledge.places import country_of_place

_COUNTRY_LABELS = frozenset({"GPE", "NORP"})
_OTHER_NAMES = frozenset({"PERSON", "DATE", "TIME", "MONEY", "PERCENT", "CARDINAL", "ORDINAL", "QUANTITY", "EVENT",
                          "LAW", "WORK_OF_ART", "LANGUAGE"})


@functools.lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    """Words that make a capitalised run something other than an organisation's name: place and calendar words
    (``entity_rules.yaml``: ``not_org_words``), government words, and role titles (``roles.yaml``)."""
    rules = load_lexicon("entity_rules.yaml")
    titles = {w for t in load_lexicon("roles.yaml")["titles"] for w in str(t).split()}
    return frozenset(str(w).lower() for w in [*rules.get("not_org_words", ()), *rules["government_words"], *titles])


def national_names(doc, ents: list) -> list:
    """``ents`` with country words inside longer proper-noun names replaced by ORG spans of the whole name."""
    from spacy.tokens import Span

    out = list(ents)
    for ent in ents:
        if ent.label_ not in _COUNTRY_LABELS:
            continue
        start, end = _proper_run(doc, ent)
        if (start, end) == (ent.start, ent.end) or not _is_name(doc, ent, start, end):
            continue
        run = Span(doc, start, end, label="ORG")
        out = [e for e in out if e.end <= start or e.start >= end] + [run]
        doc.user_data.setdefault(NATIONAL_NAMES, set()).add((start, end))
    return sorted(out, key=lambda e: e.start)


NATIONAL_NAMES = "kg:national_names"  # Doc.user_data key: (start, end) of the names made here (no gazetteer id)


def is_national_name(span) -> bool:
    """Whether a span is one this module made (its tokens' gazetteer ids are the country's, not the name's)."""
    return (span.start, span.end) in span.doc.user_data.get(NATIONAL_NAMES, ())


def _proper_run(doc, ent) -> tuple[int, int]:
    """The run of proper nouns around a span, within its sentence."""
    sent = ent.sent
    start, end = ent.start, ent.end
    while start > sent.start and _proper(doc[start - 1]):
        start -= 1
    while end < sent.end and _proper(doc[end]):
        end += 1
    return start, end


def _proper(tok) -> bool:
    """A capitalised proper noun, or a country word whatever its tag ("British" read as an adjective)."""
    return (tok.pos_ == "PROPN" or tok.ent_type_ in _COUNTRY_LABELS) and tok.text[:1].isupper() and not tok.is_punct


def _is_name(doc, ent, start: int, end: int) -> bool:
    run = doc[start:end]
    outside = [t for t in run if not (ent.start <= t.i < ent.end)]
    if any(t.lower_ in _stop_words() for t in run) or any(t.ent_type_ in _OTHER_NAMES for t in run):
        return False
    if any(t.ent_id_ and t.ent_type_ not in _COUNTRY_LABELS for t in outside) or \
            all(t.ent_type_ in _COUNTRY_LABELS for t in run):
        return False  # another gazetteer name beside it, or only country words ("South Korea")
    if country_of_place(run.text) or _title_case(ent.sent, start, end):
        return False
    return run.root.i in {t.i for t in run}  # one noun phrase


def _title_case(sent, start: int, end: int) -> bool:
    """A headline in title case: most of its other words (not the first, not the run) capitalised."""
    words = [t for t in sent if t.is_alpha and len(t) > 3 and t.i != sent.start and not start <= t.i < end]
    return len(words) >= 2 and sum(t.text[0].isupper() for t in words) >= 0.7 * len(words)

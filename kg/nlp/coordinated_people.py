"""People named side by side when the model tags only one of them: "Ivan Petrov and Pavel Sokolov" with only
"Pavel Sokolov" a person, the other name left untagged (the parser often reads such a pair as one name modifying
the other). A run of two or three capitalised proper nouns no name covers, whose first word is a common given name
(``given_names.yaml``), joined by "and", "or" or a comma to a person the model tagged, is a person too."""
from __future__ import annotations

from kg.nlp.people import given_names

_JOINERS = frozenset({"and", "or", ","})
_LONGEST = 3  # words of a name found this way: a given name and one or two more


def _name_run(doc, start: int, step: int, taken: set[int]) -> tuple[int, int] | None:
    """(start, end) of the name run that ends (``step`` -1) or starts (``step`` 1) at token ``start``."""
    ends = []
    i = start
    while 0 <= i < len(doc) and len(ends) < _LONGEST + 1:
        tok = doc[i]
        if i in taken or tok.pos_ != "PROPN" or not tok.is_alpha or not tok.is_title:
            break
        ends.append(i)
        i += step
    if len(ends) < 2 or len(ends) > _LONGEST:
        return None
    lo, hi = min(ends), max(ends) + 1
    if step == 1 and hi < len(doc) and doc[hi].pos_ == "PROPN":
        return None  # the run goes on: not a whole name
    return (lo, hi) if doc[lo].lower_ in given_names() else None


def coordinated_people(doc):
    """Tag as people the untagged names joined to a tagged person (see the module's docstring)."""
    from spacy.tokens import Span

    ents = list(doc.ents)
    taken = {i for e in ents for i in range(e.start, e.end)}
    made: list[Span] = []
    for ent in ents:
        if ent.label_ != "PERSON":
            continue
        if ent.start >= 2 and doc[ent.start - 1].lower_ in _JOINERS:  # "<name> and Pavel Sokolov"
            run = _name_run(doc, ent.start - 2, -1, taken)
            if run is not None and (run[0] == 0 or doc[run[0] - 1].pos_ != "PROPN"):
                made.append(Span(doc, *run, label="PERSON"))
                taken.update(range(*run))
        if ent.end + 1 < len(doc) and doc[ent.end].lower_ in _JOINERS:  # "Pavel Sokolov and <name>"
            run = _name_run(doc, ent.end + 1, 1, taken)
            if run is not None:
                made.append(Span(doc, *run, label="PERSON"))
                taken.update(range(*run))
    if made:
        doc.ents = sorted([*ents, *made], key=lambda e: e.start)
    return doc

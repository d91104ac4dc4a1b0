"""The parties and the thing of a licence (the ``licence`` kind of ``event_kinds.yaml``, whose records are the
licensor's offers of what it licenses): "Kestrel licensed its cell designs to Orvik", "Kestrel will license Orvik
its cell designs", "Orvik licensed the technology from Kestrel", "Orvik will build the plant using technology
licensed from Kestrel" (the licensee is who uses it: the subject of the clause the thing is in), "Kestrel's patents
were licensed to Orvik".

What is licensed must be one of the kind's ``licensed`` words (technology, designs, patents, know-how, a brand):
a government that licenses a company to export or to operate grants a permit, which is no deal (and, under
sanctions, a relief the sanction extractors read). Used by :mod:`kg.extract.frame_events` and the ``licensed``
filler of :mod:`kg.extract.event_emit`.
"""
from __future__ import annotations

from kg.extract.frames import Frame

_SUBJECTS = ("nsubj", "nsubjpass")


def licensed_thing(frame: Frame):
    """The token of what a licence's verb licenses: its object (not the one licensed to: "license Orvik its
    designs"), or the passive's subject, or the noun a reduced relative hangs on ("technology licensed from X")."""
    if frame.kind != "verb":
        return None
    takers = {t.i for t in frame.role("recipient")}
    verb = frame.trigger
    passive = verb.dep_ == "acl" or any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)
    for tok in [*frame.role("object"), *(frame.role("patient") if passive else ())]:
        if tok.i not in takers and tok.dep_ != "dative":
            return tok
    return None


def _user(thing):
    """Who uses what a reduced relative says was licensed: the subject of the nearest clause above the thing
    ("Orvik will build the plant using technology licensed from Kestrel": Orvik)."""
    head = thing.head
    for _ in range(4):
        subj = next((c for c in head.children if c.dep_ in _SUBJECTS and c.i < thing.i), None)
        if subj is not None:
            return subj
        if head.head.i == head.i:
            return None
        head = head.head
    return None


def licence_parties(frame: Frame, kind: dict, agent_toks: list) -> tuple[list, list]:
    """(licensor tokens, licensee tokens) of a licence frame; nothing when what is licensed is not one of the
    kind's ``licensed`` words (a permit, or a licence of nothing named)."""
    thing = licensed_thing(frame)
    if thing is None or thing.lemma_.lower() not in kind["licensed"] and thing.lower_ not in kind["licensed"]:
        return [], []
    sources = list(frame.role("prep:from"))
    verb = frame.trigger
    if sources:  # "Orvik licensed the technology from Kestrel", "technology licensed from Kestrel"
        takers = agent_toks if verb.dep_ != "acl" and not any(c.dep_ == "auxpass" for c in verb.children) else []
        user = _user(thing) if not takers and verb.dep_ == "acl" else None
        return sources, [*takers, *([user] if user is not None else [])]
    givers = agent_toks or [c for c in thing.children if c.dep_ == "poss" and c.lower_ not in ("its", "their")]
    return givers, [*frame.role("recipient"), *frame.role("prep:to")]

"""Measures an event acts on, for :mod:`kg.extract.frame_events`: which words name a measure for a kind ("lifted the
sanctions", "added X to the Entity List"; a bare "list" only when a programme names it) and the frame that names a
measure's target, also through a decision noun that controls a sanction verb ("overturned the Home Office's decision
to bar X from Britain"). The word lists are the kinds' in ``kg/knowledge/data/event_kinds.yaml``."""
from __future__ import annotations

import dataclasses

from kg.extract import sanction_parties
from kg.extract.frame_kinds import event_kinds
from kg.extract.frames import Frame, noun_frame, verb_frame
from kg.extract.sanction_parties import program_of


def is_measure(tok, kind: dict) -> bool:
    """A measure word; a bare "list" or "regime" only when a programme or sanction word names it ("the Entity List",
    "its sanctions list"), or when it is a body's own among words of sanctions ("the EU's list ... the arms
    embargo"); not "the list of approved suppliers", nor "the EU's programme" with no sanction spoken of."""
    word = tok.lemma_.lower()
    if word in kind.get("decision_nouns", ()) and decided_measure(tok) is not None:
        return True  # "overturned the decision to bar X"
    if word not in kind["measure_words"] and tok.lower_ not in kind["measure_words"] or sanction_parties.other_list(tok):
        return False
    if word in kind["qualified_measures"] or tok.lower_ in kind["qualified_measures"]:
        owned = any(c.dep_ == "poss" for c in tok.children)
        phrase = (tok.head if tok.dep_ in ("dobj", "obj") else tok).subtree  # "revoked the designation of X as a ..."
        return tok.pos_ == "PROPN" or program_of(" ".join(t.text for t in phrase)) is not None or (
            owned and sanction_parties.sanctions_near(tok)) or sanction_parties.qualified_list(tok)
    return True


def decided_measure(noun):
    """The sanction verb a decision noun controls ("the decision to bar X from Britain": "bar"), or None."""
    sanction = event_kinds()["sanction"]
    verbs = set(sanction["verbs"]) | set(sanction["measure_verbs"])
    return next((c for c in noun.children if c.dep_ in ("acl", "relcl", "xcomp") and c.pos_ == "VERB"
                 and c.lemma_.lower() in verbs and any(a.lower_ == "to" for a in c.children)), None)


def measure_frame(tok) -> Frame:
    """The frame that names a measure's target: the measure noun's own, or the sanction verb a decision noun controls
    (its possessor kept: "the Home Office's decision to bar X": the Home Office's)."""
    own = noun_frame(tok)
    verb = decided_measure(tok)
    if verb is None:
        return own
    inner = verb_frame(verb)
    words = event_kinds()["sanction"]["measure_words"]
    # "the decision to freeze the assets of X": whose assets
    patients = [t for p in inner.role("patient") for t in (
        (*noun_frame(p).role("patient"), *noun_frame(p).role("possessor")) if p.lemma_.lower() in words else (p,))]
    return dataclasses.replace(inner, args={**inner.args, "patient": tuple(patients), "possessor": own.role("possessor")})

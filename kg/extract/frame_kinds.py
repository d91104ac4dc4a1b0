"""The event kinds of ``kg/knowledge/data/event_kinds.yaml`` as the frame engine reads them, and the status a frame
gives an event of a kind.

What flows in: the YAML file, and a :class:`~kg.extract.frames.Frame` (its modality, polarity). What flows out: the
kinds with their word lists as sets (:func:`event_kinds`), the status a frame's modality gives an event of a kind
(:func:`status_of`: "threatened to sanction" threatened, "could buy" proposed), and whether a measure is told as
ended ("will stop collecting its duties": :func:`ended`, with the relief's status :func:`ender_status`) or as caused
by nature rather than policy (:func:`natural_cause`). Used by
:mod:`kg.extract.frame_events`.
"""
from __future__ import annotations

import functools

from kg.errors import DataError
from kg.extract.frame_nouns import frame_lexicon
from kg.extract.frames import Frame
from kg.knowledge.datafiles import load_data


@functools.lru_cache(maxsize=1)
def event_kinds() -> dict[str, dict]:
    """``kg/knowledge/data/event_kinds.yaml``, with its word lists as sets."""
    raw = load_data("event_kinds.yaml")
    kinds = {}
    for name, spec in raw.items():
        _check_words(name, spec)
        kinds[name] = {
            **spec,
            "verbs": frozenset(spec.get("verbs", ())),
            "nouns": frozenset(spec.get("nouns", ())),
            "measure_words": frozenset(spec.get("measure_words", ())),
            "purpose_verbs": frozenset(spec.get("purpose_verbs", ())),
            "qualified_measures": frozenset(spec.get("qualified_measures", ())),
            "purpose_targets": frozenset(spec.get("purpose_targets", ())),
            "measure_verbs": {k: tuple(v or ()) for k, v in (spec.get("measure_verbs") or {}).items()},
            "patient_types": tuple(spec.get("patient_types", ())),
            "agent_types": tuple(spec.get("agent_types", ())),
        }
    return kinds


def _check_words(name: str, spec: dict) -> None:
    """Every word of a kind is a string (YAML reads a bare on, off, yes or no as a boolean)."""
    for key, value in spec.items():
        if isinstance(value, bool) or key == "emit":
            continue  # a flag (named_only); how records are built (checked by kg.extract.event_emit)
        values = value.values() if isinstance(value, dict) else [value]
        for v in values:
            words = v if isinstance(v, list) else [v]
            bad = [w for w in words if not isinstance(w, str)]
            if bad:
                raise DataError(f"kg/knowledge/data/event_kinds.yaml: {name}.{key}: {bad[0]!r} is not a word; "
                                f"quote it (YAML reads on, off, yes and no as booleans)")


def status_of(frame: Frame, kind_name: str) -> str | None:
    kind = event_kinds()[kind_name]
    # the governing verbs, and a purpose verb that is the frame's own ("agreed to supply Y": agreed; not "could agree",
    # "if X agreed to supply")
    own = frame.lemma in kind["purpose_verbs"] and not frame.hypothetical and not set(frame.modality) & set(
        frame_lexicon()["possibility"])
    said = (*frame.modality, *((frame.lemma,) if own else ()))
    for status, words in (kind.get("status") or {}).items():
        if status != "hypothetical" and any(m in words for m in said):
            return status
    if frame.hypothetical:
        return (kind.get("status") or {}).get("hypothetical")
    return None


def ender_status(frame: Frame) -> str | None:
    """A measure told as stopped is relaxed (no status) only when the stopping is told as done or said; under a
    wish or a condition ("exporters want Japan to stop collecting duties") it is proposed."""
    ends = event_kinds()["relief"].get("ends_under") or {}
    said = set(ends.get("verbs") or ()) | set(frame_lexicon().get("reporting_verbs") or ()) | {"will", "would"}
    return status_of(frame, "relief") or ("proposed" if set(frame.modality) - said else None)


def ended(frame: Frame, kind: str) -> bool:
    """Whether a measure of ``kind`` is told as ended by the verb governing it (``relief.ends_under``)."""
    ends = event_kinds().get("relief", {}).get("ends_under") or {}
    return kind in (ends.get("kinds") or ()) and bool(set(frame.modality) & set(ends.get("verbs") or ()))


_CAUSE_PREPS = frozenset({"because", "due", "after", "during", "amid", "for", "owing", "following", "over"})


def natural_cause(frame: Frame) -> bool:
    """Whether the predicate is told as caused by weather, disaster, illness or works, not by policy ("grounded
    flights to Iceland after a volcanic eruption", "suspended rail services because of flooding", "closed the route
    for repairs"; ``frames.yaml`` ``natural_causes``): such a closing or resuming is no measure on anyone."""
    causes = frozenset(frame_lexicon().get("natural_causes") or ())
    verb = frame.light if frame.light is not None else frame.trigger
    return any(c.dep_ == "prep" and c.lower_ in _CAUSE_PREPS and any(t.lemma_.lower() in causes for t in c.subtree)
               for c in verb.children)


_UNSURE = frozenset({"report", "rumour", "rumor", "speculation", "claim", "allegation"})


def denied(frame: Frame) -> bool:
    """Whether the predicate is under a denial, a refusal or a report ("denied reports that it had sold X")."""
    words = {*frame_lexicon()["negative_verbs"], *_UNSURE}
    tok = frame.trigger
    while tok.head.i != tok.i:
        tok = tok.head
        if tok.lemma_.lower() in words:
            return True
    return False


def asserted(frame: Frame) -> bool:
    """Whether the predicate is told as a fact: not denied or reported (:func:`denied`), not under a condition ("if
    it sold X")."""
    tok = frame.trigger
    while True:
        if any(c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether") for c in tok.children):
            return False
        if tok.head.i == tok.i:
            return not denied(frame)
        tok = tok.head


def sold_again(verb) -> bool:
    """Whether the buyer of a purchase told by ``verb`` sold it again in the same breath ("bought X in 2001 and sold
    it in 2010": a sale verb of the ``sale`` kind conjoined to the purchase, with no subject of its own)."""
    sold = event_kinds().get("sale", {}).get("verbs", frozenset())
    return any(t.lemma_.lower() in sold and t.dep_ == "conj" and t.head.i == verb.i and not any(
        c.dep_ in ("nsubj", "nsubjpass") for c in t.children) for t in verb.sent)


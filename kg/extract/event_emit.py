"""Where a frame event becomes a record: an event frame and its participants in, one EventFact out.

Which participant fills which slot of the kind (``kinds.yaml``) and how its literal slots are filled is data,
the ``emit`` entry of each event kind of ``kg/knowledge/data/event_kinds.yaml``::

    emit:
      agent: imposed_by           # the slot the frame's agents fill
      first_agent: true           # only the first agent (one imposer per report)
      agent_as: government        # a country that acts is its government
      patient: targets            # the slot the frame's patients fill
      patient_as: country         # a national government acted on is its country
      fill:                       # literal slots, each by a filler of FILLERS (a name, or {filler: name, ...})
        program: {filler: named_program, default: restrictions}
      status_from_text:           # a status the sentence's words give, whatever the frame's modality
        lifted: '\\blift|\\bremov'
      date: clause                # the date of the predicate's own clause, when it has one (else the sentence's)
      implies:                    # a second record the event, told as done, implies (:func:`implied`)
        kind: offer
        slots: {offered_by: acquirer, offered_to: acquired}
        names: {item: acquired}   # a literal slot that takes the name of an entity slot
        status: completed
        statuses: {blocked: blocked}  # the status of the record implied by an event with a status of its own
      implies_relation:           # a relation the event, told as done, states (:func:`implied_relations`)
        property: subsidiaryOf
        subject: acquired         # the entity slot whose entities are the relation's subjects
        object: acquirer
        lemmas: [buy, acquire]    # only for these predicates ("merged with" makes no subsidiary)
        subject_types: [Company]

The fillers are registered once, in :data:`FILLERS`; a kind of ``kinds.yaml`` needs no code here.
"""
from __future__ import annotations

import functools
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from kg.errors import DataError
from kg.extract.common import clause_verb, sentence_date
from kg.extract.context import ExtractContext
from kg.extract.facts import EventFact, Relation, make_event
from kg.extract.frame_kinds import asserted, sold_again
from kg.extract.frame_licences import licensed_thing
from kg.extract.frame_nouns import frame_lexicon, is_price
from kg.extract.frame_sales import sold_thing
from kg.extract.sanction_parties import as_country, program_of_measure
from kg.knowledge.kinds import load_kinds

FILE = "kg/knowledge/data/event_kinds.yaml"
_EMIT_KEYS = {"agent", "first_agent", "agent_as", "patient", "patient_as", "fill", "status_from_text", "date",
              "implies", "implies_relation", "record", "done_status", "done_verbs"}
_PAST_TAGS = frozenset({"VBD", "VBN"})
_NOT_DONE = frozenset({"proposed", "threatened", "hypothetical"})  # statuses of a modality: not (yet) done
_DONE = frozenset({"lifted", "completed"})  # statuses of the words that say it was done


@dataclass(frozen=True)
class Told:
    """What a filler may read: the frame, its sentence and the participants the frame engine found."""

    ctx: ExtractContext
    di: int
    frame: Any  # kg.extract.frames.Frame
    agents: list
    patients: list
    text: str
    measure_words: frozenset[str]


def _patient_name(told: Told, params: Mapping) -> str | None:
    """The first patient's name: what an offer is for when nothing else says ("offered to buy Arm")."""
    return told.patients[0].best_name if told.patients else None


def _price(told: Told, params: Mapping) -> str | None:
    """The amount of money the predicate's object names ("pay $69 billion for X": "$69 billion")."""
    for tok in told.frame.role("object"):
        if is_price(tok):
            return _phrase_text(tok) or None
    return None


def _program(told: Told, params: Mapping) -> str | None:
    """The sanctions programme the sentence names ("the Entity List"), else what the measure's own words say it is
    (``measure_names`` of events.yaml: "froze the assets of" -> asset freeze, "banned imports of" -> import ban, "designated" ->
    designation; the measure nouns first, then the predicate), else ``default``."""
    anchors = _anchors(told)
    args = [t for toks in told.frame.args.values() for t in toks]
    return program_of_measure(told.text, anchors[0], [*anchors[1:], *args],
                              noun=told.frame.kind == "noun") or params.get("default")


def _anchors(told: Told) -> list:
    """The frame's predicate, its light verb and the measure nouns among its arguments: where phrases hang."""
    frame = told.frame
    out = [frame.trigger, *([frame.light] if frame.light is not None else [])]
    out += [t for toks in frame.args.values() for t in toks if t.lemma_.lower() in told.measure_words]
    return _unique(out)


def _phrase_text(tok, *, stop_at_prep: bool = False, keep: tuple[str, ...] = ()) -> str:
    """The words of a phrase as written, its determiner left out (and, with ``stop_at_prep``, its own
    prepositional phrases but those of ``keep``: "steel imports" of "steel imports from Canada"; "stake in Exxon"
    of "stake in Exxon to BlackRock")."""
    words = []
    for t in tok.subtree:
        if stop_at_prep and t.head.i == tok.i and t.dep_ == "prep" and t.lower_ not in keep:
            break
        words.append(t)
    while words and (words[0].dep_ in ("det", "poss", "case") or words[0].is_punct):
        words = words[1:]
    while words and words[-1].is_punct:
        words = words[:-1]
    return tok.doc[words[0].i : words[-1].i + 1].text if words else ""


def _phrase(told: Told, params: Mapping) -> str | None:
    """The object of one of ``preps`` after the predicate whose words include one of ``heads`` ("in the
    High Court in London", "before a federal court"), its determiner left out."""
    preps, heads = set(params.get("preps", ())), set(params.get("heads", ()))
    for anchor in _anchors(told):
        for c in anchor.children:
            if c.dep_ != "prep" or c.lower_ not in preps:
                continue
            for pobj in (p for p in c.children if p.dep_ == "pobj"):
                if not heads or any(t.lemma_.lower() in heads for t in pobj.subtree):
                    return _phrase_text(pobj) or None
    return None


def _thing(told: Told, params: Mapping) -> str | None:
    """What the predicate acts on, as written: its object (not the one it is sold to), or an event noun's "of"
    phrase ("sold its genetic-testing business to X", "the sale of its signalling arm": "genetic-testing business",
    "signalling arm")."""
    tok = sold_thing(told.frame)
    if tok is None:
        return None
    name = next((e for e in tok.doc.ents if e.start <= tok.i < e.end), None) if tok.pos_ == "PROPN" else None
    if name is not None:
        return name.text  # "COMDEX, the trade show, which he sold": the name, not what the sentence says of it
    poss = next((c for c in tok.children if c.dep_ == "poss"), None)
    if poss is not None and poss.right_edge.i + 1 < tok.i:  # "Kestrel Foods' pizza arm": the arm, not its owner
        first = tok.doc[poss.right_edge.i + 1]
        start = first.i + 1 if first.dep_ == "case" or first.is_punct else first.i
        return tok.doc[start : tok.i + 1].text or None
    return _phrase_text(tok, stop_at_prep=True, keep=("in", "of")) or None


def _licensed(told: Told, params: Mapping) -> str | None:
    """What a licence licenses, as written ("licensed its cell designs to X": "cell designs")."""
    tok = licensed_thing(told.frame)
    if tok is None:
        return None
    poss = next((c for c in tok.children if c.dep_ == "poss"), None)
    start = poss.right_edge.i + 1 if poss is not None else tok.left_edge.i
    while start < tok.i and tok.doc[start].dep_ in ("det", "case", "punct"):
        start += 1
    return tok.doc[start : tok.i + 1].text or None


def _provided(told: Told, params: Mapping) -> str | None:
    """What a controlled verb of ``verbs`` provides, as written: its "with" phrase ("agreed to supply Y with light
    armoured vehicles") or its object when that names no party ("agreed to supply 500 turbines to Y")."""
    verbs = set(params.get("verbs", ()))
    for target in (c for c in told.frame.trigger.children if c.dep_ in ("xcomp", "ccomp") and c.lemma_.lower() in verbs):
        found = [p for c in target.children if c.dep_ == "prep" and c.lower_ == "with" for p in c.children
                 if p.dep_ == "pobj"]
        found += [o for o in target.children if o.dep_ in ("dobj", "obj") and o.pos_ == "NOUN"
                  and not told.ctx.entities_in(told.di, o.subtree)]
        if found:
            return _phrase_text(found[0], stop_at_prep=True) or None
    return None


def _unnamed_object(told: Told, params: Mapping) -> str | None:
    """The object of one of ``preps`` that names no entity ("tariffs on steel"): goods, not a party."""
    preps = set(params.get("preps", ()))
    for anchor in _anchors(told):
        for c in anchor.children:
            if c.dep_ != "prep" or c.lower_ not in preps:
                continue
            for pobj in (p for p in c.children if p.dep_ == "pobj"):
                if pobj.pos_ == "NOUN" and not told.ctx.entities_in(told.di, pobj.subtree):
                    return _phrase_text(pobj, stop_at_prep=True) or None
    return None


def _pattern(told: Told, params: Mapping) -> str | None:
    """The first match of ``pattern`` in the clause of the predicate ("25%", "10 per cent")."""
    anchor = told.frame.light if told.frame.light is not None else told.frame.trigger
    clause = anchor.doc[anchor.left_edge.i : anchor.right_edge.i + 1].text
    m = _compiled(params["pattern"]).search(clause)
    return m.group(0) if m else None


@functools.lru_cache(maxsize=None)
def _compiled(pattern: str) -> re.Pattern:
    return re.compile(pattern, re.I)


# The fillers an ``emit.fill`` entry may name, each (what was told, its parameters) -> the slot's text or None.
FILLERS: dict[str, Callable[[Told, Mapping], str | None]] = {
    "patient_name": _patient_name,
    "price": _price,
    "named_program": _program,
    "phrase": _phrase,
    "unnamed_object": _unnamed_object,
    "thing": _thing,
    "licensed": _licensed,
    "provided": _provided,
    "pattern": _pattern,
}


_SPECS: dict[str, tuple[Any, dict]] = {}


def emit_spec(kind_name: str, raw: Any) -> dict:
    """The ``emit`` entry ``raw`` of a kind, validated against the kind's slots in ``kinds.yaml`` (once).

    Raises:
        DataError: a key, slot or filler that does not exist (the message lists the valid ones).
    """
    cached = _SPECS.get(kind_name)
    if cached is None or cached[0] is not raw:
        cached = _SPECS[kind_name] = (raw, _check_emit(kind_name, raw))
    return cached[1]


def event_slots(kind_name: str, kind: Mapping) -> tuple[str, str] | None:
    """(agent slot, patient slot) of an event kind of event_kinds.yaml; None for a relation or role kind."""
    if kind.get("record") is not None:
        return None
    spec = emit_spec(kind_name, kind.get("emit"))
    return spec["agent"], spec["patient"]


def record_kind(kind_name: str, kind: Mapping) -> str:
    """The kind of kinds.yaml an event kind's records are (``emit.record``; else the event kind's own name: a sale
    is recorded as the seller's offer)."""
    return str(dict(kind.get("emit") or {}).get("record") or kind_name)


def _check_emit(kind_name: str, raw: Any) -> dict:
    at = f"{FILE}: {kind_name}.emit"
    kinds = load_kinds()
    spec = dict(raw or {})
    kind_name = str(spec.get("record") or kind_name)
    if kind_name not in kinds:
        raise DataError(f"{at}: {kind_name} is the kind of its records but not one of kinds.yaml: {', '.join(kinds)}")
    kind = kinds[kind_name]
    unknown = set(spec) - _EMIT_KEYS
    if unknown:
        raise DataError(f"{at}: unknown key {sorted(unknown)[0]!r}; the keys are: {', '.join(sorted(_EMIT_KEYS))}")
    for key in ("agent", "patient"):
        if spec.get(key) not in [s.name for s in kind.entity_slots]:
            raise DataError(f"{at}.{key}: {spec.get(key)!r} is not one of the entity slots of {kind_name}: "
                            + ", ".join(s.name for s in kind.entity_slots))
    for key, allowed in (("agent_as", ("government",)), ("patient_as", ("country",)), ("date", ("sentence", "clause"))):
        if key in spec and spec[key] not in allowed:
            raise DataError(f"{at}.{key}: {spec[key]!r} is not one of: {', '.join(allowed)}")
    fill = {}
    for slot, filler in dict(spec.get("fill") or {}).items():
        if slot not in [s.name for s in kind.literal_slots]:
            raise DataError(f"{at}.fill: {slot!r} is not one of the literal slots of {kind_name}: "
                            + ", ".join(s.name for s in kind.literal_slots))
        params = {"filler": filler} if isinstance(filler, str) else dict(filler or {})
        if params.get("filler") not in FILLERS:
            raise DataError(f"{at}.fill.{slot}: {params.get('filler')!r} is not one of: {', '.join(FILLERS)}")
        if params["filler"] == "pattern":
            try:
                _compiled(str(params.get("pattern")))
            except re.error as exc:
                raise DataError(f"{at}.fill.{slot}.pattern does not compile: {exc}") from exc
        fill[slot] = params
    spec["fill"] = fill
    spec["status_from_text"] = {status: _compiled(rx) for status, rx in dict(spec.get("status_from_text") or {}).items()}
    if "implies" in spec:
        spec["implies"] = _check_implies(at, kind, dict(spec["implies"] or {}), kinds)
    if "implies_relation" in spec:
        spec["implies_relation"] = _check_implied_relation(at, kind, dict(spec["implies_relation"] or {}))
    return spec


def _check_implied_relation(at: str, kind, rel: dict) -> dict:
    from kg.vocab import RELATION_PROPERTIES

    mine = [s.name for s in kind.entity_slots]
    if rel.get("property") not in RELATION_PROPERTIES:
        raise DataError(f"{at}.implies_relation.property: {rel.get('property')!r} is not one of: "
                        + ", ".join(RELATION_PROPERTIES))
    for end in ("subject", "object"):
        if rel.get(end) not in mine:
            raise DataError(f"{at}.implies_relation.{end}: {rel.get(end)!r} must be one of " + ", ".join(mine))
    if not rel.get("lemmas"):
        raise DataError(f"{at}.implies_relation.lemmas: name the predicates that state the relation")
    rel["lemmas"] = frozenset(str(x).lower() for x in rel["lemmas"])
    rel["subject_types"] = frozenset(rel.get("subject_types") or ())
    rel["object_types"] = frozenset(rel.get("object_types") or ())
    return rel


def _check_implies(at: str, kind, implies: dict, kinds) -> dict:
    other = kinds.get(implies.get("kind"))
    if other is None:
        raise DataError(f"{at}.implies.kind: {implies.get('kind')!r} is not one of kinds.yaml: {', '.join(kinds)}")
    mine = [s.name for s in kind.entity_slots]
    for to, frm in dict(implies.get("slots") or {}).items():
        if to not in [s.name for s in other.entity_slots] or frm not in mine:
            raise DataError(f"{at}.implies.slots: {to!r}: {frm!r} must map an entity slot of {other.name} to one of "
                            + ", ".join(mine))
    for to, frm in dict(implies.get("names") or {}).items():
        if to not in [s.name for s in other.literal_slots] or frm not in mine:
            raise DataError(f"{at}.implies.names: {to!r}: {frm!r} must map a literal slot of {other.name} to one of "
                            + ", ".join(mine))
    return implies


def implied(ctx: ExtractContext, frame, kind_name: str, kind: Mapping, fact: EventFact) -> EventFact | None:
    """The record an event told as done implies (``emit.implies``): "Kestrel bought Varden in 2016", "the unit came
    with its purchase of Varden" (a past-tense verb, or an event noun under one) is also Kestrel's offer for Varden,
    which Varden took (status ``completed``). An event with a status of its own implies the record with the status
    ``statuses`` maps it to ("the regulator blocked the planned merger of A and B": A's offer for B, blocked), or
    nothing; one told in the present or future ("is buying", "will buy") implies nothing."""
    spec = emit_spec(kind_name, kind.get("emit")).get("implies")
    status = (spec or {}).get("status") if fact.status is None else dict((spec or {}).get("statuses") or {}).get(fact.status)
    if not spec or status is None or fact.status is None and not _told_as_done(frame):
        return None
    slots: dict[str, Any] = {to: fact.entities(frm) for to, frm in spec["slots"].items()}
    if not all(slots.values()):
        return None
    for to, frm in dict(spec.get("names") or {}).items():
        slots[to] = ctx.entities[fact.entities(frm)[0]].best_name
    return make_event(spec["kind"], evidence=fact.evidence, date=fact.date, date_text=fact.date_text,
                      status=status, **slots)


def implied_relations(ctx: ExtractContext, frame, kind_name: str, kind: Mapping, fact: EventFact) -> list[Relation]:
    """The relations an event told as done states (``emit.implies_relation``): "Halvik Kredit, which Tessaly bought
    in 2015", "Tessaly grew by acquiring Halvik", "completed its purchase of Halvik": Halvik is Tessaly's subsidiary.
    Not a merger of two ("merged with"), not an event with a status of its own (agreed, abandoned) or to come."""
    spec = emit_spec(kind_name, kind.get("emit")).get("implies_relation")
    if not spec or fact.status is not None or frame.lemma not in spec["lemmas"] or not _told_as_done(frame):
        return []
    if sold_again(frame.trigger):
        return []  # "bought X in 2001 and sold it in 2010": no longer its
    out = []
    for s in fact.entities(spec["subject"]):
        for o in fact.entities(spec["object"]):
            subj, obj = ctx.entities[s], ctx.entities[o]
            if s != o and (not spec["subject_types"] or subj.type in spec["subject_types"]) and (
                    not spec["object_types"] or obj.type in spec["object_types"]):
                out.append(Relation(s, spec["property"], o, fact.evidence))
    return out


def _told_as_done(frame) -> bool:
    """Whether the frame's predicate is told in the past: a past-tense verb ("bought", "was acquired in 2012") or,
    for an event noun, the verb it hangs from ("came with its purchase of X", "formed by the 2014 merger")."""
    lex = frame_lexicon()
    if frame.hypothetical or set(frame.modality) & {*lex["modals"], *lex["future"], *lex["negative_verbs"]}:
        return False  # "would buy", "plans to buy", "refused to buy" (not "became X when it bought Y")
    tok = clause_verb(frame.trigger)
    if tok.tag_ == "VBG" and tok.dep_ == "pcomp" and tok.head.lower_ in ("by", "after") and tok.head.head.pos_ == "VERB":
        tok = tok.head.head  # "has grown by acquiring Y": the tense of the verb it serves
    if tok.pos_ not in ("VERB", "AUX") or any(c.lemma_ in ("will", "shall") for c in tok.children):
        return False
    if frame.kind == "noun" and frame.trigger.dep_ in ("nsubj", "nsubjpass") and frame.trigger.head.i == tok.i and \
            tok.lemma_.lower() not in (lex.get("happened_verbs") or ()):
        return False  # "its merger with X was off", "the purchase was blocked": not told as having happened
    return tok.tag_ in _PAST_TAGS and not any(c.dep_ == "aux" and c.tag_ in ("VBZ", "VBP", "MD") and c.lemma_ != "have"
                                              for c in tok.children)


def emit(ctx: ExtractContext, di: int, frame, kind_name: str, kind: Mapping, agents: list, patients: list,
         text: str, sent, status: str | None) -> EventFact:
    """The record of one event frame of ``kind_name`` (``kind``: its entry of event_kinds.yaml) told by ``sent``."""
    spec = emit_spec(kind_name, kind.get("emit"))
    date, date_text = sentence_date(ctx, sent)
    if spec.get("date") == "clause":
        # "It bought X in 2021 and acquired Y in 2023": the acquisition of Y is the 2023 one
        anchor = frame.light if frame.light is not None else frame.trigger
        own = sentence_date(ctx, anchor.doc[anchor.left_edge.i : anchor.right_edge.i + 1])
        if own[0] is not None:
            date, date_text = own
    if spec.get("agent_as") == "government":
        agents = _unique(ctx.as_actor(e) for e in agents)
    if spec.get("patient_as") == "country":
        patients = [e for e in _unique(as_country(ctx, e) for e in patients) if e not in agents]
    if spec.get("first_agent"):
        agents = agents[:1]
    told = Told(ctx, di, frame, agents, patients, text, frozenset(kind.get("measure_words", ())))
    slots: dict[str, Any] = {spec["agent"]: tuple(e.local_id for e in agents),
                             spec["patient"]: tuple(e.local_id for e in patients)}
    for slot, params in spec["fill"].items():
        slots[slot] = FILLERS[params["filler"]](told, params)
    for said, rx in spec["status_from_text"].items():
        if rx.search(text) and not (status in _NOT_DONE and said in _DONE):
            status = said  # "withdrew its offer": withdrawn; but "could lift its freeze" stays a proposal
            break
    if status is None and spec.get("done_status") and _told_as_done(frame) and asserted(frame) and (
            frame.kind == "verb" or clause_verb(frame.trigger).lemma_.lower() in (spec.get("done_verbs") or ())):
        status = spec["done_status"]  # "sold its unit to X in 2010", "completed the sale of its unit": it happened
    return make_event(record_kind(kind_name, kind), evidence=text, date=date.value if date else None, date_text=date_text, status=status,
                      **slots)


def _unique(items) -> list:
    out: list = []
    for x in items:
        if x not in out:
            out.append(x)
    return out

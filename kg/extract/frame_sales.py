"""The parties and the thing of a sale (the ``sale`` kind of ``event_kinds.yaml``, whose records are the seller's
offers): "Kestrel Foods sold its pizza unit to Varden Dairies", "the sale of Kestrel's pizza arm to Varden".

What is sold must be a business, not goods: one of the kind's ``things`` (a business, a unit, a stake, a brand)
or a named company, and not counted ("50,000 units", "its one millionth unit"), not a bare plural ("units",
"shares", "franchises"), not a share of something that is no company ("its share of the gas output", "its
holdings of government bonds"); a share, a holding or an interest only in a named company; a unit only one that is
someone's ("its pizza unit"). The buyer is whom it is sold to, never the thing ("sold Orlan a stake in Varden":
Orlan buys). The seller is the clause's subject; for the noun, its possessor or its "by" phrase, else the owner of
what is sold ("its signalling business"), unless "its" could be either of two organisations named before it.
Used by :mod:`kg.extract.frame_events` and the ``thing`` filler of :mod:`kg.extract.event_emit`.
"""
from __future__ import annotations

from kg.extract.context import ExtractContext
from kg.extract.frame_kinds import denied
from kg.extract.frames import Frame
from kg.nlp.registry import LocalEntity

_HOLDINGS = frozenset({"share", "holding", "interest"})
_COUNTED = frozenset({"CARDINAL", "ORDINAL", "QUANTITY", "MONEY", "PERCENT"})


def sold_thing(frame: Frame):
    """The token of what the sale's predicate sells: its object (not the one sold to: "sold Orlan a stake"), a
    passive's subject ("its division was sold to X"), or the noun's "of" phrase."""
    buyers = {t.i for t in frame.role("recipient")}
    passive = frame.kind == "verb" and any(c.dep_ in ("auxpass", "nsubjpass") for c in frame.trigger.children)
    # "its cheese division was sold to X": the passive's subject
    for tok in [*frame.role("object"), *(frame.role("patient") if frame.kind == "noun" or passive else ())]:
        if tok.lower_ in ("which", "that"):
            # "COMDEX, the trade show, which he sold to SoftBank": what the relative clause is on
            tok = next((p for p in frame.role("patient") if p.i < tok.i and p.i not in buyers), tok)
            left = tok.left_edge.i
            if tok.pos_ == "NOUN" and left >= 2 and tok.doc[left - 1].text == "," and tok.doc[left - 2].pos_ == "PROPN":
                tok = tok.doc[left - 2]  # the name the noun describes, however the parser hung it
        if tok.i not in buyers and tok.dep_ != "dative":
            return tok
    return None


def _goods(ctx: ExtractContext, di: int, thing, things) -> bool:
    """Whether what is sold is goods or securities, not a business (see the module's docstring)."""
    named = ctx.entity_at(di, thing)
    if named is not None:
        return named.type not in ("Company", "Organization")  # "sold COMDEX, the trade show, to SoftBank"
    lemma = thing.lemma_.lower()
    if lemma not in things or thing.like_num or any(
            c.like_num or c.ent_type_ in _COUNTED or c.dep_ in ("nummod", "quantmod") for c in thing.children):
        return True  # "50,000 units", "its one millionth unit"
    owned = any(c.dep_ == "poss" for c in thing.children)
    if thing.tag_ == "NNS" and not owned:
        return True  # "sold units to X", "sold franchises"
    if lemma == "unit" and (thing.tag_ == "NNS" or not owned):
        return True  # "its air-defence units", "a unit in the tower"
    of = [p for c in thing.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children if p.dep_ == "pobj"]
    if any((e := ctx.entity_at(di, p)) is None or e.type != "Company" for p in of):
        return True  # "its share of the gas output", "its holdings of bonds"
    if lemma in _HOLDINGS:
        inside = [p for c in thing.children if c.dep_ == "prep" and c.lower_ == "in" for p in c.children
                  if p.dep_ == "pobj"]
        return not any((e := ctx.entity_at(di, p)) is not None and e.type in ("Company", "Organization")
                       for p in inside)
    return False


def _owner(ctx: ExtractContext, di: int, thing) -> LocalEntity | None:
    """Whose the thing is: its named possessor, or what "its" stands for when one organisation only is named before
    it in the sentence ("Halden advised Kestrel on the sale of its unit": Halden's or Kestrel's, so nobody's)."""
    poss = next((c for c in thing.children if c.dep_ == "poss"), None)
    if poss is None:
        return None
    if poss.lower_ not in ("its", "their"):
        return ctx.entity_at(di, poss)
    before = ctx.entities_in(di, thing.doc[thing.sent.start : poss.i], ("Company", "Organization", "GovernmentBody"))
    return ctx.possessor_org(di, poss) if len(before) <= 1 else None


def sale_parties(ctx: ExtractContext, di: int, frame: Frame, kind: dict, agent_toks: list) -> tuple[list, list, object]:
    """(seller tokens, buyer tokens, owner of what is sold) of a sale frame; nothing when goods are sold."""
    thing = sold_thing(frame)
    if thing is None or _goods(ctx, di, thing, kind["things"]) or denied(frame):
        return [], [], None  # goods; "denied reports that it had sold its unit"
    buyers = [*frame.role("recipient"), *frame.role("prep:to")]
    if frame.kind == "noun":  # "the sale of its unit to X": the parser may hang "to X" anywhere
        buyers += [t for t in frame.role("patient") if t.i > thing.i]
        trigger = frame.trigger
        sellers = [c for c in trigger.children if c.dep_ == "poss"]
        sellers += [p for c in trigger.children if c.dep_ == "prep" and c.lower_ == "by" for p in c.children
                    if p.dep_ == "pobj"]
        agent_toks = sellers  # who advised on, opposed or financed the sale does not sell
    return agent_toks, buyers, (_owner(ctx, di, thing) if not agent_toks else None)

"""The relations a frame states: a relation kind's property between its agents and patients ("Microsoft owns
GitHub"), and the role an appointment or a removal gives ("appointed X as chief executive", "removed X as its
chairman": the person held the title in the organisation). Used by :mod:`kg.extract.frame_events`; the kinds
are ``kg/knowledge/data/event_kinds.yaml``."""
from __future__ import annotations

from collections.abc import Iterator

from kg.extract.context import ExtractContext
from kg.extract.facts import Relation
from kg.extract.frames import Frame
from kg.extract.titles import find_titles, head_role, most_specific


def relations(ctx: ExtractContext, spec: dict, agents, patients, text: str, word: str) -> Iterator[Relation]:
    """The relation a relation kind states, between each agent and patient not already related so."""
    prop, inverse = spec["property"], spec.get("inverse", False)
    known: dict[tuple[int, int], set[str]] = {}
    for f in ctx.facts:
        if isinstance(f, Relation):
            known.setdefault((f.subject, f.object), set()).add(f.predicate)
    for a in agents:
        for p in patients:
            s, o = (p, a) if inverse else (a, p)
            role, body = head_role(ctx, prop, word, o)  # "is led by X": a company's chief executive
            said = known.get((s.local_id, o.local_id), set())
            # another role of the same pair is news ("founded and chairs"); the same or a vaguer one is not
            if not ({role} | _IMPLIED_BY.get(role, set())) & said and s is not o and body.type != "Country":
                yield Relation(subject=s.local_id, predicate=role, object=body.local_id, evidence=text)


def title_of(frame: Frame, kind: dict) -> tuple[str, list[str]] | None:
    """(title as written, role properties) of an appointment: "as chief executive", also told on the verb the
    appointment is to do ("named X to succeed Y as chief executive": ``title_via`` verbs)."""
    for prep in kind.get("title_preps", ()):
        via = [p for c in frame.trigger.children if c.dep_ == "xcomp" and c.lemma_.lower() in kind.get("title_via", ())
               for a in c.subtree if a.dep_ == "prep" and a.lower_ == prep and (a.head.i == c.i or a.head.head.i == c.i)
               for p in a.children if p.dep_ == "pobj"]  # "as" on the verb or on its object ("succeed Y as CEO")
        for tok in [*frame.role(f"prep:{prep}"), *via]:
            words = [t for t in tok.subtree if not t.is_punct]
            lowered = [t.lower_ for t in words]
            found = [(start, end, props) for start, end, props in find_titles(lowered) if props]
            if found:
                title = " ".join(t.text for t in words[found[0][0]:found[-1][1]])
                return title, most_specific([p for _, _, props in found for p in props])
    return None


def roles(ctx: ExtractContext, frame: Frame, spec: dict, agents, patients, text: str, *,
          part: bool = False) -> Iterator[Relation]:
    """The role an appointment gives: the person appointed holds the title in the appointing organisation (works
    for it, with a title in a ``part`` of it: "named X as head of its cloud division")."""
    found = title_of(frame, spec)
    if found is None:
        return
    title, props = found
    props = ["employeeOf"] if part else props
    people = [e for e in patients if e.type == "Person"]
    for person in people:
        for org in agents:
            # the appointment's title says the role: a vaguer one read from the same sentence ("the head of its
            # trucks business" -> headOf) gives way
            said = [i for i, f in enumerate(ctx.facts) if isinstance(f, Relation) and f.evidence == text
                    and (f.subject, f.object) == (person.local_id, org.local_id)]
            if any(ctx.facts[i].predicate == props[0] for i in said):
                continue
            for i in reversed(said):
                del ctx.facts[i]
            yield Relation(subject=person.local_id, predicate=props[0], object=org.local_id, evidence=text,
                           title=title)


def title_org(ctx: ExtractContext, di: int, frame: Frame, spec: dict):
    """The organisation an appointment's title names itself ("appointed X as chairman of Microsoft", "as
    Microsoft's chief executive"), whoever appoints (a board, shareholders); False when the title is in a part of
    an organisation that no name gives ("as chairman of its audit committee": no role in the appointing company);
    else None."""
    for prep in spec.get("title_preps", ()):
        for tok in frame.role(f"prep:{prep}"):
            inside = {x.i for x in tok.subtree}
            for t in tok.subtree:
                holder = t.head.head if t.dep_ == "pobj" and t.head.lower_ in ("of", "at") else (
                    t.head if t.dep_ == "poss" else None)
                if holder is None or holder.i not in inside:
                    continue
                ent = ctx.entity_at(di, t)
                if ent is not None and ent.type in ("Company", "Organization", "GovernmentBody"):
                    return ent
                if ent is None and t.pos_ == "NOUN" and t.dep_ == "pobj" and t.lemma_.lower() not in _WHOLE:
                    return False
    return None


# what an appointing body is itself in a title's "of" phrase ("chairman of the board", "of the company")
_WHOLE = frozenset({"board", "company", "group", "firm", "bank", "directors", "business", "corporation"})

# the relations a pair's told relation already covers: "ceoOf" says "headOf" and "employeeOf"; a head role
# told with its title ("led by chairman X": headOf) is not made a chief executive's by the verb
_IMPLIED_BY = {"headOf": {"ceoOf"}, "ceoOf": {"headOf"}, "employeeOf": {"ceoOf", "headOf"},
               "affiliatedWith": {"ceoOf", "headOf", "employeeOf", "founderOf", "memberOf"}}

"""The entities that fill an event frame's slot (:mod:`kg.extract.frame_events`): the names its argument tokens stand
for, through relative pronouns, a body of an organisation ("the board of X"), a stake ("70 percent of Sprint"), an
apposition ("Kingdom Holding, the investment firm he chairs") and, where the kind says the slot names an actor, a
proper noun no entity covers yet (discovered, or retyped from a person the model guessed)."""
from __future__ import annotations

from kg.extract.antecedents import relative_antecedent
from kg.extract.common import conjuncts, entities_of_np, entity_of_token
from kg.extract.context import ExtractContext
from kg.extract.frame_nouns import RELATIVE_PRONOUNS, frame_lexicon, traded
from kg.extract.sanction_parties import sector_targets
from kg.knowledge.entity_rules import load_entity_rules, org_key
from kg.knowledge.places import country_of_city, country_of_place
from kg.nlp.descriptions import discover_entity, qualified_place_before
from kg.nlp.people import opens_with_given_name
from kg.nlp.registry import LocalEntity

_BODY_NOUNS = frozenset({"board", "shareholders", "directors", "owners", "investors", "management"})

def is_actor_name(ctx: ExtractContext, di: int, tok) -> bool:
    """A name modifying an event noun acts ("US sanctions", "EU ban") when it is a country or a body."""
    ent = ctx.entity_at(di, tok)
    return ent is not None and ent.type in ("Country", "GovernmentBody")


def slot_entities(ctx: ExtractContext, di: int, toks, types, kind: dict, slot: str, *,
                  retype: bool = False, makers: bool = False, within=None) -> list[LocalEntity]:
    """The entities of a slot's argument tokens; a proper noun no entity covers becomes one when the kind says
    the slot names an actor (``discover``), and an untyped organisation takes the slot's class (``promote``); with
    ``makers``, goods no entity names stand for their makers ("gloves made by X", held at a border). ``within``: the
    frame's own tokens for the slot, which already hold the conjuncts the frame's clause reaches ("owns the chain,
    which it bought in 2017, and Lumio Bank": the bank was not bought)."""
    out: list[LocalEntity] = []
    for tok in toks:
        place = next((c for c in tok.children if c.dep_ == "appos" and c.pos_ == "NOUN" and qualified_place_before(c)),
                     None) if tok.pos_ == "PROPN" else None
        if place is not None:
            tok = place  # "The Kenilworth, New Jersey-based company will pay": the company, not the town
        if tok.lower_ in RELATIVE_PRONOUNS:
            tok = _relative_head(tok)
            if tok is None:
                continue
        if tok.pos_ == "NOUN" and tok.lemma_.lower() in _BODY_NOUNS:
            # "the supervisory board of Deutsche Bahn", "Nidec's board": the organisation it is the body of
            owner = next((p for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"
                          for p in c.children if p.dep_ == "pobj"), None) or next(
                (c for c in tok.children if c.dep_ == "poss"), None)
            named = any(c.dep_ in ("compound", "nmod", "amod") and c.pos_ == "PROPN" for c in tok.children)
            if owner is None and not named and any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children) or (
                    owner is not None and owner.pos_ == "NOUN" and ctx.entity_at(di, owner) is None):
                # "The board named X as chief executive", "the company's board": of the one company named near it
                whose = entity_of_token(ctx, di, tok if owner is None else owner)
                out += [whose] if whose is not None and whose.type in types and whose not in out else []
                continue
            tok = owner if owner is not None else tok
            if tok.lower_ in ("its", "their"):  # "Its supervisory board is chaired by X": what "its" stands for
                whose = ctx.possessor_org(di, tok, ("Company", "Organization"))
                out += [whose] if whose is not None and whose.type in types and whose not in out else []
                continue
        if kind.get("through_stakes") and {tok.lemma_.lower(), tok.lower_} & set(frame_lexicon().get("stake_nouns", ())):
            # "pay $20bn for 70 percent of Sprint", "a bid for a majority stake in X": what the stake is in
            tok = next((p for c in tok.children if c.dep_ == "prep" and c.lower_ in ("of", "in")
                        for p in c.children if p.dep_ == "pobj"), tok)
        if tok.dep_ == "appos" and tok.pos_ == "NOUN":
            # "Kingdom Holding, the investment firm he chairs": the name the noun describes, which in a list is
            # the one right before the comma whatever the parse ("A, B and C, a network owned by X": C)
            left = tok.left_edge.i
            doc = tok.doc
            near = doc[left - 2] if left >= 2 and doc[left - 1].text == "," else None
            if near is not None and ctx.entity_at(di, near) is not None:
                tok = near
            elif ctx.entity_at(di, tok.head) is not None:
                tok = tok.head
        if kind.get("named_only") and slot == "agent" and kind.get("pronoun_agent") and tok.lower_ == "it" \
                and tok.dep_ in ("nsubj", "nsubjpass") and tok.i == tok.sent.start:
            # "Allianz is a German insurer. It owns Pimco": a sentence's opening "It" is the company told before
            whose = ctx.previous_subject(di, tok.sent, types)
            out += [whose] if whose is not None and whose.type in types and whose not in out else []
            continue
        if kind.get("named_only"):
            # a relation is read between names only: "it" and "the company" are too often another one
            # ... or a name in apposition to a noun ("owned by the Swiss group Almhof")
            found = [e for t in (tok, *(c for c in tok.children if c.dep_ in ("compound", "flat") or (
                c.dep_ == "appos" and c.pos_ == "PROPN" and tok.pos_ == "NOUN"))) if (e := ctx.entity_at(di, t)) is not None][:1]
        else:
            found = entities_of_np(ctx, di, tok)
            if within is not None:
                kept = {t.i for t in within}
                stray = {id(e) for c in conjuncts(tok) if c.i not in kept and (e := ctx.entity_at(di, c)) is not None}
                found = [e for e in found if id(e) not in stray]
        if makers:
            # "gloves made by Top Glove are to be held at US ports": goods stand for their maker, and only goods
            # do ("held Kadi at the border for questioning", "grain from Ukraine was held at the border": no measure)
            out += [e for e in (_makers(ctx, di, tok) if tok.pos_ == "NOUN" else []) if e not in out]
            continue
        if not found and slot == "patient" and "Country" in types and traded(tok):
            found = sector_targets(ctx, di, tok)  # "halted imports of Australian coal": the goods' country
        if not found and tok.pos_ == "PROPN" and slot in (kind.get("discover") or {}) and not _known_place(tok):
            person = _person_named(ctx, tok.text)
            new = person or discover_entity(ctx.registry, di, tok, kind["discover"][slot])
            found = [new] if new is not None else []
        for e in found:
            if retype and e.type == "Person" and "Person" not in types and e.gaz_id is None \
                    and slot in (kind.get("discover") or {}) \
                    and not opens_with_given_name(e.best_name, load_entity_rules()) and all(
                        len(n.split()) > 1 for n in e.names if e.names[n] > 0):
                # "Halvik Kredit, majority owned by X": a name no given name opens, in a slot only organisations fill
                # (not a "person" that one-word names joined as its parts: "Carlsberg" and "Britvic" of one)
                e.type = types[0]
                e.key = f"Organization:{org_key(e.best_name)}"
            promoted = (kind.get("promote") or {}).get(slot)
            if promoted and e.type == "Organization" and e.gaz_id is None:
                e.type = promoted
            if e.type in types and e not in out:
                out.append(e)
    return out


def _person_named(ctx: ExtractContext, word: str) -> LocalEntity | None:
    """The one person of the article whose name ends with ``word`` ("Abramovich" in a headline)."""
    people = [e for e in ctx.entities if e.type == "Person" and any(n.split()[-1] == word for n in e.names if n)]
    return people[0] if len(people) == 1 else None


def _relative_head(tok):
    t = tok
    for _ in range(6):
        if t.dep_ == "relcl":
            return relative_antecedent(t)
        if t.head.i == t.i:
            return None
        t = t.head
    return None


_MAKING = frozenset({"make", "produce", "manufacture", "build", "grow", "supply", "ship", "export"})


def _makers(ctx: ExtractContext, di: int, goods) -> list[LocalEntity]:
    """The companies whose goods a noun names: "gloves made by X", "X's gloves", "gloves from X" (an organisation,
    not a country: "fish from Norway" is trade with Norway)."""
    toks = [p for c in goods.children if c.dep_ == "acl" and c.lemma_.lower() in _MAKING
            for a in c.children if a.dep_ == "agent" for p in a.children if p.dep_ == "pobj"]
    toks += [c for c in goods.children if c.dep_ == "poss"]
    toks += [p for c in goods.children if c.dep_ == "prep" and c.lower_ == "from" for p in c.children if p.dep_ == "pobj"]
    out = [e for c in goods.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children
           if p.dep_ == "pobj" and p.pos_ == "NOUN" for e in _makers(ctx, di, p)]  # "shipments of gloves made by X"
    for t in toks:
        ent = ctx.entity_at(di, t) or (ctx.possessor_org(di, t, ("Company",)) if t.lower_ in ("its", "their") else None)
        if ent is None and t.pos_ == "NOUN":
            ent = entity_of_token(ctx, di, t)  # "the company's gloves"
        if ent is not None and ent.type in ("Company", "Organization") and ent not in out:
            out.append(ent)
    return out


def _known_place(tok) -> bool:
    """A name the model tagged as a place that the place lists know ("took over Kabul"): no actor to discover."""
    if tok.ent_type_ not in ("GPE", "LOC", "FAC"):
        return False
    span = next((e for e in tok.doc.ents if e.start <= tok.i < e.end), None)
    text = span.text if span is not None else tok.text
    return country_of_place(text) is not None or country_of_city(text) is not None

"""Second names an article gives an entity: "China National Chemical Corporation, the state-owned group known as
ChemChina", "Naftna Industrija Srbije, known as NIS", "Sovcomflot, also known as SCF Group". The name after "known
as" (or "called", "dubbed") is the same entity as the name the phrase describes, directly or through its
apposition; both become one entity of the article, so every fact told of either is told of one node.

Runs once per article on its :class:`~kg.nlp.registry.EntityRegistry`, after the entities are in and before
short names are propagated. The cue words are data (``entity_rules.yaml``: ``alias_cues``).
"""
from __future__ import annotations

import functools

from kg.knowledge.lexicons import load_lexicon
from kg.nlp.registry import EntityRegistry, LocalEntity


def join_known_as(registry: EntityRegistry, docs: list) -> None:
    """Merge each "X, known as Y" pair of the article's entities into one (Y joins X; people with people, organisations
    with organisations)."""
    cues = _cues()
    for di, doc in enumerate(docs):
        if not any(t.lower_ in cues for t in doc):
            continue
        for tok in doc:
            if tok.lower_ not in cues or tok.dep_ not in ("acl", "relcl", "advcl", "conj") or tok.tag_ != "VBN":
                continue
            second = next((p for c in tok.children if c.dep_ == "prep" and c.lower_ == "as"
                           for p in c.children if p.dep_ == "pobj"), None) if tok.lower_ == "known" else \
                next((c for c in tok.children if c.dep_ in ("oprd", "dobj", "attr")), None)
            comma = tok.i > 0 and doc[tok.i - 1].text == "," or (tok.i > 1 and doc[tok.i - 1].lower_ in ("also", "better")
                                                                 and doc[tok.i - 2].text == ",")
            first = _described(registry, di, tok.head, comma)
            other = _entity(registry, di, second)
            if first is None or other is None or first is other:
                continue
            if (first.type == "Person") != (other.type == "Person"):
                if first.gaz_id or other.gaz_id:
                    continue
                # "Naftna Industrija Srbije, known as NIS": a name the model took for a person's, an organisation's
                first, other = (other, first) if first.type == "Person" else (first, other)
            if other.gaz_id and not first.gaz_id:
                first, other = other, first  # the gazetteer's entry keeps its identity
            elif other.gaz_id:
                continue  # two listed entries: the list knows better
            registry.merge_into(other, first)


@functools.lru_cache(maxsize=1)
def _cues() -> frozenset[str]:
    return frozenset(load_lexicon("entity_rules.yaml").get("alias_cues") or ())


def _entity(registry: EntityRegistry, di: int, tok) -> LocalEntity | None:
    if tok is None:
        return None
    lid = registry.token_entity.get((di, tok.i))
    return registry.entities[lid] if lid is not None else None


def _described(registry: EntityRegistry, di: int, head, comma: bool) -> LocalEntity | None:
    """The entity a "known as" phrase describes: the name it hangs on, or the name whose apposition it hangs on
    ("X, the state-owned group known as Y")."""
    if head.dep_ == "pobj" and head.head.lower_ in ("of", "at", "for", "with") and not comma:
        return None  # "X, a unit of Varden known as KF": the unit, most likely (not "the head of the Guard, known as")
    ent = _entity(registry, di, head)
    if ent is None and head.dep_ == "appos":
        ent = _entity(registry, di, head.head)
    if ent is None and head.lemma_.lower() == "group":  # "the Sovcomflot group, also known as SCF Group" (not "the
        ent = next((e for c in head.children if c.dep_ == "compound" and (e := _entity(registry, di, c))), None)  # X unit")
    start = head.left_edge.i
    if ent is None and head.pos_ == "NOUN" and start >= 2 and head.doc[start - 1].text == ",":
        ent = _entity(registry, di, head.doc[start - 2])  # an apposition the parser hung elsewhere
    return ent

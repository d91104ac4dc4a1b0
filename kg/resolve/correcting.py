"""Applying a corrections file (:mod:`kg.resolve.corrections`) during resolution, and recording what it did.

A :class:`CorrectionRun` acts at three points of a build, always in file order, so the result is deterministic:

1. :meth:`~CorrectionRun.correct_articles`, before resolution: a ``not-entity`` name's local entities become
   empty shells and the facts that need them go (a relation or quote naming one, an event whose slot named
   only dropped entities); a ``type`` name's entities get that class (and the resolution key of it); an
   ``alias`` of an entity that no article names but the gazetteer knows becomes that gazetteer entity.
2. :func:`kg.resolve.entities.resolve_entities` asks :meth:`~CorrectionRun.apart` which mentions a ``not-same``
   keeps apart (its union-find refuses to join them, whatever rule asks), and :meth:`~CorrectionRun.join`
   joins the mentions of ``same``, ``alias`` and ``type`` entries after its own rules.
3. :meth:`~CorrectionRun.settle` gives the resolved entities their corrected class and label, and notes which
   entities each entry touched; :meth:`~CorrectionRun.report` is the ``corrections`` part of ``report.json``.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field, replace

from kg.extract.facts import ArticleResult, EventFact, Relation, StatementFact
from kg.knowledge.gazetteer import Gazetteer
from kg.knowledge.kinds import load_kinds
from kg.nlp.registry import BUCKETS, LocalEntity
from kg.resolve.corrections import Correction, Corrections, name_key
from kg.resolve.entities import Resolution, merge_entities

Node = tuple[int, int]  # (article index, local entity id)
NAME, OTHER = 0, 1  # the two sides of an entry: its name, and its other name (same, not-same, alias)


@dataclass
class Outcome:
    """What one entry did in this build."""

    entry: Correction
    kept: bool  # from the store's kept corrections, not the file given to this build
    sources: dict[int, set[str]] = field(default_factory=lambda: {NAME: set(), OTHER: set()})
    mentions: int = 0  # mentions dropped (not-entity) or retyped (type)
    entities: set[str] = field(default_factory=set)  # labels of the entities it shaped
    blocked_by: set[str] = field(default_factory=set)  # not-same entries that refused one of its joins
    kept_apart: bool = False  # not-same: it refused a join the resolver wanted
    named_only: bool = False  # alias of an entity nobody names: the node takes the name
    gazetteer: str | None = None  # alias resolved through the gazetteer

    def matched(self) -> bool:
        """True when every name of the entry was found in this build."""
        needs_other = self.entry.judgement in ("same", "not-same")
        return bool(self.sources[NAME]) and (bool(self.sources[OTHER]) or not needs_other)


class CorrectionRun:
    """One build's use of a corrections file (see the module docstring)."""

    def __init__(self, corrections: Corrections, gaz: Gazetteer, *, kept: Collection[Correction] = ()):
        self.corrections = corrections
        self.gaz = gaz
        self.outcomes = [Outcome(e, kept=e in kept) for e in corrections.entries]
        self.keys = [(name_key(e.name), name_key(e.other) if e.other and e.judgement != "type" else None)
                     for e in corrections.entries]
        self.by_name: dict[str, list[int]] = defaultdict(list)  # name key -> the entries whose name it is
        for j, (key, _other) in enumerate(self.keys):
            self.by_name[key].append(j)
        self.matches: dict[tuple[int, int], list[Node]] = {}
        self.retyped: dict[Node, int] = {}  # node -> the type entry that classed it
        self.anchors: dict[Node, int] = {}  # node -> the alias entry whose entity it names
        self.renamed: dict[Node, int] = {}  # node -> the alias entry whose name it takes (entity named nowhere)

    # -- 1. before resolution -------------------------------------------------------------------------
    def correct_articles(self, results: Sequence[ArticleResult], *, fixed: Collection[int] = ()
                         ) -> list[ArticleResult]:
        """The articles with ``not-entity``, ``type`` and gazetteer ``alias`` entries applied.

        Args:
            fixed: indices of articles to read but not change (an incremental build's store, article 0).
        """
        named = {k for ai, r in enumerate(results) for ent in r.entities for k in self.entity_keys(ent)}
        out = []
        for ai, result in enumerate(results):
            if ai in fixed:
                out.append(result)
                continue
            entities, dropped = [], set()
            for ent in result.entities:
                entities.append(self._correct_entity(ai, ent, result.article.source, named, dropped))
            facts = without_entities(result.facts, dropped)
            out.append(replace(result, entities=entities, facts=facts) if dropped or entities != result.entities
                       else result)
        return out

    def _correct_entity(self, ai: int, ent: LocalEntity, source: str, named: set[str], dropped: set[int]
                        ) -> LocalEntity:
        for j in sorted({j for key in self.entity_keys(ent) for j in self.by_name.get(key, ())}):
            entry, outcome = self.corrections.entries[j], self.outcomes[j]
            if entry.judgement == "not-entity":
                outcome.sources[NAME].add(source)
                outcome.mentions += ent.mentions
                dropped.add(ent.local_id)
                return LocalEntity(local_id=ent.local_id, type=ent.type, key=f"{DROPPED}{ai}:{ent.local_id}",
                                   implicit=True)
            if entry.judgement == "type" and ent.type != entry.other:
                outcome.mentions += ent.mentions
                key = ent.key if ent.gaz_id else f"{BUCKETS[entry.other]}:{self.keys[j][0]}"
                return replace(ent, type=entry.other, key=key)
            if entry.judgement == "alias" and self.keys[j][1] not in named:
                hit = self.gaz.lookup(entry.other)
                if hit is not None:
                    outcome.gazetteer = hit.id
                    return replace(ent, type=hit.type, key=f"gaz:{hit.id}", gaz_id=hit.id)
        return ent

    def entity_keys(self, ent: LocalEntity) -> set[str]:
        """The name keys a local entity answers to: its names, and its gazetteer entry's name."""
        names = set(ent.names)
        if ent.gaz_id and ent.gaz_id in self.gaz.entries:
            names.add(self.gaz.entries[ent.gaz_id].name)
        return {name_key(n) for n in names} - {""}

    # -- 2. during resolution --------------------------------------------------------------------------
    def match(self, results: Sequence[ArticleResult]) -> None:
        """Find, for each entry and side, the local entities it names (called by resolution first)."""
        self.matches = {(j, side): [] for j in range(len(self.keys)) for side in (NAME, OTHER)}
        self.retyped, self.anchors, self.renamed = {}, {}, {}
        for outcome in self.outcomes:
            outcome.sources = {NAME: set(), OTHER: set()} if outcome.entry.judgement != "not-entity" \
                else outcome.sources
        wanted = defaultdict(list)
        for j, (name, other) in enumerate(self.keys):
            wanted[name].append((j, NAME))
            if other:
                wanted[other].append((j, OTHER))
        for ai, result in enumerate(results):
            for ent in result.entities:
                node = (ai, ent.local_id)
                for key in sorted(self.entity_keys(ent)):
                    for j, side in wanted.get(key, ()):
                        entry = self.corrections.entries[j]
                        if entry.judgement == "type" and ent.type != entry.other:
                            continue  # a store's entity of another class: kept as the store has it
                        if not self.matches[(j, side)] or self.matches[(j, side)][-1] != node:
                            self.matches[(j, side)].append(node)
                            self.outcomes[j].sources[side].add(result.article.source)
                        if entry.judgement == "type":
                            self.retyped.setdefault(node, j)
                        elif entry.judgement == "alias" and side == OTHER:
                            self.anchors.setdefault(node, j)

    def apart(self) -> dict[Node, set[tuple[int, int]]]:
        """For each local entity a ``not-same`` names: (entry, side) tags that its cluster may never join the
        other side of. An entity that answers to both names (one article wrote them as one) gets neither."""
        tags: dict[Node, set[tuple[int, int]]] = defaultdict(set)
        for j, entry in enumerate(self.corrections.entries):
            if entry.judgement != "not-same":
                continue
            both = set(self.matches[(j, NAME)]) & set(self.matches[(j, OTHER)])
            for side in (NAME, OTHER):
                for node in self.matches[(j, side)]:
                    if node not in both:
                        tags[node].add((j, side))
        return tags

    def refused(self, entries: set[int]) -> None:
        """Note that these ``not-same`` entries refused a join the resolver's own rules asked for."""
        for j in entries:
            self.outcomes[j].kept_apart = True

    def join(self, union: Callable[[Node, Node], int | None]) -> None:
        """Join what ``same``, ``alias`` and ``type`` entries say is one entity, in file order.

        ``union(a, b)`` joins two mentions' clusters and returns None, or the ``not-same`` entry that refused.
        """
        for j, entry in enumerate(self.corrections.entries):
            if entry.judgement not in ("same", "alias", "type"):
                continue
            nodes = self.matches[(j, NAME)] + (self.matches[(j, OTHER)] if entry.judgement != "type" else [])
            if entry.judgement != "type" and not (self.matches[(j, NAME)] and self.matches[(j, OTHER)]):
                if entry.judgement == "alias" and not self.outcomes[j].gazetteer:
                    for node in self.matches[(j, NAME)]:
                        self.renamed.setdefault(node, j)
                    self.outcomes[j].named_only = bool(self.matches[(j, NAME)])
                continue
            for node in nodes[1:]:
                blocker = union(nodes[0], node)
                if blocker is not None:
                    self.outcomes[j].blocked_by.add(self.corrections.entries[blocker].where)

    # -- 3. after resolution ---------------------------------------------------------------------------
    def settle(self, resolution: Resolution, results: Sequence[ArticleResult], *, fixed: Collection[int] = ()) -> None:
        """Give each resolved entity its corrected class and label, and note the entities each entry shaped.

        Args:
            resolution: the :class:`~kg.resolve.entities.Resolution` (its entities are updated in place).
            fixed: global ids to leave as they are (entities a store already holds under their IRI).
        """
        for outcome in self.outcomes:
            outcome.entities = set()
        for gent in resolution.entities:
            if gent.gid in fixed:
                continue
            nodes = gent.nodes
            anchors = [n for n in nodes if n in self.anchors]
            if anchors:
                anchor = merge_entities(gent.gid, [results[a].entities[i] for a, i in anchors],
                                        [a for a, _ in anchors], self.gaz)
                gent.type, gent.label, gent.gaz_id = anchor.type, anchor.label, anchor.gaz_id or gent.gaz_id
            renamed = sorted(self.renamed[n] for n in nodes if n in self.renamed)
            if renamed and not anchors and not gent.gaz_id:
                gent.label = self.corrections.entries[renamed[0]].other
            retyped = sorted(self.retyped[n] for n in nodes if n in self.retyped)
            if retyped:
                gent.type = self.corrections.entries[retyped[0]].other
        for (j, _side), nodes in self.matches.items():
            for node in nodes:
                gid = resolution.node_to_gid.get(node)
                if gid is not None:
                    self.outcomes[j].entities.add(resolution.entities[gid].label)

    def report(self) -> dict:
        """The ``corrections`` part of ``report.json``: each entry applied, or matched nothing (and why)."""
        applied, unmatched = [], []
        for o in self.outcomes:
            item = {"entry": o.entry.where, **o.entry.to_dict()}
            if o.kept:
                item["kept"] = True
            if not o.matched():
                missing = o.entry.name if not o.sources[NAME] else o.entry.other
                item["reason"] = f"no entity is named {missing!r}"
                unmatched.append(item)
                continue
            item["articles"] = sorted(o.sources[NAME] | o.sources[OTHER])
            item["result"] = self._result(o)
            applied.append(item)
        return {"applied": applied, "unmatched": unmatched}

    def _result(self, o: Outcome) -> str:
        labels = ", ".join(sorted(o.entities))
        kind = o.entry.judgement
        if kind == "not-entity":
            return f"dropped {o.mentions} mention(s)"
        if kind == "not-same":
            return ("kept apart: " if o.kept_apart else "already apart: ") + labels
        if o.blocked_by:
            return f"not joined: {', '.join(sorted(o.blocked_by))} says they are different; entities: {labels}"
        if kind == "type":
            return f"{o.entry.other}: {labels}"
        if kind == "alias" and o.gazetteer:
            return f"the gazetteer's {self.gaz.entries[o.gazetteer].name}"
        if kind == "alias" and o.named_only:
            return f"named {o.entry.other!r}, which no article names: {labels}"
        return ("one entity: " if len(o.entities) == 1 else "entities: ") + labels


DROPPED = "dropped:"  # the key of a local entity a not-entity entry dropped


def dropped_entities(entities: Sequence[LocalEntity]) -> set[int]:
    """The local ids of the entities :meth:`CorrectionRun.correct_articles` dropped."""
    return {e.local_id for e in entities if e.key.startswith(DROPPED)}


def without_entities(facts: Sequence, dropped: set[int]) -> list:
    """The facts as :meth:`CorrectionRun.correct_articles` keeps them once ``dropped`` are no entities (a fact
    that cannot stand without them goes): what a streaming build applies to an article's facts read again."""
    return [f for f in (_without(fact, dropped) for fact in facts) if f is not None]


def _without(fact, dropped: set[int]):
    """The fact without the dropped entities; None when it cannot stand without them."""
    if not dropped:
        return fact
    if isinstance(fact, Relation):
        return None if {fact.subject, fact.object} & dropped else fact
    if isinstance(fact, StatementFact):
        return None if fact.speaker in dropped else fact
    if isinstance(fact, EventFact):
        changes = {}
        for slot in load_kinds()[fact.kind].entity_slots:
            ids = fact.entities(slot.name)
            kept = tuple(i for i in ids if i not in dropped)
            if ids and not kept:
                return None  # "X sued NAND" is no lawsuit once NAND is no entity
            if kept != ids:
                changes[slot.name] = kept
        return fact.with_slots(**changes) if changes else fact
    return fact


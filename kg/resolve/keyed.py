"""Entity resolution over distinct name keys: the resolution :func:`kg.resolve.entities.resolve_entities` finds, in
memory that grows with the distinct (bucket, key) pairs of the corpus, not with its mentions.

What flows in: the local entities of each article, an article at a time and the articles in any order
(:meth:`KeyedMentions.add`). What flows out: the :class:`~kg.resolve.entities.Resolution` ``resolve_entities`` gives
(without a corrections file) for the articles in the order of their index, but for each entity's ``nodes``, left
empty (nothing after resolution reads them without corrections), and its ``articles``, an :class:`ArticleSet`.

Why it is the same: ``resolve_entities`` first joins every mention of one (bucket, key) to the first mention of it,
and its rules (:func:`~kg.resolve.entities.join_by_rules`) read only that first mention's entity, so a mention's
entity is its key's. Of each key this keeps the first mention's local entity and what making the entity reads of the
others (:func:`~kg.resolve.entities.make_entity`): names and their counts, the types written, gazetteer ids and
articles, with the first mention each came from, so that names and votes come in the order ``resolve_entities`` meets
them. Of each mention it keeps 12 bytes (article, local id, key) until the mentions are placed.
"""
from __future__ import annotations

from array import array
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from collections.abc import Set as AbstractSet

from kg.knowledge.gazetteer import Gazetteer
from kg.nlp.registry import LocalEntity
from kg.resolve.entities import GlobalEntity, NodeGids, Resolution, UnionFind, join_by_rules, make_entity

Order = tuple[int, int, int]  # (article index, local id, place among the entity's names): the order mentions are met


class ArticleSet(AbstractSet):
    """The articles of an entity, sorted in one array of 4-byte indices instead of a set's hash table (about 30 bytes
    an article); reads like the set it replaces (``in``, iteration, ``len``, equality with a set).

    >>> arts = ArticleSet([5, 1, 5])
    >>> list(arts), 5 in arts, 2 in arts, arts == {1, 5}
    ([1, 5], True, False, True)
    """

    __slots__ = ("_sorted",)

    def __init__(self, articles: Iterable[int] = ()):
        self._sorted = array("i", sorted(set(articles)))

    def __contains__(self, ai: object) -> bool:
        i = bisect_left(self._sorted, ai) if isinstance(ai, int) else len(self._sorted)
        return i < len(self._sorted) and self._sorted[i] == ai

    def __iter__(self) -> Iterator[int]:
        return iter(self._sorted)

    def __len__(self) -> int:
        return len(self._sorted)

    def __repr__(self) -> str:
        return f"ArticleSet({list(self._sorted)!r})"


class _Key:
    """What resolution keeps of one (bucket, key): its first mention and a summary of all of them."""

    __slots__ = ("first", "entity", "names", "votes", "gaz_ids", "articles")

    def __init__(self) -> None:
        self.first: tuple[int, int] | None = None  # the first mention (article index, local id)
        self.entity: LocalEntity | None = None  # its local entity: the one the rules read
        self.names: dict[str, list] = {}  # name -> [times written, the order it was first met]
        self.votes: dict[str, list] = {}  # type written (not implicit) -> [mentions, the first of them]
        self.gaz_ids: set[str] = set()
        self.articles = array("i")  # the articles of its mentions that are not implicit

    def add(self, ai: int, ent: LocalEntity) -> None:
        node = (ai, ent.local_id)
        if self.first is None or node < self.first:
            self.first, self.entity = node, ent
        for pos, (name, count) in enumerate(ent.names.items()):
            _tally(self.names, name, count, (*node, pos))
        if not ent.implicit:
            _tally(self.votes, ent.type, 1, (*node, 0))
            self.articles.append(ai)
        if ent.gaz_id:
            self.gaz_ids.add(ent.gaz_id)


def _tally(table: dict[str, list], item: str, count: int, order: Order) -> None:
    entry = table.get(item)
    if entry is None:
        table[item] = [count, order]
    else:
        entry[0] += count
        entry[1] = min(entry[1], order)


class KeyedMentions:
    """The local entities of ``articles`` articles as resolution needs them: a summary per (bucket, key) and, per
    mention, its article, local id and key in three arrays of 4-byte integers."""

    def __init__(self, articles: int):
        self._index: dict[tuple[str, str], int] = {}
        self.keys: list[_Key] = []
        self.sizes = array("i", [0]) * articles  # local ids of each article (its largest + 1)
        self._ai, self._local, self._key = array("i"), array("i"), array("i")

    def add(self, ai: int, entities: Iterable[LocalEntity]) -> None:
        """Note the local entities of article ``ai`` (each article once)."""
        for ent in entities:
            k = (ent.bucket, ent.key)
            at = self._index.get(k)
            if at is None:
                at = self._index[k] = len(self.keys)
                self.keys.append(_Key())
            self.keys[at].add(ai, ent)
            self._ai.append(ai)
            self._local.append(ent.local_id)
            self._key.append(at)
            self.sizes[ai] = max(self.sizes[ai], ent.local_id + 1)

    def resolve(self, gaz: Gazetteer) -> Resolution:
        """The corpus-wide entities (see the module's docstring); the mentions' arrays are let go."""
        order = sorted(range(len(self.keys)), key=lambda i: self.keys[i].first)  # keys as resolve_entities meets them
        keys = [self.keys[i] for i in order]
        rank = array("i", [0]) * len(keys)
        for r, i in enumerate(order):
            rank[i] = r
        uf = UnionFind()
        by_key = {(k.entity.bucket, k.entity.key): r for r, k in enumerate(keys)}
        join_by_rules(by_key, [k.entity for k in keys], uf, gaz)
        groups: dict[int, list[int]] = defaultdict(list)
        for r in range(len(keys)):
            groups[uf.find(r)].append(r)
        entities: list[GlobalEntity] = []
        gid_of = array("i", [0]) * len(keys)
        for root in sorted(groups):
            members = groups.pop(root)
            for r in members:
                gid_of[r] = len(entities)
            entities.append(_merge(len(entities), [keys[r] for r in members], gaz))
        node_to_gid = NodeGids(self.sizes)
        for ai, local, at in zip(self._ai, self._local, self._key):
            node_to_gid[(ai, local)] = gid_of[rank[at]]
        self._ai, self._local, self._key = array("i"), array("i"), array("i")
        return Resolution(entities, node_to_gid)


def _merge(gid: int, keys: list[_Key], gaz: Gazetteer) -> GlobalEntity:
    """The entity of these keys (the first of them met first): their names and votes in the order they were met."""
    names: dict[str, list] = {}
    votes: dict[str, list] = {}
    for k in keys:
        for name, (count, order) in k.names.items():
            _tally(names, name, count, order)
        for etype, (count, order) in k.votes.items():
            _tally(votes, etype, count, order)
    return make_entity(gid, names=_in_order(names), votes=_in_order(votes),
                       gaz_ids=set().union(*(k.gaz_ids for k in keys)), first=keys[0].entity,
                       articles=ArticleSet(a for k in keys for a in k.articles), gaz=gaz)


def _in_order(table: dict[str, list]) -> Counter:
    return Counter({item: count for item, (count, _order) in sorted(table.items(), key=lambda kv: kv[1][1])})

"""Entity resolution across articles: one global entity per real-world person, company, body or country.

Local entities merge on gazetteer id, normalised name, one-word person names that match exactly one full name,
acronyms, and type-consistent typos (edit distance 1-2 within blocks of names sharing a first letter, so the
cost stays near-linear). Out: a :class:`Resolution` from (article, local id) to :class:`GlobalEntity`.
"""
from __future__ import annotations

import re
from array import array
from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field

from rapidfuzz.distance import OSA

from kg.extract.facts import ArticleResult
from kg.knowledge.entity_rules import load_entity_rules, org_key
from kg.knowledge.gazetteer import Gazetteer, normalize_name
from kg.nlp.registry import BUCKETS

Node = tuple[int, int]  # (article index, local entity id)


class UnionFind:
    """Clusters of mentions. A cluster may carry ``apart`` tags ``(entry, side)`` from a corrections file's
    ``not-same`` entries: two clusters holding opposite sides of one entry are never joined."""

    def __init__(self, apart: dict | None = None) -> None:
        self.parent: dict = {}
        self.apart: dict = {node: set(tags) for node, tags in (apart or {}).items()}
        self.refused: set[int] = set()  # not-same entries that refused a join

    def find(self, x):
        # a mention never joined is its own cluster without an entry: most mentions of a large corpus
        parent = self.parent
        root = x
        while parent.get(root, root) != root:
            root = parent[root]
        while parent.get(x, x) != root:
            parent[x], x = root, parent[x]
        return root

    def union(self, a, b) -> int | None:
        """Join the clusters of ``a`` and ``b``; return None, or the not-same entry that forbids it."""
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return None
        tags_a, tags_b = self.apart.get(ra, set()), self.apart.get(rb, set())
        blockers = sorted(j for j, side in tags_a if (j, 1 - side) in tags_b)
        if blockers:
            self.refused.add(blockers[0])
            return blockers[0]
        # keep the smaller root so the result does not depend on call order
        lo, hi = sorted((ra, rb))
        self.parent[hi] = lo
        if tags_a or tags_b:
            self.apart[lo] = tags_a | tags_b
        return None


class NodeList(Sequence):
    """The mentions of one entity, (article index, local id) pairs, packed 8 bytes each in an array instead of a
    tuple of two ints apiece (about 80 bytes); read like the list of pairs it replaces.

    >>> nodes = NodeList([(0, 3), (12, 0)])
    >>> list(nodes), nodes[1], (0, 3) in nodes, len(nodes)
    ([(0, 3), (12, 0)], (12, 0), True, 2)
    """

    __slots__ = ("_packed",)

    def __init__(self, nodes: Iterable[Node] = ()):
        self._packed = array("q", [(a << 32) | local for a, local in nodes])

    def __getitem__(self, i):  # type: ignore[override]
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        v = self._packed[i]
        return v >> 32, v & 0xFFFFFFFF

    def __len__(self) -> int:
        return len(self._packed)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, (list, NodeList)) and list(self) == list(other)

    def __repr__(self) -> str:
        return f"NodeList({list(self)!r})"


@dataclass
class GlobalEntity:
    """One real-world entity across the corpus."""

    gid: int
    type: str
    label: str
    names: Counter = field(default_factory=Counter)
    gaz_id: str | None = None
    articles: set[int] = field(default_factory=set)
    nodes: list[Node] | NodeList = field(default_factory=list)

    @property
    def bucket(self) -> str:
        return BUCKETS[self.type]


class NodeGids:
    """Where each mention went: (article index, local id) -> global id, in one flat array of 4-byte ids (a row of
    ``sizes[a]`` slots for article ``a``) instead of a dict entry per mention, the largest of resolution's tables at
    100,000 articles. Reads like the dict it replaces (``[]``, ``get``, ``in``).

    >>> gids = NodeGids([2, 1])
    >>> gids[(0, 1)] = 7
    >>> gids[(0, 1)], gids.get((0, 0)), (1, 0) in gids, (5, 0) in gids
    (7, None, False, False)
    """

    def __init__(self, sizes: Sequence[int]):
        self._start = array("q", [0])
        for n in sizes:
            self._start.append(self._start[-1] + n)
        self._gid = array("i", [-1]) * self._start[-1]

    def _slot(self, node: Node) -> int:
        a, local = node
        if 0 <= a < len(self._start) - 1 and 0 <= local < self._start[a + 1] - self._start[a]:
            return self._start[a] + local
        return -1

    def __setitem__(self, node: Node, gid: int) -> None:
        slot = self._slot(node)
        if slot < 0:
            raise KeyError(node)
        self._gid[slot] = gid

    def get(self, node: Node, default: int | None = None) -> int | None:
        slot = self._slot(node)
        gid = self._gid[slot] if slot >= 0 else -1
        return default if gid < 0 else gid

    def __getitem__(self, node: Node) -> int:
        gid = self.get(node)
        if gid is None:
            raise KeyError(node)
        return gid

    def __contains__(self, node: object) -> bool:
        return isinstance(node, tuple) and self.get(node) is not None


@dataclass
class Resolution:
    """The corpus-wide entities, and where each article's local entity went."""

    entities: list[GlobalEntity]
    node_to_gid: dict[Node, int] | NodeGids

    def gid(self, article_index: int, local_id: int) -> int:
        return self.node_to_gid[(article_index, local_id)]


def _salient_words(name: str) -> list[str]:
    return [w for w in normalize_name(name).split() if len(w) > 1]


def resolve_entities(results: Sequence[ArticleResult], gaz: Gazetteer, *, judge=None) -> Resolution:
    """Merge the local entities of all articles into corpus-wide entities.

    Args:
        judge: a :class:`kg.resolve.correcting.CorrectionRun` (a user's corrections file), or None. Its
            ``not-same`` entries keep mentions apart whatever rule would join them; its ``same``, ``alias``
            and ``type`` entries join mentions after the rules; its classes and labels are settled last.
    """
    if judge is not None:
        judge.match(results)
    uf = UnionFind(judge.apart() if judge is not None else None)
    by_key: dict[tuple[str, str], Node] = {}
    local = _Mentions(results)
    for ai, res in enumerate(results):
        for ent in res.entities:
            node = (ai, ent.local_id)
            uf.find(node)
            k = (ent.bucket, ent.key)
            if k in by_key:
                uf.union(by_key[k], node)
            else:
                by_key[k] = node
    join_by_rules(by_key, local, uf, gaz)

    if judge is not None:
        judge.join(uf.union)
        judge.refused(uf.refused)
    groups: dict[Node, list[Node]] = defaultdict(list)
    for node in local:
        groups[uf.find(node)].append(node)
    entities: list[GlobalEntity] = []
    node_to_gid = NodeGids([max((e.local_id for e in r.entities), default=-1) + 1 for r in results])
    for root in sorted(groups):
        members = sorted(groups.pop(root))  # each group and its mentions' entries go once its entity is made
        gent = merge_entities(len(entities), [local[m] for m in members], [m[0] for m in members], gaz)
        gent.nodes = NodeList(members)
        entities.append(gent)
        for m in members:
            node_to_gid[m] = gent.gid
    resolution = Resolution(entities, node_to_gid)
    if judge is not None:
        judge.settle(resolution, results)
    return resolution


def join_by_rules(by_key: Mapping[tuple[str, str], Hashable], local, uf: UnionFind, gaz: Gazetteer) -> None:
    """Join, in ``uf``, the mentions the rules say are one entity, beyond those of one (bucket, key).

    Args:
        by_key: (bucket, key) -> the first mention of it, in the order the mentions were met (the order decides which
            of two organisations written alike an acronym or typo goes to).
        local: the local entity of a mention (``local[mention]``): the rules read only the first mention of each key.
        uf: the clusters of mentions; each key's mentions already joined to its first.
    """
    rules = load_entity_rules()
    # a one-word "person" that is an organisation's name elsewhere ("Zentrix" tagged PERSON once)
    for (bucket, key), node in list(by_key.items()):
        if bucket == "Person" and not local[node].gaz_id and " " not in key.split(":", 1)[1]:
            org = by_key.get(("Organization", "Organization:" + key.split(":", 1)[1]))
            if org is not None:
                uf.union(node, org)

    # one-word person names -> the unique full name containing that word
    full_people: dict[str, set[str]] = defaultdict(set)
    key_node: dict[str, Node] = {}
    for (bucket, key), node in by_key.items():
        if bucket != "Person":
            continue
        ent = local[node]
        names = list(ent.names)
        if ent.gaz_id:
            entry = gaz.entries[ent.gaz_id]
            names += [entry.name, *entry.aliases]
        for n in names:
            words = _salient_words(n)
            if len(words) > 1:
                for w in words:
                    full_people[w].add(key)
        key_node[key] = node
    for (bucket, key), node in by_key.items():
        if bucket != "Person" or local[node].gaz_id:
            continue
        words = key.split(":", 1)[1].split()
        if len(words) == 1:
            hosts = full_people.get(words[0], set()) - {key}
            if len(hosts) == 1:
                uf.union(node, key_node[next(iter(hosts))])

    # organisations: acronyms and typos against other names and the gazetteer
    org_keys: dict[str, Node] = {}
    for (bucket, _key), node in by_key.items():
        if bucket == "Organization":
            ent = local[node]
            for n in ent.names:
                org_keys.setdefault(org_key(n, rules), node)
    # blocks of names sharing a first letter and a length: a typo changes neither by more than
    # the edit limit, and comparing within blocks keeps this near-linear in the number of names
    blocks: dict[tuple[str, int], list[str]] = defaultdict(list)
    for k in org_keys:
        if k:
            blocks[(k[0], len(k))].append(k)
    for k, node in sorted(org_keys.items()):
        ent = local[node]
        if ent.gaz_id or len(k) < 5:
            continue
        limit = 1 if len(k) < 9 else 2
        merged = False
        for n in range(len(k) - limit, len(k) + limit + 1):
            for other in blocks.get((k[0], n), ()):
                if other != k and OSA.distance(k, other, score_cutoff=limit) <= limit:
                    if local[org_keys[other]].bucket == ent.bucket and not _distinct_numbers(k, other):
                        uf.union(node, org_keys[other])
                        merged = True
        if not merged:
            entry = _fuzzy_gaz(k, gaz, limit)
            if entry is not None:
                gnode = by_key.get(("Organization", f"gaz:{entry}"))
                if gnode is not None:
                    uf.union(node, gnode)
    initials: dict[str, set[Node]] = defaultdict(set)
    for k, node in org_keys.items():
        words = [w for w in k.split() if w not in ("of", "and", "for", "the", "&")]
        if len(words) >= 2:
            initials["".join(w[0] for w in words)].add(uf.find(node))
    for k, node in org_keys.items():
        if " " not in k and 2 <= len(k) <= 6 and not local[node].gaz_id:
            roots = initials.get(k, set())
            if len(roots) == 1:
                uf.union(node, next(iter(roots)))


class _Mentions:
    """The local entity of each mention, (article index, local id), looked up in the articles' own lists (where an
    entity's local id is, but for entities a correction dropped, its place) instead of a dict entry a mention; iterates
    over the mentions in article order."""

    def __init__(self, results: Sequence[ArticleResult]):
        self.results = results

    def __getitem__(self, node: Node):
        ai, local_id = node
        ents = self.results[ai].entities
        if local_id < len(ents) and ents[local_id].local_id == local_id:
            return ents[local_id]
        return next(e for e in ents if e.local_id == local_id)

    def __iter__(self):
        for ai, res in enumerate(self.results):
            for ent in res.entities:
                yield ai, ent.local_id


def _distinct_numbers(a: str, b: str) -> bool:
    return re.findall(r"\d+", a) != re.findall(r"\d+", b)


def _fuzzy_gaz(key: str, gaz: Gazetteer, limit: int) -> str | None:
    """The one organisation of the gazetteer within ``limit`` edits of ``key`` ("hauwei" -> Huawei)."""
    index = _gaz_blocks(gaz)
    hits = set()
    for n in range(len(key) - limit, len(key) + limit + 1):
        for alias in index.get((key[:1], n), ()):
            if alias != key and OSA.distance(alias, key, score_cutoff=limit) <= limit:
                hits.update(i for i in gaz.by_alias[alias] if gaz.entries[i].type in ("Company", "Organization", "GovernmentBody"))
    return next(iter(hits)) if len(hits) == 1 else None


def _gaz_blocks(gaz: Gazetteer) -> dict[tuple[str, int], list[str]]:
    """The gazetteer's aliases by (first letter, length): the blocks fuzzy matching searches."""
    return gaz.derived("alias_blocks", _alias_blocks)


def _alias_blocks(gaz: Gazetteer) -> dict[tuple[str, int], list[str]]:
    blocks: dict[tuple[str, int], list[str]] = defaultdict(list)
    for alias in gaz.by_alias:
        if alias:
            blocks[(alias[0], len(alias))].append(alias)
    return blocks


_TYPE_PRIORITY = {"GovernmentBody": 3, "Company": 2, "Organization": 1, "Person": 0, "Country": 0}


def merge_entities(gid: int, ents: list, article_ids: list[int], gaz: Gazetteer) -> GlobalEntity:
    """One global entity of the local entities ``ents`` (in the order of their mentions) of articles ``article_ids``."""
    names: Counter = Counter()
    for e in ents:
        names.update(e.names)
    votes = Counter(e.type for e in ents if not e.implicit)
    return make_entity(gid, names=names, votes=votes, gaz_ids={e.gaz_id for e in ents if e.gaz_id}, first=ents[0],
                       articles={a for a, e in zip(article_ids, ents) if not e.implicit}, gaz=gaz)


def make_entity(gid: int, *, names: Counter, votes: Counter, gaz_ids: set[str], first, articles: AbstractSet[int],
                gaz: Gazetteer) -> GlobalEntity:
    """The global entity of mentions with these ``names`` and ``votes`` of the types written (not implicit), each in
    the order the mentions were met (the first of equal votes wins), these gazetteer ids, this ``first`` mention's
    local entity and these articles: its type and label are the gazetteer's, else the most voted type and most written
    name of several words."""
    gaz_sorted = sorted(gaz_ids)
    if gaz_sorted:
        entry = gaz.entries[gaz_sorted[0]]
        etype, label = entry.type, entry.name
    else:
        etype = max(votes or Counter({first.type: 1}), key=lambda t: (votes[t], _TYPE_PRIORITY[t]))
        multi = {n: c for n, c in names.items() if len(n.split()) > 1} or dict(names)
        # an entity with no name at all (a merged-away shell) is labelled by its key, never a crash
        label = max(multi.items(), key=lambda kv: (kv[1], len(kv[0]), kv[0]))[0] if multi else \
            first.key.split(":", 1)[-1]
    return GlobalEntity(gid=gid, type=etype, label=label, names=names,
                        gaz_id=gaz_sorted[0] if gaz_sorted else None, articles=articles)

"""Resolution across articles: one node per real-world entity, offer and sanction.

Entities merge on gazetteer id, normalised name, one-word person names that
match exactly one full name, acronyms, and type-consistent typos (edit
distance 1-2 within blocks of names sharing a first letter, so the cost stays
near-linear). Events merge when their parties resolve to the same entities and
their programme/item and dates are compatible; distinct events stay distinct.
"""
from __future__ import annotations

import functools
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from rapidfuzz.distance import OSA

from kg.nlp.entities import load_entity_rules, org_key
from kg.extract.facts import BUCKETS, ArticleResult, OfferFact, Relation, SanctionFact
from kg.knowledge.gazetteer import Gazetteer, normalize_name

Node = tuple[int, int]  # (article index, local entity id)


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict = {}

    def find(self, x):
        self.parent.setdefault(x, x)
        root = x
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[x] != root:
            self.parent[x], x = root, self.parent[x]
        return root

    def union(self, a, b) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            # keep the smaller root so the result does not depend on call order
            lo, hi = sorted((ra, rb))
            self.parent[hi] = lo


@dataclass
class GlobalEntity:
    """One real-world entity across the corpus."""

    gid: int
    type: str
    label: str
    names: Counter = field(default_factory=Counter)
    gaz_id: str | None = None
    articles: set[int] = field(default_factory=set)
    nodes: list[Node] = field(default_factory=list)

    @property
    def bucket(self) -> str:
        return BUCKETS[self.type]


@dataclass
class Resolution:
    """The corpus-wide entities, and where each article's local entity went."""

    entities: list[GlobalEntity]
    node_to_gid: dict[Node, int]

    def gid(self, article_index: int, local_id: int) -> int:
        return self.node_to_gid[(article_index, local_id)]


def _salient_words(name: str) -> list[str]:
    return [w for w in normalize_name(name).split() if len(w) > 1]


def resolve_entities(results: Sequence[ArticleResult], gaz: Gazetteer) -> Resolution:
    """Merge the local entities of all articles into corpus-wide entities."""
    uf = _UnionFind()
    rules = load_entity_rules()
    by_key: dict[tuple[str, str], Node] = {}
    local = {}
    for ai, res in enumerate(results):
        for ent in res.entities:
            node = (ai, ent.local_id)
            local[node] = ent
            uf.find(node)
            k = (ent.bucket, ent.key)
            if k in by_key:
                uf.union(by_key[k], node)
            else:
                by_key[k] = node

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

    groups: dict[Node, list[Node]] = defaultdict(list)
    for node in local:
        groups[uf.find(node)].append(node)
    entities: list[GlobalEntity] = []
    node_to_gid: dict[Node, int] = {}
    for root in sorted(groups):
        members = sorted(groups[root])
        gent = _merge(len(entities), [local[m] for m in members], [m[0] for m in members], gaz)
        gent.nodes = members
        entities.append(gent)
        for m in members:
            node_to_gid[m] = gent.gid
    return Resolution(entities, node_to_gid)


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


_GAZ_BLOCKS: dict[int, dict[tuple[str, int], list[str]]] = {}


def _gaz_blocks(gaz: Gazetteer) -> dict[tuple[str, int], list[str]]:
    key = id(gaz)
    if key not in _GAZ_BLOCKS:
        blocks: dict[tuple[str, int], list[str]] = defaultdict(list)
        for alias in gaz.by_alias:
            if alias:
                blocks[(alias[0], len(alias))].append(alias)
        _GAZ_BLOCKS[key] = blocks
    return _GAZ_BLOCKS[key]


_TYPE_PRIORITY = {"GovernmentBody": 3, "Company": 2, "Organization": 1, "Person": 0, "Country": 0}


def _merge(gid: int, ents: list, article_ids: list[int], gaz: Gazetteer) -> GlobalEntity:
    names: Counter = Counter()
    for e in ents:
        names.update(e.names)
    gaz_ids = sorted({e.gaz_id for e in ents if e.gaz_id})
    if gaz_ids:
        entry = gaz.entries[gaz_ids[0]]
        etype, label = entry.type, entry.name
    else:
        votes = Counter(e.type for e in ents if not e.implicit)
        etype = max(votes or Counter({ents[0].type: 1}), key=lambda t: (votes[t], _TYPE_PRIORITY[t]))
        multi = {n: c for n, c in names.items() if len(n.split()) > 1} or dict(names)
        label = max(multi.items(), key=lambda kv: (kv[1], len(kv[0]), kv[0]))[0]
    articles = {a for a, e in zip(article_ids, ents) if not e.implicit}
    return GlobalEntity(gid=gid, type=etype, label=label, names=names,
                        gaz_id=gaz_ids[0] if gaz_ids else None, articles=articles)


# ---------------------------------------------------------------------------
# Events

_GENERIC_PROGRAMS = {"", "blacklist", "trade blacklist", "ban", "sanctions", "sanction", "executive order", "restrictions"}
_ITEM_STOP = {
    "its", "the", "a", "an", "of", "to", "and", "in", "for", "on", "with", "their", "his", "her", "company",
    "firm", "offer", "deal", "technology", "technologies", "access", "all", "any", "entire", "existing",
    "current", "full", "new", "us", "buy", "sell", "license", "licence", "licenses", "licences", "stake",
    "business", "operations", "unit", "plan", "proposal", "bid",
}


@dataclass
class EventCluster:
    """One real-world offer or sanction: the facts (article index, fact) that report it."""

    kind: str  # offer | sanction | relief
    facts: list[tuple[int, object]]
    signatures: set = field(default_factory=set)  # distinct (programme, year) of its reports
    targets: set = field(default_factory=set)  # global ids of a sanction's targets


def _year(date: str | None) -> str | None:
    return date[:4] if date else None


def _years_compatible(a: str | None, b: str | None) -> bool:
    return a is None or b is None or a == b


_OUTCOMES = {"withdrawn", "rejected", "blocked", "accepted", "no takers"}


def _within_a_year(a: str | None, b: str | None) -> bool:
    """Offers: revised bids in one takeover fight (November, then February) are one offer."""
    if not a or not b:
        return True
    ma = int(a[:4]) * 12 + (int(a[5:7]) if len(a) >= 7 else 6)
    mb = int(b[:4]) * 12 + (int(b[5:7]) if len(b) >= 7 else 6)
    return abs(ma - mb) <= 12


@functools.lru_cache(maxsize=4096)
def _program_key(program: str | None) -> str:
    p = (program or "").lower().strip()
    p = re.sub(r"^(the|its|a|an)\s+", "", p)
    p = re.sub(r"^(so-called|so called)\s+", "", p)
    p = re.sub(r"^(us|u\.s\.|american|chinese|china's|uk|eu|european)\s+", "", p)
    return p


def _programs_compatible(a: str | None, b: str | None) -> bool:
    ka, kb = _program_key(a), _program_key(b)
    return ka == kb or ka in _GENERIC_PROGRAMS or kb in _GENERIC_PROGRAMS


def _item_words(item: str | None) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9]+", (item or "").lower()) if w not in _ITEM_STOP and len(w) > 1}


def cluster_events(results: Sequence[ArticleResult], resolution: Resolution,
                   jurisdiction_of: dict[int, int]) -> list[EventCluster]:
    """Group offer and sanction facts of all articles into real-world events.

    Args:
        jurisdiction_of: global entity id -> the global id of the government it
            acts for (a ministry -> its national government, a president -> the
            government he heads), so that "the Commerce Department" and "the US"
            imposing the same listing merge.
    """
    def gids(ai: int, locals_: Iterable[int]) -> frozenset[int]:
        return frozenset(resolution.gid(ai, i) for i in locals_)

    def agent_key(ai: int, locals_: Iterable[int]) -> frozenset[int]:
        return frozenset(jurisdiction_of.get(g, g) for g in gids(ai, locals_))

    clusters: list[EventCluster] = []
    groups: dict[tuple, list[EventCluster]] = defaultdict(list)
    for ai, res in enumerate(results):
        for fact in res.facts:
            if isinstance(fact, SanctionFact):
                kind = "relief" if fact.relief else "sanction"
                key = (kind, agent_key(ai, fact.imposed_by))
                targets = gids(ai, fact.targets)
                sig = (fact.program, _year(fact.date))
                for c in groups[key]:
                    # the same measure: a target in common, and compatible with each distinct
                    # (programme, year) of the cluster (not each report)
                    if targets & c.targets and all(_programs_compatible(sig[0], p) and _years_compatible(sig[1], y)
                                                   for p, y in c.signatures):
                        c.facts.append((ai, fact))
                        c.signatures.add(sig)
                        c.targets |= targets
                        break
                else:
                    c = EventCluster(kind, [(ai, fact)], signatures={sig}, targets=set(targets))
                    groups[key].append(c)
                    clusters.append(c)
            elif isinstance(fact, OfferFact):
                by = agent_key(ai, fact.offered_by)
                # a person offering for the company they lead is that company's offer
                orgs = frozenset(jurisdiction_of.get(g, g) if resolution.entities[g].type == "Person" else g
                                 for g in gids(ai, fact.offered_by))
                orgs = frozenset(g for g in orgs if resolution.entities[g].bucket == "Organization") or by
                key = ("offer", orgs)
                words = _item_words(fact.item)
                for c in groups[key]:
                    other_words = set().union(*(_item_words(f.item) for _, f in c.facts))
                    # an outcome ("dropped its plan", "rejected") may come years after the offer
                    if (not words or not other_words or words & other_words) and all(
                        _within_a_year(fact.date, f.date) or fact.status in _OUTCOMES or f.status in _OUTCOMES
                        for _, f in c.facts
                    ):
                        c.facts.append((ai, fact))
                        break
                else:
                    c = EventCluster("offer", [(ai, fact)])
                    groups[key].append(c)
                    clusters.append(c)
    return _merge_overlapping(clusters, groups)


def _merge_overlapping(clusters: list[EventCluster], groups: dict) -> list[EventCluster]:
    """Sanction clusters of one imposer that came to share a target after the greedy pass ("Huawei",
    "ZTE", then "Huawei and ZTE") are one measure when their signatures agree: the result does not
    depend on the order the articles were read in."""
    gone: set[int] = set()
    for key, group in groups.items():
        if key[0] not in ("sanction", "relief") or len(group) < 2:
            continue
        changed = True
        while changed:
            changed = False
            live = [c for c in group if id(c) not in gone]
            for i, a in enumerate(live):
                for b in live[i + 1:]:
                    if a.targets & b.targets and all(
                            _programs_compatible(pa, pb) and _years_compatible(ya, yb)
                            for pa, ya in a.signatures for pb, yb in b.signatures):
                        a.facts.extend(b.facts)
                        a.signatures |= b.signatures
                        a.targets |= b.targets
                        gone.add(id(b))
                        changed = True
                        break
                if changed:
                    break
    return [c for c in clusters if id(c) not in gone]


def jurisdictions(results: Sequence[ArticleResult], resolution: Resolution, gaz: Gazetteer) -> dict[int, int]:
    """Map who acts for whom: a ministry -> its national government, a head of government -> that
    government, the founder or chief executive of one company -> that company."""
    gaz_to_gid = {e.gaz_id: e.gid for e in resolution.entities if e.gaz_id}
    out: dict[int, int] = {}
    for e in resolution.entities:
        if e.type == "GovernmentBody" and e.gaz_id:
            entry = gaz.entries[e.gaz_id]
            gov = gaz.government_of(entry.country) if entry.country else None
            if gov and gov.id in gaz_to_gid:
                out[e.gid] = gaz_to_gid[gov.id]
    leads: dict[int, set[int]] = {}
    for ai, res in enumerate(results):
        for f in res.facts:
            if isinstance(f, Relation) and f.predicate in ("headOf", "ceoOf", "founderOf"):
                s, o = resolution.gid(ai, f.subject), resolution.gid(ai, f.object)
                if resolution.entities[o].type == "GovernmentBody" and f.predicate == "headOf":
                    out.setdefault(s, out.get(o, o))
                elif resolution.entities[o].type in ("Company", "Organization"):
                    leads.setdefault(s, set()).add(o)
    for person, orgs in leads.items():
        if person not in out and len(orgs) == 1:
            out[person] = next(iter(orgs))  # the one company this person leads, across the corpus
    return out

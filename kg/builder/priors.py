"""What a store already holds, as priors for an incremental build (steps 3 and 4 of :mod:`kg.builder.incremental`).

:func:`load_priors` reads the store's articles, entities, events and government heads with a few SELECT queries;
:func:`make_prior_article` turns them into a synthetic article 0 of local entities and facts that resolution runs
over with the new articles; :func:`adopt_priors` gives a new entity that landed with a prior the prior's IRI.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from rdflib import URIRef

from kg.extract.facts import ArticleResult, Relation
from kg.knowledge.entity_rules import org_key
from kg.knowledge.gazetteer import Gazetteer, normalize_name
from kg.knowledge.kinds import kind_of_class, load_kinds
from kg.nlp.registry import BUCKETS, LocalEntity
from kg.rdf.ids import TYPE_PATHS, IdMinter
from kg.read.article import Article
from kg.resolve.entities import GlobalEntity, Resolution, merge_entities
from kg.resolve.events import load_policies
from kg.store.base import GraphStore

ENTITY_CLASSES = ("Person", "Company", "GovernmentBody", "Organization", "Country")


_TYPE_PRIORITY = {"GovernmentBody": 4, "Company": 3, "Organization": 2, "Person": 1, "Country": 0}


PRIOR = 0  # the index of the synthetic article holding the store's entities and events


@dataclass
class PriorEntity:
    """An entity already in the store."""

    iri: URIRef
    type: str
    label: str
    names: set[str] = field(default_factory=set)


@dataclass
class PriorEvent:
    """An event (offer, sanction, relief, ...) already in the store."""

    iri: URIRef
    kind: str  # a kind of kinds.yaml
    roles: dict[str, set[URIRef]] = field(default_factory=lambda: defaultdict(set))  # entity property -> IRIs
    literals: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))  # literal property -> values
    dates: set[str] = field(default_factory=set)
    labels: set[str] = field(default_factory=set)


@dataclass
class Priors:
    """Everything an incremental build resolves against."""

    articles: dict[URIRef, str]  # article graph -> content hash
    keys: dict[str, URIRef]  # article key ("url:..." or "file:...") -> article graph
    entities: dict[URIRef, PriorEntity]
    events: dict[URIRef, PriorEvent]
    head_of: list[tuple[URIRef, URIRef]]

    @property
    def hashes(self) -> set[str]:
        return set(self.articles.values()) - {""}


Q_ARTICLES = """SELECT DISTINCT ?article ?hash ?url ?file WHERE {
  GRAPH ?article {
    ?article a kg:Article .
    OPTIONAL { ?article kg:contentHash ?hash }
    OPTIONAL { ?article schema:url ?url }
    OPTIONAL { ?article kg:fileName ?file }
  }
}"""


Q_ENTITIES = """SELECT DISTINCT ?entity ?type ?name ?is_label WHERE {
  GRAPH ?g {
    VALUES ?type { kg:Person kg:Company kg:GovernmentBody kg:Organization kg:Country }
    ?entity a ?type .
    { ?entity rdfs:label ?name . BIND(1 AS ?is_label) } UNION { ?entity skos:altLabel ?name . BIND(0 AS ?is_label) }
  }
}"""


def events_query() -> str:
    """The SELECT reading every event of a kind of ``kinds.yaml`` with its parties, its merge policy's
    literal (programme, item), dates and label."""
    kinds = load_kinds().values()
    classes = " ".join(f"kg:{k.cls}" for k in kinds)
    props = {s.property for k in kinds for s in k.entity_slots}
    props |= {k.slot(k.merge[key]).property for k in kinds for key in ("signature", "words") if k.merge.get(key)}
    values = " ".join(f"kg:{p}" for p in sorted(props))
    return f"""SELECT DISTINCT ?event ?type ?p ?v WHERE {{
  GRAPH ?g {{
    VALUES ?type {{ {classes} }}
    VALUES ?p {{ {values} kg:date kg:startDate rdfs:label }}
    ?event a ?type ; ?p ?v .
  }}
}}"""


Q_HEAD_OF = """SELECT DISTINCT ?person ?body WHERE {
  GRAPH ?g { ?person kg:headOf ?body . ?body a kg:GovernmentBody }
}"""


def _local(iri: object) -> str:
    return str(iri).rsplit("#", 1)[-1]


def load_priors(store: GraphStore) -> Priors:
    """Read the article hashes, entities, events and heads of government of a store."""
    articles: dict[URIRef, str] = {}
    keys: dict[str, URIRef] = {}
    for r in store.select(Q_ARTICLES):
        iri = URIRef(r["article"])
        # no hash: a graph cut short by a crash; it is rebuilt, never trusted as complete
        articles[iri] = str(r.get("hash", ""))
        # the same key as kg.read.article.Article.key: the URL, else the file name
        key = f"url:{r['url']}" if r.get("url") else f"file:{r['file']}" if r.get("file") else None
        if key:
            keys.setdefault(key, iri)
    entities: dict[URIRef, PriorEntity] = {}
    labels: dict[URIRef, list[str]] = defaultdict(list)
    types: dict[URIRef, set[str]] = defaultdict(set)
    names: dict[URIRef, set[str]] = defaultdict(set)
    for r in store.select(Q_ENTITIES):
        iri = URIRef(r["entity"])
        types[iri].add(_local(r["type"]))
        names[iri].add(str(r["name"]))
        if int(r.get("is_label", 0)):
            labels[iri].append(str(r["name"]))
    for iri, kinds in types.items():
        kind = max(kinds, key=lambda t: _TYPE_PRIORITY.get(t, -1))
        label = min(labels[iri]) if labels[iri] else min(names[iri])
        entities[iri] = PriorEntity(iri=iri, type=kind, label=label, names=set(names[iri]))
    events: dict[URIRef, PriorEvent] = {}
    kinds = load_kinds()
    for r in store.select(events_query()):
        iri = URIRef(r["event"])
        kind = kind_of_class(kinds, _local(r["type"]))
        ev = events.setdefault(iri, PriorEvent(iri=iri, kind=kind.name))
        prop, value = _local(r["p"]), r["v"]
        if any(s.property == prop for s in kinds[ev.kind].entity_slots) and isinstance(value, URIRef):
            ev.roles[prop].add(value)
        elif prop == "label":
            ev.labels.add(str(value))
        elif prop in ("date", "startDate"):
            ev.dates.add(str(value))
        elif not isinstance(value, URIRef):
            ev.literals[prop].add(str(value))
    head_of = sorted({(URIRef(r["person"]), URIRef(r["body"])) for r in store.select(Q_HEAD_OF)})
    return Priors(articles=articles, keys=keys, entities=entities, events=events, head_of=head_of)


def store_base(articles: Iterable[URIRef]) -> str | None:
    """The base IRI the store's article IRIs were minted under (``.../id/`` for ``.../id/article/x``)."""
    for iri in sorted(articles):
        head, sep, _ = str(iri).rpartition("article/")
        if sep:
            return head
    return None


@dataclass
class PriorArticle:
    """The store's entities and events as article 0 of a resolution run."""

    result: ArticleResult
    iri_of_local: dict[int, URIRef]  # local entity id -> the store's IRI
    event_of_fact: dict[int, URIRef]  # id(fact) -> the store's event IRI


def _name_key(etype: str, name: str) -> str | None:
    bucket = BUCKETS[etype]
    if bucket == "Organization":
        key = org_key(name)
    else:
        key = normalize_name(name)
    return f"{bucket}:{key}" if key else None


def make_prior_article(priors: Priors, gaz: Gazetteer, minter: IdMinter) -> PriorArticle:
    """Article 0: one local entity per distinct name of each prior entity, one fact per prior event."""
    gaz_by_iri = {minter.entity(e.type, e.id): e.id for e in gaz.entries.values() if e.type in TYPE_PATHS}
    entities: list[LocalEntity] = []
    iri_of_local: dict[int, URIRef] = {}
    first_local: dict[URIRef, int] = {}

    def add(iri: URIRef, etype: str, key: str, names: Iterable[str], gaz_id: str | None) -> None:
        ent = LocalEntity(local_id=len(entities), type=etype, key=key, names=Counter({n: 1 for n in names}),
                          gaz_id=gaz_id, implicit=True)
        entities.append(ent)
        iri_of_local[ent.local_id] = iri
        first_local.setdefault(iri, ent.local_id)

    for iri in sorted(priors.entities):
        prior = priors.entities[iri]
        if prior.type not in TYPE_PATHS:
            continue
        gaz_id = gaz_by_iri.get(iri)
        if gaz_id is not None:
            add(iri, gaz.entries[gaz_id].type, f"gaz:{gaz_id}", sorted(prior.names), gaz_id)
            continue
        keys: dict[str, str] = {}
        for name in sorted(prior.names, key=lambda n: (n != prior.label, n)):
            key = _name_key(prior.type, name)
            if key and key not in keys:
                keys[key] = name
        for key, name in keys.items():
            add(iri, prior.type, key, [name], None)

    facts: list = []
    event_of_fact: dict[int, URIRef] = {}

    def locals_(iris: Iterable[URIRef]) -> tuple[int, ...]:
        return tuple(sorted(first_local[i] for i in iris if i in first_local))

    kinds, policies = load_kinds(), load_policies()
    for iri in sorted(priors.events):
        ev = priors.events[iri]
        date = min(ev.dates) if ev.dates else None
        roles = {s.name: locals_(ev.roles[s.property]) for s in kinds[ev.kind].entity_slots}
        for fact in policies[ev.kind].prior_facts(roles, ev.literals, date):
            facts.append(fact)
            event_of_fact[id(fact)] = iri
    for person, body in priors.head_of:
        if person in first_local and body in first_local:
            facts.append(Relation(subject=first_local[person], predicate="headOf", object=first_local[body],
                                  evidence=""))
    article = Article(source="<store>", file_name="<store>", text="", content_hash="")
    result = ArticleResult(article=article, entities=entities, facts=facts)
    return PriorArticle(result=result, iri_of_local=iri_of_local, event_of_fact=event_of_fact)


def _best_prior(ent: LocalEntity, candidates: Sequence[URIRef], priors: Priors, gaz_by_iri: dict) -> URIRef:
    """The prior a new local entity belongs to when its cluster holds several."""
    own = {normalize_name(n) for n in ent.names}

    def score(iri: URIRef) -> tuple:
        prior = priors.entities[iri]
        label_hit = normalize_name(prior.label) in own
        alias_hits = len(own & {normalize_name(n) for n in prior.names})
        same_gaz = ent.gaz_id is not None and gaz_by_iri.get(iri) == ent.gaz_id
        return (same_gaz, label_hit, alias_hits, BUCKETS.get(prior.type) == ent.bucket, prior.type == ent.type)

    best = max(score(i) for i in candidates)
    return min(i for i in candidates if score(i) == best)


def adopt_priors(resolution: Resolution, results: Sequence[ArticleResult], prior: PriorArticle, priors: Priors,
                 gaz: Gazetteer, minter: IdMinter) -> tuple[Resolution, dict[int, URIRef]]:
    """Regroup a resolution so that each prior entity is one cluster keeping its IRI, class and label.

    Returns:
        The new resolution and, for each of its entities that exists in the store, its IRI.
    """
    gaz_by_iri = {minter.entity(e.type, e.id): e.id for e in gaz.entries.values() if e.type in TYPE_PATHS}
    target: dict[tuple[int, int], tuple] = {}
    for gent in resolution.entities:
        prior_nodes = [n for n in gent.nodes if n[0] == PRIOR]
        iris = sorted({prior.iri_of_local[n[1]] for n in prior_nodes})
        for node in gent.nodes:
            if node[0] == PRIOR:
                target[node] = ("iri", prior.iri_of_local[node[1]])
            elif not iris:
                target[node] = ("new", gent.gid)
            elif len(iris) == 1:
                target[node] = ("iri", iris[0])
            else:
                ent = results[node[0]].entities[node[1]]
                target[node] = ("iri", _best_prior(ent, iris, priors, gaz_by_iri))
    groups: dict[tuple, list[tuple[int, int]]] = defaultdict(list)
    for node, key in target.items():
        groups[key].append(node)
    entities: list[GlobalEntity] = []
    node_to_gid: dict[tuple[int, int], int] = {}
    iri_of_gid: dict[int, URIRef] = {}
    for key, members in sorted(groups.items(), key=lambda kv: min(kv[1])):
        members.sort()
        ents = [results[ai].entities[lid] for ai, lid in members]
        gent = merge_entities(len(entities), ents, [ai for ai, _ in members], gaz)
        if key[0] == "iri":
            p = priors.entities[key[1]]
            gent.type, gent.label = p.type, p.label
            if key[1] in gaz_by_iri:
                gent.gaz_id = gaz_by_iri[key[1]]
            iri_of_gid[gent.gid] = key[1]
        gent.nodes = members
        entities.append(gent)
        for m in members:
            node_to_gid[m] = gent.gid
    return Resolution(entities, node_to_gid), iri_of_gid

"""Incremental builds: add articles to a graph that already exists (``kg build NEW --into STORE``).

The store is a build folder (its ``graph.trig``), a persistent Oxigraph store
(``oxigraph:PATH``) or a SPARQL endpoint (``sparql+http(s)://...``); see
:mod:`kg.store.backends`. The design, in the order a build runs:

1. **Unchanged articles are skipped.** Every article graph carries its
   ``kg:contentHash``; an input whose hash is already in the store is not even
   analysed. Re-running a build on the same articles changes nothing.
2. **Changed articles replace their graph.** An article keeps its IRI (from its
   URL, else its file name); when its text changed, its named graph is replaced
   whole, never duplicated.
3. **Entities resolve against the store.** Every entity already in the store
   becomes a *prior*: one synthetic local entity per distinct name it has
   (``rdfs:label`` and each ``skos:altLabel``; its gazetteer id when it has one),
   in a synthetic article 0. The new articles' entities are resolved together
   with the priors by the ordinary rules of :mod:`kg.resolve.resolution` (same key, known
   aliases, one-word names, acronyms, typos). A new entity that lands with a
   prior takes the prior's IRI, class and label, and adds its new names as
   ``skos:altLabel``. When new evidence joins several priors (two entities
   that share a name), each new mention goes to the prior whose names it
   shares, so existing entities are never merged by an incremental build.
4. **Events resolve against the store.** Every offer, sanction and relief in
   the store becomes one synthetic fact per programme (with its parties,
   items and year) in article 0, and :func:`kg.resolve.resolution.cluster_events` runs over
   them and the new facts. A new report that clusters with an existing event
   gets that event's IRI: the event gains a source instead of a twin. A relief
   can relax a sanction that only the store knows.
5. **Only the new articles' graphs are written**, each whole and with its
   content hash last, so a build killed half-way is completed by the next run.

Known limits: the priors are the store's *current* labels, so a rebuilt
article's entities keep their IRIs even if a full rebuild would now name them
differently; and two articles analysed in different runs can disagree where a
single run would have let the later one inform the earlier (e.g. a bare
surname met before the full name), which a full rebuild settles.
"""
from __future__ import annotations

import json
import logging
import os
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Dataset, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from kg.read.article import Article, Skipped
from kg.nlp.entities import org_key
from kg.errors import InputError
from kg.extract.facts import BUCKETS, ArticleResult, LocalEntity, OfferFact, Relation, SanctionFact
from kg.knowledge.gazetteer import Gazetteer, load_gazetteer, normalize_name
from kg.rdf.writer import GraphWriter, bind_prefixes
from kg.rdf.ids import DEFAULT_BASE, TYPE_PATHS, IdMinter
from kg.resolve.resolution import GlobalEntity, Resolution, _merge, cluster_events, jurisdictions, resolve_entities
from kg.store.backends import DatasetStore, GraphStore, open_store

log = logging.getLogger(__name__)

ENTITY_CLASSES = ("Person", "Company", "GovernmentBody", "Organization", "Country")
_TYPE_PRIORITY = {"GovernmentBody": 4, "Company": 3, "Organization": 2, "Person": 1, "Country": 0}
PRIOR = 0  # the index of the synthetic article holding the store's entities and events


# ---------------------------------------------------------------------------
# What the store already holds


@dataclass
class PriorEntity:
    """An entity already in the store."""

    iri: URIRef
    type: str
    label: str
    names: set[str] = field(default_factory=set)


@dataclass
class PriorEvent:
    """An offer, sanction or relief already in the store."""

    iri: URIRef
    kind: str  # offer | sanction | relief
    roles: dict[str, set[URIRef]] = field(default_factory=lambda: defaultdict(set))
    programs: set[str] = field(default_factory=set)
    items: set[str] = field(default_factory=set)
    dates: set[str] = field(default_factory=set)


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
Q_EVENTS = """SELECT DISTINCT ?event ?type ?p ?v WHERE {
  GRAPH ?g {
    VALUES ?type { kg:Offer kg:Sanction kg:SanctionRelief }
    VALUES ?p { kg:offeredBy kg:offeredTo kg:imposedBy kg:target kg:program kg:item kg:date kg:startDate }
    ?event a ?type ; ?p ?v .
  }
}"""
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
    kind_of = {"Offer": "offer", "Sanction": "sanction", "SanctionRelief": "relief"}
    for r in store.select(Q_EVENTS):
        iri = URIRef(r["event"])
        ev = events.setdefault(iri, PriorEvent(iri=iri, kind=kind_of[_local(r["type"])]))
        prop, value = _local(r["p"]), r["v"]
        if prop in ("offeredBy", "offeredTo", "imposedBy", "target"):
            if isinstance(value, URIRef):
                ev.roles[prop].add(value)
        elif prop == "program":
            ev.programs.add(str(value))
        elif prop == "item":
            ev.items.add(str(value))
        else:
            ev.dates.add(str(value))
    head_of = sorted({(URIRef(r["person"]), URIRef(r["body"])) for r in store.select(Q_HEAD_OF)})
    return Priors(articles=articles, keys=keys, entities=entities, events=events, head_of=head_of)


def store_base(articles: Iterable[URIRef]) -> str | None:
    """The base IRI the store's article IRIs were minted under (``.../id/`` for ``.../id/article/x``)."""
    for iri in sorted(articles):
        head, sep, _ = str(iri).rpartition("article/")
        if sep:
            return head
    return None


# ---------------------------------------------------------------------------
# The synthetic article 0


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

    for iri in sorted(priors.events):
        ev = priors.events[iri]
        date = min(ev.dates) if ev.dates else None
        if ev.kind == "offer":
            by = locals_(ev.roles["offeredBy"])
            if not by:
                continue
            new = [OfferFact(offered_by=by, evidence="", offered_to=locals_(ev.roles["offeredTo"]),
                             item=" ".join(sorted(ev.items)) or None, date=date)]
        else:
            by, targets = locals_(ev.roles["imposedBy"]), locals_(ev.roles["target"])
            if not by and not targets:
                continue
            # one fact per programme: a new report must fit every programme the event was told with
            programs = sorted(ev.programs) or [None]
            new = [SanctionFact(imposed_by=by, targets=targets, evidence="", program=program,
                                date=date if i == 0 else None, relief=ev.kind == "relief")
                   for i, program in enumerate(programs)]
        for fact in new:
            facts.append(fact)
            event_of_fact[id(fact)] = iri
    for person, body in priors.head_of:
        if person in first_local and body in first_local:
            facts.append(Relation(subject=first_local[person], predicate="headOf", object=first_local[body],
                                  evidence=""))
    article = Article(source="<store>", file_name="<store>", text="", content_hash="")
    result = ArticleResult(article=article, entities=entities, facts=facts)
    return PriorArticle(result=result, iri_of_local=iri_of_local, event_of_fact=event_of_fact)


# ---------------------------------------------------------------------------
# Resolution against the priors


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
        gent = _merge(len(entities), ents, [ai for ai, _ in members], gaz)
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


class _NewArticlesWriter(GraphWriter):
    """The graph writer, writing only the new articles (article 0 is the store itself)."""

    def write(self, ds: Dataset) -> None:
        bind_prefixes(ds, self.ids.base)
        for ai, result in enumerate(self.results):
            if ai != PRIOR:
                self._write_article(ds.graph(self.article_iris[ai]), ai, result)


# ---------------------------------------------------------------------------
# The build


def build_into(
    inputs: Sequence[str | os.PathLike],
    into: str | os.PathLike,
    *,
    base: str = DEFAULT_BASE,
    workers: int = 1,
    formats: Sequence[str] = ("ttl", "trig"),
    out: str | os.PathLike | None = None,
    max_file_bytes: int,
    max_files: int,
    progress: Callable[[int, int], None] | None = None,
):
    """Add the articles in ``inputs`` to the graph in ``into`` (see the module docstring).

    Args:
        into: a build folder, ``oxigraph:PATH`` or ``sparql+http(s)://...``; a
            folder gets its ``graph.*`` files and ``report.json`` rewritten.
        out: None, or the same folder as ``into``.

    Returns:
        A :class:`kg.builder.full.BuildResult`: ``dataset`` is the whole graph for a
        folder, the new article graphs otherwise; ``report["incremental"]`` says
        what was added, replaced and left unchanged.

    Raises:
        InputError: nothing could be read, the store cannot be used, or ``base``
            differs from the store's.
    """
    from kg.builder.full import BuildResult, _dedupe, make_report, read_articles, write_outputs
    from kg.builder.analyse import analyse_all

    t0 = time.perf_counter()
    folder = None if str(into).startswith(("oxigraph:", "sparql+")) else Path(into)
    if out is not None and (folder is None or Path(out).resolve() != folder.resolve()):
        raise InputError("give --out or --into, not both: --into FOLDER rewrites that folder's files, "
                         "and --into a store writes no files")
    store = open_store(into)
    try:
        priors = load_priors(store)
        base = _check_base(base, store_base(priors.articles), store.spec)
        try:
            minter = IdMinter(base)
        except ValueError as exc:
            raise InputError(str(exc)) from exc
        skipped: list[Skipped] = []
        articles = read_articles(inputs, exclude=[folder] if folder else [], max_file_bytes=max_file_bytes,
                                 max_files=max_files, skipped=skipped)
        known = priors.hashes
        unchanged = [a for a in articles if a.content_hash in known]
        todo = [a for a in articles if a.content_hash not in known]
        t_read = time.perf_counter()
        results: list[ArticleResult] = []
        for i, res in enumerate(analyse_all(todo, workers=workers)):
            (skipped if isinstance(res, Skipped) else results).append(res)
            if progress:
                progress(i + 1, len(todo))
        t_nlp = time.perf_counter()
        if not results and not unchanged:
            reasons = "; ".join(f"{s.source}: {s.reason}" for s in skipped[:5]) or "no input files found"
            raise InputError(f"no article could be built ({reasons})")
        results = _dedupe(results, skipped)
        gaz = load_gazetteer()
        prior = make_prior_article(priors, gaz, minter)
        all_results = [prior.result, *results]
        resolution, iri_of_gid = adopt_priors(resolve_entities(all_results, gaz), all_results, prior, priors,
                                              gaz, minter)
        events = cluster_events(all_results, resolution, jurisdictions(all_results, resolution, gaz))
        writer = _NewArticlesWriter(all_results, resolution, events, gaz, minter)
        for gid, iri in iri_of_gid.items():
            writer.entity_iris[gid] = iri
        for cluster in events:
            known_iris = sorted({prior.event_of_fact[id(f)] for ai, f in cluster.facts if ai == PRIOR})
            if known_iris:
                for _, f in cluster.facts:
                    writer.event_of_fact[id(f)] = (known_iris[0], cluster)
        new_ds = Dataset()
        writer.write(new_ds)
        graphs = {URIRef(g.identifier): g for g in new_ds.graphs() if g.identifier != DATASET_DEFAULT_GRAPH_ID}
        # an article already in the store under another IRI (same URL, new file name) is replaced too
        superseded = sorted({priors.keys[r.article.key] for r in results if r.article.key in priors.keys}
                            - set(graphs))
        replaced = sorted({str(g) for g in graphs if g in priors.articles} | {str(g) for g in superseded})
        # old graphs go first: a build killed in between leaves the article missing, and the next run adds it
        store.remove_graphs(superseded)
        store.replace_graphs(graphs)
        t_graph = time.perf_counter()
        new_events = [c for c in events if any(ai != PRIOR for ai, _ in c.facts)]
        result = BuildResult(dataset=new_ds, results=results, skipped=skipped)
        report = make_report(result, resolution, new_events,
                             timings={"read": t_read - t0, "nlp_and_extract": t_nlp - t_read,
                                      "resolve_and_graph": t_graph - t_nlp})
        stats = store.stats()
        report["triples_added"] = report["triples"]
        report["triples"] = stats["triples"]
        report["named_graphs"] = stats["named_graphs"]
        report["quads"] = stats["quads"]
        report["incremental"] = {
            "into": store.spec,
            "added": len(graphs) - len([g for g in graphs if g in priors.articles]) - len(superseded),
            "replaced": replaced,
            "unchanged": [a.source for a in unchanged],
            "entities_reused": sum(1 for gid in iri_of_gid if resolution.entities[gid].articles),
            "events_reused": sum(1 for c in new_events if any(ai == PRIOR for ai, _ in c.facts)),
            "store": stats,
        }
        if isinstance(store, DatasetStore) and folder is not None:
            result.dataset = store.dataset
            bind_prefixes(store.dataset, minter.base)
            report["articles"] = _merged_articles(folder / "report.json", report["articles"])
            if graphs or not (folder / "graph.trig").exists():
                result.outputs = write_outputs(store.dataset, folder, formats=tuple(dict.fromkeys(
                    (*formats, "trig"))), report=report)
            else:
                result.outputs = {}
        result.report = report
        return result
    finally:
        store.close()


def _check_base(base: str, found: str | None, spec: str) -> str:
    if found is None or found == base:
        return base
    if base == DEFAULT_BASE:
        log.info("using the store's base IRI %s", found)
        return found
    raise InputError(f"{spec} was built with --base {found}; build into it with the same --base")


def _merged_articles(report_path: Path, new: list[dict]) -> list[dict]:
    """The folder's previous report's article list, updated with this run's articles."""
    try:
        old = json.loads(report_path.read_text(encoding="utf-8")).get("articles", [])
    except (OSError, ValueError, AttributeError):
        old = []

    def key(entry: dict) -> str:
        return str(entry.get("url") or entry.get("file") or entry.get("source"))

    fresh = {key(e) for e in new}
    return [e for e in old if isinstance(e, dict) and key(e) not in fresh] + new

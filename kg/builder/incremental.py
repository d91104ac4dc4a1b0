"""Incremental builds: add articles to a graph that already exists (``kg build NEW --into STORE``).

The store is a build folder (its ``graph.trig``), a persistent Oxigraph store
(``oxigraph:PATH``) or a SPARQL endpoint (``sparql+http(s)://...``); see
:mod:`kg.store`. The design, in the order a build runs:

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
   with the priors by the ordinary rules of :mod:`kg.resolve` (same key, known
   aliases, one-word names, acronyms, typos). A new entity that lands with a
   prior takes the prior's IRI, class and label, and adds its new names as
   ``skos:altLabel``. When new evidence joins several priors (two entities
   that share a name), each new mention goes to the prior whose names it
   shares, so existing entities are never merged by an incremental build.
4. **Events resolve against the store.** Every event of a kind of ``kinds.yaml``
   (offer, sanction, relief...) in the store becomes synthetic facts (with its
   parties, its programmes or items and year; how many, its kind's merge policy
   says) in article 0, and :func:`kg.resolve.events.cluster_events` runs over
   them and the new facts. A new report that clusters with an existing event
   gets that event's IRI: the event gains a source instead of a twin. A relief
   can relax a sanction that only the store knows.
5. **Only the new articles' graphs are written**, each whole and with its
   content hash last, so a build killed half-way is completed by the next run.

Copies (:mod:`kg.read.copies`) are found before analysis, as in a full build: among the articles of one
run and, in a build folder, against the stored originals its ``copies.index`` knows (but the ones this run
replaces). An Oxigraph store or an endpoint keeps no index: there a reprint of an article an earlier run
stored is analysed like any new article (an input byte for byte like a stored one is unchanged, step 1).

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
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path

from rdflib import Dataset, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from kg.builder.engine import analyse_in_memory, analyse_with_work, run_engine
from kg.builder.kept_corrections import KEPT_NAME, keep_corrections, kept_path, plan_corrections
from kg.builder.priors import PRIOR, adopt_priors, load_priors, make_prior_article, store_base
from kg.builder.progress import ANALYSE, Stages
from kg.builder.steps import (
    COPY_INDEX,
    BuildResult,
    dedupe,
    drop_orphan_copies,
    find_copies,
    make_report,
    new_finder,
    read_articles,
    write_outputs,
)
from kg.builder.work import SHARD_ROWS, WorkFolder
from kg.errors import InputError
from kg.extract.facts import ArticleResult
from kg.knowledge.gazetteer import load_gazetteer
from kg.rdf.ids import DEFAULT_BASE, IdMinter
from kg.rdf.writer import GraphWriter, bind_prefixes, write_copies
from kg.read.article import Skipped
from kg.read.copies import DEFAULT_THRESHOLD
from kg.resolve.entities import resolve_entities
from kg.resolve.events import cluster_events, jurisdictions
from kg.store.base import DatasetStore
from kg.store.registry import open_store

log = logging.getLogger(__name__)


# ---------------------------------------------------------------------------
# What the store already holds


# ---------------------------------------------------------------------------
# The synthetic article 0


# ---------------------------------------------------------------------------
# Resolution against the priors


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
    progress: Stages | Callable[[int, int], None] | None = None,
    corrections: str | os.PathLike | None = None,
    copy_threshold: float | None = DEFAULT_THRESHOLD,
    work: str | os.PathLike | None = None,
    shard_rows: int = SHARD_ROWS,
    engine: str = "local",
    ray_address: str | None = None,
):
    """Add the articles in ``inputs`` to the graph in ``into`` (see the module docstring).

    Args:
        into: a build folder, ``oxigraph:PATH`` or ``sparql+http(s)://...``; a
            folder gets its ``graph.*`` files and ``report.json`` rewritten.
        out: None, or the same folder as ``into``.
        corrections: a corrections file, added to those the store keeps (see
            :mod:`kg.builder.kept_corrections`); the kept ones apply to this build's articles either way.
        copy_threshold: see :func:`kg.builder.full.build`; copies are found among this run's new articles.
        work, shard_rows, engine, ray_address: as for :func:`kg.builder.full.build`: the new articles' analysis
            goes through the work folder (a build interrupted and run again analyses only what no shard holds)
            and runs on the engine; ``report["work"]`` says what the folder holds.

    Returns:
        A :class:`kg.builder.full.BuildResult`: ``dataset`` is the whole graph for a
        folder, the new article graphs otherwise; ``report["incremental"]`` says
        what was added, replaced and left unchanged.

    Raises:
        InputError: nothing could be read, the store cannot be used, or ``base``
            differs from the store's.
    """

    t0 = time.perf_counter()
    folder = None if str(into).startswith(("oxigraph:", "sparql+")) else Path(into)
    if out is not None and (folder is None or Path(out).resolve() != folder.resolve()):
        raise InputError("give --out or --into, not both: --into FOLDER rewrites that folder's files, "
                         "and --into a store writes no files")
    plan = plan_corrections(corrections, kept_at=kept_path(into, folder), read_kept=True)
    store = open_store(into)
    try:
        priors = load_priors(store)
        base = _check_base(base, store_base(priors.articles), store.spec)
        try:
            minter = IdMinter(base)
        except ValueError as exc:
            raise InputError(str(exc)) from exc
        skipped: list[Skipped] = []
        exclude = [p for p in (folder, Path(work) if work is not None else None) if p is not None]
        articles = read_articles(inputs, exclude=exclude, max_file_bytes=max_file_bytes, max_files=max_files,
                                 skipped=skipped)
        known = priors.hashes
        articles = dedupe(articles, skipped)
        unchanged = [a for a in articles if a.content_hash in known]
        todo = [a for a in articles if a.content_hash not in known]
        # the folder's copy index knows the stored originals (not the ones this run replaces): a reprint of one is
        # a copy; an Oxigraph store or an endpoint has no index
        renewed = {a.key for a in todo}
        finder = new_finder(copy_threshold, index=folder / COPY_INDEX if folder is not None else None,
                            keep=lambda ref: ref.key not in renewed
                            and minter.article(ref.key, ref.file_name) in priors.articles)
        todo, copies = find_copies(todo, finder)
        t_read = time.perf_counter()
        run = partial(run_engine, engine=engine, workers=workers, address=ray_address)
        work_folder = WorkFolder(work) if work is not None else None
        with Stages.of(progress).stage(ANALYSE, total=len(todo)) as stage:
            if work_folder is not None:
                try:
                    _keys, analysed = analyse_with_work(todo, work_folder, run=run, stage=stage,
                                                        shard_rows=shard_rows, compact=False)
                finally:
                    work_folder.close()  # the results are read back: the folder may serve another build
            else:
                analysed = analyse_in_memory(todo, run=run, stage=stage)
        results: list[ArticleResult] = [r for r in analysed if not isinstance(r, Skipped)]
        skipped += [r for r in analysed if isinstance(r, Skipped)]
        t_nlp = time.perf_counter()
        copies = drop_orphan_copies(copies, skipped)
        if not results and not unchanged and not copies:
            reasons = "; ".join(f"{s.source}: {s.reason}" for s in skipped[:5]) or "no input files found"
            raise InputError(f"no article could be built ({reasons})")
        gaz = load_gazetteer()
        prior = make_prior_article(priors, gaz, minter)
        judge = plan.run(gaz)
        all_results = [prior.result, *results]
        if judge is not None:
            all_results = judge.correct_articles(all_results, fixed=(PRIOR,))
            results = all_results[1:]
        resolution, iri_of_gid = adopt_priors(resolve_entities(all_results, gaz, judge=judge), all_results, prior,
                                              priors, gaz, minter)
        if judge is not None:
            judge.settle(resolution, all_results, fixed=set(iri_of_gid))
        events = cluster_events(all_results, resolution, jurisdictions(all_results, resolution, gaz))
        writer = _NewArticlesWriter(all_results, resolution, events, gaz, minter)
        for gid, iri in iri_of_gid.items():
            writer.entity_iris[gid] = iri
        _adopt_prior_events(writer, events, prior, priors)
        new_ds = Dataset()
        writer.write(new_ds)
        write_copies(new_ds, copies, minter)
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
        result = BuildResult(dataset=new_ds, results=results, skipped=skipped, copies=copies,
                             copy_threshold=copy_threshold)
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
        if judge is not None:
            report["corrections"] = plan.report(judge)
        if work_folder is not None:
            report["work"] = work_folder.state.to_dict()
        if isinstance(store, DatasetStore) and folder is not None:
            result.dataset = store.dataset
            bind_prefixes(store.dataset, minter.base)
            report["articles"] = _merged_articles(folder / "report.json", report["articles"])
            extra = {KEPT_NAME: plan.kept_bytes()} if plan.corrections else {}
            if graphs or not (folder / "graph.trig").exists():
                result.outputs = write_outputs(store.dataset, folder, formats=tuple(dict.fromkeys(
                    (*formats, "trig"))), report=report, extra=extra,
                    copy_index=finder.to_bytes() if finder is not None else None)
            else:
                result.outputs = {}
                if plan.given is not None:
                    keep_corrections(plan)
        elif plan.given is not None:
            keep_corrections(plan)
        result.report = report
        return result
    finally:
        store.close()


def _adopt_prior_events(writer: _NewArticlesWriter, events, prior, priors) -> None:
    """Give every event cluster that holds a store event that event's IRI and label.

    The writer names a cluster from its facts; when the cluster holds an event the store
    knows, the store's IRI wins (the new report adds a source to it), and so does its label
    (every article graph states the same one). Every table the writer keys by event IRI
    (labels, the events a relief relaxes) moves to the store's IRI with it.
    """
    for cluster in events:
        known_iris = sorted({prior.event_of_fact[id(f)] for ai, f in cluster.facts if ai == PRIOR})
        if not known_iris:
            continue
        known = known_iris[0]
        minted = writer.event_of_fact[writer.event_places(*cluster.facts[0])[0]][0]
        labels = priors.events[known].labels
        writer.event_labels[known] = min(labels) if labels else writer.event_labels[minted]
        for ai, f in cluster.facts:
            for key in writer.event_places(ai, f):
                writer.event_of_fact[key] = (known, cluster)
        if minted != known:
            for on in writer.events_on.values():
                for events in on.values():
                    if minted in events:
                        events.discard(minted)
                        events.add(known)


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

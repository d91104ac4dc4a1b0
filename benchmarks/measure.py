"""One measurement in a fresh process: ``python -m benchmarks.measure KIND ...`` prints one JSON line.

Running each measurement in its own process keeps their peak memory (``ru_maxrss``) apart and stops one
run's caches from speeding up the next. Kinds:

- ``build CORPUS OUT --workers N [--dump FILE]``: ``kg.builder.full.build`` on a folder, writing TTL and TriG.
- ``spacy CORPUS --workers N``: the same articles' text (read by newskg's reader, not timed) through
  ``spacy.load`` + ``nlp.pipe`` (batch 16, ``n_process=N``) and nothing else.
- ``breakdown CORPUS``: in one process, spaCy alone, spaCy + newskg's gazetteer ruler, and
  ``kg.builder.analyse.analyse`` (NLP + extractors) on the same texts.
- ``store ENGINE FILE``: load a Turtle file into ``rdflib`` (memory), ``oxigraph`` (pyoxigraph) or
  ``kg-oxigraph`` (``kg.store.files.load_dataset(engine="oxigraph")``) and time the benchmark queries.
- ``bundled ENGINE FILE``: load a build graph with ``kg.store.files.load_dataset`` and time each bundled query.
- ``view FILE OUT_DIR --sizes 1000,5000,20000``: ``kg.view.network.to_networkx`` on a build graph, then
  ``kg.view.network.write_view`` on its best-connected subgraphs of those sizes.
- ``replicate DUMP N [--out DIR] [--nquads FILE]``: the post-NLP part of a build (resolution, graph,
  report; TTL/TriG with ``--out``) for N articles made from the analyses of a real build (``--dump``),
  with every person and company renamed.
"""
from __future__ import annotations

import argparse
import dataclasses
import json
import pickle
import random
import re
import resource
import statistics
import sys
import threading
import time
from collections import Counter
from pathlib import Path

BATCH_SIZE = 16


class PeakRss:
    """Samples the summed RSS of this process and all its descendants every 50 ms."""

    def __init__(self) -> None:
        import psutil

        self.proc = psutil.Process()
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _sample(self) -> int:
        total = 0
        for p in [self.proc, *self.proc.children(recursive=True)]:
            try:
                total += p.memory_info().rss
            except Exception:  # noqa: BLE001 - a child may exit between listing and reading
                pass
        return total

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, self._sample())
            self._stop.wait(0.05)

    def __enter__(self) -> "PeakRss":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, self._sample())


def peak_rss_mb() -> float:
    """This process's peak RSS in MB: ``VmHWM`` (reset by exec, unlike ``ru_maxrss``, which a fresh
    subprocess inherits from the process it was forked from), else ``ru_maxrss``."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        pass
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def _rss() -> dict:
    return {"rss_main_peak_mb": peak_rss_mb()}


def measure_build(corpus: Path, out: Path, workers: int, dump: Path | None) -> dict:
    from kg.builder.full import build

    with PeakRss() as peak:
        t0 = time.perf_counter()
        # the synthetic corpus's variants of one example share paragraphs (a third of them would be near copies),
        # but each stands for another article: every one is analysed, as before copies were looked for
        result = build([corpus], out=out, workers=workers, copy_threshold=None)
        seconds = time.perf_counter() - t0
    rep = result.report
    if dump:
        with dump.open("wb") as fh:
            pickle.dump(result.results, fh, protocol=pickle.HIGHEST_PROTOCOL)
    return {"kind": "build", "workers": workers, "seconds": round(seconds, 3), "articles": rep["articles_read"],
            "skipped": rep["articles_skipped"], "words": rep["words"], "triples": rep["triples"],
            "quads": rep["quads"], "entities": rep["entities"], "stages": rep["seconds"],
            "rss_tree_peak_mb": round(peak.peak / 2**20, 1), **_rss()}


def measure_spacy(corpus: Path, workers: int) -> dict:
    import spacy

    import kg.builder.analyse as pipeline
    from kg.builder.steps import read_articles
    from kg.nlp.pipeline import load_model_name

    # the texts newskg's NLP reads: the headline as a text of its own, the body in chunks
    articles = read_articles([corpus], skipped=[])
    texts = [t for a in articles for t in pipeline.analysis_texts(a)]
    with PeakRss() as peak:
        t0 = time.perf_counter()
        nlp = spacy.load(load_model_name())
        words = 0
        for doc in nlp.pipe(texts, batch_size=BATCH_SIZE, n_process=workers):
            words += pipeline.count_words(doc.text)
        seconds = time.perf_counter() - t0
    return {"kind": "spacy", "workers": workers, "seconds": round(seconds, 3), "articles": len(articles),
            "words": words, "rss_tree_peak_mb": round(peak.peak / 2**20, 1), **_rss()}


_SYLLABLES = [c + v for c in "bdfghjklmnprstvz" for v in "aeiou"]


def _pseudo_word(rng: random.Random) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()


def rename_result(result, copy: int):
    """A copy of an ArticleResult as if from another article about other people and companies.

    Copy 0 is the original. Other copies get their own file name and URL, and every person, company and
    organisation gets new words in its names (the same word always becomes the same new word within a
    copy, so "Jansen" still goes with "Maja Jansen"); government bodies and countries keep theirs.
    """
    if copy == 0:
        return result
    from kg.knowledge.gazetteer import normalize_name

    art = result.article
    article = dataclasses.replace(
        art, source=f"{art.source}#r{copy}", file_name=f"r{copy:03d}-{art.file_name}",
        url=f"{art.url}-r{copy}" if art.url else None,
    )
    words: dict[str, str] = {}

    def word(w: str) -> str:
        if w not in words:
            words[w] = _pseudo_word(random.Random(f"{copy}|{w}"))
        return words[w]

    def rename(name: str) -> str:
        return " ".join(word(w) if w[:1].isupper() else w for w in name.split())

    entities = []
    for ent in result.entities:
        if ent.type in ("Person", "Company", "Organization") and ent.names:  # a merged-away shadow has none
            names = Counter({rename(n): c for n, c in ent.names.items()})
            best = max(names.items(), key=lambda kv: (kv[1], len(kv[0])))[0]
            ent = dataclasses.replace(ent, names=names, gaz_id=None, key=f"{ent.bucket}:{normalize_name(best)}")
        else:
            ent = dataclasses.replace(ent, names=Counter(ent.names))
        entities.append(ent)
    return dataclasses.replace(result, article=article, entities=entities)


def measure_replicate(dump: Path, n: int, out: Path | None, nquads: Path | None = None) -> dict:
    """The post-NLP part of ``kg.builder.full.build`` for ``n`` renamed copies of a real build's analyses.

    ``build`` runs unchanged except that reading and NLP are replaced by the prepared results; with
    ``out`` the TTL/TriG/report files are then written by ``kg.builder.full.write_outputs`` (timed apart).
    ``nquads`` dumps the graph for the store and view benchmarks.
    """
    import kg.builder.full as builder

    with dump.open("rb") as fh:
        base = pickle.load(fh)
    write_seconds = None
    with PeakRss() as peak:
        t0 = time.perf_counter()
        results = [rename_result(base[i % len(base)], i // len(base)) for i in range(n)]
        t_clone = time.perf_counter() - t0
        articles = [r.article for r in results]
        saved = builder.iter_articles, builder.run_engine, builder.new_finder
        builder.iter_articles = lambda inputs, **kw: iter(articles)
        builder.run_engine = lambda arts, **kw: ((i, results[i]) for i, _article in enumerate(arts))
        # the replicas share their original's text, which stands for another article's: none is a copy
        builder.new_finder = lambda threshold: None
        try:
            t1 = time.perf_counter()
            result = builder.build(["<replicated>"])
            seconds = time.perf_counter() - t1
        finally:
            builder.iter_articles, builder.run_engine, builder.new_finder = saved
        if out is not None:
            t2 = time.perf_counter()
            builder.write_outputs(result.dataset, out, formats=("ttl", "trig"), report=result.report)
            write_seconds = time.perf_counter() - t2
    rep = result.report
    if nquads is not None:
        write_nquads(result.dataset, nquads)
    return {"kind": "replicate", "seconds": round(seconds, 3), "write_seconds": write_seconds and round(write_seconds, 3),
            "clone_seconds": round(t_clone, 3), "articles": rep["articles_read"], "words": rep["words"],
            "triples": rep["triples"], "quads": rep["quads"], "entities": rep["entities"], "stages": rep["seconds"],
            "rss_tree_peak_mb": round(peak.peak / 2**20, 1), **_rss()}


def write_nquads(ds, path: Path) -> None:
    """Dump a Dataset as N-Quads (terms in N-Triples syntax), quickly and without rdflib's serializer."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as fh:
        for s, p, o, g in ds.quads((None, None, None, None)):
            gid = getattr(g, "identifier", g)
            fh.write(f"{s.n3()} {p.n3()} {o.n3()} {gid.n3()} .\n")


def measure_breakdown(corpus: Path) -> dict:
    """Where the NLP time goes, in one process: spaCy alone, spaCy + gazetteer ruler, whole analysis."""
    import spacy

    import kg.builder.analyse as pipeline
    from kg.builder.steps import read_articles
    from kg.nlp.pipeline import load_model_name, load_nlp

    articles = read_articles([corpus], skipped=[])
    read = getattr(pipeline, "analysis_text", lambda a: a.text)
    texts = [read(a) for a in articles]
    raw, ruled = spacy.load(load_model_name()), load_nlp()
    pipeline.analyse(articles[:2])  # load extractors and data
    out = {"kind": "breakdown", "articles": len(articles)}
    t0 = time.perf_counter()
    list(raw.pipe(texts, batch_size=BATCH_SIZE))
    out["spacy_seconds"] = round(time.perf_counter() - t0, 3)
    t0 = time.perf_counter()
    list(ruled.pipe(texts, batch_size=BATCH_SIZE))
    out["spacy_ruler_seconds"] = round(time.perf_counter() - t0, 3)
    t0 = time.perf_counter()
    pipeline.analyse(articles)
    out["analyse_seconds"] = round(time.perf_counter() - t0, 3)
    return out


def _current_rss_mb() -> float:
    import psutil

    return round(psutil.Process().memory_info().rss / 2**20, 1)


def _timed_runs(fn, repeats: int, *, slow: float = 5.0) -> tuple[float, int]:
    """Median seconds of up to ``repeats`` calls of ``fn`` (which returns a row count) and the row count.

    A call slower than ``slow`` seconds is not repeated (the budget of the whole suite is 20 minutes).
    """
    times, rows = [], 0
    for _ in range(repeats):
        t0 = time.perf_counter()
        rows = fn()
        times.append(time.perf_counter() - t0)
        if times[-1] > slow:
            break
    return round(statistics.median(times), 4), rows


def measure_store(engine: str, file: Path, repeats: int) -> dict:
    """Load a Turtle file into one engine and time the benchmark queries (medians)."""
    from .store import PREFIXES, QUERIES

    header = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())
    t0 = time.perf_counter()
    if engine == "rdflib":
        from rdflib import Graph
        from rdflib.plugins.sparql import prepareQuery

        g = Graph()
        g.parse(file, format="turtle")
        size = len(g)
        prepared = {name: prepareQuery(header + q) for name, q in QUERIES.items()}
        run = {name: (lambda pq=pq: sum(1 for _ in g.query(pq))) for name, pq in prepared.items()}
    elif engine == "oxigraph":
        import pyoxigraph as ox

        store = ox.Store()
        store.load(path=str(file), format=ox.RdfFormat.TURTLE)
        size = len(store)
        run = {name: (lambda q=q: sum(1 for _ in store.query(header + q))) for name, q in QUERIES.items()}
    elif engine == "kg-oxigraph":
        from kg.sparql.run import run_query
        from kg.store.files import load_dataset

        ds = load_dataset(file, engine="oxigraph")
        size = None  # len() on an Oxigraph-backed rdflib graph is slow (MEASURED.md)
        run = {name: (lambda q=q: len(run_query(ds, q).rows)) for name, q in QUERIES.items()}
    else:
        raise ValueError(f"unknown engine {engine!r}")
    load_seconds = time.perf_counter() - t0
    rss_after_load = _current_rss_mb()
    queries = {}
    for name, fn in run.items():
        median, rows = _timed_runs(fn, repeats)
        queries[name] = {"median_ms": round(1000 * median, 1), "rows": rows}
    return {"kind": "store", "engine": engine, "load_seconds": round(load_seconds, 3), "triples": size,
            "rss_after_load_mb": rss_after_load, "queries": queries, "repeats": repeats, **_rss()}


def _example_value(description: str) -> str | None:
    m = re.search(r"e\.g\. (.+?)\s*$", description)
    return m.group(1).strip().rstrip(".") if m else None


_PARAM_PICKS = {  # a value for a required parameter that the graph actually has
    "target": "SELECT ?l (COUNT(*) AS ?n) WHERE { ?e kg:target ?t . ?t rdfs:label ?l } GROUP BY ?l ORDER BY DESC(?n) ?l LIMIT 1",
    "entity": ("SELECT ?l (SUM(?c) AS ?n) WHERE { ?x kg:mentionCount ?c ; rdfs:label ?l } "
               "GROUP BY ?l ORDER BY DESC(?n) ?l LIMIT 1"),
}


def _param_value(ds, name: str, description: str) -> str | None:
    from kg.sparql.run import run_query

    if name in _PARAM_PICKS:
        rows = run_query(ds, _PARAM_PICKS[name]).rows
        if rows and rows[0][0] is not None:
            return str(rows[0][0])
    return _example_value(description)


def measure_bundled(engine: str, file: Path, repeats: int, timeout: float = 20.0) -> dict:
    """Load a build graph with ``kg.store.files.load_dataset`` and time every bundled query (medians)."""
    from kg.sparql.run import QueryTimeout, run_query
    from kg.sparql.catalogue import load_bundled_queries
    from kg.store.files import load_dataset

    t0 = time.perf_counter()
    ds = load_dataset(file, engine=engine)
    load_seconds = time.perf_counter() - t0
    queries = {}
    for name, bq in load_bundled_queries().items():
        params = {p.name: _param_value(ds, p.name, p.description) for p in bq.params if not p.optional}
        if any(v is None for v in params.values()):
            queries[name] = {"skipped": "a required parameter has no example value"}
            continue
        try:
            median, rows = _timed_runs(lambda: len(run_query(ds, bq, params, timeout=timeout).rows), repeats)
            queries[name] = {"median_ms": round(1000 * median, 1), "rows": rows, "params": params}
        except QueryTimeout:
            queries[name] = {"timeout_s": timeout, "params": params}
        except Exception as exc:  # noqa: BLE001 - a failing query is reported, the others still run
            queries[name] = {"error": f"{type(exc).__name__}: {exc}"[:300]}
    return {"kind": "bundled", "engine": engine, "file": file.name, "load_seconds": round(load_seconds, 3),
            "queries": queries, "repeats": repeats, **_rss()}


def measure_view(file: Path, sizes: list[int], out_dir: Path, repeats: int = 3) -> dict:
    """Time ``kg.view.network.to_networkx`` on a build graph and ``kg.view.network.write_view`` on subgraphs of given sizes.

    A subgraph of n nodes keeps the n best-connected nodes (degree, then IRI) and the edges between them,
    and only the article metadata they refer to.
    """
    from kg.store.files import load_dataset
    from kg.view.network import to_networkx
    from kg.view.page import write_view

    t0 = time.perf_counter()
    ds = load_dataset(file, engine="oxigraph")
    load_seconds = time.perf_counter() - t0
    t0 = time.perf_counter()
    G = to_networkx(ds)
    nx_seconds = time.perf_counter() - t0
    order = sorted(G.nodes, key=lambda n: (-G.degree(n), n))
    out_dir.mkdir(parents=True, exist_ok=True)
    rows = []
    for n in sizes:
        H = G.subgraph(order[:n]).copy()
        used = set()
        for _, attrs in H.nodes(data=True):
            used.update(attrs.get("articles") or ())
        for _, _, attrs in H.edges(data=True):
            used.update(attrs.get("articles") or ())
        H.graph["articles"] = {k: v for k, v in G.graph.get("articles", {}).items() if k in used}
        path = out_dir / f"view-{n}.html"
        median, _ = _timed_runs(lambda: write_view(H, path) and 0, repeats, slow=20.0)
        rows.append({"nodes_wanted": n, "nodes": H.number_of_nodes(), "edges": H.number_of_edges(),
                     "articles": len(H.graph["articles"]), "write_seconds": round(median, 3),
                     "bytes": path.stat().st_size})
    return {"kind": "view", "file": file.name, "load_seconds": round(load_seconds, 3),
            "to_networkx_seconds": round(nx_seconds, 3), "graph_nodes": G.number_of_nodes(),
            "graph_edges": G.number_of_edges(), "sizes": rows, **_rss()}


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.measure")
    sub = ap.add_subparsers(dest="kind", required=True)
    b = sub.add_parser("build")
    b.add_argument("corpus", type=Path)
    b.add_argument("out", type=Path)
    b.add_argument("--workers", type=int, default=1)
    b.add_argument("--dump", type=Path)
    s = sub.add_parser("spacy")
    s.add_argument("corpus", type=Path)
    s.add_argument("--workers", type=int, default=1)
    r = sub.add_parser("replicate")
    r.add_argument("dump", type=Path)
    r.add_argument("n", type=int)
    r.add_argument("--out", type=Path, help="also write TTL/TriG/report here (timed apart)")
    r.add_argument("--nquads", type=Path, help="dump the graph here as N-Quads")
    k = sub.add_parser("breakdown")
    k.add_argument("corpus", type=Path)
    v = sub.add_parser("view")
    v.add_argument("file", type=Path)
    v.add_argument("out_dir", type=Path)
    v.add_argument("--sizes", default="1000,5000,20000")
    for kind in ("store", "bundled"):
        st = sub.add_parser(kind)
        st.add_argument("engine")
        st.add_argument("file", type=Path)
        st.add_argument("--repeats", type=int, default=3)
    args = ap.parse_args(argv)
    if args.kind == "build":
        res = measure_build(args.corpus, args.out, args.workers, args.dump)
    elif args.kind == "spacy":
        res = measure_spacy(args.corpus, args.workers)
    elif args.kind == "view":
        res = measure_view(args.file, [int(x) for x in args.sizes.split(",")], args.out_dir)
    elif args.kind == "store":
        res = measure_store(args.engine, args.file, args.repeats)
    elif args.kind == "bundled":
        res = measure_bundled(args.engine, args.file, args.repeats)
    elif args.kind == "breakdown":
        res = measure_breakdown(args.corpus)
    else:
        res = measure_replicate(args.dump, args.n, args.out, args.nquads)
    sys.stdout.write(json.dumps(res) + "\n")


if __name__ == "__main__":
    main()

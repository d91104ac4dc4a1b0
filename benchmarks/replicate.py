"""The streaming build's resolution and writing at 10,000 to 100,000 articles, from replicated analyses.

Analysing 100,000 articles takes hours on this machine, and the analysis runs in worker processes whose memory is the
model's and does not grow with the corpus. What grows is the main process's resolution and writing, which this
measures: the real analyses of one streaming build's work folder (``python -m benchmarks scale``'s largest size) are
copied into a new work folder until it holds 100,000 articles, and then
:func:`kg.builder.stream.resolve_streamed` (resolution and event clustering) and :func:`kg.builder.stream.write_rows`
run on the first N articles of it, in a fresh process per size, as ``kg build --work DIR --format nq`` runs them after the
analysis, ``report.json`` (a record of every article) included.

Two ways of copying (``--names``):

- ``renamed``: every copy with its people, companies and organisations renamed
  (:func:`benchmarks.measure.rename_result`): distinct entities and events grow with the articles;
- ``kept``: every copy keeps every name and fact and differs only in the article's identity (source, file name, URL,
  content hash: :func:`keep_names`), as the same story published again elsewhere would, were it not a copy the copy
  finder drops: distinct entities and events stay flat while the articles grow, so what grows with the articles alone
  shows.

``python -m benchmarks.replicate make BASE_WORK N WORK [--names renamed|kept]`` and
``python -m benchmarks.replicate measure WORK N OUT``.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import pickle
import time
from pathlib import Path

from .measure import peak_rss_mb, rename_result

FINGERPRINT = "replicated analyses"  # the work folder's fingerprint: no build of inputs ever reads these keys


NAMES = ("renamed", "kept")


def keep_names(result, copy: int):
    """A copy of an ArticleResult as the same story told by another article: another source, file name, URL and content
    hash, every entity, fact and date as they are. Copy 0 is the original.

    >>> from kg.extract.facts import ArticleResult
    >>> from kg.read.article import Article
    >>> art = Article(source="a.md", file_name="a.md", text="", content_hash="h", url="https://x.example/a")
    >>> copy = keep_names(ArticleResult(art, [], []), 2).article
    >>> copy.source, copy.file_name, copy.url, copy.content_hash
    ('a.md#k2', 'k002-a.md', 'https://x.example/a-k2', 'h-k2')
    """
    if copy == 0:
        return result
    import dataclasses

    art = result.article
    article = dataclasses.replace(art, source=f"{art.source}#k{copy}", file_name=f"k{copy:03d}-{art.file_name}",
                                  url=f"{art.url}-k{copy}" if art.url else None,
                                  content_hash=f"{art.content_hash}-k{copy}")
    return dataclasses.replace(result, article=article)


def make(base: Path, n: int, work: Path, *, shard_rows: int = 256, names: str = "renamed") -> dict:
    """Write ``n`` articles into the work folder ``work``: copies 0, 1, ... of ``base``'s analysed articles, their
    people, companies and organisations renamed (``names="renamed"``) or every name kept (``"kept"``)."""
    import pyarrow.parquet as pq

    from kg.builder.work import WorkFolder
    from kg.read.article import Skipped

    copy_of = {"renamed": rename_result, "kept": keep_names}[names]
    rows = []
    for path in WorkFolder(base, fingerprint=FINGERPRINT).shard_paths():
        table = pq.read_table(path, columns=["key", "result"])
        rows += list(zip(table.column("key").to_pylist(), table.column("result").to_pylist()))
    t0 = time.perf_counter()
    folder = WorkFolder(work, fingerprint=FINGERPRINT)
    written, copy = 0, 0
    with folder.writer(rows=shard_rows, seconds=float("inf")) as writer:
        while written < n:
            for key, blob in rows:
                result = pickle.loads(blob)
                if isinstance(result, Skipped) or written >= n:
                    continue
                writer.add(hashlib.sha256(f"{copy}|{key}".encode()).hexdigest(), copy_of(result, copy))
                written += 1
            copy += 1
    return {"articles": written, "base_articles": len(rows), "copies": copy, "names": names, "seconds": round(time.perf_counter() - t0, 1)}


def _keys(folder, n: int) -> list[str]:
    """The keys of the first ``n`` articles of a work folder, in the order of its shards."""
    import pyarrow.parquet as pq

    keys: list[str] = []
    for path in folder.shard_paths():
        keys += pq.read_table(path, columns=["key"]).column("key").to_pylist()
        if len(keys) >= n:
            break
    return keys[:n]


def measure(work: Path, n: int, out: Path, *, whole: bool = False) -> dict:
    """Resolution and writing of the first ``n`` articles of ``work``, as a streaming build runs them, in this process:
    seconds, the main process's peak RSS, distinct entities and events, quads. ``whole``: as the build ran them before
    :mod:`kg.builder.stream` (every article's whole result held), for comparison."""
    from rdflib import Dataset

    from kg.builder.nquads import GRAPH_SHARDS, merge_graph_shards, write_graph_shards
    from kg.builder.records import ShardRows
    from kg.builder.steps import BuildResult, make_report, report_bytes
    from kg.builder.stream import StreamedResults, article_summary, resolve_streamed, write_rows
    from kg.builder.work import WorkFolder
    from kg.knowledge.gazetteer import load_gazetteer
    from kg.rdf.ids import IdMinter
    from kg.rdf.writer import GraphWriter
    from kg.resolve.entities import resolve_entities
    from kg.resolve.events import cluster_events, jurisdictions

    gaz = load_gazetteer()
    before = peak_rss_mb()
    out.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    folder = WorkFolder(work, fingerprint=FINGERPRINT)
    keys = _keys(folder, n)
    if whole:
        loaded = folder.load(keys)
        results = [loaded[k] for k in keys]
        del loaded
    else:
        rows = ShardRows(folder, keys)
    articles = len(keys)
    del keys
    t_load = time.perf_counter()
    if whole:
        resolution = resolve_entities(results, gaz)
        events = cluster_events(results, resolution, jurisdictions(results, resolution, gaz))
    else:
        resolution, events, book = resolve_streamed(rows, gaz)
    t_resolve = time.perf_counter()
    after_resolve = peak_rss_mb()
    if whole:  # as the build wrote before kg.builder.stream: every whole result held by the writer
        writer = GraphWriter(results, resolution, events, gaz, IdMinter())
        quads, triples = merge_graph_shards(write_graph_shards(writer, [], IdMinter(), work / GRAPH_SHARDS),
                                            out / "graph.nq")
    else:
        (quads, triples), facts = write_rows(folder, rows, book, resolution, events, [], gaz, IdMinter(),
                                             out / "graph.nq")
    after_write = peak_rss_mb()
    if not whole:  # report.json as the build makes and writes it: a record of every article, made as it is written
        report = make_report(BuildResult(Dataset(), StreamedResults(rows), []), resolution, events,
                             counts=(quads, triples), facts=facts, timings={}, summary=article_summary(rows, book))
        with (out / "report.json").open("wb") as fh:
            for piece in report_bytes(report):
                fh.write(piece)
        del report
    seconds = time.perf_counter() - t0
    entities = sum(1 for e in resolution.entities if e.articles)
    return {"articles": articles, "whole": whole, "seconds": round(seconds, 1),
            "seconds_per_article": round(seconds / articles, 5),
            "stages": {"load": round(t_load - t0, 1), "resolve": round(t_resolve - t_load, 1),
                       "write": round(seconds - (t_resolve - t0), 1)},
            "entities": entities, "events": len(events), "quads": quads, "triples": triples,
            "rss_before_mb": before, "rss_after_resolution_mb": after_resolve, "rss_after_writing_mb": after_write,
            "rss_main_peak_mb": peak_rss_mb()}


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.replicate")
    sub = ap.add_subparsers(dest="what", required=True)
    m = sub.add_parser("make")
    m.add_argument("base", type=Path)
    m.add_argument("n", type=int)
    m.add_argument("work", type=Path)
    m.add_argument("--names", choices=NAMES, default="renamed",
                   help="renamed: every copy brings new people and companies; kept: only the article's identity varies")
    r = sub.add_parser("measure")
    r.add_argument("work", type=Path)
    r.add_argument("n", type=int)
    r.add_argument("out", type=Path)
    r.add_argument("--whole", action="store_true", help="hold every whole result, as before kg.builder.stream")
    a = ap.parse_args(argv)
    if a.what == "make":
        print(json.dumps(make(a.base, a.n, a.work, names=a.names)))
    else:
        print(json.dumps(measure(a.work, a.n, a.out, whole=a.whole)))


if __name__ == "__main__":
    main()

"""The graph of a streaming build, written as it is produced: N-Quads shards, then one sorted merge.

What flows in: the graph writer (resolved results, entities, events) and the copies. What flows out: ``graph.nq``, the
same bytes :func:`kg.store.files.serialize` gives for the whole dataset (sorted, distinct lines), and its counts of
quads and distinct triples.

The articles' named graphs are made a batch at a time in a small rdflib dataset, serialised (sorted, distinct lines)
into ``WORK/graph/part-NNNNNN.nq`` and dropped, so no dataset of the whole graph is ever held; then the shards are
merged line by line (:func:`heapq.merge`), which keeps one line per shard in memory. The shards are what a bulk loader
reads too (Oxigraph's ``bulk_load``, QLever's index builder, Fuseki's ``tdb2.tdbloader``: see the README).

Counting distinct triples needs no memory either: the lines are sorted and a triple's lines (one per graph it is in)
all start with the same ``subject predicate object``, so they are neighbours in the merged file.
"""
from __future__ import annotations

import heapq
import os
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from rdflib import Dataset

from kg.extract.facts import ArticleResult
from kg.rdf.ids import IdMinter
from kg.rdf.writer import GraphWriter, write_copies
from kg.read.copies import Copy
from kg.store.files import serialize

GRAPH_SHARDS = "graph"
ARTICLES_PER_SHARD = 256
SHARDS_OPEN = 256  # shards a merge reads at once (one open file each); more are merged in rounds


def write_graph_shards(writer: GraphWriter, copies: Sequence[Copy], minter: IdMinter, folder: Path, *,
                       articles: int = ARTICLES_PER_SHARD,
                       results: Iterable[tuple[int, ArticleResult]] | None = None) -> list[Path]:
    """Write every article's named graph (then the copies') as sorted N-Quads shards in ``folder``; return them.

    ``results``: (article index, whole result) of every article in any order, when ``writer.results`` holds only what
    resolution read (:mod:`kg.builder.stream`); the merged graph does not depend on the order.
    Shards of an earlier run in ``folder`` are removed first: resolution may have changed any IRI.
    """
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("part-*.nq"):
        old.unlink()
    paths: list[Path] = []

    def flush(ds: Dataset) -> None:
        path = folder / f"part-{len(paths):06d}.nq"
        path.write_bytes(serialize(ds, "nq"))
        paths.append(path)

    ds, pending = Dataset(), 0
    for ai, result in results if results is not None else ((ai, None) for ai in range(len(writer.results))):
        writer.write_article(ds, ai, result)
        pending += 1
        if pending == articles:
            flush(ds)
            ds, pending = Dataset(), 0
    if pending:
        flush(ds)
    for start in range(0, len(copies), articles):
        ds = Dataset()
        write_copies(ds, copies[start:start + articles], minter)
        flush(ds)
    return paths


def _lines(path: Path) -> Iterator[str]:
    with path.open("r", encoding="utf-8", newline="\n") as fh:
        for line in fh:
            yield line


def _merge_into(shards: Sequence[Path], tmp: Path) -> int:
    """Merge sorted N-Quads shards into ``tmp`` (sorted, each line once); return its lines."""
    quads = 0
    last = None
    with tmp.open("w", encoding="utf-8", newline="\n") as fh:
        for line in heapq.merge(*(_lines(p) for p in shards)):
            if line != last and line != "\n":
                fh.write(line)
                quads += 1
                last = line
        fh.flush()
        os.fsync(fh.fileno())
    return quads


def merge_graph_shards(shards: Sequence[Path], out: Path, *, at_once: int = SHARDS_OPEN) -> tuple[int, int]:
    """Merge sorted N-Quads shards into ``out`` (sorted, each line once), written to a temporary name and renamed;
    returns (quads, distinct triples). At most ``at_once`` shards are open at a time: more are merged ``at_once`` at
    a time into larger shards first (the same lines), so that a build of millions of articles stays under the limit
    of open files."""
    import pyoxigraph as ox

    at_once = max(2, at_once)
    rounds = 0
    while len(shards) > at_once:
        rounds += 1
        merged: list[Path] = []
        for start in range(0, len(shards), at_once):
            # beside the shards: write_graph_shards removes them (part-*.nq) if a build is killed while merging
            part = shards[start].parent / f"part-r{rounds}-{len(merged):06d}.nq"
            _merge_into(shards[start:start + at_once], part)
            merged.append(part)
        if rounds > 1:
            for p in shards:
                p.unlink()
        shards = merged
    tmp = out.with_name(f".{out.name}.merging")
    quads = _merge_into(shards, tmp)
    if rounds:
        for p in shards:
            p.unlink()
    triples = 0
    previous = None
    for quad in ox.parse(path=tmp, format=ox.RdfFormat.N_QUADS):
        triple = quad.triple
        if triple != previous:
            triples += 1
            previous = triple
    os.replace(tmp, out)
    return quads, triples

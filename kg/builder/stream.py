"""Resolution and writing of a streaming build (``kg build --work DIR --format nq``) in memory that grows with the
entities and events, not with the articles.

What flows in: a work folder (:mod:`kg.builder.work`) and the keys of the build's articles. What flows out: the
resolution, the events, the graph (``graph.nq``) and what the report says of the articles.

Without a corrections file (:func:`resolve_streamed`, :func:`write_rows`), each article's compact record
(:mod:`kg.builder.compact`) is read once, in the build's order, and let go: its local entities go into a summary per
distinct name key (:class:`kg.resolve.keyed.KeyedMentions`), its event facts and the relations saying who leads whom
into a :class:`kg.builder.records.FactBook` (each distinct fact once); what is held per article is where its row is
(:class:`kg.builder.records.ShardRows`) and a few packed integers. Each article's whole result is read again, a shard
at a time, when its named graph is written, and its compact record when ``report.json`` is written.

With a corrections file (:func:`load_compact`, :func:`resolve_compact`, :func:`write_streamed`), whose entries are
matched against every mention, the compact records of every article are held until resolution has placed them.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import replace
from pathlib import Path

from kg.builder.compact import intern_compact
from kg.builder.nquads import GRAPH_SHARDS, merge_graph_shards, write_graph_shards
from kg.builder.records import FactBook, ShardRows
from kg.builder.steps import ArticleSummary
from kg.builder.work import COMPACT, WorkFolder
from kg.extract.facts import ArticleResult, EventFact, Relation, StatementFact
from kg.knowledge.gazetteer import Gazetteer
from kg.knowledge.kinds import load_kinds
from kg.rdf.ids import IdMinter
from kg.rdf.writer import GraphWriter
from kg.read.article import Skipped
from kg.read.copies import Copy
from kg.resolve.correcting import dropped_entities, without_entities
from kg.resolve.entities import Resolution, resolve_entities
from kg.resolve.events import EventCluster, cluster_events, jurisdictions
from kg.resolve.keyed import KeyedMentions


def fact_counts(result: ArticleResult) -> Counter:
    """The article's facts as ``report.json`` counts them (relations, statements, each kind's reports)."""
    kinds = load_kinds()
    counts: Counter = Counter()
    for f in result.facts:
        if isinstance(f, EventFact):
            counts[kinds[f.kind].report_mentions] += 1
        else:
            counts[{Relation: "relations", StatementFact: "statements"}[type(f)]] += 1
    return counts


def load_compact(folder: WorkFolder, keys: Sequence[str]) -> dict[str, ArticleResult | Skipped]:
    """Each key's compact record (a failed article's :class:`Skipped` as it is), read a shard at a time."""
    return {key: res if isinstance(res, Skipped) else intern_compact(res)
            for key, res in folder.results(keys, compact=True)}


def whole_results(folder: WorkFolder, keys: Sequence[str], dropped: Mapping[int, set[int]], *,
                  facts: Counter | None = None) -> Iterator[tuple[int, ArticleResult]]:
    """(article index, whole result) of every article, in the order of the shards (``keys[i]`` is the key of article
    ``i``), as the writer writes it: less the local entities a corrections file's ``not-entity`` entries dropped
    (``dropped``: by article index) and the facts that cannot stand without them, as in the compact records resolution
    read. ``facts`` counts the facts of the results yielded, as ``report.json`` does.
    """
    where: dict[str, int] = {}
    again: dict[str, list[int]] = {}  # a key of more than one article (the same record read twice)
    for ai, key in enumerate(keys):
        if key in where:
            again.setdefault(key, []).append(ai)
        else:
            where[key] = ai
    for key, res in folder.results(where):
        for ai in (where[key], *again.get(key, ())):
            gone = dropped.get(ai, set())
            whole = replace(res, entities=[e for e in res.entities if e.local_id not in gone],
                            facts=without_entities(res.facts, gone)) if gone else res
            if facts is not None:
                facts.update(fact_counts(whole))
            yield ai, whole


def resolve_compact(results: list[ArticleResult], gaz: Gazetteer, *,
                    judge=None) -> tuple[Resolution, list[EventCluster], dict[int, set[int]]]:
    """Resolution and event clustering of the compact ``results``, their local entities let go in place as soon as
    resolution has placed them (nothing after it reads them: event clustering and the writer's tables go by global
    ids), so that their memory serves what comes next. Returns the resolution, the events and, by article index, the
    local entities a corrections file's ``not-entity`` entries dropped (the writer leaves them out of the whole
    results too)."""
    resolution = resolve_entities(results, gaz, judge=judge)
    dropped = {ai: gone for ai, r in enumerate(results) if (gone := dropped_entities(r.entities))}
    for r in results:
        r.entities = []
    events = cluster_events(results, resolution, jurisdictions(results, resolution, gaz))
    return resolution, events, dropped


def write_streamed(folder: WorkFolder, keys: Sequence[str], results: list[ArticleResult], dropped: dict[int, set[int]],
                   resolution: Resolution, events: Sequence[EventCluster], copies: Sequence[Copy], gaz: Gazetteer,
                   minter: IdMinter, out: Path) -> tuple[tuple[int, int], Counter]:
    """Write ``out`` (N-Quads) from the compact ``results`` resolution read (``keys[i]`` is the key of ``results[i]``;
    ``dropped``: see :func:`resolve_compact`), each article's named graph from its whole result read again from the
    folder; returns (quads, distinct triples) and the facts written as ``report.json`` counts them.

    Once the writer has its tables (IRIs, labels, each event fact's event), the compact records are cut down to what
    the report reads (the article's header, words, warnings) and the events to their kinds, in place: the memory they
    held serves the writing.
    """
    writer = GraphWriter(results, resolution, events, gaz, minter)
    for r in results:
        r.facts = []
    for cluster in events:
        cluster.facts, cluster.signatures, cluster.shared = [], set(), set()
    facts: Counter = Counter()
    shards = write_graph_shards(writer, copies, minter, folder.path / GRAPH_SHARDS,
                                results=whole_results(folder, keys, dropped, facts=facts))
    out.parent.mkdir(parents=True, exist_ok=True)
    counts = merge_graph_shards(shards, out)
    folder.state.graph_shards = len(shards)
    return counts, facts


def resolve_streamed(rows: ShardRows, gaz: Gazetteer) -> tuple[Resolution, list[EventCluster], FactBook]:
    """Resolution and event clustering of the articles of ``rows`` (no corrections file), each compact record read
    once in the build's order: returns the resolution, the events and the articles' facts (and words and warnings)."""
    mentions = KeyedMentions(len(rows))
    book = FactBook()
    for ai, record in rows.read(COMPACT):
        mentions.add(ai, record.entities)
        book.add_record(ai, record)
    resolution = mentions.resolve(gaz)
    events = cluster_events(book, resolution, jurisdictions(book, resolution, gaz))
    return resolution, events, book


def write_rows(folder: WorkFolder, rows: ShardRows, book: FactBook, resolution: Resolution,
               events: Sequence[EventCluster], copies: Sequence[Copy], gaz: Gazetteer, minter: IdMinter,
               out: Path) -> tuple[tuple[int, int], Counter]:
    """Write ``out`` (N-Quads) from what :func:`resolve_streamed` returned, each article's named graph from its whole
    result read again, a shard at a time; returns (quads, distinct triples) and the facts written as ``report.json``
    counts them. Once the writer has its tables, the facts of ``book`` and of the events are let go."""
    writer = GraphWriter(book, resolution, events, gaz, minter)
    book.release()
    for cluster in events:
        cluster.facts, cluster.signatures, cluster.shared = [], set(), set()
    facts: Counter = Counter()

    def counted() -> Iterator[tuple[int, ArticleResult]]:
        for ai, whole in rows.read_by_shard("result"):
            facts.update(fact_counts(whole))
            yield ai, whole

    shards = write_graph_shards(writer, copies, minter, folder.path / GRAPH_SHARDS, results=counted())
    out.parent.mkdir(parents=True, exist_ok=True)
    counts = merge_graph_shards(shards, out)
    folder.state.graph_shards = len(shards)
    return counts, facts


class StreamedResults(Sequence):
    """The compact records of a streaming build's articles (``rows``), read again from the work folder when asked for:
    what ``BuildResult.results`` and the report read of them."""

    def __init__(self, rows: ShardRows):
        self.rows = rows

    def __len__(self) -> int:
        return len(self.rows)

    def __iter__(self) -> Iterator[ArticleResult]:
        return (record for _ai, record in self.rows.read(COMPACT))

    def __getitem__(self, ai):  # type: ignore[override]
        if isinstance(ai, slice):
            return list(self)[ai]
        return self.rows.record(ai + len(self) if ai < 0 else ai)


def article_summary(rows: ShardRows, book: FactBook) -> ArticleSummary:
    """What the report says of the articles of ``rows``: from ``book``, and their records read again when it is
    written."""
    return ArticleSummary(words=book.words, warnings=[(source, w) for _ai, source, w in book.warnings],
                          records=StreamedResults(rows))

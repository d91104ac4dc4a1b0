"""A streaming build without corrections resolves from a summary per distinct name key and packed per-article tables
(kg.resolve.keyed, kg.builder.records), and writes the graph and report the build in memory writes."""
from __future__ import annotations

import json
import pickle
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from kg.builder.full import build
from kg.builder.records import FactBook, ShardRows
from kg.builder.work import COMPACT, WorkFolder
from kg.knowledge.gazetteer import load_gazetteer
from kg.read.article import Skipped
from kg.resolve.entities import resolve_entities
from kg.resolve.events import cluster_events, jurisdictions
from kg.resolve.keyed import KeyedMentions

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "articles"
NEWSDEV = ROOT / "benchmarks" / "data" / "newsdev"


def _keys(folder: WorkFolder) -> list[str]:
    return [k for p in folder.shard_paths() for k in pq.read_table(p, columns=["key"]).column("key").to_pylist()]


def _report(result) -> dict:
    rep = dict(result.report)
    rep["articles"] = list(rep["articles"])
    rep = json.loads(json.dumps(rep, default=str))
    for key in ("seconds", "work"):
        rep.pop(key, None)
    return rep


def _entities(resolution) -> list[tuple]:
    return [(e.gid, e.type, e.label, list(e.names.items()), e.gaz_id, sorted(e.articles)) for e in resolution.entities]


@pytest.fixture(scope="module")
def analysed(tmp_path_factory):
    """A work folder of the examples and two dev sets, and its articles' compact records in the order of the shards."""
    work = tmp_path_factory.mktemp("keyed") / "work"
    inputs = [str(EXAMPLES), *(str(NEWSDEV / d / "articles") for d in ("dev-12", "dev-13"))]
    build(inputs, out=None, work=work)
    folder = WorkFolder(work)
    keys = _keys(folder)
    records = dict(folder.results(keys, compact=True))
    folder.close()
    return work, keys, [records[k] for k in keys]


def test_keyed_resolution_is_resolve_entities(analysed):
    _work, _keys_, records = analysed
    gaz = load_gazetteer()
    whole = resolve_entities(records, gaz)
    mentions = KeyedMentions(len(records))
    for ai in reversed(range(len(records))):  # the articles may come in any order
        mentions.add(ai, records[ai].entities)
    keyed = mentions.resolve(gaz)
    assert _entities(keyed) == _entities(whole)
    assert all(keyed.gid(ai, e.local_id) == whole.gid(ai, e.local_id) for ai, r in enumerate(records)
               for e in r.entities)
    book = FactBook()
    for r in records:
        book.add(r.facts)
    events = cluster_events(book, keyed, jurisdictions(book, keyed, gaz))
    before = cluster_events(records, whole, jurisdictions(records, whole, gaz))
    assert [(c.kind, [(ai, f) for ai, f in c.facts]) for c in events] == \
        [(c.kind, [(ai, f) for ai, f in c.facts]) for c in before]


def test_shard_rows_read_the_build_s_order_and_set_failures_apart(analysed, tmp_path):
    work, keys, records = analysed
    # a folder whose shards hold the articles in another order than the build's, and a failed article
    folder = WorkFolder(tmp_path / "work")
    source = WorkFolder(work)
    blobs = dict(source.results(keys))
    source.close()
    with folder.writer(rows=5) as writer:
        for key in reversed(keys):
            writer.add(key, blobs[key])
        writer.add("failed-one", Skipped("gone.txt", "the extractor failed"))
    order = [keys[2], "failed-one", keys[0], keys[1], keys[2]]  # a key twice: one row read twice
    rows = ShardRows(folder, order)
    assert len(rows) == 4 and [s.source for s in rows.skipped] == ["gone.txt"]
    read = [r for _ai, r in rows.read(COMPACT)]
    assert read == [records[2], records[0], records[1], records[2]]
    assert [ai for ai, _r in rows.read_by_shard()] == [0, 3, 2, 1]  # the shards hold the keys in reverse
    assert rows.record(1) == records[0]


def test_a_streaming_build_writes_the_graph_and_report_of_a_build_in_memory(tmp_path):
    inputs = [str(EXAMPLES), str(NEWSDEV / "dev-13" / "articles")]
    whole = build(inputs, out=tmp_path / "whole", formats=("nq",))
    streamed = build(inputs, out=tmp_path / "streamed", formats=("nq",), work=tmp_path / "work")
    assert (tmp_path / "streamed" / "graph.nq").read_bytes() == (tmp_path / "whole" / "graph.nq").read_bytes()
    assert _report(streamed) == _report(whole)
    written = json.loads((tmp_path / "streamed" / "report.json").read_text(encoding="utf-8"))
    assert written["articles"] == _report(whole)["articles"]
    assert [r.article.key for r in streamed.results] == [r.article.key for r in whole.results]


def test_a_streaming_build_resumed_from_shards_in_another_order_writes_the_same_graph(tmp_path):
    first = build([str(EXAMPLES)], out=tmp_path / "a", formats=("nq",), work=tmp_path / "work", shard_rows=3)
    del first
    WorkFolder(tmp_path / "work").shard_paths()[0].unlink()  # its articles are analysed again, into the last shard
    again = build([str(EXAMPLES)], out=tmp_path / "b", formats=("nq",), work=tmp_path / "work")
    assert again.report["work"]["analysed"] == 3 and again.report["work"]["resumed"] > 0
    assert (tmp_path / "b" / "graph.nq").read_bytes() == (tmp_path / "a" / "graph.nq").read_bytes()
    assert json.loads((tmp_path / "b" / "report.json").read_text(encoding="utf-8"))["articles"] == \
        json.loads((tmp_path / "a" / "report.json").read_text(encoding="utf-8"))["articles"]


def test_the_fact_book_keeps_equal_facts_of_one_article_apart():
    from kg.extract.facts import EventFact

    fact = EventFact("sanction", {"targets": (1,), "imposed_by": (0,)}, "")
    book = FactBook()
    book.add([fact, EventFact("sanction", {"targets": (1,), "imposed_by": (0,)}, "")])
    book.add([EventFact("sanction", {"targets": (1,), "imposed_by": (0,)}, "")])
    a, b = book[0].facts
    assert a == b and a is not b and book[1].facts[0] is a
    assert pickle.loads(pickle.dumps(a)) == a


def test_shard_rows_read_shards_written_without_compact_records(analysed, tmp_path):
    import shutil

    from kg.builder.compact import to_compact

    work, keys, records = analysed
    shutil.copytree(work, tmp_path / "old", ignore=shutil.ignore_patterns(".lock"))
    folder = WorkFolder(tmp_path / "old")
    for path in folder.shard_paths():  # as a work folder of the version before compact records
        pq.write_table(pq.read_table(path).drop_columns([COMPACT]), path)
    rows = ShardRows(folder, keys)
    whole = [r for _ai, r in rows.read("result")]
    assert [r for _ai, r in rows.read(COMPACT)] == [to_compact(r) for r in whole] == records


def test_a_bid_joins_as_it_did_when_it_read_every_report_of_a_cluster():
    """Bid.join keeps a summary of each cluster (words, earliest and latest binding month, offerees) instead of
    reading all its reports at every join: the same clusters as the definition, report by report."""
    import random
    import re

    from kg.extract.facts import make_event
    from kg.knowledge.kinds import load_kinds
    from kg.resolve.events import Bid, _months

    bid = Bid(load_kinds()["offer"])

    def words(f):
        return {w for w in re.findall(r"[a-z0-9]+", (f.item or "").lower()) if w not in bid.stop and len(w) > 1}

    def close(a, b):
        return (not a.date or not b.date or abs(_months(a.date) - _months(b.date)) <= bid.window
                or a.status in bid.outcomes or b.status in bid.outcomes)

    def naive(facts):
        group: list[list] = []
        for f in facts:
            for c in group:
                other = set().union(*(words(g) for g in c))
                if (not words(f) or not other or words(f) & other) and all(close(f, g) for g in c):
                    c.append(f)
                    break
            else:
                # else the latest cluster with an offeree of this report's, all within the window
                same_party = [c for c in group if set(f.offered_to) & {t for g in c for t in g.offered_to}
                              and all(close(f, g) for g in c)]
                if same_party:
                    same_party[-1].append(f)
                else:
                    group.append([f])
        return group

    class Ids:  # global ids as the local ones: one article's entities
        @staticmethod
        def gids(_ai, locals_):
            return frozenset(locals_)

    rng = random.Random(7)
    items = [None, "chip unit", "arm chips", "cloud arm", "tiktok", "the deal"]
    dates = [None, "2019", "2020-01", "2020-06-15", "2021-02", "2022-11"]
    statuses = [None, None, "rejected", "accepted"]
    for _ in range(200):
        facts = [make_event("offer", evidence="", offered_by=(0,), item=rng.choice(items), date=rng.choice(dates),
                            status=rng.choice(statuses), offered_to=rng.choice([(), (1,), (2,)]))
                 for _ in range(rng.randint(1, 12))]
        group: list = []
        for ai, f in enumerate(facts):
            bid.join(group, ai, f, Ids())
        assert [[f for _ai, f in c.facts] for c in group] == naive(facts)


def test_a_merge_of_more_shards_than_it_may_open_gives_the_same_graph(tmp_path):
    from kg.builder.nquads import merge_graph_shards

    build([str(EXAMPLES)], out=tmp_path / "a", formats=("nq",), work=tmp_path / "work", shard_rows=2)
    shards = sorted((tmp_path / "work" / "graph").glob("part-*.nq"))
    one = merge_graph_shards(shards, tmp_path / "one.nq")
    assert len(shards) >= 1
    parts = []  # the graph cut into many small sorted shards, some lines in two of them
    lines = (tmp_path / "one.nq").read_text(encoding="utf-8").splitlines(keepends=True)
    for i in range(0, len(lines), 7):
        part = tmp_path / "parts" / f"part-{i:06d}.nq"
        part.parent.mkdir(exist_ok=True)
        part.write_text("".join(sorted(lines[i:i + 7] + lines[i + 3:i + 5])), encoding="utf-8")
        parts.append(part)
    assert len(parts) > 9
    assert merge_graph_shards(parts, tmp_path / "rounds.nq", at_once=3) == one
    assert (tmp_path / "rounds.nq").read_bytes() == (tmp_path / "one.nq").read_bytes()
    assert sorted(p.name for p in (tmp_path / "parts").iterdir()) == [p.name for p in parts]  # rounds cleaned up

"""A streaming build's resolution reads only compact records (kg.builder.stream) and writes the same graph."""
from __future__ import annotations

import json
import pickle
from dataclasses import replace
from pathlib import Path

import pyarrow.parquet as pq

from kg.builder.compact import to_compact
from kg.builder.full import build
from kg.builder.stream import load_compact, whole_results
from kg.builder.work import COMPACT, WorkFolder
from kg.extract.facts import EventFact, Relation, StatementFact

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "articles"
CORRECTIONS = ROOT / "examples" / "corrections.yaml"


def _report(result) -> dict:
    rep = json.loads(json.dumps(result.report, default=str))
    for key in ("seconds", "work", "corrections"):
        rep.pop(key, None)
    return rep


def test_a_streaming_build_with_corrections_writes_the_same_graph_and_report(tmp_path):
    whole = build([str(EXAMPLES)], out=tmp_path / "whole", formats=("nq",), corrections=CORRECTIONS)
    streamed = build([str(EXAMPLES)], out=tmp_path / "streamed", formats=("nq",), work=tmp_path / "work",
                     corrections=CORRECTIONS)
    assert (tmp_path / "streamed" / "graph.nq").read_bytes() == (tmp_path / "whole" / "graph.nq").read_bytes()
    assert _report(streamed) == _report(whole)
    assert streamed.report["corrections"]["applied"] == whole.report["corrections"]["applied"]
    # once written, the build keeps of each article only what the report reads
    assert all(not r.facts and not r.entities for r in streamed.results)
    assert [r.article.key for r in streamed.results] == [r.article.key for r in whole.results]


def test_the_compact_record_keeps_what_resolution_reads(tmp_path):
    build([str(EXAMPLES)], out=None, work=tmp_path / "work")
    folder = WorkFolder(tmp_path / "work")
    keys = [k for p in folder.shard_paths() for k in pq.read_table(p, columns=["key"]).column("key").to_pylist()]
    whole = dict(folder.results(keys))
    compact = load_compact(folder, keys)
    for key in keys:
        full, small = whole[key], compact[key]
        assert small == to_compact(full)
        assert [(e.local_id, e.type, e.key, e.names, e.gaz_id, e.mentions, e.implicit) for e in small.entities] == \
            [(e.local_id, e.type, e.key, e.names, e.gaz_id, e.mentions, e.implicit) for e in full.entities]
        events = [f for f in full.facts if isinstance(f, EventFact)]
        assert [f for f in small.facts if isinstance(f, EventFact)] == [
            EventFact(f.kind, f.slots, "", f.date, f.date_text, f.status) for f in events]
        assert all(f.predicate in ("headOf", "ceoOf", "founderOf") for f in small.facts if isinstance(f, Relation))
        assert [(fs.field, fs.source) for fs in small.article.read_from] == \
            [(fs.field, fs.source) for fs in full.article.read_from]  # what the report reads of them
        assert replace(small.article.unpacked(), read_from=()) == replace(full.article, read_from=(), notes=())  # held packed
        assert small.words == full.words
    # the writer's records: the compact entities with the whole facts, in the order of the shards
    written = dict(whole_results(folder, keys, {}))
    assert sorted(written) == list(range(len(keys)))
    assert all(written[i] == whole[k] for i, k in enumerate(keys))
    # a not-entity correction's dropped entity goes with the facts that need it
    ai, ent = next((i, e) for i, k in enumerate(keys) for e in whole[k].entities if any(
        isinstance(f, StatementFact) and f.speaker == e.local_id for f in whole[k].facts))
    cut = dict(whole_results(folder, keys, {ai: {ent.local_id}}))[ai]
    assert ent.local_id not in {e.local_id for e in cut.entities}
    assert not any(isinstance(f, StatementFact) and f.speaker == ent.local_id for f in cut.facts)


def test_shards_written_without_compact_records_are_read_as_well(tmp_path):
    build([str(EXAMPLES)], out=None, work=tmp_path / "work")
    folder = WorkFolder(tmp_path / "work")
    keys = []
    for path in folder.shard_paths():  # as a work folder of the version before compact records
        table = pq.read_table(path)
        keys += table.column("key").to_pylist()
        pq.write_table(table.drop_columns([COMPACT]), path)
    compact = load_compact(folder, keys)
    assert all(compact[k] == to_compact(r) for k, r in folder.results(keys))
    blob = pq.read_table(folder.shard_paths()[0], columns=["result"]).column("result")[0].as_py()
    assert pickle.loads(blob).facts  # the whole result is still there


def test_a_killed_streaming_build_resumes_to_the_same_graph(tmp_path):
    first = build([str(EXAMPLES)], out=tmp_path / "a", formats=("nq",), work=tmp_path / "work", shard_rows=4)
    shards = WorkFolder(tmp_path / "work").shard_paths()
    shards[-1].unlink()  # as if killed before its last shard was written
    del first
    again = build([str(EXAMPLES)], out=tmp_path / "b", formats=("nq",), work=tmp_path / "work")
    assert 0 < again.report["work"]["resumed"] < 9 and again.report["work"]["analysed"] > 0
    assert (tmp_path / "b" / "graph.nq").read_bytes() == (tmp_path / "a" / "graph.nq").read_bytes()


def test_the_replicated_benchmark_runs_the_build_s_stages(tmp_path):
    """benchmarks.replicate: copy 0 of the analyses gives the build's own graph; further copies add new entities."""
    from benchmarks.replicate import make, measure

    build([str(EXAMPLES)], out=tmp_path / "built", formats=("nq",), work=tmp_path / "work")
    assert make(tmp_path / "work", 27, tmp_path / "replicas")["copies"] == 3
    alone = measure(tmp_path / "replicas", 9, tmp_path / "nine")
    assert (tmp_path / "nine" / "graph.nq").read_bytes() == (tmp_path / "built" / "graph.nq").read_bytes()
    thrice = measure(tmp_path / "replicas", 27, tmp_path / "all")
    assert thrice["entities"] > 2 * alone["entities"] and thrice["quads"] > 2 * alone["quads"]

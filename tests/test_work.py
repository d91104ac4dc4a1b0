"""The streaming build's work folder (``kg build --work DIR``): per-article shards, the same graph, resume after a kill."""
from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kg.builder.full import build
from kg.builder.work import WorkFolder

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "articles"
KG_CMD = [sys.executable, "-m", "kg.cli"]


def test_a_build_through_a_work_folder_writes_the_same_graph_and_a_rerun_analyses_nothing(tmp_path, trig):
    first = build([str(EXAMPLES)], out=tmp_path / "a", work=tmp_path / "work", shard_rows=4)
    assert Path(first.outputs["trig"]).read_bytes() == trig.read_bytes()
    assert Path(first.outputs["ttl"]).read_bytes() == trig.with_suffix(".ttl").read_bytes()
    work = first.report["work"]
    assert (work["resumed"], work["analysed"], work["failed"]) == (0, 9, 0)
    assert work["shards"] == 3 and work["articles_in_folder"] == 9  # shards of 4, 4 and 1 articles

    again = build([str(EXAMPLES)], out=tmp_path / "b", work=tmp_path / "work")
    assert Path(again.outputs["trig"]).read_bytes() == trig.read_bytes()
    assert (again.report["work"]["resumed"], again.report["work"]["analysed"]) == (9, 0)
    assert again.report["work"]["shards"] == 3


def test_a_changed_article_is_analysed_again_and_a_damaged_shard_is_redone(tmp_path, caplog):
    inputs = tmp_path / "in"
    shutil.copytree(EXAMPLES, inputs)
    build([str(inputs)], out=None, work=tmp_path / "work", shard_rows=8)
    changed = inputs / "06-nvidia-arm.txt"
    changed.write_text(changed.read_text(encoding="utf-8") + "\nNvidia said it would appeal.\n", encoding="utf-8")
    result = build([str(inputs)], out=tmp_path / "out", work=tmp_path / "work")
    assert (result.report["work"]["resumed"], result.report["work"]["analysed"]) == (8, 1)
    assert result.report["work"]["articles_in_folder"] == 10  # the old text's result stays, unused

    shards = WorkFolder(tmp_path / "work").shard_paths()
    shards[0].write_bytes(shards[0].read_bytes()[:100])  # 01-08 lost: all but 09 and the new 06
    redone = build([str(inputs)], out=tmp_path / "redone", work=tmp_path / "work")
    assert (redone.report["work"]["resumed"], redone.report["work"]["analysed"]) == (2, 7)
    assert "cannot be read" in caplog.text
    assert (tmp_path / "redone" / "graph.trig").read_bytes() == (tmp_path / "out" / "graph.trig").read_bytes()


def test_an_incremental_build_through_a_work_folder_writes_the_same_graph_and_resumes(tmp_path):
    first, later = sorted(EXAMPLES.iterdir())[:5], sorted(EXAMPLES.iterdir())[5:]
    for name in ("plain", "worked"):
        build([str(p) for p in first], out=tmp_path / name)
    plain = build([str(p) for p in later], into=tmp_path / "plain")
    worked = build([str(p) for p in later], into=tmp_path / "worked", work=tmp_path / "work", shard_rows=2)
    assert (tmp_path / "worked" / "graph.trig").read_bytes() == (tmp_path / "plain" / "graph.trig").read_bytes()
    assert worked.report["incremental"]["added"] == plain.report["incremental"]["added"] == len(later)
    assert (worked.report["work"]["resumed"], worked.report["work"]["analysed"]) == (0, len(later))

    # the same new articles into another copy of the first store: their analyses come from the work folder
    build([str(p) for p in first], out=tmp_path / "again")
    again = build([str(p) for p in later], into=tmp_path / "again", work=tmp_path / "work")
    assert (again.report["work"]["resumed"], again.report["work"]["analysed"]) == (len(later), 0)
    assert (tmp_path / "again" / "graph.trig").read_bytes() == (tmp_path / "plain" / "graph.trig").read_bytes()


@pytest.mark.slow
def test_a_build_killed_mid_way_resumes_with_the_same_graph(tmp_path):
    """kill -9 of ``kg build --work`` once its first shard is written; the rerun finishes with the graph an
    uninterrupted build writes, having analysed only what no shard held."""
    inputs = tmp_path / "in"
    inputs.mkdir()
    for copy in range(8):  # 40 articles (the plain-text examples have no URL): the copy finder is off, so each is analysed
        for path in sorted(EXAMPLES.glob("*.txt")):
            shutil.copy(path, inputs / f"{copy}-{path.name}")
    args = [str(inputs), "--copy-threshold", "off", "--no-view", "-q"]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(KG_CMD + ["build", *args, "--out", str(tmp_path / "killed"),
                                      "--work", str(tmp_path / "work"), "--shard-size", "2"],
                            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    shards = tmp_path / "work" / "shards"
    deadline = time.monotonic() + 300
    while not list(shards.glob("*.parquet")) and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    assert proc.poll() is None, "the build ended before it could be killed"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert not (tmp_path / "killed" / "graph.trig").exists()

    rerun = subprocess.run(KG_CMD + ["build", *args, "--out", str(tmp_path / "resumed"),
                                     "--work", str(tmp_path / "work")], cwd=ROOT, env=env, capture_output=True,
                           text=True)
    assert rerun.returncode == 0, rerun.stderr
    work = json.loads((tmp_path / "resumed" / "report.json").read_text(encoding="utf-8"))["work"]
    assert work["resumed"] > 0 and work["analysed"] > 0 and work["resumed"] + work["analysed"] == 40
    whole = subprocess.run(KG_CMD + ["build", *args, "--out", str(tmp_path / "whole")], cwd=ROOT, env=env,
                           capture_output=True, text=True)
    assert whole.returncode == 0, whole.stderr
    for name in ("graph.trig", "graph.ttl"):
        assert (tmp_path / "resumed" / name).read_bytes() == (tmp_path / "whole" / name).read_bytes()


def test_a_streaming_build_writes_the_same_nquads_without_holding_the_graph(tmp_path):
    whole = build([str(EXAMPLES)], out=tmp_path / "whole", formats=("nq",))
    streamed = build([str(EXAMPLES)], out=tmp_path / "streamed", formats=("nq",), work=tmp_path / "work")
    assert (tmp_path / "streamed" / "graph.nq").read_bytes() == (tmp_path / "whole" / "graph.nq").read_bytes()
    assert len(streamed.dataset) == 0 and streamed.report["work"]["graph_streamed"]
    assert (streamed.report["quads"], streamed.report["triples"]) == (whole.report["quads"], whole.report["triples"])
    assert sorted(p.name for p in (tmp_path / "work" / "graph").iterdir()) == ["part-000000.nq"]


def test_a_streaming_build_through_the_cli_says_why_it_draws_no_view(tmp_path):
    proc = subprocess.run(KG_CMD + ["build", str(EXAMPLES / "06-nvidia-arm.txt"), "--format", "nq", "--out",
                                    str(tmp_path / "out"), "--work", str(tmp_path / "work")], cwd=ROOT,
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert "graph.html is not written by a streaming build" in proc.stderr
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["copies.index", "graph.nq", "report.json"]


def test_on_a_terminal_each_stage_has_a_bar_with_its_rate_and_the_counts(tmp_path):
    """kg build with stderr on a pseudo-terminal: bars for reading and analysis (rate, ETA, resumed/analysed/failed)
    and the later stages; the legacy progress(done, total) of the Python API is still called per article."""
    import pty

    inputs = tmp_path / "in"
    inputs.mkdir()
    for copy in range(5):  # 25 articles: bars are drawn from 20
        for path in sorted(EXAMPLES.glob("*.txt")):
            shutil.copy(path, inputs / f"{copy}-{path.name}")
    import fcntl
    import struct
    import termios

    main, secondary = pty.openpty()
    fcntl.ioctl(secondary, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 120, 0, 0))  # a terminal of 120 columns
    proc = subprocess.Popen(KG_CMD + ["build", str(inputs), "--copy-threshold", "off", "--no-view", "--workers", "2",
                                      "--out", str(tmp_path / "out"), "--work", str(tmp_path / "work")],
                            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=secondary)
    os.close(secondary)
    chunks = []
    while True:
        try:
            data = os.read(main, 65536)
        except OSError:  # the build ended and closed the terminal
            break
        if not data:
            break
        chunks.append(data)
    assert proc.wait() == 0
    os.close(main)
    shown = b"".join(chunks).decode("utf-8", "replace")
    for stage in ("read", "analyse", "resolve", "write"):
        assert f"{stage}:" in shown, stage
    assert "25/25" in shown and "article/s" in shown
    assert "analysed=25" in shown and "failed=0" in shown

    calls = []
    build([str(inputs)], out=None, copy_threshold=None, work=tmp_path / "work",
          progress=lambda done, total: calls.append((done, total)))
    assert calls and calls[-1] == (25, 25)


def test_a_work_folder_serves_one_build_at_a_time(tmp_path):
    from kg.errors import KgError

    first = WorkFolder(tmp_path / "work")
    with pytest.raises(KgError, match="another kg build is using the work folder"):
        WorkFolder(tmp_path / "work")
    del first  # the lock goes with it
    assert WorkFolder(tmp_path / "work").shard_paths() == []

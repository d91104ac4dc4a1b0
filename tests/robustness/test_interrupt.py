"""An interrupted ``kg build`` (Ctrl-C, kill -9) leaves the previous graph files byte-identical and parseable.

Each test copies a real earlier build into a fresh output folder, starts a real
``kg build`` subprocess over other articles into it, sends a real signal at a known
point (during NLP, or with every new output written to its temporary file but not
yet renamed), and compares the folder with the earlier build byte for byte.
"""
from __future__ import annotations

import shutil
import signal

import pytest
from robustlib import (
    EXAMPLES,
    assert_graphs_parse,
    assert_no_traceback,
    parse_with_pyoxigraph,
    paused_kg_command,
    run_kg,
    signal_and_wait,
    snapshot,
    start,
    temp_files,
    wait_for,
)

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """All example articles plus one long one, so that the NLP step takes a few seconds."""
    src = tmp_path_factory.mktemp("corpus")
    for path in EXAMPLES.iterdir():
        shutil.copy(path, src / path.name)
    body = (EXAMPLES / "04-rusal-deripaska-sanctions.txt").read_text(encoding="utf-8")
    (src / "long.txt").write_text("Long read\n\n" + "\n\n".join([body] * 25), encoding="utf-8")
    return src


@pytest.mark.parametrize("hold", ["analyse", "replace"])
def test_ctrl_c_keeps_previous_outputs_and_cleans_up(hold, corpus, previous_outputs, tmp_path):
    out, before = previous_outputs
    marker = tmp_path / "marker"
    proc = start(paused_kg_command(hold, marker, "build", corpus, "--out", out))
    wait_for(marker, proc)
    if hold == "replace":  # every new output is on disk, in its temporary file
        assert {name.split(".")[1] for name in marker.read_text().split()} >= {"graph", "report"}
    status, stdout, stderr = signal_and_wait(proc, signal.SIGINT)
    assert status == 130, stderr
    assert "interrupted" in stderr
    assert_no_traceback(stdout, stderr)
    assert snapshot(out) == before
    assert temp_files(out) == []
    assert_graphs_parse(out)


@pytest.mark.parametrize("hold", ["analyse", "replace"])
def test_kill_9_keeps_previous_outputs(hold, corpus, previous_outputs, tmp_path):
    out, before = previous_outputs
    marker = tmp_path / "marker"
    proc = start(paused_kg_command(hold, marker, "build", corpus, "--out", out))
    wait_for(marker, proc)
    status, _, _ = signal_and_wait(proc, signal.SIGKILL)
    assert status == -signal.SIGKILL
    assert snapshot(out) == before
    assert_graphs_parse(out)
    # kill -9 leaves no chance to clean up: temporary files stay, hidden, never read as outputs.
    assert all(name.startswith(".") for name in temp_files(out))


def test_rebuild_after_kill_completes(corpus, previous_outputs, tmp_path):
    """After a build killed mid-write, running it again writes the whole new graph, once."""
    out, before = previous_outputs
    marker = tmp_path / "marker"
    proc = start(paused_kg_command("replace", marker, "build", corpus, "--out", out, "--format", "nq"))
    wait_for(marker, proc)
    signal_and_wait(proc, signal.SIGKILL)
    assert snapshot(out) == before

    again = run_kg("build", corpus, "--out", out, "--format", "ttl", "--format", "trig", "--format", "nq", "-q")
    assert again.returncode == 0, again.stderr
    assert_no_traceback(again.stderr)
    counts = assert_graphs_parse(out, ("ttl", "trig", "nq"))
    assert counts["trig"] == counts["nq"]
    lines = (out / "graph.nq").read_text(encoding="utf-8").splitlines()
    assert len(lines) == len(set(lines)) == counts["nq"]
    graphs = {q.graph_name for q in parse_with_pyoxigraph(out / "graph.trig")}
    assert len(graphs) == len(list(corpus.iterdir()))  # one named graph per article, the old ones replaced
    assert snapshot(out)["graph.ttl"] != before["graph.ttl"]


def test_incremental_build_killed_mid_write_is_completed_by_the_next_run(corpus, previous_outputs, tmp_path):
    """``kg build NEW --into DIR`` killed while writing: DIR unchanged; the next run completes; a third changes nothing."""
    out, before = previous_outputs
    new = tmp_path / "new"
    new.mkdir()
    for name in ("01-microsoft-tiktok.md", "06-nvidia-arm.txt"):
        shutil.copy(corpus / name, new / name)
    marker = tmp_path / "marker"
    proc = start(paused_kg_command("replace", marker, "build", new, "--into", out, "--no-view"))
    wait_for(marker, proc)
    signal_and_wait(proc, signal.SIGKILL)
    assert snapshot(out) == before
    assert_graphs_parse(out)

    resumed = run_kg("build", new, "--into", out, "--no-view", "-q")
    assert resumed.returncode == 0, resumed.stderr
    completed = snapshot(out)
    graphs = {q.graph_name for q in parse_with_pyoxigraph(out / "graph.trig")}
    assert len(graphs) == 4  # the two earlier articles and the two new ones, each once

    again = run_kg("build", new, "--into", out, "--no-view", "-q")
    assert again.returncode == 0, again.stderr
    after = snapshot(out)
    assert after["graph.trig"] == completed["graph.trig"] and after["graph.ttl"] == completed["graph.ttl"]

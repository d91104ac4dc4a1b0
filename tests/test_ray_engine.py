"""``kg build --engine ray``: the analysis on a local Ray Data instance with 2 CPUs writes the graph the local engine
writes, byte for byte, with and without a work folder."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("ray.data")

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "articles"
KG_CMD = [sys.executable, "-m", "kg.cli"]

pytestmark = pytest.mark.slow


def test_the_ray_engine_writes_the_local_engines_graph_and_resumes_from_the_work_folder(tmp_path, trig):
    args = ["build", str(EXAMPLES), "--engine", "ray", "--workers", "2", "--no-view", "--work", str(tmp_path / "work")]
    first = subprocess.run(KG_CMD + args + ["--out", str(tmp_path / "ray")], cwd=ROOT, capture_output=True, text=True)
    assert first.returncode == 0, first.stderr
    for name in ("graph.trig", "graph.ttl"):
        assert (tmp_path / "ray" / name).read_bytes() == (trig.parent / name).read_bytes()
    work = json.loads((tmp_path / "ray" / "report.json").read_text(encoding="utf-8"))["work"]
    assert (work["resumed"], work["analysed"], work["failed"]) == (0, 9, 0)

    # the same work folder serves the local engine: the shards are the engines' common hand-off
    again = subprocess.run(KG_CMD + ["build", str(EXAMPLES), "--no-view", "--work", str(tmp_path / "work"),
                                     "--out", str(tmp_path / "local")], cwd=ROOT, capture_output=True, text=True)
    assert again.returncode == 0, again.stderr
    assert json.loads((tmp_path / "local" / "report.json").read_text(encoding="utf-8"))["work"]["resumed"] == 9
    assert (tmp_path / "local" / "graph.trig").read_bytes() == trig.read_bytes()


def test_the_ray_engine_adds_articles_into_a_folder_as_the_local_engine_does(tmp_path):
    first, later = sorted(EXAMPLES.iterdir())[:5], sorted(EXAMPLES.iterdir())[5:]
    for name in ("local", "ray"):
        made = subprocess.run(KG_CMD + ["build", *map(str, first), "--no-view", "-q", "--out", str(tmp_path / name)],
                              cwd=ROOT, capture_output=True, text=True)
        assert made.returncode == 0, made.stderr
    engines = {"local": [], "ray": ["--engine", "ray", "--workers", "2", "--work", str(tmp_path / "work")]}
    for name, extra in engines.items():
        added = subprocess.run(KG_CMD + ["build", *map(str, later), "--no-view", "-q", "--into", str(tmp_path / name),
                                         *extra], cwd=ROOT, capture_output=True, text=True)
        assert added.returncode == 0, added.stderr
    assert (tmp_path / "ray" / "graph.trig").read_bytes() == (tmp_path / "local" / "graph.trig").read_bytes()


def test_the_ray_address_needs_the_ray_engine():
    proc = subprocess.run(KG_CMD + ["build", str(EXAMPLES), "--ray-address", "auto", "--no-view", "-q"], cwd=ROOT,
                          capture_output=True, text=True)
    assert proc.returncode == 2 and "--ray-address needs --engine ray" in proc.stderr

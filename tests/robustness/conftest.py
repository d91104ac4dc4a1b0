"""Fixtures of the robustness suite (helpers are in robustlib.py)."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from robustlib import EXAMPLES, run_kg, snapshot


@pytest.fixture(scope="session")
def previous_build(tmp_path_factory) -> Path:
    """A real earlier build (two articles, with graph.html): the 'previous graph' that must survive."""
    src = tmp_path_factory.mktemp("previous-src")
    for name in ("02-china-unreliable-entity-list.txt", "05-broadcom-qualcomm.md"):
        shutil.copy(EXAMPLES / name, src / name)
    out = tmp_path_factory.mktemp("previous-out")
    proc = run_kg("build", src, "--out", out, "-q")
    assert proc.returncode == 0, proc.stderr
    assert (out / "graph.ttl").exists() and (out / "graph.trig").exists()
    return out


@pytest.fixture
def previous_outputs(previous_build, tmp_path) -> tuple[Path, dict[str, bytes]]:
    """A fresh output folder holding a copy of the previous build, and its bytes."""
    out = tmp_path / "out"
    shutil.copytree(previous_build, out)
    return out, snapshot(out)


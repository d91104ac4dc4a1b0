"""Helpers for the robustness suite: run the real ``kg`` command, parse its outputs independently.

Every build here is a real ``kg build`` subprocess (``python -m kg.cli``) or a real
``kg.build`` call on real files in ``tmp_path``; outputs are re-parsed with
pyoxigraph (an independent RDF parser) and rdflib.
"""
from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples" / "articles"
HERE = Path(__file__).resolve().parent
GRAPH_FILES = ("graph.ttl", "graph.trig", "graph.html", "report.json")
ALL_FORMATS = ("ttl", "trig", "nq", "nt", "jsonld")
RDFLIB_FORMATS = {"ttl": "turtle", "trig": "trig", "nq": "nquads", "nt": "nt", "jsonld": "json-ld"}


def kg_command(*args: str | os.PathLike) -> list[str]:
    """The argv of a real ``kg`` run with this interpreter."""
    return [sys.executable, "-m", "kg.cli", *map(str, args)]


def paused_kg_command(hold: str, marker: Path, *args: str | os.PathLike) -> list[str]:
    """The argv of a real ``kg`` run that writes ``marker`` at ``hold`` (see kg_paused.py)."""
    return [sys.executable, str(HERE / "kg_paused.py"), hold, str(marker), "--", *map(str, args)]


def run_kg(*args: str | os.PathLike, cwd: Path | None = None, timeout: float = 300) -> subprocess.CompletedProcess:
    """Run ``kg ARGS`` to completion; stdout/stderr decoded leniently (file names may be any bytes)."""
    proc = subprocess.run(kg_command(*args), cwd=cwd or ROOT, capture_output=True, timeout=timeout, env=_env(),
                          check=False)
    proc.stdout = proc.stdout.decode("utf-8", "replace")
    proc.stderr = proc.stderr.decode("utf-8", "replace")
    return proc


def start(argv: list[str], *, cwd: Path | None = None) -> subprocess.Popen:
    return subprocess.Popen(argv, cwd=cwd or ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=_env())


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PYTHONWARNINGS", None)
    env["PYTHONUNBUFFERED"] = "1"
    return env


def wait_for(path: Path, proc: subprocess.Popen, timeout: float = 120) -> None:
    """Wait until ``path`` exists; fail with the process's output if it ends first."""
    deadline = time.monotonic() + timeout
    while not path.exists():
        if proc.poll() is not None:
            out, err = proc.communicate()
            pytest.fail(f"kg ended (status {proc.returncode}) before {path.name}:\n{out.decode()}\n{err.decode()}")
        if time.monotonic() > deadline:
            proc.kill()
            pytest.fail(f"kg did not reach {path.name} in {timeout} s")
        time.sleep(0.02)


def signal_and_wait(proc: subprocess.Popen, sig: int, timeout: float = 60) -> tuple[int, str, str]:
    proc.send_signal(sig)
    out, err = proc.communicate(timeout=timeout)
    return proc.returncode, out.decode("utf-8", "replace"), err.decode("utf-8", "replace")


def assert_no_traceback(*texts: str) -> None:
    for text in texts:
        assert "Traceback" not in text, text


def snapshot(folder: Path) -> dict[str, bytes]:
    """The bytes of every visible file in ``folder``."""
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file() and not p.name.startswith(".")}


def temp_files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def parse_with_pyoxigraph(path: Path) -> list:
    import pyoxigraph as ox

    return list(ox.parse(path=str(path), format=ox.RdfFormat.from_extension(path.suffix.lstrip("."))))


def parse_with_rdflib(path: Path):
    from rdflib import Dataset

    fmt = {".ttl": "turtle", ".trig": "trig", ".nq": "nquads", ".nt": "nt", ".jsonld": "json-ld"}[path.suffix]
    ds = Dataset()
    ds.parse(str(path), format=fmt)
    return ds


def assert_graphs_parse(folder: Path, formats=("ttl", "trig")) -> dict[str, int]:
    """Parse every graph file with pyoxigraph and rdflib; both must agree on the number of statements."""
    counts = {}
    for fmt in formats:
        path = folder / f"graph.{fmt}"
        quads = parse_with_pyoxigraph(path)
        ds = parse_with_rdflib(path)
        assert quads, path
        assert len(quads) == sum(1 for _ in ds.quads((None, None, None, None))), path
        counts[fmt] = len(quads)
    return counts


def root_reads_everything() -> bool:
    """Whether file permissions cannot stop this process reading (root, CAP_DAC_OVERRIDE)."""
    return hasattr(os, "geteuid") and os.geteuid() == 0

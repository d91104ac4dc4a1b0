"""``kg load``: a build's N-Quads bulk-loaded into a new Oxigraph store is the store ``kg build --into`` makes, and
incremental builds keep working on top of it."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "articles"
KG_CMD = [sys.executable, "-m", "kg.cli"]


def _kg(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(KG_CMD + list(args), cwd=ROOT, capture_output=True, text=True)


def _quads(path: Path) -> set[str]:
    import pyoxigraph as ox

    store = ox.Store.read_only(str(path))
    return {str(q) for q in store.quads_for_pattern(None, None, None, None)}


def test_a_bulk_loaded_streaming_build_is_the_store_an_incremental_build_makes(tmp_path):
    built = _kg("build", str(EXAMPLES), "--format", "nq", "--work", str(tmp_path / "work"), "--out",
                str(tmp_path / "out"), "--no-view", "-q")
    assert built.returncode == 0, built.stderr
    loaded = _kg("load", str(tmp_path / "work" / "graph"), "--into", f"oxigraph:{tmp_path / 'bulk'}")
    assert loaded.returncode == 0, loaded.stderr
    quads = json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))["quads"]
    assert f"loaded {quads:,} quads from 1 file(s)" in loaded.stdout  # every quad of the build
    incremental = _kg("build", str(EXAMPLES), "--into", f"oxigraph:{tmp_path / 'incremental'}", "--no-view", "-q")
    assert incremental.returncode == 0, incremental.stderr
    assert _quads(tmp_path / "bulk") == _quads(tmp_path / "incremental")  # the union default graph included

    again = _kg("build", str(EXAMPLES), "--into", f"oxigraph:{tmp_path / 'bulk'}", "--no-view")
    assert again.returncode == 0, again.stderr
    assert "0 added, 0 replaced, 9 unchanged" in again.stdout
    offers = [_kg("query", f"oxigraph:{tmp_path / name}", "offers", "--format", "csv").stdout
              for name in ("bulk", "incremental")]
    assert offers[0] == offers[1] and offers[0].count("\n") > 1


def test_bulk_loading_refuses_a_store_that_holds_quads_and_a_file_that_is_not_nquads(tmp_path):
    bad = tmp_path / "bad.nq"
    bad.write_text("<a> <b> .\n", encoding="utf-8")
    proc = _kg("load", str(bad), "--into", f"oxigraph:{tmp_path / 'store'}")
    assert proc.returncode == 2 and "is not N-Quads" in proc.stderr
    good = tmp_path / "good.nq"
    good.write_text("<https://example.org/s> <https://example.org/p> \"o\" <https://example.org/g> .\n", encoding="utf-8")
    assert _kg("load", str(good), "--into", f"oxigraph:{tmp_path / 'full'}").returncode == 0
    proc = _kg("load", str(good), "--into", f"oxigraph:{tmp_path / 'full'}")
    assert proc.returncode == 2 and "is not empty" in proc.stderr

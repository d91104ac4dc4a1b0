"""kg build --into when new articles re-report events the store knows, and when a build is killed mid-write.

Issue 15, finding 4: a copy of an example under a new URL with one extra sentence (a second report of a
known offer, sanction or relief) crashed the build with ``KeyError`` on the event's IRI, and after a
``kill -9`` in the middle of ``--into`` every rerun failed the same way.
"""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from kg.builder.full import build
from kg.store.files import load_dataset

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "articles"
KG_BIN = Path(sys.executable).parent / "kg"
# 03: a relief (ZTE), 08: a sanction (PDVSA), 05 and 09: offers
REREPORTED = ["03-us-zte-denial-order.txt", "08-us-sanctions-pdvsa.txt", "05-broadcom-qualcomm.md",
              "09-pfizer-astrazeneca.md"]

pytestmark = pytest.mark.slow


def quads(ds) -> set:
    return {(s, p, o, g) for s, p, o, g in ds.quads((None, None, None, None))}


def write_rereports(folder: Path) -> Path:
    """Each re-reported example as a new article: a new URL and one sentence more."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in REREPORTED:
        text = (EXAMPLES / name).read_text(encoding="utf-8")
        if name.endswith(".md"):
            text = text.replace("Original: [", "Original: [Copy of ", 1)
            text = text.replace("](https://", "](https://copy.example/", 1)
        else:
            text = f"URL: https://copy.example/news/{name}\n\n{text}"
        (folder / f"copy-{name}").write_text(text + "\nAnalysts said more news would follow.\n",
                                             encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def store_with_examples(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("rereport")
    build([str(EXAMPLES)], into=f"oxigraph:{root / 'base.db'}")
    return root / "base.db"


@pytest.fixture(scope="module")
def rereports(tmp_path_factory) -> Path:
    return write_rereports(tmp_path_factory.mktemp("copies") / "new")


@pytest.fixture(scope="module")
def uninterrupted(store_with_examples, rereports, tmp_path_factory) -> set:
    """The quads of the examples' store after the re-reports were added in one clean run."""
    db = tmp_path_factory.mktemp("clean") / "graph.db"
    shutil.copytree(store_with_examples, db)
    result = build([str(rereports)], into=f"oxigraph:{db}")
    assert result.report["incremental"]["added"] == len(REREPORTED)
    assert result.report["incremental"]["events_reused"] >= 3
    return quads(load_dataset(f"oxigraph:{db}"))


def test_rereports_of_known_events_add_sources_in_an_oxigraph_store(uninterrupted, tmp_path):
    from kg.sparql.run import run_query

    ds = load_dataset(_store_of(uninterrupted, tmp_path))
    for target in ("ZTE", "PDVSA"):
        rows = run_query(ds, "sanctions-on-target", {"target": target}).records()
        assert rows and max(int(r.sources) for r in rows) == 2, target
    offers = run_query(ds, "offers").records()
    assert {int(r.sources) for r in offers if str(r.offered_by) in ("Pfizer", "Broadcom")} == {2}


def _store_of(quad_set: set, tmp_path: Path) -> str:
    """A throwaway Oxigraph store holding these quads (for querying them)."""
    import pyoxigraph as ox

    from kg.store.oxigraph import materialize_union, to_ox

    path = tmp_path / "q.db"
    store = ox.Store(str(path))
    store.extend(ox.Quad(to_ox(s), to_ox(p), to_ox(o), to_ox(g)) for s, p, o, g in quad_set)
    materialize_union(store)
    store.flush()
    del store
    return f"oxigraph:{path}"


def test_rereports_of_known_events_into_a_build_folder(rereports, tmp_path):
    folder = tmp_path / "out"
    build([str(EXAMPLES)], out=folder)
    # copies are not looked for: each re-report has its example's body (the added line is cut as end matter), so
    # the folder's copy index would make it a copy of the stored example (kg.read.copies, tests/test_dedup.py)
    result = build([str(rereports)], into=folder, copy_threshold=None)
    assert result.report["incremental"]["events_reused"] >= 3
    again = build([str(rereports)], into=folder, copy_threshold=None)
    assert len(again.report["incremental"]["unchanged"]) == len(REREPORTED)


# A kill -9 at a known point of the write: the Oxigraph store's replace_graphs is wrapped to SIGKILL the
# process after N article graphs (N=0: before the first), in a fresh interpreter running the real CLI.
KILLER = """
import os, signal, sys
import kg.store.oxigraph as oxs
after = int(sys.argv[1])
real = oxs.OxigraphDiskStore.replace_graphs
def replace_graphs(self, graphs):
    for i, (name, g) in enumerate(graphs.items()):
        if i == after:
            self.store.flush()
            os.kill(os.getpid(), signal.SIGKILL)
        real(self, {name: g})
oxs.OxigraphDiskStore.replace_graphs = replace_graphs
from kg.cli import main
sys.exit(main(sys.argv[2:]))
"""


@pytest.mark.parametrize("after", [0, 1, 3])
def test_a_build_killed_mid_write_is_completed_by_the_next_run(after, store_with_examples, rereports,
                                                               uninterrupted, tmp_path):
    db = tmp_path / "graph.db"
    shutil.copytree(store_with_examples, db)
    proc = subprocess.run([sys.executable, "-c", KILLER, str(after), "build", str(rereports), "--into",
                           f"oxigraph:{db}", "-q"], capture_output=True, text=True, timeout=300, check=False,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert proc.returncode == -signal.SIGKILL, proc.stderr
    rerun = build([str(rereports)], into=f"oxigraph:{db}")
    assert len(rerun.report["incremental"]["unchanged"]) == after
    assert quads(load_dataset(f"oxigraph:{db}")) == uninterrupted


# Finding 7: two `kg build --into DIR` at once lost one's articles silently (both exit 0).

def test_a_second_build_into_a_locked_folder_refuses_with_a_clear_message(tmp_path):
    from kg.store.files import open_folder_store

    folder = tmp_path / "out"
    holder = open_folder_store(folder)  # what a running build holds
    try:
        proc = subprocess.run([str(KG_BIN), "build", str(EXAMPLES / REREPORTED[0]), "--into", str(folder)],
                              capture_output=True, text=True, timeout=300, check=False)
        assert proc.returncode == 2, proc.stderr
        assert "another kg build is adding to" in proc.stderr
    finally:
        holder.close()
    result = build([str(EXAMPLES / REREPORTED[0])], into=folder)
    assert result.report["incremental"]["added"] == 1


def test_two_builds_into_one_folder_at_once_never_lose_articles(tmp_path):
    folder = tmp_path / "out"
    procs = [subprocess.Popen([str(KG_BIN), "build", str(EXAMPLES / name), "--into", str(folder), "-q"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for name in REREPORTED[:2]]
    codes = [p.wait(timeout=300) for p in procs]
    articles = {str(g.identifier) for g in load_dataset(folder).graphs() if "/article/" in str(g.identifier)}
    assert sorted(codes) in ([0, 0], [0, 2]), [p.stderr.read() for p in procs]
    assert len(articles) == codes.count(0), (codes, articles)

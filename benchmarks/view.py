"""View: time and size of the interactive HTML (``kg.view.network.write_view``) for 1k, 5k and 20k nodes.

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
    """Run the view benchmark; return its results record (or a note saying why it was skipped)."""
    try:
        from kg.view.page import write_view
    except ImportError:
        return {"key": "view", "note": "kg.view.network.write_view is not there: view benchmark skipped"}
    graph = scale_graph_path(workdir, quick)
    if not graph.is_file():
        return {"key": "view", "note": f"{graph.name} not found: run `python -m benchmarks speed` first"}
    sizes = QUICK if quick else FULL
    log(f"  view: to_networkx on {graph.name}, write_view for {', '.join(map(str, sizes))} nodes")
    r = run_measure("view", str(graph), str(workdir / "views"), "--sizes", ",".join(map(str, sizes)))
    return {"key": "view", "graph": graph.name, **r}

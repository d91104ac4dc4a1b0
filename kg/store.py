"""Loading built graphs back from disk into an rdflib Dataset."""
from __future__ import annotations

from pathlib import Path

from rdflib import Dataset

from .errors import InputError

_BY_SUFFIX = {".trig": "trig", ".nq": "nquads", ".ttl": "turtle", ".nt": "nt", ".jsonld": "json-ld", ".json": "json-ld"}


def find_graph_file(path: Path) -> Path:
    """The graph file for a path: the path itself, or graph.trig / graph.ttl inside a build folder.

    Raises:
        InputError: nothing usable is there.
    """
    path = Path(path)
    if path.is_dir():
        for name in ("graph.trig", "graph.nq", "graph.ttl"):
            if (path / name).is_file():
                return path / name
        raise InputError(f"{path} has no graph.trig or graph.ttl; run `kg build ... --out {path}` first")
    if not path.exists():
        raise InputError(f"{path}: no such file; give a graph file (.trig, .ttl, .nq, .nt, .jsonld) or a build folder")
    return path


def load_dataset(path: Path) -> Dataset:
    """Parse a graph file (or build folder) into a Dataset, keeping named graphs.

    Raises:
        InputError: unknown format or a syntax error (with the parser's message).
    """
    file = find_graph_file(Path(path))
    fmt = _BY_SUFFIX.get(file.suffix.lower())
    if fmt is None:
        raise InputError(f"{file}: unknown graph format; use .trig, .ttl, .nq, .nt or .jsonld")
    ds = Dataset()
    try:
        if fmt in ("trig", "nquads", "json-ld"):
            ds.parse(file, format=fmt)
        else:
            ds.default_graph.parse(file, format=fmt)
    except Exception as exc:  # noqa: BLE001 - rdflib raises many types for bad syntax
        raise InputError(f"{file} is not valid {fmt}: {exc}") from exc
    return ds

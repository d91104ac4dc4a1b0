"""The registry of stores a build can add to, chosen by the spec's prefix (the way rdflib picks plugins by name).

``oxigraph:PATH`` is a persistent Oxigraph store, ``sparql+http(s)://...`` a SPARQL endpoint, anything else a
build folder. A new backend is one entry in :data:`BACKENDS`.
"""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from kg.store.base import GraphStore
from kg.store.files import open_folder_store
from kg.store.oxigraph import open_oxigraph_store
from kg.store.remote import parse_remote_spec

BACKENDS: dict[str, Callable[[str], GraphStore]] = {
    "oxigraph:": open_oxigraph_store,
    "sparql+http://": parse_remote_spec,
    "sparql+https://": parse_remote_spec,
}


def open_store(spec: str | Path) -> GraphStore:
    """The store a build adds to: ``oxigraph:PATH``, ``sparql+http(s)://...``, or a build folder.

    A build folder is loaded into memory from its ``graph.trig`` (empty if the
    folder has no graph yet); the caller writes the folder's files back.

    Raises:
        InputError: the spec cannot be used (a folder with only graph.ttl, a bad URL...).
    """
    text = str(spec)
    for prefix, opener in BACKENDS.items():
        if text.startswith(prefix):
            return opener(text)
    return open_folder_store(Path(spec))

"""The store interface: a place holding one named graph per article, that a build reads and adds to.

:class:`GraphStore` is the interface every backend implements (select, replace whole article graphs, stats);
:class:`DatasetStore` is an rdflib ``Dataset`` in this process (a build folder being extended). The other
backends are :mod:`kg.store.oxigraph` and :mod:`kg.store.remote`; :mod:`kg.store.registry` picks one by spec.
"""
from __future__ import annotations

import re
from abc import ABC, abstractmethod
from collections.abc import Iterable, Mapping
from typing import Any, Self

from rdflib import Dataset, Graph, URIRef

from kg.errors import KgError
from kg.vocab import KG, QUERY_PREFIXES

OXIGRAPH_PREFIX = "oxigraph:"
REMOTE_PREFIXES = ("sparql+http://", "sparql+https://")


def is_oxigraph_spec(spec: Any) -> bool:
    """True for ``oxigraph:PATH``."""
    return isinstance(spec, str) and spec.startswith(OXIGRAPH_PREFIX)


def is_remote_spec(spec: Any) -> bool:
    """True for ``sparql+http://...`` and ``sparql+https://...``."""
    return isinstance(spec, str) and spec.startswith(REMOTE_PREFIXES)




class GraphStore(ABC):
    """A place holding one named graph per article, that a build can add to."""

    spec: str

    @abstractmethod
    def select(self, sparql: str) -> list[dict[str, Any]]:
        """Rows of a trusted SELECT query (variable name -> rdflib term); use ``GRAPH ?g``."""

    @abstractmethod
    def replace_graphs(self, graphs: Mapping[URIRef, Graph]) -> None:
        """Replace each named graph whole with the given triples (creating it if new)."""

    def remove_graphs(self, names: Iterable[URIRef]) -> None:
        """Remove these named graphs (those that exist)."""
        self.replace_graphs({URIRef(n): Graph() for n in names})

    def close(self) -> None:
        """Release the store."""

    def stats(self) -> dict[str, int]:
        """Named graphs, quads and distinct triples in the store's named graphs."""
        rows = self.select("SELECT (COUNT(DISTINCT ?g) AS ?graphs) (COUNT(*) AS ?quads) "
                           "WHERE { GRAPH ?g { ?s ?p ?o } }")
        row = rows[0] if rows else {}
        triples = self.select("SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } } }")
        return {"named_graphs": int(row.get("graphs") or 0), "quads": int(row.get("quads") or 0),
                "triples": int((triples[0] if triples else {}).get("n") or 0)}

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def ordered_triples(graph: Graph) -> list[tuple]:
    """The triples of an article graph, its ``kg:contentHash`` last.

    The hash says "this article is complete": written last, a graph cut short by
    a crash has no hash, and the next build redoes it.
    """
    triples = sorted(graph, key=lambda t: (t[1] == KG.contentHash, t[0], t[1], t[2]))
    return triples


class DatasetStore(GraphStore):
    """An rdflib Dataset in this process (a build folder being extended)."""

    def __init__(self, dataset: Dataset, spec: str = "<memory>"):
        self.dataset = dataset
        self.spec = spec

    def select(self, sparql: str) -> list[dict[str, Any]]:
        result = self.dataset.query(sparql, initNs=QUERY_PREFIXES)
        names = [str(v) for v in result.vars or ()]
        return [{n: t for n, t in zip(names, row) if t is not None} for row in result]

    def replace_graphs(self, graphs: Mapping[URIRef, Graph]) -> None:
        for name, graph in graphs.items():
            self.dataset.remove_graph(URIRef(name))
            target = self.dataset.graph(URIRef(name))
            target.addN((s, p, o, target) for s, p, o in ordered_triples(graph))

    def remove_graphs(self, names: Iterable[URIRef]) -> None:
        for name in names:
            self.dataset.remove_graph(URIRef(name))


def iri_ref(iri: str) -> str:
    """``<iri>`` for a SPARQL text, refusing what could break out of the angle brackets."""
    if not re.fullmatch(r"[^\s<>\"{}|\\^`]+", str(iri)):
        raise KgError(f"graph name {iri!r} is not a valid IRI")
    return f"<{iri}>"

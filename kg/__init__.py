"""newskg: a knowledge graph of who did what to whom, built from news articles.

Importing ``kg`` does no I/O; the model, ontology and gazetteer load lazily.

>>> import kg
>>> result = kg.build(["examples/articles"], out="out")
>>> len(result.report["articles"])
9
>>> rows = kg.query("out/graph.trig", "SELECT ?label WHERE { ?o a kg:Offer ; rdfs:label ?label } ORDER BY ?label")
>>> [str(r.label) for r in rows][:2]
['Broadcom offer: Qualcomm', 'Microsoft offer: the American business of TikTok']
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

__all__ = ["build", "query", "to_networkx", "load_ontology", "load_dataset", "KgError"]

if TYPE_CHECKING:  # pragma: no cover
    from kg.builder.full import build
    from kg.errors import KgError
    from kg.rdf.ontology import load_ontology
    from kg.sparql.run import query
    from kg.store.files import load_dataset
    from kg.view.network import to_networkx

_LAZY = {
    "build": ("kg.builder.full", "build"),
    "query": ("kg.sparql.run", "query"),
    "to_networkx": ("kg.view.network", "to_networkx"),
    "load_ontology": ("kg.rdf.ontology", "load_ontology"),
    "load_dataset": ("kg.store.files", "load_dataset"),
    "KgError": ("kg.errors", "KgError"),
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        module, attr = _LAZY[name]
        return getattr(importlib.import_module(module), attr)
    raise AttributeError(f"module 'kg' has no attribute {name!r}")

"""The view graph with flat attributes: strings and numbers only, so GraphML and GEXF writers take it.

:func:`kg.view.network.to_networkx` gives nodes lists and dicts (aliases, roles, details, evidence), which
``nx.write_graphml`` and ``nx.write_gexf`` refuse ("GraphML does not support type dict"). :func:`flatten` turns
each into text a graph tool shows in its data table: several values joined with `` | ``, a role as
``title (organisation)``, each detail (program, terms, status, dates...) its own attribute. Every node has the
same attributes, and every edge too (an empty string when it has no value), so each attribute has one type.

>>> import io, networkx as nx, kg
>>> F = kg.to_networkx("out/graph.trig", flat=True)
>>> F.nodes["https://w3id.org/newskg/id/person/steven-mnuchin"]["roles"]
'Treasury Secretary (US Department of the Treasury) | Treasury Secretary (United States government)'
>>> nx.write_graphml(F, io.BytesIO())
"""
from __future__ import annotations

import re

import networkx as nx

from kg.view.style import load_style

__all__ = ["SEPARATOR", "flatten", "node_attribute_names"]

SEPARATOR = " | "
_NODE_TEXT = ("label", "kind", "iri", "aliases", "roles")
_EDGE_TEXT = ("relation", "predicate", "label", "job_title", "evidence", "articles")


def _key(label: str) -> str:
    """A detail's label as an attribute name: ``date as written`` -> ``date_as_written``."""
    return re.sub(r"\W+", "_", label.strip()).strip("_").lower()


def node_attribute_names() -> list[str]:
    """The attributes every node of a flat graph has, in order.

    >>> node_attribute_names()[:5]
    ['label', 'kind', 'iri', 'aliases', 'roles']
    """
    details = [_key(label) for _term, label in load_style().details]
    return [*_NODE_TEXT, *dict.fromkeys(details), "evidence", "articles", "sources", "mentions"]


def _join(values) -> str:
    return SEPARATOR.join(str(v) for v in values if v != "")


def flatten(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy of a :func:`~kg.view.network.to_networkx` graph whose attributes are strings and integers.

    Nodes keep their IRIs and get ``label``, ``kind``, ``iri``, ``aliases``, ``roles``, one attribute per detail
    (``program``, ``terms``, ``status``, ``date``, ...), ``evidence`` (the sentences), ``articles`` (IRIs),
    ``sources`` and ``mentions``; edges are keyed ``e0``, ``e1``... (unique in the graph, as GraphML edge ids
    must be for Gephi) and get ``relation`` (the default graph's key), ``predicate``, ``label``,
    ``job_title``, ``evidence``, ``articles``, ``sources`` and ``weight`` (the number of sources, at least 1,
    which Gephi draws as the edge's thickness). The graph's ``articles`` dict becomes ``article_count``.
    """
    names = {_key(label): label for _term, label in load_style().details}
    labels = {n: attrs.get("label", "") for n, attrs in G.nodes(data=True)}
    F = nx.MultiDiGraph(name="newskg", article_count=len(G.graph.get("articles", {})))
    for node, attrs in G.nodes(data=True):
        details = attrs.get("details", {})
        flat = {
            "label": attrs.get("label", ""), "kind": attrs.get("kind", ""), "iri": str(node),
            "aliases": _join(attrs.get("aliases", ())),
            "roles": _join(f"{r['title']} ({labels.get(r['organization'], '')})" if r.get("organization")
                           else r["title"] for r in attrs.get("roles", ())),
        }
        flat.update({key: _join(details.get(label, ())) for key, label in names.items()})
        flat.update({"evidence": _join(dict.fromkeys(e["sentence"] for e in attrs.get("evidence", ()))),
                     "articles": _join(attrs.get("articles", ())), "sources": int(attrs.get("sources", 0)),
                     "mentions": int(attrs.get("mentions", 0))})
        F.add_node(node, **flat)
    for i, (u, v, key, attrs) in enumerate(G.edges(keys=True, data=True)):
        evidence = attrs.get("evidence", ())
        articles = attrs.get("articles", ())
        # GraphML writes the key as the edge's id, and Gephi drops an edge whose id it has seen: e0, e1, ...
        F.add_edge(u, v, key=f"e{i}", **{
            "relation": attrs.get("relation", str(key)), "predicate": attrs.get("predicate", ""),
            "label": attrs.get("label", ""),
            "job_title": _join(dict.fromkeys(e.get("job_title", "") for e in evidence)),
            "evidence": _join(dict.fromkeys(e["sentence"] for e in evidence)),
            "articles": _join(articles), "sources": len(articles), "weight": max(1, len(articles)),
        })
    return F

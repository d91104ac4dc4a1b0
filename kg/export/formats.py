"""Every format ``kg export`` writes, by name, and the one function that makes its bytes.

RDF formats (``ttl``, ``trig``, ``nq``, ``nt``, ``jsonld``) are the graph itself in another syntax; the others
are made for other tools: ``csv`` (a folder of tables for spreadsheets and pandas, :mod:`kg.export.tables`),
``graphml`` (yEd, Gephi, igraph, Cytoscape) and ``gexf`` (Gephi) with the view's nodes and edges and flat
attributes (:mod:`kg.view.flat`), and ``ftm`` (FollowTheMoney JSON lines, :mod:`kg.export.ftm`).

>>> import kg
>>> files = export_files(kg.load_dataset("out/graph.trig"), "csv")
>>> sorted(files)
['articles.csv', 'entities.csv', 'events.csv', 'evidence.csv', 'relations.csv']
>>> b"<gexf" in export_files(kg.load_dataset("out/graph.trig"), "gexf")["graph.gexf"]
True
"""
from __future__ import annotations

import io
import re
from dataclasses import dataclass

from rdflib import Graph

from kg.errors import InputError

__all__ = ["FORMATS", "Format", "export_files"]


@dataclass(frozen=True)
class Format:
    """One export format: its name, what it is for, and whether it writes a folder of files."""

    name: str
    help: str
    folder: bool = False
    file: str = ""  # the file name it writes in a folder, or by default


FORMATS = {f.name: f for f in (
    Format("ttl", "Turtle, the union of the article graphs", file="graph.ttl"),
    Format("trig", "TriG, one named graph per article", file="graph.trig"),
    Format("nq", "N-Quads, one named graph per article", file="graph.nq"),
    Format("nt", "N-Triples, the union of the article graphs", file="graph.nt"),
    Format("jsonld", "JSON-LD, one named graph per article", file="graph.jsonld"),
    Format("csv", "tables: entities, relations, events, evidence, articles", folder=True),
    Format("graphml", "the view's nodes and edges, flat attributes (yEd, Gephi, igraph)", file="graph.graphml"),
    Format("gexf", "the view's nodes and edges, flat attributes (Gephi)", file="graph.gexf"),
    Format("ftm", "FollowTheMoney entities, JSON lines", file="graph.ftm.json"),
)}


def export_files(graph: Graph, fmt: str) -> dict[str, bytes]:
    """The files of one export: file name -> bytes (one file, or a folder's tables for ``csv``).

    Args:
        graph: a built graph, as :func:`kg.load_dataset` gives it.
        fmt: one of :data:`FORMATS`.

    Raises:
        InputError: an unknown format (the message lists them).
        KgError: ``ftm`` without the followthemoney package.
    """
    if fmt not in FORMATS:
        raise InputError(f"unknown export format {fmt!r}; choose from {', '.join(FORMATS)}")
    if fmt == "csv":
        from kg.export.tables import read_records, to_csv_files

        return to_csv_files(read_records(graph))
    name = FORMATS[fmt].file
    if fmt == "ftm":
        from kg.export.ftm import read_records, to_ftm_lines

        return {name: to_ftm_lines(read_records(graph))}
    if fmt in ("graphml", "gexf"):
        import networkx as nx

        from kg.view.network import to_networkx

        buf = io.BytesIO()
        write = nx.write_graphml if fmt == "graphml" else nx.write_gexf
        write(to_networkx(graph, flat=True), buf)
        # networkx stamps GEXF with today's date (an optional attribute): left out, the same graph gives the same bytes
        return {name: re.sub(rb' lastmodifieddate="[^"]*"', b"", buf.getvalue(), count=1)}
    from kg.store.files import serialize

    return {name: serialize(graph, fmt)}

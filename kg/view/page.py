"""The HTML page: a networkx view graph in, one self-contained offline ``graph.html`` out.

Every script and style is inlined (the vis-network library that ships inside the pyvis package, the page script
in ``kg/view/templates``), no CDN, nothing written beside it. All text from the graph is untrusted: it travels
as escaped JSON in a ``<script type="application/json">`` element and the page renders it with DOM text APIs only;
a Content-Security-Policy allows only the page's own two scripts.
"""
from __future__ import annotations

import base64
import hashlib
import html
import json
import logging
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import networkx as nx
from rdflib import Graph

from kg.errors import DataError
from kg.view.counts import count_view
from kg.view.layout import compute_layout
from kg.view.network import focus_subgraph, to_networkx
from kg.view.style import RelationStyle, ViewStyle, load_style

log = logging.getLogger(__name__)


SAFE_SCHEMES = ("http", "https")


APP_SCRIPTS = ("labels.js", "timeline.js", "view.js")  # one inline script, in this order
TEMPLATE_SLOT = re.compile(r"\{\{([A-Z_]+)\}\}")


def to_view_data(G: nx.MultiDiGraph, *, title: str = "newskg graph", style: ViewStyle | None = None) -> dict:
    """The JSON document the page reads: classes, relations, articles, nodes and edges, in O(N+E).

    Nodes and edges are compact (short keys, indexes instead of IRIs) because a 5,000-node
    graph travels inside the HTML file.
    """
    style = style or load_style()
    node_index = {n: i for i, n in enumerate(G.nodes)}
    article_iris = list(G.graph.get("articles", {}))
    article_index = {a: i for i, a in enumerate(article_iris)}
    present = {kind for _n, kind in G.nodes(data="kind")}
    classes = [c for c in style.classes if c.listed or c.term in present]
    class_index = {c.term: i for i, c in enumerate(classes)}
    relation_names = sorted({k for _s, _o, k in G.edges(keys=True)})
    relation_index = {r: i for i, r in enumerate(relation_names)}
    large = G.number_of_nodes() > style.large_graph_nodes
    layout = compute_layout(G, hidden_kinds={c.term for c in classes if not c.visible})
    return {
        "meta": {
            "title": title, "large": large, "sizeBy": style.size_by,
            "sizeMin": style.size_min, "sizeMax": style.size_max, "maxLabel": style.max_label_chars,
            "iterations": style.iterations_large if large else style.iterations_small,
            "focus": G.graph.get("focus", {}).get("name", ""),
            "counts": count_view(G).lines(),
            "clusters": [{"name": c.name, "size": c.size, "x": c.x, "y": c.y, "r": c.r} for c in layout.clusters],
        },
        "classes": [{"term": c.term, "label": c.label, "color": c.color, "shape": c.shape, "visible": c.visible,
                     "event": c.event}
                    for c in classes],
        "relations": [relation_entry(style.relation(r), r) for r in relation_names],
        "articles": [article_entry(a, G.graph["articles"][a]) for a in article_iris],
        "nodes": [dict(node_entry(i, n, a, class_index, article_index, node_index),
                       x=layout.positions[n][0], y=layout.positions[n][1], g=layout.cluster_of[n])
                  for i, (n, a) in enumerate(G.nodes(data=True))],
        "edges": edge_entries(G, node_index, relation_index, article_index),
    }


def relation_entry(rel: RelationStyle, name: str) -> dict:
    return {"name": name, "label": rel.label, "color": rel.color, "reverse": rel.reverse}


def article_entry(iri: str, meta: Mapping[str, str]) -> dict:
    url = meta.get("url", "")
    return {"iri": iri, "headline": meta.get("headline", ""), "outlet": meta.get("outlet", ""),
            "date": meta.get("date", ""), "url": url if is_safe_url(url) else "",
            "rawUrl": "" if is_safe_url(url) else url, "file": meta.get("file", "")}


def is_safe_url(url: str) -> bool:
    """Only absolute http(s) URLs become links; anything else (javascript:, data:) stays text."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return False
    return parts.scheme.lower() in SAFE_SCHEMES and bool(parts.netloc) and url == url.strip()


def node_entry(i: int, iri: str, attrs: Mapping[str, Any], class_index: Mapping[str, int],
                article_index: Mapping[str, int], node_index: Mapping[str, int]) -> dict:
    entry = {
        "id": i, "iri": iri, "l": attrs["label"], "c": class_index[attrs["kind"]],
        "a": [article_index[a] for a in attrs["articles"] if a in article_index],
        "s": attrs["sources"],
    }
    optional = {
        "k": attrs["aliases"],
        "r": [[r["title"], node_index.get(r["organization"], -1)] for r in attrs["roles"]],
        "e": [[e["sentence"], article_index.get(e["article"], -1)] for e in attrs["evidence"]],
        "d": [[name, values] for name, values in attrs["details"].items()],
        "m": attrs["mentions"],
    }
    entry.update({k: v for k, v in optional.items() if v})
    return entry


def edge_entries(G: nx.MultiDiGraph, node_index: Mapping[str, int], relation_index: Mapping[str, int],
                  article_index: Mapping[str, int]) -> list[dict]:
    """Edges with ``k``: the edge's rank among the edges joining the same two nodes (for curvature)."""
    parallel: Counter = Counter()
    out = []
    for s, o, key, attrs in G.edges(keys=True, data=True):
        pair = frozenset((s, o))
        entry = {"id": len(out), "s": node_index[s], "o": node_index[o], "r": relation_index[key],
                 "a": [article_index[a] for a in attrs["articles"] if a in article_index],
                 "e": [[e["sentence"], article_index.get(e["article"], -1), e.get("job_title", "")]
                       for e in attrs["evidence"]]}
        if parallel[pair]:
            entry["k"] = parallel[pair]
        parallel[pair] += 1
        out.append(entry)
    return out


def to_script_json(data: Any) -> str:
    """JSON that is inert inside an HTML ``<script>`` element: ``<``, ``>``, ``&``, U+2028 and
    U+2029 become ``\\uXXXX`` escapes, so no string can close the element or open a comment.

    >>> to_script_json({"x": "</script><b>&"})
    '{"x":"\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e\\\\u0026"}'
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def vis_network_js() -> str:
    """The vis-network 9.1.2 bundle shipped inside pyvis, made safe to inline."""
    root = resources.files("pyvis")
    for rel in ("lib/vis-9.1.2/vis-network.min.js", "templates/lib/vis-9.1.2/vis-network.min.js"):
        ref = root.joinpath(*rel.split("/"))
        if ref.is_file():
            return inline_script(ref.read_text(encoding="utf-8"))
    raise DataError("vis-network.min.js not found inside the pyvis package; reinstall pyvis==0.3.2")


def inline_script(js: str) -> str:
    # "</script" would end the element early and "<!--" could start the HTML parser's escaped
    # state; inside JS strings and regexes "<\/" and "<\!--" mean the same thing.
    return re.sub(r"</(script)", r"<\\/\1", js, flags=re.IGNORECASE).replace("<!--", "<\\!--")


def template(name: str) -> str:
    return (resources.files("kg.view") / "templates" / name).read_text(encoding="utf-8")


def csp(scripts: Iterable[str]) -> str:
    """A Content-Security-Policy that runs only these exact scripts and loads nothing from anywhere."""
    hashes = " ".join(
        "'sha256-" + base64.b64encode(hashlib.sha256(s.encode("utf-8")).digest()).decode("ascii") + "'"
        for s in scripts)
    return ("default-src 'none'; script-src " + hashes + "; style-src 'unsafe-inline'; img-src data:; "
            "base-uri 'none'; form-action 'none'; connect-src 'none'; frame-src 'none'; object-src 'none'")


def render_view(data: Mapping[str, Any]) -> str:
    """The complete HTML page for view data from :func:`to_view_data`."""
    vis_js, app_js = vis_network_js(), inline_script("\n".join(template(name) for name in APP_SCRIPTS))
    slots = {
        "TITLE": html.escape(str(data["meta"]["title"]), quote=True),
        "CSP": html.escape(csp((vis_js, app_js)), quote=True),
        "CSS": template("view.css").replace("</", "<\\/"),
        "VIS_JS": vis_js,
        "APP_JS": app_js,
        "DATA": to_script_json(data),
    }
    # One pass over the template only: text inserted for one slot is never scanned for another.
    return TEMPLATE_SLOT.sub(lambda m: slots[m.group(1)], template("view.html"))


def write_view(graph: Graph | nx.MultiDiGraph | str | Path, path: str | Path, *, title: str | None = None,
               focus: str | None = None, depth: int = 2, statements: bool = True) -> Path:
    """Write the interactive graph view, one self-contained offline HTML file, atomically.

    Args:
        graph: an rdflib Dataset/Graph, a graph file or build folder, or a graph from :func:`to_networkx`.
        path: the HTML file to write.
        title: the page title (default: "newskg: N articles").
        focus: show only the nodes within ``depth`` hops of the nodes with this name.
        depth: hops around ``focus``.
        statements: include quotes (kg:Statement) as nodes (hidden until ticked in the legend).

    Returns:
        The path written.

    Raises:
        InputError: ``focus`` names no node, or the graph cannot be read.
    """
    from kg.store.files import write_atomic

    G = graph if isinstance(graph, nx.MultiDiGraph) else to_networkx(graph, statements=statements)
    if focus:
        G = focus_subgraph(G, focus, depth)
    if G.number_of_nodes() > load_style().slow_graph_nodes:
        log.warning("the graph has %d nodes: the page opens in seconds but every filter click is slow; "
                    "`kg view GRAPH --focus NAME --depth 2` shows the part around one name", G.number_of_nodes())
    if title is None:
        n = len(G.graph.get("articles", {}))
        title = f"newskg: {n} article{'s' if n != 1 else ''}" + (f", around {focus}" if focus else "")
    page = render_view(to_view_data(G, title=title))
    out = Path(path)
    write_atomic(out, page.encode("utf-8"))
    return out

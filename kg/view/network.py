"""The graph view: RDF -> networkx -> one self-contained, offline HTML page.

Two public functions:

* :func:`to_networkx` projects a built graph onto a :class:`networkx.MultiDiGraph`
  whose nodes are the people, organisations, countries and events (offers,
  sanctions, reliefs, statements) and whose edges are the relations between them,
  each with its evidence sentences and articles. Use it for centrality, communities,
  paths.
* :func:`write_view` writes ``graph.html``: every script and style inlined (the
  vis-network library that ships inside the pyvis package), no CDN, nothing written
  beside it. All text from the graph is untrusted: it travels as escaped JSON in a
  ``<script type="application/json">`` element and the page renders it with DOM text
  APIs only; a Content-Security-Policy allows only the page's own two scripts.

Colours, shapes, relation labels and layout thresholds are data: ``kg/data/view.yaml``.

>>> import kg  # doctest: +SKIP
>>> G = kg.to_networkx("out/graph.trig")  # doctest: +SKIP
>>> G.nodes["https://w3id.org/newskg/id/company/huawei"]["kind"]  # doctest: +SKIP
'Company'
"""
from __future__ import annotations

import base64
import functools
import hashlib
import html
import json
import logging
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import networkx as nx
from rdflib import RDF, RDFS, BNode, Graph, Literal, URIRef
from rdflib.namespace import SKOS
from rdflib.term import Node

from kg.knowledge.datafiles import load_data, require_keys
from kg.errors import DataError, InputError
from kg.vocab import KG, PROV, SCHEMA

__all__ = [
    "find_nodes",
    "focus_subgraph",
    "graph_stats",
    "load_style",
    "render_view",
    "to_networkx",
    "to_view_data",
    "write_view",
]

Quad = tuple[Node, Node, Node, Node | None]
log = logging.getLogger(__name__)

SHAPES = frozenset({"dot", "square", "diamond", "triangle", "triangleDown", "star", "hexagon"})
_COLOR = re.compile(r"^#[0-9A-Fa-f]{6}$")
# Literal-valued properties shown as an event's details, in this order.
DETAIL_PROPERTIES: tuple[tuple[URIRef, str], ...] = (
    (KG.program, "program"), (KG.item, "item"), (KG.terms, "terms"), (KG.restriction, "restriction"),
    (KG.status, "status"), (KG.date, "date"), (KG.dateText, "date as written"), (KG.startDate, "start date"),
    (KG.endDate, "end date"), (KG.offeredTo, "offered to"), (KG.quote, "quote"),
)
_DETAIL_LABEL = dict(DETAIL_PROPERTIES)
_ARTICLE_FIELDS: Mapping[URIRef, str] = {
    SCHEMA.headline: "headline", SCHEMA.publisher: "outlet", KG.outlet: "outlet",
    SCHEMA.datePublished: "date", SCHEMA.url: "url", KG.fileName: "file",
}
# Object-valued predicates that are bookkeeping, not relations to draw.
_NOT_EDGES = frozenset({RDF.type, KG.mentionedIn, PROV.wasDerivedFrom, RDF.subject, RDF.predicate, RDF.object})
_SAFE_SCHEMES = ("http", "https")
_TEMPLATE_SLOT = re.compile(r"\{\{([A-Z_]+)\}\}")


# --------------------------------------------------------------------------- style (kg/data/view.yaml)

@dataclass(frozen=True)
class ClassStyle:
    """How one node class is drawn."""

    term: str
    label: str
    color: str
    shape: str
    visible: bool
    event: bool


@dataclass(frozen=True)
class RelationStyle:
    """How one relation (a kg: object property) is drawn."""

    name: str
    label: str
    color: str
    reverse: bool = False


@dataclass(frozen=True)
class ViewStyle:
    """Everything in ``kg/data/view.yaml``, validated."""

    classes: tuple[ClassStyle, ...]
    relations: Mapping[str, RelationStyle]
    default_relation_color: str
    size_min: int
    size_max: int
    size_by: str
    large_graph_nodes: int
    slow_graph_nodes: int
    iterations_small: int
    iterations_large: int
    max_label_chars: int

    def relation(self, name: str) -> RelationStyle:
        """The style of relation ``name`` (a local name), with a default for unlisted ones."""
        return self.relations.get(name) or RelationStyle(name, name, self.default_relation_color)


@functools.cache
def load_style() -> ViewStyle:
    """Load and validate ``kg/data/view.yaml``.

    Raises:
        DataError: a missing key, an unknown class or shape, or a colour that is not ``#RRGGBB``.
    """
    raw = load_data("view.yaml")
    require_keys(raw, ("classes", "relations", "size", "large_graph_nodes", "stabilization_iterations"),
                 where="kg/data/view.yaml")
    classes = tuple(_parse_class_style(entry) for entry in raw["classes"])
    relations = {name: _parse_relation_style(name, entry) for name, entry in raw["relations"].items()}
    size, iters = raw["size"], raw["stabilization_iterations"]
    if size.get("default_by", "degree") not in ("degree", "sources"):
        raise DataError("kg/data/view.yaml: size.default_by must be one of: degree, sources")
    return ViewStyle(
        classes=classes, relations=relations,
        default_relation_color=_check_color(raw.get("default_relation_color", "#9E9E9E"), "default_relation_color"),
        size_min=int(size["min"]), size_max=int(size["max"]), size_by=size.get("default_by", "degree"),
        large_graph_nodes=int(raw["large_graph_nodes"]), slow_graph_nodes=int(raw.get("slow_graph_nodes", 10000)),
        iterations_small=int(iters["small"]), iterations_large=int(iters["large"]),
        max_label_chars=int(raw.get("max_label_chars", 40)),
    )


def _parse_class_style(entry: dict) -> ClassStyle:
    require_keys(entry, ("term", "label", "color", "shape"), where="kg/data/view.yaml classes")
    try:
        KG[entry["term"]]
    except AttributeError as exc:
        raise DataError(f"kg/data/view.yaml: {entry['term']!r} is not a kg: class in ontology.ttl") from exc
    if entry["shape"] not in SHAPES:
        raise DataError(f"kg/data/view.yaml: shape {entry['shape']!r} of {entry['term']} is not one of: "
                        + ", ".join(sorted(SHAPES)))
    return ClassStyle(term=entry["term"], label=str(entry["label"]), color=_check_color(entry["color"], entry["term"]),
                      shape=entry["shape"], visible=bool(entry.get("visible", True)), event=bool(entry.get("event")))


def _parse_relation_style(name: str, entry: dict) -> RelationStyle:
    require_keys(entry, ("label", "color"), where=f"kg/data/view.yaml relations.{name}")
    return RelationStyle(name=name, label=str(entry["label"]), color=_check_color(entry["color"], name),
                         reverse=bool(entry.get("reverse", False)))


def _check_color(value: str, where: str) -> str:
    if not isinstance(value, str) or not _COLOR.match(value):
        raise DataError(f"kg/data/view.yaml: colour {value!r} of {where} is not #RRGGBB")
    return value


# --------------------------------------------------------------------------- RDF -> index (one pass)

@dataclass
class _Index:
    """Everything the view needs from the RDF, gathered in one pass over the quads."""

    types: dict[Node, set[URIRef]] = field(default_factory=lambda: defaultdict(set))
    labels: dict[Node, Counter] = field(default_factory=lambda: defaultdict(Counter))
    aliases: dict[Node, set[str]] = field(default_factory=lambda: defaultdict(set))
    titles: dict[Node, set[str]] = field(default_factory=lambda: defaultdict(set))
    sentences: dict[Node, dict[tuple[str, Node | None], None]] = field(default_factory=lambda: defaultdict(dict))
    derived: dict[Node, set[Node]] = field(default_factory=lambda: defaultdict(set))
    mentioned: dict[Node, set[Node]] = field(default_factory=lambda: defaultdict(set))
    mentions: Counter = field(default_factory=Counter)
    details: dict[Node, dict[str, set[str]]] = field(default_factory=lambda: defaultdict(lambda: defaultdict(set)))
    reified: dict[Node, dict[str, Node]] = field(default_factory=lambda: defaultdict(dict))
    links: dict[tuple[Node, URIRef, Node], set[Node]] = field(default_factory=lambda: defaultdict(set))
    article_fields: dict[Node, dict[str, str]] = field(default_factory=lambda: defaultdict(dict))

    def add(self, s: Node, p: Node, o: Node, g: Node | None) -> None:
        """Record one quad."""
        handler = _HANDLERS.get(p)
        if handler is not None:
            handler(self, s, o, g)
        elif isinstance(o, Literal):
            if p in _ARTICLE_FIELDS:  # the smallest value when there are several: independent of quad order
                fields, name = self.article_fields[s], _ARTICLE_FIELDS[p]
                fields[name] = min(fields.get(name, str(o)), str(o))
            if p in _DETAIL_LABEL:
                self.details[s][_DETAIL_LABEL[p]].add(str(o))
        elif isinstance(o, (URIRef, BNode)) and p not in _NOT_EDGES:
            self.links[(s, p, o)].add(g)


def _on_type(ix: _Index, s: Node, o: Node, g: Node | None) -> None:
    ix.types[s].add(o)


def _on_label(ix: _Index, s: Node, o: Node, g: Node | None) -> None:
    ix.labels[s][str(o)] += 1


def _on_alias(ix: _Index, s: Node, o: Node, g: Node | None) -> None:
    ix.aliases[s].add(str(o))


def _on_title(ix: _Index, s: Node, o: Node, g: Node | None) -> None:
    ix.titles[s].add(str(o))


def _on_evidence(ix: _Index, s: Node, o: Node, g: Node | None) -> None:
    ix.sentences[s][(str(o), g)] = None


def _on_derived(ix: _Index, s: Node, o: Node, g: Node | None) -> None:
    ix.derived[s].add(o)


def _on_mentioned(ix: _Index, s: Node, o: Node, g: Node | None) -> None:
    ix.mentioned[s].add(o)


def _on_mention_count(ix: _Index, s: Node, o: Node, g: Node | None) -> None:
    try:
        ix.mentions[s] += int(o)
    except (TypeError, ValueError):
        pass


def _reified(part: str):
    def handler(ix: _Index, s: Node, o: Node, g: Node | None) -> None:
        ix.reified[s][part] = o
    return handler


def _on_offered_to(ix: _Index, s: Node, o: Node, g: Node | None) -> None:
    # kg:offeredTo is an agent, or a literal for a described group ("any American company").
    if isinstance(o, Literal):
        ix.details[s]["offered to"].add(str(o))
    else:
        ix.links[(s, KG.offeredTo, o)].add(g)


_HANDLERS = {
    RDF.type: _on_type, RDFS.label: _on_label, SKOS.altLabel: _on_alias, KG.jobTitle: _on_title,
    KG.evidence: _on_evidence, PROV.wasDerivedFrom: _on_derived, KG.mentionedIn: _on_mentioned,
    KG.mentionCount: _on_mention_count, RDF.subject: _reified("s"), RDF.predicate: _reified("p"),
    RDF.object: _reified("o"), KG.offeredTo: _on_offered_to,
}


def _iter_quads(graph: Graph) -> Iterator[Quad]:
    """Quads of a Dataset/ConjunctiveGraph (graph name as an identifier), or triples with no graph."""
    if hasattr(graph, "quads"):
        for s, p, o, c in graph.quads((None, None, None, None)):
            yield s, p, o, getattr(c, "identifier", c)
    else:
        for s, p, o in graph:
            yield s, p, o, None


def _index(quads: Iterable[Quad]) -> _Index:
    ix = _Index()
    for s, p, o, g in quads:
        ix.add(s, p, o, g)
    return ix


# --------------------------------------------------------------------------- index -> networkx

def to_networkx(graph_or_path: Graph | str | Path, *, statements: bool = True) -> nx.MultiDiGraph:
    """Project a knowledge graph onto a networkx MultiDiGraph (RDF direction: subject -> object).

    Nodes are keyed by IRI and carry ``label``, ``kind`` (the class: ``"Person"``, ``"Company"``,
    ``"GovernmentBody"``, ``"Organization"``, ``"Country"``, ``"Offer"``, ``"Sanction"``,
    ``"SanctionRelief"``, ``"Statement"``), ``aliases``, ``roles`` (``{"title", "organization"}``),
    ``details`` (program, terms, status, dates, quote...), ``evidence`` (``{"sentence", "article"}``),
    ``articles`` (IRIs of the articles that mention or report it), ``sources`` (how many) and
    ``mentions``. Edges are keyed by the relation's local name (so two relations between the same
    pair both survive) and carry ``relation``, ``predicate`` (IRI), ``label``, ``evidence``
    (``{"sentence", "article", "job_title"}``) and ``articles``. ``G.graph["articles"]`` maps each
    article IRI to its ``headline``, ``outlet``, ``date``, ``url`` and ``file``.

    Args:
        graph_or_path: an rdflib Dataset or Graph, or a graph file / build folder.
        statements: include kg:Statement nodes (quotes) and their speaker edges.

    Raises:
        InputError: the path is missing or not a readable graph.

    >>> import networkx as nx, kg  # doctest: +SKIP
    >>> G = kg.to_networkx("out/graph.trig")  # doctest: +SKIP
    >>> sorted(nx.degree_centrality(G).items(), key=lambda kv: -kv[1])[:3]  # doctest: +SKIP
    """
    graph = _as_graph(graph_or_path)
    style = load_style()
    ix = _index(_iter_quads(graph))
    articles = _articles(ix)
    kinds = _node_kinds(ix, style, statements=statements)
    G = nx.MultiDiGraph(articles=articles)
    reified = _reified_evidence(ix)
    edges = _edges(ix, kinds, articles, reified, style)
    edge_articles = _articles_by_node(edges)
    G.add_nodes_from((str(n), _node_attrs(ix, n, kind, articles, edge_articles.get(str(n), set())))
                     for n, kind in sorted(kinds.items(), key=lambda kv: str(kv[0])))
    G.add_edges_from(edges)
    _add_roles(G, ix, reified)
    return G


def _as_graph(graph_or_path: Graph | str | Path) -> Graph:
    if isinstance(graph_or_path, Graph):
        return graph_or_path
    if isinstance(graph_or_path, (str, Path)):
        from kg.store.backends import load_dataset

        return load_dataset(Path(graph_or_path))
    raise InputError(f"expected an rdflib Graph/Dataset or a path, got {type(graph_or_path).__name__}")


def _articles(ix: _Index) -> dict[str, dict[str, str]]:
    """Article IRI -> metadata, for every kg:Article and every article something is derived from."""
    iris = {n for n, t in ix.types.items() if KG.Article in t}
    for refs in (*ix.derived.values(), *ix.mentioned.values()):
        iris.update(refs)
    out = {}
    for iri in sorted(iris, key=str):
        meta = dict(ix.article_fields.get(iri, {}))
        out[str(iri)] = {k: meta.get(k, "") for k in ("headline", "outlet", "date", "url", "file")}
    return out


def _node_kinds(ix: _Index, style: ViewStyle, *, statements: bool) -> dict[Node, str]:
    """Each drawable node and its class (the first of its types in view.yaml order)."""
    order = [(KG[c.term], c.term) for c in style.classes if statements or c.term != "Statement"]
    kinds = {}
    for node, types in ix.types.items():
        for cls, name in order:
            if cls in types:
                kinds[node] = name
                break
    return kinds


def _edges(ix: _Index, kinds: Mapping[Node, str], articles: Mapping[str, Any],
           reified: Mapping[tuple[Node, Node, Node], list[dict]], style: ViewStyle) -> list[tuple[str, str, str, dict]]:
    """Every relation between two drawn nodes, with evidence, as networkx edge tuples."""
    events = {c.term for c in style.classes if c.event}
    out = []
    for (s, p, o), graphs in sorted(ix.links.items(), key=lambda kv: tuple(map(str, kv[0]))):
        if s not in kinds or o not in kinds or s == o:
            continue
        name = _local_name(p)
        evidence = reified.get((s, p, o))
        edge_articles = {str(g) for g in graphs if g is not None and str(g) in articles}
        if evidence is None:
            event = s if kinds[s] in events else o if kinds[o] in events else None
            evidence = _event_evidence(ix, event, edge_articles) if event is not None else []
        edge_articles |= {e["article"] for e in evidence if e["article"]}
        out.append((str(s), str(o), name, {
            "relation": name, "predicate": str(p), "label": style.relation(name).label,
            "evidence": evidence, "articles": sorted(edge_articles),
        }))
    return out


def _reified_evidence(ix: _Index) -> dict[tuple[Node, Node, Node], list[dict]]:
    """(subject, predicate, object) -> the sentences of its kg:Evidence nodes."""
    out: dict[tuple[Node, Node, Node], list[dict]] = defaultdict(list)
    for ev, parts in sorted(ix.reified.items(), key=lambda kv: str(kv[0])):
        if not {"s", "p", "o"} <= parts.keys():
            continue
        derived = sorted(map(str, ix.derived.get(ev, ())))
        title = min(ix.titles.get(ev, ()), default="")
        for sentence, g in ix.sentences.get(ev, {}):
            article = str(g) if g is not None and str(g) in derived else (derived[0] if derived else "")
            entry = {"sentence": sentence, "article": article, "job_title": title}
            if entry not in out[(parts["s"], parts["p"], parts["o"])]:
                out[(parts["s"], parts["p"], parts["o"])].append(entry)
    return out


def _event_evidence(ix: _Index, event: Node, edge_articles: set[str]) -> list[dict]:
    """The event's sentences, limited to the articles that state this edge when those are known."""
    evidence = _sentences(ix, event)
    scoped = [e for e in evidence if e["article"] in edge_articles]
    return [dict(e, job_title="") for e in (scoped or evidence)]


def _sentences(ix: _Index, node: Node) -> list[dict]:
    """A node's kg:evidence sentences with the article each comes from (its named graph, or its
    only prov:wasDerivedFrom when the graph has no named graphs)."""
    derived = sorted(map(str, ix.derived.get(node, ())))
    out = []
    for sentence, g in ix.sentences.get(node, {}):
        if g is not None and str(g) in derived:
            article = str(g)
        else:
            article = derived[0] if len(derived) == 1 else ""
        out.append({"sentence": sentence, "article": article})
    return sorted(out, key=lambda e: (e["article"], e["sentence"]))


def _articles_by_node(edges: Iterable[tuple[str, str, str, dict]]) -> dict[str, set[str]]:
    out: dict[str, set[str]] = defaultdict(set)
    for s, o, _key, attrs in edges:
        out[s].update(attrs["articles"])
        out[o].update(attrs["articles"])
    return out


def _node_attrs(ix: _Index, node: Node, kind: str, articles: Mapping[str, Any], via_edges: set[str]) -> dict:
    labels = ix.labels.get(node)
    label = min(labels, key=lambda t: (-labels[t], t)) if labels else _fallback_label(ix, node)
    cited = {str(a) for a in (*ix.mentioned.get(node, ()), *ix.derived.get(node, ())) if str(a) in articles}
    details = ix.details.get(node, {})
    return {
        "label": label,
        "kind": kind,
        "aliases": sorted((set(labels or ()) | ix.aliases.get(node, set())) - {label}),
        "roles": [],
        "details": {name: sorted(details[name]) for _p, name in DETAIL_PROPERTIES if name in details},
        "evidence": _sentences(ix, node),
        "articles": sorted(cited | via_edges),
        "sources": len(cited) or len(via_edges),
        "mentions": ix.mentions.get(node, 0),
    }


def _fallback_label(ix: _Index, node: Node) -> str:
    quote = ix.details.get(node, {}).get("quote")
    if quote:
        return min(quote)
    return _local_name(node) if isinstance(node, URIRef) else "(unnamed)"


def _add_roles(G: nx.MultiDiGraph, ix: _Index, reified: Mapping[tuple[Node, Node, Node], list[dict]]) -> None:
    """Job titles of people: from kg:Evidence (title + organisation), else bare kg:jobTitle."""
    for (s, _p, o), entries in reified.items():
        for entry in entries:
            role = {"title": entry["job_title"], "organization": str(o)}
            if entry["job_title"] and str(s) in G and role not in G.nodes[str(s)]["roles"]:
                G.nodes[str(s)]["roles"].append(role)
    for node, titles in ix.titles.items():
        if str(node) in G:
            known = {r["title"] for r in G.nodes[str(node)]["roles"]}
            G.nodes[str(node)]["roles"].extend({"title": t, "organization": ""} for t in sorted(titles - known))


def _local_name(iri: Node) -> str:
    text = str(iri)
    return re.split(r"[#/]", text.rstrip("/#"))[-1] or text


# --------------------------------------------------------------------------- focus, search, stats

def _fold(text: str) -> str:
    """Case- and accent-insensitive form of a name, for matching."""
    decomposed = unicodedata.normalize("NFKD", text)
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).casefold().split())


def find_nodes(G: nx.MultiDiGraph, name: str) -> list[str]:
    """Nodes whose label or an alias is ``name`` (case- and accent-insensitive); if none, those
    whose label or an alias contains it. Sorted by degree, highest first."""
    want = _fold(name)
    exact, partial = [], []
    for node, attrs in G.nodes(data=True):
        names = [_fold(attrs.get("label", ""))] + [_fold(a) for a in attrs.get("aliases", ())]
        if want in names:
            exact.append(node)
        elif want and any(want in n for n in names):
            partial.append(node)
    found = exact or partial
    return sorted(found, key=lambda n: (-G.degree(n), str(n)))


def focus_subgraph(G: nx.MultiDiGraph, name: str, depth: int = 2) -> nx.MultiDiGraph:
    """The part of ``G`` within ``depth`` hops (either direction) of the nodes named ``name``.

    An event counts as a hop: a company, its sanction and the government that imposed it are
    within depth 2.

    Raises:
        InputError: no node has that name (the message lists near matches).
    """
    if depth < 0:
        raise InputError(f"--depth must be 0 or more, not {depth}")
    seeds = find_nodes(G, name)
    if not seeds:
        raise InputError(f"no node named {name!r} in the graph" + _suggest(G, name))
    seen = set(seeds)
    frontier = list(seeds)
    for _ in range(depth):
        nxt = []
        for node in frontier:
            for other in (*G.successors(node), *G.predecessors(node)):
                if other not in seen:
                    seen.add(other)
                    nxt.append(other)
        frontier = nxt
    sub = G.subgraph(seen).copy()
    sub.graph["focus"] = {"name": name, "depth": depth, "nodes": seeds}
    return sub


def _suggest(G: nx.MultiDiGraph, name: str) -> str:
    from rapidfuzz import process

    labels = {attrs["label"] for _n, attrs in G.nodes(data=True) if attrs.get("kind") not in ("Statement",)}
    matches = process.extract(name, sorted(labels), limit=5, score_cutoff=60)
    return "; did you mean: " + ", ".join(repr(m[0]) for m in matches) if matches else ""


def graph_stats(G: nx.MultiDiGraph, *, top: int = 10) -> dict[str, Any]:
    """Counts by class and relation, the ``top`` nodes by degree centrality, and the weakly
    connected components (count and largest sizes)."""
    centrality = nx.degree_centrality(G) if len(G) > 1 else {n: 0.0 for n in G}
    ranked = sorted(centrality.items(), key=lambda kv: (-kv[1], str(kv[0])))[:top]
    components = sorted((len(c) for c in nx.weakly_connected_components(G)), reverse=True)
    return {
        "nodes": G.number_of_nodes(),
        "edges": G.number_of_edges(),
        "articles": len(G.graph.get("articles", {})),
        "by_kind": dict(Counter(k for _n, k in G.nodes(data="kind")).most_common()),
        "by_relation": dict(Counter(k for _s, _o, k in G.edges(keys=True)).most_common()),
        "top_degree_centrality": [
            {"node": n, "label": G.nodes[n]["label"], "kind": G.nodes[n]["kind"], "degree": G.degree(n),
             "centrality": round(c, 4)} for n, c in ranked],
        "components": len(components),
        "largest_components": components[:5],
        "isolated": sum(1 for n in G if G.degree(n) == 0),
    }


# --------------------------------------------------------------------------- networkx -> page data

def to_view_data(G: nx.MultiDiGraph, *, title: str = "newskg graph", style: ViewStyle | None = None) -> dict:
    """The JSON document the page reads: classes, relations, articles, nodes and edges, in O(N+E).

    Nodes and edges are compact (short keys, indexes instead of IRIs) because a 5,000-node
    graph travels inside the HTML file.
    """
    style = style or load_style()
    node_index = {n: i for i, n in enumerate(G.nodes)}
    article_iris = list(G.graph.get("articles", {}))
    article_index = {a: i for i, a in enumerate(article_iris)}
    classes = list(style.classes)
    class_index = {c.term: i for i, c in enumerate(classes)}
    relation_names = sorted({k for _s, _o, k in G.edges(keys=True)})
    relation_index = {r: i for i, r in enumerate(relation_names)}
    large = G.number_of_nodes() > style.large_graph_nodes
    return {
        "meta": {
            "title": title, "large": large, "sizeBy": style.size_by,
            "sizeMin": style.size_min, "sizeMax": style.size_max, "maxLabel": style.max_label_chars,
            "iterations": style.iterations_large if large else style.iterations_small,
            "focus": G.graph.get("focus", {}).get("name", ""),
        },
        "classes": [{"term": c.term, "label": c.label, "color": c.color, "shape": c.shape, "visible": c.visible}
                    for c in classes],
        "relations": [_relation_entry(style.relation(r), r) for r in relation_names],
        "articles": [_article_entry(a, G.graph["articles"][a]) for a in article_iris],
        "nodes": [_node_entry(i, n, a, class_index, article_index, node_index)
                  for i, (n, a) in enumerate(G.nodes(data=True))],
        "edges": _edge_entries(G, node_index, relation_index, article_index),
    }


def _relation_entry(rel: RelationStyle, name: str) -> dict:
    return {"name": name, "label": rel.label, "color": rel.color, "reverse": rel.reverse}


def _article_entry(iri: str, meta: Mapping[str, str]) -> dict:
    url = meta.get("url", "")
    return {"iri": iri, "headline": meta.get("headline", ""), "outlet": meta.get("outlet", ""),
            "date": meta.get("date", ""), "url": url if _is_safe_url(url) else "",
            "rawUrl": "" if _is_safe_url(url) else url, "file": meta.get("file", "")}


def _is_safe_url(url: str) -> bool:
    """Only absolute http(s) URLs become links; anything else (javascript:, data:) stays text."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return False
    return parts.scheme.lower() in _SAFE_SCHEMES and bool(parts.netloc) and url == url.strip()


def _node_entry(i: int, iri: str, attrs: Mapping[str, Any], class_index: Mapping[str, int],
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


def _edge_entries(G: nx.MultiDiGraph, node_index: Mapping[str, int], relation_index: Mapping[str, int],
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


# --------------------------------------------------------------------------- page

def to_script_json(data: Any) -> str:
    """JSON that is inert inside an HTML ``<script>`` element: ``<``, ``>``, ``&``, U+2028 and
    U+2029 become ``\\uXXXX`` escapes, so no string can close the element or open a comment.

    >>> to_script_json({"x": "</script><b>&"})
    '{"x":"\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e\\\\u0026"}'
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def _vis_network_js() -> str:
    """The vis-network 9.1.2 bundle shipped inside pyvis, made safe to inline."""
    root = resources.files("pyvis")
    for rel in ("lib/vis-9.1.2/vis-network.min.js", "templates/lib/vis-9.1.2/vis-network.min.js"):
        ref = root.joinpath(*rel.split("/"))
        if ref.is_file():
            return _inline_script(ref.read_text(encoding="utf-8"))
    raise DataError("vis-network.min.js not found inside the pyvis package; reinstall pyvis==0.3.2")


def _inline_script(js: str) -> str:
    # "</script" would end the element early and "<!--" could start the HTML parser's escaped
    # state; inside JS strings and regexes "<\/" and "<\!--" mean the same thing.
    return re.sub(r"</(script)", r"<\\/\1", js, flags=re.IGNORECASE).replace("<!--", "<\\!--")


def _template(name: str) -> str:
    return (resources.files("kg.view") / "templates" / name).read_text(encoding="utf-8")


def _csp(scripts: Iterable[str]) -> str:
    """A Content-Security-Policy that runs only these exact scripts and loads nothing from anywhere."""
    hashes = " ".join(
        "'sha256-" + base64.b64encode(hashlib.sha256(s.encode("utf-8")).digest()).decode("ascii") + "'"
        for s in scripts)
    return ("default-src 'none'; script-src " + hashes + "; style-src 'unsafe-inline'; img-src data:; "
            "base-uri 'none'; form-action 'none'; connect-src 'none'; frame-src 'none'; object-src 'none'")


def render_view(data: Mapping[str, Any]) -> str:
    """The complete HTML page for view data from :func:`to_view_data`."""
    vis_js, app_js = _vis_network_js(), _inline_script(_template("view.js"))
    slots = {
        "TITLE": html.escape(str(data["meta"]["title"]), quote=True),
        "CSP": html.escape(_csp((vis_js, app_js)), quote=True),
        "CSS": _template("view.css").replace("</", "<\\/"),
        "VIS_JS": vis_js,
        "APP_JS": app_js,
        "DATA": to_script_json(data),
    }
    # One pass over the template only: text inserted for one slot is never scanned for another.
    return _TEMPLATE_SLOT.sub(lambda m: slots[m.group(1)], _template("view.html"))


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
    from kg.builder.full import write_atomic

    G = graph if isinstance(graph, nx.MultiDiGraph) else to_networkx(graph, statements=statements)
    if focus:
        G = focus_subgraph(G, focus, depth)
    if G.number_of_nodes() > load_style().slow_graph_nodes:
        log.warning("the graph has %d nodes: the page will take long to lay out and filter; "
                    "`kg view GRAPH --focus NAME --depth 2` shows the part around one name", G.number_of_nodes())
    if title is None:
        n = len(G.graph.get("articles", {}))
        title = f"newskg: {n} article{'s' if n != 1 else ''}" + (f", around {focus}" if focus else "")
    page = render_view(to_view_data(G, title=title))
    out = Path(path)
    write_atomic(out, page.encode("utf-8"))
    return out

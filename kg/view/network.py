"""The view graph: a built RDF graph in, a :class:`networkx.MultiDiGraph` of who did what to whom out.

:func:`to_networkx` projects a built graph onto a multigraph whose nodes are the people, organisations,
countries and events (offers, sanctions, reliefs, statements) and whose edges are the relations between them,
each with its evidence sentences and articles: use it for centrality, communities, paths. :func:`find_nodes`,
:func:`focus_subgraph` and :func:`graph_stats` serve ``kg view --focus`` and the terminal summary; the page is
:mod:`kg.view.page`.

>>> import kg
>>> G = kg.to_networkx("out/graph.trig")
>>> G.nodes["https://w3id.org/newskg/id/company/huawei"]["kind"]
'Company'
"""
from __future__ import annotations

import logging
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import networkx as nx
from rdflib import RDF, RDFS, BNode, Graph, Literal, URIRef
from rdflib.namespace import SKOS
from rdflib.term import Node

from kg.errors import InputError
from kg.sparql.names import fold_name, nearest_names
from kg.view.style import ViewStyle, load_style
from kg.vocab import KG, PROV, SCHEMA

__all__ = [
    "find_nodes",
    "focus_subgraph",
    "graph_stats",
    "to_networkx",
]

Quad = tuple[Node, Node, Node, Node | None]
log = logging.getLogger(__name__)

_ARTICLE_FIELDS: Mapping[URIRef, str] = {
    SCHEMA.headline: "headline", SCHEMA.publisher: "outlet", KG.outlet: "outlet",
    SCHEMA.datePublished: "date", SCHEMA.url: "url", KG.fileName: "file",
}
# Object-valued predicates that are bookkeeping, not relations to draw.
_NOT_EDGES = frozenset({RDF.type, KG.mentionedIn, PROV.wasDerivedFrom, RDF.subject, RDF.predicate, RDF.object})


# --------------------------------------------------------------------------- style (kg/knowledge/data/view.yaml)


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
    copy_of: dict[Node, Node] = field(default_factory=dict)  # a copy (kg:copyOf) -> its original: one report
    detail_labels: Mapping[Node, str] = field(default_factory=dict)  # literal property -> its label in details

    def add(self, s: Node, p: Node, o: Node, g: Node | None) -> None:
        """Record one quad."""
        handler = _HANDLERS.get(p)
        if handler is not None:
            handler(self, s, o, g)
        elif isinstance(o, Literal):
            if p in _ARTICLE_FIELDS:  # the smallest value when there are several: independent of quad order
                fields, name = self.article_fields[s], _ARTICLE_FIELDS[p]
                fields[name] = min(fields.get(name, str(o)), str(o))
            if p in self.detail_labels:  # a literal kg:offeredTo ("any American company") too
                self.details[s][self.detail_labels[p]].add(str(o))
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


def _on_copy_of(ix: _Index, s: Node, o: Node, g: Node | None) -> None:
    ix.copy_of[s] = o


def _on_mention_count(ix: _Index, s: Node, o: Node, g: Node | None) -> None:
    try:
        ix.mentions[s] += int(o)
    except (TypeError, ValueError):
        pass


def _reified(part: str):
    def handler(ix: _Index, s: Node, o: Node, g: Node | None) -> None:
        ix.reified[s][part] = o
    return handler


_HANDLERS = {
    RDF.type: _on_type, RDFS.label: _on_label, SKOS.altLabel: _on_alias, KG.jobTitle: _on_title,
    KG.evidence: _on_evidence, PROV.wasDerivedFrom: _on_derived, KG.mentionedIn: _on_mentioned,
    KG.mentionCount: _on_mention_count, RDF.subject: _reified("s"), RDF.predicate: _reified("p"),
    RDF.object: _reified("o"), KG.copyOf: _on_copy_of,
}


def _iter_quads(graph: Graph) -> Iterator[Quad]:
    """Quads of a Dataset/ConjunctiveGraph (graph name as an identifier), or triples with no graph."""
    if hasattr(graph, "quads"):
        for s, p, o, c in graph.quads((None, None, None, None)):
            yield s, p, o, getattr(c, "identifier", c)
    else:
        for s, p, o in graph:
            yield s, p, o, None


def _index(quads: Iterable[Quad], style: ViewStyle) -> _Index:
    ix = _Index(detail_labels={KG[term]: label for term, label in style.details})
    for s, p, o, g in quads:
        ix.add(s, p, o, g)
    return ix


# --------------------------------------------------------------------------- index -> networkx

def to_networkx(graph_or_path: Graph | str | Path, *, statements: bool = True, flat: bool = False) -> nx.MultiDiGraph:
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
        flat: give strings and integers only (lists joined with `` | ``, each detail its own attribute;
            see :func:`kg.view.flat.flatten`), which ``nx.write_graphml`` and ``nx.write_gexf`` accept.

    Raises:
        InputError: the path is missing or not a readable graph.

    >>> import networkx as nx, kg
    >>> G = kg.to_networkx("out/graph.trig")
    >>> top = sorted(nx.degree_centrality(G).items(), key=lambda kv: (-kv[1], kv[0]))[:3]
    >>> [G.nodes[n]["label"] for n, _ in top]
    ['United States', 'United States government', 'United Kingdom']
    """
    graph = _as_graph(graph_or_path)
    style = load_style()
    ix = _index(_iter_quads(graph), style)
    articles = _articles(ix)
    kinds = _node_kinds(ix, style, statements=statements)
    # people named only as an article's author: drawn (unlinked), and counted apart (kg.view.counts)
    authors = sorted(str(o) for (_s, p, o) in ix.links if p == SCHEMA.author and o in kinds)
    G = nx.MultiDiGraph(articles=articles, authors=authors,
                        copies={str(c): str(o) for c, o in sorted(ix.copy_of.items())})
    reified = _reified_evidence(ix)
    edges = _edges(ix, kinds, articles, reified, style)
    edge_articles = _articles_by_node(edges)
    G.add_nodes_from((str(n), _node_attrs(ix, n, kind, articles, edge_articles.get(str(n), set()), style))
                     for n, kind in sorted(kinds.items(), key=lambda kv: str(kv[0])))
    G.add_edges_from(edges)
    _add_roles(G, ix, reified)
    if flat:
        from kg.view.flat import flatten

        return flatten(G)
    return G


def _as_graph(graph_or_path: Graph | str | Path) -> Graph:
    if isinstance(graph_or_path, Graph):
        return graph_or_path
    if isinstance(graph_or_path, (str, Path)):
        from kg.store.files import load_dataset

        return load_dataset(Path(graph_or_path))
    raise InputError(f"expected an rdflib Graph/Dataset or a path, got {type(graph_or_path).__name__}")


def _articles(ix: _Index) -> dict[str, dict[str, str]]:
    """Article IRI -> metadata, for every kg:Article and every article something is derived from, but copies
    (``kg:copyOf``: the same report as their original, listed in ``G.graph["copies"]``)."""
    iris = {n for n, t in ix.types.items() if KG.Article in t}
    for refs in (*ix.derived.values(), *ix.mentioned.values()):
        iris.update(refs)
    iris -= ix.copy_of.keys()
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
        reports = {str(ix.copy_of.get(g, g)) for g in graphs if g is not None}  # a copy is its original's report
        edge_articles = reports & articles.keys()
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


def _node_attrs(ix: _Index, node: Node, kind: str, articles: Mapping[str, Any], via_edges: set[str],
                style: ViewStyle) -> dict:
    labels = ix.labels.get(node)
    label = min(labels, key=lambda t: (-labels[t], t)) if labels else _fallback_label(ix, node)
    # sources are distinct reports: a copy (kg:copyOf) is its original
    reports = (ix.copy_of.get(a, a) for a in (*ix.mentioned.get(node, ()), *ix.derived.get(node, ())))
    cited = {str(a) for a in reports if str(a) in articles}
    details = ix.details.get(node, {})
    return {
        "label": label,
        "kind": kind,
        "aliases": sorted((set(labels or ()) | ix.aliases.get(node, set())) - {label}),
        "roles": [],
        "details": {name: sorted(details[name]) for _p, name in style.details if name in details},
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

def find_nodes(G: nx.MultiDiGraph, name: str) -> list[str]:
    """Entities (people, organisations, countries: not events or quotes) whose label or an alias is ``name``
    (case- and accent-insensitive); if none, those whose label or an alias contains it. Sorted by degree,
    highest first."""
    want = fold_name(name)
    exact, partial = [], []
    for node, attrs in _entities(G):
        names = [fold_name(attrs.get("label", ""))] + [fold_name(a) for a in attrs.get("aliases", ())]
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
        names = {n for _node, a in _entities(G) for n in (a.get("label", ""), *a.get("aliases", ()))}
        near = nearest_names(name, names)
        hint = ("; did you mean: " + ", ".join(repr(n) for n in near) if near
                else "; kg view GRAPH --stats shows the most connected ones")
        raise InputError(f"no node named {name!r} in the graph (no person, organisation or country has this name "
                         f"or alias, or one containing it){hint}")
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


def _entities(G: nx.MultiDiGraph) -> Iterator[tuple[str, dict]]:
    """The entity nodes of ``G`` (what ``--focus`` may name): not events, not quotes."""
    events = {c.term for c in load_style().classes if c.event}
    return ((n, a) for n, a in G.nodes(data=True) if a.get("kind") not in events)


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
        "copies": len(G.graph.get("copies", {})),
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


# --------------------------------------------------------------------------- page



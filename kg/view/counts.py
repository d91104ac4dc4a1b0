"""What the nodes and edges of the view are, counted so that the terminal and the page say the same.

In: a view graph from :func:`kg.view.network.to_networkx`. Out: :class:`ViewCounts`, its nodes and edges by what
they are, and the two lines that ``kg build``, ``kg view`` and ``graph.html`` all print. The build's summary counts
*entities named in the articles* and *facts as each article states them*; the view draws more nodes (authors from
bylines, places and bodies only implied by another fact, events, quotes) and each relation once, plus the links
the gazetteer knows (a ministry's government): these lines name every part, so the numbers add up.

>>> import networkx as nx
>>> G = nx.MultiDiGraph(authors=["p2"])
>>> G.add_node("p1", kind="Person", mentions=2); G.add_node("p2", kind="Person", mentions=0)
>>> G.add_node("c", kind="Country", mentions=0); G.add_node("s", kind="Sanction", mentions=0)
>>> _ = G.add_edge("p1", "c", key="basedIn", evidence=[{"sentence": "P1, of C"}])
>>> _ = G.add_edge("s", "c", key="target", evidence=[])
>>> print("\\n".join(count_view(G).lines()))
4 nodes: 1 entity named in the articles, 1 author named only in a byline, 1 entity only implied by another fact, 1 event
2 edges: 1 relation stated in a sentence, 1 event role or speaker
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

import networkx as nx

from kg.view.style import load_style


@dataclass(frozen=True)
class ViewCounts:
    """The nodes and edges of a view graph, by what they are."""

    nodes: int
    edges: int
    named: int  # entities with a mention in some article's text: the build summary's "entities"
    authors: int  # people who appear only as an article's author
    implied: int  # entities no article names, reached through another fact ("Japan's SoftBank": Japan)
    events: int
    quotes: int
    stated: int  # relations between entities with a sentence that states them
    roles: int  # edges of an event or a quote: imposed by, target, offered to, said...
    known: dict[str, int] = field(default_factory=dict)  # relations with no sentence (gazetteer), by name

    def lines(self) -> list[str]:
        """Two lines: what the nodes are and what the edges are, every part named."""
        nodes = _parts([(self.named, "entity named in the articles", "entities named in the articles"),
                        (self.authors, "author named only in a byline", "authors named only in bylines"),
                        (self.implied, "entity only implied by another fact", "entities only implied by another fact"),
                        (self.events, "event", "events"), (self.quotes, "quote (hidden until ticked)", "quotes (hidden until ticked)")])
        known = sum(self.known.values())
        by_count = sorted(self.known.items(), key=lambda kv: (-kv[1], kv[0]))
        known_names = ", ".join(f"{n} {name}" for name, n in by_count)
        edges = _parts([(self.stated, "relation stated in a sentence", "relations stated in a sentence"),
                        (self.roles, "event role or speaker", "event roles and speakers"),
                        (known, f"link known without a sentence ({known_names})",
                         f"links known without a sentence ({known_names})")])
        return [f"{_n(self.nodes, 'node', 'nodes')}" + (f": {nodes}" if nodes else ""),
                f"{_n(self.edges, 'edge', 'edges')}" + (f": {edges}" if edges else "")]


def count_view(G: nx.MultiDiGraph) -> ViewCounts:
    """Count the nodes and edges of a view graph by what they are (see :class:`ViewCounts`)."""
    events = {c.term for c in load_style().classes if c.event}
    authors = set(G.graph.get("authors", ()))
    kinds = Counter()
    for node, attrs in G.nodes(data=True):
        kind = attrs.get("kind")
        if kind == "Statement":
            kinds["quotes"] += 1
        elif kind in events:
            kinds["events"] += 1
        elif attrs.get("mentions"):
            kinds["named"] += 1
        elif node in authors:
            kinds["authors"] += 1
        else:
            kinds["implied"] += 1
    stated = roles = 0
    known: Counter = Counter()
    for s, o, key, attrs in G.edges(keys=True, data=True):
        if G.nodes[s].get("kind") in events or G.nodes[o].get("kind") in events:
            roles += 1
        elif any(e.get("sentence") for e in attrs.get("evidence", ())):
            stated += 1
        else:
            known[key] += 1
    return ViewCounts(nodes=G.number_of_nodes(), edges=G.number_of_edges(), named=kinds["named"],
                      authors=kinds["authors"], implied=kinds["implied"], events=kinds["events"],
                      quotes=kinds["quotes"], stated=stated, roles=roles, known=dict(known))


def _n(n: int, one: str, many: str) -> str:
    return f"{n:,} {one if n == 1 else many}"


def _parts(parts: list[tuple[int, str, str]]) -> str:
    return ", ".join(_n(n, one, many) for n, one, many in parts if n)

"""Where each node of the view goes, computed before the page opens: a view graph in, positions and named clusters out.

The page then opens with physics off, so a 20,000-node graph is interactive in seconds instead of laying itself
out in the browser. The layout is two-level: communities (Louvain, igraph's ``community_multilevel``) are each laid
out on their own (Fruchterman-Reingold with a grid, igraph) inside a disc whose area grows with their size, and the
discs are packed largest first, each as near as it fits to the clusters it has most links with; so stories are drawn
apart and a cluster can be named after its largest hubs. Nodes without a relation to a node shown at first
(isolates, people linked only to a quote) go in a compact block below, hidden until asked for, never in a ring;
a node of a class hidden at first (quotes) goes beside the node it belongs to. Deterministic for a seed.

>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> G.add_nodes_from([("a", {"label": "A", "kind": "Company"}), ("b", {"label": "B", "kind": "Person"}),
...                   ("z", {"label": "Z", "kind": "Person"})])
>>> _ = G.add_edge("b", "a", key="ceoOf")
>>> lay = compute_layout(G)
>>> sorted(lay.isolated), [c.name for c in lay.clusters]
(['z'], ['A · B'])
"""
from __future__ import annotations

import math
import random
from collections import Counter, defaultdict
from collections.abc import Collection, Mapping
from dataclasses import dataclass

import networkx as nx

NODE_SPACING = 70.0  # canvas units between neighbours: vis-network draws nodes 10-42 units wide
CLUSTER_GAP = 60.0
NAME_HUBS = 2
SMALL_CLUSTER = 4  # a cluster this small with no link to another goes in the rows under the picture  # a cluster is named after this many of its best-connected members


@dataclass(frozen=True)
class Cluster:
    """One community as drawn: its name (its largest hubs), size, centre and radius in canvas units."""

    name: str
    size: int
    x: float
    y: float
    r: float


@dataclass(frozen=True)
class Layout:
    """Positions (canvas units) of every node, its cluster index (-1: none) and the clusters."""

    positions: Mapping[str, tuple[float, float]]
    cluster_of: Mapping[str, int]
    clusters: tuple[Cluster, ...]
    isolated: frozenset[str]


def compute_layout(G: nx.MultiDiGraph, *, hidden_kinds: Collection[str] = (), seed: int = 7) -> Layout:
    """Lay out a view graph (see the module docstring).

    Args:
        G: a graph from :func:`kg.view.network.to_networkx` (nodes with ``label`` and ``kind``).
        hidden_kinds: the classes hidden when the page opens (quotes): their links do not place other nodes.
        seed: the seed of the community detection and of the starting positions.
    """
    import igraph as ig

    shown_at_first = {n for n, k in G.nodes(data="kind") if k not in hidden_kinds}
    pairs: Counter = Counter()
    for s, o in G.edges():
        if s != o and s in shown_at_first and o in shown_at_first:
            pairs[(s, o) if str(s) < str(o) else (o, s)] += 1
    core = sorted({n for pair in pairs for n in pair}, key=str)
    index = {n: i for i, n in enumerate(core)}
    rng = random.Random(seed)
    g = ig.Graph(n=len(core), edges=[(index[s], index[o]) for s, o in pairs])
    g.es["weight"] = list(pairs.values())
    ig.set_random_number_generator(random.Random(seed))  # igraph's own generator: Louvain and FR draw from it
    try:
        membership = g.community_multilevel(weights="weight").membership if core else []
        members: dict[int, list[int]] = defaultdict(list)
        for i, c in enumerate(membership):
            members[c].append(i)
        # clusters biggest first (ties by their first node): stable cluster numbers
        order = sorted(members.values(), key=lambda m: (-len(m), str(core[m[0]])))
        local = [_cluster_shape(g, m, rng) for m in order]
    finally:
        ig.set_random_number_generator(random)
    cluster_of_index = {i: ci for ci, m in enumerate(order) for i in m}
    degree = g.degree()
    centres = _pack(order, local, cluster_of_index, g)
    positions: dict[str, tuple[float, float]] = {}
    clusters = []
    for ci, m in enumerate(order):
        (cx, cy), (shape, r) = centres[ci], local[ci]
        for i, (x, y) in zip(m, shape):
            positions[core[i]] = (cx + x, cy + y)
        hubs = sorted(m, key=lambda i: (-degree[i], str(G.nodes[core[i]].get("label", ""))))[:NAME_HUBS]
        name = " \u00b7 ".join(str(G.nodes[core[i]].get("label", "")) for i in hubs)
        clusters.append(Cluster(name=name, size=len(m), x=round(cx, 1), y=round(cy, 1), r=round(r, 1)))
    rest = [n for n in G if n not in positions]
    lonely = sorted((n for n in rest if n in shown_at_first), key=lambda n: (str(G.nodes[n].get("kind")), str(n)))
    positions.update(_grid(lonely, positions))
    for n in sorted((n for n in rest if n not in shown_at_first), key=str):
        anchor = next((m for m in (*G.successors(n), *G.predecessors(n)) if m in positions), None)
        if anchor is None:
            positions.update(_grid([n], positions))
        else:
            a = rng.uniform(0, 2 * math.pi)
            ax, ay = positions[anchor]
            positions[n] = (ax + NODE_SPACING * math.cos(a), ay + NODE_SPACING * math.sin(a))
    cluster_of = {n: cluster_of_index.get(index.get(n, -1), -1) for n in G}
    return Layout(positions={n: (round(x, 1), round(y, 1)) for n, (x, y) in positions.items()},
                  cluster_of=cluster_of, clusters=tuple(clusters), isolated=frozenset(lonely))


def _cluster_shape(g, members: list[int], rng: random.Random) -> tuple[list[tuple[float, float]], float]:
    """Positions of one cluster's nodes around (0, 0), and the radius of the disc they fill."""
    radius = NODE_SPACING * math.sqrt(len(members)) * 0.75 + NODE_SPACING / 2
    if len(members) == 1:
        return [(0.0, 0.0)], radius
    sub = g.subgraph(members)
    # igraph's own scale (a box of side ~sqrt(n)): its grid then cuts the work from n^2 to about n per step
    side = math.sqrt(len(members)) / 2
    start = [(rng.uniform(-side, side), rng.uniform(-side, side)) for _ in members]
    coords = sub.layout_fruchterman_reingold(seed=start, niter=300, grid=len(members) > 300).coords
    cx = sum(x for x, _ in coords) / len(coords)
    cy = sum(y for _, y in coords) / len(coords)
    far = sorted(math.hypot(x - cx, y - cy) for x, y in coords)[int(0.95 * (len(coords) - 1))] or 1.0
    scale = (radius - NODE_SPACING / 3) / far
    return [((x - cx) * scale, (y - cy) * scale) for x, y in coords], radius


def _pack(order: list[list[int]], local: list[tuple[list, float]], cluster_of: Mapping[int, int],
          g) -> list[tuple[float, float]]:
    """Centres for the clusters' discs, biggest first, each at the free spot nearest the clusters it links to."""
    links: dict[int, Counter] = defaultdict(Counter)
    for e in g.es:
        a, b = cluster_of[e.source], cluster_of[e.target]
        if a != b:
            links[a][b] += 1
            links[b][a] += 1
    cell = 2 * max((r for _s, r in local), default=1.0) + CLUSTER_GAP
    grid: dict[tuple[int, int], list[int]] = defaultdict(list)
    centres: list[tuple[float, float]] = []

    def free(x: float, y: float, r: float) -> bool:
        gx, gy = int(x // cell), int(y // cell)
        for dx in (-1, 0, 1):
            for dy in (-1, 0, 1):
                for j in grid[(gx + dx, gy + dy)]:
                    (ox, oy), orad = centres[j], local[j][1]
                    if math.hypot(x - ox, y - oy) < r + orad + CLUSTER_GAP:
                        return False
        return True

    small = [ci for ci in range(len(order)) if not links[ci] and len(order[ci]) <= SMALL_CLUSTER]
    satellites = set(small)
    for ci in range(len(order)):
        if ci in satellites:
            centres.append((0.0, 0.0))  # placed below, in rows
            continue
        r = local[ci][1]
        placed = [(j, w) for j, w in links[ci].items() if j < ci]
        if placed:
            total = sum(w for _j, w in placed)
            tx = sum(centres[j][0] * w for j, w in placed) / total
            ty = sum(centres[j][1] * w for j, w in placed) / total
        else:
            tx = ty = 0.0
        x, y = tx, ty
        step, angle, k = r / 2 + CLUSTER_GAP / 2, 0.0, 0
        while not free(x, y, r):  # outward along a spiral around the target
            k += 1
            angle += 0.5
            dist = step * math.sqrt(k)
            x, y = tx + dist * math.cos(angle), ty + dist * math.sin(angle)
        centres.append((x, y))
        grid[(int(x // cell), int(y // cell))].append(ci)
    _rows(small, centres, [r for _s, r in local], satellites)
    return centres


def _rows(small: list[int], centres: list[tuple[float, float]], radii: list[float], satellites: set[int]) -> None:
    """Small clusters linked to no other (two people and their company): in rows under the rest, not around it."""
    main = [i for i in range(len(centres)) if i not in satellites]
    left = min((centres[i][0] - radii[i] for i in main), default=0.0)
    right = max((centres[i][0] + radii[i] for i in main), default=0.0)
    bottom = max((centres[i][1] + radii[i] for i in main), default=0.0)
    width = max(right - left, 1500.0)
    x, y, row = left, bottom + CLUSTER_GAP * 2, 0.0
    for ci in small:
        r = radii[ci]
        if x + 2 * r > left + width and x > left:
            x, y, row = left, y + row + CLUSTER_GAP / 2, 0.0
        centres[ci] = (x + r, y + r)
        x += 2 * r + CLUSTER_GAP / 2
        row = max(row, 2 * r)


def _grid(nodes: list[str], placed: Mapping[str, tuple[float, float]]) -> dict[str, tuple[float, float]]:
    """A compact block of rows below everything placed so far."""
    if not nodes:
        return {}
    xs = [x for x, _ in placed.values()] or [0.0]
    ys = [y for _, y in placed.values()] or [0.0]
    cols = max(1, math.ceil(math.sqrt(len(nodes) * 2)))
    left = (min(xs) + max(xs)) / 2 - (cols - 1) * NODE_SPACING / 2
    top = max(ys) + 2 * NODE_SPACING
    return {n: (left + (i % cols) * NODE_SPACING, top + (i // cols) * NODE_SPACING * 0.8) for i, n in enumerate(nodes)}

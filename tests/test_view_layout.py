"""The precomputed layout of the graph view (kg/view/layout.py) and the generated graphs its tests and benchmark use.

What a reader sees first depends on it: clusters drawn apart and named after their hubs, isolates in a block
below (hidden at first by the page), quotes beside their speaker, the same picture on every run.
"""
from __future__ import annotations

import math

import networkx as nx
import pytest

import kg
from benchmarks.viewgraph import generate_view_graph
from kg.view import page as view_page
from kg.view.layout import compute_layout
from kg.view.style import load_style

HIDDEN = {c.term for c in load_style().classes if not c.visible}


@pytest.fixture(scope="module")
def G(examples_dataset) -> nx.MultiDiGraph:
    return kg.to_networkx(examples_dataset)


def _linked(G: nx.MultiDiGraph) -> set[str]:
    return {n for s, o in G.edges() if s != o and G.nodes[s]["kind"] not in HIDDEN and G.nodes[o]["kind"] not in HIDDEN
            for n in (s, o)}


def test_generated_graphs_have_the_attributes_of_a_real_build(G):
    fake = generate_view_graph(600)
    assert fake.number_of_nodes() == 600
    assert set(fake.graph) == set(G.graph)
    assert {k for _n, a in fake.nodes(data=True) for k in a} == {k for _n, a in G.nodes(data=True) for k in a}
    assert {k for *_e, a in fake.edges(data=True) for k in a} == {k for *_e, a in G.edges(data=True) for k in a}
    assert {a["kind"] for _n, a in fake.nodes(data=True)} <= {c.term for c in load_style().classes}
    relations = set(load_style().relations)
    assert {k for *_e, k in fake.edges(keys=True)} <= relations
    assert {a for _n, attrs in fake.nodes(data=True) for a in attrs["articles"]} <= set(fake.graph["articles"])


def test_generated_graphs_are_news_shaped():
    fake = generate_view_graph(5000)
    degrees = sorted((d for _n, d in fake.degree()), reverse=True)
    isolated = sum(1 for d in degrees if d == 0)
    assert 0.2 < isolated / len(degrees) < 0.4, "about a third named once and related to nothing"
    assert degrees[0] > 20 * (sum(degrees) / len(degrees)), "hubs"
    events = [n for n, k in fake.nodes(data="kind") if k in ("Sanction", "Offer", "SanctionRelief")]
    assert events and all(fake.degree(e) == 2 for e in events), "every event has an actor and a target"
    assert generate_view_graph(600, seed=3).nodes(data="label") != generate_view_graph(600).nodes(data="label")
    assert list(generate_view_graph(600).edges(keys=True)) == list(generate_view_graph(600).edges(keys=True))


def test_every_node_has_a_position_and_runs_agree(G):
    lay = compute_layout(G, hidden_kinds=HIDDEN)
    assert set(lay.positions) == set(G) and set(lay.cluster_of) == set(G)
    assert compute_layout(G, hidden_kinds=HIDDEN) == lay
    assert all(math.isfinite(x) and math.isfinite(y) for x, y in lay.positions.values())


def test_isolates_go_in_a_block_below_never_around(G):
    lay = compute_layout(G, hidden_kinds=HIDDEN)
    linked = _linked(G)
    assert lay.isolated == {n for n, k in G.nodes(data="kind") if k not in HIDDEN} - linked
    lowest = max(lay.positions[n][1] for n in linked)
    assert all(lay.positions[n][1] > lowest for n in lay.isolated)
    assert all(lay.cluster_of[n] == -1 for n in lay.isolated)


def test_clusters_are_drawn_apart_and_named_after_their_hubs(G):
    lay = compute_layout(G, hidden_kinds=HIDDEN)
    clusters = lay.clusters
    assert len(clusters) > 3 and [c.size for c in clusters] == sorted((c.size for c in clusters), reverse=True)
    for i, a in enumerate(clusters):
        for b in clusters[i + 1:]:
            assert math.hypot(a.x - b.x, a.y - b.y) >= a.r + b.r, (a.name, b.name)
    for ci, c in enumerate(clusters):
        members = [n for n in G if lay.cluster_of[n] == ci]
        assert len(members) == c.size
        assert all(math.hypot(lay.positions[n][0] - c.x, lay.positions[n][1] - c.y) <= c.r * 1.5 for n in members)
        assert set(c.name.split(" \u00b7 ")) <= {G.nodes[n]["label"] for n in members}
    names = [c.name for c in clusters]
    assert any("Huawei" in name for name in names) and any("Broadcom" in name for name in names)


def test_quotes_sit_beside_their_speaker(G):
    lay = compute_layout(G, hidden_kinds=HIDDEN)
    for quote in (n for n, k in G.nodes(data="kind") if k == "Statement"):
        speakers = [m for m in (*G.successors(quote), *G.predecessors(quote))]
        if speakers:
            (qx, qy), (sx, sy) = lay.positions[quote], lay.positions[speakers[0]]
            assert math.hypot(qx - sx, qy - sy) < 100


def test_the_page_carries_positions_and_clusters(G):
    data = view_page.to_view_data(G)
    lay = compute_layout(G, hidden_kinds=HIDDEN)
    iris = list(G)
    assert all((n["x"], n["y"]) == lay.positions[iris[n["id"]]] and n["g"] == lay.cluster_of[iris[n["id"]]]
               for n in data["nodes"])
    assert [c["name"] for c in data["meta"]["clusters"]] == [c.name for c in lay.clusters]
    assert {c["term"] for c in data["classes"] if c["event"]} >= {"Sanction", "Offer"}


def test_layout_of_an_empty_or_edgeless_graph():
    assert compute_layout(nx.MultiDiGraph()).positions == {}
    lonely = nx.MultiDiGraph()
    lonely.add_node("a", label="A", kind="Person")
    lay = compute_layout(lonely)
    assert set(lay.positions) == {"a"} and lay.clusters == () and lay.isolated == {"a"}

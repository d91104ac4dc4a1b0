"""The graph view without a browser: the networkx projection, the page's data, escaping,
self-containment, focus, stats and the `kg view` command.

The real-browser behaviour (search, filters, clicks, XSS not executing) is in test_view_browser.py.
"""
from __future__ import annotations

import base64
import hashlib
import json
import random
import re
import time
from html.parser import HTMLParser
from pathlib import Path

import networkx as nx
import pytest
from rdflib import RDF, RDFS, Dataset, Graph, Literal, URIRef
from rdflib.namespace import SKOS, XSD

import kg
from kg.cli import main
from kg.errors import DataError, InputError
from kg.sparql.names import fold_name
from kg.store.files import load_dataset
from kg.view import network as view_network
from kg.view import page as view_page
from kg.view import style as view_style
from kg.vocab import KG, PROV, SCHEMA

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples" / "articles"
ID = "https://w3id.org/newskg/id/"
IMG = "<img src=x onerror=alert(1)>"
SCRIPT = "</script><script>window.__xss=1</script>"
COMMENT = "<!--<script>window.__xss=1</script>-->"
JS_URL = "javascript:window.__xss=1"


# --------------------------------------------------------------------------- fixtures and builders

@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """`kg build examples/articles --out DIR` through the real command line (writes graph.html too)."""
    out = tmp_path_factory.mktemp("examples-build")
    assert main(["build", str(EXAMPLES), "--out", str(out), "-q"]) in (0, 3)
    return out


@pytest.fixture(scope="module")
def dataset(built) -> Dataset:
    return load_dataset(built / "graph.trig")


@pytest.fixture(scope="module")
def G(dataset) -> nx.MultiDiGraph:
    return kg.to_networkx(dataset)


def hostile_dataset() -> Dataset:
    """A graph whose every label, quote, title and URL is an attack."""
    ds = Dataset()
    art = URIRef(ID + "article/evil")
    g = ds.graph(art)
    person, company, sanction = URIRef(ID + "person/evil"), URIRef(ID + "company/evil"), URIRef(ID + "sanction/evil")
    evidence = URIRef(ID + "evidence/evil")
    for triple in [
        (art, RDF.type, KG.Article), (art, SCHEMA.headline, Literal("Headline " + IMG + SCRIPT)),
        (art, SCHEMA.publisher, Literal(SCRIPT)), (art, KG.outlet, Literal(SCRIPT)), (art, SCHEMA.url, Literal(JS_URL)),
        (art, SCHEMA.datePublished, Literal("2020-01-02", datatype=XSD.date)),
        (art, KG.fileName, Literal("evil<svg onload=window.__xss=1>.txt")),
        (person, RDF.type, KG.Person), (person, RDFS.label, Literal(IMG)),
        (person, SKOS.altLabel, Literal(SCRIPT)), (person, SKOS.altLabel, Literal(COMMENT)),
        (person, KG.jobTitle, Literal('CEO <a href="javascript:window.__xss=1">x</a>')), (person, KG.mentionedIn, art),
        (company, RDF.type, KG.Company), (company, RDFS.label, Literal("Evil\u2028Corp\u2029 & <b>bold</b> {{DATA}}")),
        (person, KG.ceoOf, company),
        (evidence, RDF.type, KG.Evidence), (evidence, RDF.subject, person), (evidence, RDF.predicate, KG.ceoOf),
        (evidence, RDF.object, company), (evidence, KG.evidence, Literal("Sentence " + IMG + SCRIPT)),
        (evidence, KG.jobTitle, Literal("CEO " + IMG)), (evidence, PROV.wasDerivedFrom, art),
        (sanction, RDF.type, KG.Sanction), (sanction, RDFS.label, Literal("sanction " + SCRIPT)),
        (sanction, KG.imposedBy, company), (sanction, KG.target, person),
        (sanction, KG.evidence, Literal("They said " + IMG + " href=" + JS_URL)),
        (sanction, KG.program, Literal(IMG)), (sanction, PROV.wasDerivedFrom, art),
    ]:
        g.add(triple)
    return ds


def synthetic_dataset(n: int, *, seed: int = 1) -> Dataset:
    """A news-shaped graph of about ``n`` nodes and 2n relations, with evidence and one article per 50 nodes."""
    rnd = random.Random(seed)
    ds = Dataset()
    arts = [URIRef(f"{ID}article/a{i}") for i in range(max(1, n // 50))]
    graphs = [ds.graph(a) for a in arts]
    for i, (a, g) in enumerate(zip(arts, graphs)):
        for t in [(a, RDF.type, KG.Article), (a, SCHEMA.headline, Literal(f"Headline {i}")),
                  (a, KG.outlet, Literal(f"Outlet {i % 7}")), (a, SCHEMA.url, Literal(f"https://news.example/{i}")),
                  (a, SCHEMA.datePublished, Literal(f"20{10 + i % 14}-{1 + i % 12:02d}-{1 + i % 28:02d}", datatype=XSD.date))]:
            g.add(t)
    shares = {"person": (KG.Person, .40), "company": (KG.Company, .30), "gov": (KG.GovernmentBody, .10),
              "country": (KG.Country, .04), "org": (KG.Organization, .06), "offer": (KG.Offer, .06),
              "sanction": (KG.Sanction, .04)}
    nodes = {k: [URIRef(f"{ID}{k}/{k}-{j}") for j in range(max(1, round(n * share)))] for k, (_c, share) in shares.items()}
    for kind, (cls, _share) in shares.items():
        for j, node in enumerate(nodes[kind]):
            ai = rnd.randrange(len(arts))
            graphs[ai].add((node, RDF.type, cls))
            graphs[ai].add((node, RDFS.label, Literal(f"{kind.title()} {j}")))
            if kind in ("offer", "sanction"):
                graphs[ai].add((node, KG.evidence, Literal(f"A sentence about {kind} {j}.")))
                graphs[ai].add((node, PROV.wasDerivedFrom, arts[ai]))
            else:
                graphs[ai].add((node, KG.mentionedIn, arts[ai]))

    def relate(s: URIRef, p: URIRef, o: URIRef) -> None:
        ai = rnd.randrange(len(arts))
        ev = URIRef(f"{ID}evidence/{len(ds)}")
        for t in [(s, p, o), (ev, RDF.type, KG.Evidence), (ev, RDF.subject, s), (ev, RDF.predicate, p),
                  (ev, RDF.object, o), (ev, KG.evidence, Literal(f"{s} {p} {o}.")), (ev, PROV.wasDerivedFrom, arts[ai])]:
            graphs[ai].add(t)

    orgs = nodes["company"] + nodes["gov"] + nodes["org"]
    for person in nodes["person"]:
        relate(person, rnd.choice([KG.employeeOf, KG.ceoOf, KG.headOf]), rnd.choice(orgs))
        relate(person, KG.memberOf, rnd.choice(orgs))
    for company in nodes["company"]:
        relate(company, KG.basedIn, rnd.choice(nodes["country"]))
        relate(company, rnd.choice([KG.customerOf, KG.competitorOf]), rnd.choice(nodes["company"]))
    for gov in nodes["gov"]:
        relate(gov, KG.jurisdiction, rnd.choice(nodes["country"]))
    for org in nodes["org"]:
        relate(org, KG.basedIn, rnd.choice(nodes["country"]))
    for offer in nodes["offer"]:
        g = graphs[rnd.randrange(len(arts))]
        g.add((offer, KG.offeredBy, rnd.choice(nodes["company"])))
        g.add((offer, KG.offeredTo, rnd.choice(nodes["company"] + nodes["gov"])))
    for sanction in nodes["sanction"]:
        g = graphs[rnd.randrange(len(arts))]
        g.add((sanction, KG.imposedBy, rnd.choice(nodes["gov"])))
        g.add((sanction, KG.target, rnd.choice(nodes["company"] + nodes["person"])))
    return ds


class _Tags(HTMLParser):
    """Every start tag with its attributes, and the text of each <script>."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.scripts: list[tuple[dict, str]] = []
        self._in_script: dict | None = None

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag == "script":
            self._in_script = dict(attrs)
            self.scripts.append((self._in_script, ""))

    def handle_data(self, data):
        if self._in_script is not None:
            attrs, text = self.scripts[-1]
            self.scripts[-1] = (attrs, text + data)

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = None


def parse_page(html: str) -> _Tags:
    parser = _Tags()
    parser.feed(html)
    return parser


def page_data(html: str) -> dict:
    data = [text for attrs, text in parse_page(html).scripts if attrs.get("type") == "application/json"]
    assert len(data) == 1
    return json.loads(data[0])


# --------------------------------------------------------------------------- networkx projection

def test_nodes_are_entities_and_events_with_attributes(G):
    kinds = {k for _n, k in G.nodes(data="kind")}
    assert {"Person", "Company", "GovernmentBody", "Country", "Offer", "Sanction"} <= kinds
    assert kinds <= {c.term for c in view_style.load_style().classes}
    huawei = G.nodes[ID + "company/huawei"]
    assert huawei["label"] == "Huawei" and huawei["kind"] == "Company"
    assert huawei["sources"] >= 1 and huawei["mentions"] >= 1
    assert all(a in G.graph["articles"] for a in huawei["articles"])
    assert not any("/evidence/" in n or "/article/" in n for n in G)


def test_articles_carry_headline_outlet_date_url_and_file(G):
    arts = G.graph["articles"]
    assert len(arts) == len(list(EXAMPLES.iterdir()))
    assert all(a["file"] for a in arts.values())
    dated = [a for a in arts.values() if a["headline"] and a["outlet"] and a["date"] and a["url"]]
    assert dated, "at least one example article has full metadata"


def test_sanctions_link_imposer_and_target_with_evidence(G):
    sanctions = [n for n, k in G.nodes(data="kind") if k == "Sanction"]
    assert sanctions
    for s in sanctions:
        out = {key for _s, _o, key in G.out_edges(s, keys=True)}
        assert {"imposedBy", "target"} <= out, G.nodes[s]["label"]
        for _s, _o, attrs in G.out_edges(s, data=True):
            assert attrs["evidence"], "every role edge of an event carries the event's sentences"
            for ev in attrs["evidence"]:
                assert ev["sentence"] and ev["article"] in G.graph["articles"]


def test_relation_evidence_comes_from_reified_statements_with_job_titles(G):
    edge = G.edges[ID + "person/hock-tan", ID + "company/broadcom", "ceoOf"]
    assert edge["predicate"] == str(KG.ceoOf) and edge["label"] == "CEO of"
    assert any("Hock Tan" in e["sentence"] and e["job_title"] for e in edge["evidence"])
    roles = G.nodes[ID + "person/hock-tan"]["roles"]
    assert {"title": "president and chief executive", "organization": ID + "company/broadcom"} in roles


def test_two_relations_between_the_same_pair_both_survive(G):
    keys = set(G[ID + "person/jensen-huang"][ID + "company/nvidia"])
    assert {"ceoOf", "founderOf"} <= keys
    data = view_page.to_view_data(G)
    index = {n["iri"]: n["id"] for n in data["nodes"]}
    pair = [e for e in data["edges"] if (e["s"], e["o"]) == (index[ID + "person/jensen-huang"], index[ID + "company/nvidia"])]
    assert len(pair) == len(keys) and sorted(e.get("k", 0) for e in pair) == list(range(len(keys)))


def test_accepts_dataset_graph_file_and_build_folder(built, dataset, G):
    for source in (built, built / "graph.trig", str(built / "graph.ttl")):
        H = kg.to_networkx(source)
        assert set(H) == set(G) and H.number_of_edges() == G.number_of_edges()
    union = Graph()
    union.parse(built / "graph.ttl")
    H = kg.to_networkx(union)
    assert set(H) == set(G)
    # Without named graphs each event sentence still finds its article through prov:wasDerivedFrom.
    one_source = [n for n, k in H.nodes(data="kind") if k == "Sanction" and len(H.nodes[n]["evidence"]) == 1]
    assert all(H.nodes[n]["evidence"][0]["article"] for n in one_source)


def test_statements_can_be_left_out(dataset, G):
    H = kg.to_networkx(dataset, statements=False)
    assert "Statement" not in {k for _n, k in H.nodes(data="kind")}
    assert H.number_of_nodes() == G.number_of_nodes() - sum(1 for _n, k in G.nodes(data="kind") if k == "Statement")


def test_rejects_what_is_not_a_graph(tmp_path):
    with pytest.raises(InputError):
        kg.to_networkx(tmp_path / "missing.trig")
    with pytest.raises(InputError):
        kg.to_networkx(42)


# --------------------------------------------------------------------------- page data and escaping

def test_script_json_is_inert_inside_a_script_element():
    payload = {"a": SCRIPT + IMG + COMMENT + "&amp; \u2028 \u2029 '\""}
    text = view_page.to_script_json(payload)
    assert not set(text) & {"<", ">", "&", "\u2028", "\u2029"}
    assert json.loads(text) == payload


@pytest.mark.parametrize("url,safe", [
    ("https://example.com/a?b=1", True), ("http://example.com", True), (JS_URL, False),
    (" javascript:alert(1)", False), ("JaVaScRiPt:alert(1)", False), ("data:text/html,<b>", False),
    ("//evil.example/x", False), ("https:evil", False),
])
def test_only_http_urls_become_links(url, safe):
    entry = view_page.article_entry(ID + "article/x", {"url": url})
    assert (entry["url"] == url) is safe and (entry["rawUrl"] == ("" if safe else url))


def test_hostile_text_is_data_never_markup(tmp_path):
    html = view_page.write_view(hostile_dataset(), tmp_path / "evil.html").read_text(encoding="utf-8")
    page = parse_page(html)
    assert [attrs for attrs, _text in page.scripts] == [{"type": "application/json", "id": "kg-data"}, {}, {}]
    assert not [t for t, _a in page.tags if t in ("img", "a", "svg", "iframe", "object", "embed", "link")]
    for raw in (IMG, SCRIPT, COMMENT, "<b>bold</b>", "<svg onload"):
        assert raw not in html
    data = page_data(html)
    labels = {n["l"] for n in data["nodes"]}
    assert IMG in labels and "Evil\u2028Corp\u2029 & <b>bold</b> {{DATA}}" in labels
    person = next(n for n in data["nodes"] if n["l"] == IMG)
    assert set(person["k"]) == {SCRIPT, COMMENT}
    assert data["articles"][0]["url"] == "" and data["articles"][0]["rawUrl"] == JS_URL
    assert "<title>newskg: 1 article</title>" in html


def test_content_security_policy_allows_only_the_pages_own_scripts(built):
    html = (built / "graph.html").read_text(encoding="utf-8")
    page = parse_page(html)
    csp = next(a["content"] for t, a in page.tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy")
    assert "default-src 'none'" in csp and "unsafe-eval" not in csp and "script-src 'unsafe-inline'" not in csp
    code = [text for attrs, text in page.scripts if not attrs]
    assert len(code) == 2
    for text in code:
        digest = base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode()
        assert f"'sha256-{digest}'" in csp


def test_page_script_renders_data_with_dom_text_apis_only():
    js = "\n".join((ROOT / "kg" / "view" / "templates" / name).read_text(encoding="utf-8")
                   for name in view_page.APP_SCRIPTS)
    assert "view.js" in view_page.APP_SCRIPTS and "labels.js" in view_page.APP_SCRIPTS
    code = re.sub(r"/\*.*?\*/|//[^\n]*", "", js, flags=re.DOTALL)  # comments may name the sinks
    for sink in (r"\.innerHTML", r"\.outerHTML", r"insertAdjacentHTML", r"document\.write", r"\beval\(",
                 r"new Function", r"\btitle:", r"setAttribute\(\s*[\"']on"):
        assert not re.search(sink, code), f"{sink} would turn graph text into markup or code"


# --------------------------------------------------------------------------- self-contained page

def test_page_is_one_offline_file(built, tmp_path, monkeypatch, dataset):
    monkeypatch.chdir(tmp_path)
    out = view_page.write_view(dataset, tmp_path / "view" / "graph.html")
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["graph.html", "view"], "no lib/ folder, no extra files"
    html = out.read_text(encoding="utf-8")
    page = parse_page(html)
    fetching = [(t, a) for t, a in page.tags if any(k in a for k in ("src", "href", "srcset", "data", "action"))]
    assert fetching == []
    assert not re.search(r"cdnjs|jsdelivr|unpkg|googleapis|bootstrap", html, re.IGNORECASE)
    assert "vis-network" in html and "@version 9.1.2" in html
    assert html == (built / "graph.html").read_text(encoding="utf-8"), "kg build writes the same page"


def test_page_data_matches_the_graph(built, G):
    data = page_data((built / "graph.html").read_text(encoding="utf-8"))
    assert len(data["nodes"]) == G.number_of_nodes() and len(data["edges"]) == G.number_of_edges()
    assert {n["iri"] for n in data["nodes"]} == set(G)
    terms = [c["term"] for c in data["classes"]]
    assert {terms[n["c"]] for n in data["nodes"]} == {k for _n, k in G.nodes(data="kind")}
    rel = {r["name"]: r for r in data["relations"]}
    assert rel["imposedBy"]["reverse"] and not rel["target"]["reverse"]
    assert data["meta"]["large"] is False


def test_output_is_deterministic_whatever_the_quad_order(dataset, tmp_path):
    a = view_page.write_view(dataset, tmp_path / "a.html").read_bytes()
    b = view_page.write_view(kg.to_networkx(dataset), tmp_path / "b.html").read_bytes()
    shuffled = Dataset()
    quads = list(dataset.quads((None, None, None, None)))
    random.Random(4).shuffle(quads)
    for s, p, o, g in quads:
        shuffled.graph(g).add((s, p, o))
    c = view_page.write_view(shuffled, tmp_path / "c.html").read_bytes()
    assert a == b == c


def test_never_uses_pyvis_add_node(dataset, tmp_path, monkeypatch):
    import pyvis.network

    def quadratic(*_a, **_k):
        raise AssertionError("pyvis add_node/add_edge scan lists: quadratic")

    monkeypatch.setattr(pyvis.network.Network, "add_node", quadratic)
    monkeypatch.setattr(pyvis.network.Network, "add_edge", quadratic)
    view_page.write_view(dataset, tmp_path / "g.html")


@pytest.mark.slow
def test_5000_nodes_write_in_seconds(tmp_path):
    ds = synthetic_dataset(5000)
    start = time.perf_counter()
    out = view_page.write_view(ds, tmp_path / "big.html")
    elapsed = time.perf_counter() - start
    data = page_data(out.read_text(encoding="utf-8"))
    assert len(data["nodes"]) == 5000 and len(data["edges"]) > 8000
    assert data["meta"]["large"] is True
    assert elapsed < 20, f"{elapsed:.1f} s"
    assert out.stat().st_size < 8_000_000


# --------------------------------------------------------------------------- style data

def test_style_is_valid_data():
    style = view_style.load_style()
    assert len({c.shape + c.color for c in style.classes}) == len(style.classes), "classes are distinguishable"
    for name in style.relations:
        assert getattr(KG, name)  # a real kg: term (closed namespace raises otherwise)
    assert style.relation("someNewProperty").label == "someNewProperty"


def test_style_rejects_unknown_shapes_classes_and_colours():
    with pytest.raises(DataError, match="shape"):
        view_style.parse_class_style({"term": "Person", "label": "P", "color": "#000000", "shape": "blob"})
    with pytest.raises(DataError, match="kg: class"):
        view_style.parse_class_style({"term": "Persn", "label": "P", "color": "#000000", "shape": "dot"})
    with pytest.raises(DataError, match="RRGGBB"):
        view_style.parse_class_style({"term": "Person", "label": "P", "color": "red;x:expression(1)", "shape": "dot"})


# --------------------------------------------------------------------------- focus, search, stats

@pytest.mark.parametrize("query,label", [
    ("Huawei", "Huawei"), ("huawei", "Huawei"), (" HUAWEI ", "Huawei"),
    ("Commerce Department", "US Department of Commerce"),   # an alias
    ("Beijing", "Chinese government"),                      # a country acting is its government
    ("petroleos de venezuela", "PDVSA"),                    # accents and case do not matter
    ("Nicolas Maduro", "Nicolás Maduro"),
])
def test_find_nodes_by_name_or_alias(G, query, label):
    found = view_network.find_nodes(G, query)
    assert found and G.nodes[found[0]]["label"] == label


def test_find_nodes_falls_back_to_substrings(G):
    found = view_network.find_nodes(G, "treasury")
    assert found and all("treasury" in fold_name(" ".join([G.nodes[n]["label"], *G.nodes[n]["aliases"]]))
                         for n in found)


def test_focus_keeps_the_neighbourhood_only(G):
    huawei = ID + "company/huawei"
    assert set(view_network.focus_subgraph(G, "Huawei", 0)) == {huawei}
    one = view_network.focus_subgraph(G, "Huawei", 1)
    assert set(one) == {huawei} | set(G.successors(huawei)) | set(G.predecessors(huawei))
    two = view_network.focus_subgraph(G, "Huawei", 2)
    assert set(one) < set(two) and two.graph["focus"]["name"] == "Huawei"
    for s, o, k in two.edges(keys=True):
        assert G.has_edge(s, o, k)


def test_focus_on_an_unknown_name_suggests_near_matches(G):
    with pytest.raises(InputError, match="did you mean: 'Huawei'"):
        view_network.focus_subgraph(G, "Huawey", 2)


def test_stats(G):
    stats = view_network.graph_stats(G)
    assert stats["nodes"] == G.number_of_nodes() and stats["edges"] == G.number_of_edges()
    top = stats["top_degree_centrality"]
    assert len(top) == 10 and [t["degree"] for t in top] == sorted((t["degree"] for t in top), reverse=True)
    assert top[0]["degree"] == max(d for _n, d in G.degree())
    assert stats["components"] == nx.number_weakly_connected_components(G)


# --------------------------------------------------------------------------- `kg view`

def test_kg_view_writes_page_beside_graph(built, tmp_path, capsys):
    graph = tmp_path / "graph.trig"
    graph.write_bytes((built / "graph.trig").read_bytes())
    assert main(["view", str(graph)]) == 0
    assert (tmp_path / "graph.html").is_file()
    assert "wrote" in capsys.readouterr().err


def test_kg_view_focus(built, tmp_path, G):
    out = tmp_path / "focus.html"
    assert main(["view", str(built), "--focus", "Huawei", "--depth", "1", "-o", str(out)]) == 0
    data = page_data(out.read_text(encoding="utf-8"))
    assert {n["iri"] for n in data["nodes"]} == set(view_network.focus_subgraph(G, "Huawei", 1))
    assert data["meta"]["focus"] == "Huawei"


def test_kg_view_focus_default_name(built, tmp_path):
    graph = tmp_path / "graph.trig"
    graph.write_bytes((built / "graph.trig").read_bytes())
    assert main(["view", str(graph), "--focus", "Huawei"]) == 0
    assert (tmp_path / "graph-huawei.html").is_file()


def test_kg_view_stats(built, capsys):
    assert main(["view", str(built), "--stats"]) == 0
    out = capsys.readouterr().out
    assert "top degree centrality" in out and "weakly connected components" in out
    assert len(re.findall(r"^\s+\d+\. ", out, re.MULTILINE)) == 10


def test_kg_view_stats_does_not_print_control_characters(tmp_path, capsys):
    ds = Dataset()
    g = ds.graph(URIRef(ID + "article/a"))
    g.add((URIRef(ID + "person/x"), RDF.type, KG.Person))
    g.add((URIRef(ID + "person/x"), RDFS.label, Literal("Evil\x1b]0;owned\x07Name")))
    path = tmp_path / "g.trig"
    ds.serialize(path, format="trig")
    assert main(["view", str(path), "--stats"]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x07" not in out and "Evil" in out


@pytest.mark.parametrize("argv,message", [
    (["--focus", "Nobody In Particular"], "no node named"),
    (["--depth", "-1", "--focus", "Huawei"], "--depth"),
])
def test_kg_view_usage_errors(built, capsys, argv, message):
    assert main(["view", str(built), *argv]) == 2
    assert message in capsys.readouterr().err


def test_kg_view_missing_graph(tmp_path, capsys):
    assert main(["view", str(tmp_path / "nope.trig")]) == 2
    assert "no such file" in capsys.readouterr().err

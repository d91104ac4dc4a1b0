"""``kg export`` to CSV tables, GraphML and GEXF, read back by other readers; ``to_frame()``; bad input.

The graph is the session's build of examples/articles (real spaCy, real rdflib); the exports run through the
real command line, and every count is checked against a SPARQL query on the same graph.
"""
from __future__ import annotations

import csv
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from pathlib import Path

import networkx as nx
import pytest
from factlib import select

import kg
from kg.errors import QueryError
from kg.export.records import event_properties
from kg.export.tables import COLUMNS, SEPARATOR, event_columns, read_records, to_csv_files
from kg.knowledge.kinds import load_kinds
from kg.sparql.run import run_query

ROOT = Path(__file__).resolve().parent.parent
KG_CMD = [sys.executable, "-m", "kg.cli"]
ENTITY_CLASSES = "kg:Person kg:Organization kg:Company kg:GovernmentBody kg:Country"


def _run(args: list[str]) -> subprocess.CompletedProcess:
    return subprocess.run(KG_CMD + args, capture_output=True, text=True, cwd=ROOT)


@pytest.fixture(scope="module")
def tables(trig, tmp_path_factory) -> dict[str, list[dict]]:
    out = tmp_path_factory.mktemp("export-csv") / "tables"
    proc = _run(["export", str(trig), "--format", "csv", "-o", str(out)])
    assert proc.returncode == 0, proc.stderr
    found = {}
    for path in sorted(out.iterdir()):
        with path.open(encoding="utf-8", newline="") as fh:
            reader = csv.DictReader(fh)
            found[path.name] = {"header": reader.fieldnames, "rows": list(reader)}
    assert f"entities.csv {len(found['entities.csv']['rows'])} rows" in proc.stderr
    return found


def _split(cell: str) -> list[str]:
    return cell.split(SEPARATOR) if cell else []


# --------------------------------------------------------------------------- CSV


def test_csv_writes_five_tables_with_their_columns(tables):
    assert sorted(tables) == ["articles.csv", "entities.csv", "events.csv", "evidence.csv", "relations.csv"]
    for name, table in tables.items():
        want = event_columns() if name == "events.csv" else COLUMNS[name]
        assert table["header"] == want, name
        assert table["rows"], f"{name} is empty"
        assert all(None not in row and len(row) == len(want) for row in table["rows"]), f"{name}: ragged rows"


def test_csv_event_columns_follow_kinds_yaml():
    for kind in load_kinds().values():
        for slot in kind.slots:
            snake = "".join("_" + c.lower() if c.isupper() else c for c in slot.property)
            assert snake in event_columns()
            assert (snake + "_iri" in event_columns()) == any(p == slot.property and e for p, e in event_properties())


def test_csv_entities_match_sparql(tables, examples_dataset):
    rows = tables["entities.csv"]["rows"]
    (n,), = select(examples_dataset, f"SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE {{ VALUES ?c {{ {ENTITY_CLASSES} }} ?e a ?c }}")
    assert len(rows) == n
    sources = dict(select(examples_dataset, f"SELECT ?e (COUNT(DISTINCT ?a) AS ?n) WHERE {{ VALUES ?c {{ {ENTITY_CLASSES} }} "
                                    "?e a ?c ; kg:mentionedIn ?a } GROUP BY ?e"))
    assert {r["iri"]: int(r["sources"]) for r in rows} == {iri: sources.get(iri, 0) for iri in (r["iri"] for r in rows)}
    labels = dict(select(examples_dataset, "SELECT ?e ?l WHERE { ?e a kg:Person ; rdfs:label ?l }"))
    assert {r["iri"]: r["label"] for r in rows if r["type"] == "Person"} == labels
    by_type = Counter(r["type"] for r in rows)
    (people,), = select(examples_dataset, "SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e a kg:Person }")
    assert by_type["Person"] == people


def test_csv_relations_match_sparql(tables, examples_dataset):
    rows = tables["relations.csv"]["rows"]
    found = select(examples_dataset, f"""SELECT DISTINCT ?s ?p ?o WHERE {{
        VALUES ?c1 {{ {ENTITY_CLASSES} }} VALUES ?c2 {{ {ENTITY_CLASSES} }}
        ?s ?p ?o . ?s a ?c1 . ?o a ?c2 . FILTER(?p NOT IN (rdf:type, kg:mentionedIn, prov:wasDerivedFrom)) }}""")
    assert sorted((r["subject_iri"], r["predicate"], r["object_iri"]) for r in rows) == sorted(found)
    articles = {r["iri"] for r in tables["articles.csv"]["rows"]}
    for r in rows:
        assert int(r["sources"]) == len(_split(r["articles"])) >= 1, r
        assert set(_split(r["articles"])) <= articles
        assert r["relation"] == r["predicate"].rsplit("#", 1)[-1]


def test_csv_events_match_sparql(tables, examples_dataset):
    rows = tables["events.csv"]["rows"]
    kinds = {k.name: k.cls for k in load_kinds().values()}
    counts = dict(select(examples_dataset, "SELECT ?c (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e a ?c } GROUP BY ?c"))
    by_kind = Counter(r["kind"] for r in rows)
    assert set(by_kind) >= {"offer", "sanction", "relief"}
    for kind, cls in kinds.items():
        assert by_kind.get(kind, 0) == counts.get(str(kg.vocab.KG[cls]), 0), kind
    sources = dict(select(examples_dataset, "SELECT ?e (COUNT(DISTINCT ?a) AS ?n) WHERE { ?e prov:wasDerivedFrom ?a } GROUP BY ?e"))
    assert all(int(r["sources"]) == sources[r["iri"]] for r in rows)
    # every entity slot: the (event, IRI) pairs of its column are those of its property
    for prop, entities in event_properties():
        if not entities:
            continue
        column = "".join("_" + c.lower() if c.isupper() else c for c in prop) + "_iri"
        want = {(e, o) for e, o in select(examples_dataset, f"SELECT ?e ?o WHERE {{ ?e kg:{prop} ?o FILTER(isIRI(?o)) }}")}
        assert {(r["iri"], o) for r in rows for o in _split(r[column])} == want, prop
    sanction = next(r for r in rows if r["kind"] == "sanction" and r["restriction"])
    (program,), = select(examples_dataset, f"SELECT ?p WHERE {{ <{sanction['iri']}> kg:program ?p }}")
    assert sanction["program"] == program


def test_csv_evidence_matches_sparql_and_names_its_article(tables, examples_dataset):
    rows = tables["evidence.csv"]["rows"]
    found = select(examples_dataset, "SELECT DISTINCT ?f ?s ?g WHERE { GRAPH ?g { ?f kg:evidence ?s } }")
    assert sorted((r["fact_iri"], r["sentence"], r["article_iri"]) for r in rows) == sorted(found)
    articles = {r["iri"]: r for r in tables["articles.csv"]["rows"]}
    assert all(r["article_url"] == articles[r["article_iri"]]["url"] for r in rows)
    kinds = Counter(r["kind"] for r in rows)
    assert kinds["relation"] and kinds["sanction"] and kinds["statement"]
    relation = next(r for r in rows if r["kind"] == "relation")
    (s, p, o), = select(examples_dataset, f"SELECT ?s ?p ?o WHERE {{ <{relation['fact_iri']}> rdf:subject ?s ; "
                                  "rdf:predicate ?p ; rdf:object ?o }")
    assert (relation["subject_iri"], relation["relation"], relation["object_iri"]) == (s, p.rsplit("#")[-1], o)


def test_csv_cells_a_spreadsheet_would_run_are_defused(tmp_path):
    path = tmp_path / "g.ttl"
    path.write_text('@prefix kg: <https://w3id.org/newskg/ontology#> .\n'
                    '@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n'
                    '<https://w3id.org/newskg/id/company/x> a kg:Company ; rdfs:label "=HYPERLINK(\\"http://a\\")" .\n',
                    encoding="utf-8")
    text = to_csv_files(read_records(kg.load_dataset(path)))["entities.csv"].decode("utf-8")
    (row,) = list(csv.DictReader(text.splitlines()))
    assert row["label"] == "'=HYPERLINK(\"http://a\")"


# --------------------------------------------------------------------------- GraphML and GEXF


@pytest.fixture(scope="module")
def view_graph(examples_dataset) -> nx.MultiDiGraph:
    return kg.to_networkx(examples_dataset)


def _export_file(trig: Path, fmt: str, out: Path) -> Path:
    proc = _run(["export", str(trig), "--format", fmt, "-o", str(out)])
    assert proc.returncode == 0, proc.stderr
    return out


def test_graphml_reads_back_in_networkx(trig, tmp_path, view_graph):
    G = nx.read_graphml(_export_file(trig, "graphml", tmp_path / "g.graphml"))
    assert G.is_directed() and G.is_multigraph()
    assert set(G.nodes) == set(view_graph.nodes)
    assert G.number_of_edges() == view_graph.number_of_edges()
    assert {n: a["label"] for n, a in G.nodes(data=True)} == {n: a["label"] for n, a in view_graph.nodes(data=True)}
    assert Counter(a["relation"] for _u, _v, a in G.edges(data=True)) == Counter(
        k for _u, _v, k in view_graph.edges(keys=True))
    huawei = G.nodes["https://w3id.org/newskg/id/company/huawei"]
    assert isinstance(huawei["sources"], int) and huawei["kind"] == "Company"


def test_graphml_reads_back_in_igraph(trig, tmp_path, view_graph):
    igraph = pytest.importorskip("igraph")
    g = igraph.Graph.Read_GraphML(str(_export_file(trig, "graphml", tmp_path / "g.graphml")))
    assert (g.vcount(), g.ecount()) == (view_graph.number_of_nodes(), view_graph.number_of_edges())
    assert g.is_directed()
    assert sorted(g.vs["label"]) == sorted(a["label"] for _n, a in view_graph.nodes(data=True))
    assert sorted(g.es["relation"]) == sorted(k for _u, _v, k in view_graph.edges(keys=True))


def test_graphml_keys_are_declared_and_typed(trig, tmp_path):
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    root = ET.parse(_export_file(trig, "graphml", tmp_path / "g.graphml")).getroot()
    keys = {k.get("id"): k for k in root.findall("g:key", ns)}
    assert keys and all(k.get("attr.type") in {"string", "int", "long", "double", "boolean"} for k in keys.values())
    names = defaultdict(set)
    for k in keys.values():
        names[k.get("for")].add(k.get("attr.name"))
    assert {"label", "kind", "aliases", "evidence", "sources"} <= names["node"]
    assert {"relation", "evidence", "articles", "weight"} <= names["edge"]
    edge_ids = [e.get("id") for e in root.findall("g:graph/g:edge", ns)]
    assert len(set(edge_ids)) == len(edge_ids), "Gephi drops an edge whose id it has seen"
    for element, domain in (("g:graph/g:node", "node"), ("g:graph/g:edge", "edge")):
        for item in root.findall(element, ns):
            for data in item.findall("g:data", ns):
                key = keys[data.get("key")]
                assert key.get("for") == domain
                if key.get("attr.type") in ("int", "long"):
                    int(data.text)


def test_gexf_reads_back_in_networkx(trig, tmp_path, view_graph):
    G = nx.read_gexf(_export_file(trig, "gexf", tmp_path / "g.gexf"))
    assert set(G.nodes) == set(view_graph.nodes)
    assert G.number_of_edges() == view_graph.number_of_edges()
    assert {n: a["label"] for n, a in G.nodes(data=True)} == {n: a["label"] for n, a in view_graph.nodes(data=True)}
    assert all(a["weight"] >= 1 for _u, _v, a in G.edges(data=True))


def test_flat_view_graph_takes_only_strings_and_integers(examples_dataset, tmp_path):
    F = kg.to_networkx(examples_dataset, flat=True)
    values = [v for _n, a in F.nodes(data=True) for v in a.values()]
    values += [v for _u, _v, a in F.edges(data=True) for v in a.values()]
    assert {type(v) for v in values} <= {str, int}
    assert len({frozenset(a) for _n, a in F.nodes(data=True)}) == 1, "every node has the same attributes"
    nx.write_graphml(F, tmp_path / "f.graphml")
    nx.write_gexf(F, tmp_path / "f.gexf")


def test_exports_are_deterministic(trig):
    from kg.export.formats import export_files

    for fmt in ("graphml", "gexf", "csv"):
        assert export_files(kg.load_dataset(trig), fmt) == export_files(kg.load_dataset(trig), fmt), fmt


def test_csv_is_the_same_from_either_engine_and_from_turtle(trig, examples_build):
    memory = to_csv_files(read_records(kg.load_dataset(trig)))
    assert to_csv_files(read_records(kg.load_dataset(trig, engine="oxigraph"))) == memory
    turtle = to_csv_files(read_records(kg.load_dataset(examples_build.outputs["ttl"])))
    for name in ("entities.csv", "relations.csv", "events.csv", "articles.csv"):
        rows = [list(csv.DictReader(data.decode("utf-8").splitlines())) for data in (memory[name], turtle[name])]
        key = "subject_iri" if name == "relations.csv" else "iri"
        assert sorted(r[key] for r in rows[0]) == sorted(r[key] for r in rows[1]), name


# --------------------------------------------------------------------------- bad input


@pytest.mark.parametrize("args, status, message", [
    (["--format", "xlsx"], 2, "invalid choice: 'xlsx'"),
    (["--format", "csv"], 2, "give the folder to write them in with -o DIR"),
])
def test_cli_refuses_bad_options(trig, args, status, message):
    proc = _run(["export", str(trig), *args])
    assert proc.returncode == status and message in proc.stderr, proc.stderr
    assert "Traceback" not in proc.stderr


def test_cli_refuses_a_file_that_is_not_a_graph(tmp_path):
    proc = _run(["export", str(ROOT / "README.md"), "--format", "csv", "-o", str(tmp_path / "t")])
    assert proc.returncode == 2 and "unknown graph format" in proc.stderr
    broken = tmp_path / "broken.ttl"
    broken.write_text("this is not turtle\n", encoding="utf-8")
    proc = _run(["export", str(broken), "--format", "graphml", "-o", str(tmp_path / "g.graphml")])
    assert proc.returncode == 2 and "is not valid turtle" in proc.stderr
    assert "Traceback" not in proc.stderr and not (tmp_path / "t").exists() and not (tmp_path / "g.graphml").exists()


def test_cli_says_when_it_cannot_write(trig, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    for fmt, out in (("csv", blocker / "tables"), ("graphml", blocker / "g.graphml")):
        proc = _run(["export", str(trig), "--format", fmt, "-o", str(out)])
        assert proc.returncode == 1 and f"cannot write {out}" in proc.stderr, proc.stderr
        assert "Traceback" not in proc.stderr
    proc = _run(["export", str(trig), "--format", "csv", "-o", str(blocker)])
    assert proc.returncode == 2 and "is a file" in proc.stderr
    proc = _run(["export", str(trig), "--format", "gexf", "-o", str(tmp_path)])
    assert proc.returncode == 2 and "is a folder; give a file name" in proc.stderr


# --------------------------------------------------------------------------- pandas


def test_query_rows_become_a_dataframe(examples_dataset):
    pytest.importorskip("pandas")
    rows = kg.query(examples_dataset, "mentions")
    df = rows.to_frame()
    assert list(df.columns) == list(rows.vars) and len(df) == len(rows)
    assert str(df["mentions"].dtype) == "Int64"
    assert df["mentions"].tolist() == [int(r.mentions) for r in rows]
    assert df["label"].tolist() == [str(r.label) for r in rows]
    full = run_query(examples_dataset, "SELECT ?s WHERE { ?s a kg:Sanction }")
    assert len(full.to_frame()) == len(full.rows)
    with pytest.raises(QueryError, match="needs a SELECT query"):
        run_query(examples_dataset, "ASK { ?s a kg:Offer }").to_frame()


def test_to_frame_without_pandas_says_how_to_install_it(examples_dataset, monkeypatch):
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(ImportError, match="pip install pandas"):
        kg.query(examples_dataset, "SELECT ?s WHERE { ?s a kg:Offer }").to_frame()

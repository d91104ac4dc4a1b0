"""kg query and kg.query: bundled queries, bound parameters, formats, and the read-only rules.

Everything runs on the real examples build (rdflib's memory store and Oxigraph).
"""
from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
import rdflib.plugins.sparql
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import Graph, Literal, URIRef

import kg
from kg.errors import QueryError
from kg.sparql.catalogue import load_bundled_queries, parse_query_header
from kg.sparql.params import inject_values, values_of
from kg.sparql.results import format_result
from kg.sparql.run import QueryTimeout, run_query
from kg.sparql.safety import check_query
from kg.store.files import load_dataset
from kg.vocab import KG, QUERY_PREFIXES

ROOT = Path(__file__).resolve().parent.parent
KG_BIN = Path(sys.executable).parent / "kg"

# Parameters that give a non-empty answer on the examples, per bundled query.
EXAMPLE_PARAMS = {
    "offers": {},
    "sanctions-by-body": {},
    "sanctions-on-target": {"target": "Huawei"},
    "roles": {},
    "sources": {"entity": "ZTE"},
    "mentions": {},
    "timeline": {},
    "copies": {},
}
# the examples hold no copy of one another: tests/test_dedup.py runs `copies` on a pile with 70 copies
NO_ROWS_ON_THE_EXAMPLES = {"copies"}


@pytest.fixture(scope="module")
def graph_dir(examples_build) -> Path:
    return Path(examples_build.outputs["trig"]).parent


@pytest.fixture(scope="module")
def memory(graph_dir):
    return load_dataset(graph_dir, engine="memory")


@pytest.fixture(scope="module")
def oxigraph(graph_dir):
    return load_dataset(graph_dir, engine="oxigraph")


def _count(ds) -> int:
    return len(set(ds.quads((None, None, None, None))))


# ---------------------------------------------------------------------------
# Bundled queries


def test_the_bundled_queries_are_there_with_descriptions():
    queries = load_bundled_queries()
    assert set(queries) == set(EXAMPLE_PARAMS)
    for q in queries.values():
        assert q.description and len(q.summary) < 200, q.name
        for p in q.params:
            assert f"?{p.name}" in q.text, f"{q.name}: parameter {p.name} is not a variable of the query"


def test_bundled_queries_ship_inside_the_package():
    import kg.sparql.catalogue

    folder = Path(kg.sparql.catalogue.__file__).parent / "queries"
    assert sorted(p.stem for p in folder.glob("*.rq")) == sorted(EXAMPLE_PARAMS)


@pytest.mark.parametrize("name", sorted(EXAMPLE_PARAMS))
def test_every_bundled_query_answers_on_the_examples(memory, name):
    result = run_query(memory, name, EXAMPLE_PARAMS[name])
    assert result.form == "SELECT"
    assert result.rows or name in NO_ROWS_ON_THE_EXAMPLES, f"{name} found nothing on the examples"
    assert all(len(row) == len(result.vars) for row in result.rows)


def _normalized(result):
    """Rows as sets of strings: GROUP_CONCAT order and xsd:dateTime spelling are engine details."""
    out = []
    for row in result.rows:
        cells = []
        for value in row:
            text = "" if value is None else str(value).replace("+00:00", "Z")
            cells.append(", ".join(sorted(text.split(", "))))
        out.append(tuple(cells))
    return sorted(out)


@pytest.mark.parametrize("name", sorted(EXAMPLE_PARAMS))
def test_bundled_queries_give_the_same_answer_on_rdflib_and_oxigraph(memory, oxigraph, name):
    a = run_query(memory, name, EXAMPLE_PARAMS[name])
    b = run_query(oxigraph, name, EXAMPLE_PARAMS[name])
    assert a.vars == b.vars
    assert _normalized(a) == _normalized(b)


def test_offers_count_each_offer_once_with_its_number_of_sources(memory):
    rows = run_query(memory, "offers").records()
    offers = [r.offer for r in rows]
    assert len(offers) == len(set(offers))
    direct = run_query(memory, "SELECT ?o (COUNT(DISTINCT ?a) AS ?n) WHERE { ?o a kg:Offer ; prov:wasDerivedFrom ?a } "
                               "GROUP BY ?o")
    assert {r.offer: int(r.sources) for r in rows} == {o: int(n) for o, n in direct.rows}


def test_mentions_sum_over_article_graphs(memory):
    rows = {str(r.label): r for r in run_query(memory, "mentions").records()}
    us = rows["United States"]
    assert int(us.articles) > 1
    per_graph = run_query(memory, "SELECT (SUM(?c) AS ?n) WHERE { GRAPH ?g { ?e kg:mentionCount ?c } }",
                          {"e": f"<{us.entity}>"})
    assert int(us.mentions) == int(per_graph.rows[0][0])


@pytest.mark.parametrize("value", ["huawei", "HUAWEI", "Huawei", "hUaWeI"])
def test_names_match_in_any_case(memory, value):
    rows = run_query(memory, "sanctions-on-target", {"target": value}).rows
    assert rows == run_query(memory, "sanctions-on-target", {"target": "Huawei"}).rows
    assert rows


# ---------------------------------------------------------------------------
# Names that stand for other nodes: a country acts through its government bodies

# Three articles as kg writes them (graph.py): "China" is a country that no fact names, because
# the country that acts is recorded as its government ("Beijing added ...") or a ministry; the
# sanction and the quotation are each told by two articles, in each article's own words.
COUNTRY_GRAPH = """
@prefix kg: <https://w3id.org/newskg/ontology#> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix schema: <https://schema.org/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix id: <https://w3id.org/newskg/id/> .

id:article\\/a1 {
  id:article\\/a1 a kg:Article ; schema:headline "China lists Lockheed Martin" ;
      schema:datePublished "2024-03-05"^^xsd:date .
  id:country\\/china a kg:Country ; rdfs:label "China" ; kg:mentionedIn id:article\\/a1 ; kg:mentionCount 3 .
  id:gov\\/china-government a kg:GovernmentBody ; rdfs:label "Chinese government" ;
      kg:jurisdiction id:country\\/china .
  id:gov\\/china-mofcom a kg:GovernmentBody ; rdfs:label "Ministry of Commerce of the People's Republic of China" ;
      skos:altLabel "Ministry of Commerce" ; kg:jurisdiction id:country\\/china ; kg:partOf id:gov\\/china-government .
  id:company\\/lockheed-martin a kg:Company ; rdfs:label "Lockheed Martin" .
  id:person\\/martin-okafor a kg:Person ; rdfs:label "Martin Okafor" ; kg:affiliatedWith id:org\\/lindqvist .
  id:org\\/lindqvist a kg:Organization ; rdfs:label "Lindqvist Institute" .
  id:sanction\\/s1 a kg:Sanction ; rdfs:label "Chinese government unreliable entity list on Lockheed Martin" ;
      kg:imposedBy id:gov\\/china-government , id:gov\\/china-mofcom ; kg:target id:company\\/lockheed-martin ;
      kg:evidence "China on Tuesday placed Lockheed Martin on its unreliable entity list." ,
                  "China's Ministry of Commerce barred the company from trade with China." ;
      prov:wasDerivedFrom id:article\\/a1 .
  id:statement\\/q1 a kg:Statement ; kg:speaker id:person\\/martin-okafor ; kg:quote "The list is a tool" ;
      kg:evidence "“The list is a tool,” said Martin Okafor of the Lindqvist Institute." ;
      prov:wasDerivedFrom id:article\\/a1 .
  id:evidence\\/e1 a kg:Evidence ; rdf:subject id:person\\/martin-okafor ; rdf:predicate kg:affiliatedWith ;
      rdf:object id:org\\/lindqvist ;
      kg:evidence "“The list is a tool,” said Martin Okafor of the Lindqvist Institute." ;
      prov:wasDerivedFrom id:article\\/a1 .
}

id:article\\/a2 {
  id:article\\/a2 a kg:Article ; schema:headline "Beijing blacklists a US defence contractor" ;
      schema:datePublished "2024-03-06"^^xsd:date .
  id:country\\/china a kg:Country ; rdfs:label "China" .
  id:gov\\/china-government a kg:GovernmentBody ; rdfs:label "Chinese government" ; skos:altLabel "Beijing" ;
      kg:jurisdiction id:country\\/china ; kg:mentionedIn id:article\\/a2 ; kg:mentionCount 2 .
  id:company\\/lockheed-martin a kg:Company ; rdfs:label "Lockheed Martin" .
  id:person\\/martin-okafor a kg:Person ; rdfs:label "Martin Okafor" .
  id:sanction\\/s1 a kg:Sanction ; rdfs:label "Chinese government unreliable entity list on Lockheed Martin" ;
      kg:imposedBy id:gov\\/china-government ; kg:target id:company\\/lockheed-martin ;
      kg:evidence "Beijing added Lockheed Martin to its unreliable entity list." ;
      prov:wasDerivedFrom id:article\\/a2 .
  id:offer\\/o1 a kg:Offer ; rdfs:label "Chinese government offer: removal from the list" ;
      kg:offeredBy id:gov\\/china-government ; kg:offeredTo id:company\\/lockheed-martin ;
      kg:evidence "Beijing offered to take Lockheed Martin off the list if it cancelled the contract." ;
      prov:wasDerivedFrom id:article\\/a2 .
  id:statement\\/q1 a kg:Statement ; kg:speaker id:person\\/martin-okafor ; kg:quote "The list is a tool" ;
      kg:evidence "“The list is a tool,” Martin Okafor told reporters in Washington." ;
      prov:wasDerivedFrom id:article\\/a2 .
}

id:article\\/a3 {
  id:article\\/a3 a kg:Article ; schema:headline "Washington freezes Iranian assets" .
  id:country\\/iran a kg:Country ; rdfs:label "Iran" .
  id:country\\/united-states a kg:Country ; rdfs:label "United States" ; skos:altLabel "US" .
  id:gov\\/united-states-government a kg:GovernmentBody ; rdfs:label "United States government" ;
      kg:jurisdiction id:country\\/united-states .
  id:gov\\/us-treasury a kg:GovernmentBody ; rdfs:label "US Department of the Treasury" ;
      skos:altLabel "Treasury Department" ; kg:jurisdiction id:country\\/united-states ;
      kg:partOf id:gov\\/united-states-government .
  id:sanction\\/s2 a kg:Sanction ; rdfs:label "US Department of the Treasury asset freeze on Iran" ;
      kg:imposedBy id:gov\\/us-treasury ; kg:target id:country\\/iran ;
      kg:evidence "The Treasury Department on Monday froze the assets of Iran's drone makers." ;
      prov:wasDerivedFrom id:article\\/a3 .
}
"""
ID = "https://w3id.org/newskg/id/"


@pytest.fixture(scope="module", params=["memory", "oxigraph"])
def countries(request, tmp_path_factory):
    path = tmp_path_factory.mktemp("countries") / "graph.trig"
    path.write_text(COUNTRY_GRAPH, encoding="utf-8")
    return load_dataset(path, engine=request.param)


def _sources(ds, name: str) -> set[tuple[str, str, str, str]]:
    """(kind, fact, article, sentence) of the sources query, IRIs shortened."""
    def short(term) -> str:
        return str(term).replace(ID, "").replace(str(KG._NS), "kg:")

    rows = run_query(ds, "sources", {"entity": name}).records()
    return {(short(r.kind), short(r.fact), short(r.article), str(r.sentence)) for r in rows}


CHINA_SOURCES = {
    ("kg:Sanction", "sanction/s1", "article/a1", "China on Tuesday placed Lockheed Martin on its unreliable entity list."),
    ("kg:Sanction", "sanction/s1", "article/a1", "China's Ministry of Commerce barred the company from trade with China."),
    ("kg:Sanction", "sanction/s1", "article/a2", "Beijing added Lockheed Martin to its unreliable entity list."),
    ("kg:Offer", "offer/o1", "article/a2", "Beijing offered to take Lockheed Martin off the list if it cancelled the contract."),
}


@pytest.mark.parametrize("name", ["China", "china", "CHINA"])
def test_sources_for_a_country_are_what_its_government_bodies_did(countries, name):
    """The country is named by no fact; its government and ministry are (the 0 rows of the 2,000-article run)."""
    assert _sources(countries, name) == CHINA_SOURCES


@pytest.mark.parametrize("name, facts", [
    ("Beijing", {"sanction/s1", "offer/o1"}),                   # an alias of the government, not the country
    ("chinese GOVERNMENT", {"sanction/s1", "offer/o1"}),
    ("Ministry of Commerce", {"sanction/s1"}),                  # a ministry is itself only
    ("united states", {"sanction/s2"}),                         # through the Treasury's jurisdiction
    ("US", {"sanction/s2"}),
    ("Iran", {"sanction/s2"}),                                  # a country named as a target
    ("lockheed martin", {"sanction/s1", "offer/o1"}),
    ("Chinese government unreliable entity list on Lockheed Martin", {"sanction/s1"}),  # an event's label
])
def test_sources_names_aliases_and_event_labels(countries, name, facts):
    assert {fact for _, fact, _, _ in _sources(countries, name)} == facts


def test_sources_pair_each_sentence_with_the_article_that_has_it(countries):
    """A quotation told by two articles is one node with two sentences: each row keeps its own article's."""
    assert _sources(countries, "Martin Okafor") == {
        ("kg:Statement", "statement/q1", "article/a1", "“The list is a tool,” said Martin Okafor of the Lindqvist Institute."),
        ("kg:Statement", "statement/q1", "article/a2", "“The list is a tool,” Martin Okafor told reporters in Washington."),
        ("kg:affiliatedWith", "evidence/e1", "article/a1",
         "“The list is a tool,” said Martin Okafor of the Lindqvist Institute."),
    }


@pytest.mark.parametrize("name", ["Atlantis", "", "chin", "China government"])
def test_sources_for_a_name_nothing_has_is_empty(countries, name):
    assert run_query(countries, "sources", {"entity": name}).rows == []


@pytest.mark.parametrize("query, params, expected", [
    ("sanctions-by-body", {"body": "China"}, {"sanction/s1"}),
    ("sanctions-by-body", {"body": "beijing"}, {"sanction/s1"}),
    ("sanctions-by-body", {"body": "United States"}, {"sanction/s2"}),
    ("sanctions-by-body", {"body": "Iran"}, set()),
    ("sanctions-on-target", {"target": "IRAN"}, {"sanction/s2"}),
    ("sanctions-on-target", {"target": "China"}, set()),
    ("offers", {"by": "China"}, {"offer/o1"}),
    ("offers", {"by": "united states"}, set()),
])
def test_country_names_work_in_every_name_parameter(countries, query, params, expected):
    rows = run_query(countries, query, params).records()
    column = {"sanctions-by-body": "sanction", "sanctions-on-target": "event", "offers": "offer"}[query]
    assert {str(getattr(r, column)).replace(ID, "") for r in rows} == expected


def test_a_missing_required_parameter_says_which(memory):
    with pytest.raises(QueryError, match="needs a value for target"):
        run_query(memory, "sanctions-on-target")


def test_an_unknown_parameter_is_refused(memory):
    with pytest.raises(QueryError, match="has no parameter 'nope'"):
        run_query(memory, "offers", {"nope": "x"})
    with pytest.raises(QueryError, match="not a variable of the query"):
        run_query(memory, "SELECT ?o WHERE { ?o a kg:Offer }", {"x": "1"})


@pytest.mark.parametrize("engine", ["memory", "oxigraph"])
@pytest.mark.parametrize("hostile", [
    'Huawei" ) } DELETE WHERE { ?s ?p ?o } #',
    "Huawei' } ; DROP ALL ; SELECT * WHERE { '",
    "x\" || true || \"",
    "} UNION { ?entity ?p ?o }",
    "\\u0022 ) }",
])
def test_parameters_are_bound_as_terms_never_pasted(memory, oxigraph, engine, hostile):
    ds = memory if engine == "memory" else oxigraph
    before = _count(ds)
    result = run_query(ds, "sanctions-on-target", {"target": hostile})
    assert result.rows == []
    assert _count(ds) == before


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(value=st.text(max_size=40), lang=st.sampled_from([None, "en", "en-GB"]))
def test_values_written_for_oxigraph_parse_back_to_exactly_the_value(value, lang):
    """The VALUES block given to Oxigraph holds the bound term exactly, or the value is refused (rdflib then runs it)."""
    term = Literal(value, lang=lang)
    for query in ("SELECT * WHERE { ?s ?p ?o }", "ASK { ?s ?p ?o }", "SELECT (\"{\" AS ?x) WHERE { ?s ?p ?o }",
                  "CONSTRUCT { ?s ?p \"}\" } WHERE { ?s ?p ?o }"):
        try:
            text = inject_values(query, {"o": term})
        except QueryError:
            assert "\\u" in value.lower()
            return
        checked = check_query(text)
        assert values_of(checked.prepared.algebra, {"o": term}) == {"o": term}


def test_oxigraph_runs_parameterised_queries_natively(oxigraph, monkeypatch):
    """Bound values reach Oxigraph as VALUES, not through rdflib's engine (which would call store.triples)."""
    calls = []
    store = oxigraph.store
    original = type(store).triples
    monkeypatch.setattr(type(store), "triples", lambda self, *a, **k: calls.append(1) or original(self, *a, **k))
    rows = run_query(oxigraph, "sanctions-on-target", {"target": "Huawei"}).rows
    assert rows and not calls
    assert run_query(oxigraph, "CONSTRUCT WHERE { ?e rdfs:label ?l }", {"l": "Huawei"}).graph  # the fallback
    assert calls


def test_a_parameter_can_be_an_iri(memory):
    huawei = "<https://w3id.org/newskg/id/company/huawei>"
    rows = run_query(memory, "SELECT ?label WHERE { ?e rdfs:label ?label }", {"e": huawei}).rows
    assert rows == [(Literal("Huawei"),)]
    with pytest.raises(QueryError, match="not a valid IRI"):
        run_query(memory, "SELECT ?label WHERE { ?e rdfs:label ?label }", {"e": "<a b>"})


def test_query_header_format():
    text = "# Offers: who offered what.\n# More words.\n# param by (optional): a name\n# param x: y\nSELECT * {}"
    description, params = parse_query_header(text)
    assert description == "Offers: who offered what. More words."
    assert [(p.name, p.optional) for p in params] == [("by", True), ("x", False)]


# ---------------------------------------------------------------------------
# The Python API


def test_kg_query_returns_rows_with_named_fields(graph_dir):
    rows = kg.query(graph_dir / "graph.trig", "SELECT ?offer ?label WHERE { ?offer a kg:Offer ; rdfs:label ?label }")
    assert rows and all(isinstance(r.offer, URIRef) and isinstance(r.label, Literal) for r in rows)
    rows = kg.query(str(graph_dir), "sanctions-on-target", target="Huawei")
    assert {str(r.target_label) for r in rows} == {"Huawei"}


def test_kg_query_ask_and_construct(memory):
    assert kg.query(memory, "ASK { ?o a kg:Offer }") is True
    assert kg.query(memory, "ASK { ?o a kg:Nothing }") is False
    g = kg.query(memory, "CONSTRUCT { ?o a kg:Offer } WHERE { ?o a kg:Offer }")
    assert isinstance(g, Graph) and len(g) == len(kg.query(memory, "SELECT DISTINCT ?o WHERE { ?o a kg:Offer }"))


def test_queries_see_the_union_and_each_article_graph(memory, examples_build):
    n = run_query(memory, "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?a a kg:Article } }").rows[0][0]
    assert int(n) == len(examples_build.results)
    # a union pattern that needs triples from two article graphs at once
    rows = run_query(memory, """SELECT ?e WHERE {
        GRAPH ?g1 { ?e kg:mentionedIn ?a1 } GRAPH ?g2 { ?e kg:mentionedIn ?a2 } FILTER(?g1 != ?g2)
        ?e kg:mentionedIn ?x, ?y FILTER(?x != ?y) } LIMIT 1""").rows
    assert rows


def test_common_prefixes_are_predeclared(memory):
    assert set(QUERY_PREFIXES) >= {"kg", "rdfs", "skos", "schema", "prov", "xsd", "owl", "rdf"}
    body = " ".join(f"OPTIONAL {{ ?s a {p}:x }}" for p in QUERY_PREFIXES)
    assert run_query(memory, f"SELECT ?s WHERE {{ {body} }} LIMIT 1").form == "SELECT"


def test_bundled_queries_are_prepared_once(memory):
    from kg.sparql.safety import _prepare

    run_query(memory, "timeline")
    hits = _prepare.cache_info().hits
    run_query(memory, "timeline")
    assert _prepare.cache_info().hits == hits + 1


# ---------------------------------------------------------------------------
# Formats


@pytest.fixture(scope="module")
def two_offers(memory):
    return run_query(memory, "SELECT ?offer ?label WHERE { ?offer a kg:Offer ; rdfs:label ?label } "
                             "ORDER BY ?offer ?label LIMIT 2")


def test_csv_is_sparql_csv(two_offers):
    text = format_result(two_offers, "csv")
    assert text.startswith("offer,label\r\n")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[1][0].startswith("https://w3id.org/newskg/id/offer/") and len(rows) == 3


def test_tsv_is_sparql_tsv(two_offers):
    lines = format_result(two_offers, "tsv").splitlines()
    assert lines[0] == "?offer\t?label"
    assert lines[1].startswith("<https://w3id.org/newskg/id/offer/") and '\t"' in lines[1]


def test_json_is_sparql_json(two_offers):
    doc = json.loads(format_result(two_offers, "json"))
    assert doc["head"]["vars"] == ["offer", "label"]
    first = doc["results"]["bindings"][0]
    assert first["offer"]["type"] == "uri" and first["label"]["type"] == "literal"


def test_ask_and_construct_formats(memory):
    ask = run_query(memory, "ASK { ?o a kg:Offer }")
    assert format_result(ask, "table") == "true\n"
    assert json.loads(format_result(ask, "json")) == {"head": {}, "boolean": True}
    construct = run_query(memory, "CONSTRUCT { ?o a kg:Offer ; rdfs:label ?l } WHERE { ?o a kg:Offer ; rdfs:label ?l }")
    back = Graph().parse(data=format_result(construct, "ttl"), format="turtle")
    assert len(back) == len(construct.graph) > 0
    with pytest.raises(QueryError, match="use --format ttl"):
        format_result(construct, "csv")
    with pytest.raises(QueryError, match="table, csv, tsv or json"):
        format_result(ask, "ttl")


def test_table_columns_line_up(two_offers):
    lines = format_result(two_offers, "table").splitlines()
    start = lines[0].index("label")
    assert all(len(line) > start and line[start - 2:start] == "  " for line in lines[2:4])
    assert lines[-1] == "(2 rows)"
    assert "offer:" in lines[2]  # IRIs are shortened with the graph's prefixes


def test_special_characters_survive_every_format(memory):
    hostile = 'a "quoted"\ttab\nnewline, comma <b> \\ é'
    result = run_query(memory, "SELECT ?x WHERE { }", {"x": hostile})
    assert list(csv.reader(io.StringIO(format_result(result, "csv"))))[1] == [hostile]
    assert json.loads(format_result(result, "json"))["results"]["bindings"][0]["x"]["value"] == hostile
    tsv = format_result(result, "tsv").splitlines()
    assert len(tsv) == 2 and "\t" not in tsv[1]


# ---------------------------------------------------------------------------
# Read-only and safe


def test_rdflib_graph_loading_is_off():
    assert rdflib.plugins.sparql.SPARQL_LOAD_GRAPHS is False


@pytest.mark.parametrize("update", [
    "INSERT DATA { <urn:a> <urn:b> <urn:c> }",
    "DELETE WHERE { ?s ?p ?o }",
    "LOAD <http://127.0.0.1:9/x.ttl>",
    "CLEAR ALL",
    "DROP GRAPH <urn:g>",
    "CREATE GRAPH <urn:g>",
    "WITH <urn:g> DELETE { ?s ?p ?o } INSERT { ?s ?p 1 } WHERE { ?s ?p ?o }",
    "COPY DEFAULT TO <urn:g>",
])
@pytest.mark.parametrize("engine", ["memory", "oxigraph"])
def test_updates_are_refused(memory, oxigraph, engine, update):
    ds = memory if engine == "memory" else oxigraph
    before = _count(ds)
    with pytest.raises(QueryError, match="updates are refused"):
        run_query(ds, update)
    assert _count(ds) == before


SERVICE_QUERIES = [
    "SELECT * WHERE { SERVICE <http://127.0.0.1:{port}/sparql> { ?s ?p ?o } }",
    "SELECT * WHERE { SERVICE SILENT <http://127.0.0.1:{port}/sparql> { ?s ?p ?o } }",
    "SELECT * WHERE { ?x a kg:Offer OPTIONAL { SERVICE <http://127.0.0.1:{port}/> { ?x ?p ?o } } }",
    "SELECT * WHERE { { SELECT ?s WHERE { SERVICE <http://127.0.0.1:{port}/> { ?s ?p ?o } } } }",
    "ASK { GRAPH ?g { SERVICE <http://127.0.0.1:{port}/> { ?s ?p ?o } } }",
    "SELECT * WHERE { \\u0053ERVICE <http://127.0.0.1:{port}/> { ?s ?p ?o } }",
    "CONSTRUCT { ?s ?p ?o } WHERE { FILTER EXISTS { SERVICE <http://127.0.0.1:{port}/> { ?s ?p ?o } } }",
]


@pytest.mark.parametrize("engine", ["memory", "oxigraph"])
@pytest.mark.parametrize("template", SERVICE_QUERIES)
def test_service_is_refused_and_nothing_is_contacted(memory, oxigraph, listener, engine, template):
    ds = memory if engine == "memory" else oxigraph
    with pytest.raises(QueryError, match="SERVICE is refused"):
        run_query(ds, template.replace("{port}", str(listener.port)))
    assert listener.connections == 0


def test_the_listener_would_have_seen_an_allowed_service_call(memory, listener):
    """The control: with allow_service, the same SERVICE query does reach out."""
    with pytest.raises(QueryError):
        run_query(memory, f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{listener.port}/sparql> {{ ?s ?p ?o }} }}",
                  allow_service=True, timeout=10)
    assert listener.connections >= 1


@pytest.mark.parametrize("engine", ["memory", "oxigraph"])
@pytest.mark.parametrize("clause", ["FROM", "FROM NAMED"])
def test_from_outside_the_dataset_is_refused(memory, oxigraph, tmp_path, listener, engine, clause):
    ds = memory if engine == "memory" else oxigraph
    secret = tmp_path / "secret.ttl"
    secret.write_text('<urn:leak> <urn:says> "TOP-SECRET-7781" .\n', encoding="utf-8")
    for iri in (secret.as_uri(), f"http://127.0.0.1:{listener.port}/graph.ttl", "file:///etc/passwd"):
        with pytest.raises(QueryError, match="is refused") as err:
            run_query(ds, f"SELECT * {clause} <{iri}> WHERE {{ ?s ?p ?o }}")
        assert "TOP-SECRET" not in str(err.value)
    assert listener.connections == 0


def test_from_an_article_graph_is_allowed(memory, examples_build):
    article = next(str(g.identifier) for g in memory.graphs() if "article/" in str(g.identifier))
    rows = run_query(memory, f"SELECT DISTINCT ?a WHERE {{ GRAPH <{article}> {{ ?a a kg:Article }} }}").rows
    assert rows == [(URIRef(article),)]
    rows = run_query(memory, f"SELECT DISTINCT ?a FROM <{article}> WHERE {{ ?a a kg:Article }}").rows
    assert rows == [(URIRef(article),)]


@pytest.mark.parametrize("text, where", [
    ("SELECT ?x WHERE {\n  ?x a kg:Offer\n  FILTER(?x = )\n}", "line 3"),
    ("SELECT ?x WHERE { ?x a kg:Offer", "line 1"),
    ("SELEKT * WHERE { ?s ?p ?o }", "line 1, column 1"),
])
def test_malformed_queries_give_the_parsers_line_and_column(text, where):
    with pytest.raises(QueryError, match="malformed SPARQL query at " + where):
        check_query(text)


def test_unknown_prefix_is_a_query_error():
    with pytest.raises(QueryError, match="Unknown namespace prefix"):
        check_query("SELECT ?x WHERE { ?x a nope:Thing }")


@pytest.mark.parametrize("engine", ["memory", "oxigraph"])
def test_a_runaway_query_is_stopped_at_the_time_limit(memory, oxigraph, engine):
    ds = memory if engine == "memory" else oxigraph
    with pytest.raises(QueryTimeout, match="time limit"):
        run_query(ds, "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }", timeout=0.5)


def test_results_are_cut_at_the_row_limit(memory):
    result = run_query(memory, "SELECT * WHERE { ?s ?p ?o }", max_rows=7)
    assert len(result.rows) == 7 and result.truncated
    assert "truncated" in format_result(result, "table").splitlines()[-1]
    graph = run_query(memory, "CONSTRUCT WHERE { ?s ?p ?o }", max_rows=5)
    assert len(graph.graph) == 5 and graph.truncated


# ---------------------------------------------------------------------------
# The command line


def _kg(*args, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([str(KG_BIN), *map(str, args)], capture_output=True, text=True, input=stdin,
                          timeout=120, check=False)


def test_kg_query_list_shows_one_line_per_query():
    proc = _kg("query", "--list")
    assert proc.returncode == 0
    lines = proc.stdout.strip().splitlines()
    assert len(lines) == len(load_bundled_queries())
    assert any(line.startswith("sanctions-on-target") and "target=" in line for line in lines)


def test_kg_query_runs_bundled_inline_file_and_stdin_queries(graph_dir, tmp_path):
    proc = _kg("query", graph_dir, "sanctions-on-target", "--param", "target=Huawei", "--format", "csv")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines()[0].startswith("event,kind,target_label")
    rq = tmp_path / "q.rq"
    rq.write_text("SELECT (COUNT(*) AS ?n) WHERE { ?o a kg:Offer }\n", encoding="utf-8")
    by_file = _kg("query", graph_dir / "graph.trig", rq, "-f", "json")
    inline = _kg("query", graph_dir, "SELECT (COUNT(*) AS ?n) WHERE { ?o a kg:Offer }", "-f", "json")
    stdin = _kg("query", graph_dir, "-", "-f", "json", stdin=rq.read_text())
    assert json.loads(by_file.stdout) == json.loads(inline.stdout) == json.loads(stdin.stdout)


def test_kg_query_table_is_the_default(graph_dir):
    proc = _kg("query", graph_dir, "timeline")
    assert proc.returncode == 0
    assert proc.stdout.splitlines()[0].split()[:3] == ["date", "kind", "label"]
    assert proc.stdout.rstrip().endswith("rows)")


@pytest.mark.parametrize("query, message", [
    ("SELECT ?x WHERE {\n ?x a kg:Offer\n FILTER(\n}", "malformed SPARQL query at line"),
    ("DELETE WHERE { ?s ?p ?o }", "updates are refused"),
    ("SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }", "SERVICE is refused"),
    ("ofers", "no bundled query named 'ofers'"),
])
def test_kg_query_errors_exit_2_without_a_traceback(graph_dir, query, message):
    proc = _kg("query", graph_dir, query)
    assert proc.returncode == 2
    assert message in proc.stderr
    assert "Traceback" not in proc.stderr


def test_example_queries_answer_the_questions(graph_dir):
    for rq in sorted((ROOT / "examples" / "queries").glob("*.rq")):
        proc = _kg("query", graph_dir, rq, "-f", "json", *(["-p", "entity=Huawei"] if "?entity" in rq.read_text() else []))
        assert proc.returncode == 0, (rq.name, proc.stderr)
        assert json.loads(proc.stdout)["results"]["bindings"], f"{rq.name} found nothing"

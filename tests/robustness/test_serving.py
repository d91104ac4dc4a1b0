"""kg serve against real clients: SPARQLWrapper, curl and urllib talk to a running `kg serve` process.

Two servers run for the module on free loopback ports (``--port 0``): one with
the default limits, one with small limits for the limit tests. The attack tests
prove that nothing leaves the server: a loopback listener must see no
connection, and a local file's content must never appear in a response.
"""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from procs import stop_process
from rdflib import Dataset, Graph
from SPARQLWrapper import CSV, JSON, TSV, TURTLE, XML, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed

from kg.sparql.catalogue import load_bundled_queries
from kg.sparql.run import run_query
from kg.store.files import load_dataset

KG_BIN = Path(sys.executable).parent / "kg"
CURL = shutil.which("curl")


class Server:
    """A `kg serve` subprocess; its URL is read from the first line it prints."""

    def __init__(self, target: Path, *extra: str):
        self.proc = subprocess.Popen([str(KG_BIN), "serve", str(target), "--port", "0", *extra],
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        line = self.proc.stdout.readline()
        if "http://" not in line:
            self.stop()
            raise RuntimeError(f"kg serve did not start: {line!r} {self.proc.stderr.read()}")
        self.base = line.split("graph view ", 1)[1].split()[0]  # http://127.0.0.1:PORT/
        self.sparql = self.base + "sparql"
        self.port = int(self.base.rsplit(":", 1)[1].strip("/"))

    def stop(self) -> None:
        stop_process(self.proc)


@pytest.fixture(scope="module")
def graph_dir(examples_build) -> Path:
    return Path(examples_build.outputs["trig"]).parent


@pytest.fixture(scope="module")
def server(graph_dir):
    srv = Server(graph_dir)
    yield srv
    srv.stop()


@pytest.fixture(scope="module")
def strict_server(graph_dir):
    srv = Server(graph_dir, "--max-body", "2000", "--timeout", "1", "--max-rows", "5", "--engine", "oxigraph")
    yield srv
    srv.stop()


@pytest.fixture(scope="module")
def local(graph_dir):
    return load_dataset(graph_dir)


def http(url: str, *, data: bytes | None = None, headers: dict | None = None, method: str | None = None):
    """(status, headers, body) of one request; HTTP errors are answers, not exceptions."""
    req = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(req, timeout=60) as resp:
            return resp.status, resp.headers, resp.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers, exc.read()


def get_query(srv: Server, query: str, **headers):
    return http(srv.sparql + "?" + urllib.parse.urlencode({"query": query}), headers=headers)


def _graph_size(srv: Server) -> int:
    status, _, body = get_query(srv, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }",
                                Accept="application/sparql-results+json")
    assert status == 200
    return int(json.loads(body)["results"]["bindings"][0]["n"]["value"])


# ---------------------------------------------------------------------------
# The SPARQL 1.1 Protocol with SPARQLWrapper


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_sparqlwrapper_select_json(server, local, method):
    client = SPARQLWrapper(server.sparql)
    client.setMethod(method)
    client.setQuery("SELECT ?offer ?label WHERE { ?offer a kg:Offer ; rdfs:label ?label } ORDER BY ?offer ?label")
    client.setReturnFormat(JSON)
    doc = client.query().convert()
    got = [(b["offer"]["value"], b["label"]["value"]) for b in doc["results"]["bindings"]]
    want = [(str(o), str(label)) for o, label in run_query(
        local, "SELECT ?offer ?label WHERE { ?offer a kg:Offer ; rdfs:label ?label } ORDER BY ?offer ?label").rows]
    assert got == want and got


@pytest.mark.parametrize("fmt, marker", [(CSV, b"offer\r\n"), (TSV, b"?offer\n"), (XML, None)])
def test_sparqlwrapper_other_result_formats(server, fmt, marker):
    client = SPARQLWrapper(server.sparql)
    client.setQuery("SELECT ?offer WHERE { ?offer a kg:Offer } LIMIT 3")
    client.setReturnFormat(fmt)
    result = client.query().convert()
    if marker is None:  # XML comes back parsed as a DOM document
        assert len(result.getElementsByTagName("result")) == 3
    else:
        assert result.startswith(marker) and result.count(b"https://w3id.org/newskg/id/offer/") == 3


def test_sparqlwrapper_ask_and_construct(server):
    client = SPARQLWrapper(server.sparql)
    client.setQuery("ASK { ?o a kg:Sanction }")
    client.setReturnFormat(JSON)
    assert client.query().convert()["boolean"] is True
    client = SPARQLWrapper(server.sparql)
    client.setQuery("CONSTRUCT { ?o a kg:Offer } WHERE { ?o a kg:Offer }")
    client.setReturnFormat(TURTLE)
    body = client.query().convert()
    graph = Graph().parse(data=body, format="turtle")
    assert len(graph) > 0


def test_sparqlwrapper_gets_the_parsers_message_for_a_malformed_query(server):
    client = SPARQLWrapper(server.sparql)
    client.setQuery("SELECT ?x WHERE {\n  ?x a kg:Offer\n  FILTER(\n}")
    client.setReturnFormat(JSON)
    with pytest.raises(QueryBadFormed, match="line 3"):
        client.query()


@pytest.mark.parametrize("name", sorted(load_bundled_queries()))
def test_bundled_queries_over_http_match_local_answers(server, local, name):
    params = {"sanctions-on-target": {"target": "Huawei"}, "sources": {"entity": "ZTE"}}.get(name, {})
    status, headers, body = http(server.base + f"queries/{name}?" + urllib.parse.urlencode(params),
                                 headers={"Accept": "application/sparql-results+json"})
    assert status == 200, body
    assert headers["Content-Type"].startswith("application/sparql-results+json")
    rows = json.loads(body)["results"]["bindings"]
    # the examples hold no copy of one another: tests/test_dedup.py runs `copies` on a pile with copies
    assert len(rows) == len(run_query(local, name, params).rows) > (-1 if name == "copies" else 0)


def test_queries_list(server):
    status, _, body = http(server.base + "queries")
    assert status == 200
    assert {q["name"] for q in json.loads(body)} == set(load_bundled_queries())


# ---------------------------------------------------------------------------
# curl and raw requests


def _curl(*args: str) -> subprocess.CompletedProcess:
    proc = subprocess.run([CURL, "-s", "-S", "--max-time", "60", *args], capture_output=True, check=False)
    proc.stdout = proc.stdout.decode("utf-8")  # keep the CRLF of CSV
    return proc


@pytest.mark.skipif(CURL is None, reason="curl is not installed")
def test_curl_get_post_and_content_negotiation(server):
    query = "SELECT ?o WHERE { ?o a kg:Offer } ORDER BY ?o LIMIT 2"
    csv_get = _curl("-G", "-H", "Accept: text/csv", "--data-urlencode", f"query={query}", server.sparql)
    form = _curl("-H", "Accept: text/csv", "--data-urlencode", f"query={query}", server.sparql)
    body = _curl("-H", "Accept: text/csv", "-H", "Content-Type: application/sparql-query",
                 "--data-binary", query, server.sparql)
    assert csv_get.stdout == form.stdout == body.stdout
    assert csv_get.stdout.startswith("o\r\nhttps://w3id.org/newskg/id/offer/")
    tsv = _curl("-G", "-H", "Accept: text/tab-separated-values", "--data-urlencode", f"query={query}", server.sparql)
    assert tsv.stdout.startswith("?o\n<https://")
    by_param = _curl("-G", "--data-urlencode", f"query={query}", "--data-urlencode", "format=tsv", server.sparql)
    assert by_param.stdout == tsv.stdout
    head = _curl("-I", "-G", "--data-urlencode", f"query={query}", server.sparql)
    assert "application/sparql-results+json" in head.stdout


def test_accept_with_q_values_and_406(server):
    query = "SELECT ?o WHERE { ?o a kg:Offer } LIMIT 1"
    status, headers, _ = get_query(server, query, Accept="text/csv;q=0.5, application/sparql-results+xml;q=0.9")
    assert status == 200 and headers["Content-Type"].startswith("application/sparql-results+xml")
    status, _, body = get_query(server, query, Accept="image/png")
    assert status == 406 and b"accepted:" in body
    status, headers, _ = get_query(server, "CONSTRUCT WHERE { ?o a kg:Offer }", Accept="application/n-triples")
    assert status == 200 and headers["Content-Type"].startswith("application/n-triples")


def test_downloads_are_the_graph(server, graph_dir):
    status, headers, body = http(server.base + "graph.ttl")
    assert status == 200 and headers["Content-Type"].startswith("text/turtle")
    served = Graph().parse(data=body, format="turtle")
    on_disk = Graph().parse(graph_dir / "graph.ttl", format="turtle")
    assert set(served) == set(on_disk)
    status, _, body = http(server.base + "graph.trig")
    ds = Dataset()
    ds.parse(data=body, format="trig")
    assert len([g for g in ds.graphs() if "article/" in str(g.identifier)]) == 9


def test_the_graph_view_is_served_at_the_root(server):
    status, headers, body = http(server.base)
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    assert body.lstrip().lower().startswith(b"<!doctype html")
    assert headers["X-Content-Type-Options"] == "nosniff"


def test_unknown_pages_and_missing_query(server):
    assert http(server.base + "nope")[0] == 404
    status, _, body = http(server.sparql)
    assert status == 400 and b"give a SPARQL query" in body
    assert http(server.sparql, data=b"query=x", headers={"Content-Type": "text/plain"})[0] == 415


# ---------------------------------------------------------------------------
# Read-only


@pytest.mark.parametrize("request_args", [
    {"data": b"DROP ALL", "headers": {"Content-Type": "application/sparql-update"}},
    {"data": urllib.parse.urlencode({"update": "DROP ALL"}).encode(),
     "headers": {"Content-Type": "application/x-www-form-urlencoded"}},
    {"data": b"<urn:a> <urn:b> <urn:c> .", "headers": {"Content-Type": "text/turtle"}, "method": "PUT"},
    {"data": None, "headers": {}, "method": "DELETE"},
])
def test_updates_are_refused(server, request_args):
    before = _graph_size(server)
    status, _, _ = http(server.sparql, **request_args)
    assert status in (403, 405)
    assert _graph_size(server) == before


def test_an_update_sent_as_a_query_is_refused(server):
    status, _, body = get_query(server, "INSERT DATA { <urn:a> <urn:b> <urn:c> }")
    assert status == 400 and b"updates are refused" in body
    client = SPARQLWrapper(server.sparql)  # SPARQLWrapper sends it as an update= request
    client.setQuery("DELETE WHERE { ?s ?p ?o }")
    client.setMethod("POST")
    with pytest.raises(urllib.error.HTTPError) as err:
        client.query()
    assert err.value.code == 403


# ---------------------------------------------------------------------------
# Attacks: nothing leaves the server


@pytest.mark.parametrize("template", [
    "SELECT * WHERE { SERVICE <http://127.0.0.1:{port}/sparql> { ?s ?p ?o } }",
    "SELECT * WHERE { SERVICE SILENT <http://127.0.0.1:{port}/> { ?s ?p ?o } }",
    "SELECT * WHERE { ?o a kg:Offer OPTIONAL { SERVICE <http://localhost:{port}/> { ?o ?p ?x } } }",
    "SELECT * WHERE { \\u0053ERVICE <http://127.0.0.1:{port}/> { ?s ?p ?o } }",
    "SELECT * FROM <http://127.0.0.1:{port}/graph.ttl> WHERE { ?s ?p ?o }",
    "SELECT * FROM NAMED <http://127.0.0.1:{port}/graph.ttl> WHERE { GRAPH ?g { ?s ?p ?o } }",
    "ASK FROM <http://127.0.0.1:{port}/a> FROM <http://127.0.0.1:{port}/b> { ?s ?p ?o }",
])
@pytest.mark.parametrize("which", ["server", "strict_server"])
def test_no_outbound_request_from_a_query(request, listener, template, which):
    srv = request.getfixturevalue(which)
    query = template.replace("{port}", str(listener.port))
    for method in ("GET", "POST"):
        if method == "GET":
            status, _, body = get_query(srv, query)
        else:
            status, _, body = http(srv.sparql, data=query.encode(), headers={"Content-Type": "application/sparql-query"})
        assert status == 400, body
        assert b"is refused" in body
    time.sleep(0.3)  # give a stray connection time to arrive before counting
    assert listener.connections == 0


def test_the_listener_sees_a_real_connection(listener):
    """The control: the listener does notice a request when one is made."""
    with pytest.raises(OSError):  # the listener closes without answering
        urllib.request.urlopen(f"http://127.0.0.1:{listener.port}/", timeout=5)
    time.sleep(0.3)
    assert listener.connections == 1


@pytest.mark.parametrize("make_query", [
    lambda iri: f"SELECT * FROM <{iri}> WHERE {{ ?s ?p ?o }}",
    lambda iri: f"SELECT * FROM NAMED <{iri}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}",
    lambda iri: f"SELECT * WHERE {{ GRAPH <{iri}> {{ ?s ?p ?o }} }}",
    lambda iri: f"DESCRIBE <urn:leak> FROM <{iri}>",
    lambda iri: f"LOAD <{iri}>",
])
@pytest.mark.parametrize("which", ["server", "strict_server"])
def test_local_files_never_leak(request, tmp_path, make_query, which):
    srv = request.getfixturevalue(which)
    secret = tmp_path / "secret.ttl"
    secret.write_text('<urn:leak> <urn:says> "TOP-SECRET-5512" .\n', encoding="utf-8")
    for iri in (secret.as_uri(), "file:///etc/passwd", f"file://{secret}"):
        query = make_query(iri)
        for status, _, body in (get_query(srv, query), http(srv.sparql, data=query.encode(),
                                                            headers={"Content-Type": "application/sparql-query"})):
            assert b"TOP-SECRET" not in body and b"root:" not in body
            assert status in (200, 400)
    for key in ("default-graph-uri", "named-graph-uri"):
        url = srv.sparql + "?" + urllib.parse.urlencode({"query": "SELECT * WHERE { ?s ?p ?o }", key: secret.as_uri()})
        status, _, body = http(url)
        assert status == 400 and b"TOP-SECRET" not in body


def test_a_query_name_is_not_read_as_a_file_over_http(server, tmp_path):
    rq = tmp_path / "x.rq"
    rq.write_text("SELECT * WHERE { ?s ?p 'TOP-SECRET-9' }", encoding="utf-8")
    for text in (str(rq), "offers"):
        status, _, body = get_query(server, text)
        assert status == 400 and b"TOP-SECRET" not in body


def test_requests_to_other_host_names_are_refused(server):
    status, _, _ = get_query(server, "ASK { ?s ?p ?o }", Host="attacker.example")
    assert status == 403
    status, _, _ = get_query(server, "ASK { ?s ?p ?o }", Host=f"localhost:{server.port}")
    assert status == 200


# ---------------------------------------------------------------------------
# Limits


def test_a_big_body_gets_413_and_the_server_keeps_serving(strict_server):
    query = "SELECT * WHERE { ?s ?p ?o } #" + "x" * 5000
    status, _, body = http(strict_server.sparql, data=query.encode(), headers={"Content-Type": "application/sparql-query"})
    assert status == 413 and b"over the limit" in body
    assert _graph_size(strict_server) > 0


@pytest.mark.parametrize("which", ["server", "strict_server"])
def test_a_slow_query_gets_503_and_the_server_keeps_serving(request, graph_dir, which):
    srv = request.getfixturevalue(which)
    if which == "server":  # the default limit is 30 s: use a server of its own with a short one
        srv = Server(graph_dir, "--timeout", "1", "--engine", "memory")
    try:
        # rows only after the whole cross product (ORDER BY / COUNT): a cancellable engine must stop it
        for query in ("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }",
                      "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } ORDER BY ?i"):
            status, _, body = get_query(srv, query)
            assert status == 503 and b"time limit" in body
        assert _graph_size(srv) > 0
    finally:
        if which == "server":
            srv.stop()


def test_results_are_cut_at_the_row_limit(strict_server):
    status, headers, body = get_query(strict_server, "SELECT * WHERE { ?s ?p ?o }",
                                      Accept="application/sparql-results+json")
    assert status == 200
    assert len(json.loads(body)["results"]["bindings"]) == 5
    assert "5 rows" in headers["X-Kg-Truncated"]


def test_malformed_queries_get_400_with_line_and_column(strict_server):
    status, headers, body = get_query(strict_server, "SELECT ?x WHERE {\n ?x a kg:Offer\n FILTER(\n}")
    assert status == 400 and headers["Content-Type"].startswith("text/plain")
    assert b"malformed SPARQL query at line 3" in body


def test_the_graph_is_unchanged_after_every_attack(server, local):
    assert _graph_size(server) == len(set(local.quads((None, None, None, None))))

"""kg serve under attack (issue 15): a server that stays up, on both engines.

Each test is a finding that was reproduced against a running ``kg serve``: DNS-rebinding Host names,
concurrent distinct queries that broke rdflib's parser for good, runaway Oxigraph queries that kept
their slot and memory after their 503, a catastrophic REGEX, idle connections and short bodies that
held a thread forever, two Content-Length headers, and CSV cells that a spreadsheet runs as formulas.
Every request goes to the loopback address; every loop is bounded.
"""
from __future__ import annotations

import concurrent.futures
import csv
import io
import json
import socket
import time
import urllib.parse

import pytest
from test_serving import Server, get_query, http

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def graph_dir(examples_build):
    from pathlib import Path

    return Path(examples_build.outputs["trig"]).parent


@pytest.fixture(scope="module", params=["memory", "oxigraph"])
def server(request, graph_dir):
    srv = Server(graph_dir, "--engine", request.param, "--timeout", "3", "--max-concurrent", "2",
                 "--max-memory", "400")
    srv.engine = request.param
    yield srv
    srv.stop()


def count_quads(srv) -> int:
    status, _, body = get_query(srv, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
    assert status == 200, body
    return int(json.loads(body)["results"]["bindings"][0]["n"]["value"])


def raw_request(srv, data: bytes, *, read_timeout: float = 10) -> bytes:
    """Send bytes as they are on a fresh connection; what came back (empty if the server closed)."""
    with socket.create_connection(("127.0.0.1", srv.port), timeout=read_timeout) as sock:
        sock.sendall(data)
        chunks = []
        try:
            while len(chunks) < 1000:
                chunk = sock.recv(65536)
                if not chunk:
                    break
                chunks.append(chunk)
        except TimeoutError:
            pass
        return b"".join(chunks)


# --- finding 2: the Host check by exact name -----------------------------------------------------

@pytest.mark.parametrize("host", ["127.0.0.1.attacker.example", "127.rebind.example", "localhost.attacker.example",
                                  "attacker.example", "127.0.0.1.nip.io:80", "[::1].attacker.example", ""])
def test_rebinding_host_names_are_refused(server, host):
    status, _, body = get_query(server, "ASK { ?s ?p ?o }", Host=host)
    assert status == 403, body


@pytest.mark.parametrize("host", ["localhost", "LOCALHOST:{port}", "127.0.0.1:{port}", "[::1]:{port}", "127.0.0.1"])
def test_loopback_host_names_are_answered(server, host):
    status, _, _ = get_query(server, "ASK { ?s ?p ?o }", Host=host.replace("{port}", str(server.port)))
    assert status == 200


def test_two_host_headers_are_refused(server):
    answer = raw_request(server, b"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\nHost: localhost\r\n"
                                 b"Host: attacker.example\r\nConnection: close\r\n\r\n")
    assert answer.startswith(b"HTTP/1.1 403")


# --- finding 3: concurrent distinct queries -------------------------------------------------------

def test_bursts_of_concurrent_distinct_queries_leave_normal_service(server):
    expected = count_quads(server)
    queries = [f"SELECT ?s ?o{i} WHERE {{ ?s ?p{i} ?o{i} FILTER(STRLEN(STR(?o{i})) > {i}) }} LIMIT {i + 1}"
               for i in range(24)]
    queries += [f"ASK {{ ?s{i} a kg:Offer }}" for i in range(8)]
    with concurrent.futures.ThreadPoolExecutor(8) as pool:
        for burst in range(3):
            statuses = list(pool.map(lambda q: get_query(server, q)[0], queries))
            assert set(statuses) <= {200, 503}, statuses  # 503: every slot busy; never 400 or 500
    assert count_quads(server) == expected
    assert all(get_query(server, q)[0] == 200 for q in queries[:5])


# --- finding 5: runaway queries end at their deadline, slot and memory with them ------------------

def test_a_runaway_query_frees_its_slot_at_the_deadline(server):
    values = " ".join(str(i) for i in range(400))
    runaway = (f"SELECT * WHERE {{ VALUES ?a {{ {values} }} VALUES ?b {{ {values} }} VALUES ?c {{ {values} }} }} "
               "ORDER BY ?a ?b ?c")
    cartesian = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    for query in (runaway, cartesian, runaway):
        t0 = time.monotonic()
        status, _, body = get_query(server, query)
        assert status == 503, body
        assert time.monotonic() - t0 < 10
    # both slots (--max-concurrent 2) are free again at once: two good queries in parallel
    time.sleep(1.0)
    with concurrent.futures.ThreadPoolExecutor(2) as pool:
        t0 = time.monotonic()
        statuses = list(pool.map(lambda _: get_query(server, "ASK { ?s a kg:Offer }")[0], range(2)))
    assert statuses == [200, 200] and time.monotonic() - t0 < 3


def test_a_runaway_query_does_not_grow_the_server(server):
    import psutil

    proc = psutil.Process(server.proc.pid)
    before = proc.memory_info().rss
    values = " ".join(str(i) for i in range(300))
    query = f"SELECT * WHERE {{ VALUES ?a {{ {values} }} VALUES ?b {{ {values} }} VALUES ?c {{ {values} }} }} ORDER BY ?c"
    assert get_query(server, query)[0] == 503
    time.sleep(0.5)
    assert proc.memory_info().rss - before < 300 * 1024 * 1024


# --- finding 6: a catastrophic REGEX ---------------------------------------------------------------

def test_a_catastrophic_regex_does_not_freeze_other_queries(server):
    evil = ('SELECT * WHERE { VALUES ?x { "' + "a" * 29 + '!" } FILTER(REGEX(?x, "^(a|a)+$")) '
            'FILTER(REGEX(?x, "^(a+)+$")) }')
    with concurrent.futures.ThreadPoolExecutor(2) as pool:
        slow = pool.submit(get_query, server, evil)
        time.sleep(0.2)
        t0 = time.monotonic()
        status, _, _ = get_query(server, "ASK { ?s a kg:Offer }")
        other = time.monotonic() - t0
        assert status == 200 and other < 2.0, other
        assert slow.result()[0] in (200, 400, 503)


# --- minor: timeouts, Content-Length, formulas ------------------------------------------------------

def test_an_idle_connection_is_closed(graph_dir):
    srv = Server(graph_dir, "--engine", "memory")
    try:
        with socket.create_connection(("127.0.0.1", srv.port), timeout=30) as sock:
            t0 = time.monotonic()
            assert sock.recv(100) == b""  # closed by the server, not by our timeout
            assert time.monotonic() - t0 < 15
        assert count_quads(srv) > 0
    finally:
        srv.stop()


def test_a_short_body_gets_408_not_a_thread_held_forever(server):
    t0 = time.monotonic()
    with socket.create_connection(("127.0.0.1", server.port), timeout=30) as sock:
        sock.sendall(b"POST /sparql HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/sparql-query\r\n"
                     b"Content-Length: 100\r\n\r\nASK {")
        answer = sock.recv(1000)
    assert answer.startswith(b"HTTP/1.1 408") or answer == b""
    assert time.monotonic() - t0 < 15


@pytest.mark.parametrize("lengths", [(b"5", b"100"), (b"5", b"5"), (b"+5",), (b"0x5",)])
def test_odd_content_lengths_are_refused(server, lengths):
    headers = b"".join(b"Content-Length: " + n + b"\r\n" for n in lengths)
    answer = raw_request(server, b"POST /sparql HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/sparql-query\r\n"
                                 + headers + b"Connection: close\r\n\r\nASK {}")
    assert answer.startswith(b"HTTP/1.1 400"), answer[:200]


def test_csv_and_tsv_cells_never_start_a_formula(server):
    query = ('SELECT ?x ?n WHERE { VALUES (?x ?n) { ("=HYPERLINK(\\"http://x/\\")" -5) ("+1+1" 2) ("@SUM(A1)" 3) '
             '("-2+3" 4) ("plain" 5) } }')
    status, _, body = http(server.sparql + "?" + urllib.parse.urlencode({"query": query}),
                           headers={"Accept": "text/csv"})
    assert status == 200
    rows = list(csv.reader(io.StringIO(body.decode())))[1:]
    assert {r[0] for r in rows} == {"'=HYPERLINK(\"http://x/\")", "'+1+1", "'@SUM(A1)", "'-2+3", "plain"}
    assert "-5" in {r[1] for r in rows}
    status, _, body = http(server.sparql + "?" + urllib.parse.urlencode({"query": query}),
                           headers={"Accept": "text/tab-separated-values"})
    assert b"\"'=HYPERLINK" in body and b'\t"=' not in body


def test_from_named_an_article_graph_is_answered(server):
    status, _, body = get_query(server, "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s a kg:Article } } LIMIT 1")
    graph = json.loads(body)["results"]["bindings"][0]["g"]["value"]
    status, _, body = get_query(server, f"SELECT (COUNT(*) AS ?n) FROM NAMED <{graph}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}")
    assert status == 200, body
    assert int(json.loads(body)["results"]["bindings"][0]["n"]["value"]) > 0


def test_service_hidden_behind_a_carriage_return_gets_400(server, listener):
    query = f"SELECT * WHERE {{ #\r SERVICE<http://127.0.0.1:{listener.port}/x>{{ ?s ?p ?o }} \n}}"
    status, _, body = http(server.sparql, data=query.encode(), headers={"Content-Type": "application/sparql-query"})
    assert status == 400 and b"is refused" in body
    time.sleep(0.3)
    assert listener.connections == 0

"""Stores: graph files into rdflib or Oxigraph, persistent Oxigraph stores, and a real Oxigraph SPARQL server.

Nothing is mocked: the remote store talks HTTP to `oxigraph serve` started here on
a free loopback port, and is read back with SPARQLWrapper.
"""
from __future__ import annotations

import json
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pyoxigraph as ox
import pytest
from procs import stop_process
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.namespace import RDFS
from SPARQLWrapper import JSON, SPARQLWrapper

from kg.errors import InputError, KgError
from kg.sparql.run import run_query
from kg.store.files import load_dataset
from kg.store.oxigraph import OxigraphDiskStore
from kg.store.registry import open_store
from kg.store.remote import RemoteStore, parse_remote_spec, update_batches
from kg.vocab import KG

OXIGRAPH_BIN = Path(sys.executable).parent / "oxigraph"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class OxigraphServer:
    """`oxigraph serve` on a free loopback port, with its data in ``location``."""

    def __init__(self, location: Path):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.proc = subprocess.Popen([str(OXIGRAPH_BIN), "serve", "--location", str(location),
                                      "--bind", f"127.0.0.1:{self.port}"],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(f"{self.url}/query?query=ASK%7B%7D", timeout=2).read()
                return
            except OSError:
                if self.proc.poll() is not None or time.monotonic() > deadline:
                    self.stop()
                    raise RuntimeError("oxigraph serve did not start")
                time.sleep(0.1)

    def select(self, query: str) -> list[dict]:
        client = SPARQLWrapper(f"{self.url}/query")
        client.setQuery(query)
        client.setReturnFormat(JSON)
        return client.query().convert()["results"]["bindings"]

    def stop(self) -> None:
        stop_process(self.proc)


@pytest.fixture
def oxigraph_server(tmp_path):
    server = OxigraphServer(tmp_path / "oxigraph-data")
    yield server
    server.stop()


@pytest.fixture(scope="module")
def memory(trig):
    return load_dataset(trig, engine="memory")


def quads(ds) -> set:
    return {(s, p, o, g) for s, p, o, g in ds.quads((None, None, None, None))}


def article_graphs(ds) -> dict[URIRef, Graph]:
    return {URIRef(g.identifier): g for g in ds.graphs() if g.identifier != DATASET_DEFAULT_GRAPH_ID and len(g)}


# ---------------------------------------------------------------------------
# Loading graph files


def test_both_engines_load_the_same_quads(trig, memory):
    fast = load_dataset(trig, engine="oxigraph")
    assert quads(fast) == quads(memory)
    assert len(article_graphs(fast)) == len(article_graphs(memory)) == 9


@pytest.mark.parametrize("fmt", ["ttl", "trig", "nq", "nt", "jsonld"])
def test_exports_are_the_same_from_either_engine(trig, memory, fmt):
    from kg.store.files import serialize

    fast = load_dataset(trig, engine="oxigraph")
    if fmt == "jsonld":  # same quads; the serialiser's order follows the store
        a, b = Dataset(), Dataset()
        a.parse(data=serialize(memory, fmt), format="json-ld")
        b.parse(data=serialize(fast, fmt), format="json-ld")
        assert quads(a) == quads(b)
    else:
        assert serialize(fast, fmt) == serialize(memory, fmt)


def test_large_files_load_into_oxigraph_by_default(trig, monkeypatch):
    import kg.store.files

    monkeypatch.setattr(kg.store.files, "FAST_LOAD_BYTES", 1)
    assert type(load_dataset(trig).store).__name__ == "KgOxigraphStore"
    monkeypatch.setattr(kg.store.files, "FAST_LOAD_BYTES", 10**12)
    assert type(load_dataset(trig).store).__name__ == "Memory"


def test_oxigraph_union_counts_each_triple_once(trig, memory):
    """Oxigraph 0.5's own union default graph counts a triple once per graph (oxigraph#1919); ours does not."""
    fast = load_dataset(trig, engine="oxigraph")
    query = "SELECT (COUNT(*) AS ?n) WHERE { ?e a kg:Country }"
    ours = int(run_query(fast, query).rows[0][0])
    assert ours == int(run_query(memory, query).rows[0][0])
    raw = ox.Store()
    raw.load(path=str(trig), format=ox.RdfFormat.TRIG)
    theirs = int(next(iter(raw.query(query.replace("kg:", "<https://w3id.org/newskg/ontology#").replace(
        "Country", "Country>"), use_default_graph_as_union=True)))[0].value)
    assert theirs > ours  # the reason the union is materialised


def test_plain_literals_stay_plain_on_oxigraph(trig):
    fast = load_dataset(trig, engine="oxigraph")
    labels = {o for _, _, o in fast.triples((None, RDFS.label, None))}
    assert Literal("Huawei") in labels
    assert all(lit.datatype is None for lit in labels)
    rows = run_query(fast, "SELECT ?l WHERE { ?e rdfs:label ?l } LIMIT 3").rows
    assert all(r[0].datatype is None for r in rows)


def test_turtle_loads_into_the_default_graph(examples_build):
    ttl = Path(examples_build.outputs["ttl"])
    for engine in ("memory", "oxigraph"):
        ds = load_dataset(ttl, engine=engine)
        n = run_query(ds, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }").rows[0][0]
        assert int(n) == len(Graph().parse(ttl, format="turtle"))


@pytest.mark.parametrize("engine", ["memory", "oxigraph"])
def test_broken_files_are_input_errors(tmp_path, engine):
    bad = tmp_path / "bad.trig"
    bad.write_text("<urn:g> { <urn:a> <urn:b> \"unterminated }\n", encoding="utf-8")
    with pytest.raises(InputError, match="is not valid trig"):
        load_dataset(bad, engine=engine)


def test_json_ld_never_fetches_a_remote_context(tmp_path):
    hits = []
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(4)
    sock.settimeout(0.2)
    stop = threading.Event()

    def accept():
        while not stop.is_set():
            try:
                conn, _ = sock.accept()
            except OSError:
                continue
            hits.append(1)
            conn.close()

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        doc = tmp_path / "g.jsonld"
        doc.write_text(json.dumps({"@context": f"http://127.0.0.1:{sock.getsockname()[1]}/ctx.jsonld",
                                   "@id": "urn:a", "name": "x"}), encoding="utf-8")
        with pytest.raises(InputError):
            load_dataset(doc)
        inline = tmp_path / "inline.jsonld"
        inline.write_text(json.dumps({"@context": {"name": "http://schema.org/name"}, "@id": "urn:a", "name": "x"}),
                          encoding="utf-8")
        assert (URIRef("urn:a"), URIRef("http://schema.org/name"), Literal("x")) in {
            (s, p, o) for s, p, o, _ in load_dataset(inline).quads((None, None, None, None))}
        time.sleep(0.3)
        assert hits == []
    finally:
        stop.set()
        thread.join(timeout=2)
        sock.close()


# ---------------------------------------------------------------------------
# Persistent Oxigraph stores


def test_oxigraph_store_round_trip(tmp_path, memory):
    path = tmp_path / "graph.db"
    with OxigraphDiskStore(path) as store:
        store.replace_graphs(article_graphs(memory))
        assert store.stats()["named_graphs"] == 9
    ds = load_dataset(f"oxigraph:{path}")
    assert quads(ds) == quads(memory)
    for name in ("offers", "mentions"):
        assert len(run_query(ds, name).rows) == len(run_query(memory, name).rows)


def test_replacing_a_graph_keeps_the_union_exact(tmp_path, memory):
    graphs = article_graphs(memory)
    path = tmp_path / "graph.db"
    victim = min(graphs)
    with OxigraphDiskStore(path) as store:
        store.replace_graphs(graphs)
        smaller = Graph()
        for t in list(graphs[victim])[: len(graphs[victim]) // 2]:
            smaller.add(t)
        store.replace_graphs({victim: smaller})
        store.remove_graphs([sorted(graphs)[1]])
        raw = store.store
        union = {(q.subject, q.predicate, q.object) for q in raw.quads_for_pattern(None, None, None, ox.DefaultGraph())}
        named = {(q.subject, q.predicate, q.object) for q in raw.quads_for_pattern(None, None, None, None)
                 if not isinstance(q.graph_name, ox.DefaultGraph)}
        assert union == named
        assert store.stats()["named_graphs"] == 8


def test_a_missing_oxigraph_store_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="no Oxigraph store"):
        load_dataset(f"oxigraph:{tmp_path / 'nothing'}")


def test_open_store_kinds(tmp_path, examples_build):
    folder = Path(examples_build.outputs["trig"]).parent
    with open_store(folder) as store:  # a build folder is locked while open
        assert store.stats()["named_graphs"] == 9
    assert isinstance(open_store(f"oxigraph:{tmp_path / 'db'}"), OxigraphDiskStore)
    only_ttl = tmp_path / "ttl-only"
    only_ttl.mkdir()
    (only_ttl / "graph.ttl").write_text("<urn:a> <urn:b> <urn:c> .\n", encoding="utf-8")
    with pytest.raises(InputError, match="no graph.trig"):
        open_store(only_ttl)


# ---------------------------------------------------------------------------
# SPARQL endpoints


def test_remote_spec_forms():
    s = parse_remote_spec("sparql+http://h:7878/query#update=update&gsp=store&batch=50")
    assert (s.query_url, s.update_url, s.gsp_url, s.batch_triples) == (
        "http://h:7878/query", "http://h:7878/update", "http://h:7878/store", 50)
    s = parse_remote_spec("sparql+https://user:p%40ss@h/ds/sparql")
    assert s.query_url == s.update_url == "https://h/ds/sparql" and s.gsp_url is None
    assert s._auth.startswith("Basic ")
    with pytest.raises(InputError, match="unknown option"):
        parse_remote_spec("sparql+http://h/q#nope=1")


def test_update_batches_are_bounded_and_put_the_hash_last(memory):
    graphs = article_graphs(memory)
    requests = list(update_batches(graphs, 40))
    assert len(requests) > len(graphs)
    for text in requests:
        assert sum(1 for line in text.splitlines() if line.startswith("<") and line.endswith(" .")) <= 40
    for name in graphs:
        mine = [r for r in requests if f"GRAPH <{name}>" in r]
        assert f"DROP SILENT GRAPH <{name}>" in mine[0]
        assert "ontology#contentHash" in mine[-1]


@pytest.mark.parametrize("spec_options", ["#update=update&gsp=store", "#update=update&batch=150"])
def test_remote_store_writes_article_graphs_and_reads_them_back(oxigraph_server, memory, spec_options):
    store = parse_remote_spec(f"sparql+{oxigraph_server.url}/query{spec_options}")
    graphs = article_graphs(memory)
    store.replace_graphs(graphs)
    if store.gsp_url:
        assert store.requests == len(graphs)  # one PUT per article graph
    else:
        assert store.requests == len(list(update_batches(graphs, 150))) > len(graphs) // 2
    rows = oxigraph_server.select("SELECT (COUNT(DISTINCT ?g) AS ?g) (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
    assert int(rows[0]["g"]["value"]) == 9
    assert int(rows[0]["n"]["value"]) == len(quads(memory))
    # writing the same graphs again replaces them: nothing doubles
    store.replace_graphs(graphs)
    assert store.stats() == {"named_graphs": 9, "quads": len(quads(memory)),
                             "triples": len({q[:3] for q in quads(memory)})}
    label = oxigraph_server.select(
        "SELECT ?l WHERE { GRAPH ?g { <https://w3id.org/newskg/id/company/huawei> "
        "<http://www.w3.org/2000/01/rdf-schema#label> ?l } } LIMIT 1")
    assert label[0]["l"]["value"] == "Huawei"


def test_an_unreachable_endpoint_is_a_clear_error():
    store = RemoteStore(f"http://127.0.0.1:{free_port()}/query", timeout=5)
    with pytest.raises(KgError, match="cannot reach the SPARQL endpoint"):
        store.stats()


def test_graph_store_content_hash_triple_is_written_last(memory):
    from kg.store.base import ordered_triples

    graph = next(iter(article_graphs(memory).values()))
    assert ordered_triples(graph)[-1][1] == KG.contentHash

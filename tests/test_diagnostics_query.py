"""Empty results explained: names that match nothing, kg: terms the ontology lacks, missing parameters, non-graphs.

Run like a user would: ``kg query`` as a subprocess, ``kg.query`` from Python, ``kg serve`` over HTTP, all on the
real build of the bundled examples. The names a test expects as suggestions are not written here: a suggestion
is right when the same query, given it, finds rows.
"""
from __future__ import annotations

import json
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request
import warnings
from pathlib import Path

import pytest
from procs import stop_process
from rdflib import URIRef

import kg
from kg.errors import KgWarning, QueryError, UnknownTermWarning, UnmatchedNameWarning
from kg.rdf.ontology import load_ontology
from kg.sparql.catalogue import load_bundled_queries
from kg.sparql.diagnose import free_variables, name_parameters, unknown_term_notes
from kg.sparql.names import fold_name, nearest_names
from kg.sparql.safety import check_query
from kg.vocab import NS

ROOT = Path(__file__).resolve().parent.parent
KG_CMD = [sys.executable, "-m", "kg.cli"]
# a name parameter of a bundled query, a misspelling of a name in the examples, and that name
MISSPELT = [("sanctions-on-target", "target", "Huwaei", "huawei"),
            ("roles", "person", "Mnuchn", "Steven Mnuchin"),
            ("offers", "by", "Brodcom", "broadcom"),
            ("sanctions-by-body", "body", "Comerce Department", "Commerce Department"),
            ("sources", "entity", "ZTA", "ZTE")]


@pytest.fixture(scope="module")
def out(examples_build) -> Path:
    return Path(examples_build.outputs["trig"]).parent


@pytest.fixture(scope="module")
def ds(out):
    return kg.load_dataset(out)


def ours(caught) -> list[str]:
    """The messages of newskg's own warnings among those caught."""
    return [str(w.message) for w in caught if issubclass(w.category, KgWarning)]


def kg_run(*args, **kw) -> subprocess.CompletedProcess:
    return subprocess.run([*KG_CMD, *map(str, args)], capture_output=True, text=True, cwd=ROOT, timeout=300, **kw)


# --------------------------------------------------------------------------- names that match nothing

@pytest.mark.parametrize("name,param,wrong,right", MISSPELT)
def test_python_warns_when_a_name_matches_nothing_and_its_suggestion_finds_rows(ds, name, param, wrong, right):
    assert kg.query(ds, name, **{param: right}), "the right spelling must find rows on the examples"
    with pytest.warns(UnmatchedNameWarning) as caught:
        rows = kg.query(ds, name, **{param: wrong})
    assert rows == []
    [message] = ours(caught)
    assert f"{param}={wrong!r}" in message and "did you mean" in message
    suggestions = [s.strip(" '") for s in message.split("did you mean:", 1)[1].split("', '")]
    assert any(kg.query(ds, name, **{param: s}) for s in suggestions), suggestions
    [warning] = [w for w in caught if w.category is UnmatchedNameWarning]
    assert warning.filename == __file__  # the warning points at the caller's line


def test_no_warning_when_rows_come_back_or_the_name_exists(ds):
    with warnings.catch_warnings():
        warnings.simplefilter("error", KgWarning)
        assert kg.query(ds, "sanctions-on-target", target="HUAWEI")
        # a real name whose query is empty: the name is not the reason, so nothing is said
        person = str(kg.query(ds, "roles")[0].person_label)
        assert kg.query(ds, "sanctions-on-target", target=person) == []


def test_the_warning_can_be_made_an_error_by_its_class(ds):
    with warnings.catch_warnings():
        warnings.simplefilter("error", UnmatchedNameWarning)
        with pytest.raises(UnmatchedNameWarning, match="Huwaei"):
            kg.query(ds, "sanctions-on-target", target="Huwaei")


def test_an_iri_that_is_no_node_is_reported(ds):
    with pytest.warns(UnmatchedNameWarning, match="no node of the graph"):
        assert kg.query(ds, "sources", entity="<https://w3id.org/newskg/id/company/huwaei>") == []


def test_a_parameter_that_is_not_a_name_is_not_checked_against_names(ds):
    # mentions' type is compared with a class name, not a label: an empty answer says nothing about names
    assert "type" not in name_parameters(check_query(load_bundled_queries()["mentions"].text))
    with warnings.catch_warnings():
        warnings.simplefilter("error", UnmatchedNameWarning)
        assert kg.query(ds, "mentions", type="Compnay") == []


def test_cli_says_it_on_stderr_and_exits_zero(out):
    proc = kg_run("query", out, "roles", "-p", "person=Mnuchn")
    assert proc.returncode == 0, proc.stderr
    assert "(0 rows)" in proc.stdout and "Mnuchn" not in proc.stdout
    assert proc.stderr.startswith("kg query: warning: person='Mnuchn' matches no name or alias in the graph")
    suggested = proc.stderr.split("did you mean: ", 1)[1].strip().strip("'").split("', '")
    assert kg_run("query", out, "roles", "-p", f"person={suggested[0]}").stdout.count("Steven Mnuchin") >= 1
    good = kg_run("query", out, "roles", "-p", "person=Steven Mnuchin", "--format", "csv")
    assert good.returncode == 0 and good.stderr == "" and "Steven Mnuchin" in good.stdout


def test_cli_user_query_file_gets_the_same_check(out, tmp_path):
    # a .rq of the reader's own: ?who is compared with labels, so it is a name parameter too
    rq = tmp_path / "who.rq"
    rq.write_text("SELECT ?x WHERE { ?x rdfs:label ?l . FILTER(LCASE(?l) = LCASE(?who)) }\n", encoding="utf-8")
    proc = kg_run("query", out, rq, "-p", "who=Pfzer")
    assert proc.returncode == 0 and "who='Pfzer'" in proc.stderr and "'Pfizer'" in proc.stderr


def test_nearest_names_are_deterministic_and_fold_case_and_accents():
    names = ["Nicolás Maduro", "Nicolas Sarkozy", "Maduro", "ZTE", "Huawei"]
    assert nearest_names("nicolas maduro", names)[0] == "Nicolás Maduro"
    assert nearest_names("Huwaei", names) == nearest_names("Huwaei", list(reversed(names))) == ["Huawei"]
    assert nearest_names("Xyzzy", names) == []
    assert fold_name("  NICOLÁS   Maduro ") == "nicolas maduro"


# --------------------------------------------------------------------------- kg: terms the ontology lacks

def test_unknown_kg_terms_are_reported_before_running_with_the_nearest_term(out, ds):
    proc = kg_run("query", out, "SELECT ?o WHERE { ?o a kg:Ofer ; kg:ofered_by ?who }")
    assert proc.returncode == 0
    lines = proc.stderr.splitlines()
    assert any("kg:Ofer is not defined" in line and "kg:Offer" in line for line in lines)
    assert any("kg:ofered_by is not defined" in line and "kg:offeredBy" in line for line in lines)
    with pytest.warns(UnknownTermWarning, match="did you mean: kg:target"):
        assert kg.query(ds, "SELECT ?s WHERE { ?s <https://w3id.org/newskg/ontology#tagret> ?t }") == []


@pytest.mark.parametrize("query", [
    "ASK { ?s kg:imposedBy/kg:jurisdicton ?c }",                                   # in a property path
    "ASK { ?s a kg:Sanction FILTER EXISTS { ?s kg:tagret ?t } }",                   # inside FILTER EXISTS
    "PREFIX k: <https://w3id.org/newskg/ontology#> ASK { ?s k:ofered ?o }",         # under another prefix
])
def test_unknown_terms_are_found_wherever_they_are(query):
    assert len(unknown_term_notes(check_query(query))) == 1


def test_every_ontology_term_and_every_shipped_query_passes():
    terms = sorted(str(s)[len(NS):] for s in set(load_ontology().subjects()) if str(s).startswith(NS) and str(s) != NS)
    assert len(terms) > 40
    every = "ASK { " + " ".join(f"OPTIONAL {{ ?s kg:{t} ?o{i} }}" for i, t in enumerate(terms)) + " }"
    assert unknown_term_notes(check_query(every)) == []
    texts = [q.text for q in load_bundled_queries().values()]
    texts += [p.read_text(encoding="utf-8") for p in sorted((ROOT / "examples" / "queries").glob("*.rq"))]
    assert all(unknown_term_notes(check_query(t)) == [] for t in texts)


def test_an_unknown_term_anywhere_else_is_left_alone():
    assert unknown_term_notes(check_query("ASK { ?s <https://example.org/Ofer> ?o ; schema:nam ?n }")) == []


# --------------------------------------------------------------------------- parameters nobody gave

@pytest.mark.parametrize("name", sorted(load_bundled_queries()))
def test_the_parameters_found_in_each_bundled_query_are_the_ones_it_declares(name):
    bundled = load_bundled_queries()[name]
    assert free_variables(check_query(bundled.text)) == {p.name: p.optional for p in bundled.params}


def test_a_query_file_run_without_its_parameter_names_it(out, ds):
    rq = ROOT / "examples" / "queries" / "about-an-entity.rq"
    proc = kg_run("query", out, rq)
    assert proc.returncode == 2 and proc.stdout == ""
    assert "needs a value for ?entity" in proc.stderr and "--param entity=" in proc.stderr
    with pytest.raises(QueryError, match=r"\?entity"):
        kg.query(ds, str(rq))
    assert kg_run("query", out, rq, "-p", "entity=ZTE").stdout.count("\n") > 2


def test_a_bundled_query_run_without_its_parameter_names_it(out):
    proc = kg_run("query", out, "sources")
    assert proc.returncode == 2 and "needs a value for entity" in proc.stderr


def test_query_file_header_declares_what_is_optional_and_what_is_required(ds, tmp_path):
    optional = tmp_path / "optional.rq"
    optional.write_text("# param who (optional): a name\n"
                        "SELECT ?x WHERE { ?x a kg:Company ; rdfs:label ?l . FILTER(!BOUND(?who) || ?l = ?who) }\n",
                        encoding="utf-8")
    assert kg.query(ds, str(optional))
    required = tmp_path / "required.rq"
    required.write_text("# param kind: a class\nSELECT ?x WHERE { ?x a ?kind }\n", encoding="utf-8")
    with pytest.raises(QueryError, match=r"needs a value for \?kind"):
        kg.query(ds, str(required))


def test_inline_sparql_keeps_plain_sparql_semantics(ds):
    # text is not a file: a variable nobody binds is the author's business, as on any SPARQL endpoint
    assert kg.query(ds, "SELECT ?x WHERE { ?x rdfs:label ?l FILTER(?l = ?nobody) }") == []


# --------------------------------------------------------------------------- what is not a graph

@pytest.mark.parametrize("make,message", [
    (lambda d: d / "report.json", "holds no RDF triples"),
    (lambda d: _write(d.parent / "notes.txt", "some notes, not a graph\n"), "unknown graph format"),
    (lambda d: _write(d.parent / "empty.ttl", ""), "holds no RDF triples"),
])
def test_a_file_that_is_not_a_graph_is_an_error_not_zero_rows(out, tmp_path, make, message):
    folder = tmp_path / "build"
    folder.mkdir()
    (folder / "report.json").write_text((out / "report.json").read_text(encoding="utf-8"), encoding="utf-8")
    path = make(folder)
    for command in (["query", path, "offers"], ["view", path, "-o", tmp_path / "v.html"]):
        proc = kg_run(*command)
        assert proc.returncode == 2 and message in proc.stderr and proc.stdout == "", proc
    with pytest.raises(kg.KgError, match=message):
        kg.query(str(path), "offers")


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


# --------------------------------------------------------------------------- kg serve

@pytest.fixture(scope="module")
def server(out):
    proc = subprocess.Popen([*KG_CMD, "serve", str(out), "--port", "0"], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, cwd=ROOT)
    line = proc.stdout.readline()
    if "http://" not in line:
        stop_process(proc)
        pytest.fail(f"kg serve did not start: {line!r}")
    yield line.split("graph view ", 1)[1].split()[0]
    stop_process(proc)


def _get(url: str):
    try:
        with urllib.request.urlopen(url, timeout=60) as resp:
            return resp.status, resp.headers, resp.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers, exc.read()


def test_serve_explains_an_empty_bundled_query_in_a_header_and_the_json(server, ds):
    status, headers, body = _get(server + "queries/sanctions-on-target?target=Huwaei")
    assert status == 200
    header = json.loads(headers["X-Kg-Unmatched"])
    doc = json.loads(body)
    assert doc["results"]["bindings"] == [] and doc["unmatched"] == header
    assert header[0]["param"] == "target" and header[0]["value"] == "Huwaei"
    assert any(kg.query(ds, "sanctions-on-target", target=s) for s in header[0]["suggestions"])
    status, headers, body = _get(server + "queries/sanctions-on-target?target=huawei")
    assert status == 200 and "X-Kg-Unmatched" not in headers and "unmatched" not in json.loads(body)


def test_serve_names_unknown_terms_in_a_header(server):
    query = urllib.parse.urlencode({"query": "SELECT ?o WHERE { ?o a kg:Sanctoin }"})
    status, headers, _body = _get(server + "sparql?" + query)
    assert status == 200 and "kg:Sanction" in json.loads(headers["X-Kg-Warning"])[0]
    status, headers, _body = _get(server + "sparql?" + urllib.parse.urlencode({"query": "ASK { ?o a kg:Offer }"}))
    assert status == 200 and "X-Kg-Warning" not in headers


def test_serve_refuses_a_non_graph_at_start(out, tmp_path):
    proc = kg_run("serve", out / "report.json", "--port", "0")
    assert proc.returncode == 2 and "holds no RDF triples" in proc.stderr


def test_an_iri_parameter_is_checked_against_the_graph():
    from rdflib import Dataset

    ds = Dataset()
    ds.graph(URIRef("https://w3id.org/newskg/id/article/a")).add(
        (URIRef("https://w3id.org/newskg/id/company/x"), URIRef(NS + "basedIn"), URIRef("https://w3id.org/c")))
    with warnings.catch_warnings():
        warnings.simplefilter("error", UnmatchedNameWarning)
        assert kg.query(ds, "SELECT ?c WHERE { ?x kg:basedIn ?c }", x="<https://w3id.org/newskg/id/company/x>")

"""kg build end to end: outputs, determinism, round trips in an independent parser, the CLI and the wheel."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pyoxigraph
import pytest
from rdflib import Dataset, Graph

from kg.builder.full import build
from kg.store.files import serialize

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "articles"
KG_CMD = [sys.executable, "-m", "kg.cli"]


def test_outputs_and_report(examples_build):
    out = examples_build.outputs
    for key in ("ttl", "trig", "report"):
        assert out[key].is_file() and out[key].stat().st_size > 0
    report = json.loads(out["report"].read_text(encoding="utf-8"))
    assert report["articles_read"] == len(list(EXAMPLES.iterdir()))
    assert report["articles_skipped"] == 0
    assert report["entities_by_type"]["Company"] > 10
    assert report["offers"] >= 4 and report["sanctions"] >= 4
    assert report["triples"] > 500 and report["named_graphs"] == report["articles_read"]


def test_one_named_graph_per_article(examples_build):
    ds = Dataset()
    ds.parse(examples_build.outputs["trig"], format="trig")
    names = {g.identifier for g in ds.graphs() if len(g) and g.identifier != ds.default_graph.identifier}
    assert len(names) == len(list(EXAMPLES.iterdir()))


def _ox_triples(path: Path, fmt) -> set:
    return {(str(q.subject), str(q.predicate), str(q.object)) for q in pyoxigraph.parse(path=str(path), format=fmt)}


def test_turtle_and_trig_round_trip_in_oxigraph(examples_build):
    ttl = _ox_triples(examples_build.outputs["ttl"], pyoxigraph.RdfFormat.TURTLE)
    trig = _ox_triples(examples_build.outputs["trig"], pyoxigraph.RdfFormat.TRIG)
    assert ttl == trig and len(ttl) == examples_build.report["triples"]


@pytest.mark.parametrize("fmt,ox", [("nq", pyoxigraph.RdfFormat.N_QUADS), ("nt", pyoxigraph.RdfFormat.N_TRIPLES),
                                    ("jsonld", pyoxigraph.RdfFormat.JSON_LD)])
def test_other_formats_parse(examples_build, tmp_path, fmt, ox):
    path = tmp_path / f"g.{fmt}"
    path.write_bytes(serialize(examples_build.dataset, fmt))
    triples = _ox_triples(path, ox)
    assert len(triples) == examples_build.report["triples"]


def test_build_is_deterministic(tmp_path):
    a = build([str(EXAMPLES)], out=tmp_path / "a")
    b = build([str(EXAMPLES)], out=tmp_path / "b")
    for fmt in ("ttl", "trig"):
        assert a.outputs[fmt].read_bytes() == b.outputs[fmt].read_bytes(), fmt


def test_output_bytes_are_the_same_in_separate_processes(tmp_path):
    for name in ("p1", "p2"):
        proc = _run(["build", str(EXAMPLES), "--out", str(tmp_path / name), "--no-view", "-q"])
        assert proc.returncode == 0, proc.stderr
    for fname in ("graph.ttl", "graph.trig"):
        assert (tmp_path / "p1" / fname).read_bytes() == (tmp_path / "p2" / fname).read_bytes(), fname


def test_authors_are_person_nodes_shared_with_the_text(tmp_path):
    from rdflib import RDF, RDFS, Namespace

    schema = Namespace("https://schema.org/")
    kg_ns = Namespace("https://w3id.org/newskg/ontology#")
    folder = tmp_path / "a"
    folder.mkdir()
    (folder / "one.txt").write_text("By Lena Vogt\nMay 3, 2021\n\nRegulators approved the merger of two grid "
                                    "operators on Monday after a long review of their networks.\n", encoding="utf-8")
    (folder / "two.txt").write_text("The columnist Lena Vogt said on Friday that the regulator had moved too "
                                    "slowly on the grid merger review this year.\n", encoding="utf-8")
    from kg.rdf.writer import union_graph

    g = union_graph(build([str(folder)], out=None).dataset)
    (author,) = set(g.objects(None, schema.author))
    assert (author, RDF.type, kg_ns.Person) in g and str(g.value(author, RDFS.label)) == "Lena Vogt"
    assert (author, kg_ns.mentionedIn, None) in g  # the same node as the person named in the second article


def test_base_iri_can_be_overridden(tmp_path):
    result = build([str(EXAMPLES / "06-nvidia-arm.txt")], out=None, base="https://example.org/kg/")
    subjects = {str(s) for s, _, _, _ in result.dataset.quads((None, None, None, None))}
    assert all(s.startswith("https://example.org/kg/") for s in subjects)


def _run(args, **kw):
    return subprocess.run(KG_CMD + args, capture_output=True, text=True, cwd=kw.pop("cwd", ROOT), **kw)


def test_cli_build_prints_a_summary_and_exits_zero(tmp_path):
    proc = _run(["build", str(EXAMPLES), "--out", str(tmp_path / "o"), "--no-view"])
    assert proc.returncode == 0, proc.stderr
    assert "read 9 article(s)" in proc.stdout and "offers" in proc.stdout
    assert (tmp_path / "o" / "graph.trig").is_file()


def test_cli_reads_stdin(tmp_path):
    text = (EXAMPLES / "06-nvidia-arm.txt").read_text(encoding="utf-8")
    proc = _run(["build", "-", "--out", str(tmp_path / "s"), "--no-view"], input=text)
    assert proc.returncode == 0, proc.stderr
    g = Graph().parse(tmp_path / "s" / "graph.ttl")
    assert any("Nvidia" in str(o) for o in g.objects())


def test_cli_partial_build_exit_status_and_strict(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text((EXAMPLES / "06-nvidia-arm.txt").read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    proc = _run(["build", str(folder), "--out", str(tmp_path / "p"), "--no-view"])
    assert proc.returncode == 3
    assert "empty.txt: empty file" in proc.stdout
    assert "Traceback" not in proc.stderr
    report = json.loads((tmp_path / "p" / "report.json").read_text(encoding="utf-8"))
    assert report["skipped"][0]["reason"] == "empty file"
    strict = _run(["build", str(folder), "--out", str(tmp_path / "q"), "--no-view", "--strict"])
    assert strict.returncode == 1


def test_cli_nothing_buildable_is_an_error_without_traceback(tmp_path):
    proc = _run(["build", str(tmp_path / "missing"), "--out", str(tmp_path / "x")])
    assert proc.returncode == 2
    assert "no such file" in proc.stderr and "Traceback" not in proc.stderr


def test_cli_export(examples_build, tmp_path):
    out = tmp_path / "g.nt"
    proc = _run(["export", str(examples_build.outputs["trig"]), "--format", "nt", "-o", str(out)])
    assert proc.returncode == 0, proc.stderr
    assert len(Graph().parse(out, format="nt")) == examples_build.report["triples"]


def test_cli_help_has_examples():
    proc = _run(["--help"])
    assert proc.returncode == 0 and "examples:" in proc.stdout and "kg build" in proc.stdout


@pytest.mark.slow
def test_wheel_ships_the_ontology(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(ROOT)],
                          capture_output=True, text=True, env={**os.environ, "PIP_DISABLE_PIP_VERSION_CHECK": "1"})
    assert proc.returncode == 0, proc.stderr[-2000:]
    (wheel,) = tmp_path.glob("newskg-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "kg/ontology.ttl" in names
    assert any(n.startswith("kg/knowledge/data/gazetteer/") for n in names)
    assert "kg/knowledge/data/events.yaml" in names
    assert any(n.startswith("kg/sparql/queries/") and n.endswith(".rq") for n in names)
    assert "kg/view/templates/view.js" in names

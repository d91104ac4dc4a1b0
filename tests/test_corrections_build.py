"""``kg build --corrections`` through the real command line, on short articles written for these tests: a
split the file merges, a merge it splits, a type override, a name that is no entity and an alias, checked
on the built graph with SPARQL; then kept across an incremental build into the same folder."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from kg.builder.full import build
from kg.sparql.run import query

ARTICLES = {
    "one.txt": """Prices of NAND rose for a third month, said Activision Blizzard, a big buyer of memory chips.
The mining company Vantage Mining said its copper output fell in March.
The Treasury said it would review the sale of the Chilean mine.
""",
    "two.txt": """Activision Blizzard chief executive Bobby Kotick said NAND supplies were tight.
The mining company Vintage Mining said on Friday it had found gold in Ghana.
In May the US Department of the Treasury put Vintage Mining on its sanctions list.
HalMar, the Norwegian shipping group, said on Wednesday that profits had doubled.
""",
    "three.txt": "Halvorsen Maritime said its ships would avoid the Red Sea.\n",
}

CORRECTIONS = """\
- judgement: same
  name: Treasury
  other: US Department of the Treasury
- judgement: not-same
  name: Vantage Mining
  other: Vintage Mining
- judgement: type
  name: Activision Blizzard
  other: Company
- judgement: not-entity
  name: NAND
- judgement: alias
  name: HalMar
  other: Halvorsen Maritime
- judgement: type
  name: Halvorsen Maritime
  other: Company
- judgement: not-entity
  name: Big Blue
"""

NODES = """SELECT ?node ?cls ?label WHERE {
  ?node a ?cls ; rdfs:label|skos:altLabel ?name ; rdfs:label ?label .
  FILTER(?cls IN (kg:Person, kg:Company, kg:GovernmentBody, kg:Organization, kg:Country))
  FILTER(STR(?name) = ?wanted)
}"""


def _write(folder: Path, names) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        (folder / name).write_text(ARTICLES[name], encoding="utf-8")
    return folder


def _kg(*args, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kg.cli", "build", *map(str, args), "--no-view"],
                          capture_output=True, text=True, cwd=cwd, timeout=300)


def _nodes(graph, name: str) -> set[tuple[str, str, str]]:
    """(node, class, label) of every entity that has ``name`` as its label or an alias."""
    return {(str(r.node), str(r.cls).rsplit("#", 1)[1], str(r.label))
            for r in query(graph, NODES, wanted=name)}


@pytest.fixture(scope="module")
def baseline(tmp_path_factory):
    """The same articles built without corrections: what the resolver does on its own."""
    folder = _write(tmp_path_factory.mktemp("baseline") / "in", ARTICLES)
    return build([str(folder)], out=None).dataset


@pytest.fixture(scope="module")
def corrected(tmp_path_factory):
    work = tmp_path_factory.mktemp("corrected")
    _write(work / "in", ARTICLES)
    (work / "fix.yaml").write_text(CORRECTIONS, encoding="utf-8")
    proc = _kg("in", "--corrections", "fix.yaml", "--out", "out", cwd=work)
    assert proc.returncode == 0, proc.stderr
    return work, proc


def test_the_resolver_alone_gets_these_wrong(baseline):
    # each correction below fixes something the resolver really does on these articles
    assert len(_nodes(baseline, "Treasury") | _nodes(baseline, "US Department of the Treasury")) == 2
    assert len(_nodes(baseline, "Vantage Mining") | _nodes(baseline, "Vintage Mining")) == 1
    assert "Person" in {c for _, c, _ in _nodes(baseline, "Activision Blizzard")}
    assert _nodes(baseline, "NAND")
    assert len(_nodes(baseline, "HalMar") | _nodes(baseline, "Halvorsen Maritime")) == 2


def test_same_merges_a_split(corrected):
    work, _ = corrected
    nodes = _nodes(work / "out", "Treasury") | _nodes(work / "out", "US Department of the Treasury")
    assert len(nodes) == 1
    (node, cls, label), = nodes
    assert (cls, label) == ("GovernmentBody", "US Department of the Treasury")


def test_not_same_splits_a_merge(corrected):
    work, _ = corrected
    vantage, vintage = _nodes(work / "out", "Vantage Mining"), _nodes(work / "out", "Vintage Mining")
    assert len(vantage) == 1 and len(vintage) == 1 and vantage != vintage
    targets = {str(r.label) for r in query(work / "out", "SELECT ?label WHERE { ?s a kg:Sanction ; kg:target ?t . "
                                                         "?t rdfs:label ?label }")}
    assert targets == {"Vintage Mining"}


def test_type_overrides_the_class(corrected):
    work, _ = corrected
    assert {c for _, c, _ in _nodes(work / "out", "Activision Blizzard")} == {"Company"}
    assert len(_nodes(work / "out", "Activision Blizzard")) == 1


def test_not_entity_drops_the_name_and_its_facts(corrected):
    work, _ = corrected
    assert not _nodes(work / "out", "NAND")
    assert not query(work / "out", 'ASK { ?s ?p ?o . FILTER(isLiteral(?o) && STR(?o) = "NAND") }')


def test_alias_joins_the_name_to_the_entity(corrected):
    work, _ = corrected
    nodes = _nodes(work / "out", "HalMar")
    assert nodes == _nodes(work / "out", "Halvorsen Maritime")
    assert {(c, label) for _, c, label in nodes} == {("Company", "Halvorsen Maritime")}


def test_the_report_and_the_terminal_say_what_each_entry_did(corrected):
    work, proc = corrected
    report = json.loads((work / "out" / "report.json").read_text(encoding="utf-8"))["corrections"]
    assert report["file"] == "fix.yaml"
    assert [a["entry"] for a in report["applied"]] == [f"fix.yaml:{n}" for n in (1, 4, 7, 10, 12, 15)]
    assert {a["judgement"]: a["result"] for a in report["applied"]}["not-same"].startswith("kept apart")
    assert [(u["entry"], u["name"]) for u in report["unmatched"]] == [("fix.yaml:18", "Big Blue")]
    assert "warning: fix.yaml:18: not-entity 'Big Blue' matched nothing" in proc.stderr
    assert "corrections: 6 applied, 1 matched nothing" in proc.stdout
    assert (work / "out" / "graph.corrections.yaml").is_file()


def test_corrections_are_kept_for_incremental_builds(tmp_path):
    _write(tmp_path / "first", ["one.txt"])
    _write(tmp_path / "later", ["two.txt", "three.txt"])
    (tmp_path / "fix.yaml").write_text(CORRECTIONS, encoding="utf-8")
    first = _kg("first", "--corrections", "fix.yaml", "--out", "store", cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    later = _kg("later", "--into", "store", cwd=tmp_path)  # no --corrections: the kept ones apply
    assert later.returncode == 0, later.stderr
    store = tmp_path / "store"
    assert len(_nodes(store, "Treasury") | _nodes(store, "US Department of the Treasury")) == 1
    assert len(_nodes(store, "Vantage Mining") | _nodes(store, "Vintage Mining")) == 2
    assert {c for _, c, _ in _nodes(store, "Activision Blizzard")} == {"Company"}
    assert not _nodes(store, "NAND")
    assert {label for _, _, label in _nodes(store, "HalMar")} == {"Halvorsen Maritime"}
    report = json.loads((store / "report.json").read_text(encoding="utf-8"))["corrections"]
    assert report["file"] is None and all(a.get("kept") for a in report["applied"])
    assert "matched nothing" not in later.stderr  # kept entries that found nothing new stay quiet


def test_an_oxigraph_store_keeps_its_corrections_beside_it(tmp_path):
    _write(tmp_path / "first", ["one.txt"])
    _write(tmp_path / "later", ["two.txt"])
    (tmp_path / "fix.yaml").write_text(CORRECTIONS, encoding="utf-8")
    first = _kg("first", "--corrections", "fix.yaml", "--into", "oxigraph:graph.db", cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    assert (tmp_path / "graph.db.corrections.yaml").is_file()
    later = _kg("later", "--into", "oxigraph:graph.db", cwd=tmp_path)
    assert later.returncode == 0, later.stderr
    store = f"oxigraph:{tmp_path / 'graph.db'}"
    assert {c for _, c, _ in _nodes(store, "Activision Blizzard")} == {"Company"}
    assert not _nodes(store, "NAND")
    assert len(_nodes(store, "Vantage Mining") | _nodes(store, "Vintage Mining")) == 2


def test_a_full_build_without_corrections_drops_the_kept_file(tmp_path):
    _write(tmp_path / "in", ["three.txt"])
    (tmp_path / "fix.yaml").write_text(CORRECTIONS, encoding="utf-8")
    with_file = build([str(tmp_path / "in")], out=tmp_path / "out", corrections=tmp_path / "fix.yaml")
    kept = tmp_path / "out" / "graph.corrections.yaml"
    assert with_file.outputs["graph.corrections.yaml"] == kept and kept.is_file()
    build([str(tmp_path / "in")], out=tmp_path / "out")  # this graph is built without them
    assert not kept.exists()

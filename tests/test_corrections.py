"""A corrections file is read as documented, in YAML and CSV alike, and a malformed one is refused with a
message naming the entry at fault (no build needed for any of these)."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from kg.errors import InputError
from kg.read.files import iter_input_paths
from kg.resolve.corrections import load_corrections, merge_corrections, parse_corrections

ROOT = Path(__file__).resolve().parent.parent

YAML = """\
- judgement: same
  name: Treasury
  other: US Department of the Treasury
- judgement: not-same
  name: Vantage Mining
  other: Vintage Mining
  note: two miners
- judgement: alias
  name: HalMar
  other: Halvorsen Maritime
- judgement: type
  name: Activision Blizzard
  other: company
- judgement: not-entity
  name: NAND
"""

CSV = """\
judgement,name,other,note
same,Treasury,US Department of the Treasury,
not-same,Vantage Mining,Vintage Mining,two miners
alias,HalMar,Halvorsen Maritime,
type,Activision Blizzard,Company,
not-entity,NAND,,
"""


def _dicts(corrections):
    return [e.to_dict() for e in corrections.entries]


def test_yaml_and_csv_say_the_same(tmp_path):
    (tmp_path / "c.yaml").write_text(YAML, encoding="utf-8")
    (tmp_path / "c.csv").write_text(CSV, encoding="utf-8")
    from_yaml, from_csv = load_corrections(tmp_path / "c.yaml"), load_corrections(tmp_path / "c.csv")
    assert _dicts(from_yaml) == _dicts(from_csv)
    assert [e.judgement for e in from_yaml.entries] == ["same", "not-same", "alias", "type", "not-entity"]
    assert from_yaml.entries[3].other == "Company"  # classes are read in any case, kept as the ontology spells them
    assert [e.where for e in from_yaml.entries] == [f"{tmp_path / 'c.yaml'}:{n}" for n in (1, 4, 8, 11, 14)]
    assert [e.where for e in from_csv.entries] == [f"{tmp_path / 'c.csv'}:{n}" for n in (2, 3, 4, 5, 6)]
    # what a build keeps reads back to the same judgements
    assert _dicts(parse_corrections(from_csv.to_yaml(), "kept.yaml")) == _dicts(from_yaml)


def test_the_example_file_is_valid_and_never_read_as_an_article():
    example = load_corrections(ROOT / "examples" / "corrections.yaml")
    assert {e.judgement for e in example.entries} == {"same", "not-same", "alias", "type", "not-entity"}
    read = [str(p) for p in iter_input_paths([str(ROOT / "examples")]) if not hasattr(p, "reason")]
    assert read and not [p for p in read if p.endswith("corrections.yaml")]


@pytest.mark.parametrize("text, line, words", [
    ("- judgement: sam\n  name: A\n  other: B\n", 1, ["judgement 'sam'", "same, not-same, alias, type, not-entity"]),
    ("- judgement: same\n  name: A\n  other: B\n- judgement: same\n  name: C\n", 4, ["needs the other name"]),
    ("- judgement: type\n  name: A\n  other: Animal\n", 1, ["'Animal'", "Person, Company, GovernmentBody"]),
    ("- judgement: not-entity\n  name: A\n  other: B\n", 1, ["takes no other"]),
    ("- judgement: same\n  name: Acme Inc\n  other: acme\n", 1, ["twice"]),
    ("- judgement: same\n  nme: A\n", 1, ["unknown field 'nme'"]),
    ("- judgement: alias\n  other: B\n", 1, ["needs a name"]),
    ("- judgement: same\n  name: [A, B]\n  other: C\n", 1, ["name must be text"]),
    ("- judgement: not-entity\n  name: no\n", 1, ["name must be text", "in quotes"]),
    ("- just a string\n", 1, ["an entry is a mapping"]),
    ("- judgement: same\n  name: A\n  other: B\n\n- judgement: not-same\n  name: b\n  other: A\n", 5,
     ["contradicts", ":1:"]),
    ("- judgement: type\n  name: A\n  other: Person\n- judgement: type\n  name: a\n  other: Company\n", 4,
     ["contradicts"]),
    ("- judgement: not-entity\n  name: A\n- judgement: alias\n  name: B\n  other: A\n", 3,
     ["contradicts", "no entity"]),
])
def test_a_malformed_entry_is_named(tmp_path, text, line, words):
    path = tmp_path / "fix.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as err:
        load_corrections(path)
    message = str(err.value)
    assert message.startswith(f"{path}:{line}:"), message
    for word in words:
        assert word in message, message


@pytest.mark.parametrize("name, text, words", [
    ("fix.json", "[]", ["name it .yaml, .yml or .csv"]),
    ("fix.yaml", "judgement: same\n", ["expected a YAML list"]),
    ("fix.yaml", "- judgement: [same\n", ["not valid YAML"]),
    ("fix.csv", "judgment,name\nsame,A\n", ["header row", "judgement and name"]),
    ("fix.csv", "judgement,name,other\nsame,A,B,C,D\n", ["fix.csv:2", "quote a name"]),
])
def test_a_malformed_file_is_refused(tmp_path, name, text, words):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as err:
        load_corrections(path)
    for word in words:
        assert word in str(err.value), str(err.value)


def test_a_missing_file_says_so(tmp_path):
    with pytest.raises(InputError, match="not found"):
        load_corrections(tmp_path / "nope.yaml")


def test_a_new_judgement_replaces_a_kept_one_it_contradicts():
    kept = parse_corrections("- judgement: same\n  name: A\n  other: B\n- judgement: not-entity\n  name: C\n"
                             "- judgement: type\n  name: D\n  other: Person\n", "kept.yaml")
    given = parse_corrections("- judgement: not-same\n  name: B\n  other: A\n- judgement: type\n  name: D\n"
                              "  other: Person\n", "new.yaml")
    merged, replaced = merge_corrections(kept, given)
    assert [e.where for e in replaced] == ["kept.yaml:1"]
    # the repeated type entry is kept once, as the new file gives it
    assert [e.where for e in merged.entries] == ["kept.yaml:4", "new.yaml:1", "new.yaml:4"]


def test_the_cli_refuses_a_malformed_file_before_reading_any_article(tmp_path):
    (tmp_path / "a.txt").write_text("Acme Corp said on Monday it would hire 200 people.\n", encoding="utf-8")
    (tmp_path / "fix.csv").write_text("judgement,name,other\nsame,Acme,Apex Tools\ntype,Acme,Gadget\n",
                                      encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "kg.cli", "build", str(tmp_path / "a.txt"), "--corrections",
                           str(tmp_path / "fix.csv"), "--out", str(tmp_path / "out")],
                          capture_output=True, text=True, cwd=tmp_path)
    assert proc.returncode == 2, proc.stderr
    assert f"{tmp_path / 'fix.csv'}:3: type 'Gadget' for 'Acme' is not one of" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert not (tmp_path / "out").exists()


def test_where_a_store_keeps_its_corrections(tmp_path):
    from kg.builder.kept_corrections import kept_path

    assert kept_path(tmp_path / "out", tmp_path / "out") == tmp_path / "out" / "graph.corrections.yaml"
    assert kept_path(f"oxigraph:{tmp_path}/graph.db/", None) == tmp_path / "graph.db.corrections.yaml"
    assert kept_path("sparql+http://localhost:7878/query", None) is None


def _article(source: str, *entities: tuple[str, str]):
    """An article's result with these (name, class) entities, as the NLP would hand them to resolution."""
    from collections import Counter

    from kg.extract.facts import ArticleResult
    from kg.knowledge.entity_rules import org_key
    from kg.nlp.registry import BUCKETS, LocalEntity
    from kg.read.article import Article

    ents = [LocalEntity(local_id=i, type=t, key=f"{BUCKETS[t]}:{org_key(n)}", names=Counter({n: 1}), mentions=1)
            for i, (n, t) in enumerate(entities)]
    return ArticleResult(article=Article(source=source, file_name=source, text="", content_hash=source),
                         entities=ents, facts=[])


def _resolve(results, text=None):
    from kg.knowledge.gazetteer import load_gazetteer
    from kg.resolve.correcting import CorrectionRun
    from kg.resolve.entities import resolve_entities

    gaz = load_gazetteer()
    judge = CorrectionRun(parse_corrections(text, "fix.yaml"), gaz) if text else None
    if judge is not None:
        results = judge.correct_articles(results)
    resolution = resolve_entities(results, gaz, judge=judge)
    return sorted(sorted(n for n in e.names) for e in resolution.entities if e.articles), judge


def test_not_same_refuses_a_join_any_rule_asks_for():
    results = [_article("a", ("Vantage Mining", "Company")), _article("b", ("Vintage Mining", "Company"))]
    merged, _ = _resolve(results)
    assert merged == [["Vantage Mining", "Vintage Mining"]]  # the typo rule joins them
    apart, judge = _resolve(results, "- judgement: not-same\n  name: Vintage Mining\n  other: Vantage Mining\n")
    assert apart == [["Vantage Mining"], ["Vintage Mining"]]
    assert judge.report()["applied"][0]["result"] == "kept apart: Vantage Mining, Vintage Mining"


def test_a_same_that_would_cross_a_not_same_is_refused_and_reported():
    results = [_article("a", ("Orvik Foods", "Company"), ("Tessaly Group", "Company")),
               _article("b", ("Orvik", "Company"), ("Kestrel Labs", "Company"))]
    text = ("- judgement: same\n  name: Orvik Foods\n  other: Orvik\n"
            "- judgement: not-same\n  name: Orvik\n  other: Kestrel Labs\n"
            "- judgement: same\n  name: Orvik Foods\n  other: Kestrel Labs\n")
    groups, judge = _resolve(results, text)
    assert ["Orvik", "Orvik Foods"] in groups and ["Kestrel Labs"] in groups
    results_by_entry = {a["entry"]: a["result"] for a in judge.report()["applied"]}
    assert results_by_entry["fix.yaml:7"].startswith("not joined: fix.yaml:4 says they are different")
    # the same file gives the same entities every time
    assert _resolve(results, text)[0] == groups

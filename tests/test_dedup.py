"""Copies and syndication: exact and near copies are found before any NLP, linked to their original and never
counted as a second source.

The corpus test builds the bundled examples alone and again with 50 exact and 20 near copies of them (made by
``benchmarks.dedup.write_copies`` from the examples, which are our own texts), both with the real CLI, and
compares what a user counts.
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import kg
from benchmarks.dedup import ACCOUNTS, load_examples, reprint_text, write_copies
from kg.errors import InputError
from kg.read.article import parse_article_text
from kg.read.copies import DEFAULT_THRESHOLD, CopyFinder, split_copies

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples" / "articles"


def _article(text: str, name: str):
    return parse_article_text(text, source=name, file_name=name)


@pytest.fixture(scope="module")
def examples():
    return {p.name: art for p, art in load_examples()}


@pytest.mark.parametrize("edits, kind", [
    (["headline", "byline"], "exact"),
    (["boilerplate"], "exact"),  # the reader removes the wire credit and the share prompt
    (["trim"], "near"),
    (["headline", "edit"], "near"),
    (["lede"], "near"),
    (["headline", "dateline", "trim", "edit", "boilerplate"], "near"),
])
def test_a_reprint_is_a_copy_of_its_original(examples, edits, kind):
    original = examples["06-nvidia-arm.txt"]
    finder = CopyFinder()
    assert finder.check(original) is None
    found = finder.check(_article(reprint_text(original, edits, seed=3), "reprint.md"))
    assert found is not None and found.kind == kind
    assert found.original.source == original.source
    assert DEFAULT_THRESHOLD <= found.similarity <= 1.0


def test_other_accounts_and_follow_ups_of_the_same_story_are_not_copies(examples):
    import yaml

    specs = yaml.safe_load(ACCOUNTS.read_text(encoding="utf-8"))
    assert {s["kind"] for s in specs} == {"other outlet", "follow-up"}
    for spec in specs:
        original = examples[spec["about"]]
        text = spec["text"]
        if spec.get("reuse"):  # a follow-up repeats background paragraphs of the original
            text += "\n\n" + "\n\n".join(original.text.split("\n")[i] for i in spec["reuse"])
        finder = CopyFinder()
        finder.check(original)
        assert finder.check(_article(text, "other.md")) is None, spec["kind"] + " of " + spec["about"]


def test_a_copy_of_a_copy_points_at_the_first_original_and_order_decides(examples):
    original = examples["04-rusal-deripaska-sanctions.txt"]
    near = _article(reprint_text(original, ["trim"]), "near.md")
    again = _article(reprint_text(original, ["trim", "headline"], seed=9), "again.md")
    kept, copies = split_copies([original, near, again, examples["06-nvidia-arm.txt"]], CopyFinder())
    assert [a.source for a in kept] == [original.source, examples["06-nvidia-arm.txt"].source]
    assert [(c.copy.source, c.original.source) for c in copies] == [("near.md", original.source),
                                                                      ("again.md", original.source)]
    # the same words as a near copy: as near as that copy, and a copy of the same original
    assert copies[1].kind == "near" and copies[1].similarity == copies[0].similarity


def test_threshold_one_finds_exact_copies_only(examples):
    original = examples["04-rusal-deripaska-sanctions.txt"]
    finder = CopyFinder(1.0)
    finder.check(original)
    assert finder.check(_article(reprint_text(original, ["trim"]), "near.md")) is None
    assert finder.check(_article(reprint_text(original, ["headline", "byline"]), "same.md")).kind == "exact"


@pytest.mark.parametrize("bad", [0, -0.2, 1.5])
def test_a_threshold_out_of_range_says_which_values_are_allowed(bad):
    with pytest.raises(InputError, match=r"above 0 and at most 1"):
        CopyFinder(bad)


def _build(inputs: list[Path], out: Path, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kg.cli", "build", *map(str, inputs), "--out", str(out),
                           "--no-view", *extra], capture_output=True, text=True, cwd=REPO, timeout=600)


@pytest.fixture(scope="module")
def builds(tmp_path_factory):
    """The examples built alone, and built with 50 exact and 20 near copies of them, by the CLI."""
    tmp = tmp_path_factory.mktemp("dedup")
    pile = tmp / "pile"
    pile.mkdir()
    for path in EXAMPLES.iterdir():
        (pile / path.name).write_bytes(path.read_bytes())
    made = write_copies(pile, exact=50, near=20)
    alone, with_copies = _build([EXAMPLES], tmp / "alone"), _build([pile], tmp / "copies")
    assert alone.returncode == 0, alone.stderr
    assert with_copies.returncode == 0, with_copies.stderr
    return {"alone": tmp / "alone", "copies": tmp / "copies", "made": made, "stdout": with_copies.stdout}


def _report(folder: Path) -> dict:
    return json.loads((folder / "report.json").read_text(encoding="utf-8"))


def test_copies_change_no_count_of_entities_events_or_facts(builds):
    alone, copies = _report(builds["alone"]), _report(builds["copies"])
    for key in ("articles_analysed", "entities", "entities_by_type", "facts", "offers", "sanctions", "sanction_reliefs",
                "mergers", "lawsuits", "tariffs", "words"):
        assert copies[key] == alone[key], key
    assert copies["articles_skipped"] == 0
    assert copies["articles_read"] == alone["articles_read"] + 70 == copies["named_graphs"]
    listed = {Path(a["source"]).name: a.get("copy_of") for a in copies["articles"]}
    assert len(listed) == 79 and sum(1 for v in listed.values() if v) == 70


def test_source_counts_are_distinct_reports(builds):
    for name, columns, params in [("timeline", ("label", "sources"), {}), ("roles", ("person_iri", "role",
                                   "organization", "sources"), {}), ("mentions", ("entity", "mentions", "articles"), {}),
                                  ("offers", ("offer", "sources"), {}), ("sanctions-by-body", ("sanction", "sources"), {})]:
        rows = {}
        for which in ("alone", "copies"):
            rows[which] = sorted(tuple(str(getattr(r, c)) for c in columns)
                                 for r in kg.query(builds[which], name, **params))
        assert rows["copies"] == rows["alone"] and rows["alone"], name


def test_the_view_counts_distinct_reports_and_lists_the_copies_apart(builds):
    from kg.view.network import graph_stats, to_networkx

    alone, copies = to_networkx(builds["alone"] / "graph.trig"), to_networkx(builds["copies"] / "graph.trig")
    assert sorted(copies.graph["articles"]) == sorted(alone.graph["articles"])
    assert len(copies.graph["copies"]) == 70 and set(copies.graph["copies"].values()) <= set(alone.graph["articles"])
    assert {n: a["sources"] for n, a in copies.nodes(data=True)} == {n: a["sources"] for n, a in alone.nodes(data=True)}
    stats = graph_stats(copies)
    assert (stats["articles"], stats["copies"], stats["nodes"]) == (9, 70, alone.number_of_nodes())


def test_report_and_query_list_every_copy_with_its_original(builds):
    report = _report(builds["copies"])["copies"]
    assert (report["found"], report["exact"], report["near"]) == (70, 50, 20)
    assert report["threshold"] == DEFAULT_THRESHOLD
    pairs = {Path(p["copy"]).name: (Path(p["original"]).name, p["kind"]) for p in report["pairs"]}
    assert pairs == {name: (original, kind) for name, original, kind in builds["made"]}
    assert "read 79 article(s)" in builds["stdout"]
    assert "of which 70 copies of another article, not analysed (50 exact, 20 near" in builds["stdout"]
    rows = kg.query(builds["copies"], "copies")
    assert sorted((str(r.copy_file), str(r.original_file)) for r in rows) == sorted(
        (name, original) for name, original, _ in builds["made"])
    nvidia = kg.query(builds["copies"], "copies", of="06-nvidia-arm.txt")
    assert nvidia and {str(r.original_file) for r in nvidia} == {"06-nvidia-arm.txt"}
    assert _report(builds["copies"])["named_graphs"] == 9 + 70


def test_counts_and_copies_are_the_same_on_both_query_engines(builds):
    from kg.sparql.run import run_query
    from kg.store.files import load_dataset

    memory, oxigraph = load_dataset(builds["copies"]), load_dataset(builds["copies"], engine="oxigraph")
    for name in ("copies", "timeline", "roles", "mentions"):
        a, b = run_query(memory, name, {}), run_query(oxigraph, name, {})
        # GROUP_CONCAT's order and the spelling of a date-time are engine details
        rows = [sorted(tuple(", ".join(sorted(str(v).replace("+00:00", "Z").split(", "))) for v in row)
                       for row in r.rows) for r in (a, b)]
        assert rows[0] == rows[1] and rows[0], name


@pytest.mark.parametrize("value, message", [("0", "copy threshold must be above 0 and at most 1, got 0.0"),
                                            ("1.5", "got 1.5"), ("half", "expected a number above 0 and at most 1, or off")])
def test_a_bad_threshold_on_the_command_line_is_a_usage_error(tmp_path, value, message):
    res = _build([EXAMPLES / "06-nvidia-arm.txt"], tmp_path / "out", "--copy-threshold", value)
    assert res.returncode == 2
    assert message in res.stderr
    assert "Traceback" not in res.stderr


def test_copy_threshold_off_analyses_every_article(tmp_path):
    pile = tmp_path / "pile"
    pile.mkdir()
    (pile / "a.txt").write_bytes((EXAMPLES / "06-nvidia-arm.txt").read_bytes())
    (pile / "b.txt").write_bytes((EXAMPLES / "06-nvidia-arm.txt").read_bytes())
    assert _build([pile], tmp_path / "off", "--copy-threshold", "off").returncode == 0
    report = _report(tmp_path / "off")
    assert (report["articles_analysed"], report["copies"]["found"], report["copies"]["threshold"]) == (2, 0, None)


class _Boom(RuntimeError):
    pass


class _FailingOnNvidia:
    """The real spaCy pipeline, failing on any text that names Nvidia."""

    def __init__(self, nlp):
        self._nlp = nlp

    def pipe(self, pieces, **kwargs):
        for doc, context in self._nlp.pipe(pieces, **kwargs):
            if "Nvidia" in doc.text:
                raise _Boom("injected spaCy failure")
            yield doc, context


def test_a_copy_of_an_article_whose_analysis_failed_is_skipped_with_it(monkeypatch, tmp_path, examples):
    import kg.builder.analyse

    nlp = kg.builder.analyse.load_nlp()
    monkeypatch.setattr(kg.builder.analyse, "load_nlp", lambda: _FailingOnNvidia(nlp))
    pile = tmp_path / "pile"
    pile.mkdir()
    (pile / "a.txt").write_bytes((EXAMPLES / "06-nvidia-arm.txt").read_bytes())
    (pile / "b.md").write_text(reprint_text(examples["06-nvidia-arm.txt"], ["trim"]), encoding="utf-8")
    (pile / "c.txt").write_bytes((EXAMPLES / "04-rusal-deripaska-sanctions.txt").read_bytes())
    result = kg.build([pile], out=tmp_path / "out")
    assert [r.article.file_name for r in result.results] == ["c.txt"] and result.copies == []
    reasons = {Path(s.source).name: s.reason for s in result.skipped}
    assert reasons["a.txt"].startswith("extraction failed") and "injected spaCy failure" in reasons["a.txt"]
    assert reasons["b.md"] == f"copy of {pile / 'a.txt'}, which could not be analysed"


def test_into_a_build_folder_a_reprint_of_a_stored_article_is_its_copy(tmp_path, examples):
    store, new = tmp_path / "store", tmp_path / "new"
    new.mkdir()
    assert _build([EXAMPLES], store).returncode == 0
    assert (store / "copies.index").is_file()
    before = {name: sorted(tuple(map(str, r)) for r in kg.query(store, name)) for name in ("timeline", "mentions")}
    (new / "nvidia-reprint.md").write_text(reprint_text(examples["06-nvidia-arm.txt"], ["headline", "trim", "edit"]),
                                           encoding="utf-8")
    (new / "rusal-same-body.md").write_text(reprint_text(examples["04-rusal-deripaska-sanctions.txt"],
                                                         ["headline", "byline"]), encoding="utf-8")
    res = subprocess.run([sys.executable, "-m", "kg.cli", "build", str(new), "--into", str(store), "--no-view"],
                         capture_output=True, text=True, cwd=REPO, timeout=600)
    assert res.returncode == 0, res.stderr
    report = _report(store)
    assert report["articles_analysed"] == 0
    assert {(Path(p["copy"]).name, Path(p["original"]).name, p["kind"]) for p in report["copies"]["pairs"]} == {
        ("nvidia-reprint.md", "06-nvidia-arm.txt", "near"), ("rusal-same-body.md", "04-rusal-deripaska-sanctions.txt",
                                                             "exact")}
    assert sorted((str(r.copy_file), str(r.original_file)) for r in kg.query(store, "copies")) == [
        ("nvidia-reprint.md", "06-nvidia-arm.txt"), ("rusal-same-body.md", "04-rusal-deripaska-sanctions.txt")]
    assert {name: sorted(tuple(map(str, r)) for r in kg.query(store, name)) for name in before} == before


def test_a_copy_index_round_trips_and_an_unreadable_one_is_not_used(examples):
    original = examples["06-nvidia-arm.txt"]
    finder = CopyFinder()
    finder.check(original)
    finder.check(examples["04-rusal-deripaska-sanctions.txt"])
    data = finder.to_bytes()
    assert original.text[:60] not in data.decode("utf-8")  # names, hashes and signatures: no text
    again = CopyFinder.from_bytes(data, keep=lambda ref: ref.source == original.source)
    assert len(again) == 1
    found = again.check(_article(reprint_text(original, ["trim"]), "near.md"))
    assert found is not None and found.kind == "near" and found.original.source == original.source
    assert again.check(examples["04-rusal-deripaska-sanctions.txt"]) is None  # not kept: an original now
    for bad in (b"", b"not json\n", data.replace(b'"num_perm": 128', b'"num_perm": 64'), data[:-40]):
        assert CopyFinder.from_bytes(bad) is None

"""Smoke tests of the benchmark suite (``benchmarks/``): every runner on a few documents.

They check that each runner produces well-formed scores and tables, never how good or fast the
numbers are. The quality runners read the external data sets from ``../shared/bench`` at run time
(nothing from them is in this repository) and are skipped when it is absent, as in a user's checkout.
"""
from __future__ import annotations

import importlib
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks import BenchDataMissing, bench_dir  # noqa: E402
from benchmarks.scoring import PRF, Pair, names_match, normalize, score_pairs  # noqa: E402
from benchmarks.text import char_span_to_tokens, detokenize  # noqa: E402

RUNNERS = ["conll", "dwie", "crudeoil", "fire", "redocred"]


@pytest.fixture(scope="module")
def bench_data() -> Path:
    try:
        return bench_dir()
    except BenchDataMissing as exc:
        pytest.skip(f"external benchmark data not available: {exc}")


def _check_prf(d: dict) -> None:
    for key in ("p", "r", "f1"):
        assert 0.0 <= d[key] <= 1.0, d
    assert 0 <= d["tp_pred"] <= d["pred"]
    assert 0 <= d["tp_gold"] <= d["gold"]


# --------------------------------------------------------------------------- scoring, no data needed


@pytest.mark.parametrize("a, b, expected", [
    (["Angela Merkel"], ["Merkel"], True),
    (["the U.S. Treasury Department’s"], ["US Treasury Department"], True),
    (["Treasury"], ["US Treasury Department"], True),
    (["Huawei"], ["ZTE"], False),
    (["Ren"], ["Rena Lindqvist"], False),  # words, not characters
    ([""], [""], False),
])
def test_names_match(a, b, expected):
    assert names_match(a, b) is expected


def test_normalize_strips_accents_case_and_possessive():
    assert normalize("Nicolás Maduro's") == "nicolas maduro"


def test_score_pairs_counts_predictions_and_gold_separately():
    gold = [Pair(frozenset({"Angela Merkel"}), frozenset({"Germany"}))]
    pred = [Pair(frozenset({"Merkel"}), frozenset({"Germany"})), Pair(frozenset({"Merkel"}), frozenset({"France"}))]
    prf, wrong, missed = score_pairs(pred, gold)
    assert (prf.tp_pred, prf.pred, prf.tp_gold, prf.gold) == (1, 2, 1, 1)
    assert wrong == [1] and missed == []
    assert prf.precision == 0.5 and prf.recall == 1.0


def test_prf_of_nothing_is_zero_not_an_error():
    assert PRF(0, 0, 0, 0).f1 == 0.0


def test_detokenize_offsets_point_at_tokens():
    tokens = ["Merkel", "'s", "party", "(", "CDU", ")", "won", "."]
    text, starts = detokenize(tokens)
    assert text == "Merkel's party (CDU) won."
    for tok, start in zip(tokens, starts):
        assert text[start:start + len(tok)] == tok
    assert char_span_to_tokens(starts, tokens, text.index("CDU"), text.index("CDU") + 3) == (4, 5)


def test_conll_iob1_chunks():
    from benchmarks.conll import iob1_spans

    tags = ["I-PER", "I-PER", "O", "I-ORG", "B-ORG", "I-LOC"]
    assert iob1_spans(tags, [(0, 6)]) == [(0, 2, "PER"), (3, 4, "ORG"), (4, 5, "ORG"), (5, 6, "LOC")]


# --------------------------------------------------------------------------- quality runners on a few documents


@pytest.mark.slow
@pytest.mark.parametrize("split", ["test", "dev"])
@pytest.mark.parametrize("name", RUNNERS)
def test_quality_runner_gives_wellformed_scores(name, split, bench_data):
    from benchmarks.report import console_table, md_table

    module = importlib.import_module(f"benchmarks.{name}")
    result, samples = module.run(limit=3, split=split)
    assert result["split"].startswith(split), result["split"]
    assert "(test" not in result["title"] or split == "test", "a dev run must not be titled as the test split"
    assert result["rows"], "no result rows"
    assert result["mapping"], "no label mapping"
    for row in result["rows"]:
        assert row["label"]
        assert isinstance(row["gold"], int) and row["gold"] >= 0
        _check_prf(row["ours"])
        if row["baseline"] is not None:
            _check_prf(row["baseline"])
        if row.get("published"):
            _check_prf(row["published"])
    assert console_table(result).count("\n") == len(result["rows"]) + 1  # title, header, one line per row
    table = md_table(["gold", "newskg"], [[m["gold"], m["ours"]] for m in result["mapping"]])
    assert table.count("\n") >= 2
    assert all(isinstance(s, str) for s in samples)


# --------------------------------------------------------------------------- speed, store, view on tiny inputs


@pytest.fixture(scope="module")
def tiny_build(tmp_path_factory):
    """A real build of 4 generated articles (in this process), with its analyses dumped."""
    from benchmarks.corpus import write_corpus
    from benchmarks.measure import measure_build

    work = tmp_path_factory.mktemp("bench")
    corpus = write_corpus(work / "corpus", 4)
    dump = work / "analyses.pkl"
    result = measure_build(corpus, work / "out", 1, dump)
    return work, corpus, dump, result


@pytest.mark.slow
def test_corpus_is_deterministic_and_renames_people():
    from benchmarks.corpus import load_templates, make_article

    assert make_article(10) == make_article(10)
    name, text = make_article(9)  # a variant of the first example
    assert name.startswith("000009-")
    first = load_templates()[0]
    assert first.people, "no person names found in the first example"
    assert " ".join(first.people[0]) not in text


@pytest.mark.slow
def test_speed_measurements_are_wellformed(tiny_build):
    from benchmarks.measure import measure_replicate, measure_spacy
    from benchmarks.speed import _scale_fields

    work, corpus, dump, build = tiny_build
    assert build["articles"] == 4 and build["words"] > 0 and build["seconds"] > 0
    assert build["rss_main_peak_mb"] > 0
    spacy_run = measure_spacy(corpus, 1)
    assert spacy_run["words"] == build["words"], "spaCy alone must read the same texts as the build"
    rep = measure_replicate(dump, 10, work / "replica", work / "graph.nq")
    assert rep["articles"] == 10 and rep["write_seconds"] is not None
    fields = _scale_fields(rep)
    assert fields["ms_per_article_resolve_graph"] >= 0 and fields["kb_per_article_main"] > 0
    assert (work / "graph.nq").stat().st_size > 0


@pytest.mark.slow
def test_store_engines_agree_on_query_results(tmp_path):
    from benchmarks.measure import measure_store
    from benchmarks.store import write_synthetic_graph

    path = tmp_path / "g.ttl"
    n = write_synthetic_graph(path, 3000)
    runs = {e: measure_store(e, path, 2) for e in ("rdflib", "oxigraph", "kg-oxigraph")}
    assert runs["rdflib"]["triples"] == runs["oxigraph"]["triples"]
    assert 0.95 * n <= runs["oxigraph"]["triples"] <= n
    for name in runs["rdflib"]["queries"]:
        rows = {e: r["queries"][name]["rows"] for e, r in runs.items()}
        assert len(set(rows.values())) == 1, (name, rows)
        assert all(r["queries"][name]["median_ms"] >= 0 for r in runs.values())


@pytest.mark.slow
def test_bundled_queries_and_view_run_on_a_build_graph(tiny_build, tmp_path):
    pytest.importorskip("kg.sparql.run")
    pytest.importorskip("kg.view.network")
    from benchmarks.measure import measure_bundled, measure_replicate, measure_view

    work, corpus, dump, _ = tiny_build
    graph = tmp_path / "graph.nq"
    measure_replicate(dump, 8, None, graph)
    bundled = measure_bundled("oxigraph", graph, 1)
    assert bundled["queries"]
    assert not [n for n, q in bundled["queries"].items() if "error" in q]
    view = measure_view(graph, [5, 10], tmp_path / "views", repeats=1)
    assert [r["nodes"] for r in view["sizes"]] == [5, 10]
    assert all(r["bytes"] > 0 for r in view["sizes"])


@pytest.mark.slow
def test_report_renders_tables_and_plots(tiny_build, tmp_path, bench_data):
    from benchmarks import fire
    from benchmarks.report import render_markdown, write_plots

    result, _ = fire.run(limit=2)
    results = {"quality": {"benchmarks": {"fire": result}}}
    plots = write_plots(results, tmp_path)
    assert (tmp_path / plots["quality"]).stat().st_size > 0
    md = render_markdown(results, plots, ".")
    assert "| Employeeof |" in md and "## Speed and scale" in md


@pytest.mark.slow
def test_newsdev_scores_every_set_with_the_gold_scorer(bench_data):
    from benchmarks import newsdev
    from benchmarks.report import render_markdown

    result = newsdev.run(limit=2)
    assert {"seeds", "dev-1"} <= set(result["sets"])
    for res in result["sets"].values():
        assert res["articles"] == 2
        assert 0.0 <= res["metrics"]["score"] <= 1.0
        assert "entity_precision" in res["metrics"] and res["headline"]
    md = render_markdown({"newsdev": result}, {}, ".")
    assert "## Whole graphs on news articles" in md and "| **score** |" in md

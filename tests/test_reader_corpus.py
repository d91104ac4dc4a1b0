"""The reader on a corpus of its own: 32 articles in the layouts news arrives in (tests/data/reader/).

Front matter of several kinds (YAML with lists, dates and nested maps, YAML that does not parse, Hugo params,
TOML), Markdown with links, images and reference definitions, plain text, HTML with and without JSON-LD; dates in
ten formats from the US, the UK, Australia and Germany/Europe; furniture of six kinds with names planted in it.
``expected.yaml`` has the headline, date, authors and URL of each. We wrote every article; facts are real, names
in furniture and every outlet are invented.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from rdflib import RDFS, SKOS, Literal

from kg.read.files import load_article

CORPUS = Path(__file__).resolve().parent / "data" / "reader"
EXPECTED = yaml.safe_load((CORPUS / "expected.yaml").read_text(encoding="utf-8"))
FIELDS = ("title", "date", "authors", "url")


def _field_right(article, name: str, want) -> bool:
    if name == "date":
        return (article.date or "")[:10] == (want or "")
    if name == "authors":
        return list(article.authors) == want
    return getattr(article, name) == want


def test_the_corpus_is_what_the_issue_asks_for():
    files = sorted(p.name for p in CORPUS.iterdir() if p.suffix in (".md", ".txt", ".html"))
    assert files == sorted(EXPECTED) and len(files) >= 30
    kinds = {p.suffix for p in CORPUS.iterdir()}
    assert {".md", ".txt", ".html"} <= kinds


def test_every_article_is_kept_and_its_header_fields_are_read():
    right = total = 0
    missed = []
    for name, want in EXPECTED.items():
        article = load_article(CORPUS / name)  # raises (fails the test) if the article were skipped
        for field in FIELDS:
            total += 1
            if _field_right(article, field, want[field]):
                right += 1
            else:
                missed.append(f"{name}:{field} = {getattr(article, field)!r}, want {want[field]!r}")
    assert right / total >= 0.97, "\n".join(missed)


@pytest.fixture(scope="module")
def corpus_build(tmp_path_factory):
    import kg

    out = tmp_path_factory.mktemp("reader-corpus")
    return kg.build([CORPUS], out=out, formats=("trig",)), out


def test_the_build_keeps_every_article(corpus_build):
    result, out = corpus_build
    assert result.skipped == [] and len(result.results) == len(EXPECTED)
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    by_file = {a["file"]: a for a in report["articles"]}
    assert by_file["25_html-jsonld-url-only.html"]["read_from"]["url"] == "JSON-LD"
    assert by_file["01_yaml-lists-nested-map.md"]["read_from"]["title"] == "front matter (YAML)"
    assert by_file["07_toml-datetime.md"]["layout"] == "Markdown with TOML front matter"
    assert by_file["02_yaml-daymonth-string.md"]["removed"]["related list"] >= 3


def test_no_entity_comes_from_furniture_or_a_link_target(corpus_build):
    result, _ = corpus_build
    labels = {str(o) for p in (RDFS.label, SKOS.altLabel) for _, _, o, _ in result.dataset.quads((None, p, None, None))
              if isinstance(o, Literal)}
    planted = {name for want in EXPECTED.values() for name in want["furniture"]}
    targets = set()
    for path in CORPUS.iterdir():
        targets |= set(re.findall(r"https?://[^\s)\"'<>\]]+", path.read_text(encoding="utf-8")))
    leaks = sorted(label for label in labels
                   if any(name.lower() in label.lower() for name in planted)
                   or "http" in label or ".example" in label or any(t in label for t in targets))
    assert not leaks, leaks
    # and the articles' own text is there: entities of the facts are found, with the bylines' authors
    assert {"Ofgem", "Unilever", "Glencore", "Woodside Energy", "Lucía Romero", "Mia Kovac"} <= labels


def test_the_reader_benchmark_runs():
    """``python -m benchmarks reader`` on a few articles: well-formed figures, whatever they are."""
    import sys

    root = str(CORPUS.parents[2])
    if root not in sys.path:
        sys.path.insert(0, root)
    from benchmarks import reader

    res = reader.run(quick=True)
    assert set(res["dates"]) == {"rules", "dateparser", "rules, then dateparser"}
    for d in res["dates"].values():
        assert 0 <= d["right"] <= d["total"] and d["ms_per_article"] >= d["parser_ms_per_article"] >= 0
    for c in res["corpora"].values():
        assert c["kept"] <= c["articles"] and 0 <= c["right"] <= c["total"]

"""One article's failure never loses the others.

In-process builds over three example articles, with faults injected into the real
pipeline: one extractor raises on one article (that article keeps every other
extractor's facts, with a warning), and the entity step raises on another (that
article is skipped with a reason). The untouched article's facts must equal those
of a build without faults.
"""
from __future__ import annotations

import json

import pytest
from robustlib import EXAMPLES

import kg.builder.analyse
from kg.builder.full import build
from kg.cli import main
from kg.extract.facts import EventFact, StatementFact

A = "02-china-unreliable-entity-list.txt"  # its statements extractor will fail
B = "03-us-zte-denial-order.txt"  # its whole analysis will fail
C = "05-broadcom-qualcomm.md"  # untouched
INPUTS = [str(EXAMPLES / name) for name in (A, B, C)]


class Boom(RuntimeError):
    pass


@pytest.fixture
def faults(monkeypatch):
    real_load_extractors = kg.builder.analyse.load_extractors
    real_add_doc_entities = kg.builder.analyse.add_doc_entities

    def load_extractors():
        def failing(name, fn):
            def extract(ctx):
                # statements: the last extractor, whose facts no other extractor reads
                if name == "statements" and ctx.article.file_name == A:
                    raise Boom("injected statements failure")
                return fn(ctx)
            return extract
        return [(name, failing(name, fn)) for name, fn in real_load_extractors()]

    def add_doc_entities(registry, doc, *args, **kwargs):
        if "ZTE" in doc.text:
            raise Boom("injected entity failure")
        return real_add_doc_entities(registry, doc, *args, **kwargs)

    monkeypatch.setattr(kg.builder.analyse, "load_extractors", load_extractors)
    monkeypatch.setattr(kg.builder.analyse, "add_doc_entities", add_doc_entities)


@pytest.fixture(scope="module")
def baseline():
    result = build(INPUTS)
    return {r.article.file_name: r for r in result.results}


def _facts(result, *, without=()):
    return [repr(f) for f in result.facts if not isinstance(f, without)]


def test_one_extractor_failing_keeps_the_other_extractors_and_articles(baseline, faults):
    result = build(INPUTS)
    by_name = {r.article.file_name: r for r in result.results}
    assert set(by_name) == {A, C}

    a = by_name[A]
    assert a.warnings == ["statements extractor failed: Boom: injected statements failure"]
    assert not any(isinstance(f, StatementFact) for f in a.facts)
    assert any(isinstance(f, StatementFact) for f in baseline[A].facts)  # the failure did cost something
    assert any(isinstance(f, EventFact) and f.kind == "sanction" for f in a.facts)  # the other extractors ran
    assert _facts(a) == _facts(baseline[A], without=StatementFact)

    assert _facts(by_name[C]) == _facts(baseline[C])
    assert [(s.source.rsplit("/", 1)[-1], s.reason) for s in result.skipped] == [
        (B, "extraction failed: Boom: injected entity failure")]
    assert result.partial


def test_cli_reports_failures_and_exits_partial(faults, tmp_path, capsys):
    status = main(["build", *INPUTS, "--out", str(tmp_path), "--no-view"])
    out, err = capsys.readouterr()
    assert status == 3
    assert "Traceback" not in out + err
    assert f"skipped {EXAMPLES / B}: extraction failed: Boom: injected entity failure" in out
    assert f"warning {EXAMPLES / A}: statements extractor failed: Boom: injected statements failure" in out
    report = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    assert report["articles_read"] == 2 and report["articles_skipped"] == 1
    assert report["warnings"] == [{"source": str(EXAMPLES / A),
                                   "warning": "statements extractor failed: Boom: injected statements failure"}]


class _FailingPipe:
    """The real spaCy pipeline, except that it raises on the chunk that mentions ZTE."""

    def __init__(self, nlp):
        self._nlp = nlp

    def __getattr__(self, name):
        return getattr(self._nlp, name)

    def pipe(self, pieces, **kwargs):
        for doc, context in self._nlp.pipe(pieces, **kwargs):
            if "ZTE" in doc.text:
                raise Boom("injected spaCy failure")
            yield doc, context


def test_nlp_failure_on_one_article_keeps_the_others(monkeypatch):
    nlp = kg.builder.analyse.load_nlp()
    monkeypatch.setattr(kg.builder.analyse, "load_nlp", lambda: _FailingPipe(nlp))
    result = build(INPUTS)
    assert {r.article.file_name for r in result.results} == {A, C}
    assert [s.reason for s in result.skipped] == ["extraction failed: Boom: injected spaCy failure"]


def test_unexpected_error_is_one_line_not_a_traceback(monkeypatch, tmp_path, capsys):
    def broken(*args, **kwargs):
        raise Boom("injected bug")

    monkeypatch.setattr("kg.builder.full.resolve_entities", broken)
    status = main(["build", str(EXAMPLES / C), "--out", str(tmp_path), "--no-view"])
    _, err = capsys.readouterr()
    assert status == 1
    assert "Traceback" not in err and "Boom: injected bug" in err and len(err.strip().splitlines()) == 1

"""Inputs streamed into the analysis: read one at a time as the engine takes them, never a list of every text; the copy
finder's and the duplicate check's state on disk, not in Python objects; an interrupted input keeps what was analysed."""
from __future__ import annotations

import tracemalloc
from pathlib import Path

import pytest

import kg.builder.full as full
from kg.builder.analyse import BATCH_SIZE, IN_FLIGHT_PER_WORKER, analyse_all, analysis_text, count_words
from kg.builder.full import build
from kg.builder.steps import iter_originals, iter_unique
from kg.builder.work import WorkFolder
from kg.read.article import Article, Skipped, parse_article_text
from kg.read.copies import CopyFinder

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "articles"


def _articles(n: int) -> list[Article]:
    """``n`` distinct articles: the examples' texts under other file names, a sentence of their own added."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(EXAMPLES.glob("*.txt"))]
    return [parse_article_text(f"{texts[i % len(texts)]}\n\nStory number {i} of the feed.", source=f"feed-{i:03d}.txt",
                               file_name=f"feed-{i:03d}.txt") for i in range(n)]


class _Feed:
    """A generator of articles that counts what was taken from it and raises after ``fail_after`` items."""

    def __init__(self, articles: list[Article], fail_after: int | None = None):
        self.articles, self.fail_after, self.taken = articles, fail_after, 0

    def __call__(self, *args, **kwargs):
        for article in self.articles:
            if self.fail_after is not None and self.taken >= self.fail_after:
                raise OSError("the feed broke")
            self.taken += 1
            yield article


def test_an_input_that_breaks_mid_way_keeps_the_articles_analysed_and_a_rerun_resumes_them(tmp_path, monkeypatch):
    articles = _articles(BATCH_SIZE + 4)
    feed = _Feed(articles, fail_after=BATCH_SIZE + 2)
    monkeypatch.setattr(full, "iter_articles", feed)
    with pytest.raises(OSError, match="the feed broke"):
        build(["feed"], out=None, work=tmp_path / "work", copy_threshold=None)
    # the first batch was analysed and written to a shard before the feed broke; the two after it were not
    assert feed.taken == BATCH_SIZE + 2
    folder = WorkFolder(tmp_path / "work")
    assert len(folder.done_keys()) == BATCH_SIZE
    del folder

    monkeypatch.setattr(full, "iter_articles", _Feed(articles))
    again = build(["feed"], out=None, work=tmp_path / "work", copy_threshold=None)
    assert (again.report["work"]["resumed"], again.report["work"]["analysed"]) == (BATCH_SIZE, 4)
    assert again.report["articles_analysed"] == len(articles)


def test_the_process_pool_takes_a_bounded_number_of_articles_ahead_of_its_results():
    feed = _Feed([parse_article_text(f"Acme Corp hired Jo Li as its chief executive in week {i}.",
                                     source=f"{i}.txt", file_name=f"{i}.txt") for i in range(12 * BATCH_SIZE)])
    taken_at = []
    for _result in analyse_all(feed(), workers=2):
        taken_at.append(feed.taken)
    assert len(taken_at) == 12 * BATCH_SIZE
    # when the first result came back, at most the batches in flight (and the one being formed) had been read
    assert taken_at[0] <= (2 * IN_FLIGHT_PER_WORKER + 1) * BATCH_SIZE < 12 * BATCH_SIZE


def test_the_copy_finder_holds_no_python_object_per_article():
    finder = CopyFinder()
    words = "alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima mike november oscar papa".split()
    texts = [" ".join(words[(i * 7 + j * 3) % len(words)] + str(i * 31 + j) for j in range(60)) for i in range(1200)]
    for text in texts[:200]:  # warm up: the SQLite connection, numpy, datasketch
        finder.check(parse_article_text(text, source="w.txt", file_name="w.txt"))
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    for i, text in enumerate(texts[200:]):
        assert finder.check(parse_article_text(text, source=f"{i}.txt", file_name=f"{i}.txt")) is None
    grown = tracemalloc.get_traced_memory()[0] - before
    tracemalloc.stop()
    assert len(finder) == 1200
    assert grown / 1000 < 50  # bytes an article (it was about 2,500 when the index was Python dicts)


def test_a_copy_keeps_its_word_count_not_its_text(tmp_path):
    original = _articles(1)[0]
    reprint = parse_article_text("# Another headline\n\n" + original.text, source="reprint.txt", file_name="reprint.txt")
    copies: list = []
    kept = list(iter_originals([original, reprint], CopyFinder(), copies))
    assert kept == [original]
    (copy,) = copies
    assert copy.copy.text == "" and copy.copy.title == "Another headline"
    assert copy.words == count_words(analysis_text(reprint))


def test_a_second_input_of_one_article_is_skipped_as_it_streams_past():
    articles = _articles(2)
    again = parse_article_text(articles[0].text, source="elsewhere/feed-000.txt", file_name="feed-000.txt")
    odd = parse_article_text("Acme Corp hired Jo Li.", source="bad\udcffname.txt", file_name="bad\udcffname.txt")
    skipped: list[Skipped] = []
    kept = list(iter_unique(iter([articles[0], again, articles[1], odd, odd]), skipped))
    assert kept == [articles[0], articles[1], odd]
    assert [s.source for s in skipped] == ["elsewhere/feed-000.txt", "bad\udcffname.txt"]
    assert skipped[0].reason == "duplicate of feed-000.txt (same URL or file name)"
    assert skipped[1].reason == "duplicate of bad\udcffname.txt (same URL or file name)"

"""The analysis stage of a build: the articles to analyse, read one at a time from the inputs (:class:`Reading`), go
through an engine (:func:`run_engine`: the local process pool or Ray, each taking a bounded number ahead of its
results) and come back in memory (:func:`analyse_in_memory`) or through a work folder (:func:`analyse_with_work`:
each result written to a shard as it arrives, then read back).

What flows in: the inputs' articles, as an iterator. What flows out: each article's key in the work folder and its
analysis (an :class:`~kg.extract.facts.ArticleResult`, a compact record of it, or the :class:`Skipped` of a failure),
in the order the articles were read.
"""
from __future__ import annotations

import itertools
import time
from collections.abc import Callable, Iterable, Iterator

from kg.builder.analyse import analyse_all
from kg.builder.progress import Stage
from kg.builder.steps import iter_originals, iter_unique
from kg.builder.stream import load_compact
from kg.builder.work import WorkFolder
from kg.extract.facts import ArticleResult
from kg.read.article import Article, Skipped
from kg.read.copies import Copy

ENGINES = ("local", "ray")
Engine = Callable[[Iterable[Article]], Iterator[tuple[int, "ArticleResult | Skipped"]]]


def run_engine(articles: Iterable[Article], *, engine: str, workers: int,
                address: str | None) -> Iterator[tuple[int, ArticleResult | Skipped]]:
    """(index, result) for every article, in the order the engine finishes them; ``articles`` is read as the engine
    takes them."""
    if engine == "ray":
        from kg.builder.ray_engine import analyse_on_ray

        yield from analyse_on_ray(articles, workers=workers, address=address)
    else:
        yield from enumerate(analyse_all(articles, workers=workers))


class Reading:
    """The articles to analyse, read one at a time from the inputs as the analysis takes them: inputs that cannot be
    read, second inputs of one article (:func:`~kg.builder.steps.iter_unique`) go to ``skipped``, copies of an earlier
    text (:func:`~kg.builder.steps.iter_originals`) to ``copies``. Counts the files on the ``reading`` stage, and
    gives the ``analysis`` stage its total once the inputs are all read; ``seconds`` is the time spent reading."""

    def __init__(self, items: Iterator[Article | Skipped], skipped: list[Skipped], finder, copies: list[Copy], *,
                 reading: Stage, analysis: Stage):
        self.skipped, self.reading, self.analysis = skipped, reading, analysis
        self.seconds = 0.0
        self.count = 0
        self._articles = iter_originals(iter_unique(self._read(items), skipped), finder, copies)

    def _read(self, items: Iterator[Article | Skipped]) -> Iterator[Article]:
        for item in items:
            self.reading.update()
            if isinstance(item, Skipped):
                self.skipped.append(item)
            else:
                yield item

    def __iter__(self) -> Iterator[Article]:
        while True:
            t = time.perf_counter()
            try:
                article = next(self._articles)
            except StopIteration:
                self.seconds += time.perf_counter() - t
                self.reading.close()
                self.analysis.set_total(self.count)
                return
            self.seconds += time.perf_counter() - t
            self.count += 1
            self.analysis.expect(self.count)
            yield article


def analyse_in_memory(articles: Iterable[Article], *, run: Engine, stage: Stage) -> list[ArticleResult | Skipped]:
    """Every article's analysis, in order, kept in memory."""
    results: list[ArticleResult | Skipped | None] = []
    failed = 0
    for i, res in run(articles):
        results.extend([None] * (i + 1 - len(results)))
        results[i] = res
        failed += isinstance(res, Skipped)
        stage.update(done=stage.done + 1 - failed, failed=failed)
    return results  # type: ignore[return-value]


def analyse_with_work(articles: Iterable[Article], folder: WorkFolder, *, run: Engine, stage: Stage, shard_rows: int,
                       compact: bool, held: bool = True) -> tuple[list[str], list[ArticleResult | Skipped]]:
    """Every article's key and analysis, in order, through the work folder: the articles no shard holds are analysed
    and written to new shards as they finish, then every result is read back from the shards (with ``compact``, only
    what resolution reads of it, :func:`kg.builder.stream.to_compact`; not ``held``: none, the stages after read them
    from the folder, :class:`kg.builder.records.ShardRows`). ``articles`` is read one at a time: what is held of it is
    the key of each article and the articles on their way through the engine."""
    keys: list[str] = []
    done = folder.done_keys()
    waiting: dict[int, str] = {}  # the key of each article on its way through the engine, by its place in ``todo``

    def todo() -> Iterator[Article]:
        place = itertools.count()
        for article in articles:
            keys.append(key := folder.key(article))
            if key in done:
                folder.state.resumed += 1
                stage.update(resumed=folder.state.resumed)
                continue
            waiting[next(place)] = key
            yield article

    with folder.writer(rows=shard_rows) as writer:
        for i, res in run(todo()):
            writer.add(waiting.pop(i), res)
            stage.update(resumed=folder.state.resumed, analysed=folder.state.analysed, failed=folder.state.failed)
    if not held:
        return keys, []
    loaded = load_compact(folder, keys) if compact else folder.load(keys)
    folder.state.failed = sum(isinstance(loaded[k], Skipped) for k in keys)
    return keys, [loaded[k] for k in keys]

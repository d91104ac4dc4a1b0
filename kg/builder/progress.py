"""How far a build is: one progress bar per stage (reading, analysis, resolution, writing) with its rate and ETA, and
the counts of articles done, resumed from a work folder, skipped and failed.

:class:`Stages` is what a build reports to; :meth:`Stages.tqdm` draws the bars on a terminal (``kg build``), and
:meth:`Stages.callback` keeps the older form of ``kg.build(progress=fn)``: ``fn(done, total)`` for the analysis.
"""
from __future__ import annotations

import sys
from collections.abc import Callable


class Stage:
    """One stage's progress: ``update`` after each unit of work, with the counts so far."""

    def __init__(self, stages: Stages, name: str, total: int | None, unit: str):
        self.stages, self.name, self.total, self.unit = stages, name, total, unit
        self.done = 0
        self.expected = 0  # units known to come while the total is not known
        self._bar = None
        if name == ANALYSE and total is not None:
            stages.big = total >= stages.min_total
        if stages.draw and (name == READ or stages.big or (name == ANALYSE and total is None)):
            from tqdm import tqdm

            # a finished stage's bar stays, with its rate and counts; reading's goes (a small build draws only it)
            self._bar = tqdm(total=total, unit=unit, desc=name, file=stages.file, leave=name != READ,
                             dynamic_ncols=True)

    def update(self, n: int = 1, **counts: int) -> None:
        self.done += n
        if self._bar is not None:
            self._bar.update(n)
            if counts:
                self._bar.set_postfix(counts, refresh=False)
        if self.stages.on_update is not None:
            self.stages.on_update(self.name, self.done, self.total if self.total is not None else self.expected)

    def expect(self, n: int) -> None:
        """``n`` units are known to come so far (the articles read while the analysis runs), the total not yet."""
        self.expected = n

    def set_total(self, total: int) -> None:
        """The stage's total, once known (the inputs are all read): the bar shows it, with an ETA."""
        self.total = self.expected = total
        if self.name == ANALYSE:
            self.stages.big = total >= self.stages.min_total
        if self._bar is not None:
            self._bar.total = total
            self._bar.refresh()

    def __enter__(self) -> Stage:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
            self._bar = None


class Stages:
    """Where a build reports its progress; the default one reports nowhere."""

    def __init__(self, *, draw: bool = False, file=None, min_total: int = 20,
                 on_update: Callable[[str, int, int | None], None] | None = None):
        self.draw, self.file, self.min_total, self.on_update = draw, file or sys.stderr, min_total, on_update
        self.big = False  # bars for the analysis and the stages after it once it has ``min_total`` articles
        self._legacy: Stage | None = None

    def __call__(self, done: int, total: int) -> None:
        """The older form, ``progress(done, total)`` of the analysis (what an incremental build reports)."""
        if self._legacy is None:
            self._legacy = self.stage(ANALYSE, total)
        self._legacy.update(done - self._legacy.done)
        if done >= total:
            self._legacy.close()

    def stage(self, name: str, total: int | None = None, unit: str = "article") -> Stage:
        """A new stage (use it as a context manager: its bar closes at the end)."""
        return Stage(self, name, total, unit)

    @classmethod
    def tqdm(cls, file=None) -> Stages:
        """Bars on ``file`` (stderr): reading always, the analysis and the stages after it from 20 articles."""
        return cls(draw=True, file=file)

    @classmethod
    def callback(cls, fn: Callable[[int, int], None]) -> Stages:
        """``fn(done, total)`` after each article analysed (the ``progress`` argument of earlier versions)."""
        def on_update(name: str, done: int, total: int | None) -> None:
            if name == ANALYSE and total:
                fn(done, total)
        return cls(on_update=on_update)

    @classmethod
    def of(cls, progress: Stages | Callable[[int, int], None] | None) -> Stages:
        """The stages of a build's ``progress`` argument: a Stages, a ``fn(done, total)`` or None."""
        if progress is None:
            return cls()
        return progress if isinstance(progress, Stages) else cls.callback(progress)


READ, ANALYSE, RESOLVE, WRITE = "read", "analyse", "resolve", "write"

"""What a streaming build holds of its articles between the analysis and the graph: where each one's row is in the work
folder and, packed, the facts event clustering reads; never a record of each article.

What flows in: a work folder (:mod:`kg.builder.work`) and the keys of the build's articles, in the build's order. What
flows out: the articles' rows read again, one column of one shard at a time, in the build's order
(:meth:`ShardRows.read`) or in the shards' (:meth:`ShardRows.read_by_shard`); and a :class:`FactBook`, the facts of
every article as event clustering and the writer's tables read them (``book[ai].facts``).

Memory: 8 bytes an article for where its row is, 4 bytes an event fact (or relation saying who leads whom) for which
fact it is, and each distinct fact once: the same report in two articles (the same story told twice) is one object.
"""
from __future__ import annotations

import pickle
from array import array
from collections import OrderedDict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from kg.builder.compact import to_compact
from kg.builder.work import COMPACT, WorkFolder
from kg.errors import KgError
from kg.extract.facts import ArticleResult, EventFact, Relation
from kg.read.article import Skipped

SHARDS_KEPT = 4  # shards whose column a read keeps decoded: the build's order is the shards' order, but for resumes


class ShardRows:
    """The row of each article of a build in a work folder's shards (the first shard that holds its key), and the
    articles whose analysis failed, set apart in ``skipped`` (their :class:`~kg.read.article.Skipped`, in the build's
    order): article ``ai`` is the ``ai``-th of the others.

    Raises:
        KgError: a key no shard of the folder holds.
    """

    def __init__(self, folder: WorkFolder, keys: Sequence[str]):
        import pyarrow.parquet as pq

        self.paths = folder.shard_paths()
        slot: dict[str, int] = {}  # each distinct key's place (the same key twice is one row read twice), for now
        for key in keys:
            slot.setdefault(key, len(slot))
        first_shard, first_row = array("i", [-1]) * len(slot), array("i", [0]) * len(slot)
        failed: set[int] = set()
        for s, path in enumerate(self.paths):
            try:
                table = pq.read_table(path, columns=["key", "status"])
            except Exception:  # noqa: BLE001 - a damaged shard: WorkFolder.done_keys has warned
                continue
            for r, (key, status) in enumerate(zip(table.column("key").to_pylist(), table.column("status").to_pylist())):
                i = slot.get(key)
                if i is not None and first_shard[i] < 0:
                    first_shard[i], first_row[i] = s, r
                    if status == "failed":
                        failed.add(i)
        missing = next((k for k, i in slot.items() if first_shard[i] < 0), None)
        if missing is not None:
            raise KgError(f"the work folder {folder.path} holds no row for an article of this build ({missing}); "
                          "run the build again to analyse it")
        self.shard, self.row = array("i"), array("i")
        failed_at: list[tuple[int, int, int]] = []
        for ai, key in enumerate(keys):
            i = slot[key]
            if i in failed:
                failed_at.append((ai, first_shard[i], first_row[i]))
            else:
                self.shard.append(first_shard[i])
                self.row.append(first_row[i])
        self.skipped: list[Skipped] = [pickle.loads(self._blob("result", s, r)) for _ai, s, r in failed_at]

    def __len__(self) -> int:
        return len(self.shard)

    def _blob(self, column: str, s: int, r: int) -> bytes:
        import pyarrow.parquet as pq

        return pq.read_table(self.paths[s], columns=[column]).column(0)[r].as_py()

    def _column(self, s: int, column: str):
        """Shard ``s``'s ``column`` (the whole results for the compact records of a shard written without them)."""
        import pyarrow.parquet as pq

        path = self.paths[s]
        name = column if column != COMPACT or COMPACT in pq.read_schema(path).names else "result"
        return name, pq.read_table(path, columns=[name]).column(0)

    def record(self, ai: int, column: str = COMPACT) -> ArticleResult:
        """Article ``ai``'s record (see :meth:`read`), its shard read for it alone."""
        if not 0 <= ai < len(self.shard):
            raise IndexError(ai)
        return _record(*self._column(self.shard[ai], column), self.row[ai], column)

    def read(self, column: str = COMPACT) -> Iterator[tuple[int, ArticleResult]]:
        """(article index, record) of every article in the build's order: the compact records (``column=COMPACT``)
        or the whole results (``"result"``); a few shards' column decoded at a time."""
        kept: OrderedDict[int, tuple[str, object]] = OrderedDict()
        for ai in range(len(self.shard)):
            s = self.shard[ai]
            if s in kept:
                kept.move_to_end(s)
            else:
                kept[s] = self._column(s, column)
                if len(kept) > SHARDS_KEPT:
                    kept.popitem(last=False)
            yield ai, _record(*kept[s], self.row[ai], column)

    def read_by_shard(self, column: str = "result") -> Iterator[tuple[int, ArticleResult]]:
        """(article index, record) of every article in the order of the shards' rows: each shard read once."""
        order = sorted(range(len(self.shard)), key=lambda ai: (self.shard[ai], self.row[ai]))
        s, data = -1, None
        for ai in order:
            if self.shard[ai] != s:
                s = self.shard[ai]
                data = self._column(s, column)
            yield ai, _record(*data, self.row[ai], column)


def _record(name: str, data, row: int, column: str) -> ArticleResult:
    record = pickle.loads(data[row].as_py())
    return to_compact(record) if column == COMPACT and name != COMPACT else record


@dataclass
class ArticleFacts:
    """The facts of one article as a :class:`FactBook` holds them: what event clustering reads of an article."""

    facts: list
    entities: tuple = ()


@dataclass
class FactBook(Sequence):
    """The event facts of every article, and the relations saying who leads whom (a compact record's facts), added an
    article at a time in the build's order; ``book[ai]`` gives article ``ai``'s, in its order, the same objects each
    time. Two equal facts of one article stay two objects (the writer tells them apart by identity); equal facts of
    two articles are one. Also the words and warnings the report reads.

    >>> book = FactBook()
    >>> fact = Relation(0, "ceoOf", 1, "")
    >>> book.add([fact]); book.add([Relation(0, "ceoOf", 1, "")])
    >>> book[0].facts[0] is book[1].facts[0], len(book)
    (True, 2)
    """

    words: int = 0
    warnings: list[tuple[int, str, str]] = field(default_factory=list)  # (article index, source, warning)
    _start: array = field(default_factory=lambda: array("q", [0]))
    _ids: array = field(default_factory=lambda: array("i"))
    _facts: list = field(default_factory=list)
    _index: dict = field(default_factory=dict)  # (fact, its place among the equal facts of its article) -> its id

    def add(self, facts: Sequence[EventFact | Relation]) -> None:
        """Note the next article's facts."""
        seen: dict = {}
        for fact in facts:
            place = seen[fact] = seen.get(fact, -1) + 1
            fid = self._index.get((fact, place))
            if fid is None:
                fid = self._index[(fact, place)] = len(self._facts)
                self._facts.append(fact)
            self._ids.append(fid)
        self._start.append(len(self._ids))

    def add_record(self, ai: int, record: ArticleResult) -> None:
        """Note article ``ai``'s compact record (the next article): its facts, words and warnings."""
        self.add(record.facts)
        self.words += record.words
        self.warnings += [(ai, record.article.source, w) for w in record.warnings]

    def __len__(self) -> int:
        return len(self._start) - 1

    def __getitem__(self, ai):  # type: ignore[override]
        if not 0 <= ai < len(self):
            raise IndexError(ai)
        return ArticleFacts([self._facts[i] for i in self._ids[self._start[ai]:self._start[ai + 1]]])

    def __iter__(self) -> Iterator[ArticleFacts]:
        return (self[ai] for ai in range(len(self)))

    def release(self) -> None:
        """Let the facts go (the number of articles stays): once the writer has its tables, nothing reads them."""
        self._ids, self._facts, self._index = array("i"), [], {}
        self._start = array("q", [0]) * len(self._start)

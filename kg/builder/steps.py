"""The steps a full and an incremental build share: reading the inputs, dropping repeated articles, the report, writing the outputs.

:func:`read_articles` turns input paths into :class:`~kg.read.article.Article` records (unusable inputs become
``Skipped``, never an exception); :func:`dedupe` keeps the first of two inputs that are the same article (same URL
or file name) and :func:`find_copies` sets aside the copies of an earlier article's text (exact or near, see
:mod:`kg.read.copies`), both before any NLP; :func:`make_report` is ``report.json``; :func:`write_outputs` writes
every graph format and the report atomically.
"""
from __future__ import annotations

import itertools
import json
import logging
import os
import re
import sqlite3
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from rdflib import Dataset

from kg.builder.analyse import analysis_text, count_words
from kg.errors import InputError, KgError
from kg.extract.facts import ArticleResult, EventFact, Relation, StatementFact
from kg.knowledge.kinds import load_kinds
from kg.read.article import Article, Skipped
from kg.read.copies import NUM_PERM, SHINGLE_WORDS, Copy, CopyFinder, split_copies
from kg.read.files import DEFAULT_MAX_FILE_BYTES, DEFAULT_MAX_FILES, iter_input_paths, load_article
from kg.read.remote import is_uri, read_uri
from kg.store.files import serialize, write_atomic_many

log = logging.getLogger(__name__)


FORMATS = {
    "ttl": ("turtle", ".ttl"),
    "trig": ("trig", ".trig"),
    "nq": ("nquads", ".nq"),
    "nt": ("nt", ".nt"),
    "jsonld": ("json-ld", ".jsonld"),
}


@dataclass
class BuildResult:
    """What a build produced: the dataset, the per-article results and a report."""

    dataset: Dataset
    results: list[ArticleResult]
    skipped: list[Skipped]
    report: dict = field(default_factory=dict)
    outputs: dict[str, Path] = field(default_factory=dict)
    copies: list[Copy] = field(default_factory=list)  # articles not analysed: they copy an earlier one
    copy_threshold: float | None = None

    @property
    def partial(self) -> bool:
        """True when some inputs could not be built."""
        return bool(self.skipped)


def read_articles(
    inputs: Iterable[str | os.PathLike],
    *,
    exclude: Iterable[Path] = (),
    max_file_bytes: int = DEFAULT_MAX_FILE_BYTES,
    max_files: int = DEFAULT_MAX_FILES,
    skipped: list[Skipped],
    follow_symlinks: bool = False,
    on_file: Callable[[], None] | None = None,
) -> list[Article]:
    """Read every input into an Article; unusable inputs are appended to ``skipped``.

    An input may be a URI of an object store or another filesystem (``s3://bucket/news/``; :mod:`kg.read.remote`).
    ``follow_symlinks`` also reads symbolic links in a folder that lead out of it (skipped by default);
    ``on_file`` is called after each input (read or skipped).
    """
    articles: list[Article] = []
    for res in iter_articles(inputs, exclude=exclude, max_file_bytes=max_file_bytes, max_files=max_files,
                             follow_symlinks=follow_symlinks):
        if on_file is not None:
            on_file()
        (skipped if isinstance(res, Skipped) else articles).append(res)
    return articles


def iter_articles(
    inputs: Iterable[str | os.PathLike],
    *,
    exclude: Iterable[Path] = (),
    max_file_bytes: int = DEFAULT_MAX_FILE_BYTES,
    max_files: int = DEFAULT_MAX_FILES,
    follow_symlinks: bool = False,
) -> Iterator[Article | Skipped]:
    """Every input read, in order: URIs first (:mod:`kg.read.remote`), then local files, folders and ``-``; an
    input that cannot be read is a Skipped with its reason (what :func:`read_articles` and ``--explain-read`` use)."""
    inputs = list(inputs)
    for uri in (i for i in inputs if is_uri(i)):
        yield from read_uri(str(uri), max_bytes=max_file_bytes, max_files=max_files)
    local = [i for i in inputs if not is_uri(i)]
    for item in iter_input_paths(local, exclude=exclude, max_files=max_files, follow_symlinks=follow_symlinks):
        if isinstance(item, Skipped):
            yield item
            continue
        try:
            yield load_article(item, max_bytes=max_file_bytes)
        except InputError as exc:
            yield Skipped("<stdin>" if str(item) == "-" else str(item), str(exc))
        except Exception as exc:  # noqa: BLE001 - the per-file boundary: report, keep going
            log.debug("reading %s failed", item, exc_info=True)
            yield Skipped(str(item), f"could not be read: {type(exc).__name__}: {exc}")


def dedupe(articles: list[Article], skipped: list[Skipped]) -> list[Article]:
    """Drop a second input that is the same article (same key: URL, else file name), keeping the first."""
    return list(iter_unique(articles, skipped))


def iter_unique(articles: Iterable[Article], skipped: list[Skipped]) -> Iterator[Article]:
    """The articles of ``articles`` that are not a second input of an earlier one's key (URL, else file name), one at a
    time; each second one is appended to ``skipped``. The keys seen are kept in a temporary SQLite database on disk
    (deleted at the end), not in memory."""
    seen = sqlite3.connect("", isolation_level=None)
    try:
        seen.execute("PRAGMA journal_mode = OFF")
        seen.execute("CREATE TABLE seen (key BLOB PRIMARY KEY, source BLOB NOT NULL) WITHOUT ROWID")
        for art in articles:
            k = art.key.encode("utf-8", "surrogatepass")  # a file name's undecodable bytes are lone surrogates
            first = seen.execute("SELECT source FROM seen WHERE key = ?", (k,)).fetchone()
            if first is not None:
                source = first[0].decode("utf-8", "surrogatepass")
                skipped.append(Skipped(art.source, f"duplicate of {source} (same URL or file name)"))
                continue
            seen.execute("INSERT INTO seen VALUES (?, ?)", (k, art.source.encode("utf-8", "surrogatepass")))
            yield art
    finally:
        seen.close()


COPY_INDEX = "copies.index"  # in a build folder: the originals' signatures, for the next `kg build --into` it


def new_finder(threshold: float | None, *, index: Path | None = None, keep=lambda ref: True) -> CopyFinder | None:
    """The copy finder of a build: None when ``threshold`` is None (copies are not looked for); it knows the
    originals of the copy ``index`` file that ``keep`` accepts, when there is a usable one.

    Raises:
        InputError: the threshold is outside (0, 1].
    """
    if threshold is None:
        return None
    finder = CopyFinder(threshold)
    if index is not None and index.is_file():
        loaded = CopyFinder.from_bytes(index.read_bytes(), threshold, keep=keep)
        if loaded is None:
            log.warning("%s cannot be used (written by another version?): copies of the articles stored before "
                        "this run are not recognised", index)
        else:
            finder = loaded
    return finder


def find_copies(articles: list[Article], finder: CopyFinder | None) -> tuple[list[Article], list[Copy]]:
    """The articles to analyse and the copies of earlier ones among ``articles`` (see :mod:`kg.read.copies`);
    with no finder none is looked for: every article is analysed."""
    if finder is None:
        return list(articles), []
    return split_copies(articles, finder)


def iter_originals(articles: Iterable[Article], finder: CopyFinder | None, copies: list[Copy]) -> Iterator[Article]:
    """The articles to analyse among ``articles``, one at a time; each copy of an earlier one is appended to
    ``copies`` without its text (its word count kept for the report). With no finder every article is analysed."""
    for article in articles:
        found = finder.check(article) if finder is not None else None
        if found is None:
            yield article
        else:
            copies.append(replace(found, copy=replace(article, text=""), words=count_words(analysis_text(article))))


def drop_orphan_copies(copies: list[Copy], skipped: list[Skipped]) -> list[Copy]:
    """The copies whose original was analysed; a copy of an article whose analysis failed (its text is the one that
    failed) joins the skipped inputs, so that no ``kg:copyOf`` points at an article the graph does not have."""
    failed = {s.source for s in skipped}
    kept = []
    for c in copies:
        if c.original.source in failed:
            skipped.append(Skipped(c.copy.source, f"copy of {c.original.source}, which could not be analysed"))
        else:
            kept.append(c)
    return kept


def copies_report(copies: list[Copy], threshold: float | None) -> dict:
    """The ``copies`` entry of ``report.json``: how many, of which kind, the rule, and every (copy, original) pair."""
    show = to_display_text
    return {
        "found": len(copies),
        "exact": sum(1 for c in copies if c.kind == "exact"),
        "near": sum(1 for c in copies if c.kind == "near"),
        "threshold": threshold, "shingle_words": SHINGLE_WORDS, "num_perm": NUM_PERM,
        "pairs": [{"copy": show(c.copy.source), "original": show(c.original.source), "kind": c.kind,
                   "similarity": c.similarity} for c in copies],
    }


_UNSHOWABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def to_display_text(text: str | None) -> str | None:
    """``text`` made safe to print on one line and to write as UTF-8 JSON.

    File names are arbitrary bytes: undecodable ones (lone surrogates in Python)
    become U+FFFD, and newlines, control and bidi-override characters become
    visible escapes, so one file name cannot break or disguise a summary line.

    >>> to_display_text("bad\\udcff\\nname\\u202etxt.exe")
    'bad\ufffd\\\\nname\\\\u202etxt.exe'
    """
    if text is None:
        return None

    def escape(m: re.Match) -> str:
        c = m.group(0)
        if "\ud800" <= c <= "\udfff":
            return "\ufffd"
        return {"\n": "\\n", "\r": "\\r", "\t": "\\t"}.get(c) or f"\\u{ord(c):04x}"

    return _UNSHOWABLE.sub(escape, text)


@dataclass
class ArticleSummary:
    """What ``report.json`` says of the analysed articles, for a build that no longer holds their records (a streaming
    build's): their words, their warnings ((source, warning), in the build's order) and their records, read again when
    the report is written (``records``: any sequence of them)."""

    words: int
    warnings: list[tuple[str, str]]
    records: Sequence[ArticleResult]


def make_report(result: BuildResult, resolution, events, *, timings: dict,
                counts: tuple[int, int] | None = None, facts: Counter | None = None,
                summary: ArticleSummary | None = None) -> dict:
    """The build report written to ``report.json``; ``counts`` are the (quads, distinct triples) of a graph that is
    not in ``result.dataset`` (a streaming build's), ``facts`` the facts counted when ``result.results`` holds only
    what resolution read of the articles (a streaming build's), ``summary`` what the report says of the articles when
    ``result.results`` reads them again from a work folder: then the report's ``articles`` is a :class:`ReportEntries`,
    made as ``report.json`` is written (:func:`report_bytes`)."""
    show = to_display_text
    kinds = load_kinds()
    if facts is None:
        facts = Counter()
        for r in result.results:
            for f in r.facts:
                if isinstance(f, EventFact):
                    facts[kinds[f.kind].report_mentions] += 1
                else:
                    facts[{Relation: "relations", StatementFact: "statements"}[type(f)]] += 1
    by_kind = Counter(e.kind for e in events)
    by_type = Counter(e.type for e in resolution.entities if e.articles)
    if counts is not None:
        quads, triples = counts
    else:
        quads = 0
        distinct = set()
        for s, p, o, _ in result.dataset.quads((None, None, None, None)):
            quads += 1
            distinct.add((s, p, o))
        triples = len(distinct)
    copies = [{**_article_entry(c.copy, _copy_words(c)), "copy_of": show(c.original.source)} for c in result.copies]
    if summary is None:
        warnings = [(r.article.source, w) for r in result.results for w in r.warnings]
        words = sum(r.words for r in result.results)
        articles: list[dict] | ReportEntries = [_article_entry(r.article, r.words) for r in result.results] + copies
    else:
        warnings, words, articles = summary.warnings, summary.words, ReportEntries(summary.records, copies)
    return {
        # read: every article, copies included; analysed: the ones the NLP read (copies are not)
        "articles_read": len(result.results) + len(result.copies),
        "articles_analysed": len(result.results),
        "articles_skipped": len(result.skipped),
        "skipped": [{"source": show(s.source), "reason": show(s.reason)} for s in result.skipped],
        "warnings": [{"source": show(source), "warning": show(w)} for source, w in warnings],
        "words": words,
        "entities": sum(by_type.values()),
        "entities_by_type": dict(sorted(by_type.items())),
        **{k.report_events: by_kind[k.name] for k in kinds.values()},
        "facts": dict(sorted(facts.items())),
        "triples": triples,
        "quads": quads,
        "named_graphs": len(result.results) + len(result.copies),
        "copies": copies_report(result.copies, result.copy_threshold),
        "seconds": {k: round(v, 3) for k, v in timings.items()},
        "articles": articles,
    }


class ReportEntries(Sequence):
    """The ``articles`` of a report, made from the records when read: each analysed article's entry, then the copies'.
    ``report_bytes`` writes them one at a time; ``list()`` of it gives the list a report of a build in memory holds."""

    def __init__(self, records: Sequence[ArticleResult], copies: list[dict]):
        self.records, self.copies = records, copies

    def __len__(self) -> int:
        return len(self.records) + len(self.copies)

    def __iter__(self) -> Iterator[dict]:
        yield from (_article_entry(r.article, r.words) for r in self.records)
        yield from self.copies

    def __getitem__(self, i):  # type: ignore[override]
        if isinstance(i, slice):
            return list(self)[i]
        i = i + len(self) if i < 0 else i
        if not 0 <= i < len(self):
            raise IndexError(i)
        if i >= len(self.records):
            return self.copies[i - len(self.records)]
        r = self.records[i]
        return _article_entry(r.article, r.words)


class _EncodedList(list):
    """A sequence as the JSON encoder of :func:`report_bytes` reads a list (``len``, iteration), made as it goes.
    Only the pure-Python encoder (``indent`` given) reads a list so; never hand it to another."""

    def __init__(self, items: Sequence):
        super().__init__()
        self.items = items

    def __len__(self) -> int:
        return len(self.items)

    def __iter__(self) -> Iterator:
        return iter(self.items)


def _encode_lazily(o):
    if isinstance(o, ReportEntries):
        return _EncodedList(o)
    raise TypeError(f"Object of type {type(o).__name__} is not JSON serializable")


def _copy_words(c: Copy) -> int:
    return c.words if c.words is not None else count_words(analysis_text(c.copy))


def _article_entry(article: Article, words: int) -> dict:
    """One article of ``report.json``: its header fields, where each was found, and what was removed."""
    show = to_display_text
    return {"file": show(article.file_name), "source": show(article.source), "title": show(article.title),
            "date": article.date, "authors": [show(a) for a in article.authors], "url": show(article.url),
            "outlet": show(article.outlet), "words": words, "removed_lines": article.removed_lines,
            "encoding": article.encoding, "layout": article.layout,
            "read_from": {fs.field: fs.source for fs in article.read_from},
            "removed": dict(article.removed_by_kind)}


def _output_files(ds: Dataset, paths: dict[str, Path], formats: Sequence[str], report: dict,
                  extra: dict[str, bytes], copy_index: bytes | None):
    for fmt in formats:
        yield paths[fmt], serialize(ds, fmt)
    for name, data in extra.items():
        yield paths[name], data
    yield paths["report"], report_bytes(report)
    if copy_index is not None:
        yield paths["report"].with_name(COPY_INDEX), copy_index


def report_bytes(report: dict, *, piece: int = 1 << 16) -> Iterator[bytes]:
    """``report.json``'s bytes, a piece of about ``piece`` bytes at a time: the bytes of
    ``json.dumps(report, indent=2, ensure_ascii=False) + "\\n"`` (the same encoder's pieces), never the whole text at
    once, nor the list of its pieces ``json.dumps`` joins (about 2 KB an article of a large build's report), nor the
    entries of a :class:`ReportEntries` (made one at a time as they are written).

    >>> b"".join(report_bytes({"a": [1, "é"]})) == (json.dumps({"a": [1, "é"]}, indent=2, ensure_ascii=False) + "\\n").encode()
    True
    """
    buffer: list[str] = []
    size = 0
    for chunk in itertools.chain(json.JSONEncoder(indent=2, ensure_ascii=False, default=_encode_lazily).iterencode(report), ["\n"]):
        buffer.append(chunk)
        size += len(chunk)
        if size >= piece:
            yield "".join(buffer).encode("utf-8")
            buffer, size = [], 0
    if buffer:
        yield "".join(buffer).encode("utf-8")


def write_outputs(ds: Dataset, out_dir: Path, *, formats: Sequence[str], report: dict,
                  extra: dict[str, bytes] | None = None, copy_index: bytes | None = None) -> dict[str, Path]:
    """Write ``graph.<ext>`` for each format and ``report.json`` into ``out_dir``, atomically, and the
    ``copy_index`` (:data:`COPY_INDEX`) with them when given.

    ``extra`` maps more file names to their bytes (the corrections a build keeps), written in the same batch.

    Raises:
        KgError: the folder cannot be created or written.
    """
    extra = extra or {}
    written = {fmt: out_dir / f"graph{FORMATS[fmt][1]}" for fmt in formats}
    written.update({name: out_dir / name for name in extra})
    written["report"] = out_dir / "report.json"
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        # Serialise everything before replacing anything: an interrupt or a full
        # disk while writing leaves the previous graph files together and intact.
        write_atomic_many(_output_files(ds, written, formats, report, extra, copy_index))
    except OSError as exc:
        raise KgError(f"cannot write to {out_dir}: {exc.strerror or exc}; check the folder and free space") from exc
    return written

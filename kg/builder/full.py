"""``kg.build``: from input paths to an RDF dataset, written to disk with a report."""
from __future__ import annotations

import json
import logging
import os
import re
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Dataset

from kg.read.article import DEFAULT_MAX_FILE_BYTES, DEFAULT_MAX_FILES, Article, Skipped, iter_input_paths, load_article
from kg.errors import InputError, KgError
from kg.extract.facts import ArticleResult, OfferFact, Relation, SanctionFact, StatementFact
from kg.knowledge.gazetteer import load_gazetteer
from kg.rdf.writer import GraphWriter
from kg.rdf.ids import DEFAULT_BASE, IdMinter
from kg.builder.analyse import analyse_all
from kg.resolve.resolution import cluster_events, jurisdictions, resolve_entities

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
) -> list[Article]:
    """Read every input into an Article; unusable inputs are appended to ``skipped``."""
    articles: list[Article] = []
    for item in iter_input_paths(inputs, exclude=exclude, max_files=max_files):
        if isinstance(item, Skipped):
            skipped.append(item)
            continue
        try:
            articles.append(load_article(item, max_bytes=max_file_bytes))
        except InputError as exc:
            skipped.append(Skipped("<stdin>" if str(item) == "-" else str(item), str(exc)))
        except Exception as exc:  # noqa: BLE001 - the per-file boundary: report, keep going
            log.debug("reading %s failed", item, exc_info=True)
            skipped.append(Skipped(str(item), f"could not be read: {type(exc).__name__}: {exc}"))
    return articles


def build(
    inputs: Sequence[str | os.PathLike],
    *,
    out: str | os.PathLike | None = None,
    base: str = DEFAULT_BASE,
    workers: int = 1,
    formats: Sequence[str] = ("ttl", "trig"),
    max_file_bytes: int = DEFAULT_MAX_FILE_BYTES,
    max_files: int = DEFAULT_MAX_FILES,
    progress: Callable[[int, int], None] | None = None,
    into: str | os.PathLike | None = None,
) -> BuildResult:
    """Build the knowledge graph of the articles in ``inputs``.

    Args:
        inputs: files, folders, or ``"-"`` for stdin.
        out: folder to write ``graph.ttl``, ``graph.trig`` and ``report.json`` into
            (written atomically); nothing is written when None.
        base: base IRI of minted entity/article IRIs.
        workers: worker processes for the NLP step.
        progress: called with (articles done, articles total).
        into: add the articles to this existing graph instead of building a new one:
            a build folder, ``oxigraph:PATH`` or ``sparql+http(s)://...`` (see :mod:`kg.builder.incremental`).

    Returns:
        A :class:`BuildResult`; ``result.dataset`` has one named graph per article.

    Raises:
        InputError: no input could be read at all, or an argument is invalid.

    Example:
        >>> import kg  # doctest: +SKIP
        >>> result = kg.build(["examples/articles"], out="out")  # doctest: +SKIP
    """
    if into is not None:
        from kg.builder.incremental import build_into

        return build_into(inputs, into, out=out, base=base, workers=workers, formats=formats,
                          max_file_bytes=max_file_bytes, max_files=max_files, progress=progress)
    t0 = time.perf_counter()
    try:
        minter = IdMinter(base)
    except ValueError as exc:
        raise InputError(str(exc)) from exc
    bad = [f for f in formats if f not in FORMATS]
    if bad:
        raise InputError(f"unknown format {bad[0]!r}; choose from {', '.join(FORMATS)}")
    out_dir = Path(out) if out is not None else None
    skipped: list[Skipped] = []
    articles = read_articles(inputs, exclude=[out_dir] if out_dir else [], max_file_bytes=max_file_bytes,
                             max_files=max_files, skipped=skipped)
    t_read = time.perf_counter()
    results: list[ArticleResult] = []
    for i, res in enumerate(analyse_all(articles, workers=workers)):
        if isinstance(res, Skipped):
            skipped.append(res)
        else:
            results.append(res)
        if progress:
            progress(i + 1, len(articles))
    t_nlp = time.perf_counter()
    if not results:
        reasons = "; ".join(f"{to_display_text(s.source)}: {to_display_text(s.reason)}" for s in skipped[:5])
        reasons = reasons or "no input files found"
        raise InputError(f"no article could be built ({reasons})")
    results = _dedupe(results, skipped)
    gaz = load_gazetteer()
    resolution = resolve_entities(results, gaz)
    events = cluster_events(results, resolution, jurisdictions(results, resolution, gaz))
    ds = Dataset()
    GraphWriter(results, resolution, events, gaz, minter).write(ds)
    t_graph = time.perf_counter()
    result = BuildResult(dataset=ds, results=results, skipped=skipped)
    result.report = make_report(result, resolution, events,
                                timings={"read": t_read - t0, "nlp_and_extract": t_nlp - t_read,
                                         "resolve_and_graph": t_graph - t_nlp})
    if out_dir is not None:
        result.outputs = write_outputs(ds, out_dir, formats=formats, report=result.report)
    return result


def _dedupe(results: list[ArticleResult], skipped: list[Skipped]) -> list[ArticleResult]:
    """Drop a second copy of the same article (same key), keeping the first."""
    seen: dict[str, str] = {}
    kept = []
    for r in results:
        k = r.article.key
        if k in seen:
            skipped.append(Skipped(r.article.source, f"duplicate of {seen[k]} (same URL or file name)"))
            continue
        seen[k] = r.article.source
        kept.append(r)
    return kept


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


def make_report(result: BuildResult, resolution, events, *, timings: dict) -> dict:
    """The build report written to ``report.json``."""
    show = to_display_text
    facts = Counter()
    for r in result.results:
        for f in r.facts:
            facts[{Relation: "relations", OfferFact: "offer_mentions", SanctionFact: "sanction_mentions",
                   StatementFact: "statements"}[type(f)]] += 1
    by_type = Counter(e.type for e in resolution.entities if e.articles)
    quads = 0
    distinct = set()
    for s, p, o, _ in result.dataset.quads((None, None, None, None)):
        quads += 1
        distinct.add((s, p, o))
    triples = len(distinct)
    return {
        "articles_read": len(result.results),
        "articles_skipped": len(result.skipped),
        "skipped": [{"source": show(s.source), "reason": show(s.reason)} for s in result.skipped],
        "warnings": [{"source": show(r.article.source), "warning": show(w)}
                     for r in result.results for w in r.warnings],
        "words": sum(r.words for r in result.results),
        "entities": sum(by_type.values()),
        "entities_by_type": dict(sorted(by_type.items())),
        "offers": sum(1 for e in events if e.kind == "offer"),
        "sanctions": sum(1 for e in events if e.kind == "sanction"),
        "sanction_reliefs": sum(1 for e in events if e.kind == "relief"),
        "facts": dict(sorted(facts.items())),
        "triples": triples,
        "quads": quads,
        "named_graphs": len(result.results),
        "seconds": {k: round(v, 3) for k, v in timings.items()},
        "articles": [
            {"file": show(r.article.file_name), "source": show(r.article.source), "title": show(r.article.title),
             "date": r.article.date, "authors": [show(a) for a in r.article.authors], "url": show(r.article.url),
             "outlet": show(r.article.outlet), "words": r.words, "removed_lines": r.article.removed_lines,
             "encoding": r.article.encoding}
            for r in result.results
        ],
    }


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file and a rename.

    An interrupted write leaves the previous file intact. The new file gets the
    previous file's permissions, or the usual ones (0666 minus the umask).

    Raises:
        OSError: the folder cannot be written (the previous file is untouched).
    """
    write_atomic_many([(path, data)])


def write_atomic_many(files: Iterable[tuple[Path, bytes]]) -> None:
    """Write several files atomically: every temporary file first, then the renames.

    Nothing is replaced until every file has been written and synced, so an
    error or interrupt while writing (disk full, Ctrl-C) leaves all previous
    files as they were and removes the temporary files. ``files`` may be a
    generator, so that each file's bytes are made (and freed) one at a time.

    Raises:
        OSError: a file cannot be written (no previous file is touched).
    """
    staged: list[tuple[str, Path]] = []
    try:
        for path, data in files:
            staged.append((_write_temp(path, data), path))
        for tmp, path in staged:
            os.replace(tmp, path)
    except BaseException:
        for tmp, _ in staged:
            try:
                os.unlink(tmp)
            except OSError:
                pass  # already renamed into place, or never created
        raise
    for folder in {path.parent for _, path in staged}:
        _fsync_folder(folder)


def _write_temp(path: Path, data: bytes) -> str:
    """Write ``data`` to a new hidden temporary file next to ``path``; return its name."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        # mkstemp creates 0600 files; give the output the mode a plain open() would.
        try:
            mode = path.stat().st_mode & 0o7777
        except OSError:
            mode = 0o666 & ~_umask()
        os.fchmod(fd, mode)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    return tmp


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _fsync_folder(folder: Path) -> None:
    """Make the renames durable; not every platform or filesystem allows it."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def serialize(ds: Dataset, fmt: str) -> bytes:
    """Serialise a dataset in one of :data:`FORMATS` (ttl/nt: the union of all named graphs).

    Turtle, TriG, N-Triples and N-Quads are written by Oxigraph's serialisers from
    quads sorted by graph, subject, predicate and object: the same graph gives the
    same bytes, about ten times faster than rdflib's serialisers (MEASURED.md).
    """
    if fmt == "jsonld":
        data = ds.serialize(format="json-ld", encoding="utf-8", auto_compact=True)
    else:
        data = _serialize_with_oxigraph(ds, fmt)
    if fmt in ("nt", "nq"):
        # split("\n"), not splitlines(): literals may hold U+0085, U+2028 or U+2029 unescaped
        lines = sorted(set(data.decode("utf-8").split("\n")))
        data = ("\n".join(line for line in lines if line) + "\n").encode("utf-8")
    return data


def _serialize_with_oxigraph(ds: Dataset, fmt: str) -> bytes:
    import pyoxigraph as ox

    from kg.rdf.writer import output_prefixes
    from kg.store.backends import to_ox

    default = ds.default_graph.identifier
    if fmt in ("ttl", "nt"):
        seen = {(s, p, o) for s, p, o, _ in ds.quads((None, None, None, None))}
        triples = sorted(seen, key=lambda t: (str(t[0]), str(t[1]), t[2].n3()))
        items = [ox.Triple(to_ox(s), to_ox(p), to_ox(o)) for s, p, o in triples]
        rdf_format = ox.RdfFormat.TURTLE if fmt == "ttl" else ox.RdfFormat.N_TRIPLES
    else:
        quads = sorted(ds.quads((None, None, None, None)),
                       key=lambda q: (str(q[3] or ""), str(q[0]), str(q[1]), q[2].n3()))
        items = [ox.Quad(to_ox(s), to_ox(p), to_ox(o),
                         ox.DefaultGraph() if g is None or g == default else to_ox(g)) for s, p, o, g in quads]
        rdf_format = ox.RdfFormat.TRIG if fmt == "trig" else ox.RdfFormat.N_QUADS
    prefixes = output_prefixes(ds) if fmt in ("ttl", "trig") else None
    return ox.serialize(items, format=rdf_format, prefixes=prefixes) if prefixes else ox.serialize(items, format=rdf_format)


def _output_files(ds: Dataset, paths: dict[str, Path], formats: Sequence[str], report: dict):
    for fmt in formats:
        yield paths[fmt], serialize(ds, fmt)
    yield paths["report"], (json.dumps(report, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def write_outputs(ds: Dataset, out_dir: Path, *, formats: Sequence[str], report: dict) -> dict[str, Path]:
    """Write ``graph.<ext>`` for each format and ``report.json`` into ``out_dir``, atomically.

    Raises:
        KgError: the folder cannot be created or written.
    """
    written = {fmt: out_dir / f"graph{FORMATS[fmt][1]}" for fmt in formats}
    written["report"] = out_dir / "report.json"
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        # Serialise everything before replacing anything: an interrupt or a full
        # disk while writing leaves the previous graph files together and intact.
        write_atomic_many(_output_files(ds, written, formats, report))
    except OSError as exc:
        raise KgError(f"cannot write to {out_dir}: {exc.strerror or exc}; check the folder and free space") from exc
    return written

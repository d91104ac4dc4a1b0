"""``kg.build``: from input paths to an RDF dataset, written to disk with a report."""
from __future__ import annotations

import os
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from rdflib import Dataset

from kg.builder.analyse import analyse_all
from kg.builder.incremental import build_into
from kg.builder.kept_corrections import KEPT_NAME, keep_corrections, plan_corrections
from kg.builder.steps import (
    FORMATS,
    BuildResult,
    dedupe,
    drop_orphan_copies,
    find_copies,
    make_report,
    new_finder,
    read_articles,
    to_display_text,
    write_outputs,
)
from kg.errors import InputError
from kg.extract.facts import ArticleResult
from kg.knowledge.gazetteer import load_gazetteer
from kg.rdf.ids import DEFAULT_BASE, IdMinter
from kg.rdf.writer import GraphWriter, write_copies
from kg.read.article import Skipped
from kg.read.copies import DEFAULT_THRESHOLD
from kg.read.files import DEFAULT_MAX_FILE_BYTES, DEFAULT_MAX_FILES
from kg.resolve.entities import resolve_entities
from kg.resolve.events import cluster_events, jurisdictions


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
    follow_symlinks: bool = False,
    corrections: str | os.PathLike | None = None,
    copy_threshold: float | None = DEFAULT_THRESHOLD,
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
        follow_symlinks: also read symbolic links in an input folder that lead to files outside it
            (by default they are skipped with a reason; files named in ``inputs`` are always read).
        corrections: a corrections file (YAML or CSV, see :mod:`kg.resolve.corrections`) that resolution
            obeys; ``out`` keeps it as ``graph.corrections.yaml`` for later builds ``into`` that folder, and
            ``report["corrections"]`` says what each entry did.
        copy_threshold: how similar (estimated Jaccard of word shingles) an article must be to an earlier one to
            be a copy of it, not analysed (:mod:`kg.read.copies`); 1 finds exact copies only, None none (every
            article is analysed and counts as a source).

    Returns:
        A :class:`BuildResult`; ``result.dataset`` has one named graph per article.

    Raises:
        InputError: no input could be read at all, an argument is invalid, or the corrections file is
            malformed (the message names the entry at fault).

    Example:
        >>> import kg
        >>> result = kg.build(["examples/articles"], out="out", formats=("trig",))
        >>> sorted(result.outputs), result.partial
        (['report', 'trig'], False)
    """
    if into is not None:
        if follow_symlinks:
            raise InputError("--follow-symlinks is not supported with --into yet; build into a new folder with --out")
        return build_into(inputs, into, out=out, base=base, workers=workers, formats=formats,
                          max_file_bytes=max_file_bytes, max_files=max_files, progress=progress,
                          corrections=corrections, copy_threshold=copy_threshold)
    t0 = time.perf_counter()
    try:
        minter = IdMinter(base)
    except ValueError as exc:
        raise InputError(str(exc)) from exc
    bad = [f for f in formats if f not in FORMATS]
    if bad:
        raise InputError(f"unknown format {bad[0]!r}; choose from {', '.join(FORMATS)}")
    out_dir = Path(out) if out is not None else None
    plan = plan_corrections(corrections, kept_at=out_dir / KEPT_NAME if out_dir else None, read_kept=False)
    skipped: list[Skipped] = []
    articles = read_articles(inputs, exclude=[out_dir] if out_dir else [], max_file_bytes=max_file_bytes,
                             max_files=max_files, skipped=skipped, follow_symlinks=follow_symlinks)
    # before any NLP: the same article twice is read once, and a copy of an earlier text is not analysed
    finder = new_finder(copy_threshold)
    articles, copies = find_copies(dedupe(articles, skipped), finder)
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
    copies = drop_orphan_copies(copies, skipped)
    if not results:
        reasons = "; ".join(f"{to_display_text(s.source)}: {to_display_text(s.reason)}" for s in skipped[:5])
        reasons = reasons or "no input files found"
        raise InputError(f"no article could be built ({reasons})")
    gaz = load_gazetteer()
    judge = plan.run(gaz)
    if judge is not None:
        results = judge.correct_articles(results)
    resolution = resolve_entities(results, gaz, judge=judge)
    events = cluster_events(results, resolution, jurisdictions(results, resolution, gaz))
    ds = Dataset()
    GraphWriter(results, resolution, events, gaz, minter).write(ds)
    write_copies(ds, copies, minter)
    t_graph = time.perf_counter()
    result = BuildResult(dataset=ds, results=results, skipped=skipped, copies=copies, copy_threshold=copy_threshold)
    result.report = make_report(result, resolution, events,
                                timings={"read": t_read - t0, "nlp_and_extract": t_nlp - t_read,
                                         "resolve_and_graph": t_graph - t_nlp})
    if judge is not None:
        result.report["corrections"] = plan.report(judge)
    if out_dir is not None:
        extra = {KEPT_NAME: plan.kept_bytes()} if plan.corrections else {}
        result.outputs = write_outputs(ds, out_dir, formats=formats, report=result.report, extra=extra,
                                       copy_index=finder.to_bytes() if finder is not None else None)
        if not plan.corrections:
            keep_corrections(plan)  # a kept file of an earlier build no longer describes this graph
    return result



"""``kg.build``: from input paths to an RDF dataset, written to disk with a report."""
from __future__ import annotations

import os
import time
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path

from rdflib import Dataset

from kg.builder.engine import ENGINES, Reading, analyse_in_memory, analyse_with_work, run_engine
from kg.builder.incremental import build_into
from kg.builder.kept_corrections import KEPT_NAME, keep_corrections, plan_corrections
from kg.builder.progress import ANALYSE, READ, RESOLVE, WRITE, Stages
from kg.builder.records import ShardRows
from kg.builder.steps import (
    FORMATS,
    BuildResult,
    drop_orphan_copies,
    iter_articles,
    make_report,
    new_finder,
    to_display_text,
    write_outputs,
)
from kg.builder.stream import (
    StreamedResults,
    article_summary,
    resolve_compact,
    resolve_streamed,
    write_rows,
    write_streamed,
)
from kg.builder.work import SHARD_ROWS, WorkFolder
from kg.errors import InputError
from kg.extract.facts import ArticleResult
from kg.knowledge.gazetteer import load_gazetteer
from kg.rdf.ids import DEFAULT_BASE, IdMinter
from kg.rdf.writer import GraphWriter, write_copies
from kg.read.article import Skipped
from kg.read.copies import DEFAULT_THRESHOLD, Copy
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
    progress: Stages | Callable[[int, int], None] | None = None,
    into: str | os.PathLike | None = None,
    follow_symlinks: bool = False,
    corrections: str | os.PathLike | None = None,
    copy_threshold: float | None = DEFAULT_THRESHOLD,
    work: str | os.PathLike | None = None,
    shard_rows: int = SHARD_ROWS,
    engine: str = "local",
    ray_address: str | None = None,
) -> BuildResult:
    """Build the knowledge graph of the articles in ``inputs``.

    Args:
        inputs: files, folders, or ``"-"`` for stdin.
        out: folder to write ``graph.ttl``, ``graph.trig`` and ``report.json`` into
            (written atomically); nothing is written when None.
        base: base IRI of minted entity/article IRIs.
        workers: worker processes for the NLP step.
        progress: a :class:`~kg.builder.progress.Stages` (bars per stage), or a function called with
            (articles analysed, articles to analyse).
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
        work: a work folder (:mod:`kg.builder.work`): each article's analysis is written there as soon as it is
            done (a shard every ``shard_rows`` articles), the stages after it read the results from there, and a
            build interrupted at any point and run again with the same folder analyses only what no shard holds.
            The graph is the same as without one; ``report["work"]`` says what the folder holds. With
            ``formats=("nq",)`` and ``out`` the build streams its graph too (:mod:`kg.builder.nquads`): written as
            N-Quads shards in the folder and merged into ``graph.nq``, never held whole (``result.dataset`` is empty).
        engine: where the analysis runs: ``"local"`` (a pool of ``workers`` processes) or ``"ray"`` (a pool of
            ``workers`` Ray actors, see :mod:`kg.builder.ray_engine`); the graph is the same.
        ray_address: with ``engine="ray"``, the Ray cluster to join (default: start a local instance).

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
    if engine not in ENGINES:
        raise InputError(f"unknown engine {engine!r}; choose from {', '.join(ENGINES)}")
    if into is not None:
        if follow_symlinks:
            raise InputError("--follow-symlinks is not supported with --into yet; build into a new folder with --out")
        return build_into(inputs, into, out=out, base=base, workers=workers, formats=formats,
                          max_file_bytes=max_file_bytes, max_files=max_files, progress=progress,
                          corrections=corrections, copy_threshold=copy_threshold, work=work, shard_rows=shard_rows,
                          engine=engine, ray_address=ray_address)
    t0 = time.perf_counter()
    try:
        minter = IdMinter(base)
    except ValueError as exc:
        raise InputError(str(exc)) from exc
    bad = [f for f in formats if f not in FORMATS]
    if bad:
        raise InputError(f"unknown format {bad[0]!r}; choose from {', '.join(FORMATS)}")
    out_dir = Path(out) if out is not None else None
    stages = Stages.of(progress)
    folder = WorkFolder(work) if work is not None else None
    plan = plan_corrections(corrections, kept_at=out_dir / KEPT_NAME if out_dir else None, read_kept=False)
    skipped: list[Skipped] = []
    exclude = [p for p in (out_dir, Path(work) if work is not None else None) if p is not None]
    # the inputs are read one at a time as the analysis takes them (a bounded queue to the engine): the same article
    # twice is read once, and a copy of an earlier text is not analysed; no list of every text is ever held
    finder = new_finder(copy_threshold)
    copies: list[Copy] = []
    # a streaming build: with a work folder and N-Quads only, the graph goes to shards as it is made, never whole, and
    # resolution reads only a compact record of each article (kg.builder.stream)
    streamed = folder is not None and out_dir is not None and tuple(formats) == ("nq",)
    # without corrections (matched against every mention), resolution reads each compact record once from the folder
    # and holds a summary per distinct name key, not a record per article (kg.builder.records, kg.resolve.keyed)
    keyed = streamed and not plan.corrections
    with stages.stage(READ, unit="file") as reading, stages.stage(ANALYSE) as stage:
        articles = Reading(iter_articles(inputs, exclude=exclude, max_file_bytes=max_file_bytes,
                                          max_files=max_files, follow_symlinks=follow_symlinks),
                            skipped, finder, copies, reading=reading, analysis=stage)
        run = partial(run_engine, engine=engine, workers=workers, address=ray_address)
        if folder is not None:
            keys, analysed = analyse_with_work(articles, folder, run=run, stage=stage, shard_rows=shard_rows,
                                                compact=streamed, held=not keyed)
        else:
            keys, analysed = [], analyse_in_memory(articles, run=run, stage=stage)
    rows = None
    if keyed:
        rows = ShardRows(folder, keys)
        folder.state.failed = len(rows.skipped)
        skipped += rows.skipped
        results: Sequence[ArticleResult] = StreamedResults(rows)
    else:
        results = [r for r in analysed if not isinstance(r, Skipped)]
    result_keys = [k for k, r in zip(keys, analysed) if not isinstance(r, Skipped)]
    skipped += [r for r in analysed if isinstance(r, Skipped)]
    del analysed, keys
    t_read = t0 + articles.seconds  # the time spent reading, finding duplicates and copies (it runs with the analysis)
    t_nlp = time.perf_counter()
    copies = drop_orphan_copies(copies, skipped)
    if not results:
        reasons = "; ".join(f"{to_display_text(s.source)}: {to_display_text(s.reason)}" for s in skipped[:5])
        reasons = reasons or "no input files found"
        raise InputError(f"no article could be built ({reasons})")
    with stages.stage(RESOLVE, total=1, unit="step") as stage:
        gaz = load_gazetteer()
        judge = plan.run(gaz)
        if judge is not None:
            results = judge.correct_articles(results)
        if rows is not None:
            resolution, events, book = resolve_streamed(rows, gaz)
        elif streamed:
            resolution, events, dropped = resolve_compact(results, gaz, judge=judge)
        else:
            resolution = resolve_entities(results, gaz, judge=judge)
            events = cluster_events(results, resolution, jurisdictions(results, resolution, gaz))
        ds = Dataset()
        if not streamed:
            GraphWriter(results, resolution, events, gaz, minter).write(ds)
            write_copies(ds, copies, minter)
        stage.update()
    counts, fact_counts = None, None
    if streamed:
        with stages.stage(WRITE, total=1, unit="step") as stage:
            if rows is not None:
                counts, fact_counts = write_rows(folder, rows, book, resolution, events, copies, gaz, minter,
                                                 out_dir / "graph.nq")
            else:
                counts, fact_counts = write_streamed(folder, result_keys, results, dropped, resolution, events, copies,
                                                     gaz, minter, out_dir / "graph.nq")
            stage.update()
    t_graph = time.perf_counter()
    result = BuildResult(dataset=ds, results=results, skipped=skipped, copies=copies, copy_threshold=copy_threshold)
    result.report = make_report(result, resolution, events, counts=counts, facts=fact_counts,
                                timings={"read": t_read - t0, "nlp_and_extract": t_nlp - t_read,
                                         "resolve_and_graph": t_graph - t_nlp},
                                summary=article_summary(rows, book) if rows is not None else None)
    if judge is not None:
        result.report["corrections"] = plan.report(judge)
    if folder is not None:
        result.report["work"] = folder.state.to_dict()
    if out_dir is not None:
        extra = {KEPT_NAME: plan.kept_bytes()} if plan.corrections else {}
        with stages.stage(WRITE, total=1, unit="step") as stage:
            result.outputs = write_outputs(ds, out_dir, formats=() if streamed else formats, report=result.report,
                                           extra=extra, copy_index=finder.to_bytes() if finder is not None else None)
            stage.update()
        if streamed:
            result.outputs = {"nq": out_dir / "graph.nq", **result.outputs}
        if not plan.corrections:
            keep_corrections(plan)  # a kept file of an earlier build no longer describes this graph
    if folder is not None:
        folder.close()  # another build may use the folder from now on
    return result

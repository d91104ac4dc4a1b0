"""``kg build``: articles -> graph.ttl, graph.trig, report.json."""
from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from kg.read.files import DEFAULT_MAX_FILE_BYTES, DEFAULT_MAX_FILES

PARTIAL_EXIT = 3
MAX_WARNINGS = 10  # unmatched corrections shown on the terminal; report.json has every one
log = logging.getLogger(__name__)


def add_parser(sub) -> None:
    p = sub.add_parser(
        "build",
        help="build the knowledge graph from articles",
        description="Read news articles (files, folders, or - for stdin) and write the knowledge graph.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="examples:\n  kg build examples/articles --out out\n"
               "  kg build examples/articles --corrections examples/corrections.yaml --out out\n"
               "  kg build --explain-read examples/articles/07-uk-huawei-5g-ban.html\n",
    )
    p.add_argument("inputs", nargs="+", metavar="INPUT",
                   help="article files, folders, object-store or filesystem URIs (s3://bucket/news/), or - for stdin")
    p.add_argument("-o", "--out", type=Path, default=None, help="output folder (default: out)")
    p.add_argument("--into", "--store", dest="into", metavar="STORE",
                   help="add to an existing graph instead: a build folder, oxigraph:PATH, or "
                        "sparql+http(s)://HOST/QUERY-PATH[#update=PATH&gsp=PATH] (unchanged articles are skipped)")
    p.add_argument("--corrections", metavar="FILE",
                   help="a YAML or CSV file of judgements that resolution obeys (same, not-same, alias, type, "
                        "not-entity); kept beside the graph, so later builds --into it obey them too")
    p.add_argument("--base", default=None, help="base IRI for minted IRIs (default: https://w3id.org/newskg/id/)")
    p.add_argument("--workers", type=int, default=1, help="worker processes for NLP (default: 1)")
    p.add_argument("--format", dest="formats", action="append", choices=["ttl", "trig", "nq", "nt", "jsonld"],
                   help="output format (repeatable; default: ttl and trig)")
    p.add_argument("--max-file-size", type=float, default=DEFAULT_MAX_FILE_BYTES / 1e6, metavar="MB",
                   help=f"skip files larger than this (default: {DEFAULT_MAX_FILE_BYTES / 1e6:.0f} MB)")
    p.add_argument("--max-files", type=int, default=DEFAULT_MAX_FILES, help="refuse more input files than this")
    p.add_argument("--follow-symlinks", action="store_true",
                   help="read symbolic links in input folders that lead outside them (skipped by default)")
    p.add_argument("--copy-threshold", type=_copy_threshold, default=None, metavar="T",
                   help="an article whose text is at least this similar to an earlier one (estimated Jaccard of "
                        "5-word shingles, 0 < T <= 1) is a copy: listed, linked with kg:copyOf and not analysed; "
                        "1 finds exact copies only, 'off' none (default: 0.5, chosen by measurement, see "
                        "BENCHMARKS.md)")
    p.add_argument("--work", type=Path, default=None, metavar="DIR",
                   help="a work folder for a streaming build: each article's analysis is written there (Parquet "
                        "shards) as soon as it is done, and a build interrupted at any point (even killed) and run "
                        "again with the same folder analyses only the articles it does not hold yet; with --format nq "
                        "alone the graph is streamed too (N-Quads shards merged into graph.nq, no graph.html); with "
                        "--into, the new articles' analysis goes through it")
    p.add_argument("--shard-size", type=int, default=None, metavar="N",
                   help="with --work: articles per shard (default: 256, or 30 seconds of analysis); an interrupted "
                        "build loses at most this much")
    p.add_argument("--engine", choices=["local", "ray"], default="local",
                   help="where the analysis runs: local (a pool of --workers processes, the default) or ray (a pool "
                        "of --workers Ray actors, each holding one spaCy pipeline; needs 'ray[data]'); the graph is the "
                        "same")
    p.add_argument("--ray-address", metavar="ADDR", default=None,
                   help="with --engine ray: the Ray cluster to join (auto, ray://HOST:10001; default: start a local "
                        "instance with --workers CPUs)")
    p.add_argument("--strict", action="store_true", help="fail (exit 1) if any input is skipped")
    p.add_argument("--explain-read", action="store_true",
                   help="print what the reader found in each input (headline, date, authors, URL, outlet and "
                        "where each came from) and exit without building")
    p.add_argument("--no-view", action="store_true", help="do not write graph.html")
    p.add_argument("-q", "--quiet", action="store_true", help="print nothing but errors")
    p.set_defaults(run=run)


def _copy_threshold(text: str) -> float | str:
    """``--copy-threshold``: a number, or ``off`` (kept as the string: no copy is looked for)."""
    if text.strip().lower() == "off":
        return "off"
    try:
        return float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number above 0 and at most 1, or off; got {text!r}") from None


def run(args) -> int:
    if args.explain_read:
        return explain_read(args)
    from kg.builder import full as build_mod
    from kg.builder.progress import Stages
    from kg.builder.work import SHARD_ROWS
    from kg.rdf.ids import DEFAULT_BASE
    from kg.read.copies import DEFAULT_THRESHOLD

    progress = Stages.tqdm() if sys.stderr.isatty() and not args.quiet else None
    if args.ray_address is not None and args.engine != "ray":
        from kg.errors import InputError

        raise InputError("--ray-address needs --engine ray")
    if args.shard_size is not None and (args.work is None or args.shard_size < 1):
        from kg.errors import InputError

        raise InputError("--shard-size needs --work and a number of articles of 1 or more")
    if args.out is None and not args.into:
        args.out = Path("out")
    result = build_mod.build(
        args.inputs,
        out=args.out,
        into=args.into,
        base=args.base or DEFAULT_BASE,
        workers=max(1, args.workers),
        formats=tuple(args.formats or ("ttl", "trig")),
        max_file_bytes=int(args.max_file_size * 1e6),
        max_files=args.max_files,
        progress=progress,
        follow_symlinks=args.follow_symlinks,
        corrections=args.corrections,
        copy_threshold={None: DEFAULT_THRESHOLD, "off": None}.get(args.copy_threshold, args.copy_threshold),
        work=args.work,
        engine=args.engine,
        ray_address=args.ray_address,
        shard_rows=args.shard_size or SHARD_ROWS,
    )
    if not args.quiet:
        warnings = correction_warnings(result.report)
        for line in warnings[:MAX_WARNINGS]:
            print(f"kg build: warning: {line}", file=sys.stderr)
        if len(warnings) > MAX_WARNINGS:
            print(f"kg build: warning: {len(warnings) - MAX_WARNINGS} more corrections matched nothing; "
                  f"report.json lists them all", file=sys.stderr)
    if args.into:  # the view shows the whole graph: written for a build folder only
        args.out = Path(args.into) if result.outputs else None
    streamed = (result.report.get("work") or {}).get("graph_streamed")
    if streamed and not args.no_view and not args.quiet:
        print(f"kg build: note: graph.html is not written by a streaming build (no whole graph in memory); "
              f"kg view {Path(args.out) / 'graph.nq'} --focus NAME draws part of it", file=sys.stderr)
    no_view = args.no_view or args.out is None or streamed
    view_error, view_counts = (None, []) if no_view else _write_view(result, args)
    if not args.quiet:
        print(summarize(result.report, result.outputs, view_counts=view_counts))
    if view_error:
        print(f"kg build: error: {view_error}", file=sys.stderr)
        return 1
    if result.partial and args.strict:  # said even with -q: an exit status alone does not say why
        skipped = result.report["skipped"]
        print(f"kg build: error: --strict: {len(skipped)} input(s) skipped, so the build fails "
              "(the other articles were built and written):", file=sys.stderr)
        for s in skipped:
            print(f"  skipped {s['source']}: {s['reason']}", file=sys.stderr)
        return 1
    if result.partial:
        return PARTIAL_EXIT
    return 0


def correction_warnings(report: dict) -> list[str]:
    """One line for each entry of the given corrections file that matched nothing (kept ones stay quiet)."""
    corrections = report.get("corrections") or {}
    return [f"{u['entry']}: {u['judgement']} {u['name']!r} matched nothing ({u['reason']})"
            for u in corrections.get("unmatched", []) if not u.get("kept")]


def explain_read(args) -> int:
    """``kg build --explain-read INPUT...``: the reading report of every input, nothing built.

    Exit status 0 when every input was read, 3 when some were skipped (each with its reason), 2 when none was.
    """
    from kg.builder.steps import iter_articles
    from kg.read.article import Skipped, format_reading

    read = skipped = 0
    for res in iter_articles(args.inputs, max_file_bytes=int(args.max_file_size * 1e6), max_files=args.max_files,
                             follow_symlinks=args.follow_symlinks):
        if isinstance(res, Skipped):
            print(f"{res.source}  skipped: {res.reason}")
            skipped += 1
        else:
            print(format_reading(res))
            read += 1
    if not read:
        return 2
    return PARTIAL_EXIT if skipped else 0


def _write_view(result, args) -> tuple[str | None, list[str]]:
    """Write graph.html; return a one-line error instead of raising, and what the page's nodes and edges are.

    The graph files are already written by then, so a failing view must not turn
    into a traceback that hides them.
    """
    try:
        from kg.view.counts import count_view
        from kg.view.network import to_networkx
        from kg.view.page import write_view
    except ImportError:
        return None, []
    path = Path(args.out) / "graph.html"
    try:
        G = to_networkx(result.dataset)
        write_view(G, path)
    except OSError as exc:
        return f"cannot write {path}: {exc.strerror or exc}; the graph files were written", []
    except Exception as exc:  # noqa: BLE001 - the view's boundary: report it, keep the graph files
        log.debug("writing %s failed", path, exc_info=True)
        return f"{path} not written ({type(exc).__name__}: {exc}); the graph files were written", []
    result.outputs["html"] = path
    return None, count_view(G).lines()


def summarize(report: dict, outputs: dict, *, view_counts: list[str] | None = None) -> str:
    """The short summary printed after a build; ``view_counts`` says what graph.html's nodes and edges are
    (entities above are those named in the articles, facts are counted per article)."""
    from kg.knowledge.kinds import load_kinds

    lines = [
        f"read {report['articles_read']} article(s), {report['words']:,} words"
        + (f"; skipped {report['articles_skipped']}" if report["articles_skipped"] else ""),
    ]
    for s in report["skipped"]:
        lines.append(f"  skipped {s['source']}: {s['reason']}")
    copies = report.get("copies") or {}
    if copies.get("found"):
        lines.append(f"  of which {copies['found']} copies of another article, not analysed ({copies['exact']} exact, "
                     f"{copies['near']} near, threshold {copies['threshold']}); report.json lists each with its original")
    by_type = ", ".join(f"{n} {t}" for t, n in report["entities_by_type"].items())
    lines.append(f"entities: {report['entities']} ({by_type})")
    facts = report["facts"]
    events = "".join(f"{report[k.report_events]} {k.summary}, " for k in load_kinds().values()
                     if k.report_events in report)
    lines.append(f"facts: {facts.get('relations', 0)} relations, {events}{facts.get('statements', 0)} statements")
    lines.append(f"triples: {report['triples']:,} in {report['named_graphs']} named graph(s)")
    work = report.get("work")
    if work:
        lines.append(f"work folder {work['folder']}: {work['resumed']} article(s) resumed from its shards, "
                     f"{work['analysed']} analysed now ({work['failed']} failed); it holds {work['articles_in_folder']} "
                     f"in {work['shards']} shard(s)")
    inc = report.get("incremental")
    if inc:
        lines.append(f"into {inc['into']}: {inc['added']} added, {len(inc['replaced'])} replaced, "
                     f"{len(inc['unchanged'])} unchanged; {inc['entities_reused']} entities and "
                     f"{inc['events_reused']} events were already there")
    corrections = report.get("corrections")
    if corrections:
        kept = f"; kept in {corrections['kept_in']}" if corrections.get("kept_in") else ""
        lines.append(f"corrections: {len(corrections['applied'])} applied, "
                     f"{len(corrections['unmatched'])} matched nothing{kept}")
    for w in report["warnings"][:10]:
        lines.append(f"  warning {w['source']}: {w['warning']}")
    if outputs:
        lines.append("wrote " + ", ".join(str(p) for p in outputs.values()))
    if view_counts:
        lines.append("graph.html shows " + view_counts[0])
        lines.append("  and " + view_counts[1] + " (facts above are counted once per article that states them)")
    return "\n".join(lines)

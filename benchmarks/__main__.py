"""``python -m benchmarks [quality|newsdev|reader|speed|store|view|paraphrase|dedup|scale|all] [--quick]``: run, then write the results.

Full runs write ``benchmarks/results/results.json``, the PNG plots beside it and ``BENCHMARKS.md``;
``--quick`` runs a small version of every section and writes to ``bench-out/quick/`` instead. A
section run alone keeps the other sections' last results; ``report`` re-renders from results.json.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from . import QUICK_DIR, REPO, RESULTS_DIR, BenchDataMissing, bench_dir
from .report import console_table, git_state, machine_info, now_utc, render_markdown, write_plots

SECTIONS = ("quality", "newsdev", "reader", "speed", "store", "view", "paraphrase", "dedup", "scale")


def _bench_data_present() -> bool:
    """Whether the external evaluation data is there; says why not on stderr."""
    try:
        bench_dir()
    except BenchDataMissing as exc:
        print(f"  {exc}", file=sys.stderr)
        return False
    return True


def _quality_dev(args: argparse.Namespace) -> int:
    """``quality --split dev``: score the development splits; print, and keep them apart from the report."""
    if args.section != "quality":
        print("--split dev applies to the quality section only", file=sys.stderr)
        return 2
    if not _bench_data_present():
        return 2
    from . import quality

    only = args.only.split(",") if args.only else None
    benchmarks, samples = quality.run(quick=args.quick, only=only, split="dev")
    for res in benchmarks.values():
        print(console_table(res))
    if args.errors:
        print("\n".join(samples))
    out = QUICK_DIR / "dev" / "quality.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({"commit": git_state(), "finished": now_utc(), "benchmarks": benchmarks}, indent=1,
                              ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {out.relative_to(REPO)}")
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.split("\n")[0])
    ap.add_argument("section", nargs="?", default="all", choices=(*SECTIONS, "all", "report"),
                    help="what to run; 'report' only re-renders BENCHMARKS.md and the plots from results.json")
    ap.add_argument("--quick", action="store_true", help="a small smoke run, written to bench-out/quick/")
    ap.add_argument("--only", help="quality runners to run, comma-separated (redocred,dwie,conll,crudeoil,fire); "
                    "for scale, 'replicated': only the replicated sizes, from the analyses of the last scale run")
    ap.add_argument("--split", choices=("test", "dev"), default="test",
                    help="quality only: 'dev' scores the benchmarks' development splits (the ones to develop on) "
                    "and writes bench-out/dev/quality.json, never results.json or BENCHMARKS.md")
    ap.add_argument("--errors", action="store_true",
                    help="print examples of newskg's errors (benchmark text: printed only, never written)")
    args = ap.parse_args(argv)
    if args.split == "dev":
        return _quality_dev(args)

    out_dir = QUICK_DIR / "quick" if args.quick else RESULTS_DIR
    md_path = out_dir / "BENCHMARKS.md" if args.quick else REPO / "BENCHMARKS.md"
    workdir = QUICK_DIR / ("work-quick" if args.quick else "work")
    results_file = out_dir / "results.json"
    results = json.loads(results_file.read_text(encoding="utf-8")) if results_file.is_file() else {}
    sections = SECTIONS if args.section == "all" else () if args.section == "report" else (args.section,)
    command = "python -m benchmarks " + " ".join(a for a in (argv if argv is not None else sys.argv[1:]))
    t_all = time.perf_counter()
    commit_at_start = git_state()
    status = 0
    for section in sections:
        t0 = time.perf_counter()
        print(f"[{section}]", flush=True)
        if section == "quality":
            if not _bench_data_present():
                if args.section == section:
                    return 2
                continue
            from . import quality

            only = args.only.split(",") if args.only else None
            benchmarks, samples = quality.run(quick=args.quick, only=only)
            old = results.get("quality", {}).get("benchmarks", {}) if only else {}
            results["quality"] = {"benchmarks": {**old, **benchmarks}}
            for res in results["quality"]["benchmarks"].values():
                print(console_table(res))
            if args.errors:
                print("\n".join(samples))
        elif section == "newsdev":
            if not _bench_data_present():
                if args.section == section:
                    return 2
                continue
            from . import newsdev

            results["newsdev"] = newsdev.run(limit=3 if args.quick else None)
            for name, res in results["newsdev"]["sets"].items():
                print(f"  {name}: {res['articles']} articles, score {res['metrics'].get('score', 0):.3f}, "
                      f"misses {', '.join(res['misses']) or 'none'}")
        elif section == "reader":
            from . import reader

            results["reader"] = res = reader.run(quick=args.quick)
            for name, c in res["corpora"].items():
                print(f"  {name}: {c['kept']}/{c['articles']} kept, {c['right']}/{c['total']} fields right")
            for kind, d in res["dates"].items():
                print(f"  dates by {kind}: {d['right']}/{d['total']}, {d['ms_per_article']} ms per article")
        elif section == "speed":
            from . import speed

            results["speed"] = speed.run(workdir, quick=args.quick, log=lambda m: print(m, flush=True))
            for w, t in results["speed"]["throughput"].items():
                print(f"  {w} worker(s): build {t['build_words_per_s']:,} words/s, spaCy {t['spacy_words_per_s']:,} "
                      f"words/s, ratio {t['ratio_build_to_spacy']:.2f}x")
        elif section == "store":
            from . import store

            results["store"] = store.run(workdir, quick=args.quick, log=lambda m: print(m, flush=True))
        elif section == "view":
            from . import view

            results["view"] = view.run(workdir, quick=args.quick, log=lambda m: print(m, flush=True))
            if results["view"].get("note"):
                print(f"  {results['view']['note']}")
        elif section == "paraphrase":
            from . import paraphrase

            results["paraphrase"] = res = paraphrase.run()
            print(f"  paraphrase: {res['overall']['found']}/{res['overall']['total']} variants read "
                  f"({res['overall']['share']:.0%}, baseline {res['baseline_share']:.0%}); by kind: "
                  + ", ".join(f"{k} {v['share']:.0%}" for k, v in res["by_kind"].items()))
        elif section == "dedup":
            from . import dedup

            results["dedup"] = res = dedup.run(quick=args.quick)
            at = res["by_threshold"][f"{res['threshold']:.2f}"]
            print(f"  copies: threshold {res['threshold']}: precision {at['precision']:.3f}, recall {at['recall']:.3f} "
                  f"on {res['pairs']['copies']} copies and {res['pairs']['different']} different pairs; "
                  f"{res['memory']['bytes_per_article']:,} bytes and {res['memory']['ms_per_article']} ms per article")
        elif section == "scale":
            from . import scale

            results["scale"] = res = scale.run(workdir, quick=args.quick, log=lambda m: print(m, flush=True),
                                               only=args.only, previous=results.get("scale"))
            for r in res.get("replicated", {}).get("sizes", []):
                print(f"  {r['articles']} replicated articles: {r['seconds_per_article'] * 1000:.1f} ms per article, "
                      f"main process peak {r['rss_main_peak_mb']:.0f} MB, {r['entities']} entities")
            for r in res["sizes"]:
                print(f"  {r['articles']} articles: {r['seconds_per_article'] * 1000:.0f} ms per article, main process "
                      f"peak {r['rss_main_peak_mb']:.0f} MB, {r['entities']} entities, {r['quads']} quads")
            e = res["engines"]
            print(f"  ray / local on {e['articles']} articles: {e['ray_over_local_seconds']:.2f}x the time, "
                  f"same graph: {e['same_graph_bytes']}; kill -9 and resume: same quads {res['kill_resume']['same_quads']}")
        results.setdefault("runs", {})[section] = {"command": command.strip(), "finished": now_utc(),
                                                   "seconds": round(time.perf_counter() - t0, 1)}
    if args.section == "all":
        results["runs"] = {k: v for k, v in results["runs"].items() if k in sections}
        results["runs"]["all"] = {"command": command.strip(), "finished": now_utc(),
                                  "seconds": round(time.perf_counter() - t_all, 1)}
    if sections or "machine" not in results:
        results["machine"] = {**machine_info(), "newskg_commit_at_start": commit_at_start}
    out_dir.mkdir(parents=True, exist_ok=True)
    results_file.write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    plots = write_plots(results, out_dir)
    plot_dir = Path("benchmarks/results") if not args.quick else Path(".")
    md_path.write_text(render_markdown(results, plots, plot_dir.as_posix()), encoding="utf-8")
    print(f"wrote {results_file.relative_to(REPO)}, {md_path.relative_to(REPO)} "
          f"({(time.perf_counter() - t_all) / 60:.1f} min)")
    return status


if __name__ == "__main__":
    sys.exit(main())

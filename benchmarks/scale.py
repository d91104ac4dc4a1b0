"""``python -m benchmarks scale``: the streaming build (``kg build --work``) at growing sizes, the Ray engine against the
local process pool, a kill -9 and resume, and Oxigraph's bulk loader.

Every build runs in a fresh process (``python -m benchmarks.scale measure ...``) on the synthetic corpus of
:mod:`benchmarks.corpus` (variants of the bundled examples with other names; every article is analysed, the copy
finder is off as in the speed benchmark), with 2 workers and a work folder, writing N-Quads. Measured per size: seconds
per article, the main process's peak RSS (``VmHWM``), the peak RSS of the process tree, distinct entities and quads.
"""
from __future__ import annotations

import argparse
import json
import os
import signal
import statistics
import subprocess
import sys
import time
from pathlib import Path

from . import REPO
from .measure import PeakRss, peak_rss_mb

FULL = {"sizes": [500, 1000, 2000, 4000], "engine_n": 2000, "engine_repeats": 2, "kill_n": 2000,
        "replicated": [10_000, 30_000, 100_000]}
QUICK = {"sizes": [50, 100], "engine_n": 100, "engine_repeats": 1, "kill_n": 100, "replicated": [200, 400]}


def measure(corpus: Path, out: Path, work: Path, workers: int, engine: str, shard_rows: int) -> dict:
    """One streaming build in this process: its time, peak memory and sizes."""
    from kg.builder.full import build

    with PeakRss() as peak:
        t0 = time.perf_counter()
        result = build([corpus], out=out, workers=workers, copy_threshold=None, formats=("nq",), work=work,
                       engine=engine, shard_rows=shard_rows)
        seconds = time.perf_counter() - t0
    rep = result.report
    return {"engine": engine, "workers": workers, "seconds": round(seconds, 2), "articles": rep["articles_read"],
            "skipped": rep["articles_skipped"], "entities": rep["entities"], "quads": rep["quads"],
            "stages": rep["seconds"], "work": rep["work"], "rss_main_peak_mb": peak_rss_mb(),
            "rss_tree_peak_mb": round(peak.peak / 2**20, 1)}


def _measure_cmd(corpus: Path, out: Path, work: Path, engine: str = "local", shard_rows: int = 256) -> list[str]:
    return [sys.executable, "-m", "benchmarks.scale", "measure", str(corpus), str(out), str(work), "--engine", engine,
            "--shard-rows", str(shard_rows)]


def _run(cmd: list[str]) -> dict:
    proc = subprocess.run(cmd, cwd=REPO, env=dict(os.environ, PYTHONHASHSEED="0"), capture_output=True, text=True)
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed: {proc.stderr[-2000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def _fresh(*paths: Path) -> None:
    import shutil

    for p in paths:
        shutil.rmtree(p, ignore_errors=True)


def _kill_and_resume(workdir: Path, corpus: Path, n: int, log) -> dict:
    """``--engine ray`` with a work folder, killed (SIGKILL) once a third of the articles are in shards, then run
    again; its quads are compared with an uninterrupted local build's."""
    import pyarrow.parquet as pq

    out, work = workdir / f"scale-killed-{n}", workdir / f"scale-killed-work-{n}"
    _fresh(out, work)
    log(f"  scale: --engine ray on {n} articles, killed once a third are in shards")
    proc = subprocess.Popen(_measure_cmd(corpus, out, work, "ray", shard_rows=32), cwd=REPO,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    held = 0
    while proc.poll() is None and held < n // 3:
        time.sleep(0.5)
        held = 0
        for p in (work / "shards").glob("*.parquet"):
            try:
                held += pq.read_metadata(p).num_rows
            except Exception:  # noqa: BLE001 - a shard being renamed
                pass
    killed = proc.poll() is None
    os.killpg(proc.pid, signal.SIGKILL)  # the build and the Ray processes it started
    proc.wait()
    time.sleep(2)
    log(f"  scale: killed with {held} articles in shards; running again")
    resumed = _run(_measure_cmd(corpus, out, work, "ray"))
    whole = workdir / f"scale-local-{n}" / "graph.nq"
    same_bytes = (out / "graph.nq").read_bytes() == whole.read_bytes()
    same_quads = set((out / "graph.nq").read_bytes().splitlines()) == set(whole.read_bytes().splitlines())
    return {"articles": n, "killed_mid_way": killed, "in_shards_at_kill": held, "resumed": resumed["work"]["resumed"],
            "analysed_after": resumed["work"]["analysed"], "same_quads": same_quads, "same_bytes": same_bytes,
            "rerun_seconds": resumed["seconds"]}


def _bulk_load(nquads: Path, store: Path) -> dict:
    """Oxigraph's bulk loader on a build's N-Quads, in a fresh store."""
    code = ("import json,sys,time;from pyoxigraph import RdfFormat,Store;"
            "s=Store(sys.argv[2]);t=time.perf_counter();s.bulk_load(path=sys.argv[1],format=RdfFormat.N_QUADS);"
            "s.flush();d=time.perf_counter()-t;print(json.dumps({'seconds':d,'quads':len(s)}))")
    _fresh(store)
    r = _run([sys.executable, "-c", code, str(nquads), str(store)])
    size = sum(p.stat().st_size for p in store.rglob("*") if p.is_file())
    return {"quads": r["quads"], "seconds": round(r["seconds"], 2), "nquads_mb": round(nquads.stat().st_size / 1e6, 1),
            "store_mb": round(size / 1e6, 1),
            "seconds_per_million_quads": round(r["seconds"] / r["quads"] * 1e6, 1)}


def _replicated(workdir: Path, cfg: dict, log, names: str = "renamed") -> dict:
    """Resolution and writing of each of ``cfg["replicated"]`` articles replicated from the largest real build's
    analyses (:mod:`benchmarks.replicate`, copies with their names ``renamed`` or ``kept``), in a fresh process per
    size."""
    sizes = cfg["replicated"]
    base = workdir / f"scale-work-{max(cfg['sizes'])}"
    if not (base / "shards").is_dir():
        raise RuntimeError(f"{base} holds no analyses: run python -m benchmarks scale first")
    work = workdir / ("scale-replicated-work" if names == "renamed" else f"scale-replicated-{names}-work")
    _fresh(work)
    log(f"  scale: replicating the analyses of {base.name} into {max(sizes):,} articles, names {names}")
    made = _run([sys.executable, "-m", "benchmarks.replicate", "make", str(base), str(max(sizes)), str(work),
                 "--names", names])
    runs = []
    for n in sizes:
        out = workdir / f"scale-replicated-{names}-{n}"
        _fresh(out)
        log(f"  scale: streaming resolution and writing of {n:,} replicated articles, names {names}")
        runs.append(_run([sys.executable, "-m", "benchmarks.replicate", "measure", str(work), str(n), str(out)]))
    return {"base": base.name, "base_articles": made["base_articles"], "copies": made["copies"], "names": names,
            "sizes": runs}


def _with_before(run: dict, previous: dict | None) -> dict:
    """``run`` with the figures of the code before kept from ``previous`` (the same mode's last results)."""
    kept = {k: previous[k] for k in ("before", "before_code") if previous and k in previous}
    return {**run, **kept}


def run(workdir: Path, *, quick: bool = False, log=print, only: str | None = None,
        previous: dict | None = None) -> dict:
    """The whole benchmark; ``only="replicated"``: only the replicated sizes, added to ``previous`` (the last run's
    results), from the analyses that run left in ``workdir``."""
    import pyarrow.parquet as pq

    from .speed import _corpus

    cfg = QUICK if quick else FULL
    workdir.mkdir(parents=True, exist_ok=True)
    if only == "replicated":
        previous = previous or {}
        return {**previous,
                "replicated": {**_with_before(_replicated(workdir, cfg, log), previous.get("replicated")),
                               "alone": True},
                "replicated_kept": {**_with_before(_replicated(workdir, cfg, log, "kept"),
                                                   previous.get("replicated_kept")), "alone": True,
                                    "loadavg": [round(x, 2) for x in os.getloadavg()]}}
    sizes = []
    for n in cfg["sizes"]:
        out, work = workdir / f"scale-local-{n}", workdir / f"scale-work-{n}"
        _fresh(out, work)
        log(f"  scale: kg build --work, {n} articles, local engine, 2 workers")
        r = _run(_measure_cmd(_corpus(workdir, n), out, work))
        r["seconds_per_article"] = round(r["seconds"] / n, 4)
        r["shard_mb"] = round(sum(p.stat().st_size for p in (work / "shards").iterdir()) / 1e6, 1)
        r["shard_uncompressed_mb"] = round(sum(pq.read_metadata(p).row_group(i).total_byte_size
                                               for p in (work / "shards").iterdir()
                                               for i in range(pq.read_metadata(p).num_row_groups)) / 1e6, 1)
        sizes.append(r)
    n = cfg["engine_n"]
    corpus = _corpus(workdir, n)
    runs: dict[str, list[dict]] = {"local": [s for s in sizes if s["articles"] == n][:1], "ray": []}
    same = True
    for rep in range(cfg["engine_repeats"]):  # alternating, fresh processes and work folders
        for engine in ("ray", "local") if rep % 2 == 0 else ("local", "ray"):
            if len(runs[engine]) > rep:
                continue
            out, work = workdir / f"scale-{engine}-{n}", workdir / f"scale-{engine}-work-{n}"
            _fresh(out, work)
            log(f"  scale: kg build --work --engine {engine}, {n} articles, 2 CPUs (run {rep + 1})")
            runs[engine].append(_run(_measure_cmd(corpus, out, work, engine)))
            same &= (out / "graph.nq").read_bytes() == (workdir / f"scale-local-{n}" / "graph.nq").read_bytes()
    median = {e: statistics.median(r["seconds"] for r in rs) for e, rs in runs.items()}
    engines = {"articles": n, "local": runs["local"][0], "ray": runs["ray"][0], "runs": runs,
               "seconds": {e: [r["seconds"] for r in rs] for e, rs in runs.items()},
               "ray_over_local_seconds": round(median["ray"] / median["local"], 3), "same_graph_bytes": same}
    kill = _kill_and_resume(workdir, _corpus(workdir, cfg["kill_n"]), cfg["kill_n"], log)
    biggest = max(cfg["sizes"])
    log(f"  scale: Oxigraph bulk load of the {biggest}-article graph")
    bulk = _bulk_load(workdir / f"scale-local-{biggest}" / "graph.nq", workdir / "scale-oxigraph")
    replicated = _replicated(workdir, cfg, log)
    kept = _replicated(workdir, cfg, log, "kept")
    return {"key": "scale", "config": cfg, "corpus": "synthetic: variants of examples/articles with other names "
            "(benchmarks/corpus.py), copy finder off", "sizes": sizes, "engines": engines, "kill_resume": kill,
            "bulk_load": bulk, "replicated": replicated, "replicated_kept": kept,
            "loadavg": [round(x, 2) for x in os.getloadavg()]}


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.scale")
    ap.add_argument("what", choices=["measure"])
    ap.add_argument("corpus", type=Path)
    ap.add_argument("out", type=Path)
    ap.add_argument("work", type=Path)
    ap.add_argument("--engine", default="local")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--shard-rows", type=int, default=256)
    a = ap.parse_args(argv)
    print(json.dumps(measure(a.corpus, a.out, a.work, a.workers, a.engine, a.shard_rows)))


if __name__ == "__main__":
    main()


def render(res: dict | None) -> str:
    """The ``Streaming build, Ray and bulk loading`` section of BENCHMARKS.md, with the plan for 1M and 10M articles
    computed from the per-article costs measured here."""
    if not res or "sizes" not in res:
        return "_Not run._"
    from .report import md_table

    out = ["\n".join(__doc__.strip().splitlines()[2:]).strip(), ""]
    rows = []
    for r in res["sizes"]:
        rows.append([f"{r['articles']:,}", f"{r['seconds']:.0f}", f"{r['seconds_per_article'] * 1000:.0f}",
                     f"{r['rss_main_peak_mb']:.0f}", f"{r['rss_tree_peak_mb']:.0f}", f"{r['entities']:,}",
                     f"{r['quads']:,}", f"{r['shard_mb']:.1f}"])
    out.append(md_table(["articles", "seconds", "ms / article", "main peak MB", "tree peak MB", "entities", "quads",
                         "shards MB"], rows, "rrrrrrrr"))
    small, big = res["sizes"][0], res["sizes"][-1]
    growth = (big["rss_main_peak_mb"] - small["rss_main_peak_mb"]) / (big["articles"] - small["articles"]) * 1000
    spread = max(r["seconds_per_article"] for r in res["sizes"]) / min(r["seconds_per_article"] for r in res["sizes"])
    out += ["", f"Main-process peak memory grows by {growth:.0f} KB per article between {small['articles']:,} and "
            f"{big['articles']:,} articles; time per article varies by a factor {spread:.2f} across the sizes "
            f"(load average at the end {res['loadavg'][0]}: the machine is shared)."]
    before = res.get("before")
    if before:
        out += ["", f"**Before and after, a real build**: the same {before['articles']:,}-article build with the code "
                f"of {before['commit']} (article texts all read into a list before the analysis, the copy finder's "
                "index in Python objects, resolution's entry per mention in a dict) peaked at "
                f"{before['rss_main_peak_mb']:.0f} MB in the main process ({before['seconds']:.0f} s), against "
                f"{big['rss_main_peak_mb']:.0f} MB ({big['seconds']:.0f} s) above; same quads: "
                f"{'yes' if before['quads'] == big['quads'] else 'NO'}."]
    e = res["engines"]
    secs = e.get("seconds", {"local": [e["local"]["seconds"]], "ray": [e["ray"]["seconds"]]})
    out += ["", f"**Ray (an actor pool fed a bounded queue) against the local process pool** on the same {e['articles']:,} articles, 2 CPUs each, "
            f"runs alternating in fresh processes: local {', '.join(f'{x:.0f}' for x in secs['local'])} s, Ray "
            f"{', '.join(f'{x:.0f}' for x in secs['ray'])} s; Ray takes {e['ray_over_local_seconds']:.2f}x the time "
            f"of the local pool (medians; goal: at most 1.15x); same graph, byte for byte: "
            f"{'yes' if e['same_graph_bytes'] else 'NO'}. Ray's process tree peaks at "
            f"{e['ray']['rss_tree_peak_mb']:.0f} MB against {e['local']['rss_tree_peak_mb']:.0f} MB (Ray's own "
            "processes: raylet, GCS, object store)."]
    again = res.get("engines_again")
    if again:
        med = {name: statistics.median(again[name]) for name in ("local", "ray", "ray_data_before")}
        out += ["", f"In a second run right after ({again['note']}): local {', '.join(f'{x:.0f}' for x in again['local'])} "
                f"s, Ray {', '.join(f'{x:.0f}' for x in again['ray'])} s ({med['ray'] / med['local']:.2f}x), and the "
                f"Ray Data engine of the code before {', '.join(f'{x:.0f}' for x in again['ray_data_before'])} s: on "
                "this shared machine the noise is larger than the difference between the engines."]
    idle = res.get("engines_idle")
    if idle:
        med = {name: statistics.median(idle[name]) for name in ("local", "ray")}
        out += ["", f"On the idle machine ({idle['note']}): local {', '.join(f'{x:.1f}' for x in idle['local'])} s, "
                f"Ray {', '.join(f'{x:.1f}' for x in idle['ray'])} s: Ray takes {med['ray'] / med['local']:.2f}x the "
                f"time of the local pool (medians; goal: at most 1.15x); same graph, byte for byte: "
                f"{'yes' if idle['same_graph_bytes'] else 'NO'}."]
    k = res["kill_resume"]
    out += ["", f"**kill -9 and resume** (`--engine ray`, {k['articles']:,} articles): killed "
            f"{'mid-way' if k['killed_mid_way'] else 'after it had finished (no test)'} with {k['in_shards_at_kill']:,} "
            f"articles in shards; the rerun resumed {k['resumed']:,} and analysed {k['analysed_after']:,} "
            f"({k['rerun_seconds']:.0f} s); same quads as an uninterrupted build: {'yes' if k['same_quads'] else 'NO'}, "
            f"same bytes: {'yes' if k['same_bytes'] else 'NO'}."]
    rep, kept = res.get("replicated"), res.get("replicated_kept")
    if rep:
        out += ["", _render_replicated(rep, kept)]
    b = res["bulk_load"]
    out += ["", f"**Oxigraph bulk load** (`pyoxigraph.Store.bulk_load`) of the {big['articles']:,}-article graph: "
            f"{b['quads']:,} quads ({b['nquads_mb']} MB of N-Quads) in {b['seconds']} s, "
            f"{b['seconds_per_million_quads']} s per million quads; the store takes {b['store_mb']} MB."]
    analysis_s = big["stages"]["nlp_and_extract"] / big["articles"] * big["workers"]
    per = {"core_s": analysis_s, "quads": big["quads"] / big["articles"],
           "shard_kb": big["shard_mb"] * 1000 / big["articles"], "nq_kb": b["nquads_mb"] * 1000 / big["articles"],
           "store_kb": b["store_mb"] * 1000 / big["articles"], "main_kb": _replicated_slope(rep) if rep else growth,
           "kept_kb": _replicated_slope(kept) if kept else None,
           "worker_mb": (big["rss_tree_peak_mb"] - big["rss_main_peak_mb"]) / big["workers"]}
    plan = []
    for n in (1_000_000, 10_000_000):
        quads = per["quads"] * n
        plan.append([f"{n:,}", f"{per['core_s'] * n / 3600:,.0f}", f"{per['core_s'] * n / 3600 / 100:,.1f}",
                     f"{per['shard_kb'] * n / 1e6:,.0f}", f"{quads / 1e6:,.0f} M", f"{per['nq_kb'] * n / 1e6:,.0f}",
                     f"{per['store_kb'] * n / 1e6:,.0f}", f"{b['seconds_per_million_quads'] * quads / 1e6 / 3600:,.1f}",
                     f"{per['main_kb'] * n / 1e6:,.1f}"] + ([f"{per['kept_kb'] * n / 1e6:,.2f}"] if kept else []))
    out += ["", "**Plan for 1M and 10M articles**, from the per-article costs of the largest run above "
            f"({per['core_s']:.2f} core-seconds of analysis an article: the analysis stage's wall time times its 2 "
            f"workers on a shared machine; {per['quads']:.0f} quads; {per['shard_kb']:.1f} KB of shards "
            f"({big.get('shard_uncompressed_mb', 0) * 1000 / big['articles']:.1f} KB before compression: the "
            "synthetic corpus repeats the examples' sentences, so real news compresses less), "
            f"{per['nq_kb']:.1f} KB of N-Quads and {per['store_kb']:.1f} KB of Oxigraph store an article; the driver's "
            f"{per['main_kb']:.1f} KB an article"
            + (f", the slope of its peak between {rep['sizes'][0]['articles']:,} and {rep['sizes'][-1]['articles']:,} "
               "replicated articles where every copy brings new people and companies (about one new distinct entity "
               "an article: the worst case)" if rep else "")
            + (f", and {per['kept_kb'] * 1000:,.0f} bytes an article where the copies keep their names"
               if kept else "")
            + f"), assuming they stay linear (analysis measured only up to {big['articles']:,} articles):", ""]
    out.append(md_table(["articles", "core-hours (analysis)", "hours on 100 cores", "shards GB", "quads",
                         "N-Quads GB", "Oxigraph GB", "bulk load hours", "driver memory GB (a new entity an article)"]
                        + (["driver memory GB (no new entities)"] if kept else []), plan,
                        "rrrrrrrrr" + ("r" if kept else "")))
    out += ["", "The analysis is the part a Ray cluster divides: its core-hours spread over the cluster's CPUs, one "
            f"actor per CPU holding one spaCy pipeline ({per['worker_mb']:.0f} MB a worker measured here). Resolution "
            "and writing run in the driver, which holds per distinct entity its summary (names, types, gazetteer ids, "
            "the first mention's local entity the rules read) and its articles (4 bytes each), per event its cluster, "
            "and per article only packed integers: where its row is in the shards (8 bytes), its mentions' global ids "
            "(4 bytes each) and its event facts' events (4 bytes each), and each distinct fact once; each article's "
            "record is read again from the shards when its graph and its `report.json` entry are written. The driver "
            "memory columns (growth, without the driver's fixed ~110 MB and pyarrow's ~60 MB) bound a build on one "
            "machine: real news lies between them, distinct entities growing more slowly than articles. Which store "
            "serves the result: Oxigraph for a graph whose bulk load takes the hours above; beyond, QLever or Jena "
            "Fuseki (TDB2), loading the same N-Quads (see the README; neither was run here)."]
    return "\n".join(out)


def _replicated_slope(rep: dict, sizes: str = "sizes") -> float:
    """KB of the main process's peak per article between the smallest and largest replicated size."""
    a, z = rep[sizes][0], rep[sizes][-1]
    return (z["rss_main_peak_mb"] - a["rss_main_peak_mb"]) / (z["articles"] - a["articles"]) * 1000


def _entity_slope(rep: dict, sizes: str = "sizes") -> float:
    """KB of the main process's peak per distinct entity between the smallest and largest replicated size."""
    a, z = rep[sizes][0], rep[sizes][-1]
    return (z["rss_main_peak_mb"] - a["rss_main_peak_mb"]) / (z["entities"] - a["entities"]) * 1000


def _goal(z: dict) -> str:
    """Whether the 100,000-article peak is within 1.5 GB (decimal), and by how much."""
    if z["articles"] < 100_000:
        return "not measured at 100,000 articles"
    decimal = z["rss_main_peak_mb"] * 1.048576  # the MB here are MiB (VmHWM's kB / 1024); the goal is in decimal MB
    return (f"{'met' if decimal <= 1500 else 'NOT met'}, {z['rss_main_peak_mb']:,.0f} MiB = {decimal:,.0f} MB, "
            f"{abs(1500 - decimal):,.0f} MB {'under' if decimal <= 1500 else 'over'} 1,500 MB")


def _spread(rep: dict) -> float:
    times = [r["seconds_per_article"] for r in rep["sizes"]]
    return max(times) / min(times)


def _render_replicated(rep: dict, kept: dict | None = None) -> str:
    """The replicated sizes, names renamed and (``kept``) names kept: the main process's peak against articles and
    distinct entities, time per article, and the same figures of the code before when the results hold them."""
    from .report import md_table

    modes = [("renamed", rep)] + ([("kept", kept)] if kept else [])
    before = any("before" in m for _n, m in modes)
    rows = []
    for name, m in modes:
        old = {r["articles"]: r for r in m.get("before", [])}
        for r in m["sizes"]:
            rows.append([name, f"{r['articles']:,}", f"{r['entities']:,}", f"{r['events']:,}", f"{r['quads']:,}",
                         f"{r['seconds']:.0f}", f"{r['seconds_per_article'] * 1000:.2f}",
                         f"{r['rss_after_resolution_mb']:.0f}", f"{r['rss_main_peak_mb']:.0f}"]
                        + ([f"{old[r['articles']]['rss_main_peak_mb']:.0f}" if r["articles"] in old else "-"]
                           if before else []))
    a, z = rep["sizes"][0], rep["sizes"][-1]
    out = [
        f"**Replicated to {z['articles']:,} articles** (`benchmarks/replicate.py`): the {rep['base_articles']:,} real "
        f"analyses of the largest size above (`{rep['base']}`) copied {rep['copies']} times into a new work folder, "
        "in two ways: *names renamed*, each copy with its people, companies and organisations renamed (government "
        "bodies and countries keep their names), so that distinct entities grow with the articles; *names kept*, each "
        "copy with every name and fact of its original, only the article's identity changed (source, file name, URL, "
        "content hash), so that distinct entities and events stay flat and what grows with the articles alone shows. "
        "Then the stages after the analysis, as `kg build --work DIR --format nq` runs them (resolution and event "
        "clustering from the compact records read once from the shards, the graph written shard by shard and "
        "merged, `report.json` made and written), on the first N articles, in a fresh process per size. Only this "
        "part is replicated, not analysed: the analysis runs in worker processes whose memory is the spaCy model's "
        "and does not grow with the corpus (tree peak above). Main peak is `VmHWM`, the fixed ~110 MB of the "
        "interpreter, newskg and its gazetteer included"
        + ("; *code before*: the same measurement with the code before resolution by distinct name key "
           f"({rep.get('before_code', kept.get('before_code', '') if kept else '')}), which held a compact record of "
           "every article until the end." if before else "."), "",
        md_table(["names", "articles", "distinct entities", "events", "quads", "seconds", "ms / article",
                  "MB after resolution", "main peak MB"] + (["main peak MB, code before"] if before else []),
                 rows, "lrrrrrrrr" + ("r" if before else "")), ""]
    text = []
    if kept:
        ka, kz = kept["sizes"][0], kept["sizes"][-1]
        flat = ka["entities"] == kz["entities"] and ka["events"] == kz["events"]
        held = (f"{kz['entities']:,} distinct entities and {kz['events']:,} events at every size" if flat else
                f"{ka['entities']:,} to {kz['entities']:,} distinct entities, {ka['events']:,} to {kz['events']:,} "
                "events")
        text.append(f"With the names kept ({held}), the main process's peak grows by "
                    f"{_replicated_slope(kept) * 1000:,.0f} bytes per article between {ka['articles']:,} and "
                    f"{kz['articles']:,} articles"
                    + (f" (code before: {_replicated_slope(kept, 'before'):.1f} KB per article)" if "before" in kept
                       else "")
                    + f"; time per article varies by a factor {_spread(kept):.2f} across the sizes (goal: within "
                    f"1.15); 1.5 GB at 100,000 articles: {_goal(kz)}.")
    text.append(f"With the names renamed (about {(z['entities'] - a['entities']) / (z['articles'] - a['articles']):.2f}"
                f" new distinct entities an article), the peak grows by {_entity_slope(rep):.1f} KB per distinct "
                f"entity ({_replicated_slope(rep):.1f} KB per article)"
                + (f" (code before: {_entity_slope(rep, 'before'):.1f} KB per distinct entity, "
                   f"{_replicated_slope(rep, 'before'):.1f} KB per article)" if "before" in rep else "")
                + f"; time per article varies by a factor {_spread(rep):.2f} across the sizes; 1.5 GB at 100,000 "
                f"articles: {_goal(z)}.")
    out.append(" ".join(text))
    if rep.get("alone"):
        out += ["", "These replicated sizes were measured in a later run (`python -m benchmarks scale --only "
                "replicated`) than the rest of this section, which is from the last full run: the real builds' "
                "figures above may be an earlier code's."]
    return "\n".join(out)

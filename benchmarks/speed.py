"""Speed and scale: build throughput against spaCy alone, memory and per-article cost against corpus size.

Every measurement runs in a fresh subprocess (``benchmarks.measure``) on a synthetic corpus
(``benchmarks.corpus``), one after another, never two at once:

1. Throughput on ``THROUGHPUT_N`` articles: spaCy alone and ``kg.builder.full.build`` with 1 and then 2
   workers, in the order spaCy, build, spaCy, build (repeated ``repeats`` times; medians reported).
   The 2-worker build also saves its analyses for step 3.
2. Real builds (2 workers) at the other ``REAL_SIZES``: peak memory and cost per article.
3. Larger corpora by replicating the analyses of step 1 with renamed people and companies
   (``measure replicate``): the post-NLP part of the build (resolution, graph, report, and file writing
   up to ``WRITE_LIMIT`` articles), which is where any cost that grows faster than the corpus would be.
4. Where the time goes: spaCy alone, spaCy + newskg's gazetteer ruler, and the whole analysis
   (NLP + extractors), in one process on ``BREAKDOWN_N`` articles.
"""
from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

from . import REPO

FULL = {"throughput_n": 2000, "real_sizes": [500], "replicate_sizes": [4000, 8000, 20000], "write_limit": 20000,
        "breakdown_n": 200, "repeats": 1, "ratio_n": 300, "ratio_repeats": 3}
QUICK = {"throughput_n": 40, "real_sizes": [20], "replicate_sizes": [120, 240], "write_limit": 120,
         "breakdown_n": 20, "repeats": 1, "ratio_n": 20, "ratio_repeats": 2}


def run_measure(*args: str) -> dict:
    """Run ``python -m benchmarks.measure ARGS`` in a fresh process; return its JSON line.

    Raises:
        RuntimeError: the measurement failed (its stderr tail is in the message).
    """
    env = dict(os.environ, PYTHONHASHSEED="0")
    proc = subprocess.run([sys.executable, "-m", "benchmarks.measure", *args], cwd=REPO, env=env,
                          capture_output=True, text=True)
    if proc.returncode != 0:
        raise RuntimeError(f"measure {' '.join(args)} failed: {proc.stderr[-2000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def _corpus(workdir: Path, n: int) -> Path:
    from .corpus import write_corpus

    folder = workdir / f"corpus-{n}"
    if not folder.is_dir() or sum(1 for _ in folder.iterdir()) != n:
        write_corpus(folder, n)
    return folder


def _median(runs: list[dict], key: str) -> float:
    return statistics.median(r[key] for r in runs)


def run(workdir: Path, *, quick: bool = False, config: dict | None = None, log=print) -> dict:
    """Run the speed and scale benchmark; return its results record.

    Args:
        workdir: where corpora, build outputs and dumps go (reused by the store and view benchmarks).
        quick: the small configuration (:data:`QUICK`) instead of :data:`FULL`.
        config: explicit sizes (the keys of :data:`FULL`), for tests.
    """
    cfg = config or (QUICK if quick else FULL)
    workdir.mkdir(parents=True, exist_ok=True)
    n = cfg["throughput_n"]
    corpus = _corpus(workdir, n)
    dump = workdir / f"analyses-{n}.pkl"
    load_before = os.getloadavg()
    throughput = {}
    for workers in (1, 2):
        runs = {"spacy": [], "build": []}
        for rep in range(cfg["repeats"]):
            log(f"  speed: spaCy alone, {n} articles, {workers} process(es) (run {rep + 1})")
            runs["spacy"].append(run_measure("spacy", str(corpus), "--workers", str(workers)))
            log(f"  speed: kg build, {n} articles, {workers} worker(s) (run {rep + 1})")
            extra = ["--dump", str(dump)] if workers == 2 and rep == 0 else []
            runs["build"].append(run_measure("build", str(corpus), str(workdir / f"out-{n}-w{workers}"),
                                             "--workers", str(workers), *extra))
        b, s = runs["build"], runs["spacy"]
        build_s, spacy_s = _median(b, "seconds"), _median(s, "seconds")
        words = b[0]["words"]
        throughput[workers] = {
            "articles": b[0]["articles"], "words": words, "spacy_words": s[0]["words"],
            "build_seconds": build_s, "spacy_seconds": spacy_s,
            "build_words_per_s": round(words / build_s), "build_articles_per_s": round(b[0]["articles"] / build_s, 1),
            "spacy_words_per_s": round(s[0]["words"] / spacy_s), "ratio_build_to_spacy": round(build_s / spacy_s, 3),
            "stages": b[0]["stages"], "runs": runs,
        }
    load_after = os.getloadavg()
    scale = []
    for size in cfg["real_sizes"]:
        log(f"  scale: kg build, {size} articles, 2 workers")
        r = run_measure("build", str(_corpus(workdir, size)), str(workdir / f"out-{size}-w2"), "--workers", "2")
        scale.append({"articles": size, "mode": "real build (2 workers)", **_scale_fields(r)})
    scale.append({"articles": n, "mode": "real build (2 workers)", **_scale_fields(throughput[2]["runs"]["build"][0])})
    for size in cfg["replicate_sizes"]:
        write = size <= cfg["write_limit"]
        log(f"  scale: post-NLP build of {size} replicated analyses" + (" with file writing" if write else ""))
        args = ["replicate", str(dump), str(size)]
        if write:
            args += ["--out", str(workdir / f"replica-{size}")]
        if size == max(cfg["replicate_sizes"]):
            args += ["--nquads", str(scale_graph_path(workdir, quick))]
        r = run_measure(*args)
        scale.append({"articles": size, "mode": "replicated analyses" + (" + writing" if write else ", no writing"),
                      **_scale_fields(r)})
    ratio = _repeated_ratio(workdir, cfg, log) if cfg.get("ratio_repeats") else None
    log(f"  speed: where the time goes ({cfg['breakdown_n']} articles, one process)")
    breakdown = run_measure("breakdown", str(_corpus(workdir, cfg["breakdown_n"])))
    return {
        "key": "speed",
        "config": {k: v for k, v in cfg.items()},
        "corpus": "synthetic: variants of examples/articles with other names (benchmarks/corpus.py)",
        "throughput": {str(k): v for k, v in throughput.items()},
        "scale": scale,
        "breakdown": breakdown,
        "ratio_repeats": ratio,
        "loadavg": {"before": [round(x, 2) for x in load_before], "after_throughput": [round(x, 2) for x in load_after]},
    }


def _repeated_ratio(workdir: Path, cfg: dict, log) -> dict:
    """Build / spaCy time ratio, repeated on a smaller corpus: (spaCy, build) pairs alternate, fresh processes."""
    n, repeats = cfg["ratio_n"], cfg["ratio_repeats"]
    corpus = _corpus(workdir, n)
    out: dict[str, dict] = {}
    ratios: dict[int, list[float]] = {1: [], 2: []}
    for rep in range(repeats):
        for workers in (1, 2):
            log(f"  speed: ratio check {rep + 1}/{repeats}, {n} articles, {workers} worker(s)")
            sp = run_measure("spacy", str(corpus), "--workers", str(workers))
            bu = run_measure("build", str(corpus), str(workdir / f"out-{n}-w{workers}"), "--workers", str(workers))
            ratios[workers].append(bu["seconds"] / sp["seconds"])
    for workers, rs in ratios.items():
        out[str(workers)] = {"articles": n, "runs": len(rs), "median": round(statistics.median(rs), 3),
                             "min": round(min(rs), 3), "max": round(max(rs), 3)}
    return out


def scale_graph_path(workdir: Path, quick: bool) -> Path:
    """Where the largest replicated graph is dumped (N-Quads) for the store and view benchmarks."""
    size = max((QUICK if quick else FULL)["replicate_sizes"])
    return workdir / f"graph-{size}.nq"


def _scale_fields(r: dict) -> dict:
    """Seconds by stage, cost per article and peak memory of one build or replicated build."""
    stages = r.get("stages", {})
    read, nlp = stages.get("read", 0.0), stages.get("nlp_and_extract", 0.0)
    resolve_graph = stages.get("resolve_and_graph", 0.0)
    if r["kind"] == "build":
        report_write = r["seconds"] - read - nlp - resolve_graph  # report + TTL/TriG files
    else:
        report = r["seconds"] - sum(stages.values())
        report_write = None if r.get("write_seconds") is None else report + r["write_seconds"]
    n = r["articles"]
    return {
        "seconds": round(r["seconds"] + (r.get("write_seconds") or 0.0), 2),
        "nlp_seconds": round(nlp, 2) if r["kind"] == "build" else None,
        "resolve_graph_seconds": round(resolve_graph, 2),
        "report_write_seconds": None if report_write is None else round(report_write, 2),
        "ms_per_article_resolve_graph": round(1000 * resolve_graph / n, 2),
        "ms_per_article_report_write": None if report_write is None else round(1000 * report_write / n, 2),
        "triples": r["triples"], "quads": r["quads"], "entities": r["entities"],
        "rss_main_peak_mb": r["rss_main_peak_mb"], "rss_tree_peak_mb": r["rss_tree_peak_mb"],
        "kb_per_article_main": round(1024 * r["rss_main_peak_mb"] / n, 1),
    }

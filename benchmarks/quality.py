"""Extraction quality: the five runners, two at a time in worker processes."""
from __future__ import annotations

import importlib
import multiprocessing as mp
import time
from concurrent.futures import ProcessPoolExecutor

RUNNERS = ("redocred", "dwie", "conll", "crudeoil", "fire")  # longest first, so two processes finish together
QUICK_LIMIT = 6


SPLITS = ("test", "dev")


def run_one(name: str, limit: int | None, split: str = "test") -> tuple[str, dict, list[str], float]:
    """Run one runner module's ``run(limit, split)``; return (name, result, error samples, seconds)."""
    t0 = time.perf_counter()
    module = importlib.import_module(f"benchmarks.{name}")
    result, samples = module.run(limit=limit, split=split)
    return name, result, samples, time.perf_counter() - t0


def run(*, quick: bool = False, only: list[str] | None = None, processes: int = 2, log=print,
        split: str = "test") -> tuple[dict, list[str]]:
    """Run the quality runners on one split; return ({benchmark key: result}, error samples).

    ``split="dev"`` reads each benchmark's development split (CoNLL eng.testa, DWIE dev.json, FIRE
    fire_dev.json, Re-DocRED dev_revised.json, CrudeOilNews's seed set only): the one to develop on.
    The test split is reported once, at the end of a piece of work.
    """
    names = [n for n in RUNNERS if not only or n in only]
    limit = QUICK_LIMIT if quick else None
    results, samples = {}, []
    with ProcessPoolExecutor(max_workers=processes, mp_context=mp.get_context("spawn")) as pool:
        futures = [pool.submit(run_one, n, limit, split) for n in names]
        for fut in futures:
            name, result, s, seconds = fut.result()
            result["wall_seconds"] = round(seconds, 1)
            log(f"  quality: {result['title']}: done in {seconds:.0f} s")
            results[result["key"]] = result
            samples += s
    return results, samples

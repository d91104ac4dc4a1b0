"""Time to interactive of the graph view in headless Chromium, against the view before issue 14 in the same command.

Cases: generated news-shaped graphs of 600, 5,000 and 20,000 nodes (:mod:`benchmarks.viewgraph`, the graphs the
browser tests use) and the build of the bundled example articles. Each page is written with
:func:`kg.view.page.write_view` and opened in a fresh browser context ``repeats`` times; measured in the page:

* ready: ``performance.now()`` when the page is interactive (layout shown, controls wired), i.e. milliseconds since
  navigation started, parsing of the HTML and its JSON included;
* names: node names drawn at 11 px or more on the first screen (``kgView.labels()``);
* filter: the synchronous handler time of one class-filter click (Person off);
* cluster: from a click on the third cluster of the list to the end of its re-layout.

The baseline is the page as commit ``BASELINE`` wrote it (its ``kg`` tree taken with ``git archive``, run in a
subprocess on the same graph): ready is when its in-page layout finished. Medians; a run slower than 20 s is not
repeated. Chromium: Debian ``chromium`` (or ``KG_CHROMIUM``) through Playwright, as in the browser tests.
"""
from __future__ import annotations

import os
import pickle
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from io import BytesIO
from pathlib import Path

from . import REPO

BASELINE = "6c7cea2"  # main before issue 14: physics layout in the page, vis-network labels
SIZES = [600, 5000, 20000]
QUICK_SIZES = [600]
SLOW_MS = 20_000
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--no-first-run", "--disable-sync"]
READABLE = ("(() => { const c = document.querySelector('#graph canvas'); return kgView.labels().filter(l =>"
            " l.id !== undefined && l.px >= 11 && l.x >= 0 && l.x <= c.clientWidth && l.y >= 0"
            " && l.y <= c.clientHeight).length; })()")


def chromium() -> str | None:
    for candidate in (os.environ.get("KG_CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium")):
        if candidate and Path(candidate).is_file():
            return candidate
    return None


def _baseline_tree(workdir: Path) -> Path | None:
    """The ``kg`` package and ontology of commit BASELINE, unpacked once into the work folder."""
    target = workdir / f"view-baseline-{BASELINE}"
    if (target / "kg").is_dir():
        return target
    try:
        tar = subprocess.run(["git", "archive", BASELINE, "kg", "ontology.ttl"], cwd=REPO, capture_output=True,
                             check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    target.mkdir(parents=True, exist_ok=True)
    with tarfile.open(fileobj=BytesIO(tar)) as archive:
        archive.extractall(target, filter="data")
    return target


def _write_baseline(tree: Path, graph_pickle: Path, out: Path) -> None:
    code = ("import pickle, sys; from kg.view.page import write_view; "
            "write_view(pickle.load(open(sys.argv[1], 'rb')), sys.argv[2])")
    env = dict(os.environ, PYTHONPATH=str(tree))
    subprocess.run([sys.executable, "-c", code, str(graph_pickle), str(out)], env=env, check=True,
                   capture_output=True, cwd=tree)


def _open(browser, path: Path, *, ours: bool) -> dict:
    context = browser.new_context(viewport={"width": 1400, "height": 860})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file:") else r.abort())
    start = time.perf_counter()
    page.goto(path.as_uri())
    page.wait_for_selector("body[data-ready='1']", state="attached", timeout=300_000)
    run = {"wall_ms": (time.perf_counter() - start) * 1000, "ready_ms": page.evaluate("kgView.timings.ready"),
           "errors": len(errors)}
    if ours:
        page.wait_for_timeout(200)
        run["names"] = page.evaluate(READABLE)
        run["filter_ms"] = page.evaluate("(() => { const box = document.querySelector(\"#legend input[data-class='Person']\");"
                                         " const t = performance.now(); box.click(); const d = performance.now() - t;"
                                         " box.click(); return d; })()")
        if page.locator("#clusters button").count() > 2:
            page.evaluate("document.body.dataset.layout = ''")
            t = time.perf_counter()
            page.locator("#clusters button").nth(2).click()
            while page.evaluate("document.body.dataset.layout") not in ("relaid", "kept", "precomputed"):
                page.wait_for_timeout(20)
            run["cluster_ms"] = (time.perf_counter() - t) * 1000
    context.close()
    return run


def _median(runs: list[dict], key: str) -> float | None:
    values = [r[key] for r in runs if key in r]
    return round(statistics.median(values), 1) if values else None


def _measure(browser, path: Path, *, ours: bool, repeats: int) -> dict:
    runs = [_open(browser, path, ours=ours)]
    while len(runs) < repeats and runs[-1]["ready_ms"] < SLOW_MS:
        runs.append(_open(browser, path, ours=ours))
    out = {key: _median(runs, key) for key in ("ready_ms", "wall_ms", "names", "filter_ms", "cluster_ms")}
    out["runs"] = len(runs)
    out["errors"] = max(r["errors"] for r in runs)
    return {k: v for k, v in out.items() if v is not None}


def _cases(workdir: Path, sizes: list[int]):
    """(name, networkx view graph) for each generated size and the examples build."""
    from kg.builder.full import build
    from kg.view.network import to_networkx

    from .viewgraph import generate_view_graph

    for n in sizes:
        yield f"generated, {n:,} nodes", generate_view_graph(n)
    result = build([str(REPO / "examples" / "articles")], out=workdir / "view-examples", formats=("trig",))
    yield "examples build (9 articles)", to_networkx(result.dataset)


def run(workdir: Path, *, quick: bool = False, repeats: int = 3, log=print) -> dict:
    """Measure every case; a record for results.json (or a note saying why it could not run)."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return {"note": "playwright is not installed (pip install -e '.[test]'): time to interactive not measured"}
    executable = chromium()
    if executable is None:
        return {"note": "no Chromium found (apt-get install chromium, or set KG_CHROMIUM): time to interactive not measured"}
    from kg.view.page import write_view

    workdir.mkdir(parents=True, exist_ok=True)
    tree = _baseline_tree(workdir)
    cases = []
    with sync_playwright() as p, tempfile.TemporaryDirectory() as tmp:
        browser = p.chromium.launch(executable_path=executable, args=ARGS)
        for name, G in _cases(workdir, QUICK_SIZES if quick else SIZES):
            ours = Path(tmp) / "ours.html"
            t = time.perf_counter()
            write_view(G, ours)
            case = {"case": name, "nodes": G.number_of_nodes(), "edges": G.number_of_edges(),
                    "write_s": round(time.perf_counter() - t, 2), "html_mb": round(ours.stat().st_size / 2**20, 1),
                    **_measure(browser, ours, ours=True, repeats=repeats)}
            if tree is not None:
                pickled, theirs = Path(tmp) / "graph.pkl", Path(tmp) / "baseline.html"
                pickled.write_bytes(pickle.dumps(G))
                _write_baseline(tree, pickled, theirs)
                base = _measure(browser, theirs, ours=False, repeats=repeats)
                case["baseline_ready_ms"], case["baseline_runs"] = base["ready_ms"], base["runs"]
            log(f"  {name}: ready {case['ready_ms']:.0f} ms (baseline {case.get('baseline_ready_ms', 0):.0f} ms), "
                f"{case.get('names', 0):.0f} names >= 11 px, filter {case.get('filter_ms', 0):.0f} ms, "
                f"cluster re-layout {case.get('cluster_ms', 0):.0f} ms, write {case['write_s']} s")
            cases.append(case)
        version = browser.version
        browser.close()
    return {"chromium": version, "baseline": BASELINE if tree is not None else None, "cases": cases}

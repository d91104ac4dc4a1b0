"""Copies and syndication: how well the copy finder tells a reprint from a different article on the same story.

The set is in this repository. Reprints of the nine example articles (`examples/articles`) are made by
`benchmarks/dedup.py` the way wires and sites change a story: a new headline with a dateline and a byline, the last
paragraph trimmed, a few words edited, boilerplate added (a share prompt, a wire credit, a copyright line), the lede
rewritten, all of these at once, and the last third cut. Different-but-similar articles, which must not be merged,
are written for this benchmark (`benchmarks/data/dedup/accounts.yaml`: another outlet's own account of the same
event, and a follow-up story that repeats two background paragraphs of the original), besides every pair of two
different examples. Each pair gets the finder's own similarity (1.0 for the same normalised words, else the MinHash
estimate of the Jaccard similarity of 5-word shingles); precision and recall are counted at each threshold, and the
whole set is also run through one `CopyFinder` (`kg/read/copies.py`, LSH candidates included) at the default
threshold. Memory and time per article are measured on synthetic texts of 500 words.
"""
from __future__ import annotations

import random
import time
import tracemalloc
from pathlib import Path

from . import REPO

EXAMPLES = REPO / "examples" / "articles"
ACCOUNTS = REPO / "benchmarks" / "data" / "dedup" / "accounts.yaml"
THRESHOLDS = tuple(round(0.3 + 0.05 * i, 2) for i in range(14))

# How reprints change a story. Each is a list of edits applied in order by reprint_text.
REPRINTS = {
    "new headline, dateline and byline": ["headline", "dateline", "byline"],
    "last paragraph trimmed": ["byline", "trim"],
    "a few words edited": ["headline", "edit"],
    "boilerplate added": ["byline", "boilerplate"],
    "lede rewritten": ["headline", "lede"],
    "trimmed, edited and boilerplate": ["headline", "dateline", "trim", "edit", "boilerplate"],
    "last third cut": ["headline", "byline", "third"],
}
_BYLINES = ("By Wire Staff", "By Dana Whitcombe", "From our correspondent", "By Newsdesk Reporters")
_DATELINES = ("WASHINGTON (Newswire) — ", "LONDON (Newswire) - ", "NEW YORK, {date} (Wire) — ")
_BOILERPLATE = (
    "Reporting by Dana Whitcombe; editing by Lee Marsh.",
    "© 2026 Newswire. All rights reserved. This material may not be published, broadcast or redistributed.",
    "Sign up for our morning briefing to get the day's business news in your inbox.",
    "Share this article on Facebook, X and LinkedIn.",
)
# words a copy editor changes: (old, new), the first match of each in the body
_EDITS = (("said", "stated"), ("on Friday", "late on Friday"), ("company", "firm"), ("would", "will"),
          ("the United States", "the US"), ("per cent", "percent"), ("also", "further"), ("which", "that"))


def load_examples() -> list:
    """The bundled example articles as read by newskg: [(path, Article)]."""
    from kg.read.files import load_article

    return [(p, load_article(p)) for p in sorted(EXAMPLES.iterdir()) if p.suffix in (".txt", ".md", ".html")]


def reprint_text(article, edits: list[str], seed: int = 0) -> str:
    """The text of a reprint file (Markdown, no URL) of ``article`` after ``edits`` (see :data:`REPRINTS`)."""
    rng = random.Random(seed)
    paragraphs = article.text.split("\n")
    headline = article.title or paragraphs[0][:80]
    header = []
    for edit in edits:
        if edit == "headline":
            headline = f"{rng.choice(('UPDATE 1', 'WRAPUP', 'Analysis'))}: {headline.rstrip('.')} - sources"
        elif edit == "byline":
            header.append(rng.choice(_BYLINES))
        elif edit == "dateline":
            paragraphs[0] = rng.choice(_DATELINES).format(date=article.date or "Monday") + paragraphs[0]
        elif edit == "trim":
            paragraphs = paragraphs[:-1]
        elif edit == "third":
            paragraphs = paragraphs[:max(1, len(paragraphs) * 2 // 3)]
        elif edit == "edit":
            body = "\n".join(paragraphs)
            for old, new in _EDITS:
                body = body.replace(f" {old} ", f" {new} ", 1)
            paragraphs = body.split("\n")
        elif edit == "boilerplate":
            paragraphs = paragraphs + rng.sample(_BOILERPLATE, 2)
        elif edit == "lede":
            paragraphs[0] = f"{headline.split(':')[-1].strip()}, according to people familiar with the matter."
    return "\n\n".join([f"# {headline}", *header, *paragraphs]) + "\n"


def copy_files(exact: int, near: int) -> list[tuple[str, bytes, str, str]]:
    """Copies of the examples as files: [(file name, bytes, original file name, "exact" or "near")].

    Exact copies are the file's bytes under a new name (for the examples without a URL: with one, the same URL
    already makes them the same article) or the same body under a new headline and byline; near copies cycle
    through :data:`REPRINTS`.
    """
    examples = load_examples()
    out = []
    for i in range(exact):
        path, art = examples[i % len(examples)]
        if not art.url and i % 2 == 0:
            out.append((f"copy-{i:03d}-{path.name}", path.read_bytes(), path.name, "exact"))
        else:
            text = reprint_text(art, ["headline", "byline"], seed=i)
            out.append((f"copy-{i:03d}-{path.stem}.md", text.encode("utf-8"), path.name, "exact"))
    # the kinds of reprint that change the body's words (the reader cuts a plain dateline and the boilerplate)
    kinds = [edits for edits in REPRINTS.values() if {"trim", "edit", "lede", "third"} & set(edits)]
    for i in range(near):
        path, art = examples[i % len(examples)]
        text = reprint_text(art, kinds[i % len(kinds)], seed=100 + i)
        out.append((f"reprint-{i:03d}-{path.stem}.md", text.encode("utf-8"), path.name, "near"))
    return out


def write_copies(folder: Path, *, exact: int = 50, near: int = 20) -> list[tuple[str, str, str]]:
    """Write :func:`copy_files` into ``folder``; returns [(copy file name, original file name, kind)]."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, data, original, kind in copy_files(exact, near):
        (folder / name).write_bytes(data)
        written.append((name, original, kind))
    return written


def labelled_pairs() -> list[dict]:
    """Every pair of the set: {"a", "b" (Articles), "copy" (bool), "kind"}."""
    import yaml

    from kg.read.article import parse_article_text

    examples = load_examples()
    by_name = {p.name: art for p, art in examples}
    pairs = []
    for n, (path, art) in enumerate(examples):
        for k, (kind, edits) in enumerate(REPRINTS.items()):
            text = reprint_text(art, edits, seed=10 * n + k)
            pairs.append({"a": art, "b": parse_article_text(text, source=f"reprint-{n}-{k}", file_name="r.md"),
                          "copy": True, "kind": kind})
    for i, (_, a) in enumerate(examples):
        for _, b in examples[i + 1:]:
            pairs.append({"a": a, "b": b, "copy": False, "kind": "two different examples"})
    for j, spec in enumerate(yaml.safe_load(ACCOUNTS.read_text(encoding="utf-8"))):
        original = by_name[spec["about"]]
        text = " ".join(spec["text"].split())
        if spec.get("reuse"):
            kept = original.text.split("\n")
            text = "\n\n".join([text, *(kept[i] for i in spec["reuse"])])
        other = parse_article_text(text, source=f"account-{j}", file_name="account.md")
        pairs.append({"a": original, "b": other, "copy": False, "kind": spec["kind"]})
    return pairs


def pair_similarity(a, b) -> float:
    """The finder's similarity of two articles: 1.0 for the same normalised words, else the MinHash estimate of the
    Jaccard similarity of their shingles (the share of equal signature values, as :class:`CopyFinder` computes it)."""
    from kg.read.copies import signature, text_hash

    if text_hash(a.text) == text_hash(b.text):
        return 1.0
    return round(float(signature(a.text).jaccard(signature(b.text))), 4)


def _memory_and_time(n: int) -> dict:
    """Bytes and milliseconds per article for ``n`` synthetic texts of 500 words (vocabulary of the examples)."""
    from kg.read.article import Article
    from kg.read.copies import CopyFinder, to_words

    vocab = sorted({w for _, art in load_examples() for w in to_words(art.text)})
    rng = random.Random(7)
    texts = [" ".join(rng.choices(vocab, k=500)) for _ in range(n)]
    arts = [Article(source=f"s{i}", file_name=f"s{i}.txt", text=t, content_hash=str(i)) for i, t in enumerate(texts)]
    warm_up = Article(source="warm-up", file_name="w.txt", text="imports datasketch first", content_hash="w")
    finder = CopyFinder()
    finder.check(warm_up)
    t0 = time.perf_counter()
    for art in arts:
        finder.check(art)
    seconds = time.perf_counter() - t0
    # memory in a second pass: tracemalloc slows every allocation, so it is not on while timing
    finder = CopyFinder()
    finder.check(warm_up)
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    for art in arts:
        finder.check(art)
    after = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    return {"articles": n, "bytes_per_article": round((after - before) / n),
            "ms_per_article": round(1000 * seconds / n, 2)}


def run(*, quick: bool = False) -> dict:
    """{"threshold", "pairs", "by_threshold", "by_kind", "end_to_end", "memory"} (see the module docstring)."""
    from kg.read.copies import DEFAULT_THRESHOLD, NUM_PERM, SHINGLE_WORDS, CopyFinder

    pairs = labelled_pairs()
    for p in pairs:
        p["similarity"] = pair_similarity(p["a"], p["b"])
    by_threshold = {}
    for t in THRESHOLDS:
        tp = sum(1 for p in pairs if p["copy"] and p["similarity"] >= t)
        fp = sum(1 for p in pairs if not p["copy"] and p["similarity"] >= t)
        fn = sum(1 for p in pairs if p["copy"] and p["similarity"] < t)
        by_threshold[f"{t:.2f}"] = {"tp": tp, "fp": fp, "fn": fn, "precision": round(tp / (tp + fp), 3) if tp + fp else 1.0,
                                    "recall": round(tp / (tp + fn), 3) if tp + fn else 1.0}
    by_kind = {}
    for p in pairs:
        k = by_kind.setdefault(p["kind"], {"copy": p["copy"], "pairs": 0, "min": 1.0, "max": 0.0})
        k["pairs"] += 1
        k["min"], k["max"] = round(min(k["min"], p["similarity"]), 3), round(max(k["max"], p["similarity"]), 3)
    # the whole set through one finder, in order: originals, then every other article of a pair
    finder = CopyFinder(DEFAULT_THRESHOLD)
    for _, art in load_examples():
        finder.check(art)
    right = wrong = missed = 0
    for p in pairs:
        if p["kind"] == "two different examples":
            continue
        found = finder.check(p["b"])
        if p["copy"]:
            right += found is not None and found.original.source == p["a"].source
            missed += found is None
        else:
            wrong += found is not None
    copies = sum(1 for p in pairs if p["copy"])
    return {
        "threshold": DEFAULT_THRESHOLD, "shingle_words": SHINGLE_WORDS, "num_perm": NUM_PERM,
        "pairs": {"copies": copies, "different": len(pairs) - copies},
        "by_threshold": by_threshold, "by_kind": by_kind,
        "end_to_end": {"copies": copies, "found": right, "missed": missed,
                       "different": sum(1 for p in pairs if not p["copy"] and p["kind"] != "two different examples"),
                       "wrongly_merged": wrong},
        "memory": _memory_and_time(500 if quick else 5000),
    }


if __name__ == "__main__":
    import json

    print(json.dumps(run(quick=True), indent=1, ensure_ascii=False))

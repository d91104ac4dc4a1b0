"""CoNLL-2003 English NER, test split (eng.testb): span-level P/R/F1 per type.

Each of the 231 test documents becomes one article: its sentences, detokenized, one per line.
Scoring is the CoNLL phrase rule (exact span and type). A predicted span is mapped to the CoNLL
tokens it covers (spaCy never merges across spaces, so this only matters when it splits a token).

| CoNLL gold | newskg | raw spaCy | Florian et al. 2003 |
|---|---|---|---|
| PER | Person | PERSON | PER |
| ORG | Company + GovernmentBody + Organization | ORG | ORG |
| LOC naming a country | Country | GPE/LOC naming a country | LOC naming a country |
| LOC (all, incl. cities) | Country | GPE + LOC | LOC |
| MISC | - (no counterpart) | - | - |

"Naming a country" means the span's text is a country name or alias in the newskg gazetteer; the
filter is applied to the gold spans and to every system's predictions alike. newskg does not extract
cities or regions, so its recall on all LOC is bounded by design.
"""
from __future__ import annotations

import gzip
import time
from collections import Counter
from pathlib import Path

from . import bench_dir
from .scoring import PRF, prf_of_sets
from .systems import is_country_name, ours_mentions, run_baseline
from .text import char_span_to_tokens, detokenize

KEY = "conll2003"
TITLE = "CoNLL-2003 NER (test, eng.testb)"
SPLIT_FILES = {"test": "eng.testb", "dev": "eng.testa"}

OURS_MAP = {"Person": "PER", "Company": "ORG", "GovernmentBody": "ORG", "Organization": "ORG", "Country": "LOC"}
BASELINE_MAP = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC"}
MAPPING = [
    {"gold": "PER", "ours": "Person", "baseline": "PERSON"},
    {"gold": "ORG", "ours": "Company + GovernmentBody + Organization", "baseline": "ORG"},
    {"gold": "LOC naming a country", "ours": "Country", "baseline": "GPE/LOC naming a country"},
    {"gold": "LOC (all)", "ours": "Country", "baseline": "GPE + LOC"},
    {"gold": "MISC", "ours": "-", "baseline": "-"},
]


def load_conll(path: Path) -> list[dict]:
    """Documents of a CoNLL-2003 file: {tokens, sentences: [(start, end)], tags, lines: file line per token}."""
    docs: list[dict] = []
    cur = {"tokens": [], "sentences": [], "tags": [], "lines": []}
    sent_start = 0

    def close_sentence() -> None:
        nonlocal sent_start
        if len(cur["tokens"]) > sent_start:
            cur["sentences"].append((sent_start, len(cur["tokens"])))
        sent_start = len(cur["tokens"])

    lines = path.read_text(encoding="utf-8").split("\n")
    for ln, line in enumerate(lines):
        if line.startswith("-DOCSTART-"):
            close_sentence()
            if cur["tokens"]:
                docs.append(cur)
            cur = {"tokens": [], "sentences": [], "tags": [], "lines": []}
            sent_start = 0
            continue
        if not line.strip():
            close_sentence()
            continue
        parts = line.split()
        cur["tokens"].append(parts[0])
        cur["tags"].append(parts[-1])
        cur["lines"].append(ln)
    close_sentence()
    if cur["tokens"]:
        docs.append(cur)
    return docs


def iob1_spans(tags: list[str], sentences: list[tuple[int, int]]) -> list[tuple[int, int, str]]:
    """(start, end, type) chunks of IOB1 (or IOB2) tags, never crossing a sentence boundary."""
    spans = []
    for s0, s1 in sentences:
        start, typ = None, None
        for i in range(s0, s1 + 1):
            tag = tags[i] if i < s1 else "O"
            prefix, _, t = tag.partition("-")
            begins = tag != "O" and (prefix == "B" or t != typ)
            if start is not None and (tag == "O" or begins):
                spans.append((start, i, typ))
                start, typ = None, None
            if tag != "O" and start is None:
                start, typ = i, t
    return spans


def _doc_text(doc: dict) -> tuple[str, list[int]]:
    """Detokenized text of a document (one sentence per line) and each CoNLL token's char offset."""
    toks: list[str] = []
    index: list[int] = []  # position in toks of each CoNLL token
    for si, (s0, s1) in enumerate(doc["sentences"]):
        if si:
            toks.append("\n")
        for i in range(s0, s1):
            index.append(len(toks))
            toks.append(doc["tokens"][i])
    text, starts = detokenize(toks)
    return text, [starts[j] for j in index]


def _to_token_spans(mentions, starts: list[int], tokens: list[str], mapping: dict) -> set[tuple[int, int, str]]:
    out = set()
    for b, e, label in mentions:
        typ = mapping.get(label)
        if typ is None:
            continue
        s, t = char_span_to_tokens(starts, tokens, b, e)
        out.add((s, t, typ))
    return out


def _country_span(doc: dict, span: tuple[int, int, str]) -> bool:
    return is_country_name(" ".join(doc["tokens"][span[0]:span[1]]))


def _error_classes(pred: set, gold_all: set, label: str) -> Counter:
    """Why predictions of ``label`` are wrong and gold ``label`` spans are missed (counts)."""
    c: Counter = Counter()
    gold_spans = {(s, e): t for s, e, t in gold_all}
    pred_spans = {(s, e): t for s, e, t in pred}
    for s, e, t in pred:
        if t != label or (s, e, t) in gold_all:
            continue
        if (s, e) in gold_spans:
            c[f"fp: right span, gold type {gold_spans[(s, e)]}"] += 1
        elif any(gs < e and s < ge for gs, ge in gold_spans):
            c["fp: boundary (overlaps a gold span)"] += 1
        else:
            c["fp: not an entity in gold"] += 1
    for s, e, t in gold_all:
        if t != label or (s, e, t) in pred:
            continue
        if (s, e) in pred_spans:
            c[f"fn: right span, predicted {pred_spans[(s, e)]}"] += 1
        elif any(ps < e and s < pe for ps, pe in pred_spans):
            c["fn: boundary (overlapping prediction)"] += 1
        else:
            c["fn: not found at all"] += 1
    return c


def run(limit: int | None = None, split: str = "test") -> tuple[dict, list[str]]:
    """Score newskg, raw spaCy and the best CoNLL-2003 system on eng.testb (``split="dev"``: eng.testa).

    Args:
        limit: score only the first ``limit`` documents (smoke tests).
        split: "test" (eng.testb) or "dev" (eng.testa, which has no published system output here).

    Returns:
        (result record for results.json, error samples to print, never stored)
    """
    folder = bench_dir() / "conll2003"
    docs = load_conll(folder / SPLIT_FILES[split])
    if limit:
        docs = docs[:limit]
    florian = (gzip.open(folder / "florian.eng.testb.gz", "rt", encoding="utf-8").read().split("\n")
               if split == "test" else None)
    texts, starts_of = [], []
    for doc in docs:
        text, starts = _doc_text(doc)
        texts.append(text)
        starts_of.append(starts)

    t0 = time.perf_counter()
    ours = ours_mentions(texts)
    t1 = time.perf_counter()
    _, base = run_baseline(texts)
    t2 = time.perf_counter()

    systems = {"ours": Counter(), "baseline": Counter(), **({"published": Counter()} if florian else {})}
    scores = {s: {} for s in systems}
    errors = {"ours": Counter(), "baseline": Counter()}
    samples: list[str] = []
    scorer_check = PRF(0, 0, 0, 0)
    missed = {t: [0, 0] for t in ("PER", "ORG", "LOC", "MISC")}  # gold missed by newskg, of which raw spaCy found
    n_tokens = 0
    for di, doc in enumerate(docs):
        n_tokens += len(doc["tokens"])
        gold = set(iob1_spans(doc["tags"], doc["sentences"]))
        pred = {
            "ours": _to_token_spans(ours[di], starts_of[di], doc["tokens"], OURS_MAP),
            "baseline": _to_token_spans(base[di], starts_of[di], doc["tokens"], BASELINE_MAP),
        }
        # Florian et al.: the file is aligned to the original line order, in which the first
        # document's -DOCSTART- line and its blank line come first (see SOURCE.md).
        if florian:
            ftags = [florian[ln + 2].strip() or "O" for ln in doc["lines"]]
            pred["published"] = set(iob1_spans(ftags, doc["sentences"]))
            scorer_check += prf_of_sets(pred["published"], gold)  # all four types: must give F1 88.76
        gold_country = {g for g in gold if g[2] == "LOC" and _country_span(doc, g)}
        for g in gold - pred["ours"]:
            missed[g[2]][0] += 1
            missed[g[2]][1] += g in pred["baseline"]
        for system, p in pred.items():
            rows = {
                "PER": prf_of_sets({x for x in p if x[2] == "PER"}, {g for g in gold if g[2] == "PER"}),
                "ORG": prf_of_sets({x for x in p if x[2] == "ORG"}, {g for g in gold if g[2] == "ORG"}),
                "LOC naming a country": prf_of_sets({x for x in p if x[2] == "LOC" and _country_span(doc, x)},
                                                    gold_country),
                "LOC (all)": prf_of_sets({x for x in p if x[2] == "LOC"}, {g for g in gold if g[2] == "LOC"}),
            }
            for label, prf in rows.items():
                scores[system][label] = scores[system].get(label, PRF(0, 0, 0, 0)) + prf
            if system in errors:
                for label in ("PER", "ORG", "LOC"):
                    errors[system].update(f"{label} {k}" for k, v in _error_classes(p, gold, label).items()
                                          for _ in range(v))
                for s, e, t in sorted(p - gold)[:3] if system == "ours" else []:
                    samples.append(f"[conll ours FP {t}] {' '.join(doc['tokens'][s:e])!r}")
                for s, e, t in sorted(gold - p)[:3] if system == "ours" else []:
                    samples.append(f"[conll ours FN {t}] {' '.join(doc['tokens'][s:e])!r}")
    labels = ["PER", "ORG", "LOC naming a country", "LOC (all)"]
    micro = {s: scores[s]["PER"] + scores[s]["ORG"] + scores[s]["LOC naming a country"] for s in systems}
    rows = []
    for label in labels:
        rows.append({"label": label, "gold": scores["ours"][label].gold,
                     "ours": scores["ours"][label].to_dict(), "baseline": scores["baseline"][label].to_dict(),
                     "published": scores["published"][label].to_dict() if florian else None})
    rows.append({"label": "micro PER+ORG+country", "gold": micro["ours"].gold, "ours": micro["ours"].to_dict(),
                 "baseline": micro["baseline"].to_dict(),
                 "published": micro["published"].to_dict() if florian else None})
    all4 = {s: scores[s]["PER"] + scores[s]["ORG"] + scores[s]["LOC (all)"] for s in systems}
    result = {
        "key": KEY,
        "title": TITLE if split == "test" else "CoNLL-2003 NER (dev, eng.testa)",
        "split": f"{split} ({SPLIT_FILES[split]})",
        "n": {"documents": len(docs), "sentences": sum(len(d["sentences"]) for d in docs), "tokens": n_tokens},
        "sample": f"first {limit} documents" if limit else "all documents",
        "unit": "entity mention (exact span and type)",
        "mapping": MAPPING,
        "rows": rows,
        "published_name": "Florian et al. 2003 (best CoNLL-2003 system; its eng.testb output, scored here)",
        "published_check": {"PER+ORG+LOC (all)": all4["published"].to_dict(),
                            "all four types (88.76 published, full test set)": scorer_check.to_dict()}
        if florian else None,
        "errors": {s: dict(sorted(c.items())) for s, c in errors.items()},
        "missed_by_ours_found_by_baseline": {t: {"missed": m, "baseline_exact": b} for t, (m, b) in missed.items()
                                             if t != "MISC"},
        "seconds": {"ours": round(t1 - t0, 2), "baseline": round(t2 - t1, 2)},
    }
    return result, samples

"""FIRE test (financial news and 10-K sentences): employment, job titles and subsidiaries.

Each of the 454 test instances (one or a few sentences) becomes one article. Scored per instance at the
entity-pair level (``scoring.py``). Job titles are compared as names, after expanding the abbreviations
CEO/CFO/COO/CTO/SVP/EVP/VP on both sides.

| FIRE gold | newskg | co-occurrence baseline |
|---|---|---|
| Employeeof (Person -> Company/BusinessUnit) | any role: employeeOf, ceoOf, headOf, founderOf, memberOf, affiliatedWith | PERSON + ORG in one sentence |
| Designation (Person -> title) | the job title (kg:jobTitle) of a role relation of that person | - (spaCy has no titles) |
| Subsidiaryof (Company -> Company) | subsidiaryOf | ORG + ORG in one sentence, both directions |

Designation from a Company head (28 of 123, e.g. a company's role in a deal) has no newskg counterpart
and is left out.
"""
from __future__ import annotations

import json
import re
import time

from . import bench_dir
from .scoring import PRF, Pair, dedupe_pairs, score_pairs
from .systems import DocOutput, cooccurring_pairs, expand_gold_names, run_baseline, run_ours
from .text import detokenize

KEY = "fire"
TITLE = "FIRE financial relations (test)"
ROLE_OURS = ("employeeOf", "ceoOf", "headOf", "founderOf", "memberOf", "affiliatedWith")
MAPPING = [
    {"gold": "Employeeof (Person -> Company/BusinessUnit)", "ours": "any role property",
     "baseline": "PERSON + ORG in one sentence"},
    {"gold": "Designation (Person -> title)", "ours": "kg:jobTitle of a role relation", "baseline": "-"},
    {"gold": "Subsidiaryof (Company -> Company)", "ours": "subsidiaryOf", "baseline": "ORG + ORG in one sentence"},
]
_ABBREVIATIONS = {
    "ceo": "chief executive officer", "cfo": "chief financial officer", "coo": "chief operating officer",
    "cto": "chief technology officer", "svp": "senior vice president", "evp": "executive vice president",
    "vp": "vice president",
}


def expand_title(title: str) -> str:
    """A job title with its abbreviations written out ("CEO" -> "chief executive officer")."""
    return re.sub(r"\b(" + "|".join(_ABBREVIATIONS) + r")\b", lambda m: _ABBREVIATIONS[m.group(1).lower()],
                  title, flags=re.I)


SPLIT_FILES = {"test": "fire_test.json", "dev": "fire_dev.json"}


def load_docs(limit: int | None = None, split: str = "test") -> list[dict]:
    """Instances of one split: id, text, and gold pairs per relation."""
    raw = json.loads((bench_dir() / "fire" / SPLIT_FILES[split]).read_text(encoding="utf-8"))
    if limit:
        raw = raw[:limit]
    docs = []
    for i, x in enumerate(raw):
        toks = x["tokens"]
        text, _ = detokenize(toks)
        ents = [(e["type"], " ".join(toks[e["start"]:e["end"]])) for e in x["entities"]]
        gold = {"Employeeof": [], "Designation": [], "Subsidiaryof": []}
        for r in x["relations"]:
            (ht, hn), (tt, tn) = ents[r["head"]], ents[r["tail"]]
            if r["type"] == "Employeeof" and ht == "Person":
                gold["Employeeof"].append(Pair(expand_gold_names([hn]), expand_gold_names([tn])))
            elif r["type"] == "Designation" and ht == "Person":
                gold["Designation"].append(Pair(frozenset({hn}), frozenset({expand_title(tn)})))
            elif r["type"] == "Subsidiaryof":
                gold["Subsidiaryof"].append(Pair(expand_gold_names([hn]), expand_gold_names([tn])))
        docs.append({"id": f"fire-{split}-{i}", "text": text, "tokens": len(toks),
                     "gold": {k: dedupe_pairs(v) for k, v in gold.items()}})
    return docs


def _ours(d: DocOutput) -> dict[str, list[Pair]]:
    out = {"Employeeof": [], "Designation": [], "Subsidiaryof": []}
    for s, p, o, title in d.relations:
        if s == o:
            continue
        if p in ROLE_OURS and d.entities[s].type == "Person":
            out["Employeeof"].append(Pair(d.entities[s].names, d.entities[o].names))
            if title:
                out["Designation"].append(Pair(d.entities[s].names, frozenset({expand_title(title)})))
        elif p == "subsidiaryOf":
            out["Subsidiaryof"].append(Pair(d.entities[s].names, d.entities[o].names))
    return {k: dedupe_pairs(v) for k, v in out.items()}


def _baseline(d: DocOutput) -> dict[str, list[Pair]]:
    return {
        "Employeeof": dedupe_pairs(Pair(d.entities[s].names, d.entities[o].names)
                                   for s, o in cooccurring_pairs(d, ("Person",), ("Organization",))),
        "Designation": [],
        "Subsidiaryof": dedupe_pairs(Pair(d.entities[s].names, d.entities[o].names)
                                     for s, o in cooccurring_pairs(d, ("Organization",), ("Organization",))),
    }


def run(limit: int | None = None, split: str = "test") -> tuple[dict, list[str]]:
    """Score newskg and the co-occurrence baseline on one FIRE split."""
    docs = load_docs(limit, split)
    t0 = time.perf_counter()
    ours = run_ours([(d["id"], d["text"]) for d in docs])
    t1 = time.perf_counter()
    base, _ = run_baseline([d["text"] for d in docs])
    t2 = time.perf_counter()
    rows, samples = [], []
    for rel in ("Employeeof", "Designation", "Subsidiaryof"):
        tot = {"ours": PRF(0, 0, 0, 0), "baseline": PRF(0, 0, 0, 0)}
        for d, o, b in zip(docs, ours, base):
            op = _ours(o)[rel]
            prf, wrong, missed = score_pairs(op, d["gold"][rel])
            tot["ours"] += prf
            tot["baseline"] += score_pairs(_baseline(b)[rel], d["gold"][rel])[0]
            samples += [f"[fire {d['id']} {rel} ours FP] {sorted(op[i].subject)[:2]} -> {sorted(op[i].object)[:2]}"
                        for i in wrong[:1]]
            samples += [f"[fire {d['id']} {rel} ours FN] {sorted(d['gold'][rel][i].subject)[:1]} -> "
                        f"{sorted(d['gold'][rel][i].object)[:1]}" for i in missed[:1]]
        rows.append({"label": rel, "gold": tot["ours"].gold, "ours": tot["ours"].to_dict(),
                     "baseline": None if rel == "Designation" else tot["baseline"].to_dict(), "published": None})
    result = {
        "key": KEY,
        "title": TITLE if split == "test" else TITLE.replace("(test)", "(dev)"),
        "split": f"{split} ({SPLIT_FILES[split]})",
        "n": {"documents": len(docs), "tokens": sum(d["tokens"] for d in docs),
              "skipped_by_newskg": sum(1 for o in ours if o.skipped)},
        "sample": f"first {limit} instances" if limit else "all instances",
        "unit": "entity pair per instance; (person, title) for Designation",
        "mapping": MAPPING,
        "rows": rows,
        "seconds": {"ours": round(t1 - t0, 2), "baseline": round(t2 - t1, 2)},
    }
    return result, samples

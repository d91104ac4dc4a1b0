"""Re-DocRED test (Wikipedia lead sections): founders, employers, chairs, heads of government/state, parents,
countries of organisations.

Each of the 500 test documents becomes one article (its sentences detokenized, as one paragraph).
Gold pairs are turned to newskg's direction (person -> organisation, subsidiary -> parent) and scored per
document at the entity-pair level (``scoring.py``); entity names are every mention of a ``vertexSet``
entity. The text is encyclopedic, not news: expect fewer of the title-and-apposition patterns newskg reads.

| Re-DocRED gold (as person -> org) | newskg | co-occurrence baseline |
|---|---|---|
| P112 founded by (t -> h) | founderOf | PERSON + ORG in one sentence |
| P108 employer (h -> t) | employeeOf, ceoOf, headOf to a Company/Organization | same pairs |
| P488 chairperson (t -> h) | headOf, ceoOf to a Company/Organization | same pairs |
| P6 head of government, P35 head of state (t -> h) | headOf to a GovernmentBody/Country | PERSON + GPE in one sentence |
| P749 parent org. (h -> t), P355 subsidiary (t -> h) | subsidiaryOf | ORG + ORG in one sentence, both directions |
| P17 country (h -> t), head an ORG | basedIn | ORG + GPE in one sentence |
"""
from __future__ import annotations

import json
import time

from . import bench_dir
from .scoring import PRF, Pair, dedupe_pairs, score_pairs
from .systems import DocOutput, cooccurring_pairs, expand_gold_names, run_baseline, run_ours
from .text import detokenize

KEY = "redocred"
TITLE = "Re-DocRED organisation relations (test)"
ORGS = ("Company", "Organization")
GOVS = ("GovernmentBody", "Country")
# row -> (gold (property, reversed?) list, newskg predicates, newskg object types, baseline (subject, object) types)
ROWS = {
    "P112 founded by": ([("P112", True)], ("founderOf",), ORGS + GOVS, (("Person",), ("Organization",))),
    "P108 employer": ([("P108", False)], ("employeeOf", "ceoOf", "headOf"), ORGS, (("Person",), ("Organization",))),
    "P488 chairperson": ([("P488", True)], ("headOf", "ceoOf"), ORGS, (("Person",), ("Organization",))),
    "P6/P35 head of government/state": ([("P6", True), ("P35", True)], ("headOf",), GOVS, (("Person",), ("GPE",))),
    "P749/P355 parent/subsidiary": ([("P749", False), ("P355", True)], ("subsidiaryOf",), ORGS + GOVS,
                                    (("Organization",), ("Organization",))),
    "P17 country of an organisation": ([("P17", False)], ("basedIn",), ("Country",), (("Organization",), ("GPE",))),
}
# rows whose gold pairs are kept only when the head entity has one of these Re-DocRED types
HEAD_TYPES = {"P17 country of an organisation": ("ORG",)}
MAPPING = [
    {"gold": "P112 founded by (org -> person)", "ours": "founderOf", "baseline": "PERSON + ORG in one sentence"},
    {"gold": "P108 employer (person -> org)", "ours": "employeeOf, ceoOf, headOf to a Company/Organization",
     "baseline": "same pairs"},
    {"gold": "P488 chairperson (org -> person)", "ours": "headOf, ceoOf to a Company/Organization",
     "baseline": "same pairs"},
    {"gold": "P6 head of government, P35 head of state (place -> person)", "ours": "headOf to a GovernmentBody/Country",
     "baseline": "PERSON + GPE in one sentence"},
    {"gold": "P749 parent organization, P355 subsidiary", "ours": "subsidiaryOf (subsidiary -> parent)",
     "baseline": "ORG + ORG in one sentence"},
    {"gold": "P17 country, head an ORG (org -> country)", "ours": "basedIn", "baseline": "ORG + GPE in one sentence"},
]


SPLIT_FILES = {"test": "test_revised.json", "dev": "dev_revised.json"}


def load_docs(limit: int | None = None, split: str = "test") -> list[dict]:
    """Documents of one split: id, text, entity names and labels."""
    raw = json.loads((bench_dir() / "redocred" / SPLIT_FILES[split]).read_text(encoding="utf-8"))
    if limit:
        raw = raw[:limit]
    docs = []
    for i, d in enumerate(raw):
        text = " ".join(detokenize(s)[0] for s in d["sents"])
        names = [expand_gold_names(sorted({m["name"] for m in v})) for v in d["vertexSet"]]
        docs.append({"id": f"redocred-{split}-{i}", "text": text, "names": names,
                     "types": [v[0].get("type") for v in d["vertexSet"]],
                     "labels": [(x["h"], x["r"], x["t"]) for x in d["labels"]],
                     "tokens": sum(len(s) for s in d["sents"])})
    return docs


def _gold(doc: dict, props: list[tuple[str, bool]], head_types: tuple[str, ...] | None = None) -> list[Pair]:
    out = []
    for h, r, t in doc["labels"]:
        if head_types and doc["types"][h] not in head_types:
            continue
        for prop, reverse in props:
            if r == prop:
                s, o = (t, h) if reverse else (h, t)
                out.append(Pair(doc["names"][s], doc["names"][o]))
    return dedupe_pairs(out)


def _ours(d: DocOutput, predicates: tuple[str, ...], object_types: tuple[str, ...]) -> list[Pair]:
    return dedupe_pairs(Pair(d.entities[s].names, d.entities[o].names) for s, p, o, _ in d.relations
                        if p in predicates and s != o and d.entities[o].type in object_types)


def _baseline(d: DocOutput, types: tuple[tuple[str, ...], tuple[str, ...]]) -> list[Pair]:
    return dedupe_pairs(Pair(d.entities[s].names, d.entities[o].names) for s, o in cooccurring_pairs(d, *types))


def run(limit: int | None = None, split: str = "test") -> tuple[dict, list[str]]:
    """Score newskg and the co-occurrence baseline on one Re-DocRED split."""
    docs = load_docs(limit, split)
    t0 = time.perf_counter()
    ours = run_ours([(d["id"], d["text"]) for d in docs])
    t1 = time.perf_counter()
    base, _ = run_baseline([d["text"] for d in docs])
    t2 = time.perf_counter()
    rows, samples = [], []
    for label, (props, preds, otypes, btypes) in ROWS.items():
        tot = {"ours": PRF(0, 0, 0, 0), "baseline": PRF(0, 0, 0, 0)}
        for d, o, b in zip(docs, ours, base):
            gold = _gold(d, props, HEAD_TYPES.get(label))
            op = _ours(o, preds, otypes)
            prf, wrong, missed = score_pairs(op, gold)
            tot["ours"] += prf
            tot["baseline"] += score_pairs(_baseline(b, btypes), gold)[0]
            samples += [f"[redocred {d['id']} {label[:4]} ours FP] {sorted(op[i].subject)[:2]} -> "
                        f"{sorted(op[i].object)[:2]}" for i in wrong[:1]]
            samples += [f"[redocred {d['id']} {label[:4]} ours FN] {sorted(gold[i].subject)[:1]} -> "
                        f"{sorted(gold[i].object)[:1]}" for i in missed[:1]]
        rows.append({"label": label, "gold": tot["ours"].gold, "ours": tot["ours"].to_dict(),
                     "baseline": tot["baseline"].to_dict(), "published": None})
    result = {
        "key": KEY,
        "title": TITLE if split == "test" else TITLE.replace("(test)", "(dev)"),
        "split": f"{split} ({SPLIT_FILES[split]})",
        "n": {"documents": len(docs), "tokens": sum(d["tokens"] for d in docs),
              "skipped_by_newskg": sum(1 for o in ours if o.skipped)},
        "sample": f"first {limit} documents" if limit else "all documents",
        "unit": "entity pair per document (newskg direction)",
        "mapping": MAPPING,
        "rows": rows,
        "seconds": {"ours": round(t1 - t0, 2), "baseline": round(t2 - t1, 2)},
    }
    return result, samples

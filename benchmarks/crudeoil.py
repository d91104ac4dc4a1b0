"""CrudeOilNews sanctions: EMBARGO / PROHIBITING events against newskg's kg:Sanction.

Each annotated file is one article (its sentences detokenized, one per line). Gold pairs: for every
EMBARGO or PROHIBITING event, every (IMPOSER or IMPOSER2) x (IMPOSEE or IMPOSEE2) argument pair; gold
targets: every IMPOSEE argument. Hypothetical and negated events count too (CrudeOilNews marks them
with modality/polarity; newskg does not model either). Scored per document on normalised names
(``scoring.py``); a demonym or capital in the gold ("Iranian", "Tehran") also stands for its country,
and a newskg government body also matches its country.

| CrudeOilNews gold | newskg | keyword co-occurrence baseline |
|---|---|---|
| EMBARGO/PROHIBITING (IMPOSER, IMPOSEE) pair | kg:Sanction imposedBy x target (relief excluded) | in a sentence matching `sanction|embargo|ban|blacklist`, every ordered pair of distinct GPE/ORG entities |
| IMPOSEE of such an event | kg:Sanction target | every GPE/ORG entity of such a sentence |

Two sets are reported separately: the adjudicated test set (``test_adj``, 25 documents, 8 events) and,
because that is tiny, the 35 seed-set documents with such events (``gold_embargo_subset``; not the test
split, but newskg was never developed on it).
"""
from __future__ import annotations

import json
import re
import time
from pathlib import Path

from . import bench_dir
from .scoring import PRF, Pair, dedupe_pairs, score_pairs
from .systems import DocOutput, expand_gold_names, run_baseline, run_ours
from .text import detokenize

KEY = "crudeoilnews"
TITLE = "CrudeOilNews sanctions (EMBARGO/PROHIBITING)"
EVENTS = ("EMBARGO", "PROHIBITING")
IMPOSER_ROLES = ("IMPOSER", "IMPOSER2")
IMPOSEE_ROLES = ("IMPOSEE", "IMPOSEE2")
KEYWORDS = re.compile(r"\b(sanction\w*|embargo\w*|ban|bans|banned|banning|blacklist\w*)\b", re.I)
MAPPING = [
    {"gold": "EMBARGO/PROHIBITING (IMPOSER, IMPOSEE) pair", "ours": "kg:Sanction imposedBy x target (not relief)",
     "baseline": "GPE/ORG x GPE/ORG in a sentence with sanction/embargo/ban/blacklist"},
    {"gold": "IMPOSEE", "ours": "kg:Sanction target", "baseline": "GPE/ORG in such a sentence"},
]
SETS = {"test_adj": "test (test_adj, adjudicated)", "gold_embargo_subset": "seed-set documents with embargo events"}


def load_docs(folder: Path, limit: int | None = None) -> list[dict]:
    """Documents of one CrudeOilNews folder: id, text, gold (imposer, imposee) pairs and imposees."""
    docs = []
    for path in sorted(folder.glob("*.json"))[: limit or None]:
        sents = json.loads(path.read_text(encoding="utf-8"))
        lines = []
        pairs: list[Pair] = []
        targets: list[frozenset] = []
        events = 0
        for s in sents:
            lines.append(detokenize(s["words"])[0])
            for ev in s["golden-event-mentions"]:
                if ev["event_type"].upper() not in EVENTS:
                    continue
                events += 1
                args = [(a["role"].upper(), a["text"]) for a in ev["arguments"]]
                by = [expand_gold_names([t]) for r, t in args if r in IMPOSER_ROLES]
                to = [expand_gold_names([t]) for r, t in args if r in IMPOSEE_ROLES]
                pairs += [Pair(b, t) for b in by for t in to]
                targets += to
        docs.append({"id": path.stem, "text": "\n".join(lines), "pairs": dedupe_pairs(pairs),
                     "targets": list(dict.fromkeys(targets)), "events": events,
                     "tokens": sum(len(s["words"]) for s in sents)})
    return docs


def _ours(d: DocOutput) -> tuple[list[Pair], list[frozenset]]:
    pairs, targets = [], []
    for by, to, relief in d.sanctions:
        if relief:
            continue
        pairs += [Pair(d.entities[b].names, d.entities[t].names) for b in by for t in to]
        targets += [d.entities[t].names for t in to]
    return dedupe_pairs(pairs), list(dict.fromkeys(targets))


def _baseline(d: DocOutput) -> tuple[list[Pair], list[frozenset]]:
    pairs, targets = [], []
    for keys, text in zip(d.sentences, d.sentence_texts):
        if not KEYWORDS.search(text):
            continue
        ents = [k for k in keys if d.entities[k].type in ("GPE", "Organization")]
        pairs += [Pair(d.entities[a].names, d.entities[b].names) for a in ents for b in ents if a != b]
        targets += [d.entities[a].names for a in ents]
    return dedupe_pairs(pairs), list(dict.fromkeys(targets))


def _score_targets(pred: list[frozenset], gold: list[frozenset]) -> PRF:
    """Scores of target entities alone (a pair with the same dummy subject on both sides)."""
    anyone = frozenset({"any"})
    return score_pairs([Pair(anyone, p) for p in pred], [Pair(anyone, g) for g in gold])[0]


def run(limit: int | None = None, split: str = "test") -> tuple[dict, list[str]]:
    """Score newskg and the keyword baseline on both CrudeOilNews sets (``split="dev"``: the seed set only)."""
    root = bench_dir() / "crudeoilnews"
    rows, samples, n, seconds = [], [], {}, {"ours": 0.0, "baseline": 0.0}
    sets = SETS if split == "test" else {k: v for k, v in SETS.items() if k != "test_adj"}
    for folder, label in sets.items():
        docs = load_docs(root / folder, limit)
        t0 = time.perf_counter()
        ours = run_ours([(d["id"], d["text"]) for d in docs])
        t1 = time.perf_counter()
        base, _ = run_baseline([d["text"] for d in docs])
        t2 = time.perf_counter()
        seconds["ours"] += t1 - t0
        seconds["baseline"] += t2 - t1
        tot = {k: {"ours": PRF(0, 0, 0, 0), "baseline": PRF(0, 0, 0, 0)} for k in ("pair", "target")}
        for d, o, b in zip(docs, ours, base):
            op, ot = _ours(o)
            bp, bt = _baseline(b)
            prf, wrong, missed = score_pairs(op, d["pairs"])
            tot["pair"]["ours"] += prf
            tot["pair"]["baseline"] += score_pairs(bp, d["pairs"])[0]
            tot["target"]["ours"] += _score_targets(ot, d["targets"])
            tot["target"]["baseline"] += _score_targets(bt, d["targets"])
            samples += [f"[crude {d['id'][:40]} ours FP] {sorted(op[i].subject)[:2]} -> {sorted(op[i].object)[:2]}"
                        for i in wrong[:2]]
            samples += [f"[crude {d['id'][:40]} ours FN] {sorted(d['pairs'][i].subject)[:2]} -> "
                        f"{sorted(d['pairs'][i].object)[:2]}" for i in missed[:2]]
        for kind, text in (("pair", "(imposer, target) pair"), ("target", "target only")):
            rows.append({"label": f"{label}: {text}", "gold": tot[kind]["ours"].gold,
                         "ours": tot[kind]["ours"].to_dict(), "baseline": tot[kind]["baseline"].to_dict(),
                         "published": None})
        n[folder] = {"documents": len(docs), "events": sum(d["events"] for d in docs),
                     "tokens": sum(d["tokens"] for d in docs),
                     "sanction_facts_by_newskg": sum(len(o.sanctions) for o in ours)}
    result = {
        "key": KEY,
        "title": TITLE,
        "split": ("test (test_adj) + seed-set embargo documents (gold_embargo_subset)" if split == "test"
                  else "dev: seed-set embargo documents (gold_embargo_subset) only"),
        "n": n,
        "sample": f"first {limit} documents of each set" if limit else "all documents",
        "unit": "(imposer, target) entity pair per document; target per document",
        "mapping": MAPPING,
        "rows": rows,
        "seconds": {k: round(v, 2) for k, v in seconds.items()},
    }
    return result, samples

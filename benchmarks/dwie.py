"""DWIE test (Deutsche Welle news): people's roles in organisations and governments, and org typing.

Text: ``dwie/logire_processed/test.json`` (99 of the 100 official test documents, tokenised; detokenized
here). Relation gold: its ``labels``; entity names: every mention of a ``vertexSet`` entity. Fine entity
types (company, governmental_organisation) come from the official ``annos_test`` concepts, joined by
document id.

Relations are scored per document at the entity-pair level (see ``scoring.py`` for name matching); a
newskg government body also matches its country (DWIE puts heads of state/government and ministers
``head_of_state``/``head_of_gov``/``minister_of`` the *country*; newskg puts them ``headOf`` the
country's government or ministry, which has ``kg:jurisdiction`` the country).

| DWIE gold (person -> org/country) | newskg (person -> org) | co-occurrence baseline |
|---|---|---|
| head_of_gov, head_of_state, minister_of, head_of | headOf, ceoOf | PERSON with ORG/GPE in one sentence |
| member_of, agent_of | memberOf, employeeOf, affiliatedWith | same pairs |
| any of the six | any role (headOf, ceoOf, founderOf, memberOf, employeeOf, affiliatedWith) | same pairs |

Typing: gold ``company`` -> Company, ``governmental_organisation`` (agencies, ministries, armies) ->
GovernmentBody. newskg's type is that of its entity matching the gold concept's names; raw spaCy has one
ORG label, so its row is "every ORG is this class".
"""
from __future__ import annotations

import json
import time
from collections import Counter

from . import bench_dir
from .scoring import PRF, Pair, dedupe_pairs, names_match, normalize, score_pairs
from .systems import (
    DocOutput, cooccurring_pairs, country_named_in, country_of, expand_gold_names, run_baseline, run_ours,
)
from .text import detokenize

KEY = "dwie"
TITLE = "DWIE roles and organisation typing (test)"

HEAD_GOLD = ("head_of_gov", "head_of_state", "minister_of", "head_of")
MEMBER_GOLD = ("member_of", "agent_of")
ROLE_GOLD = HEAD_GOLD + MEMBER_GOLD
HEAD_OURS = ("headOf", "ceoOf")
MEMBER_OURS = ("memberOf", "employeeOf", "affiliatedWith")
ROLE_OURS = HEAD_OURS + MEMBER_OURS + ("founderOf",)
ROWS = {  # row label -> (gold labels, newskg predicates)
    "head (head_of_gov/state, minister_of, head_of) ~ headOf": (HEAD_GOLD, HEAD_OURS),
    "member (member_of, agent_of) ~ memberOf/employeeOf": (MEMBER_GOLD, MEMBER_OURS),
    "any role ~ any role": (ROLE_GOLD, ROLE_OURS),
}
MAPPING = [
    {"gold": "head_of_gov, head_of_state, minister_of, head_of", "ours": "headOf, ceoOf",
     "baseline": "PERSON + ORG/GPE in one sentence"},
    {"gold": "member_of, agent_of", "ours": "memberOf, employeeOf, affiliatedWith", "baseline": "same pairs"},
    {"gold": "any of the six", "ours": "any role property", "baseline": "same pairs"},
    {"gold": "concept tagged company", "ours": "Company", "baseline": "every ORG"},
    {"gold": "concept tagged governmental_organisation", "ours": "GovernmentBody", "baseline": "every ORG"},
]
GOLD_CLASS_TAGS = {"Company": "type::company", "GovernmentBody": "type::governmental_organisation"}


def load_docs(limit: int | None = None, split: str = "test") -> list[dict]:
    """Documents of one split: id, text, gold entity names per vertex and gold relations, and annos_test concepts.

    The dev split has no fine concept types here (only ``annos_test`` is present), so its typing rows are empty.
    """
    folder = bench_dir() / "dwie"
    raw = json.loads((folder / "logire_processed" / f"{split}.json").read_text(encoding="utf-8"))
    raw.sort(key=lambda d: d["title"])
    if limit:
        raw = raw[:limit]
    docs = []
    for d in raw:
        tokens = [t for s in d["sents"] for t in s]
        text, _ = detokenize(tokens)
        names = [expand_gold_names(sorted({m["name"] for m in v})) for v in d["vertexSet"]]
        rels = [(x["h"], x["r"], x["t"]) for x in d["labels"]]
        annos = folder / "annos_test" / f"{d['title']}.json"
        concepts = []
        if annos.is_file():
            a = json.loads(annos.read_text(encoding="utf-8"))
            mentions: dict[int, set] = {}
            for m in a["mentions"]:
                mentions.setdefault(m["concept"], set()).add(m["text"])
            for c in a["concepts"]:
                if c["concept"] in mentions:
                    concepts.append({"names": frozenset(mentions[c["concept"]]), "tags": set(c["tags"])})
        docs.append({"id": d["title"], "text": text, "tokens": len(tokens), "names": names, "rels": rels,
                     "concepts": concepts})
    return docs


def _gold_pairs(doc: dict, labels: tuple[str, ...]) -> list[Pair]:
    return dedupe_pairs(Pair(doc["names"][h], doc["names"][t]) for h, r, t in doc["rels"] if r in labels)


def _ours_pairs(d: DocOutput, predicates: tuple[str, ...]) -> list[Pair]:
    return dedupe_pairs(Pair(d.entities[s].names, d.entities[o].names)
                        for s, p, o, _ in d.relations if p in predicates and s != o)


def _baseline_pairs(d: DocOutput) -> list[Pair]:
    return dedupe_pairs(Pair(d.entities[s].names, d.entities[o].names)
                        for s, o in cooccurring_pairs(d, ("Person",), ("Organization", "GPE")))


def _typing(docs: list[dict], outs: list[DocOutput], system: str) -> dict[str, PRF]:
    """Company / GovernmentBody typing of organisations against DWIE's fine concept types."""
    scores = {}
    for cls, tag in GOLD_CLASS_TAGS.items():
        total = PRF(0, 0, 0, 0)
        for doc, d in zip(docs, outs):
            gold = [c for c in doc["concepts"] if tag in c["tags"]]
            want = cls if system == "ours" else "Organization"
            preds = [e for e in d.entities.values() if e.type == want]
            own = {e.key: e.surface for e in preds}
            tp_pred = 0
            for e in preds:
                hits = [c for c in doc["concepts"] if names_match(own[e.key], c["names"])]
                exact = [c for c in hits if {normalize(n) for n in own[e.key]} & {normalize(n) for n in c["names"]}]
                if any(tag in c["tags"] for c in (exact or hits)):
                    tp_pred += 1
            tp_gold = 0
            for c in gold:
                if any(names_match(own[e.key], c["names"]) for e in preds):
                    tp_gold += 1
            total = total + PRF(tp_pred, len(preds), tp_gold, len(gold))
        scores[cls] = total
    return scores


def _object_kind(doc: dict, names: frozenset) -> str:
    tags: set[str] = set()
    for c in doc["concepts"]:
        if names_match(c["names"], names):
            tags |= {t.split("::", 1)[1] for t in c["tags"] if t.startswith("type::")}
    if tags & {"sport_team", "sport_org"}:
        return "sports team"
    if "party" in tags:
        return "party"
    if tags & {"gpe0", "gpe1", "gpe2", "gpe"}:
        return "country/place"
    return "other organisation"


def error_classes(docs: list[dict], ours: list[DocOutput]) -> Counter:
    """Why newskg's role pairs are wrong (fp) and why gold role pairs are missed (fn), counted."""
    c: Counter = Counter()
    for doc, o in zip(docs, ours):
        gold = [(h, r, t) for h, r, t in doc["rels"] if r in ROLE_GOLD]
        for (s, p, obj, _), evidence in zip(o.relations, o.relation_evidence):
            if p not in ROLE_OURS or s == obj:
                continue
            subj, ob = o.entities[s], o.entities[obj]
            if any(names_match(subj.names, doc["names"][h]) and names_match(ob.names, doc["names"][t])
                   for h, _, t in gold):
                continue
            country = country_of(ob.gaz_id)
            if not any(names_match(subj.names, doc["names"][h]) for h, _, _ in gold):
                c["fp: the person has no role in the gold of this document"] += 1
            elif country is not None and not country_named_in(country, evidence):
                c["fp: a government or ministry of a country the sentence does not name"] += 1
            elif ob.type in ("GovernmentBody", "Country"):
                c["fp: a government or ministry of another country or body than the gold's"] += 1
            else:
                c["fp: another organisation than the gold's"] += 1
        for h, r, t in gold:
            if any(p in ROLE_OURS and names_match(o.entities[s].names, doc["names"][h])
                   and names_match(o.entities[obj].names, doc["names"][t]) for s, p, obj, _ in o.relations):
                continue
            person = any(e.type == "Person" and names_match(e.names, doc["names"][h]) for e in o.entities.values())
            target = any(names_match(e.names, doc["names"][t]) for e in o.entities.values())
            other = any(p in ROLE_OURS and names_match(o.entities[s].names, doc["names"][h])
                        for s, p, _, _ in o.relations)
            why = ("person not found as a Person" if not person else "organisation/country not found" if not target
                   else "person has a role to another entity" if other else "both found, no relation")
            c[f"fn: {r} -> {_object_kind(doc, doc['names'][t])}: {why}"] += 1
    return c


def run(limit: int | None = None, split: str = "test") -> tuple[dict, list[str]]:
    """Score newskg and the co-occurrence baseline on one DWIE split's roles and typing."""
    docs = load_docs(limit, split)
    texts = [(d["id"], d["text"]) for d in docs]
    t0 = time.perf_counter()
    ours = run_ours(texts)
    t1 = time.perf_counter()
    base, _ = run_baseline([t for _, t in texts])
    t2 = time.perf_counter()
    rows = []
    samples: list[str] = []
    per_label_recall: dict[str, dict] = {}
    for label, (gold_labels, ours_preds) in ROWS.items():
        tot = {"ours": PRF(0, 0, 0, 0), "baseline": PRF(0, 0, 0, 0)}
        for doc, o, b in zip(docs, ours, base):
            gold = _gold_pairs(doc, gold_labels)
            prf, wrong, missed = score_pairs(_ours_pairs(o, ours_preds), gold)
            tot["ours"] = tot["ours"] + prf
            tot["baseline"] = tot["baseline"] + score_pairs(_baseline_pairs(b), gold)[0]
            if label.startswith("any"):
                preds = _ours_pairs(o, ours_preds)
                samples += [f"[dwie {doc['id']} ours FP] {sorted(preds[i].subject)[:2]} -> {sorted(preds[i].object)[:3]}"
                            for i in wrong[:2]]
                samples += [f"[dwie {doc['id']} ours FN] {sorted(gold[i].subject)[:2]} -> {sorted(gold[i].object)[:3]}"
                            for i in missed[:2]]
        rows.append({"label": label, "gold": tot["ours"].gold, "ours": tot["ours"].to_dict(),
                     "baseline": tot["baseline"].to_dict(), "published": None})
    for gl in ROLE_GOLD:
        mapped = HEAD_OURS if gl in HEAD_GOLD else MEMBER_OURS
        found_mapped = found_any = found_base = n = 0
        for doc, o, b in zip(docs, ours, base):
            gold = _gold_pairs(doc, (gl,))
            n += len(gold)
            found_mapped += score_pairs(_ours_pairs(o, mapped), gold)[0].tp_gold
            found_any += score_pairs(_ours_pairs(o, ROLE_OURS), gold)[0].tp_gold
            found_base += score_pairs(_baseline_pairs(b), gold)[0].tp_gold
        per_label_recall[gl] = {"gold": n, "ours_mapped": found_mapped, "ours_any_role": found_any,
                                "baseline": found_base}
    typing = {"ours": _typing(docs, ours, "ours"), "baseline": _typing(docs, base, "baseline")}
    for cls in GOLD_CLASS_TAGS:
        rows.append({"label": f"typing: {cls}", "gold": typing["ours"][cls].gold,
                     "ours": typing["ours"][cls].to_dict(), "baseline": typing["baseline"][cls].to_dict(),
                     "published": None})
    predicate_counts = Counter(p for o in ours for _, p, _, _ in o.relations)
    result = {
        "key": KEY,
        "title": TITLE if split == "test" else TITLE.replace("(test)", "(dev)"),
        "split": ("test (logire_processed/test.json, 99 of the 100 official test documents)" if split == "test"
                  else f"{split} (logire_processed/{split}.json; no typing gold)"),
        "n": {"documents": len(docs), "tokens": sum(d["tokens"] for d in docs),
              "skipped_by_newskg": sum(1 for o in ours if o.skipped)},
        "sample": f"first {limit} documents by id" if limit else "all documents",
        "unit": "(person, organisation) entity pair per document; typing: gold concept",
        "mapping": MAPPING,
        "rows": rows,
        "recall_by_gold_label": per_label_recall,
        "ours_predicates": dict(sorted(predicate_counts.items())),
        "errors": {"ours": dict(sorted(error_classes(docs, ours).items()))},
        "seconds": {"ours": round(t1 - t0, 2), "baseline": round(t2 - t1, 2)},
    }
    return result, samples

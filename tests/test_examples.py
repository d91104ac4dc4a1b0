"""The bundled examples against their hand-written expectations (examples/expected.json).

Thresholds are the measured figures minus a small margin, so a regression shows
while honest improvements pass.
"""
from __future__ import annotations

import json
from pathlib import Path

from kg.extract.facts import EventFact, Relation
from kg.knowledge.gazetteer import load_gazetteer, normalize_name

ROOT = Path(__file__).resolve().parent.parent
EXPECTED = json.loads((ROOT / "examples" / "expected.json").read_text(encoding="utf-8"))


def _names(ent) -> set[str]:
    out = {normalize_name(n) for n in ent.names}
    if ent.gaz_id:
        entry = load_gazetteer().entries[ent.gaz_id]
        out |= {normalize_name(entry.name)} | {normalize_name(a) for a in entry.aliases}
        if entry.type == "GovernmentBody" and entry.country:
            country = load_gazetteer().entries[entry.country]
            out |= {normalize_name(country.name)} | {normalize_name(a) for a in country.aliases}
    return out


def _per_article(examples_build):
    for result in examples_build.results:
        yield result, EXPECTED[result.article.file_name]


def test_entity_recall_and_no_boilerplate_entities(examples_build):
    want = got = 0
    for result, exp in _per_article(examples_build):
        seen: dict[str, set[str]] = {}
        for ent in result.entities:
            if not ent.implicit:
                for n in _names(ent):
                    seen.setdefault(n, set()).add(ent.type)
        for etype, names in exp["entities"].items():
            for name in names:
                want += 1
                got += etype in seen.get(normalize_name(name), set())
        for junk in exp["boilerplate_names"]:
            assert normalize_name(junk) not in seen, (result.article.file_name, junk)
    assert got / want >= 0.88, f"entity recall {got}/{want}"


def test_every_expected_offer_has_its_offeror(examples_build):
    want = got = 0
    for result, exp in _per_article(examples_build):
        offerors = set()
        for f in result.facts:
            if isinstance(f, EventFact) and f.kind == "offer":
                for i in f.offered_by:
                    offerors |= _names(result.entities[i])
        for offer in exp["offers"]:
            want += 1
            got += normalize_name(offer["by"]) in offerors
    assert got / want >= 0.8, f"offers {got}/{want}"


def test_sanction_targets_and_direction(examples_build):
    want = got = 0
    for result, exp in _per_article(examples_build):
        pairs = set()
        for f in result.facts:
            if isinstance(f, EventFact) and f.kind in ("sanction", "relief"):
                for i in f.imposed_by:
                    for t in f.targets:
                        for a in _names(result.entities[i]):
                            for b in _names(result.entities[t]):
                                pairs.add((a, b, f.kind == "relief"))
        for s in exp["sanctions"]:
            want += 1
            got += (normalize_name(s["by"]), normalize_name(s["target"]), s["relief"]) in pairs
            # never the reverse direction
            assert (normalize_name(s["target"]), normalize_name(s["by"]), s["relief"]) not in pairs
    # measured 11/20: most misses name the imposer differently from expected.json (the text's
    # "China placed ..." is the Chinese government, expected.json says its Ministry of Commerce)
    assert got / want >= 0.55, f"sanctions {got}/{want}"


def test_role_recall(examples_build):
    want = got = 0
    for result, exp in _per_article(examples_build):
        rels = set()
        for f in result.facts:
            if isinstance(f, Relation):
                for a in _names(result.entities[f.subject]):
                    for b in _names(result.entities[f.object]):
                        rels.add((a, b))
        for r in exp["roles"]:
            want += 1
            got += (normalize_name(r["person"]), normalize_name(r["org"])) in rels
    assert got / want >= 0.6, f"roles {got}/{want}"


def test_no_extractor_fails_on_any_bundled_article(examples_build):
    """An extractor that raises loses its facts for the whole article, quietly (a warning in
    report.json). Every article we ship, the examples and the annotated dev sets, must pass clean."""
    from kg.builder.full import build

    folders = sorted((ROOT / "benchmarks" / "data" / "newsdev").glob("*/articles"))
    dev = build([str(f) for f in folders], out=None) if folders else None
    for result in (examples_build, dev):
        if result is None:
            continue
        failed = [(r.article.file_name, w) for r in result.results for w in r.warnings if "failed" in w]
        assert not failed, failed

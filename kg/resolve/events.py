"""Event resolution across articles: one node per real-world offer, sanction and relief.

Events merge when their parties resolve to the same entities (:mod:`kg.resolve.entities`) and their
programme/item and dates are compatible; distinct events stay distinct. :func:`jurisdictions` says which
country each government body acts for, so that a country and its bodies count as one party.
"""
from __future__ import annotations

import functools
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from kg.extract.facts import ArticleResult, OfferFact, Relation, SanctionFact
from kg.knowledge.gazetteer import Gazetteer
from kg.resolve.entities import Resolution

# ---------------------------------------------------------------------------
# Events

_GENERIC_PROGRAMS = {"", "blacklist", "trade blacklist", "ban", "sanctions", "sanction", "executive order", "restrictions"}
_ITEM_STOP = {
    "its", "the", "a", "an", "of", "to", "and", "in", "for", "on", "with", "their", "his", "her", "company",
    "firm", "offer", "deal", "technology", "technologies", "access", "all", "any", "entire", "existing",
    "current", "full", "new", "us", "buy", "sell", "license", "licence", "licenses", "licences", "stake",
    "business", "operations", "unit", "plan", "proposal", "bid",
}


@dataclass
class EventCluster:
    """One real-world offer or sanction: the facts (article index, fact) that report it."""

    kind: str  # offer | sanction | relief
    facts: list[tuple[int, object]]
    signatures: set = field(default_factory=set)  # distinct (programme, year) of its reports
    targets: set = field(default_factory=set)  # global ids of a sanction's targets


def _year(date: str | None) -> str | None:
    return date[:4] if date else None


def _years_compatible(a: str | None, b: str | None) -> bool:
    return a is None or b is None or a == b


_OUTCOMES = {"withdrawn", "rejected", "blocked", "accepted", "no takers"}


def _within_a_year(a: str | None, b: str | None) -> bool:
    """Offers: revised bids in one takeover fight (November, then February) are one offer."""
    if not a or not b:
        return True
    ma = int(a[:4]) * 12 + (int(a[5:7]) if len(a) >= 7 else 6)
    mb = int(b[:4]) * 12 + (int(b[5:7]) if len(b) >= 7 else 6)
    return abs(ma - mb) <= 12


@functools.lru_cache(maxsize=4096)
def _program_key(program: str | None) -> str:
    p = (program or "").lower().strip()
    p = re.sub(r"^(the|its|a|an)\s+", "", p)
    p = re.sub(r"^(so-called|so called)\s+", "", p)
    p = re.sub(r"^(us|u\.s\.|american|chinese|china's|uk|eu|european)\s+", "", p)
    return p


def _programs_compatible(a: str | None, b: str | None) -> bool:
    ka, kb = _program_key(a), _program_key(b)
    return ka == kb or ka in _GENERIC_PROGRAMS or kb in _GENERIC_PROGRAMS


def _item_words(item: str | None) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9]+", (item or "").lower()) if w not in _ITEM_STOP and len(w) > 1}


def cluster_events(results: Sequence[ArticleResult], resolution: Resolution,
                   jurisdiction_of: dict[int, int]) -> list[EventCluster]:
    """Group offer and sanction facts of all articles into real-world events.

    Args:
        jurisdiction_of: global entity id -> the global id of the government it
            acts for (a ministry -> its national government, a president -> the
            government he heads), so that "the Commerce Department" and "the US"
            imposing the same listing merge.
    """
    def gids(ai: int, locals_: Iterable[int]) -> frozenset[int]:
        return frozenset(resolution.gid(ai, i) for i in locals_)

    def agent_key(ai: int, locals_: Iterable[int]) -> frozenset[int]:
        return frozenset(jurisdiction_of.get(g, g) for g in gids(ai, locals_))

    clusters: list[EventCluster] = []
    groups: dict[tuple, list[EventCluster]] = defaultdict(list)
    for ai, res in enumerate(results):
        for fact in res.facts:
            if isinstance(fact, SanctionFact):
                kind = "relief" if fact.relief else "sanction"
                key = (kind, agent_key(ai, fact.imposed_by))
                targets = gids(ai, fact.targets)
                sig = (fact.program, _year(fact.date))
                for c in groups[key]:
                    # the same measure: a target in common, and compatible with each distinct
                    # (programme, year) of the cluster (not each report)
                    if targets & c.targets and all(_programs_compatible(sig[0], p) and _years_compatible(sig[1], y)
                                                   for p, y in c.signatures):
                        c.facts.append((ai, fact))
                        c.signatures.add(sig)
                        c.targets |= targets
                        break
                else:
                    c = EventCluster(kind, [(ai, fact)], signatures={sig}, targets=set(targets))
                    groups[key].append(c)
                    clusters.append(c)
            elif isinstance(fact, OfferFact):
                by = agent_key(ai, fact.offered_by)
                # a person offering for the company they lead is that company's offer
                orgs = frozenset(jurisdiction_of.get(g, g) if resolution.entities[g].type == "Person" else g
                                 for g in gids(ai, fact.offered_by))
                orgs = frozenset(g for g in orgs if resolution.entities[g].bucket == "Organization") or by
                key = ("offer", orgs)
                words = _item_words(fact.item)
                for c in groups[key]:
                    other_words = set().union(*(_item_words(f.item) for _, f in c.facts))
                    # an outcome ("dropped its plan", "rejected") may come years after the offer
                    if (not words or not other_words or words & other_words) and all(
                        _within_a_year(fact.date, f.date) or fact.status in _OUTCOMES or f.status in _OUTCOMES
                        for _, f in c.facts
                    ):
                        c.facts.append((ai, fact))
                        break
                else:
                    c = EventCluster("offer", [(ai, fact)])
                    groups[key].append(c)
                    clusters.append(c)
    return _merge_overlapping(clusters, groups)


def _merge_overlapping(clusters: list[EventCluster], groups: dict) -> list[EventCluster]:
    """Sanction clusters of one imposer that came to share a target after the greedy pass ("Huawei",
    "ZTE", then "Huawei and ZTE") are one measure when their signatures agree: the result does not
    depend on the order the articles were read in."""
    gone: set[int] = set()
    for key, group in groups.items():
        if key[0] not in ("sanction", "relief") or len(group) < 2:
            continue
        changed = True
        while changed:
            changed = False
            live = [c for c in group if id(c) not in gone]
            for i, a in enumerate(live):
                for b in live[i + 1:]:
                    if a.targets & b.targets and all(
                            _programs_compatible(pa, pb) and _years_compatible(ya, yb)
                            for pa, ya in a.signatures for pb, yb in b.signatures):
                        a.facts.extend(b.facts)
                        a.signatures |= b.signatures
                        a.targets |= b.targets
                        gone.add(id(b))
                        changed = True
                        break
                if changed:
                    break
    return [c for c in clusters if id(c) not in gone]


def jurisdictions(results: Sequence[ArticleResult], resolution: Resolution, gaz: Gazetteer) -> dict[int, int]:
    """Map who acts for whom: a ministry -> its national government, a head of government -> that
    government, the founder or chief executive of one company -> that company."""
    gaz_to_gid = {e.gaz_id: e.gid for e in resolution.entities if e.gaz_id}
    out: dict[int, int] = {}
    for e in resolution.entities:
        if e.type == "GovernmentBody" and e.gaz_id:
            entry = gaz.entries[e.gaz_id]
            gov = gaz.government_of(entry.country) if entry.country else None
            if gov and gov.id in gaz_to_gid:
                out[e.gid] = gaz_to_gid[gov.id]
    leads: dict[int, set[int]] = {}
    for ai, res in enumerate(results):
        for f in res.facts:
            if isinstance(f, Relation) and f.predicate in ("headOf", "ceoOf", "founderOf"):
                s, o = resolution.gid(ai, f.subject), resolution.gid(ai, f.object)
                if resolution.entities[o].type == "GovernmentBody" and f.predicate == "headOf":
                    out.setdefault(s, out.get(o, o))
                elif resolution.entities[o].type in ("Company", "Organization"):
                    leads.setdefault(s, set()).add(o)
    for person, orgs in leads.items():
        if person not in out and len(orgs) == 1:
            out[person] = next(iter(orgs))  # the one company this person leads, across the corpus
    return out

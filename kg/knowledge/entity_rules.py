"""Entity rules: the data of ``kg/knowledge/data/entity_rules.yaml`` in lookup form.

Which names are never entities (the stoplist), which words make a name a company, a government body or an
organisation, the corporate suffixes dropped when organisation names are compared, and the guess of an
unknown organisation's type from its words and context.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass

from kg.knowledge.gazetteer import normalize_name
from kg.knowledge.lexicons import load_lexicon


@dataclass(frozen=True)
class EntityRules:
    """The data of ``kg/knowledge/data/entity_rules.yaml`` in lookup form."""

    stoplist: frozenset[str]
    person_prefixes: tuple[tuple[str, ...], ...]
    government_words: tuple[str, ...]
    organization_words: tuple[str, ...]
    company_words: frozenset[str]
    org_suffixes: frozenset[str]
    company_context: frozenset[str]
    platforms: frozenset[str] = frozenset()
    platform_verbs: frozenset[str] = frozenset()
    leader_body_words: frozenset[str] = frozenset()
    title_of_company: frozenset[str] = frozenset()
    org_name_ends: frozenset[str] = frozenset()
    government_name_ends: frozenset[str] = frozenset()
    street_words: frozenset[str] = frozenset()
    capital_acts: frozenset[str] = frozenset()
    strong_company_heads: frozenset[str] = frozenset()
    legal_forms: frozenset[str] = frozenset()
    organisation_clause_verbs: frozenset[str] = frozenset()
    short_name_ends: frozenset[str] = frozenset()
    member_state_words: frozenset[str] = frozenset()
    trade_words: frozenset[str] = frozenset()


@functools.lru_cache(maxsize=1)
def load_entity_rules() -> EntityRules:
    raw = load_lexicon("entity_rules.yaml")
    legal = frozenset(w.lower() for w in raw.get("legal_forms", ()))
    trades = frozenset(w.lower() for w in raw.get("trade_words", ()))
    return EntityRules(
        stoplist=frozenset(normalize_name(s) for s in raw["stoplist"]),
        person_prefixes=tuple(sorted((tuple(p.split()) for p in raw["person_prefixes"]), key=len, reverse=True)),
        government_words=tuple(raw["government_words"]),
        organization_words=tuple(raw["organization_words"]),
        company_words=frozenset(raw["company_words"]) | legal | trades,
        org_suffixes=frozenset(raw["org_suffixes"]) | legal,
        company_context=frozenset(raw["company_context"]),
        platforms=frozenset(raw.get("platforms", ())),
        platform_verbs=frozenset(raw.get("platform_verbs", ())),
        leader_body_words=frozenset(w.lower() for w in raw["leader_body_words"]),
        title_of_company=frozenset(w.lower() for w in raw.get("title_of_company", ())),
        org_name_ends=frozenset(w.lower() for w in raw.get("org_name_ends", ())),
        government_name_ends=frozenset(w.lower() for w in raw.get("government_name_ends", ())),
        street_words=frozenset(w.lower() for w in raw.get("street_words", ())),
        capital_acts=frozenset(w.lower() for w in raw.get("capital_acts", ())),
        strong_company_heads=frozenset(w.lower() for w in raw.get("strong_company_heads", ())) | legal,
        legal_forms=legal,
        organisation_clause_verbs=frozenset(w.lower() for w in raw.get("organisation_clause_verbs", ())),
        short_name_ends=frozenset(w.lower() for w in raw.get("short_name_ends", ())),
        member_state_words=frozenset(w.lower() for w in raw.get("member_state_words", ())),
        trade_words=trades,
    )


def org_key(name: str, rules: EntityRules | None = None) -> str:
    """Comparison key of an organisation name: normalised, corporate suffixes dropped.

    >>> org_key("Huawei Technologies Co., Ltd.")
    'huawei'
    >>> org_key("Tiffany & Co")
    'tiffany'
    """
    rules = rules or load_entity_rules()
    words = normalize_name(name).split()
    while len(words) > 1 and (words[-1] in rules.org_suffixes or words[-1] in ("&", "and")):
        words.pop()  # "Tiffany & Co": the connector before a dropped suffix goes with it
    return " ".join(words)


def type_org(name: str, context_words: set[str], rules: EntityRules, business: bool = False) -> str:
    """Guess Company / GovernmentBody / Organization for an organisation not in the gazetteer."""
    norm = " " + normalize_name(name) + " "
    words = set(norm.split())
    last = norm.split()[-1] if norm.strip() else ""
    if last in rules.member_state_words and "of" in words and not any(
            w in rules.company_words or w.rstrip("s") in rules.company_words for w in words):
        return "GovernmentBody"  # a body of member states: "Economic Community of West African States"
    # the last word is the name's head and decides before a word inside it: "International Fencing
    # Federation" is a federation, "Union Pacific Railroad" a railroad, "Treasury Wine Estates" a company
    # (not "Ministry of Energy": a body "of" its portfolio)
    if last in rules.company_words and not words & {"of", "for"} and (
            last in rules.strong_company_heads or not any(f" {w} " in norm for w in rules.government_words)):
        return "Company"  # a body's word inside yields only to a strong company head ("Treasury Wine Estates")
    if any(f" {w} " in norm for w in rules.government_words) or last in rules.government_name_ends:
        return "GovernmentBody"
    if last in rules.org_name_ends:
        return "Organization"  # not a weaker word such as "research" ("Umeda Capital Research" is a firm)
    if words & rules.company_words:
        return "Company"
    if any(f" {w} " in norm for w in rules.organization_words):
        return "Organization"
    if context_words & rules.company_context:
        return "Company"
    # with no word saying otherwise, a named organisation in business news is a company (most
    # unknown ORG names on our annotated dev sets are); in general news (sport, politics) it is not
    return "Company" if business else "Organization"

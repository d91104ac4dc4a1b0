"""Names of people within one article: which words name a known person, a titled name, the government a leader heads.

The model's PERSON tag is neither necessary nor sufficient: a gazetteer surname, a name after a title
('Culture Secretary Jane Roe'), or a name already met in the article makes a person, and 'the Erdogan
government' is the government that person heads by the dated offices (``kg/knowledge/data/gazetteer/offices.yaml``).
Used by :mod:`kg.nlp.entities`.
"""
from __future__ import annotations

import functools

from kg.knowledge.entity_rules import EntityRules, load_entity_rules
from kg.knowledge.gazetteer import Gazetteer, normalize_name
from kg.knowledge.lexicons import load_lexicon
from kg.knowledge.offices import office_country
from kg.nlp.registry import EntityRegistry, LocalEntity


def is_known_person_word(registry: EntityRegistry, text: str) -> bool:
    """True for one word that names a person: a word of a full name in the article ("Varga" of
    "Tomas Varga"), a gazetteer person's name, or the surname of exactly one gazetteer person ("Trump")
    that begins no organisation's name in the gazetteer ("Lam" may be Lam Research)."""
    gaz = registry.gaz
    if is_person_word(registry, text) or gaz.lookup(text, ("Person",)) is not None:
        return True
    word = normalize_name(text)
    return (len(word) >= 3 and text[:1].isupper() and word not in org_first_words(gaz)
            and gaz.person_by_surname(text) is not None)


def org_first_words(gaz: Gazetteer) -> frozenset[str]:
    """First words of the gazetteer's organisation names ("lam" of "Lam Research"), leaders'
    governments ("Trump administration") aside."""
    return gaz.derived("org_first_words", _org_first_words)


def _org_first_words(gaz: Gazetteer) -> frozenset[str]:
    leader_words = load_entity_rules().leader_body_words
    words = set()
    for e in gaz.entries.values():
        if e.type in ("Company", "Organization", "GovernmentBody"):
            for n in (e.name, *e.aliases):
                parts = normalize_name(n).split()
                if len(parts) > 1 and not (len(parts) == 2 and parts[1] in leader_words):
                    words.add(parts[0])
    return frozenset(words)


def is_titled_name(span, rules: EntityRules) -> bool:
    """True for two or three capitalised proper nouns right after a person's title ("Secretary Jane
    Roe"), none of them a word that marks an organisation's name."""
    doc = span.doc
    if not 2 <= len(span) <= 3 or span.start == 0 or doc[span.start - 1].lower_.rstrip(".") not in title_words():
        return False
    if not all(t.tag_ in ("NNP", "NNPS") and t.text[:1].isupper() and t.is_alpha for t in span):
        return False
    norm = " " + normalize_name(span.text) + " "
    marks = (*rules.government_words, *rules.organization_words, *rules.company_words)
    return not any(f" {w} " in norm for w in marks)


@functools.lru_cache(maxsize=1)
def title_words() -> frozenset[str]:
    return frozenset(p[-1] for p in load_entity_rules().person_prefixes) - {"executive", "analyst"}


@functools.lru_cache(maxsize=1)
def given_names() -> frozenset[str]:
    """Common given names, normalised (``kg/knowledge/data/given_names.yaml``)."""
    groups = load_lexicon("given_names.yaml")["given_names"]
    return frozenset(normalize_name(n) for names in groups.values() for n in names)


def opens_with_given_name(text: str, rules: EntityRules) -> bool:
    """A name of two to four capitalised words that opens with a common given name and does not end in a word
    that names an organisation ("Brent Saunders", "Jim Vena"; not "Lisa Shipping"): a person's full name."""
    words = text.split()
    if not 2 <= len(words) <= 4 or not all(w[:1].isupper() or w.lower() in NAME_PARTICLES for w in words):
        return False
    if any(w.isupper() and len(w) > 1 for w in words) or any(ch.isdigit() or ch in "&+@" for ch in text):
        return False
    last = normalize_name(words[-1])
    if last in rules.company_words and last not in rules.trade_words or last in rules.org_name_ends:
        return False  # "Lisa Shipping"; a trade's word after a given name is a surname ("Dana Motor")
    return normalize_name(words[0]) in given_names()


NAME_PARTICLES = frozenset({"de", "du", "van", "von", "der", "den", "bin", "al", "el", "da", "di", "la", "le", "ibn"})


def names_person(registry: EntityRegistry, text: str) -> bool:
    """True when ``text`` is a known person's name or (one word) surname, in the article or the gazetteer."""
    if " " not in text.strip():
        return is_known_person_word(registry, text)
    norm = normalize_name(text)
    return registry.gaz.lookup(text, ("Person",)) is not None or any(
        other.type == "Person" and norm in person_names(registry, other) for other in registry.entities)


def person_of_name(registry: EntityRegistry, text: str) -> LocalEntity | None:
    """The person a full name denotes: a person of the article with that name, else a gazetteer person."""
    norm = normalize_name(text)
    for other in registry.entities:
        if other.type == "Person" and norm in person_names(registry, other):
            return other
    entry = registry.gaz.lookup(text, ("Person",))
    return registry.add_gaz(entry.id, implicit=False) if entry else None


def person_names(registry: EntityRegistry, person: LocalEntity) -> set[str]:
    """The normalised names of a person cluster, with its gazetteer entry's name and aliases."""
    names = set(person.names)
    if person.gaz_id:
        entry = registry.gaz.entries[person.gaz_id]
        names.update((entry.name, *entry.aliases))
    return {normalize_name(n) for n in names}


def is_leader_body(registry: EntityRegistry, span, label: str, ent_id: str, rules: EntityRules) -> bool:
    """True for a person's name right before a word such as "administration" ("the Erdogan government")."""
    doc = span.doc
    if label not in ("PERSON", "ORG", "GPE") or span.end >= len(doc):
        return False
    if doc[span.end].lower_ not in rules.leader_body_words:
        return False
    if ent_id.startswith("gaz:"):
        return registry.gaz.entries[ent_id[4:]].type == "Person"
    return not ent_id and names_person(registry, span.text)


def leader_government(registry: EntityRegistry, name: str) -> LocalEntity | None:
    """The national government a person leads ("Maduro" of "the Maduro government"), from the
    dated offices data; None when the person or their country is not known (then the span is
    no organisation either)."""
    gaz = registry.gaz
    norm = normalize_name(name)
    names = {norm}
    for other in registry.entities:
        if other.type == "Person":
            theirs = person_names(registry, other)
            if norm in theirs or any(norm in n.split() for n in theirs):
                names |= theirs
    entry = gaz.lookup(name, ("Person",)) or (gaz.person_by_surname(name) if " " not in norm else None)
    if entry is not None:
        names.update(normalize_name(n) for n in (entry.name, *entry.aliases))
    titles = load_lexicon("roles.yaml")["head_of_state_titles"]
    countries = {office_country(sorted(names), t) for t in titles} - {None}
    if len(countries) != 1:
        return None
    gov = gaz.government_of(countries.pop())
    return registry.add_gaz(gov.id, implicit=False) if gov else None


def is_person_word(registry: EntityRegistry, text: str) -> bool:
    """True when a one-word name is part of a full name of a person already seen in the article."""
    word = normalize_name(text)
    for other in registry.entities:
        if other.type == "Person":
            names = [n for n in other.names if len(n.split()) > 1]
            if other.gaz_id:
                names.append(registry.gaz.entries[other.gaz_id].name)
            if any(word in normalize_name(n).split() for n in names):
                return True
    return False

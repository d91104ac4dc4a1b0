"""The extraction lexicons under ``kg/knowledge/data`` (triggers, role titles, cue words, boilerplate rules),
loaded once and validated against a small schema: a missing key, a wrong type, a regular
expression that does not compile or a role that is not an ontology property is a
:class:`~kg.errors.DataError` naming the file and the key, at load time rather than mid-build.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any

from kg.errors import DataError
from kg.knowledge.datafiles import load_data
from kg.vocab import RELATION_PROPERTIES

STR_LIST = "list of strings"
REGEX_LIST = "list of regular expressions"
REGEX = "regular expression"
MAPPING = "mapping"
ROLE_MAP = "mapping of title -> list of role properties"
VERB_ROLE_MAP = "mapping of verb -> role property"
PROGRAMS = "list of {pattern, name}"
TITLES_BY_COUNTRY = "mapping of 'default' and country ids -> list of titles"


@dataclass(frozen=True)
class OptionalKey:
    """A key that may be absent; when present its value must be of ``kind``."""

    kind: str


# file -> key -> kind (nested mappings are sections)
SCHEMAS: dict[str, dict[str, Any]] = {
    "frames.yaml": {
        "modals": STR_LIST, "possibility": STR_LIST, "conditional_marks": STR_LIST, "negative_verbs": STR_LIST,
        "future": STR_LIST, "currency_words": OptionalKey(STR_LIST), "appointed_titles": OptionalKey(STR_LIST),
        "deal_nouns": OptionalKey(STR_LIST), "happened_verbs": OptionalKey(STR_LIST), "noun_preps": MAPPING, "counterfactual_adverbs": OptionalKey(STR_LIST),
        "unrealised_modifiers": OptionalKey(STR_LIST), "phrasal_verbs": OptionalKey(STR_LIST), "control_verbs": OptionalKey(MAPPING), "body_nouns": OptionalKey(STR_LIST),
        "maker_verbs": OptionalKey(STR_LIST), "directive_verbs": OptionalKey(STR_LIST),
        "permission_verbs": OptionalKey(STR_LIST), "import_nouns": OptionalKey(STR_LIST),
        "light_verbs": {"subject_is_patient": STR_LIST, "noun_subject_acts_on": STR_LIST},
    },
    "given_names.yaml": {"given_names": MAPPING},
    "class_nouns.yaml": {
        "Company": STR_LIST, "GovernmentBody": STR_LIST, "Organization": STR_LIST, "Person": STR_LIST,
        "person_to_org": STR_LIST, "ambiguous_heads": OptionalKey(STR_LIST), "party_nouns": OptionalKey(STR_LIST),
        "compound_name_heads": OptionalKey(STR_LIST), "person_groups": OptionalKey(STR_LIST),
    },
    "boilerplate.yaml": {
        "cut_rest": REGEX_LIST, "drop_line": REGEX_LIST, "teaser_endings": STR_LIST, "dateline": REGEX,
        "section_words": STR_LIST, "list_opener_verbs": OptionalKey(STR_LIST),
        "furniture": {
            "related_lists": REGEX_LIST, "share_bars": REGEX_LIST, "photo_credits": REGEX_LIST,
            "newsletter_boxes": REGEX_LIST, "section_labels": REGEX_LIST, "link_lists": MAPPING,
        },
    },
    "dates.yaml": {
        "months": MAPPING, "day_first_zones": STR_LIST, "month_first_zones": STR_LIST,
        "day_first_domains": STR_LIST, "month_first_domains": STR_LIST, "day_first_languages": STR_LIST,
        "month_first_languages": STR_LIST, "published_words": STR_LIST, "updated_words": STR_LIST,
    },
    "headers.yaml": {
        "front_matter": MAPPING, "jsonld_article_types": STR_LIST, "meta_tags": MAPPING, "byline_classes": STR_LIST,
        "outlet_words": STR_LIST,
    },
    "entity_rules.yaml": {
        "stoplist": STR_LIST, "person_prefixes": STR_LIST, "government_words": STR_LIST,
        "organization_words": STR_LIST, "company_words": STR_LIST, "org_suffixes": STR_LIST,
        "company_context": STR_LIST, "platforms": STR_LIST, "platform_verbs": STR_LIST, "generic_bodies": STR_LIST,
        "leader_body_words": STR_LIST, "not_org_words": OptionalKey(STR_LIST), "legal_forms": OptionalKey(STR_LIST),
        "title_of_company": OptionalKey(STR_LIST), "org_name_ends": OptionalKey(STR_LIST),
        "short_name_ends": OptionalKey(STR_LIST), "member_state_words": OptionalKey(STR_LIST),
        "trade_words": OptionalKey(STR_LIST), "whose_titles": OptionalKey(STR_LIST), "management_words": OptionalKey(STR_LIST),
        "government_name_ends": OptionalKey(STR_LIST), "place_context": OptionalKey(MAPPING),
        "firm_titles": OptionalKey(STR_LIST), "street_words": OptionalKey(STR_LIST),
        "org_possessions": OptionalKey(STR_LIST), "capital_acts": OptionalKey(STR_LIST),
        "org_compounds": OptionalKey(STR_LIST), "strong_company_heads": OptionalKey(STR_LIST),
        "organisation_clause_verbs": OptionalKey(STR_LIST), "alias_cues": OptionalKey(STR_LIST),
    },
    "roles.yaml": {
        "titles": ROLE_MAP, "head_of_state_titles": STR_LIST, "department_titles": STR_LIST,
        "department_name_shapes": STR_LIST, "parties": MAPPING, "verbs": VERB_ROLE_MAP,
        "department_head_titles": TITLES_BY_COUNTRY, "deputy_words": STR_LIST, "company_titles": STR_LIST,
        "title_modifiers": STR_LIST, "company_topic_titles": OptionalKey(STR_LIST),
        "portfolio_titles": OptionalKey(MAPPING), "ministry_nouns": OptionalKey(STR_LIST),
        "title_bodies": OptionalKey(MAPPING), "job_nouns": OptionalKey(STR_LIST), "generic_heads": OptionalKey(MAPPING), "implies": OptionalKey(MAPPING), "part_nouns": OptionalKey(STR_LIST),
        "verbs_against_holder": OptionalKey(STR_LIST), "kin_nouns": OptionalKey(STR_LIST),
        "verb_preps": OptionalKey(MAPPING),
    },
    "relations.yaml": {
        "company_nouns": STR_LIST, "subsidiary_nouns": STR_LIST, "subsidiary_participles": STR_LIST, "part_of_words": STR_LIST,
        "parent_nouns": STR_LIST, "acquisition_verbs": STR_LIST, "customer_verbs": STR_LIST, "product_nouns": STR_LIST,
        "competitor_nouns": STR_LIST, "competitor_verbs": STR_LIST,
        "member_group_nouns": OptionalKey(STR_LIST), "member_cues": OptionalKey(STR_LIST),
        "owner_verbs": OptionalKey(STR_LIST), "supply_verbs": OptionalKey(STR_LIST),
        "blocking_verbs": OptionalKey(STR_LIST), "unrealised_supply": OptionalKey(STR_LIST), "customer_nouns": OptionalKey(STR_LIST),
        "supplier_nouns": OptionalKey(STR_LIST), "investment_nouns": OptionalKey(STR_LIST),
        "majority_words": OptionalKey(STR_LIST), "area_nouns": OptionalKey(STR_LIST),
        "list_holding_verbs": OptionalKey(STR_LIST), "collection_nouns": OptionalKey(STR_LIST),
        "list_intro_words": OptionalKey(STR_LIST), "disposal_verbs": OptionalKey(STR_LIST),
        "company_board_words": OptionalKey(STR_LIST), "seat_words": OptionalKey(STR_LIST),
    },
    "events.yaml": {
        "offers": {
            "verbs": STR_LIST, "nouns": STR_LIST, "intent_words": STR_LIST, "sell_verbs": STR_LIST,
            "buy_verbs": STR_LIST, "make_verbs": STR_LIST, "receive_verbs": STR_LIST, "terms_nouns": STR_LIST,
            "deal_kind_words": STR_LIST,
            "terms_patterns": REGEX_LIST, "status": MAPPING, "receive_status": MAPPING,
            "partner_nouns": OptionalKey(STR_LIST), "party_verbs": OptionalKey(STR_LIST),
            "reciprocal_verbs": OptionalKey(STR_LIST), "gesture_words": OptionalKey(STR_LIST),
        },
        "sanctions": {
            "verbs": STR_LIST, "list_verbs": STR_LIST, "nouns": STR_LIST, "measure_heads": STR_LIST,
            "relief_verbs": STR_LIST, "relief_nouns": STR_LIST, "relief_needs_object": STR_LIST,
            "programs": PROGRAMS, "measure_names": OptionalKey(MAPPING), "restriction_preps": STR_LIST, "sector_heads": STR_LIST,
            "group_nouns": STR_LIST, "exclusion_systems": STR_LIST, "reaction_verbs": STR_LIST, "placing_verbs": OptionalKey(STR_LIST), "judicial_words": OptionalKey(STR_LIST),
            "other_lists": OptionalKey(STR_LIST), "list_qualifiers": OptionalKey(STR_LIST),
            "hypothetical": {"threatened": STR_LIST, "proposed": STR_LIST},
            "continuation": OptionalKey({"pronouns": STR_LIST, "group_nouns": STR_LIST, "list_nouns": STR_LIST,
                                         "verbs": STR_LIST, "participles": STR_LIST,
                                         "naming_verbs": OptionalKey(STR_LIST),
                                         "generic_people": OptionalKey(STR_LIST)}),
        },
        "statements": {"speech_verbs": STR_LIST},
    },
}


def validate(data: Any, schema: dict[str, Any], *, where: str) -> None:
    """Check ``data`` against ``schema``.

    Raises:
        DataError: naming the file and key that is wrong and what was expected.
    """
    if not isinstance(data, dict):
        raise DataError(f"{where}: expected a mapping of {', '.join(schema)}, found {type(data).__name__}")
    for key, kind in schema.items():
        path = f"{where}: {key}"
        if isinstance(kind, OptionalKey):
            if key not in data:
                continue
            kind = kind.kind
        if key not in data:
            raise DataError(f"{path} is missing (expected a {kind if isinstance(kind, str) else 'section'})")
        value = data[key]
        if isinstance(kind, dict):
            validate(value, kind, where=f"{where}: {key}")
        else:
            _check(value, kind, path)


def _check(value: Any, kind: str, path: str) -> None:
    def fail(msg: str) -> None:
        raise DataError(f"{path}: {msg} (expected a {kind})")

    if kind in (STR_LIST, REGEX_LIST):
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            fail("not a list of non-empty strings")
        if kind == REGEX_LIST:
            for v in value:
                _compile(v, path)
    elif kind == REGEX:
        if not isinstance(value, str):
            fail("not a string")
        _compile(value, path)
    elif kind == MAPPING:
        if not isinstance(value, dict):
            fail("not a mapping")
    elif kind == TITLES_BY_COUNTRY:
        if not isinstance(value, dict) or "default" not in value:
            fail("not a mapping with a 'default' entry")
        for name, items in value.items():
            if not isinstance(items, list) or not all(isinstance(v, str) and v for v in items):
                fail(f"{name!r} is not a list of non-empty strings")
    elif kind == ROLE_MAP:
        if not isinstance(value, dict):
            fail("not a mapping")
        for title, props in value.items():
            if not isinstance(props, list) or not props:
                fail(f"title {title!r} has no list of properties")
            for prop in props:
                if prop not in RELATION_PROPERTIES:
                    fail(f"title {title!r}: {prop!r} is not one of {', '.join(RELATION_PROPERTIES)}")
    elif kind == VERB_ROLE_MAP:
        if not isinstance(value, dict):
            fail("not a mapping")
        for verb, prop in value.items():
            if prop not in RELATION_PROPERTIES:
                fail(f"verb {verb!r}: {prop!r} is not one of {', '.join(RELATION_PROPERTIES)}")
    elif kind == PROGRAMS:
        if not isinstance(value, list):
            fail("not a list")
        for item in value:
            if not isinstance(item, dict) or not {"pattern", "name"} <= set(item):
                fail(f"entry {item!r} lacks pattern or name")
            _compile(item["pattern"], path)


def _compile(pattern: str, path: str) -> None:
    try:
        re.compile(pattern)
    except re.error as exc:
        raise DataError(f"{path}: regular expression {pattern!r} does not compile: {exc}") from exc


@functools.lru_cache(maxsize=None)
def load_lexicon(name: str) -> Any:
    """Load and validate one lexicon file of :data:`SCHEMAS` (once per process).

    Raises:
        DataError: the file is missing, not YAML, or does not match its schema.
    """
    if name not in SCHEMAS:
        raise DataError(f"no schema for kg/knowledge/data/{name}; known lexicons: {', '.join(SCHEMAS)}")
    data = load_data(name)
    validate(data, SCHEMAS[name], where=f"kg/knowledge/data/{name}")
    return data


@functools.lru_cache(maxsize=1)
def seat_words() -> tuple[str, ...]:
    """The words that say where an organisation is based, lowercased: ``relations.yaml`` ``seat_nouns`` ("head
    office", "headquarters") and ``based_words`` ("based", "headquartered"). Read by the table readers of Markdown
    and HTML and by the extractors' table rows alike."""
    relations = load_lexicon("relations.yaml")
    return tuple(str(w).lower() for w in [*relations.get("seat_nouns", ()), *relations.get("based_words", ())])

"""The data files are validated at load: a broken lexicon fails early with the file and key named."""
from __future__ import annotations

import copy

import pytest

from kg.errors import DataError
from kg.knowledge.datafiles import load_data
from kg.knowledge.gazetteer import load_gazetteer
from kg.knowledge.lexicons import SCHEMAS, load_lexicon, validate


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_bundled_lexicons_are_valid(name):
    assert load_lexicon(name)


def _broken(name, mutate):
    data = copy.deepcopy(load_data(name))
    mutate(data)
    return data


@pytest.mark.parametrize(
    "name,mutate,message",
    [
        ("events.yaml", lambda d: d["offers"].pop("verbs"), "offers: verbs is missing"),
        ("events.yaml", lambda d: d["sanctions"]["programs"].append({"pattern": "(unclosed", "name": "x"}),
         "does not compile"),
        ("roles.yaml", lambda d: d["titles"].__setitem__("chief", ["bossOf"]), "'bossOf' is not one of"),
        ("boilerplate.yaml", lambda d: d.__setitem__("cut_rest", "not a list"), "cut_rest: not a list"),
        ("relations.yaml", lambda d: d["customer_verbs"].append(""), "customer_verbs: not a list of non-empty"),
        ("roles.yaml", lambda d: d.pop("deputy_words"), "deputy_words is missing"),
        ("roles.yaml", lambda d: d.__setitem__("company_titles", "ceo"), "company_titles: not a list"),
        ("roles.yaml", lambda d: d["title_modifiers"].append(3), "title_modifiers: not a list of non-empty"),
        ("roles.yaml", lambda d: d["department_head_titles"].pop("default"),
         "department_head_titles: not a mapping with a 'default'"),
        ("roles.yaml", lambda d: d["department_head_titles"].__setitem__("france", "ministre"),
         "'france' is not a list"),
        ("roles.yaml", lambda d: d.__setitem__("company_topic_titles", {"chairman": 1}),
         "company_topic_titles: not a list"),
        ("entity_rules.yaml", lambda d: d.pop("leader_body_words"), "leader_body_words is missing"),
    ],
)
def test_broken_lexicon_names_file_and_key(name, mutate, message):
    with pytest.raises(DataError, match=message) as info:
        validate(_broken(name, mutate), SCHEMAS[name], where=f"kg/knowledge/data/{name}")
    assert f"kg/knowledge/data/{name}" in str(info.value)


def test_party_words_point_at_gazetteer_entries():
    gaz = load_gazetteer()
    for word, gid in load_lexicon("roles.yaml")["parties"].items():
        assert gid in gaz.entries, word


def test_platforms_are_gazetteer_entries():
    gaz = load_gazetteer()
    for gid in load_lexicon("entity_rules.yaml")["platforms"]:
        assert gid in gaz.entries, gid


def test_optional_keys_may_be_absent():
    data = _broken("roles.yaml", lambda d: d.pop("company_topic_titles", None))
    validate(data, SCHEMAS["roles.yaml"], where="kg/knowledge/data/roles.yaml")


def test_department_head_titles_name_countries():
    gaz = load_gazetteer()
    for key in load_lexicon("roles.yaml")["department_head_titles"]:
        assert key == "default" or gaz.entries[key].type == "Country", key

"""The data files are validated at load: a broken lexicon fails early with the file and key named."""
from __future__ import annotations

import copy

import pytest

from kg.datafiles import load_data
from kg.errors import DataError
from kg.gazetteer import load_gazetteer
from kg.lexicons import SCHEMAS, load_lexicon, validate


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
    ],
)
def test_broken_lexicon_names_file_and_key(name, mutate, message):
    with pytest.raises(DataError, match=message) as info:
        validate(_broken(name, mutate), SCHEMAS[name], where=f"kg/data/{name}")
    assert f"kg/data/{name}" in str(info.value)


def test_party_words_point_at_gazetteer_entries():
    gaz = load_gazetteer()
    for word, gid in load_lexicon("roles.yaml")["parties"].items():
        assert gid in gaz.entries, word


def test_platforms_are_gazetteer_entries():
    gaz = load_gazetteer()
    for gid in load_lexicon("entity_rules.yaml")["platforms"]:
        assert gid in gaz.entries, gid

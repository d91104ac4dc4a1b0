"""Event kinds are data: kinds.yaml is validated at load, with the file, kind and key named."""
from __future__ import annotations

import copy

import pytest

from kg.errors import DataError
from kg.knowledge.datafiles import load_data
from kg.knowledge.kinds import load_kinds, parse_kinds


def test_bundled_kinds_are_valid():
    kinds = load_kinds()
    assert {"offer", "sanction", "relief"} <= set(kinds)
    for kind in kinds.values():
        assert kind.slot(kind.agent).entities
        assert kind.shared is None or kind.slot(kind.shared).entities


def _broken(mutate):
    data = copy.deepcopy(load_data("kinds.yaml"))
    mutate(data)
    return data


@pytest.mark.parametrize("mutate, message", [
    (lambda d: d["offer"].__setitem__("class", "Ofer"), r"offer.class: 'Ofer' is not a kg: term"),
    (lambda d: d["offer"]["slots"]["item"].__setitem__("property", "itm"), r"offer.slots.item.property: 'itm'"),
    (lambda d: d["offer"].__setitem__("agent", "item"), r"offer.agent: 'item' is not one of its entity slots"),
    (lambda d: d["sanction"].__setitem__("label", "{imposer} on {targets}"), r"sanction.label: \{imposer\}"),
    (lambda d: d["sanction"].__setitem__("label", "{targets:people}"), r"modifier 'people'"),
    (lambda d: d["relief"].pop("report"), r"relief: report is missing"),
    (lambda d: d["relief"].__setitem__("colour", "red"), r"relief: unknown key 'colour'"),
    (lambda d: d["relief"].__setitem__("path", "offer"), r"relief.path 'offer' is already the path of offer"),
    (lambda d: d["relief"]["hooks"]["relaxes"].__setitem__("kind", "sanctions"), r"relaxes.kind 'sanctions'"),
    (lambda d: d["offer"]["merge"].__setitem__("words", "offered_by"), r"offer.merge.words: 'offered_by'"),
    (lambda d: d["offer"]["slots"]["terms"].__setitem__("limit", 0), r"offer.slots.terms.limit"),
])
def test_a_broken_kind_names_file_kind_and_key(mutate, message):
    with pytest.raises(DataError, match=message) as info:
        parse_kinds(_broken(mutate))
    assert "kg/knowledge/data/kinds.yaml" in str(info.value)

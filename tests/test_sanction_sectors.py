"""Sanctions whose target is a country's goods or sector ("sanctions on Iranian oil").

The country is the target; the phrase naming the goods is kept as the restriction.
Sentences are written for this project.
"""
from __future__ import annotations

import pytest

from factlib import analyse_text, sanctions

CASES = [
    ("Washington reimposed sanctions on Iranian crude exports in November 2018.",
     {"by": {"United States government"}, "target": {"Iran"}, "restriction": "Iranian crude exports"}),
    ("The European Union agreed to ban imports of Russian coal.",
     {"by": {"European Union"}, "target": {"Russia"}, "program": "ban"}),
    ("The US Treasury slapped an embargo on Venezuela's oil sector.",
     {"target": {"Venezuela"}, "program": "embargo", "restriction": "Venezuela's oil sector"}),
    ("Syrian oil was placed under an embargo by the European Union.",
     {"by": {"European Union"}, "target": {"Syria"}}),
    ("Ottawa imposed tariffs on Chinese steel.",
     {"by": {"Canadian government"}, "target": {"China"}, "program": "tariffs"}),
]


@pytest.mark.parametrize("text,expected", CASES)
def test_a_countrys_goods_make_the_country_the_target(text, expected):
    found = sanctions(analyse_text(text))
    assert any(all(f[k] == v for k, v in expected.items()) for f in found), found


def test_goods_without_a_named_country_give_no_country_target():
    found = sanctions(analyse_text("The ministry banned imports of crude oil with a high sulphur content."))
    assert all(not f["target"] for f in found), found


def test_a_country_restricting_its_own_goods_is_not_its_own_target():
    found = sanctions(analyse_text("Iran banned oil exports to the rest of the region."))
    assert all("Iran" not in f["target"] for f in found), found

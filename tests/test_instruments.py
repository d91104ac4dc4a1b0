"""Measures a government takes through an instrument ("signed a decree imposing sanctions on X", "issued an order
freezing ..."), and measures on travel or trade with a country ("banned charter flights to Georgia"), imposed and
lifted; look-alikes that must give nothing. Sentences written for this project."""
from __future__ import annotations

import pytest
from factlib import analyse_text, sanctions

SANCTIONS = [
    ("President Adaeze Obi signed a decree imposing sanctions on Velmar Shipping.", "Adaeze Obi", {"Velmar Shipping"}),
    ("Vladimir Putin on Monday signed a decree ordering economic sanctions against Moldova.", "Vladimir Putin",
     {"Moldova"}),
    ("The Treasury issued an order freezing the assets of Dorian Kell on Tuesday.", "Treasury", {"Dorian Kell"}),
    ("Russia banned charter flights to Georgia in July.", "Russian government", {"Georgia"}),
    ("Beijing suspended tours to South Korea after the missile deployment.", "Chinese government", {"South Korea"}),
    ("President Adaeze Obi signed an order barring transactions with Velmar Shipping.", "Adaeze Obi",
     {"Velmar Shipping"}),
    ("Turkey suspended all trade with Israel on Thursday.", "Turkish government", {"Israel"}),
]

RELIEFS = [
    ("President Adaeze Obi signed a decree cancelling the ban on flights to Egypt.", {"Egypt"}),
    ("Moscow repealed the ban on charter flights that it had imposed on Georgia.", {"Georgia"}),
]


@pytest.mark.parametrize("text,by,targets", SANCTIONS)
def test_a_measure_through_an_instrument_or_on_travel_is_a_sanction(text, by, targets):
    found = sanctions(analyse_text(text))
    assert any(by in f["by"] and targets <= f["target"] for f in found), found


@pytest.mark.parametrize("text,targets", RELIEFS)
def test_cancelling_or_repealing_a_ban_is_a_relief(text, targets):
    found = sanctions(analyse_text(text), relief=True)
    assert any(targets <= f["target"] for f in found), found


@pytest.mark.parametrize("text", [
    "The governor signed a decree banning smoking in bars.",
    "The airline cancelled flights to Madrid after the storm.",
    "The minister cancelled his trip to Paris.",
    "The court issued an order freezing the case until March.",
    "The two companies suspended trade talks with each other.",
    "Kestrel Foods halted its investment in the new plant.",
])
def test_look_alikes_give_no_measure(text):
    result = analyse_text(text)
    assert sanctions(result) == [] and sanctions(result, relief=True) == [], (sanctions(result),
                                                                              sanctions(result, relief=True))


def test_a_trade_phrase_under_another_verb_is_no_target_of_a_measure_beside_it():
    text = ("The oil market will struggle to absorb fast-growing supply from outside OPEC, even with US sanctions on "
            "Venezuela and Iran, the agency said.")
    found = sanctions(analyse_text(text))
    assert any({"Venezuela", "Iran"} <= f["target"] for f in found), found
    assert not any("Organization of the Petroleum Exporting Countries" in f["target"] for f in found), found

"""A measure told by what hangs on its noun: a relative clause ("the sanctions programme it has kept on X",
"any assets that X and Y hold"), a gerund ("a ban on exporting gallium to X") or a programme word, for
sanctions and reliefs alike; and look-alikes that must give nothing. Sentences written for this project,
with invented companies and people where the fact does not need a real government.
"""
from __future__ import annotations

import pytest
from factlib import analyse_text, sanctions

SANCTIONS = [
    ("The European Union agreed on Friday to freeze any assets that Viktor Orlov and his deputy, Pavel Sokol, "
     "hold inside the bloc.", "European Union", {"Viktor Orlov", "Pavel Sokol"}),
    ("Canada froze the assets of Viktor Orlov.", "Canadian government", {"Viktor Orlov"}),
    ("The EU froze Viktor Orlov's and Pavel Sokol's assets on Friday.", "European Union",
     {"Viktor Orlov", "Pavel Sokol"}),
    ("Viktor Orlov's assets were frozen by Canada.", "Canadian government", {"Viktor Orlov"}),
    ("Japan announced a ban on exporting chemicals to South Korea that it said would start in July.",
     "Japanese government", {"South Korea"}),
    ("The EU adopted a ban on doing business with Orlov Metals.", "European Union", {"Orlov Metals"}),
    # a government halting trade with a country ("halted exports of sand to Taiwan")
    ("Beijing halted exports of natural sand to Taiwan.", "Chinese government", {"Taiwan"}),
    ("China's customs agency suspended imports of citrus fruit and fish from Taiwan.", "Chinese government",
     {"Taiwan"}),
    ("China banned exports of chips to Russia.", "Chinese government", {"Russia"}),
    # put under a regime
    ("The United States on Monday put Viktor Orlov and several of his allies under a more targeted sanctions "
     "regime.", "United States government", {"Viktor Orlov"}),
]

RELIEFS = [
    ("Beijing has suspended the ban on exporting gallium to the United States that it imposed last December.",
     "Chinese government", {"United States"}),
    ("The United States on Monday ended the sanctions programme it has kept on Zimbabwe for two decades.",
     "United States government", {"Zimbabwe"}),
    ("Washington scrapped its sanctions regime on Zimbabwe.", "United States government", {"Zimbabwe"}),
    ("The EU halted its sanctions on Belarus for six months.", "European Union", {"Belarus"}),
    ("The EU removed the sanctions on Viktor Orlov.", "European Union", {"Viktor Orlov"}),
    ("Beijing lifted its sanctions on Kestrel Foods and on Varden Dairies.", "Chinese government",
     {"Kestrel Foods", "Varden Dairies"}),
    ("The United States removed the sanctions that the Trump administration placed on Viktor Orlov.",
     "United States government", {"Viktor Orlov"}),
]


@pytest.mark.parametrize("text,by,targets", SANCTIONS)
def test_a_measure_told_by_its_clause(text, by, targets):
    found = [(s["by"], s["target"]) for s in sanctions(analyse_text(text))]
    assert any(by in b and targets <= t for b, t in found), found


@pytest.mark.parametrize("text,by,targets", RELIEFS)
def test_a_relief_of_a_measure_told_by_its_clause(text, by, targets):
    found = [(s["by"], s["target"]) for s in sanctions(analyse_text(text), relief=True)]
    assert any(by in b and targets <= t for b, t in found), found


@pytest.mark.parametrize("text", [
    "Oligarchs moved assets that they hold in London to Dubai.",
    "Kestrel Foods sold the assets that it holds in Portugal to Almhof Group.",
    "Halvorsen Bank froze the accounts of Viktor Orlov.",  # a bank is no government
    "The ministry said the training programme it runs in Zimbabwe would continue.",
    "Britain has not frozen any assets that Viktor Orlov holds.",
    "Exports of sand to Taiwan rose in May.",
    "Kestrel Foods removed the chief executive from the board.",
    "Kestrel Foods halted exports of cheese to Japan.",  # a company is no government
])
def test_no_measure_from_look_alikes(text):
    result = analyse_text(text)
    assert not sanctions(result) and not sanctions(result, relief=True)

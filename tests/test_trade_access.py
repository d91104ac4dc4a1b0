"""Measures on access and trade let through again: closing a country's airspace, borders or ports *to* another
country is a sanction (a closure); reopening them, resuming imports or allowing them again is a relief. A border
two countries share ("reopened its border with Sweden") names no target. A maker's goods held at a border ("gloves
made by X are to be held at US ports", "ordered the company's gloves held at US ports") are a detention order on the
maker, by the body that orders it or says so. Sentences written for this project."""
from __future__ import annotations

import pytest
from factlib import analyse_text


def _events(text: str) -> dict[str, list]:
    result = analyse_text(text)
    names = {e.local_id: max(e.names, key=e.names.get) for e in result.entities if e.names}
    out: dict[str, list] = {}
    for f in result.facts:
        if getattr(f, "kind", None) in ("sanction", "relief"):
            out.setdefault(f.kind, []).append(({names.get(i) for i in f.entities("imposed_by")},
                                               {names.get(i) for i in f.entities("targets")}, f.text("program")))
    return out


@pytest.mark.parametrize("text,by,target", [
    ("Saudi Arabia closed its airspace and land border to Qatar in June 2017.", "Saudi government", "Qatar"),
    ("Bahrain shut its ports to Qatar on Monday.", "Bahraini government", "Qatar"),
])
def test_closing_access_to_a_country_is_a_sanction(text, by, target):
    sanctions = _events(text).get("sanction", [])
    assert any(target in t and by in b for b, t, _ in sanctions), sanctions
    assert all(p == "closure" for _, _, p in sanctions), sanctions


@pytest.mark.parametrize("text,target", [
    ("Saudi Arabia has reopened its airspace and its land and sea borders to Qatar.", "Qatar"),
    ("China resumed imports of Japanese seafood on Sunday.", "Japan"),
    ("China will again allow imports of seafood from Japan, its customs office said.", "Japan"),
])
def test_letting_trade_through_again_is_a_relief(text, target):
    reliefs = _events(text).get("relief", [])
    assert any(target in t for _, t, _ in reliefs), reliefs


@pytest.mark.parametrize("text", [
    "Norway reopened its border with Sweden after the storm.",      # a shared border
    "The city closed its ports to cruise ships for the winter.",     # no country
])
def test_no_measure_without_a_country_it_is_aimed_at(text):
    assert not _events(text), _events(text)


@pytest.mark.parametrize("text,by,target", [
    # a blockade, and a list of capitals acting together: each is its government; the capital acted on, its country
    ("The blockade that Riyadh, Abu Dhabi, Manama and Cairo imposed on Doha in June 2017 is ending.",
     "Abu Dhabi", "Qatar"),
    ("Saudi Arabia, the UAE, Bahrain and Egypt imposed a blockade on Qatar in June 2017.", "Bahraini government", "Qatar"),
    ("Washington imposed sanctions on Moscow on Friday.", "Washington", "Russia"),
])
def test_a_blockade_and_capitals_that_act_or_are_acted_on(text, by, target):
    sanctions = _events(text).get("sanction", [])
    assert any(by in b and target in t for b, t, _ in sanctions), sanctions


def test_a_capital_travelled_to_is_a_place():
    assert not _events("The airline added flights to Moscow in May.")
    assert not [e for e in analyse_text("The airline added flights to Moscow in May.").entities if e.names]


@pytest.mark.parametrize("text,by,target", [
    ("Russia suspended air links with Georgia from 8 July.", "Russian government", "Georgia"),
    ("The Kremlin grounded flights to Georgia after the protests in Tbilisi.", "Kremlin", "Georgia"),
    ("Turkey halted ferry services to Cyprus on Monday.", "Turkish government", "Cyprus"),
])
def test_cutting_links_and_flights_to_a_country_is_a_sanction(text, by, target):
    sanctions = _events(text).get("sanction", [])
    assert any(by in b and target in t for b, t, _ in sanctions), sanctions


@pytest.mark.parametrize("text", [
    "The storm grounded flights to Georgia for a day.",
    "Norway grounded flights to Iceland after a volcanic eruption.",
    "Poland suspended rail services to Ukraine because of flooding.",
    "Russia halted air links with China during the pandemic.",
    "Germany closed the route to Poland for repairs.",
])
def test_a_closure_caused_by_nature_or_works_sanctions_no_one(text):
    assert not _events(text).get("sanction"), _events(text)


@pytest.mark.parametrize("text,by,target", [
    ("China will stop collecting its anti-dumping duties on Australian barley from Saturday.",
     "Chinese government", "Australia"),
    ("Japan will stop enforcing its sanctions on Kestrel Shipping next month.", "Japanese government",
     "Kestrel Shipping"),
    ("Russia ceased enforcing its ban on Georgian wine in 2013.", "Russian government", "Georgia"),
])
def test_a_measure_told_as_stopped_is_relaxed(text, by, target):
    reliefs = _events(text).get("relief", [])
    assert any(by in b and target in t for b, t, _ in reliefs), reliefs


def test_a_measure_that_could_stop_is_only_a_proposed_relief():
    result = analyse_text("Japan could stop enforcing its sanctions on Kestrel Shipping.")
    assert [f.status for f in result.facts if getattr(f, "kind", None) == "relief"] == ["proposed"]


@pytest.mark.parametrize("text", [
    "Disposable gloves made by Varden Rubber Corporation are to be held at American ports, US Customs and Border "
    "Protection said on Wednesday.",
    "Varden Rubber Corporation makes gloves in Malaysia. US Customs and Border Protection ordered the company's gloves "
    "held at US ports in July.",
    "US Customs and Border Protection said shipments of gloves made by Varden Rubber Corporation would be detained at "
    "the border.",
])
def test_a_makers_goods_held_at_the_border_are_a_detention_order_on_the_maker(text):
    found = _events(text).get("sanction", [])
    assert any("Varden Rubber Corporation" in t and b & {"CBP", "US Customs and Border Protection"}
               and p in ("detention order", "import ban") for b, t, p in found), found


@pytest.mark.parametrize("text", [
    "The tanker was held at the port for two days after a storm.",
    "Gloves made by Varden Rubber Corporation were held at the show as an example of good design.",
    "Customs officers said the gloves made by Varden Rubber Corporation were not held at the port.",
])
def test_goods_held_for_no_measure_are_no_sanction(text):
    assert not _events(text).get("sanction"), _events(text)

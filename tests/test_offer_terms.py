"""An offer's terms, item and recipient in the shapes of takeover news: prices in pence, in a currency's name or
code, a price whose "for" phrase names what is bought ("offered about 12.35 billion euros for Varden's cheese
businesses"), the owner of a business as the one offered to, the terms of one clause kept from another party's
offer told in a relative clause, and "its offer" after a description of the bidder ("the Norwegian group raised
its offer"). Sentences written for this project, with invented companies."""
from __future__ import annotations

import pytest
from factlib import analyse_text, offers


def _one(text, by):
    found = [o for o in offers(analyse_text(text)) if o["by"] == {by}]
    assert found, offers(analyse_text(text))
    return found


@pytest.mark.parametrize("text,terms", [
    ("Kestrel Foods first proposed a cash-and-shares deal worth 745p a share in September.", "745p a share"),
    ("Kestrel Foods had agreed to pay 2.75 billion Swiss francs for the family holding in Varden Dairies.",
     "2.75 billion Swiss francs"),
    ("Kestrel Foods offered CHF 2.75bn for Varden Dairies.", "CHF 2.75bn"),
    ("Kestrel Foods offered to buy Varden Dairies for 300 billion yen.", "300 billion yen"),
    # a relative clause on the offer itself tells its terms
    ("Kestrel Foods' approach, which would value Varden Dairies at more than $20bn, came with conditions.", "$20bn"),
])
def test_prices_in_pence_and_other_currencies_are_terms(text, terms):
    assert any(terms in o["terms"] for o in _one(text, "Kestrel Foods"))


@pytest.mark.parametrize("text", [
    "Kestrel Foods, which has offered about 12.35 billion euros for Varden Dairies' cheese and butter businesses, "
    "welcomed the news.",
    "Kestrel Foods offered 12.35 billion euros for Varden Dairies' cheese business on Monday.",
    "Kestrel Foods offered to buy Varden Dairies' cheese business for 12.35 billion euros.",
])
def test_a_business_bought_is_the_item_and_its_owner_is_offered_to(text):
    found = _one(text, "Kestrel Foods")
    assert any("cheese" in o["item"] and "Varden Dairies" in o["to"] and "12.35 billion euros" in o["terms"]
               for o in found), found


def test_terms_of_another_partys_offer_in_a_relative_clause_are_not_ours():
    text = ("Halden Group put forward a proposal for Varden Dairies' cheese activities, setting up a contest with "
            "Kestrel Foods, which has offered about 12.35 billion euros for the group's cheese businesses.")
    found = [o for o in offers(analyse_text(text)) if "Halden Group" in o["by"]]
    assert found and not any("12.35" in o["terms"] for o in found), found
    assert any("Varden Dairies" in o["to"] for o in found), found


def test_its_offer_after_a_description_of_the_bidder_is_the_bidders():
    text = ("Kestrel Foods, the Norwegian dairy group, made its first approach in May. Varden Dairies has agreed to "
            "be taken over by Kestrel Foods after the Norwegian group raised its offer to 840p a share.")
    found = offers(analyse_text(text))
    assert not any(o["by"] == {"Varden Dairies"} for o in found), found
    assert any(o["by"] == {"Kestrel Foods"} and "840p a share" in o["terms"] for o in found), found


@pytest.mark.parametrize("text,to,item", [
    ("Kestrel Foods and Varden Dairies agreed to merge, creating the largest dairy group in Europe.", set(),
     "merger of Kestrel Foods and Varden Dairies"),
    ("Kestrel Foods agreed to merge with Varden Dairies.", {"Varden Dairies"}, "merger with Varden Dairies"),
])
def test_a_merger_agreed_between_two_parties(text, to, item):
    found = offers(analyse_text(text))
    assert any("Kestrel Foods" in o["by"] and to <= o["to"] and o["item"] == item for o in found), found


def test_a_business_sold_in_the_passive_is_its_owners_sale():
    found = offers(analyse_text("Varden Dairies' cheese division was sold to Kestrel Foods in 2019."))
    assert any(o["by"] == {"Varden Dairies"} and "Kestrel Foods" in o["to"] and o["status"] == "completed"
               for o in found), found

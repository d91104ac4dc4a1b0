"""A sale of a business, told from the seller's side, is the seller's offer of what it sells to the buyer
(event_kinds.yaml: sale, recorded as kg:Offer): done ("sold its pizza business to X in 2019": completed), agreed
(accepted), intended (proposed), or told as a noun ("the sale of its pizza arm to X"), where the owner of what is
sold sells. Selling goods is trade, not a deal, and a negated sale is none. Sentences written for this project,
with invented companies."""
from __future__ import annotations

import pytest
from factlib import analyse_text, offers

SALES = [
    ("Kestrel Foods sold its frozen-pizza business to Varden Dairies in 2019.", "completed", "frozen-pizza business"),
    ("Kestrel Foods has sold its frozen-pizza unit to Varden Dairies, the company said on Monday.", "completed",
     "frozen-pizza unit"),
    ("Kestrel Foods completed the sale of its frozen-pizza arm to Varden Dairies on Monday.", "completed",
     "frozen-pizza arm"),
    ("Kestrel Foods agreed to sell its frozen-pizza unit to Varden Dairies for $1bn.", "accepted", "frozen-pizza unit"),
    ("Kestrel Foods plans to sell its stake in Orlan Shipping to Varden Dairies.", "proposed", "stake in Orlan Shipping"),
    ("Kestrel Foods would sell its frozen-pizza business to Varden Dairies if the price were right.", "proposed",
     "frozen-pizza business"),
    ("The deal includes the sale of Kestrel Foods' frozen-pizza business to Varden Dairies.", None,
     "frozen-pizza business"),
]


@pytest.mark.parametrize("text,status,item", SALES)
def test_a_sale_is_the_sellers_offer_to_the_buyer(text, status, item):
    found = offers(analyse_text(text))
    assert any(o["by"] == {"Kestrel Foods"} and "Varden Dairies" in o["to"] and o["status"] == status
               and item in o["item"] for o in found), found


@pytest.mark.parametrize("text", [
    "Kestrel Foods did not sell its frozen-pizza business to Varden Dairies.",
    "Kestrel Foods sold 10,000 pizzas to Varden Dairies last year.",
    "Kestrel Foods sells its pizzas to Varden Dairies and other retailers.",
    "Arms sales to Taiwan rose last year.",
    "The United States approved the sale of F-16 jets to Taiwan.",
    "Kestrel Foods stopped selling its frozen-pizza business lines to Varden Dairies.",
    # counted or plural goods, securities, a share of something that is no company
    "Kestrel Electronics sold more than 50,000 units to Varden Dairies last year.",
    "Kestrel Homes sold 300 housing units to Varden Dairies.",
    "Kestrel Defence sold its air-defence units to Varden Dairies.",
    "Kestrel Energy sold its share of the gas output to Varden Dairies.",
    "Kestrel Bank sold its holdings of government bonds to Varden Dairies.",
    # a sale denied or reported
    "Kestrel Foods denied reports that it had sold its frozen-pizza business to Varden Dairies.",
])
def test_no_sale_from_goods_or_a_negated_sale(text):
    found = [o for o in offers(analyse_text(text)) if o["status"] != "rejected"]
    assert not found, found


@pytest.mark.parametrize("text,seller", [
    # who advises on or opposes a sale does not sell; "its" after two organisations is nobody's
    ("Halden Bank advised Kestrel Foods on the sale of its pizza unit to Varden Dairies.", None),
    ("Halden Bank opposed the sale of its pizza unit to Varden Dairies by Kestrel Foods.", "Kestrel Foods"),
])
def test_the_seller_of_a_sale_told_as_a_noun(text, seller):
    found = offers(analyse_text(text))
    assert not any("Halden Bank" in o["by"] for o in found), found
    if seller:
        assert any(o["by"] == {seller} and "Varden Dairies" in o["to"] for o in found), found


def test_a_sale_that_fell_through_is_withdrawn_not_completed():
    found = offers(analyse_text("Varden Dairies bought the unit after Kestrel Foods' sale of its plant to Orlan "
                                "Group fell through."))
    assert all(o["status"] != "completed" for o in found if o["by"] == {"Kestrel Foods"}), found

"""Offer shapes beyond "X offered Y to Z": a price "for" a company, talks to buy, a rebuffed approach.
Sentences are written for this project."""
from __future__ import annotations

import pytest
from factlib import analyse_text, offers, relations

CASES = [
    ("Unilever offered £50 billion for GSK's consumer health arm last week.",
     {"by": {"Unilever"}, "terms": "£50 billion"}),
    ("Broadcom offered $103 billion for Qualcomm in November.",
     {"by": {"Broadcom"}, "to": {"Qualcomm"}, "item": "Qualcomm", "terms": "$103 billion"}),
    ("Oracle is in talks to buy TikTok's American business from ByteDance.",
     {"by": {"Oracle"}, "to": {"ByteDance"}, "status": "in talks"}),
    ("Kraft Heinz's $143 billion approach for Unilever was rejected on Friday.",
     {"by": {"Kraft Heinz"}, "to": {"Unilever"}, "status": "rejected"}),
    # a buyout told as taking the company private: the company is what is offered for
    ("Varden Capital proposed to take Kestrel Foods private.",
     {"by": {"Varden Capital"}, "to": {"Kestrel Foods"}, "item": "Kestrel Foods"}),
    ("Kestrel Foods' chief executive resigned a week after the buyout firm Varden Capital made a proposal to take "
     "the company private.", {"by": {"Varden Capital"}, "item": "Kestrel Foods"}),
]


def _told(found, expected) -> bool:
    """Whether one offer found has every expected field."""
    return any(all(f[k] == v for k, v in expected.items()) for f in found)


@pytest.mark.parametrize("text,expected", CASES)
def test_offer_shape(text, expected):
    found = offers(analyse_text(text))
    assert _told(found, expected), found


def test_a_rejected_offer_is_not_offered_to_itself():
    found = offers(analyse_text("Kraft Heinz's $143 billion approach for Unilever was rejected on Friday."))
    assert all(not any("approach" in t for t in f["to"]) for f in found), found


@pytest.mark.parametrize("text", [
    "Union leaders and ministers held talks to end the strike.",
    "The two sides are in talks about a ceasefire.",
])
def test_talks_without_a_deal_are_not_offers(text):
    assert offers(analyse_text(text)) == []


@pytest.mark.parametrize("text", [
    "Kestrel Stores is offering certainty, Varden Markets is offering a higher price, an analyst said.",
    "Kestrel Stores offered its condolences to the family on Monday.",
    "Kestrel Stores offered support to the workers who lost their jobs.",
    "Kestrel Stores offered no details of the plan.",
])
def test_a_gesture_offered_is_no_deal(text):
    assert not [o for o in offers(analyse_text(text)) if o["by"] == {"Kestrel Stores"}], offers(analyse_text(text))


def test_a_licence_offered_is_still_a_deal():
    found = offers(analyse_text("Kestrel Stores offered a licence for its checkout patents to Varden Markets."))
    assert any(o["by"] == {"Kestrel Stores"} and o["to"] == {"Varden Markets"} for o in found), found


# --- shapes found on held-out articles (sentences written here) ---

def test_its_offer_in_a_clause_about_another_company_is_that_companys_offer():
    found = offers(analyse_text(
        "Broadcom raised its bid for Qualcomm to $82 a share in February. Broadcom later cut the bid after "
        "Qualcomm agreed to pay more for NXP Semiconductors, raising its offer for the Dutch company."))
    assert any(f["by"] == {"Qualcomm"} and f["to"] == {"NXP Semiconductors"} and f["item"] == "NXP Semiconductors"
               for f in found), found


def test_it_in_a_reported_clause_is_the_company_that_reported():
    found = offers(analyse_text(
        "TikTok is hugely popular with teenagers. Oracle said on Monday it would continue talks to buy "
        "the US business of TikTok from its owner ByteDance."))
    assert any(f["by"] == {"Oracle"} and f["to"] == {"ByteDance"} for f in found), found


@pytest.mark.parametrize("text", [
    "The Commerce Ministry said it was ready to take necessary measures to protect local firms.",
    "ByteDance said last year that it planned to invest $1 billion in the country.",
])
def test_measures_and_investment_in_a_country_are_not_offers(text):
    assert offers(analyse_text(text)) == []


@pytest.mark.parametrize("text,expected", [
    ("SoftBank plans to invest $2 billion in Uber.", {"by": {"SoftBank Group"}, "to": {"Uber"}}),
    ("Elon Musk wants to take over Twitter.", {"by": {"Elon Musk"}}),
])
def test_taking_over_or_investing_in_a_company_is_an_offer(text, expected):
    found = offers(analyse_text(text))
    assert _told(found, expected), found


def test_a_subordinate_clause_about_another_company_does_not_set_the_status():
    found = offers(analyse_text(
        "Broadcom raised its bid for Qualcomm to $82 a share in February. Broadcom later cut the bid after "
        "Qualcomm agreed to pay more for NXP Semiconductors."))
    assert all(f["status"] != "accepted" for f in found if f["by"] == {"Broadcom"}), found


def test_a_takeover_approach_without_an_item_is_for_the_company_approached():
    found = offers(analyse_text("Unilever has rejected a $143 billion takeover approach from Kraft Heinz, the American "
                                "food group backed by Warren Buffett."))
    assert any(f["by"] == {"Kraft Heinz"} and f["item"] == "Unilever" and f["status"] == "rejected" for f in found), found


def test_a_personal_bid_by_the_head_of_another_company_is_not_that_companys():
    found = offers(analyse_text("Tim Cook is chief executive of Apple. Tim Cook offered to buy a football club, "
                                "Leeds United, for $50 million."))
    assert all("Apple" not in f["by"] for f in found), found


@pytest.mark.parametrize("text", [
    "Ursula von der Leyen first proposed an oil embargo at the start of May.",
    "Dana Kell, the bloc's foreign-policy chief, had proposed the listings after a visit to Valdoria.",
    "The commissioner proposed a freeze on Valdorian assets last week.",
    "Omar Haddad offered new designations of shipping firms as a compromise.",
])
def test_a_policy_proposal_is_not_an_offer(text):
    assert offers(analyse_text(text)) == []


@pytest.mark.parametrize("text", [
    "Kestrel Media offered to buy the property listings business of Varden Group.",
    "Kestrel Foods offered to buy the freeze-dried food unit of Varden Dairies for $200 million.",
])
def test_a_business_named_with_a_policy_word_is_still_offered_for(text):
    assert any("Kestrel" in " ".join(o["by"]) for o in offers(analyse_text(text))), offers(analyse_text(text))


def test_agreeing_to_be_bought_is_the_buyers_offer():
    found = offers(analyse_text("Varden Dairies agreed to be bought by Kestrel Foods for $2 billion."))
    assert any(o["by"] == {"Kestrel Foods"} and "Varden Dairies" in o["to"] for o in found), found
    assert not any("Varden Dairies" in o["by"] for o in found), found


def test_declining_to_comment_rejects_nothing():
    said = offers(analyse_text("Kestrel Foods has offered $2 billion for Varden Dairies. Varden Dairies declined to "
                               "comment on the approach."))
    assert said and not any(o["status"] == "rejected" for o in said), said
    rejected = offers(analyse_text("Kestrel Foods has offered $2 billion for Varden Dairies. Varden Dairies declined "
                                   "the approach."))
    assert any(o["status"] == "rejected" for o in rejected), rejected


# --- the recipient's answer tells the offer: who took, chose or spurned whose bid (sentences written here) ---

RESPONSES = [
    ("Corvell Freight took Ostrava Rail's $52-a-share offer on Tuesday.",
     {"by": {"Ostrava Rail"}, "to": {"Corvell Freight"}, "status": "accepted"}),
    ("Corvell Freight picks Ostrava Rail's richer offer over Danube Logistics' bid.",
     {"by": {"Ostrava Rail"}, "to": {"Corvell Freight"}, "status": "accepted"}),
    ("The board of Corvell Freight chose the bid from Ostrava Rail.",
     {"by": {"Ostrava Rail"}, "status": "accepted"}),
    ("Corvell Freight's directors backed the offer from Ostrava Rail and urged shareholders to tender.",
     {"by": {"Ostrava Rail"}}),
    ("Corvell Freight preferred the proposal from Ostrava Rail.",
     {"by": {"Ostrava Rail"}, "to": {"Corvell Freight"}, "status": "accepted"}),
    ("Corvell Freight spurned Ostrava Rail's approach in March.",
     {"by": {"Ostrava Rail"}, "to": {"Corvell Freight"}, "status": "rejected"}),
    ("Ostrava Rail ended its bid for Corvell Freight after two proposals were turned down.",
     {"by": {"Ostrava Rail"}, "status": "withdrawn"}),
]


@pytest.mark.parametrize("text,expected", RESPONSES)
def test_the_recipients_answer_tells_the_offer_and_its_fate(text, expected):
    found = offers(analyse_text(text))
    assert _told(found, expected), found


@pytest.mark.parametrize("text", [
    "Ostrava Rail recommended its own offer for Corvell Freight to investors.",
    "Ostrava Rail took its offer directly to Corvell Freight's shareholders.",
    "Ostrava Rail will consider whether to raise its offer for Corvell Freight.",
])
def test_an_offeror_taking_or_weighing_its_own_offer_is_not_its_recipient(text):
    found = offers(analyse_text(text))
    assert found and all("Ostrava Rail" not in f["to"] and f["status"] != "accepted" for f in found), found


# --- a merger is an offer between its parties: "X's merger with Y" (sentences written here) ---

@pytest.mark.parametrize("text,expected", [
    ("Halvard Resources agreed a merger with Kestrel Mining in March.",
     {"by": {"Halvard Resources"}, "to": {"Kestrel Mining"}}),
    ("Ostrava Rail has terminated its planned merger with Corvell Freight.",
     {"by": {"Ostrava Rail"}, "to": {"Corvell Freight"}, "status": "withdrawn"}),
    ("Ostrava Rail calls off its merger with Corvell Freight after a two-year wait.",
     {"by": {"Ostrava Rail"}, "status": "withdrawn"}),
])
def test_a_merger_with_another_company_is_an_offer_to_it(text, expected):
    found = offers(analyse_text(text))
    assert _told(found, expected), found


@pytest.mark.parametrize("text", [
    "Regulators blocked the merger with Corvell Freight on Friday.",
    "Mergers in the mining industry rose last year.",
])
def test_a_merger_told_without_its_party_is_no_offer_by_someone_else(text):
    found = offers(analyse_text(text))
    assert all(not f["by"] or "Corvell Freight" not in f["by"] for f in found) and not any(
        "Regulators" in str(f["by"]) for f in found), found


def test_a_third_party_endorsing_a_bid_neither_receives_nor_accepts_it():
    found = offers(analyse_text("Senator Dana Kell endorsed the Ostrava Rail bid for Corvell Freight on Friday."))
    assert all("Dana Kell" not in f["to"] and f["status"] != "accepted" for f in found), found


PRICES = [
    # paying a price for a company offers to buy it; the price is the terms
    ("Kestrel Avionics agreed to pay $4.2 billion for Vorlan Shipping.",
     {"by": {"Kestrel Avionics"}, "to": {"Vorlan Shipping"}, "terms": "$4.2 billion", "status": "accepted"}),
    ("Kestrel Avionics will pay $38 a share for Vorlan Shipping.",
     {"by": {"Kestrel Avionics"}, "to": {"Vorlan Shipping"}, "terms": "$38 a share"}),
    ("Kestrel Avionics paid $900 million for Vorlan Shipping in 2019.",
     {"by": {"Kestrel Avionics"}, "to": {"Vorlan Shipping"}, "terms": "$900 million"}),
    # a stake stands for its company
    ("Kestrel Avionics agreed to pay $2 billion for 70 percent of Vorlan Shipping.",
     {"by": {"Kestrel Avionics"}, "to": {"Vorlan Shipping"}}),
]


@pytest.mark.parametrize("text,expected", PRICES)
def test_paying_a_price_for_a_company_is_an_offer(text, expected):
    found = offers(analyse_text(text))
    assert _told(found, expected), found


@pytest.mark.parametrize("text", [
    "Vorlan Shipping paid a $1 billion fine to the Commerce Department.",
    "The government paid $5 billion for Kestrel equipment.",
    "Kestrel Avionics paid $20 million for the rights to the film.",
    # the one paid is no company bought
    "Kestrel Avionics agreed to pay $1 billion to Vorlan Pharma for the rights to its drug.",
    "Kestrel Avionics paid $10 million to Vorlan Shipping to settle the lawsuit.",
])
def test_paying_for_things_that_are_no_company_is_no_offer(text):
    assert offers(analyse_text(text)) == []


def test_owning_a_stake_makes_no_subsidiary():
    found = relations(analyse_text("Altmark Tobacco, which owns about 27 percent of Vorlan Brewing, backed the deal."))
    assert ("Vorlan Brewing", "subsidiaryOf", "Altmark Tobacco") not in found


def test_an_offer_in_one_state_takes_no_item_from_a_telling_in_another():
    # the accepted raised offer is for the company; the rejected first deal's words are not its item
    found = offers(analyse_text(
        "Varden Dairies has agreed to be taken over by Kestrel Foods after the Norwegian group raised its offer to "
        "840p a share. Varden had rejected every earlier approach since Kestrel Foods first proposed a "
        "cash-and-shares deal worth 745p a share in September."))
    accepted = [o for o in found if o["status"] == "accepted"]
    assert accepted and all("Varden" in o["item"] for o in accepted)

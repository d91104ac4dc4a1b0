"""Offer shapes beyond "X offered Y to Z": a price "for" a company, talks to buy, a rebuffed approach.
Sentences are written for this project."""
from __future__ import annotations

import pytest

from factlib import analyse_text, offers

CASES = [
    ("Unilever offered £50 billion for GSK's consumer health arm last week.",
     {"by": {"Unilever"}, "terms": "£50 billion"}),
    ("Broadcom offered $103 billion for Qualcomm in November.",
     {"by": {"Broadcom"}, "to": {"Qualcomm"}, "item": "Qualcomm", "terms": "$103 billion"}),
    ("Oracle is in talks to buy TikTok's American business from ByteDance.",
     {"by": {"Oracle"}, "to": {"ByteDance"}, "status": "in talks"}),
    ("Kraft Heinz's $143 billion approach for Unilever was rejected on Friday.",
     {"by": {"Kraft Heinz"}, "to": {"Unilever"}, "status": "rejected"}),
]


@pytest.mark.parametrize("text,expected", CASES)
def test_offer_shape(text, expected):
    found = offers(analyse_text(text))
    assert any(all(f[k] == v for k, v in expected.items()) for f in found), found


def test_a_rejected_offer_is_not_offered_to_itself():
    found = offers(analyse_text("Kraft Heinz's $143 billion approach for Unilever was rejected on Friday."))
    assert all(not any("approach" in t for t in f["to"]) for f in found), found


@pytest.mark.parametrize("text", [
    "Union leaders and ministers held talks to end the strike.",
    "The two sides are in talks about a ceasefire.",
])
def test_talks_without_a_deal_are_not_offers(text):
    assert offers(analyse_text(text)) == []

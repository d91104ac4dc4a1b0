"""An acquisition told as done is also the buyer's offer, which the bought company took (status ``completed``):
"X bought Y in 2016", "Y was acquired by X", "when it bought Y", "its purchase of Y", "has bought Y". One told as
intended, agreed, possible, refused or denied gives no completed offer. Sentences are written for this project."""
from __future__ import annotations

import pytest
from factlib import analyse_text, offers

DONE = [
    "Kestrel Foods bought Varden Dairies in 2016.",
    "Varden Dairies was bought by Kestrel Foods in 2012.",
    "Kestrel Foods became the largest dairy group in the north when it bought Varden Dairies, the former milk arm "
    "of Halden Group, in 2016.",
    "The Baltic unit came to Kestrel Foods with its purchase of Varden Dairies, the Danish producer, in 2007.",
    "Kestrel Foods has bought Varden Dairies, the company said on Monday.",
    "Kestrel Foods acquired Varden Dairies from Halden Group in 2017.",
    "Kestrel Foods completed its purchase of Varden Dairies in May.",
    "Kestrel Foods, which moved its head office to Oslo when it bought Varden Dairies in 2013, reports on Friday.",
    "Kestrel Foods has expanded in Europe this year by acquiring Varden Dairies, the Belgian cheese maker.",
    "Kestrel Foods grew quickly after buying Varden Dairies in 2011.",
]


@pytest.mark.parametrize("text", DONE)
def test_an_acquisition_told_as_done_is_a_completed_offer(text):
    found = offers(analyse_text(text))
    assert any(o["by"] == {"Kestrel Foods"} and "Varden Dairies" in o["to"] and o["item"] == "Varden Dairies"
               and o["status"] == "completed" for o in found), found


NOT_DONE = [
    "Kestrel Foods will buy Varden Dairies.",
    "Kestrel Foods is buying Varden Dairies.",
    "Kestrel Foods could buy Varden Dairies.",
    "Kestrel Foods plans to buy Varden Dairies.",
    "Kestrel Foods tried to buy Varden Dairies in 2010.",
    "Kestrel Foods agreed to buy Varden Dairies.",
    "Kestrel Foods would have bought Varden Dairies.",
    "Kestrel Foods did not buy Varden Dairies.",
    "Kestrel Foods refused to buy Varden Dairies.",
    "Kestrel Foods is weighing a purchase of Varden Dairies.",
    "Kestrel Foods abandoned its purchase of Varden Dairies in 2016.",
    "Kestrel Foods will expand by acquiring Varden Dairies.",
    "Kestrel Foods plans to expand by acquiring Varden Dairies.",
    "Kestrel Foods will keep the brand after it buys Varden Dairies.",
    "Kestrel Foods could save $1 billion a year after it buys Varden Dairies.",
    # a sentence that is only a noun phrase: no verb gives a tense (and the search for one ends at the root)
    "Kestrel Foods' acquisition of Varden Dairies",
    "Acquisition of Varden Dairies by Kestrel Foods: the terms",
]


@pytest.mark.parametrize("text", NOT_DONE)
def test_an_acquisition_not_told_as_done_is_no_completed_offer(text):
    assert not any(o["status"] == "completed" for o in offers(analyse_text(text))), text


@pytest.mark.parametrize("text", [
    "Kestrel Foods will keep the brand after it buys Varden Dairies.",
    "Kestrel Foods plans to cut jobs once it acquires Varden Dairies.",
])
def test_a_present_tense_clause_under_a_future_is_no_done_acquisition(text):
    from factlib import analyse_text as run

    mergers = [f for f in run(text).facts if getattr(f, "kind", None) == "merger"]
    assert all(f.status is not None for f in mergers), mergers

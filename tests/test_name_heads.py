"""Two ways a sentence points at an organisation without its name, read as general mechanisms:

- a definite noun that ends the name of exactly one organisation named before ("The Halvik Development Fund ... the
  fund's director", "... who leads the fund"); when two names end in it ("Kestrel Bank and Ostmark Bank ... the
  bank's chief") the noun says nothing;
- a relative clause without its pronoun that the parser reads as a participle ("Y, the rentals site Kestrel bought
  in 2015"): the name before the verb is its subject, the noun it hangs on its object.

Sentences are written for this project."""
from __future__ import annotations

import pytest
from factlib import analyse_text, offers, relations

FUND = "The Halvik Development Fund signed a licence on Monday."


@pytest.mark.parametrize("second", [
    "Charles Gore, the fund's executive director, said the deal was a model.",
    "Charles Gore, who leads the fund, said the deal was a model.",
    "The fund, a Geneva-based organisation, was set up in 2010. Charles Gore, its executive director, said so.",
])
def test_a_definite_noun_that_ends_one_name_is_that_organisation(second):
    found = relations(analyse_text(f"{FUND} {second}"))
    assert ("Charles Gore", "headOf", "Halvik Development Fund") in found, found


def test_a_noun_told_last_without_a_name_is_not_the_named_one():
    found = relations(analyse_text(f"{FUND} Ostmark Capital runs a fund too. Charles Gore, who leads the fund, said so."))
    assert ("Charles Gore", "headOf", "Halvik Development Fund") not in found, found


def test_a_noun_that_ends_two_names_is_neither():
    found = relations(analyse_text("Kestrel Bank and Ostmark Bank agreed to merge. Anna Berg, the bank's chief "
                                   "executive, said it was a good deal."))
    assert not any(r[0] == "Anna Berg" for r in found), found


@pytest.mark.parametrize("text", [
    "Halvorsen, the holiday-rentals site Kestrel Foods bought in 2015, is the largest.",
    "Halvorsen, the Danish rentals site Kestrel Foods bought in 2015, grew fastest.",
    "Halvorsen, which Kestrel Foods bought in 2015, is the largest.",
])
def test_a_relative_clause_without_its_pronoun(text):
    result = analyse_text(text)
    assert ("Halvorsen", "subsidiaryOf", "Kestrel Foods") in relations(result), relations(result)
    assert any(o["by"] == {"Kestrel Foods"} and o["to"] == {"Halvorsen"} and o["status"] == "completed"
               for o in offers(result)), offers(result)


@pytest.mark.parametrize("text", [
    "Halvorsen, the rentals site Kestrel Foods wanted in 2015, is the largest.",
    "Halvorsen, the rentals site Kestrel Foods may buy next year, is the largest.",
])
def test_a_clause_that_buys_nothing_gives_no_subsidiary(text):
    assert not any(r[1] == "subsidiaryOf" for r in relations(analyse_text(text)))

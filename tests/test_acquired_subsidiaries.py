"""A company bought is its buyer's subsidiary, whatever the shape that tells the purchase as done
(``emit.implies_relation`` of the merger kind in kg/knowledge/data/event_kinds.yaml), and the parse details that
decide who bought what: a relative clause hung on a place, a seller's "from" phrase on a purchase noun, a pronoun in
a clause of time. Every text is a short article written for this project.
"""
from __future__ import annotations

import pytest
from factlib import analyse_text, relations

OPEN = "Tessaly Bank reported higher profits on Tuesday. "


@pytest.mark.parametrize("text", [
    "Tessaly bought Halvik Kredit in 2015.",
    "Halvik Kredit was acquired by Tessaly in 2015.",
    "Halvik Kredit, which Tessaly bought in 2015, lost money last year.",
    "Tessaly, which bought Halvik Kredit in 2015, lost money last year.",
    "The bank grew by acquiring Halvik Kredit in 2015.",
    "Tessaly completed its acquisition of Halvik Kredit in 2015.",
    "Tessaly completed its purchase of Halvik Kredit from Dolton Group in 2015.",
    "Halvik Kredit, which Tessaly bought from Dolton Group in 2015, lost money last year.",
])
def test_a_purchase_told_as_done_makes_a_subsidiary(text):
    found = relations(analyse_text(OPEN + text))
    assert ("Halvik Kredit", "subsidiaryOf", "Tessaly Bank") in found
    # the seller is not the buyer, and buying a company is no purchase of goods from its seller
    assert not any(s == "Halvik Kredit" and o == "Dolton Group" for s, _, o in found)
    assert not any(p == "customerOf" for _, p, _ in found)


def test_each_company_of_a_coordinated_purchase_is_a_subsidiary():
    found = relations(analyse_text(
        OPEN + "Tessaly bought Halvik Kredit and its sister lender Pellin Finans from Dolton Group in 2017."))
    assert {("Halvik Kredit", "subsidiaryOf", "Tessaly Bank"), ("Pellin Finans", "subsidiaryOf", "Tessaly Bank")} <= found


@pytest.mark.parametrize("text", [
    "Tessaly merged with Halvik Kredit in 2015.",             # a merger of two: neither owns the other
    "Tessaly agreed to buy Halvik Kredit last week.",         # agreed, not done
    "Tessaly did not buy Halvik Kredit.",                      # denied
    "Tessaly plans to buy Halvik Kredit next year.",          # a plan
    "Tessaly would have bought Halvik Kredit had regulators agreed.",
    "Tessaly bought a stake in Halvik Kredit in 2015.",       # a stake, not the company
    "Tessaly is buying Halvik Kredit.",                        # under way
])
def test_a_purchase_not_told_as_done_makes_no_subsidiary(text):
    found = relations(analyse_text(OPEN + text))
    assert not any(p == "subsidiaryOf" for _, p, _ in found)


def test_a_relative_clause_hung_on_a_place_is_about_the_noun_the_place_locates():
    found = relations(analyse_text(
        "Britain ordered Orlan Semiconductors in 2021 to sell the Brynmawr Wafer Works in Wales, which was later "
        "bought by Calder Microsystems, an American chipmaker."))
    assert ("Brynmawr Wafer Works", "subsidiaryOf", "Calder Microsystems") in found
    assert not any(s == "Wales" for s, _, _ in found)


def test_a_pronoun_in_a_clause_of_time_is_the_subject_of_the_clause_it_serves():
    # the article's topic (Mylden) is not who bought; the relative clause's antecedent is
    found = relations(analyse_text(
        "Mylden Pharma made a hostile offer for Perrow Pharmaceuticals on Monday. Mylden Pharma has been rebuffed twice.\n"
        "Perrow Pharmaceuticals, which moved its legal home to Ireland when it bought the Irish drugmaker Eskin Therapeutics in "
        "2013, has expanded in Europe this year."))
    assert ("Eskin Therapeutics", "subsidiaryOf", "Perrow Pharmaceuticals") in found
    assert ("Eskin Therapeutics", "subsidiaryOf", "Mylden Pharma") not in found


def test_a_purchase_of_a_business_from_its_owner_does_not_make_the_seller_bought():
    found = relations(analyse_text(
        "Todd Varga, Cadell Foods' chief executive, has led the company since 2003, the year it completed its "
        "purchase of the Kimble chewing-gum business from Arnott Brands."))
    assert not any(s == "Arnott Brands" and p == "subsidiaryOf" for s, p, _ in found)


def test_founders_named_after_an_as_phrase_of_the_passive():
    found = relations(analyse_text(
        "Halvard Paints reported results on Monday. Halvard Paints was founded in 1883 as the Bergen Plate Glass "
        "Company by Olav Strand and Nils Brekke."))
    assert {("Olav Strand", "founderOf", "Halvard Paints"), ("Nils Brekke", "founderOf", "Halvard Paints")} <= found


def test_a_place_and_its_state_before_based_are_no_company():
    result = analyse_text("Orvik Pharma said on Monday it would license the pill. The Kenilworth, New Jersey-based "
                          "company will make the drug.")
    assert "Kenilworth" not in {e.best_name for e in result.entities if e.names}

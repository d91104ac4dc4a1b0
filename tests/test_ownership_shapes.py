"""Ownership told in the shapes news uses beyond "X owns Y": a list of units, an apposition with the
owner's description, a coordinated subject of "are subsidiaries of", a sentence-opening "Its arm, Y"; and the shapes
that say it is over, not yet or never was ("no longer", "once owned", "planned", "fell through", "almost bought",
"bought ... and sold it"). Every text is a short article written for this project."""
from __future__ import annotations

import pytest
from factlib import analyse_text, relations

OPEN = "Tessaly Bank reported higher profits on Tuesday. "


@pytest.mark.parametrize("text,subsidiaries", [
    ("Tessaly Bank's subsidiaries include Halvik Kredit, Pellin Rail and Sandor Coke.",
     ["Halvik Kredit", "Pellin Rail", "Sandor Coke"]),
    ("Its units include: Halvik Kredit, the mortgage lender; Pellin Rail; and Sandor Coke.",
     ["Halvik Kredit", "Pellin Rail", "Sandor Coke"]),
    ("Halvik Kredit, the bank's mortgage subsidiary, grew fastest.", ["Halvik Kredit"]),
    ("Halvik Kredit and Pellin Rail are wholly owned subsidiaries of Tessaly Bank.", ["Halvik Kredit", "Pellin Rail"]),
    ("Its mortgage arm, Halvik Kredit, grew fastest.", ["Halvik Kredit"]),
    ("Halvik Kredit, majority owned by Tessaly Bank, lost money.", ["Halvik Kredit"]),
    ("Halvik Kredit has been owned by Tessaly Bank since 2015.", ["Halvik Kredit"]),
])
def test_ownership_in_other_shapes(text, subsidiaries):
    found = relations(analyse_text(OPEN + text))
    for name in subsidiaries:
        assert (name, "subsidiaryOf", "Tessaly Bank") in found


@pytest.mark.parametrize("text", [
    "Tessaly Bank no longer owns Halvik Kredit.",
    "Halvik Kredit is no longer owned by Tessaly Bank.",
    "Halvik Kredit was owned by Tessaly Bank until 2019.",
    "Its subsidiaries do not include Halvik Kredit.",
    "Its rivals include Halvik Kredit and Pellin Rail.",
    "Its subsidiaries could include Halvik Kredit next year.",
    "Tessaly Bank announced its planned purchase of Halvik Kredit from Orlan Group.",
    "Tessaly Bank's purchase of Halvik Kredit from Orlan Group fell through.",
    "Tessaly Bank agreed to its purchase of Halvik Kredit, pending regulatory approval.",
    "Halvik Kredit, which Tessaly Bank almost bought in 2015, makes loans.",
    "Tessaly Bank bought Halvik Kredit in 2001 and sold it in 2010.",
])
def test_ownership_over_not_yet_or_never_is_none(text):
    found = relations(analyse_text(OPEN + text))
    assert ("Halvik Kredit", "subsidiaryOf", "Tessaly Bank") not in found


def test_a_sale_by_someone_else_later_in_the_sentence_leaves_the_purchase():
    found = relations(analyse_text(
        OPEN + "Tessaly Bank bought Halvik Kredit for $3 billion in 2016, and Orlan Group has spent this year selling "
        "assets."))
    assert ("Halvik Kredit", "subsidiaryOf", "Tessaly Bank") in found


def test_once_owned_is_no_ownership_now_but_a_list_of_units_still_is():
    found = relations(analyse_text(OPEN + "Its subsidiaries include Halvik Kredit, which Orlan Group once owned."))
    assert ("Halvik Kredit", "subsidiaryOf", "Tessaly Bank") in found
    assert ("Halvik Kredit", "subsidiaryOf", "Orlan Group") not in found


def test_a_person_governing_a_clause_of_time_is_not_the_buyer():
    # "it" is the company the person left, not the person
    found = relations(analyse_text("Dana Kell left Halvorsen Motors when it bought Pellam Tools."))
    assert ("Pellam Tools", "subsidiaryOf", "Halvorsen Motors") in found


@pytest.mark.parametrize("text,apart", [
    ("Jordan Airlines reported losses. Jordan signed a trade deal with Egypt.", "Jordan"),  # a country
    ("Kell Foods reported profits. Kell, the chief executive, said the firm had grown.", "Kell"),  # a person
])
def test_a_short_name_that_is_someone_else_stays_apart(text, apart):
    result = analyse_text(text)
    assert any(apart in e.names and len(e.names) == 1 for e in result.entities if e.names)


@pytest.mark.parametrize("text,role", [
    ("Omnicom reported results. Omnicom's chairman is Bruce Crawford.", ("Bruce Crawford", "headOf", "Omnicom")),
    ("Omnicom reported results. Its chairman is Bruce Crawford.", ("Bruce Crawford", "headOf", "Omnicom")),
    ("Omnicom reported results. The chief executive of Omnicom is John Wren.", ("John Wren", "ceoOf", "Omnicom")),
    # "its" is the sentence's subject, not the company named last
    ("Omnicom, which is based in New York, was formed in 1986 when Brandt Media joined forces with Calder Digital; its "
     "chairman is Bruce Crawford.", ("Bruce Crawford", "headOf", "Omnicom")),
])
def test_a_title_told_by_a_copula_is_the_person_s(text, role):
    assert role in relations(analyse_text(text))


@pytest.mark.parametrize("text", [
    "Omnicom reported results. Its chairman was Bruce Crawford until 2010.",
    "Omnicom reported results. Its chairman is not Bruce Crawford.",
    "Omnicom reported results. Its biggest client is Dana Kell.",
])
def test_a_copula_of_a_past_role_or_no_title_gives_none(text):
    assert not any(s in ("Bruce Crawford", "Dana Kell") for s, _, _ in relations(analyse_text(text)))

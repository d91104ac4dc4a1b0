"""Subsidiaries told as a list after a colon or a "They include:" line (kg/extract/org_lists.py), and the lists that
say nothing of ownership. Every text is a short article written for this project.
"""
from __future__ import annotations

import pytest
from factlib import analyse_text, relations

BOUGHT = """Kestrel Holdings reported higher profits on Monday. The group has grown by buying. Kestrel Holdings has bought a string of European companies in recent years:

- Pirelli, the Milan tyre maker, last year;
- Adama, the Israeli maker of crop chemicals, which it controls;
- and Elkem, a Norwegian silicon producer.

Syngenta would be the largest of them."""

INCLUDE = """Google is changing how it is run. Alphabet holds the businesses that do not fit inside Google. They include:

- Calico, the longevity research company led by Arthur Levinson;
- Nest, the maker of connected thermostats run by Tony Fadell;
- Google Ventures and Google Capital, the group's investment arms.

Each of them has its own chief executive."""

OWNS = """Varden Group reported results on Tuesday. Varden Group owns three regional banks:

• Nordhavn Bank, in Aarhus;
• Kestrel Savings, in Odense.

Its shares rose."""


@pytest.mark.parametrize("text,subsidiaries,owner", [
    (BOUGHT, ("Pirelli", "Adama", "Elkem"), "Kestrel Holdings"),
    (INCLUDE, ("Calico", "Nest", "Google Ventures", "Google Capital"), "Alphabet"),
    (OWNS, ("Nordhavn Bank", "Kestrel Savings"), "Varden Group"),
])
def test_each_company_of_a_holding_list_is_a_subsidiary(text, subsidiaries, owner):
    found = relations(analyse_text(text))
    for name in subsidiaries:
        assert (name, "subsidiaryOf", owner) in found


@pytest.mark.parametrize("text,owner", [
    # a holding to come, a plan, a denial, a sale: none is a holding now
    (BOUGHT.replace("has bought", "will buy"), "Kestrel Holdings"),
    (BOUGHT.replace("has bought", "has agreed to buy"), "Kestrel Holdings"),
    (BOUGHT.replace("has bought", "has not bought"), "Kestrel Holdings"),
    (BOUGHT.replace("has bought", "has sold"), "Kestrel Holdings"),
    (INCLUDE.replace("Alphabet holds", "Alphabet will hold"), "Alphabet"),
    (OWNS.replace("owns", "competes with"), "Varden Group"),
    # verbs of holding or taking in another sense
    (BOUGHT.replace("has bought a string of European companies in recent years:", "has taken a number of companies "
                    "to court:"), "Kestrel Holdings"),
    (OWNS.replace("owns three regional banks:", "holds a host of companies to account:"), "Varden Group"),
    (BOUGHT.replace("in recent years:", "in the 1990s, and sold them later:"), "Kestrel Holdings"),
    # a short line after the holding sentence that introduces another list
    (INCLUDE.replace("They include:", "Its rivals include:"), "Alphabet"),
    (INCLUDE.replace("They include:", "Critics include:"), "Alphabet"),
    # the owner's shareholders own them, not the owner
    (OWNS.replace("Varden Group owns three", "Varden Group's shareholders own three"), "Varden Group"),
])
def test_a_list_of_companies_not_held_gives_no_subsidiary(text, owner):
    assert not [r for r in relations(analyse_text(text)) if r[1] == "subsidiaryOf" and r[2] == owner]


def test_a_list_after_a_sentence_that_names_its_object_is_no_holding_list():
    # "owns the shares of Nordhavn Bank:" names what it owns; the lines after are something else
    text = ("Varden Group owns the shares of Kestrel Bank. They include:\n\n- Nordhavn Bank, a rival lender;\n"
            "- Orlan Savings, another rival.\n\nThe group reported higher profits on Tuesday.")
    found = relations(analyse_text(text))
    assert ("Nordhavn Bank", "subsidiaryOf", "Varden Group") not in found
    assert ("Orlan Savings", "subsidiaryOf", "Varden Group") not in found


def test_the_list_ends_at_the_first_sentence():
    text = BOUGHT + " Orlan Energy, a rival, bought Vestas Wind last year."
    assert ("Orlan Energy", "subsidiaryOf", "Kestrel Holdings") not in relations(analyse_text(text))


def test_the_holder_is_that_of_the_clause_before_the_colon():
    text = ("Markets were quiet on Monday. Varden Group owns a number of companies, and Orlan Energy has bought a "
            "string of companies:\n\n- Nordhavn Bank;\n- Kestrel Savings.\n\nIts shares rose.")
    found = relations(analyse_text(text))
    assert ("Nordhavn Bank", "subsidiaryOf", "Varden Group") not in found

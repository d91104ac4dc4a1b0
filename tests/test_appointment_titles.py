"""Roles told by an appointment or a removal with a title: "removed X as its chairman" (the person held the title
in the organisation that removed them), "the board appointed X as chairman of Y" (the title names the
organisation, whoever appoints), and a title in a part of the organisation ("as head of its cloud division": the
person works for it, does not head it). Negated and hypothetical removals give nothing. Sentences written for
this project, with invented companies and people."""
from __future__ import annotations

import pytest
from factlib import analyse_text, relations

CASES = [
    # a removal tells the role held until then
    ("Veltrona Holdings removed Tobias Lindqvist as its chairman on Tuesday.",
     ("Tobias Lindqvist", "headOf", "Veltrona Holdings")),
    ("Kestrel Avionics ousted Mara Quist as chief executive after the audit.",
     ("Mara Quist", "ceoOf", "Kestrel Avionics")),
    ("Vorlan Shipping sacked Dorian Kell as its chief executive.",
     ("Dorian Kell", "ceoOf", "Vorlan Shipping")),
    ("Shareholders removed Ana Ferreira as chairman of Orsk Metals.",
     ("Ana Ferreira", "headOf", "Orsk Metals")),
    # the title names the organisation, whoever appoints
    ("The board appointed Tobias Lindqvist as chairman of Veltrona Holdings.",
     ("Tobias Lindqvist", "headOf", "Veltrona Holdings")),
    ("The government appointed Mara Quist as Kestrel Avionics' chief executive.",
     ("Mara Quist", "ceoOf", "Kestrel Avionics")),
    ("Veltrona Holdings appointed Dorian Kell as chairman of the board.",
     ("Dorian Kell", "headOf", "Veltrona Holdings")),
    # a wish that a role go on tells the role held
    ("Investors want Mara Quist to remain as chief executive of Kestrel Avionics.",
     ("Mara Quist", "ceoOf", "Kestrel Avionics")),
    ("Shareholders urged Tobias Lindqvist to step down as chairman of Veltrona Holdings.",
     ("Tobias Lindqvist", "headOf", "Veltrona Holdings")),
    # a title in a part of the company: works for it
    ("Veltrona Holdings named Ana Ferreira as head of its cloud division.",
     ("Ana Ferreira", "employeeOf", "Veltrona Holdings")),
]

NOT = [
    ("Veltrona Holdings named Ana Ferreira as head of its cloud division.",
     ("Ana Ferreira", "headOf", "Veltrona Holdings")),
    ("Veltrona Holdings did not remove Tobias Lindqvist as chairman.",
     ("Tobias Lindqvist", "headOf", "Veltrona Holdings")),
    ("Veltrona Holdings could oust Tobias Lindqvist as chairman next year.",
     ("Tobias Lindqvist", "headOf", "Veltrona Holdings")),
    # a proposal is someone's wish: no role yet, least of all in the one proposing
    ("Kestrel Avionics has proposed Mara Quist to take over as chief executive.",
     ("Mara Quist", "ceoOf", "Kestrel Avionics")),
    ("Veltrona Holdings wants Dorian Kell to take over as chief executive.",
     ("Dorian Kell", "ceoOf", "Veltrona Holdings")),
    # "dismissed X as" rejects a description; it removes no one
    ("Veltrona Holdings dismissed critic Dorian Kell as an amateur analyst.",
     ("Dorian Kell", "employeeOf", "Veltrona Holdings")),
    # no title: a firing says nothing of the role
    ("Veltrona Holdings fired Tobias Lindqvist.", ("Tobias Lindqvist", "headOf", "Veltrona Holdings")),
]


@pytest.mark.parametrize("text,fact", CASES)
def test_the_title_gives_the_role(text, fact):
    assert fact in relations(analyse_text(text))


@pytest.mark.parametrize("text,fact", NOT)
def test_no_role_where_none_is_held(text, fact):
    assert fact not in relations(analyse_text(text))

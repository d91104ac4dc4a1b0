"""Where a person is from, told by a phrase on the name: "Jackson Reed of Brookfield University", "Anna Berg, from
the Kiel Institute", "Tom Price at Capital Economics". A company or a government body employs them, a party has them
as a member, another organisation is an affiliation. Look-alikes: a country or a place is where someone is from; a
title's "of" phrase is a role (read elsewhere, not repeated). Sentences written for this project, invented names."""
from __future__ import annotations

import pytest
from factlib import analyse_text, relations


@pytest.mark.parametrize("text,triple", [
    ('"It is a cleaner tool," said Anna Berg, from the Kiel Institute.', ("Anna Berg", "affiliatedWith", "Kiel Institute")),
    ("Tom Price at Capital Economics expects a cut in March.", ("Tom Price", "employeeOf", "Capital Economics")),
    ("Jane Roe of the State Department declined to comment.", ("Jane Roe", "employeeOf", "US Department of State")),
    ("The deal is fragile, said Mira Holm of Nordvik Securities.", ("Mira Holm", "employeeOf", "Nordvik Securities")),
])
def test_a_phrase_on_the_name_says_where_the_person_works(text, triple):
    rels = relations(analyse_text(text))
    assert triple in rels, rels


@pytest.mark.parametrize("text", [
    "King Abdullah of Jordan met the envoy on Monday.",            # a country
    "Anna Berg from Hamburg said the port would reopen.",          # a place
    "Acme chief executive Tom Price of Acme Corp said profits rose.",  # a role already, not an employee too
])
def test_no_affiliation_from_a_place_or_a_role_told_already(text):
    rels = relations(analyse_text(text))
    assert not any(p in ("employeeOf", "affiliatedWith") for _, p, _ in rels), rels


@pytest.mark.parametrize("text", [
    "In a speech by Jan Holm at Brookfield University, the minister was criticised.",  # the speech's place
    "A letter to Jan Holm from the State Department was leaked.",                       # the letter's sender
    "A $5 million payment to Jan Holm from Kestrel Foods was disclosed.",
    "Jan Holm, formerly of Capital Economics, said the bank would cut rates.",          # no longer there
])
def test_a_phrase_of_the_event_around_the_name_is_no_affiliation(text):
    rels = relations(analyse_text(text))
    assert not any(p in ("employeeOf", "affiliatedWith") for _, p, _ in rels), rels

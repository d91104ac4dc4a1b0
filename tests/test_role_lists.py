"""One plural title for several people ("four intelligence officers: A, B, C and D", "A and B, two officers of
the border police"), and the officers of an agency or a company ("FSB officer X", "X, a colonel in the GRU", "its
chief information officer": employees, not heads). Sentences written for this project, with invented people."""
from __future__ import annotations

import pytest
from factlib import analyse_text, relations

PEOPLE = {"Dana Kell", "Omar Haddad", "Lise Brandt"}


@pytest.mark.parametrize("text", [
    "The EU listed three GRU officers: Dana Kell, Omar Haddad and Lise Brandt.",
    "- three GRU officers: Dana Kell, Omar Haddad and Lise Brandt;",
    "Dana Kell, Omar Haddad and Lise Brandt, three GRU officers, were named on Monday.",
    "The ministry named GRU officers Dana Kell, Omar Haddad and Lise Brandt.",
])
def test_a_plural_title_is_each_persons(text):
    found = relations(analyse_text(text))
    assert {(p, "employeeOf", "GRU") for p in PEOPLE} <= found, found


@pytest.mark.parametrize("text,want", [
    ("FSB officer Dana Kell was named.", ("Dana Kell", "employeeOf", "Federal Security Service")),
    ("Dana Kell, an FSB officer, was named.", ("Dana Kell", "employeeOf", "Federal Security Service")),
    ("Dana Kell, a colonel in the GRU, was named.", ("Dana Kell", "employeeOf", "GRU")),
    ("Dana Kell, chief information officer of Unilever, spoke.", ("Dana Kell", "employeeOf", "Unilever")),
    ("Unilever's chief marketing officer, Dana Kell, left.", ("Dana Kell", "employeeOf", "Unilever")),
])
def test_an_officer_works_for_the_body(text, want):
    found = relations(analyse_text(text))
    assert want in found, found
    assert not any(r[0] == want[0] and r[1] in ("headOf", "ceoOf") for r in found), found


@pytest.mark.parametrize("text", [
    # a colon after a person's own title, the people after it of another body
    "Dana Kell, a GRU officer, named the suspects: Omar Haddad and Lise Brandt.",
    # a plural title that is no organisation's
    "Three police officers: Omar Haddad, Lise Brandt and Dana Kell, were hurt.",
])
def test_a_plural_title_does_not_spread_past_its_people(text):
    found = relations(analyse_text(text))
    assert not {(p, "employeeOf", "GRU") for p in ("Omar Haddad", "Lise Brandt")} & found, found


@pytest.mark.parametrize("text,holds,held", [
    ("Varden Dairies replaced Dana Kell with Omar Haddad as chief executive on Sunday.", "Omar Haddad", "Dana Kell"),
    ("Varden Dairies replaces Dana Kell with Omar Haddad as chief executive", "Omar Haddad", "Dana Kell"),
])
def test_a_replacement_gives_the_title_to_the_one_put_in(text, holds, held):
    found = relations(analyse_text(text))
    assert (holds, "ceoOf", "Varden Dairies") in found and (held, "ceoOf", "Varden Dairies") in found, found


@pytest.mark.parametrize("text,person", [
    # a role to come is not held yet; a removal to come tells a role held now
    ("Varden Dairies will appoint Omar Haddad as chief executive next year.", "Omar Haddad"),
    ("Varden Dairies will replace Dana Kell with Omar Haddad as chief executive next year.", "Omar Haddad"),
    ("Varden Dairies is expected to replace Dana Kell with Omar Haddad as chief executive.", "Omar Haddad"),
    ("Varden Dairies hopes to replace Dana Kell with Omar Haddad as chief executive.", "Omar Haddad"),
    ("Varden Dairies replaced its old plant with a new one as part of the plan.", None),
])
def test_no_role_from_an_appointment_to_come(text, person):
    found = relations(analyse_text(text))
    assert not any(r[0] == person and r[1] in ("ceoOf", "headOf") for r in found), found


@pytest.mark.parametrize("text", [
    "Two activists were detained by GRU officers: Dana Kell and Omar Haddad.",
    "The list also names the wives of three GRU officers: Dana Kell, Omar Haddad and Lise Brandt.",
    "The court heard from witnesses who had met GRU officers: Dana Kell and Omar Haddad.",
    "Dana Kell and Omar Haddad, the sons of two GRU officers, were questioned.",
    "Dana Kell and Omar Haddad, two critics of the GRU officers, were questioned.",
])
def test_a_plural_title_inside_another_phrase_is_not_theirs(text):
    found = relations(analyse_text(text))
    assert not {(p, "employeeOf", "GRU") for p in ("Dana Kell", "Omar Haddad")} & found, found


def test_only_the_first_run_of_names_after_the_colon_holds_the_title():
    found = relations(analyse_text("Investigators named two GRU officers: Dana Kell and Omar Haddad, who poisoned "
                                   "Lise Brandt; the victims were Anna Berg and Ivo Marek."))
    assert {("Dana Kell", "employeeOf", "GRU"), ("Omar Haddad", "employeeOf", "GRU")} <= found, found
    assert not {(p, "employeeOf", "GRU") for p in ("Lise Brandt", "Anna Berg", "Ivo Marek")} & found, found

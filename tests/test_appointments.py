"""Appointments whose title the parser hung elsewhere, and titles owned by a body named before: "named X
chief executive", "appointed X acting chief executive", "Lina Khan, the agency's chair". Sentences written
for this project with invented companies and people (the body in the last shape is a real agency)."""
from __future__ import annotations

import pytest
from factlib import analyse_text, relations


@pytest.mark.parametrize("text,triple", [
    # the title after the object says what the object becomes, as an "as" phrase would
    ("Kestrel Foods named Mara Quist chief executive.", ("Mara Quist", "ceoOf", "Kestrel Foods")),
    ("Kestrel Foods named Mara Quist interim chief executive.", ("Mara Quist", "ceoOf", "Kestrel Foods")),
    ("Kestrel Foods appointed Mara Quist acting chief executive.", ("Mara Quist", "ceoOf", "Kestrel Foods")),
    ("Halvorsen Bank named Tobias Lindqvist chairman on Monday.", ("Tobias Lindqvist", "headOf", "Halvorsen Bank")),
    ("The board of Kestrel Foods named Mara Quist its chief executive.", ("Mara Quist", "ceoOf", "Kestrel Foods")),
    # a one-word company the parser read as a name with a reduced relative ("Kestrels named ...")
    ("Kestrels named Mara Quist as its next chief executive.", ("Mara Quist", "ceoOf", "Kestrels")),
    # a title owned by "the agency" is held in the body of that kind named before
    ("The FTC sued to block the deal. Dana Whitcomb, the agency's chair, said it would appeal.",
     ("Dana Whitcomb", "headOf", "Federal Trade Commission")),
])
def test_an_appointment_or_title_in_another_shape(text, triple):
    assert triple in relations(analyse_text(text))


@pytest.mark.parametrize("text", [
    "Voters named Mara Quist the winner of the prize.",  # no title
    "Kestrel Foods named its new dairy plant Lindqvist Park.",  # no person
])
def test_naming_without_a_title_gives_no_role(text):
    assert not relations(analyse_text(text))


@pytest.mark.parametrize("text,triple", [
    # the board "its" stands for: the organisation the text is about
    ("Kestrel Foods listed its shares on Monday. Its board is chaired by Mara Quist.",
     ("Mara Quist", "headOf", "Kestrel Foods")),
    ("Kestrel Foods said its board had met. Almhof Group said its board is chaired by Tobias Lindqvist.",
     ("Tobias Lindqvist", "headOf", "Almhof Group")),
])
def test_its_board_is_chaired_by(text, triple):
    assert triple in relations(analyse_text(text))

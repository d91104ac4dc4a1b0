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
    # "its chief executive" read as the name's apposition, or both read as predicates
    ("Kestrel Foods named Dana Kell its chief executive.", ("Dana Kell", "ceoOf", "Kestrel Foods")),
    ("Kestrel Foods appointed Dana Kell its chief executive on Monday.", ("Dana Kell", "ceoOf", "Kestrel Foods")),
    ("Deutsche Bank named Christian Sewing its chief executive on Sunday, ending a run of losses at Germany's "
     "largest lender.", ("Christian Sewing", "ceoOf", "Deutsche Bank")),
    # a one-word company the parser read as a name with a reduced relative ("Kestrels named ...")
    ("Kestrels named Mara Quist as its next chief executive.", ("Mara Quist", "ceoOf", "Kestrels")),
    # the title of the verb the person is named to do ("to succeed X as chief executive")
    ("Kestrel Foods named Mara Quist to succeed Tom Lund as chief executive.", ("Mara Quist", "ceoOf", "Kestrel Foods")),
    ("Kestrel Foods on Wednesday named Mara Quist, its finance chief, to replace Tom Lund as chief executive.",
     ("Mara Quist", "ceoOf", "Kestrel Foods")),
    # a title owned by "the agency" is held in the body of that kind named before
    ("The FTC sued to block the deal. Dana Whitcomb, the agency's chair, said it would appeal.",
     ("Dana Whitcomb", "headOf", "Federal Trade Commission")),
])
def test_an_appointment_or_title_in_another_shape(text, triple):
    assert triple in relations(analyse_text(text))


@pytest.mark.parametrize("text", [
    "Voters named Mara Quist the winner of the prize.",  # no title
    "Kestrel Foods named its new dairy plant Lindqvist Park.",  # no person
    "Kestrel Foods named Mara Quist to help Tom Lund as chief executive.",  # helping is holding no title
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


@pytest.mark.parametrize("text,triple", [
    # "the board" with no owner: that of the one company this and the two sentences before name
    ("Deutsche Bank named Christian Sewing its chief executive. The supervisory board, chaired by Paul Achleitner, met "
     "late in the day.", ("Paul Achleitner", "headOf", "Deutsche Bank")),
    ("Kestrel Foods reported higher sales. The board, chaired by Ann Marsh, approved a dividend.",
     ("Ann Marsh", "headOf", "Kestrel Foods")),
    # a body named a board, told before, is the board
    ("Kestrel Foods was fined by the Medicines Board. The board, chaired by Ann Marsh, said the fine was fair.",
     ("Ann Marsh", "headOf", "Medicines Board")),
])
def test_the_board_chaired_by(text, triple):
    assert triple in relations(analyse_text(text))


@pytest.mark.parametrize("text", [
    # two companies before: whose board is not said
    "Varden Oil bid for Kestrel Foods. The board, chaired by Ann Marsh, said the price was too low.",
    # the board of something else
    "Kestrel Foods met the regulator. The board of the regulator, chaired by Ann Marsh, said the fine was fair.",
    # a named person's description with a comma is no appointment ("sued X, its former chief executive")
    "Kestrel Foods hired Dana Kell, a lawyer, on Monday.",
    # a board of another kind, or of a government body named before
    "Kestrel Foods fell 3% on Monday. The parole board, chaired by Ann Marsh, met on Tuesday.",
    "Kestrel Foods wants to build a school. The school board, chaired by Ann Marsh, refused it.",
    "Mara Quist left Kestrel Foods last year to join the Federal Reserve. The board, chaired by Ann Marsh, raised rates.",
    # a title that is no post at the company
    "Kestrel Foods named Dana Kell its brand ambassador.",
])
def test_no_board_role_where_the_board_is_not_said(text):
    assert not [r for r in relations(analyse_text(text)) if r[0] in ("Ann Marsh", "Dana Kell")]

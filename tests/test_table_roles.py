"""Roles told by a table's rows: a cell with the person, a cell with the title, the organisation in the title's own
cell or in another cell of the row. A row is one sentence however many names it holds. A header row, a row with two
people, a title that is over or not begun ("until May", "former", "incoming") or a status cell that says so
("Leaving") states no role. Articles written for this project."""
from __future__ import annotations

import pytest
from factlib import relations

BODY = ("Kestrel Foods said on Monday that its board had chosen a new chief executive after the purchase of a rival "
        "dairy group was completed in Oslo last week.\n\nThe company, which makes cheese and yoghurt in four countries, "
        "said the change would take effect at once and that its strategy would not change.\n\n{table}\n\nAnalysts said "
        "the appointment had been expected for several months, and the shares rose in early trading in Oslo.\n")


def _table_relations(table: str, tmp_path) -> set:
    """The relations of a Markdown article holding the table, read by the real reader (which joins a row's cells)."""
    from kg.builder.analyse import analyse
    from kg.read.files import load_article

    path = tmp_path / "board.md"
    path.write_text("# Kestrel Foods names a new chief executive\n\n" + BODY.format(table=table), encoding="utf-8")
    (result,) = analyse([load_article(path)])
    return set(relations(result))


@pytest.mark.parametrize("table,triple", [
    ("| Company | Role | Person |\n|---|---|---|\n| Kestrel Foods | Chief executive | Dana Kell |\n"
     "| Kestrel Foods | Chair of the board | Omar Haddad |", ("Dana Kell", "ceoOf", "Kestrel Foods")),
    ("| Company | Role | Person |\n|---|---|---|\n| Kestrel Foods | Chief executive | Dana Kell |\n"
     "| Kestrel Foods | Chair of the board | Omar Haddad |", ("Omar Haddad", "headOf", "Kestrel Foods")),
    ("| Person | Role |\n|---|---|\n| Ivo Marek | chief financial officer of Kestrel Foods |\n"
     "| Anna Holm | Prime Minister of Norway |", ("Ivo Marek", "employeeOf", "Kestrel Foods")),
    ("| Person | Role |\n|---|---|\n| Ivo Marek | chief financial officer of Kestrel Foods |\n"
     "| Anna Holm | Prime Minister of Norway |", ("Anna Holm", "headOf", "Norwegian government")),
    # two titles in one cell, each with its organisation
    ("| Name | Post |\n|---|---|\n| Anna Holm | Prime Minister of Norway, leader of the Vardo Party |",
     ("Anna Holm", "headOf", "Norwegian government")),
    # a name a legal form closes is whole, whatever the model made of its first words
    ("| Company | Role | Person |\n|---|---|---|\n| Siemens Kestrel Energy AG | Chief executive | Lise Brandt |",
     ("Lise Brandt", "ceoOf", "Siemens Kestrel Energy AG")),
    # the title and the person in one cell, the company in another
    ("| Bidder | Boss |\n|---|---|\n| Varden Dairies (Oslo, Norway) | CEO: Jon Lund |",
     ("Jon Lund", "ceoOf", "Varden Dairies")),
])
def test_a_table_row_states_a_role(table, triple, tmp_path):
    found = _table_relations(table, tmp_path)
    assert triple in found, found


@pytest.mark.parametrize("table,person", [
    ("| Company | Role | Person |\n|---|---|---|\n| Varden Dairies | Chief executive (until May) | Lise Brandt |",
     "Lise Brandt"),
    ("| Person | Role |\n|---|---|\n| Lise Brandt | former chairman of Varden Dairies |", "Lise Brandt"),
    ("| Person | Role |\n|---|---|\n| Lise Brandt | incoming chief executive of Varden Dairies |", "Lise Brandt"),
    ("| Executive | Role | Status |\n|---|---|---|\n| Lise Brandt | Chief executive of Varden Dairies | Leaving |",
     "Lise Brandt"),
    # a column labelled as past, a closed term, a title not begun, a status cell in the past
    ("| Name | Former role | Company |\n|---|---|---|\n| Lise Brandt | Chief executive | Varden Dairies |",
     "Lise Brandt"),
    ("| Years | Person | Role | Company |\n|---|---|---|---|\n| 2009-2015 | Lise Brandt | Chief executive | "
     "Varden Dairies |", "Lise Brandt"),
    ("| Person | Role |\n|---|---|\n| Lise Brandt | Chief executive of Varden Dairies (from July) |", "Lise Brandt"),
    ("| Person | Role | Status |\n|---|---|---|\n| Lise Brandt | Chief executive of Varden Dairies | Stepped down |",
     "Lise Brandt"),
    # the company cell's name only partly recognised: which company the title is of is not known
    ("| Company | Role | Person |\n|---|---|---|\n| Siemens Kestrel Energy Partners | Chief executive | Lise Brandt |",
     "Lise Brandt"),
    ("| Company | Role | Person |\n|---|---|---|\n| Siemens Kestrel Energy Co-operative | Chief executive | Lise Brandt"
     " |", "Lise Brandt"),
    # two people in a row: which holds the title is not said
    ("| Buyer | Seller | Role |\n|---|---|---|\n| Lise Brandt | Ivo Marek | chief executive of Varden Dairies |",
     "Lise Brandt"),
])
def test_a_row_that_states_no_current_role(table, person, tmp_path):
    found = _table_relations(table, tmp_path)
    assert not any(s == person and p in ("ceoOf", "headOf") for s, p, _ in found), found


def test_a_table_row_is_one_sentence():
    from kg.nlp.pipeline import load_nlp

    doc = load_nlp()("Kestrel Foods said it had a new boss.\nKestrel Foods | Chair of the board | Omar Haddad\n"
                     "Varden Dairies | Chief executive (until May) | Lise Brandt\n")
    assert [s.text.strip() for s in doc.sents] == [
        "Kestrel Foods said it had a new boss.", "Kestrel Foods | Chair of the board | Omar Haddad",
        "Varden Dairies | Chief executive (until May) | Lise Brandt"]


def test_a_paragraph_with_a_bar_in_it_is_still_prose():
    from kg.nlp.pipeline import load_nlp

    doc = load_nlp()("Kestrel Foods said on Monday that it would close two plants in the north. The decision was "
                     "taken after months of talks with the unions and the regional government | Photo: Dana Kell\n")
    assert len(list(doc.sents)) >= 2


def test_a_key_value_table_whose_first_row_is_data(tmp_path):
    found = _table_relations("| Chief executive of Kestrel Foods | Dana Kell |\n|---|---|\n"
                             "| Chairman of Kestrel Foods | Omar Haddad |", tmp_path)
    assert {("Dana Kell", "ceoOf", "Kestrel Foods"), ("Omar Haddad", "headOf", "Kestrel Foods")} <= found, found


def test_a_row_with_two_people_is_read_by_the_words_around_each_name(tmp_path):
    found = _table_relations("| Deal | Leaders |\n|---|---|\n| Merger | Kestrel Foods chief executive Dana Kell and "
                             "Varden Dairies chairman Omar Haddad |", tmp_path)
    assert ("Dana Kell", "ceoOf", "Kestrel Foods") in found, found


def test_a_short_list_line_is_one_sentence():
    from kg.nlp.pipeline import load_nlp

    doc = load_nlp()("Among the 18 are:\nMykola Azarenko, prime minister until January\nDana Kell, his deputy\n")
    assert [s.text.strip() for s in doc.sents] == ["Among the 18 are:", "Mykola Azarenko, prime minister until January",
                                                  "Dana Kell, his deputy"]

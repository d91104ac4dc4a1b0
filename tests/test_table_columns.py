"""Facts told by a table's columns: a header of labels says what each column holds, and the readers keep a seat's or
a job title's label in each cell under it ("Kestrel Foods | headquarters: Oslo | Chief executive: Dana Kell"), so
that the row states the company's seat (kg/extract/table_roles.seats_of_row) and its chief's role, in Markdown and in
HTML pages alike, wherever the table stands in the article. Every text is a short article written for this project.
"""
from __future__ import annotations

import pytest
from factlib import relations

from kg.builder.analyse import analyse
from kg.read.article import parse_article_text, parse_html

TABLE = """| Company | Headquarters | Chief executive |
|---|---|---|
| Kestrel Foods | Oslo | Dana Kell |
| Varden Dairies | Bergen, Norway | Per Lund |
| Halberd Mills | San Ramon, California | Mike Osterberg |
"""

BODY = ("Kestrel Foods agreed on Monday to buy Varden Dairies for about 2 billion euros in cash, the companies said. "
        "The deal needs approval from regulators in Norway and Sweden.\n\n")

EXPECTED = {
    ("Dana Kell", "ceoOf", "Kestrel Foods"), ("Per Lund", "ceoOf", "Varden Dairies"),
    ("Mike Osterberg", "ceoOf", "Halberd Mills"), ("Kestrel Foods", "basedIn", "Norway"),
    ("Varden Dairies", "basedIn", "Norway"), ("Halberd Mills", "basedIn", "United States"),
}


def _facts(article) -> set[tuple[str, str, str]]:
    (result,) = analyse([article])
    return relations(result)


def _read(text: str) -> set[tuple[str, str, str]]:
    """The relations of a Markdown article, read as a file would be (its tables rendered)."""
    return _facts(parse_article_text("Deal\n\n" + text, source="t.md", file_name="t.md"))


def test_the_reader_keeps_the_labels_of_seat_and_title_columns():
    art = parse_article_text("Deal\n\n" + BODY + TABLE, source="t.md", file_name="t.md")
    rows = [line for line in art.text.split("\n") if " | " in line]
    assert rows[0] == "Kestrel Foods | headquarters: Oslo | Chief executive: Dana Kell"
    assert not any(line.startswith("Company |") for line in art.text.split("\n"))  # a header of labels names nothing


@pytest.mark.parametrize("where", ["middle", "end"])
def test_a_markdown_table_states_seats_and_roles(where):
    text = BODY + TABLE + "\nShares of Varden rose 12 percent.\n" if where == "middle" else \
        BODY + "Shares of Varden rose 12 percent.\n\n" + TABLE  # a table that ends the article is no teaser list
    found = _facts(parse_article_text("Deal\n\n" + text, source="t.md", file_name="t.md"))
    assert EXPECTED <= found


def test_an_html_table_states_seats_and_roles():
    cells = "".join(f"<tr><td>{a}</td><td>{b}</td><td>{c}</td></tr>" for a, b, c in (
        ("Kestrel Foods", "Oslo", "Dana Kell"), ("Varden Dairies", "Bergen, Norway", "Per Lund"),
        ("Halberd Mills", "San Ramon, California", "Mike Osterberg")))
    page = (f"<html><head><title>Deal</title></head><body><article><h1>Deal</h1><p>{BODY.strip()}</p>"
            "<table><thead><tr><th>Company</th><th>Headquarters</th><th>Chief executive</th></tr></thead>"
            f"<tbody>{cells}</tbody></table><p>Shares of Varden rose 12 percent in early trading in Oslo on "
            "Monday.</p></article></body></html>")
    assert EXPECTED <= _facts(parse_html(page, source="t.html", file_name="t.html"))


@pytest.mark.parametrize("table,absent", [
    # a past chief executive's column states no role now
    ("| Company | Former chief executive |\n|---|---|\n| Kestrel Foods | Dana Kell |\n", ("Dana Kell", "Kestrel Foods")),
    # columns of dates and prices state no seat and no role
    ("| Date | Offer | Price |\n|---|---|---|\n| March 2014 | Agreed deal | $65.00 |\n", None),
    # a market is no seat
    ("| Company | Main market |\n|---|---|\n| Kestrel Foods | Sweden |\n", ("Kestrel Foods", "Sweden")),
])
def test_other_columns_state_no_seat_and_no_current_role(table, absent):
    found = _read(BODY + table)
    if absent is None:
        assert not any(p == "basedIn" and o == "United States" for _, p, o in found)
    else:
        assert not any((s, o) == absent and p in ("ceoOf", "headOf", "basedIn") for s, p, o in found)


@pytest.mark.parametrize("table,wrong", [
    # a first column of regions or divisions names no company
    ("| Region | Headquarters | Chief executive |\n|---|---|---|\n| Europe | Paris | Dana Kell |\n",
     [("Dana Kell", "ceoOf", "Europe"), ("Europe", "basedIn", "France")]),
    ("| Division | Headquarters | Chief executive |\n|---|---|---|\n| Trucks | Stuttgart | Dana Kell |\n",
     [("Dana Kell", "ceoOf", "Trucks")]),
    # the chief of the row's company, not of its parent in another column
    ("| Company | Parent | Chief executive |\n|---|---|---|\n| Pellam Tools | Kestrel Foods | Dana Kell |\n",
     [("Dana Kell", "ceoOf", "Kestrel Foods")]),
    # a seat that is over
    ("| Company | Former headquarters |\n|---|---|\n| Kestrel Foods | Vienna |\n", [("Kestrel Foods", "basedIn", "Austria")]),
])
def test_columns_of_something_else_state_nothing_of_it(table, wrong):
    found = _read(BODY + table)
    assert not set(wrong) & found


def test_a_company_the_model_took_for_a_person_is_the_row_s_company():
    found = _read(BODY + "| Company | Headquarters | Chief executive |\n|---|---|---|\n"
                         "| Pellam Tools | Oslo, Norway | Dana Kell |\n| Riven Glass | Bergen | Per Lund |\n")
    assert {("Dana Kell", "ceoOf", "Pellam Tools"), ("Pellam Tools", "basedIn", "Norway"),
            ("Per Lund", "ceoOf", "Riven Glass")} <= found


def test_an_owner_column_states_subsidiaries():
    found = _read(BODY + "| Network | Owner today | Kind |\n|---|---|---|\n| Brandt Media | Orvane Group | creative agency |\n"
                         "| Calder Digital | Orvane Group | media buying |\n| Kestrel Ads | Halberd Holdings | digital |\n")
    assert {("Brandt Media", "subsidiaryOf", "Orvane Group"), ("Calder Digital", "subsidiaryOf", "Orvane Group"),
            ("Kestrel Ads", "subsidiaryOf", "Halberd Holdings")} <= found


def test_a_former_owner_column_states_no_subsidiary():
    found = _read(BODY + "| Network | Former owner |\n|---|---|\n| Brandt Media | Orvane Group |\n")
    assert ("Brandt Media", "subsidiaryOf", "Orvane Group") not in found

"""Dates: header dates normalised to ISO 8601, relative dates resolved against publication."""
from __future__ import annotations

import datetime as dt

import pytest

from kg.read.dates import (
    date_hints,
    find_date,
    find_header_date,
    find_header_dates,
    publication_date,
    resolve_date,
)

PUB = dt.date(2019, 11, 6)  # a Wednesday


@pytest.mark.parametrize(
    "text,iso",
    [
        ("13 September 2019", "2019-09-13"),
        ("September 12, 2019", "2019-09-12"),
        ("Sept. 12, 2019 10:05 AM", "2019-09-12"),
        ("13 September 2019PatentsRory Doyle", "2019-09-13"),
        ("Published at: **2019-11-06T19:05:00+00:00**", "2019-11-06T19:05:00+00:00"),
        ("2020-07-14T08:00:00Z", "2020-07-14T08:00:00+00:00"),
        ("2021-02-30", None),
        ("no date here", None),
    ],
)
def test_find_date(text, iso):
    found = find_date(text)
    assert (found.iso if found else None) == iso


@pytest.mark.parametrize(
    "phrase,value",
    [
        ("on Wednesday", "2019-11-06"),
        ("on Monday", "2019-11-04"),
        ("in May", "2019-05"),
        ("in December", "2018-12"),
        ("last month", "2019-10"),
        ("last year", "2018"),
        ("a year ago", "2018"),
        ("two months ago", "2019-09"),
        ("three days ago", "2019-11-03"),
        ("in 2018", "2018"),
        ("on May 2", "2019-05-02"),
        ("September 2020", "2020-09"),
    ],
)
def test_relative_dates_resolve_against_publication(phrase, value):
    resolved = resolve_date(phrase, PUB)
    assert resolved is not None and resolved.value == value
    assert resolved.text  # the original phrase is kept


def test_relative_date_without_publication_date_is_not_guessed():
    assert resolve_date("on Wednesday", None) is None
    assert resolve_date("in 2018", None).value == "2018"


@pytest.mark.parametrize(
    "text,iso",
    [
        # dotted: day first everywhere (Germany, most of Europe)
        ("28.02.2022", "2022-02-28"),
        ("Stand: 03.03.2022 10:12 Uhr", "2022-03-03"),
        # a part over 12 decides; then a time zone beside the date
        ("29/03/2022 7:48pm AEDT", "2022-03-29"),
        ("17/01/2022", "2022-01-17"),
        ("Posted 12/28/2024 10:15 JST by Haruto Mizuno", "2024-12-28"),
        ("07/10/2022 14:02 BST", "2022-10-07"),
        ("10/07/2022 9:30 AM EDT", "2022-10-07"),
        ("04/03/2022, 11:00 CET", "2022-03-04"),
        # written out, in English, German and French, inside a Markdown line of outlet and section
        ("Outlet · Business · 19 December 2023", "2023-12-19"),
        ("· June 17, 2022", "2022-06-17"),
        ("28. Februar 2022, 14:30 Uhr", "2022-02-28"),
        ("3 mars 2022", "2022-03-03"),
        ("Section: Manufacturing  //  Dec. 28, 2024", "2024-12-28"),
        ("17th of June 2022", "2022-06-17"),
        # year first, and a two-digit year after a slash
        ("2022/10/07", "2022-10-07"),
        ("12/05/22", "2022-05-12"),
        ("31/02/2022", None),
        ("version 1.2.3", None),
    ],
)
def test_find_header_date(text, iso):
    found = find_header_date(text)
    assert (found.iso if found else None) == iso


@pytest.mark.parametrize("hints,iso", [
    (dict(url="https://www.example.com.au/politics/1"), "2024-12-05"),
    (dict(url="https://news.example.co.uk/a"), "2024-12-05"),
    (dict(outlet="rhinerailjournal.de"), "2024-12-05"),
    (dict(lang="de-DE"), "2024-12-05"),
    (dict(url="https://www.example.us/a"), "2024-05-12"),
    (dict(lang="en-US"), "2024-05-12"),
    (dict(url="https://www.example.com/a"), "2024-12-05"),  # no hint: day first
])
def test_locale_hints_order_an_ambiguous_numeric_date(hints, iso):
    found = find_header_date("05/12/2024", date_hints(**hints))
    assert found.iso == iso
    assert found.how.startswith("day first" if iso.endswith("12-05") else "month first")


def test_a_time_zone_beats_the_site_locale():
    found = find_header_date("05/12/2024 9:30 AM EST", date_hints(url="https://www.example.co.uk/a"))
    assert found.iso == "2024-05-12" and found.how == "month first: time zone EST"


def test_published_beats_updated_on_one_line():
    line = "Jessica Ng — Updated 30 May 2024 07:05 BST · First published 29 May 2024 18:20 BST"
    dates = find_header_dates(line)
    assert [(d.iso, d.label) for d in dates] == [("2024-05-30", "updated"), ("2024-05-29", "published")]
    assert publication_date(dates).iso == "2024-05-29"
    assert publication_date(find_header_dates("20.10.2022, 18:47 CET (updated 21.10.2022, 09:10 CET)")).iso == \
        "2022-10-20"


def test_numeric_dates_are_not_read_in_sentences():
    assert find_date("Prices rose 1/2 point on 12/05/2022 after the deal.") is None

"""Dates: header dates normalised to ISO 8601, relative dates resolved against publication."""
from __future__ import annotations

import datetime as dt

import pytest

from kg.read.dates import find_date, resolve_date

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

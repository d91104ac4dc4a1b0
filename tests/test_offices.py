"""The dated offices data: which country a title without a country refers to."""
from __future__ import annotations

import datetime as dt

import pytest

from kg.knowledge.offices import office_country


@pytest.mark.parametrize("names,title,on,country", [
    ("Donald Trump", "President", dt.date(2019, 5, 16), "united-states"),
    (["Trump", "Donald Trump"], "former President", dt.date(2023, 3, 1), "united-states"),
    ("Emmanuel Macron", "President", None, "france"),
    ("Vladimir Putin", "Prime Minister", dt.date(2010, 6, 1), "russia"),
    ("Olaf Scholz", "Chancellor", dt.date(2023, 1, 1), "germany"),
    ("Rishi Sunak", "Chancellor", dt.date(2021, 3, 3), "united-kingdom"),
    ("Nicolas Maduro", "President", dt.date(2019, 1, 28), "venezuela"),  # without the accent
    ("Li Keqiang", "Premier", dt.date(2019, 1, 1), "china"),
])
def test_office_country(names, title, on, country):
    assert office_country(names, title, on) == country


@pytest.mark.parametrize("names,title", [
    ("Jane Unknown", "President"),        # not in the data
    ("Emmanuel Macron", "Prime Minister"),  # a title he never held
])
def test_unknown_person_or_title_gives_none(names, title):
    assert office_country(names, title, dt.date(2020, 1, 1)) is None


def test_every_office_names_a_known_country_and_valid_dates():
    from kg.knowledge.offices import _offices

    for offices in _offices().values():
        for o in offices:
            assert o.end is None or o.start < o.end, o

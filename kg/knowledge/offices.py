"""Offices held by well-known people, with dates (``kg/knowledge/data/gazetteer/offices.yaml``).

Answers "which country is President Trump head of in an article of 2019?" when the sentence does not
say, so that a title without a country is not guessed from the other countries an article mentions.
"""
from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass

from kg.errors import DataError
from kg.knowledge.datafiles import load_data
from kg.knowledge.gazetteer import load_gazetteer, normalize_name

_TITLE_SYNONYMS = {"pm": "prime minister", "premier": "premier", "chancellor": "chancellor"}


@dataclass(frozen=True)
class Office:
    name: str
    title: str
    country: str
    start: dt.date
    end: dt.date | None


def _title_key(title: str) -> str:
    t = normalize_name(title)
    for prefix in ("former ", "then ", "late ", "ex ", "incoming ", "outgoing "):
        if t.startswith(prefix):
            t = t[len(prefix):]
    return _TITLE_SYNONYMS.get(t, t)


@functools.lru_cache(maxsize=1)
def _offices() -> dict[str, tuple[Office, ...]]:
    raw = load_data("gazetteer/offices.yaml")
    where = "kg/knowledge/data/gazetteer/offices.yaml"
    if not isinstance(raw, list):
        raise DataError(f"{where} must be a YAML list of offices")
    gaz = load_gazetteer()
    out: dict[str, list[Office]] = {}
    for e in raw:
        if not isinstance(e, dict) or not all(k in e for k in ("name", "title", "country", "from")):
            raise DataError(f"{where}: entry {e!r} needs name, title, country and from")
        if e["country"] not in gaz.entries or gaz.entries[e["country"]].type != "Country":
            raise DataError(f"{where}: {e['country']!r} is not a country id of countries.yaml")
        start, end = e["from"], e.get("to")
        if not isinstance(start, dt.date) or (end is not None and not isinstance(end, dt.date)):
            raise DataError(f"{where}: from/to of {e['name']!r} must be dates (YYYY-MM-DD)")
        office = Office(str(e["name"]), _title_key(str(e["title"])), e["country"], start, end)
        out.setdefault(normalize_name(office.name), []).append(office)
    return {k: tuple(sorted(v, key=lambda o: o.start)) for k, v in out.items()}


def office_country(names, title: str, on: dt.date | None = None) -> str | None:
    """The country whose ``title`` the person known by one of ``names`` held on ``on``.

    ``title`` as written before the name ("President", "former Prime Minister"). With a date: the
    office held that day, else (a "former" title, or a date after the term) the latest office with that
    title that had begun by then. Without a date: the country when all the person's offices with that
    title are in one country. None when the person or title is not known or the answer is ambiguous.
    """
    if isinstance(names, str):
        names = [names]
    key = _title_key(title)
    offices: list[Office] = []
    for n in names:
        offices += [o for o in _offices().get(normalize_name(n), ()) if o.title == key and o not in offices]
    if not offices:
        return None
    if on is not None:
        held = {o.country for o in offices if o.start <= on and (o.end is None or on < o.end)}
        if len(held) == 1:
            return held.pop()
        begun = [o for o in offices if o.start <= on]
        if begun:
            return begun[-1].country
    countries = {o.country for o in offices}
    return countries.pop() if len(countries) == 1 else None


def is_known_officeholder(names) -> bool:
    """Whether any of ``names`` has an office in the data."""
    if isinstance(names, str):
        names = [names]
    return any(normalize_name(n) in _offices() for n in names)

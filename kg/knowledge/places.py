"""Cities and regions that place an organisation in a country (``kg/knowledge/data/gazetteer/places.yaml``).

Used by the basedIn extractor for "the Shenzhen-based drone maker" and "headquartered in Munich".
Places are never entities or actors; capitals stay metonyms in the country gazetteer.
"""
from __future__ import annotations

import functools

from kg.errors import DataError
from kg.knowledge.datafiles import load_data
from kg.knowledge.gazetteer import load_gazetteer


@functools.lru_cache(maxsize=1)
def _places() -> dict[str, str]:
    raw = load_data("gazetteer/places.yaml")
    where = "kg/knowledge/data/gazetteer/places.yaml"
    if not isinstance(raw, list):
        raise DataError(f"{where} must be a YAML list of {{country, places}} entries")
    gaz = load_gazetteer()
    out: dict[str, str] = {}
    for entry in raw:
        if not isinstance(entry, dict) or not isinstance(entry.get("country"), str) \
                or not isinstance(entry.get("places"), list):
            raise DataError(f"{where}: entry {entry!r} needs a country id and a list of places")
        cid = entry["country"]
        if cid not in gaz.entries or gaz.entries[cid].type != "Country":
            raise DataError(f"{where}: {cid!r} is not a country id of countries.yaml")
        for place in entry["places"]:
            out.setdefault(str(place), cid)
    return out


def country_of_place(name: str) -> str | None:
    """The country id of a city, region or capital name as written ("Shenzhen" -> "china"), else None."""
    name = name.strip()
    gaz = load_gazetteer()
    if name in gaz.capitals:
        return gaz.capitals[name]
    if name in _places():
        return _places()[name]
    entry = gaz.lookup(name, ("Country",))
    return entry.id if entry is not None else None

"""Cities and regions that place an organisation in a country (``kg/knowledge/data/gazetteer/places.yaml``).

Used by the basedIn extractor for "the Shenzhen-based drone maker" and "headquartered in Munich".
Places are never entities or actors; capitals stay metonyms in the country gazetteer.
"""
from __future__ import annotations

import functools

from kg.errors import DataError
from kg.knowledge.datafiles import data_text, load_data
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


@functools.lru_cache(maxsize=1)
def _cities() -> dict[str, tuple[tuple[str, int], ...]]:
    """{city name: ((country id, population), ...) most populous first} from ``gazetteer/cities.tsv``."""
    out: dict[str, list[tuple[str, int]]] = {}
    for n, line in enumerate(data_text("gazetteer/cities.tsv").split("\n"), 1):
        if line.startswith("#") or not line.strip():
            continue
        parts = line.split("\t")
        if len(parts) != 3 or not parts[2].isdigit():
            raise DataError(f"kg/knowledge/data/gazetteer/cities.tsv:{n}: expected 'name<TAB>country id<TAB>"
                            f"population', got {line.strip()!r}")
        out.setdefault(parts[0], []).append((parts[1], int(parts[2])))
    return {k: tuple(sorted(v, key=lambda cp: -cp[1])) for k, v in out.items()}


def _city_spellings(name: str) -> list[str]:
    """"St. Louis" / "Saint Louis" / "St Louis"; "Toyota City" (the city's own name is "Toyota")."""
    out = [name]
    for a, b in (("St. ", "Saint "), ("Saint ", "St. "), ("St ", "St. "), ("Ste. ", "Sainte "), ("Sainte ", "Ste. ")):
        if name.startswith(a):
            out.append(b + name[len(a):])
    if name.endswith(" City") and len(name) > 5:
        out.append(name[: -len(" City")])
    return out


def country_of_city(name: str, near: frozenset[str] | set[str] = frozenset()) -> str | None:
    """The country id of a city of 15,000 people or more (GeoNames) written ``name``: of the cities so named, the
    most populous in one of the countries ``near`` (those the article names); when none is there, the city of that
    name if all are in one country, else the most populous when it has three times the people of any namesake
    elsewhere ("Uxbridge": the English town); else None ("Hamilton", "Cambridge").

    Only for a name the text already calls a place ("X-based", "based in X", "the X seed group"): many cities
    share their name with a company (Nokia, Toyota, Reading), so this never makes a name a place by itself.
    """
    name = name.strip()
    for spelling in _city_spellings(name):
        found = _cities().get(spelling)
        if not found:
            continue
        here = next((cid for cid, _ in found if cid in near), None)
        if here is not None or len({cid for cid, _ in found}) == 1:
            return here or found[0][0]
        other = next(pop for cid, pop in found if cid != found[0][0])
        return found[0][0] if found[0][1] >= _DOMINANT * other else None  # "Reading": the English town
    return None


_DOMINANT = 3  # how many times the people of a city's namesakes elsewhere it must have to be meant alone

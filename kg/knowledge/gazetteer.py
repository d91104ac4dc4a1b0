"""The gazetteer: known countries, organisations and people, loaded from ``kg/knowledge/data/gazetteer``.

Each entry has a stable slug ``id``, a canonical ``name``, ``aliases`` and a type.
Countries also bring demonyms ("Chinese"), capitals used as metonyms ("Beijing")
and their national government as an actor ("US government"), which becomes a
GovernmentBody entry ``<country-id>-government`` with ``jurisdiction`` the
country. ``ministries.yaml`` gives every country a ministry per portfolio
("Finance Minister X" -> the country's Ministry of Finance): the body the
gazetteer lists, else a generated one. See ``kg/knowledge/data/gazetteer/README.md`` for the schema.
"""
from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from kg.errors import DataError
from kg.knowledge.datafiles import load_data, require_keys

ENTITY_TYPES = ("Person", "Company", "GovernmentBody", "Organization", "Country")
# the words around a portfolio in a ministry's or minister's name ("Ministry of Finance", "Finance Minister")
_MINISTRY_NOUNS = frozenset({"ministry", "minister", "department", "secretary", "office", "federal"})
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass(frozen=True)
class GazEntry:
    """One known entity."""

    id: str
    name: str
    type: str
    aliases: tuple[str, ...] = ()
    country: str | None = None  # headquarters / jurisdiction country id
    parent: str | None = None  # id of the government or company it belongs to
    ambiguous: bool = False


@dataclass(frozen=True)
class Gazetteer:
    """All known entities, and the lookup tables built from them."""

    entries: dict[str, GazEntry]
    by_alias: dict[str, tuple[str, ...]]  # normalised alias -> entry ids
    demonyms: dict[str, str]  # "Chinese" -> country id
    capitals: dict[str, str]  # "Beijing" -> country id
    country_names: frozenset[str] = field(default_factory=frozenset)
    portfolio_words: dict[str, str] = field(default_factory=dict)  # "foreign affairs" -> "foreign"
    ministries: dict[tuple[str, str], str | None] = field(default_factory=dict)  # (country id, portfolio) -> id
    _derived: dict[str, Any] = field(default_factory=dict, init=False, compare=False, repr=False)

    def derived(self, name: str, compute: Callable[[Gazetteer], Any]) -> Any:
        """A table derived from the entries (a surname index, fuzzy-match blocks), computed once per gazetteer.

        >>> gaz = load_gazetteer()
        >>> gaz.derived("sizes", lambda g: len(g.entries)) == gaz.derived("sizes", lambda g: -1)
        True
        """
        if name not in self._derived:
            self._derived[name] = compute(self)
        return self._derived[name]

    def lookup(self, name: str, types: tuple[str, ...] = ENTITY_TYPES) -> GazEntry | None:
        """The entry a surface form names, if exactly one entry of the given types has it."""
        ids = [i for i in self.by_alias.get(normalize_name(name), ()) if self.entries[i].type in types]
        return self.entries[ids[0]] if len(ids) == 1 else None

    def lookup_in_country(self, name: str, country_id: str, types: tuple[str, ...] = ENTITY_TYPES) -> GazEntry | None:
        """The entry a name denotes within one country ("Ministry of Commerce" of China -> MOFCOM).

        Tries the name itself among that country's entries, then the name qualified by
        the country's names and demonyms ("Chinese Ministry of Commerce").
        """
        key = normalize_name(name)
        hits = {i for i in self.by_alias.get(key, ()) if self.entries[i].country == country_id}
        if not hits:
            country = self.entries.get(country_id)
            qualifiers = [country.name, *country.aliases] if country else []
            qualifiers += [d for d, c in self.demonyms.items() if c == country_id]
            for q in qualifiers:
                hits.update(self.by_alias.get(normalize_name(f"{q} {name}"), ()))
        hits = {i for i in hits if self.entries[i].type in types}
        return self.entries[next(iter(hits))] if len(hits) == 1 else None

    def person_by_surname(self, word: str) -> GazEntry | None:
        """The one known person whose name ends in ``word`` ("Trump" -> Donald Trump), if unique."""
        ids = _surnames(self).get(normalize_name(word), ())
        return self.entries[ids[0]] if len(ids) == 1 else None

    def government_of(self, country_id: str) -> GazEntry | None:
        """The national government entry of a country."""
        return self.entries.get(f"{country_id}-government")

    def ministry_of(self, country_id: str, portfolio: str) -> GazEntry | None:
        """A country's ministry for a portfolio ("india", "finance" -> Ministry of Finance (India)).

        None when the country has no such ministry (``null`` in ``ministries.yaml``) or the
        portfolio is unknown.
        """
        gid = self.ministries.get((country_id, portfolio))
        return self.entries[gid] if gid else None

    def parse_portfolio(self, text: str) -> str | None:
        """The portfolio a ministry's or a minister's name states, if any.

        >>> load_gazetteer().parse_portfolio("Ministry of Foreign Affairs")
        'foreign'
        >>> load_gazetteer().parse_portfolio("Defence Ministry")
        'defence'
        """
        words = [w for w in normalize_name(text).split() if w not in _MINISTRY_NOUNS]
        while words and words[0] in ("of", "for", "the"):
            words.pop(0)
        return self.portfolio_words.get(" ".join(words))


@functools.lru_cache(maxsize=1 << 16)
def normalize_name(text: str) -> str:
    """Case-, accent- and punctuation-insensitive key of a name (keeps '&').

    Cached (bounded): the same names are normalised many times per article and across articles.

    >>> normalize_name("the U.S.  Commerce Department’s")
    'us commerce department'
    """
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = text.replace("’", "'")
    text = re.sub(r"'s$|'s\b", "", text)
    text = text.replace(".", "")
    text = re.sub(r"[^\w&]+", " ", text).strip()
    return re.sub(r"^the ", "", text)


def _entries_from(raw: object, fname: str, default_type: str | None) -> list[dict]:
    if not isinstance(raw, list):
        raise DataError(f"kg/knowledge/data/gazetteer/{fname} must be a YAML list of entries")
    for e in raw:
        if not isinstance(e, dict):
            raise DataError(f"kg/knowledge/data/gazetteer/{fname}: entry {e!r} is not a mapping")
        require_keys(e, ("id", "name"), where=f"kg/knowledge/data/gazetteer/{fname}")
        if default_type and "type" not in e:
            e = dict(e, type=default_type)
        if not _SLUG.match(str(e["id"])):
            raise DataError(f"kg/knowledge/data/gazetteer/{fname}: id {e['id']!r} is not a lowercase slug")
    return raw


@functools.lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """Load and validate the bundled gazetteer once.

    Raises:
        DataError: a file is malformed, an id repeats, or a reference does not resolve.
    """
    entries: dict[str, GazEntry] = {}
    demonyms: dict[str, str] = {}
    capitals: dict[str, str] = {}

    def add(entry: GazEntry) -> None:
        if entry.id in entries:
            raise DataError(f"gazetteer id {entry.id!r} is defined twice")
        if entry.type not in ENTITY_TYPES:
            raise DataError(f"gazetteer entry {entry.id!r}: type {entry.type!r} is not one of {', '.join(ENTITY_TYPES)}")
        entries[entry.id] = entry

    def aliases(e: dict, key: str = "aliases") -> tuple[str, ...]:
        vals = e.get(key) or []
        if not isinstance(vals, list):
            raise DataError(f"gazetteer entry {e['id']!r}: {key} must be a list")
        return tuple(str(a) for a in vals if len(str(a)) >= 2)

    for e in _entries_from(load_data("gazetteer/countries.yaml"), "countries.yaml", "Country"):
        cid = e["id"]
        add(GazEntry(cid, e["name"], "Country", aliases(e), country=cid, ambiguous=bool(e.get("ambiguous"))))
        gov_name = e.get("government") or f"{e['name']} government"
        add(
            GazEntry(
                f"{cid}-government", gov_name, "GovernmentBody",
                aliases(e, "government_aliases"), country=cid, parent=None,
            )
        )
        for d in aliases(e, "demonyms"):
            demonyms.setdefault(d, cid)
        for c in aliases(e, "capitals"):
            capitals.setdefault(c, cid)
    for e in _entries_from(load_data("gazetteer/organizations.yaml"), "organizations.yaml", None):
        require_keys(e, ("type",), where="kg/knowledge/data/gazetteer/organizations.yaml")
        add(
            GazEntry(
                e["id"], e["name"], e["type"], aliases(e),
                country=e.get("country"), parent=e.get("parent"), ambiguous=bool(e.get("ambiguous")),
            )
        )
    for e in _entries_from(load_data("gazetteer/people.yaml"), "people.yaml", "Person"):
        add(GazEntry(e["id"], e["name"], "Person", aliases(e), ambiguous=bool(e.get("ambiguous"))))

    portfolio_words, ministries = _add_ministries(entries, add)
    by_alias: dict[str, list[str]] = {}
    for entry in entries.values():
        for name in (entry.name, *entry.aliases):
            ids = by_alias.setdefault(normalize_name(name), [])
            if entry.id not in ids:
                ids.append(entry.id)
        if entry.country and entry.country not in entries:
            raise DataError(f"gazetteer entry {entry.id!r}: country {entry.country!r} is not a known id")
    # A government body whose parent is a country id belongs to that country's government.
    fixed = {}
    for entry in entries.values():
        parent = entry.parent
        if parent and parent not in entries:
            raise DataError(f"gazetteer entry {entry.id!r}: parent {parent!r} is not a known id")
        if parent and entries[parent].type == "Country":
            fixed[entry.id] = GazEntry(**{**entry.__dict__, "parent": f"{parent}-government", "country": entry.country or parent})
    entries.update(fixed)
    return Gazetteer(
        entries=entries,
        by_alias={k: tuple(v) for k, v in by_alias.items()},
        demonyms=demonyms,
        capitals=capitals,
        country_names=frozenset(
            normalize_name(n) for e in entries.values() if e.type == "Country" for n in (e.name, *e.aliases)
        ),
        portfolio_words=portfolio_words,
        ministries=ministries,
    )


def _add_ministries(entries: dict[str, GazEntry], add) -> tuple[dict[str, str], dict[tuple[str, str], str | None]]:
    """Read ``ministries.yaml``: portfolio words, and each country's ministry per portfolio.

    A country's body is the one the file names for it, else an entry already in the gazetteer
    under the generated id, else a generated GovernmentBody ``<country>-<portfolio>-ministry``
    named "<name> (<country>)", part of the country's government.
    """
    where = "kg/knowledge/data/gazetteer/ministries.yaml"
    raw = load_data("gazetteer/ministries.yaml")
    if not isinstance(raw, list):
        raise DataError(f"{where} must be a YAML list of portfolios")
    countries = [e for e in entries.values() if e.type == "Country"]
    words: dict[str, str] = {}
    ministries: dict[tuple[str, str], str | None] = {}
    for p in raw:
        if not isinstance(p, dict):
            raise DataError(f"{where}: entry {p!r} is not a mapping")
        require_keys(p, ("portfolio", "name", "words"), where=where)
        portfolio, bodies = str(p["portfolio"]), p.get("bodies") or {}
        if not _SLUG.match(portfolio) or not isinstance(p["words"], list) or not isinstance(bodies, dict):
            raise DataError(f"{where}: portfolio {portfolio!r} needs a slug, a list of words and a mapping of bodies")
        for w in p["words"]:
            key = normalize_name(str(w))
            if words.get(key, portfolio) != portfolio:
                raise DataError(f"{where}: word {w!r} names two portfolios, {words[key]!r} and {portfolio!r}")
            words[key] = portfolio
        for cid, gid in bodies.items():
            if cid not in entries or entries[cid].type != "Country":
                raise DataError(f"{where}: portfolio {portfolio!r}: {cid!r} is not a country id")
            if gid is not None and (gid not in entries or entries[gid].type != "GovernmentBody"):
                raise DataError(f"{where}: portfolio {portfolio!r}: body {gid!r} of {cid!r} is not a government body id")
        for country in countries:
            cid = country.id
            gid = bodies.get(cid, f"{cid}-{portfolio}-ministry")
            if gid is not None and gid not in entries:
                add(GazEntry(gid, f"{p['name']} ({country.name})", "GovernmentBody", country=cid, parent=cid))
            ministries[(cid, portfolio)] = gid
    return words, ministries


def _surnames(gaz: Gazetteer) -> dict[str, tuple[str, ...]]:
    return gaz.derived("surnames", _surname_index)


def _surname_index(gaz: Gazetteer) -> dict[str, tuple[str, ...]]:
    index: dict[str, list[str]] = {}
    for e in gaz.entries.values():
        if e.type == "Person":
            for name in (e.name, *e.aliases):
                words = normalize_name(name).split()
                if len(words) > 1 and e.id not in index.setdefault(words[-1], []):
                    index[words[-1]].append(e.id)
    return {k: tuple(v) for k, v in index.items()}

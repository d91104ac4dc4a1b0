"""A user's corrections file: judgements about entities that resolution obeys (``kg build --corrections FILE``).

Modelled on the judgements OpenSanctions' nomenklatura keeps for its resolver (a *positive* edge: these are
one entity; a *negative* one: never one entity), with three more that news needs. Each entry has a
``judgement``, a ``name`` (as the graph shows it: an ``rdfs:label`` or ``skos:altLabel``) and, for most, an
``other``:

==============  ====================================  ==============================================================
judgement       other                                 meaning
==============  ====================================  ==============================================================
``same``        another name                          the two are one entity (nomenklatura's positive judgement)
``not-same``    another name                          never one entity, whatever the resolver's rules say (negative)
``alias``       the entity's name                     ``name`` is also that entity; the node keeps its class and label
``type``        a class (``Company``, ``Person``...)  the entity named ``name`` is of that class
``not-entity``  (none)                                ``name`` is no entity: its mentions and their facts are dropped
==============  ====================================  ==============================================================

An optional ``note`` says why (kept, never read). A YAML file is a list of such mappings; a CSV file has a
header row naming the columns (``judgement,name,other,note``). Names are compared the way resolution
compares them (case, accents, punctuation, a leading "the" and corporate suffixes do not matter).

>>> c = parse_corrections("- judgement: not-entity\\n  name: NAND\\n", "fixes.yaml")
>>> c.entries[0].judgement, c.entries[0].name, c.entries[0].where
('not-entity', 'NAND', 'fixes.yaml:1')
"""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

import yaml

from kg.errors import InputError
from kg.knowledge.entity_rules import org_key
from kg.knowledge.gazetteer import ENTITY_TYPES, normalize_name

JUDGEMENTS = ("same", "not-same", "alias", "type", "not-entity")
FIELDS = ("judgement", "name", "other", "note")
SUFFIXES = {".yaml": "YAML", ".yml": "YAML", ".csv": "CSV"}
_PAIRED = ("same", "not-same")


@dataclass(frozen=True)
class Correction:
    """One judgement of a corrections file; ``where`` is ``FILE:LINE``, for messages and the report."""

    judgement: str
    name: str
    other: str | None = None
    note: str | None = None
    where: str = ""

    def to_dict(self) -> dict[str, str]:
        """The entry as the file writes it (``judgement``, ``name``, and ``other``/``note`` when set)."""
        out = {"judgement": self.judgement, "name": self.name}
        if self.other is not None:
            out["other"] = self.other
        if self.note:
            out["note"] = self.note
        return out

    def describe(self) -> str:
        """A one-line reading of the entry: ``same: 'Treasury' = 'US Department of the Treasury'``."""
        link = {"same": "=", "not-same": "≠", "alias": "→", "type": "is a"}.get(self.judgement)
        tail = f" {link} {self.other!r}" if self.judgement != "type" else f" is a {self.other}"
        return f"{self.judgement}: {self.name!r}" + (tail if link else "")

    def topic(self) -> tuple:
        """What the entry is about: two entries with one topic must agree (see :func:`check_agreement`)."""
        if self.judgement in _PAIRED:
            return ("pair", *sorted((name_key(self.name), name_key(self.other or ""))))
        return ("name", name_key(self.name))


@dataclass(frozen=True)
class Corrections:
    """The judgements of one file (or of a store's kept file and a new one), in file order."""

    entries: tuple[Correction, ...]
    source: str

    def __bool__(self) -> bool:
        return bool(self.entries)

    def to_yaml(self) -> str:
        """The corrections as a YAML corrections file (what a build keeps beside its store).

        >>> text = "judgement,name,other\\ntype,Activision Blizzard,company\\n"
        >>> print(parse_corrections(text, "x.csv", csv_text=True).to_yaml())
        - judgement: type
          name: Activision Blizzard
          other: Company
        <BLANKLINE>
        """
        return yaml.safe_dump([e.to_dict() for e in self.entries], sort_keys=False, allow_unicode=True,
                              width=1000)


def name_key(name: str) -> str:
    """How a correction's name is compared: normalised, corporate suffixes dropped.

    >>> name_key("the Calder Mining Co.")
    'calder mining'
    """
    return org_key(name)


def load_corrections(path: str | Path) -> Corrections:
    """Read and check a corrections file (``.yaml``, ``.yml`` or ``.csv``).

    Raises:
        InputError: the file is missing or unreadable, of another kind, or an entry is malformed; the
            message names the file, the line and the entry at fault, and what is allowed.
    """
    path = Path(path)
    kind = SUFFIXES.get(path.suffix.lower())
    if kind is None:
        raise InputError(f"corrections file {path}: name it .yaml, .yml or .csv (a YAML list, or a CSV with "
                         f"the header {','.join(FIELDS)})")
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InputError(f"corrections file {path} not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"corrections file {path} cannot be read: {exc}") from exc
    return parse_corrections(text, str(path), csv_text=kind == "CSV")


def parse_corrections(text: str, source: str, *, csv_text: bool = False) -> Corrections:
    """Parse and check the text of a corrections file (YAML, or CSV with ``csv_text``).

    Raises:
        InputError: an entry is malformed, or two entries contradict each other.
    """
    rows = _csv_rows(text, source) if csv_text else _yaml_rows(text, source)
    entries = tuple(_check_entry(raw, f"{source}:{line}") for line, raw in rows)
    check_agreement(entries)
    return Corrections(entries=entries, source=source)


def _yaml_rows(text: str, source: str) -> list[tuple[int, object]]:
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise InputError(f"corrections file {source} is not valid YAML: {exc}") from exc
    if data is None:
        return []
    if not isinstance(data, list):
        raise InputError(f"corrections file {source}: expected a YAML list of entries "
                         f"(- judgement: same ...), found a {type(data).__name__}")
    return [(node.start_mark.line + 1, raw) for node, raw in zip(root.value, data)]


def _csv_rows(text: str, source: str) -> list[tuple[int, object]]:
    reader = csv.reader(io.StringIO(text))
    header = None
    rows = []
    for cells in reader:
        if not any(c.strip() for c in cells) or cells[0].lstrip().startswith("#"):
            continue
        if header is None:
            header = [c.strip().lower() for c in cells]
            unknown = [c for c in header if c not in FIELDS]
            if unknown or "judgement" not in header or "name" not in header:
                raise InputError(f"{source}:{reader.line_num}: the header row must name the columns "
                                 f"judgement and name (and other, note); found {','.join(cells)}")
            continue
        if len(cells) > len(header):
            raise InputError(f"{source}:{reader.line_num}: {len(cells)} cells for {len(header)} columns "
                             f"({','.join(header)}); quote a name that holds a comma")
        rows.append((reader.line_num, {k: v for k, v in zip(header, cells) if v.strip()}))
    return rows


def _check_entry(raw: object, where: str) -> Correction:
    """One entry, checked: every message names the entry and says what is allowed."""
    if not isinstance(raw, dict):
        raise InputError(f"{where}: an entry is a mapping with judgement, name and other; found {raw!r}")
    unknown = sorted(str(k) for k in raw if k not in FIELDS)
    if unknown:
        raise InputError(f"{where}: unknown field {unknown[0]!r} in {raw!r}; the fields are {', '.join(FIELDS)}")
    values = {}
    for key, value in raw.items():
        if value is not None and (isinstance(value, bool) or not isinstance(value, str | int | float)):
            raise InputError(f"{where}: {key} must be text, found {value!r} (put a name YAML reads as "
                             f"yes/no or a list in quotes)")
        values[key] = None if value is None else str(value).strip() or None
    judgement = (values.get("judgement") or "").lower()
    if judgement not in JUDGEMENTS:
        found = f"{values.get('judgement')!r}" if values.get("judgement") else "none"
        raise InputError(f"{where}: judgement {found} is not one of: {', '.join(JUDGEMENTS)}")
    name, other = values.get("name"), values.get("other")
    if not name or not normalize_name(name):
        raise InputError(f"{where}: {judgement} needs a name (the entity's label or alias as the graph shows it)")
    if judgement == "not-entity":
        if other:
            raise InputError(f"{where}: not-entity takes no other (found {other!r}); to merge names use same")
    elif not other or not normalize_name(other):
        needs = {"type": f"a class in other (one of {', '.join(ENTITY_TYPES)})",
                 "alias": "the entity's name in other"}.get(judgement, "the other name in other")
        raise InputError(f"{where}: {judgement} {name!r} needs {needs}")
    elif judgement == "type":
        classes = {t.lower(): t for t in ENTITY_TYPES}
        if other.lower() not in classes:
            raise InputError(f"{where}: type {other!r} for {name!r} is not one of: {', '.join(ENTITY_TYPES)}")
        other = classes[other.lower()]
    elif name_key(name) == name_key(other):
        raise InputError(f"{where}: {judgement} names {name!r} twice; give two different names")
    return Correction(judgement=judgement, name=name, other=other, note=values.get("note"), where=where)


def check_agreement(entries: tuple[Correction, ...] | list[Correction]) -> None:
    """Refuse two entries about one thing that disagree (``same`` and ``not-same`` of one pair, two classes
    for one name, one alias of two entities, ``not-entity`` and anything else for one name).

    Raises:
        InputError: naming both entries.
    """
    seen: dict[tuple, Correction] = {}
    names: dict[str, Correction] = {}
    for entry in entries:
        first = seen.setdefault(entry.topic(), entry)
        if _disagree(first, entry):
            raise InputError(f"{entry.where}: {entry.describe()} contradicts {first.where}: {first.describe()}; "
                             f"keep one of them")
        for name in (entry.name, entry.other if entry.judgement in ("same", "not-same", "alias") else None):
            if name is None:
                continue
            earlier = names.setdefault(name_key(name), entry)
            if (earlier.judgement == "not-entity") != (entry.judgement == "not-entity"):
                raise InputError(f"{entry.where}: {entry.describe()} contradicts {earlier.where}: "
                                 f"{earlier.describe()}; a name that is no entity cannot be judged otherwise")


def _disagree(a: Correction, b: Correction) -> bool:
    if a.judgement in _PAIRED or b.judgement in _PAIRED:
        return a.judgement != b.judgement
    if a.judgement != b.judgement:
        return a.judgement == "not-entity" or b.judgement == "not-entity"
    return a.judgement in ("type", "alias") and name_key(a.other or "") != name_key(b.other or "")


def merge_corrections(kept: Corrections, given: Corrections) -> tuple[Corrections, list[Correction]]:
    """The judgements a store keeps, updated with a new file's: a new entry replaces a kept one it
    contradicts (the later judgement wins), and repeats a kept one only once.

    Returns:
        The merged corrections (kept first, in their order) and the kept entries that were replaced.
    """
    replaced, out = [], []
    for old in kept.entries:
        clash = next((new for new in given.entries if _overrides(new, old)), None)
        if clash is not None:
            replaced.append(old)
        elif not any(new.topic() == old.topic() and new.to_dict() == old.to_dict() for new in given.entries):
            out.append(old)
    return Corrections(entries=(*out, *given.entries), source=given.source or kept.source), replaced


def _overrides(new: Correction, old: Correction) -> bool:
    if new.topic() == old.topic() and _disagree(old, new):
        return True
    old_names = {name_key(old.name)} | ({name_key(old.other)} if old.other and old.judgement != "type" else set())
    new_names = {name_key(new.name)} | ({name_key(new.other)} if new.other and new.judgement != "type" else set())
    return (old.judgement == "not-entity") != (new.judgement == "not-entity") and bool(old_names & new_names)

"""Event kinds as data: ``kg/knowledge/data/kinds.yaml``, loaded once and validated.

Each kind (offer, sanction, relief, ...) says which kg: class its nodes have, under which IRI path they are
minted, which slots its facts carry and which kg: property each slot writes, which slot acts and which
participant reports of one event share, how reports merge, how its node is labelled, which named hooks add
extras, and how the report and the view show it. The code that resolves, writes, reads back and draws events
iterates these records; it never names a kind. A wrong key, a slot a label does not have, or a class or
property that is not in the ontology is a :class:`~kg.errors.DataError` naming the file and the key.

>>> kinds = load_kinds()
>>> list(kinds)[:3]
['offer', 'sanction', 'relief']
>>> kinds["sanction"].cls, kinds["sanction"].agent, kinds["sanction"].slot("targets").property
('Sanction', 'imposed_by', 'target')
"""
from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from kg.errors import DataError
from kg.knowledge.datafiles import load_data
from kg.vocab import KG

FILE = "kg/knowledge/data/kinds.yaml"

# {slot}, {slot|fallback}, {slot:orgs}: a field of a label template; [...]: a part left out when a slot in it
# has no value
LABEL_FIELD = re.compile(r"\{(\w+)(?::(\w+))?(?:\|([^{}]*))?\}")
LABEL_OPTIONAL = re.compile(r"\[([^\[\]]*)\]")
LABEL_MODIFIERS = frozenset({"orgs"})

_KEYS = {"class", "path", "prefix", "slots", "agent", "shared", "merge", "label", "hooks", "report", "view"}
_REQUIRED = ("class", "path", "slots", "agent", "merge", "label", "report", "view")
_SLOT_KEYS = {"property", "entities", "limit"}
_REPORT_KEYS = ("events", "mentions", "summary")
_PATH = re.compile(r"^[a-z][a-z0-9-]*$")


@dataclass(frozen=True)
class Slot:
    """One slot of an event kind: the kg: property it writes and whether it holds entities or a literal."""

    name: str
    property: str  # local name of a kg: property
    entities: bool  # local entity ids (a tuple), else a literal (a string)
    limit: int = 2000  # longest literal written


@dataclass(frozen=True)
class EventKind:
    """One entry of ``kinds.yaml``."""

    name: str
    cls: str  # local name of its kg: class
    path: str  # IRI path segment
    prefix: bool  # declare ``<path>:`` in every Turtle/TriG output
    slots: tuple[Slot, ...]
    agent: str
    shared: str | None
    merge: Mapping[str, Any]  # the policy and its parameters (checked by kg.resolve.events)
    label: str  # label template
    hooks: Mapping[str, Mapping[str, Any]]  # hook name -> parameters (checked by kg.rdf.writer)
    report_events: str
    report_mentions: str
    summary: str
    view: Mapping[str, Any]  # legend and edge styles (checked by kg.view.style)

    def slot(self, name: str) -> Slot:
        """The slot called ``name``.

        Raises:
            KeyError: the kind has no such slot (the message lists its slots).
        """
        for s in self.slots:
            if s.name == name:
                return s
        raise KeyError(f"{self.name} has no slot {name!r}; its slots: {', '.join(s.name for s in self.slots)}")

    def has_slot(self, name: str) -> bool:
        return any(s.name == name for s in self.slots)

    @property
    def entity_slots(self) -> tuple[Slot, ...]:
        return tuple(s for s in self.slots if s.entities)

    @property
    def literal_slots(self) -> tuple[Slot, ...]:
        return tuple(s for s in self.slots if not s.entities)


@functools.lru_cache(maxsize=1)
def load_kinds() -> dict[str, EventKind]:
    """Every event kind of ``kinds.yaml``, in file order, validated (once per process).

    Raises:
        DataError: the file is missing or malformed (the message names the kind and key).
    """
    return parse_kinds(load_data("kinds.yaml"))


def parse_kinds(raw: Any, *, where: str = FILE) -> dict[str, EventKind]:
    """Validate the parsed YAML of ``kinds.yaml`` and turn it into :class:`EventKind` records.

    Raises:
        DataError: naming the kind and key that is wrong and what was expected.
    """
    if not isinstance(raw, dict) or not raw:
        raise DataError(f"{where}: expected a mapping of event kinds")
    kinds = {str(name): parse_kind(str(name), spec, where=where) for name, spec in raw.items()}
    for owner, what in (("class", lambda k: k.cls), ("path", lambda k: k.path)):
        seen: dict[str, str] = {}
        for k in kinds.values():
            if what(k) in seen:
                raise DataError(f"{where}: {k.name}.{owner} {what(k)!r} is already the {owner} of {seen[what(k)]}")
            seen[what(k)] = k.name
    for k in kinds.values():
        for hook, params in k.hooks.items():
            other = params.get("kind")
            if other is not None and other not in kinds:
                raise DataError(f"{where}: {k.name}.hooks.{hook}.kind {other!r} is not one of: {', '.join(kinds)}")
    return kinds


def parse_kind(name: str, spec: Any, *, where: str = FILE) -> EventKind:
    """One kind's entry, validated."""
    at = f"{where}: {name}"
    if not isinstance(spec, dict):
        raise DataError(f"{at}: expected a mapping")
    unknown = set(spec) - _KEYS
    if unknown:
        raise DataError(f"{at}: unknown key {sorted(unknown)[0]!r}; the keys are: {', '.join(sorted(_KEYS))}")
    missing = [k for k in _REQUIRED if k not in spec]
    if missing:
        raise DataError(f"{at}: {missing[0]} is missing")
    cls = _term(spec["class"], f"{at}.class")
    path = spec["path"]
    if not isinstance(path, str) or not _PATH.match(path):
        raise DataError(f"{at}.path: {path!r} is not a lowercase path segment")
    slots = tuple(_slot(sname, sspec, f"{at}.slots.{sname}") for sname, sspec in _mapping(spec["slots"], f"{at}.slots").items())
    if not slots:
        raise DataError(f"{at}.slots: a kind needs at least one slot")
    names = [s.name for s in slots]
    props = [s.property for s in slots if s.entities]
    if len(set(props)) < len(props):
        raise DataError(f"{at}.slots: two entity slots write the same property (they could not be read back apart)")
    for key in ("agent", "shared"):
        value = spec.get(key)
        if value is None and key == "shared":
            continue
        if value not in names or not next(s for s in slots if s.name == value).entities:
            raise DataError(f"{at}.{key}: {value!r} is not one of its entity slots: "
                            + ", ".join(s.name for s in slots if s.entities))
    merge = _mapping(spec["merge"], f"{at}.merge")
    if not isinstance(merge.get("policy"), str):
        raise DataError(f"{at}.merge: policy is missing")
    for key in ("signature", "words"):
        if key in merge and (merge[key] not in names or next(s for s in slots if s.name == merge[key]).entities):
            raise DataError(f"{at}.merge.{key}: {merge[key]!r} is not one of its literal slots")
    label = spec["label"]
    if not isinstance(label, str):
        raise DataError(f"{at}.label: expected a template string")
    check_label(label, names, f"{at}.label")
    hooks = {str(h): MappingProxyType(dict(p or {})) for h, p in _mapping(spec.get("hooks") or {}, f"{at}.hooks").items()}
    report = _mapping(spec["report"], f"{at}.report")
    for key in _REPORT_KEYS:
        if not isinstance(report.get(key), str) or not report[key]:
            raise DataError(f"{at}.report.{key} is missing")
    view = _mapping(spec["view"], f"{at}.view")
    for prop in _mapping(view.get("edges") or {}, f"{at}.view.edges"):
        _term(prop, f"{at}.view.edges")
    return EventKind(
        name=name, cls=cls, path=path, prefix=bool(spec.get("prefix", False)), slots=slots, agent=spec["agent"],
        shared=spec.get("shared"), merge=MappingProxyType(merge), label=label, hooks=MappingProxyType(hooks),
        report_events=report["events"], report_mentions=report["mentions"], summary=report["summary"],
        view=MappingProxyType(view))


def check_label(template: str, slots: list[str], where: str) -> None:
    """Every field of a label template names a slot and a known modifier.

    Raises:
        DataError: an unknown slot or modifier.
    """
    for m in LABEL_FIELD.finditer(template):
        if m.group(1) not in slots:
            raise DataError(f"{where}: {{{m.group(1)}}} is not one of its slots: {', '.join(slots)}")
        if m.group(2) and m.group(2) not in LABEL_MODIFIERS:
            raise DataError(f"{where}: modifier {m.group(2)!r} is not one of: {', '.join(sorted(LABEL_MODIFIERS))}")


def _slot(name: str, spec: Any, where: str) -> Slot:
    spec = _mapping(spec, where)
    unknown = set(spec) - _SLOT_KEYS
    if unknown:
        raise DataError(f"{where}: unknown key {sorted(unknown)[0]!r}; the keys are: {', '.join(sorted(_SLOT_KEYS))}")
    if "property" not in spec:
        raise DataError(f"{where}: property is missing")
    limit = spec.get("limit", 2000)
    if not isinstance(limit, int) or isinstance(limit, bool) or limit < 1:
        raise DataError(f"{where}.limit: {limit!r} is not a positive number of characters")
    return Slot(name=name, property=_term(spec["property"], f"{where}.property"), entities=bool(spec.get("entities")),
                limit=limit)


def _term(value: Any, where: str) -> str:
    """A local name of the closed kg: vocabulary (so of ontology.ttl)."""
    if not isinstance(value, str):
        raise DataError(f"{where}: expected a kg: term, found {value!r}")
    try:
        KG[value]
    except AttributeError as exc:
        raise DataError(f"{where}: {value!r} is not a kg: term of ontology.ttl (add it there and to kg/vocab.py)") from exc
    return value


def _mapping(value: Any, where: str) -> dict:
    if not isinstance(value, dict):
        raise DataError(f"{where}: expected a mapping, found {type(value).__name__}")
    return value


def kind_of_class(kinds: Mapping[str, EventKind], cls: str) -> EventKind | None:
    """The kind whose nodes have the kg: class ``cls`` (a local name), if any."""
    return next((k for k in kinds.values() if k.cls == cls), None)

"""View styles: colours, shapes, relation labels and layout thresholds, read from ``kg/knowledge/data/view.yaml`` and validated.

Event kinds are drawn as their entry of ``kinds.yaml`` says (``view``: label, colour, shape, edges), at the
place ``view.yaml`` marks with ``{from: kinds.yaml}``: a new kind needs no change here or in view.yaml.
"""
from __future__ import annotations

import functools
import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass

from kg.errors import DataError
from kg.knowledge.datafiles import load_data, require_keys
from kg.knowledge.kinds import load_kinds
from kg.vocab import KG

log = logging.getLogger(__name__)


SHAPES = frozenset({"dot", "square", "diamond", "triangle", "triangleDown", "star", "hexagon"})


COLOR = re.compile(r"^#[0-9A-Fa-f]{6}$")


@dataclass(frozen=True)
class ClassStyle:
    """How one node class is drawn."""

    term: str
    label: str
    color: str
    shape: str
    visible: bool
    event: bool
    listed: bool = True  # in the legend even when the graph has none (else only when it has one)


@dataclass(frozen=True)
class RelationStyle:
    """How one relation (a kg: object property) is drawn."""

    name: str
    label: str
    color: str
    reverse: bool = False


@dataclass(frozen=True)
class ViewStyle:
    """Everything in ``kg/knowledge/data/view.yaml``, validated."""

    classes: tuple[ClassStyle, ...]
    relations: Mapping[str, RelationStyle]
    details: tuple[tuple[str, str], ...]  # (kg: property, label) of the literals shown as a node's details
    default_relation_color: str
    size_min: int
    size_max: int
    size_by: str
    large_graph_nodes: int
    slow_graph_nodes: int
    iterations_small: int
    iterations_large: int
    max_label_chars: int

    def relation(self, name: str) -> RelationStyle:
        """The style of relation ``name`` (a local name), with a default for unlisted ones."""
        return self.relations.get(name) or RelationStyle(name, name, self.default_relation_color)


@functools.cache
def load_style() -> ViewStyle:
    """Load and validate ``kg/knowledge/data/view.yaml``.

    Raises:
        DataError: a missing key, an unknown class or shape, or a colour that is not ``#RRGGBB``.
    """
    raw = load_data("view.yaml")
    require_keys(raw, ("classes", "relations", "details", "size", "large_graph_nodes", "stabilization_iterations"),
                 where="kg/knowledge/data/view.yaml")
    kinds = load_kinds().values()
    classes = tuple(style for entry in raw["classes"] for style in (
        [kind_class_style(k.cls, k.view) for k in kinds] if entry == FROM_KINDS else [parse_class_style(entry)]))
    relations = {name: parse_relation_style(name, entry) for name, entry in raw["relations"].items()}
    for kind in kinds:
        for name, entry in (kind.view.get("edges") or {}).items():
            edge = parse_relation_style(name, entry, where=f"kg/knowledge/data/kinds.yaml {kind.name}.view.edges")
            if relations.get(name, edge) != edge:
                raise DataError(f"kg/knowledge/data/kinds.yaml: {kind.name}.view.edges.{name} is styled already "
                                "(in view.yaml or by another kind); style a property in one place")
            relations[name] = edge
    size, iters = raw["size"], raw["stabilization_iterations"]
    if size.get("default_by", "degree") not in ("degree", "sources"):
        raise DataError("kg/knowledge/data/view.yaml: size.default_by must be one of: degree, sources")
    return ViewStyle(
        classes=classes, relations=relations, details=parse_details(raw["details"], kinds),
        default_relation_color=check_color(raw.get("default_relation_color", "#9E9E9E"), "default_relation_color"),
        size_min=int(size["min"]), size_max=int(size["max"]), size_by=size.get("default_by", "degree"),
        large_graph_nodes=int(raw["large_graph_nodes"]), slow_graph_nodes=int(raw.get("slow_graph_nodes", 10000)),
        iterations_small=int(iters["small"]), iterations_large=int(iters["large"]),
        max_label_chars=int(raw.get("max_label_chars", 40)),
    )


FROM_KINDS = {"from": "kinds.yaml"}  # the entry of view.yaml that stands for the event kinds of kinds.yaml


def parse_class_style(entry: dict, *, where: str = "kg/knowledge/data/view.yaml classes") -> ClassStyle:
    require_keys(entry, ("term", "label", "color", "shape"), where=where)
    try:
        KG[entry["term"]]
    except AttributeError as exc:
        raise DataError(f"{where}: {entry['term']!r} is not a kg: class in ontology.ttl") from exc
    if entry["shape"] not in SHAPES:
        raise DataError(f"{where}: shape {entry['shape']!r} of {entry['term']} is not one of: "
                        + ", ".join(sorted(SHAPES)))
    return ClassStyle(term=entry["term"], label=str(entry["label"]), color=check_color(entry["color"], entry["term"]),
                      shape=entry["shape"], visible=bool(entry.get("visible", True)), event=bool(entry.get("event")),
                      listed=entry.get("legend", "always") == "always")


def kind_class_style(cls: str, view: Mapping) -> ClassStyle:
    """How the nodes of an event kind are drawn, from its ``view`` entry in kinds.yaml."""
    where = f"kg/knowledge/data/kinds.yaml {cls} view"
    if view.get("legend", "present") not in ("always", "present"):
        raise DataError(f"{where}: legend {view.get('legend')!r} is not one of: always, present")
    return parse_class_style({**view, "term": cls, "event": True, "legend": view.get("legend", "present")},
                             where=where)


def parse_relation_style(name: str, entry: dict, *, where: str = "kg/knowledge/data/view.yaml relations") -> RelationStyle:
    require_keys(entry, ("label", "color"), where=f"{where}.{name}")
    return RelationStyle(name=name, label=str(entry["label"]), color=check_color(entry["color"], name),
                         reverse=bool(entry.get("reverse", False)))


def parse_details(entries: list, kinds) -> tuple[tuple[str, str], ...]:
    """(property, label) of the details shown, in order; ``{from: kinds.yaml}`` expands to the literal slots
    of the event kinds that are not listed (labelled with the slot's name).

    Raises:
        DataError: an entry without term and label, or a term that is not a kg: property.
    """
    listed = {e.get("term") for e in entries if isinstance(e, dict) and e != FROM_KINDS}
    out: dict[str, str] = {}
    for entry in entries:
        if entry == FROM_KINDS:
            for kind in kinds:
                for slot in kind.literal_slots:
                    if slot.property not in listed:
                        out.setdefault(slot.property, slot.name)
            continue
        require_keys(entry, ("term", "label"), where="kg/knowledge/data/view.yaml details")
        try:
            KG[entry["term"]]
        except AttributeError as exc:
            raise DataError(f"kg/knowledge/data/view.yaml: details: {entry['term']!r} is not a kg: property") from exc
        out.setdefault(entry["term"], str(entry["label"]))
    return tuple(out.items())


def check_color(value: str, where: str) -> str:
    if not isinstance(value, str) or not COLOR.match(value):
        raise DataError(f"kg/knowledge/data/view.yaml: colour {value!r} of {where} is not #RRGGBB")
    return value

"""View styles: colours, shapes, relation labels and layout thresholds, read from ``kg/knowledge/data/view.yaml`` and validated.
"""
from __future__ import annotations

import functools
import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass

from kg.errors import DataError
from kg.knowledge.datafiles import load_data, require_keys
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
    require_keys(raw, ("classes", "relations", "size", "large_graph_nodes", "stabilization_iterations"),
                 where="kg/knowledge/data/view.yaml")
    classes = tuple(parse_class_style(entry) for entry in raw["classes"])
    relations = {name: parse_relation_style(name, entry) for name, entry in raw["relations"].items()}
    size, iters = raw["size"], raw["stabilization_iterations"]
    if size.get("default_by", "degree") not in ("degree", "sources"):
        raise DataError("kg/knowledge/data/view.yaml: size.default_by must be one of: degree, sources")
    return ViewStyle(
        classes=classes, relations=relations,
        default_relation_color=check_color(raw.get("default_relation_color", "#9E9E9E"), "default_relation_color"),
        size_min=int(size["min"]), size_max=int(size["max"]), size_by=size.get("default_by", "degree"),
        large_graph_nodes=int(raw["large_graph_nodes"]), slow_graph_nodes=int(raw.get("slow_graph_nodes", 10000)),
        iterations_small=int(iters["small"]), iterations_large=int(iters["large"]),
        max_label_chars=int(raw.get("max_label_chars", 40)),
    )


def parse_class_style(entry: dict) -> ClassStyle:
    require_keys(entry, ("term", "label", "color", "shape"), where="kg/knowledge/data/view.yaml classes")
    try:
        KG[entry["term"]]
    except AttributeError as exc:
        raise DataError(f"kg/knowledge/data/view.yaml: {entry['term']!r} is not a kg: class in ontology.ttl") from exc
    if entry["shape"] not in SHAPES:
        raise DataError(f"kg/knowledge/data/view.yaml: shape {entry['shape']!r} of {entry['term']} is not one of: "
                        + ", ".join(sorted(SHAPES)))
    return ClassStyle(term=entry["term"], label=str(entry["label"]), color=check_color(entry["color"], entry["term"]),
                      shape=entry["shape"], visible=bool(entry.get("visible", True)), event=bool(entry.get("event")))


def parse_relation_style(name: str, entry: dict) -> RelationStyle:
    require_keys(entry, ("label", "color"), where=f"kg/knowledge/data/view.yaml relations.{name}")
    return RelationStyle(name=name, label=str(entry["label"]), color=check_color(entry["color"], name),
                         reverse=bool(entry.get("reverse", False)))


def check_color(value: str, where: str) -> str:
    if not isinstance(value, str) or not COLOR.match(value):
        raise DataError(f"kg/knowledge/data/view.yaml: colour {value!r} of {where} is not #RRGGBB")
    return value

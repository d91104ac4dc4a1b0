"""Reading the newskg ontology (``ontology.ttl``), shipped inside the package."""
from __future__ import annotations

import functools
from importlib import resources
from pathlib import Path

from rdflib import Graph


def ontology_path() -> Path:
    """Where ``ontology.ttl`` is: inside the installed package, or at the top of a source checkout."""
    packaged = resources.files("kg") / "ontology.ttl"
    if packaged.is_file():
        return Path(str(packaged))
    return Path(__file__).resolve().parents[2] / "ontology.ttl"


def load_ontology_text() -> str:
    """The Turtle text of the ontology."""
    return ontology_path().read_text(encoding="utf-8")


@functools.lru_cache(maxsize=1)
def load_ontology() -> Graph:
    """The ontology as an rdflib Graph (parsed once). Treat it as read-only."""
    g = Graph()
    g.parse(data=load_ontology_text(), format="turtle")
    return g

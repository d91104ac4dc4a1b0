"""Names in a graph, and the nearest ones to a name that matched nothing.

In: a graph (its ``rdfs:label`` and ``skos:altLabel`` values) and the literal values a query was given.
Out: which values match no name or alias (case- and accent-insensitive), each with the nearest names the
graph does have. The one helper behind every "did you mean" of newskg: ``kg query -p``, ``kg.query``,
``kg serve``'s ``/queries/NAME`` and ``kg view --focus`` (:func:`nearest_names`).

>>> nearest_names("Huwaei", ["Huawei", "ZTE", "Huawei Technologies"])
['Huawei']
>>> nearest_names("Huawei Technologies Co", ["Huawei", "ZTE"])
['Huawei']
"""
from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from rdflib import RDFS, Dataset, Graph, Literal, URIRef
from rdflib.namespace import SKOS
from rdflib.term import Node

NAME_PREDICATES = (RDFS.label, SKOS.altLabel)
MAX_SUGGESTIONS = 5
MIN_SCORE = 65  # 0-100 (rapidfuzz): below this a name is not offered as a suggestion
STRICT_SCORE = 75  # the same, for whole strings only (ontology terms)
PART_WEIGHT = 0.9  # a name found inside a longer one scores a little below a whole match
MIN_PART = 85  # and only when it is found nearly whole (not "chin" of "China" in "Mnuchn")


def fold_name(text: str) -> str:
    """Case- and accent-insensitive form of a name, with runs of spaces made one.

    >>> fold_name("  Société   GÉNÉRALE ")
    'societe generale'
    """
    decomposed = unicodedata.normalize("NFKD", text)
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).casefold().split())


def nearest_names(name: str, candidates: Iterable[str], *, limit: int = MAX_SUGGESTIONS,
                  strict: bool = False) -> list[str]:
    """The candidates nearest to ``name`` (fuzzy, case- and accent-insensitive), best first, at most ``limit``.

    A candidate is scored by the best of: the whole strings compared, their words in any order, and (unless
    ``strict``, for names of 4 letters or more) one found nearly whole inside the other, so ``Mnuchn`` finds
    ``Steven Mnuchin`` and ``Huawei Technologies`` finds ``Huawei``. Deterministic: ties are broken by the candidate's text.
    """
    from rapidfuzz import fuzz

    want = fold_name(name)
    scored = []
    for candidate in set(candidates):
        have = fold_name(candidate)
        score = max(fuzz.ratio(want, have), fuzz.token_sort_ratio(want, have))
        if not strict and min(len(want), len(have)) >= 4:  # one name (nearly) inside the other
            part = fuzz.partial_ratio(want, have)
            if part >= MIN_PART:
                score = max(score, PART_WEIGHT * part)
        if score >= (STRICT_SCORE if strict else MIN_SCORE):
            scored.append((-score, candidate))
    return [candidate for _score, candidate in sorted(scored)[:limit]]


def graph_names(graph: Graph) -> set[str]:
    """Every ``rdfs:label`` and ``skos:altLabel`` value in ``graph`` (its union, for a Dataset)."""
    names: set[str] = set()
    for predicate in NAME_PREDICATES:
        if isinstance(graph, Dataset):  # every graph's names, whatever the default graph is
            found = (o for _s, _p, o, _g in graph.quads((None, predicate, None, None)))
        else:
            found = (o for _s, _p, o in graph.triples((None, predicate, None)))
        names.update(str(o) for o in found if isinstance(o, Literal))
    return names


@dataclass(frozen=True)
class UnmatchedName:
    """A parameter value that is no name, alias or node of the graph, with the nearest names it has."""

    param: str
    value: str
    suggestions: tuple[str, ...]

    @property
    def message(self) -> str:
        """One line for a person: what matched nothing and what to try instead."""
        what = "no node of the graph" if self.value.startswith("<") else "no name or alias in the graph"
        hint = ("; did you mean: " + ", ".join(repr(s) for s in self.suggestions) if self.suggestions
                else "; kg query GRAPH mentions lists the names it has")
        return f"{self.param}={self.value!r} matches {what}{hint}"

    def to_json(self) -> dict:
        """The same as a JSON object (``kg serve``)."""
        return {"param": self.param, "value": self.value, "suggestions": list(self.suggestions),
                "message": self.message}


def unmatched_names(graph: Graph, bindings: Mapping[str, Node]) -> list[UnmatchedName]:
    """The bound values that match nothing in ``graph``: a literal that is no label or alias (in any case),
    an IRI that is the subject of no triple. In parameter-name order.

    A literal matches as the bundled queries match names (``LCASE`` on both sides), so a value that differs from
    a name only in its accents is reported too, with that name first among the suggestions. The graph's names
    are read only if some literal is bound, and once.
    """
    out = []
    names: set[str] | None = None
    lowered: set[str] = set()
    for param in sorted(bindings):
        term = bindings[param]
        if isinstance(term, URIRef):
            if (term, None, None) not in graph:
                out.append(UnmatchedName(param, f"<{term}>", ()))
        elif isinstance(term, Literal):
            if names is None:
                names = graph_names(graph)
                lowered = {n.lower() for n in names}
            if str(term).lower() not in lowered:
                out.append(UnmatchedName(param, str(term), tuple(nearest_names(str(term), names))))
    return out

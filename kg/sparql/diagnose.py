"""What a checked query gets wrong before it runs: unknown ``kg:`` terms, parameters nobody gave.

In: a :class:`~kg.sparql.safety.CheckedQuery` (its algebra). Out: the ``kg:`` IRIs it uses that ``ontology.ttl``
does not define, each with the nearest terms (:func:`unknown_terms`); its *parameters*, the variables it reads
in a ``FILTER`` or ``BIND`` that no pattern can bind, so that only a value given from outside gives them one
(:func:`free_variables`: optional when the query asks ``BOUND(?x)``); and which of them it compares with
names (``rdfs:label``/``skos:altLabel`` values: :func:`name_parameters`), whose values are worth checking
against the graph when nothing comes back.

>>> from kg.sparql.safety import check_query
>>> q = check_query("SELECT ?o WHERE { ?o a kg:Ofer ; rdfs:label ?l . FILTER(LCASE(?l) = LCASE(?who)) }")
>>> unknown_terms(q)
[('kg:Ofer', ['kg:Offer'])]
>>> free_variables(q), name_parameters(q)
({'who': False}, frozenset({'who'}))
"""
from __future__ import annotations

import functools
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from pyparsing import ParseResults
from rdflib import RDFS, Graph, URIRef, Variable
from rdflib.namespace import SKOS
from rdflib.paths import Path as PropertyPath
from rdflib.plugins.sparql.parserutils import CompValue
from rdflib.term import Node

from kg.errors import QueryError
from kg.sparql.names import UnmatchedName
from kg.sparql.safety import CheckedQuery, parse_tree
from kg.vocab import NS, QUERY_PREFIXES

_NAME_PREDICATES = frozenset({RDFS.label, SKOS.altLabel})
_READ_KEYS = ("expr", "other", "arg")  # where a parse-tree node keeps an expression it evaluates
_BINDING_KEYS = ("var", "evar", "term")  # BIND(... AS ?v), VALUES ?v, (expr AS ?v), GRAPH ?g


@functools.lru_cache(maxsize=1)
def ontology_terms() -> frozenset[str]:
    """The local names of every ``kg:`` term ``ontology.ttl`` defines."""
    from kg.rdf.ontology import load_ontology

    return frozenset(str(s)[len(NS):] for s in load_ontology().subjects() if str(s).startswith(NS))


def unknown_terms(checked: CheckedQuery) -> list[tuple[str, list[str]]]:
    """``(kg:Term, nearest kg: terms)`` for every ``kg:`` IRI in the query that the ontology does not define."""
    from kg.sparql.names import nearest_names

    known = ontology_terms()
    # the translated algebra, with every IRI resolved, is already there: no second parse on the way to running
    used = {str(t)[len(NS):] for t in _algebra_terms(checked.prepared.algebra)
            if isinstance(t, URIRef) and str(t).startswith(NS)}
    return [(f"kg:{name}", [f"kg:{n}" for n in nearest_names(name, known, limit=3, strict=True)])
            for name in sorted(used - known)]


def free_variables(checked: CheckedQuery) -> dict[str, bool]:
    """The variables a ``FILTER``, ``BIND`` or projected expression reads but no triple pattern, ``BIND``,
    ``VALUES``, ``GRAPH`` or ``AS`` binds, each with True when the query tests ``BOUND(?x)`` (it is written to
    run without a value)."""
    tree = _Tree(checked)
    bound: set[str] = set()
    read: set[str] = set()
    tested: set[str] = set()
    for node in tree.nodes():
        for key, value in node.items():
            if key == "triples" or key in _BINDING_KEYS:
                bound.update(tree.variables(value))
            elif key in _READ_KEYS:
                read.update(tree.variables(value))
        if node.name == "Builtin_BOUND":
            tested.update(tree.variables(node.get("arg")))
    return {v: v in tested for v in sorted(read - bound)}


def name_parameters(checked: CheckedQuery) -> frozenset[str]:
    """The free variables the query compares with a name: a ``FILTER`` reads them together with a variable
    that holds an ``rdfs:label`` or ``skos:altLabel`` value."""
    tree = _Tree(checked)
    free = set(free_variables(checked))
    names = {str(o) for node in tree.nodes() if "triples" in node for _s, p, o in _triples(node["triples"])
             if isinstance(o, Variable) and any(t in _NAME_PREDICATES for t in tree.terms(p))}
    out: set[str] = set()
    for node in tree.nodes():
        if node.name == "Filter":
            seen = tree.variables(node.get("expr"))
            if seen & names:
                out |= seen & free
    return frozenset(out)


def unknown_term_notes(checked: CheckedQuery) -> list[str]:
    """One line per ``kg:`` term of the query that the ontology does not define, with the nearest terms.

    >>> from kg.sparql.safety import check_query
    >>> unknown_term_notes(check_query("ASK { ?o a kg:Ofer ; kg:offeredBy ?who }"))
    ['kg:Ofer is not defined in the newskg ontology (ontology.ttl), so it matches nothing; did you mean: kg:Offer']
    """
    return [f"{term} is not defined in the newskg ontology (ontology.ttl), so it matches nothing"
            + (f"; did you mean: {', '.join(near)}" if near else "") for term, near in unknown_terms(checked)]


def check_parameters_given(checked: CheckedQuery, params: Mapping[str, Any], *, file: Path, raw: str) -> None:
    """Refuse to run the query of a ``.rq`` file without a parameter it needs.

    Raises:
        QueryError: the query read from ``file`` (whose text is ``raw``) reads a parameter nothing gave a
            value: one declared by a ``# param NAME:`` line of its header (not ``(optional)``), or a variable
            of a ``FILTER`` that nothing in the query binds and that it never tests with ``BOUND``.
    """
    from kg.sparql.catalogue import parse_query_header

    _description, declared = parse_query_header(raw)
    optional = dict(free_variables(checked))
    optional.update({p.name: p.optional for p in declared})
    missing = [v for v, is_optional in sorted(optional.items()) if not is_optional and v not in params]
    if missing:
        name = missing[0]
        raise QueryError(f"query file {file} needs a value for ?{name}: nothing in the query binds it, so "
                         f"without one it matches nothing; give --param {name}=VALUE (Python: {name}=...)")


def explain_empty(graph: Graph, checked: CheckedQuery,
                  bindings: Mapping[str, Node]) -> tuple[UnmatchedName, ...]:
    """Why an empty result may be empty: the values of name parameters (:func:`name_parameters`) that are no
    name or alias in ``graph``, and IRIs given as values that are no node of it, with the nearest names."""
    from kg.sparql.names import unmatched_names

    names = name_parameters(checked)
    wanted = {k: v for k, v in bindings.items() if isinstance(v, URIRef) or k in names}
    return tuple(unmatched_names(graph, wanted)) if wanted else ()


class _Tree:
    """A query's parse tree, walked with its prefixes resolved."""

    def __init__(self, checked: CheckedQuery):
        self.root = parse_tree(checked.text)
        self.prefixes = dict(QUERY_PREFIXES)
        for node in self.nodes():
            if node.name == "PrefixDecl":
                self.prefixes[node.get("prefix") or ""] = str(node.get("iri"))

    def nodes(self) -> Iterator[CompValue]:
        """Every node of the tree."""
        for v in _walk(self.root):
            if isinstance(v, CompValue):
                yield v

    def terms(self, value: Any) -> Iterator[Any]:
        """Every IRI (prefixed names resolved) and variable inside ``value``."""
        for v in _walk(value):
            if isinstance(v, CompValue) and v.name == "pname":
                base = self.prefixes.get(v.get("prefix") or "")
                if base is not None:
                    yield URIRef(base + (v.get("localname") or ""))
            elif isinstance(v, (URIRef, Variable)):
                yield v

    def variables(self, value: Any) -> set[str]:
        """The names of the variables inside ``value``."""
        return {str(v) for v in _walk(value) if isinstance(v, Variable)}


def _algebra_terms(value: Any) -> Iterator[Any]:
    """Every IRI inside a translated query: its nodes, triples, property paths and ``VALUES`` rows."""
    stack = [value]
    while stack:
        v = stack.pop()
        if isinstance(v, CompValue):
            stack.extend(v.values())
        elif isinstance(v, dict):
            stack.extend((*v.keys(), *v.values()))
        elif isinstance(v, (list, tuple, set, frozenset, ParseResults)):
            stack.extend(v)
        elif isinstance(v, PropertyPath):
            stack.extend(x for x in (getattr(v, "args", None), getattr(v, "arg", None), getattr(v, "path", None))
                         if x is not None)
        elif isinstance(v, URIRef):
            yield v


def _walk(value: Any) -> Iterator[Any]:
    """Every node, list item and leaf inside a parse-tree value."""
    stack = [value]
    while stack:
        v = stack.pop()
        yield v
        if isinstance(v, CompValue):
            stack.extend(v.values())
        elif isinstance(v, (list, tuple, ParseResults)):
            stack.extend(v)


def _triples(value: Any) -> Iterator[tuple[Any, Any, Any]]:
    """The (s, p, o) of a triples block's flat ``[s, p, o, s, p, o, ...]`` lists."""
    for item in value or ():
        if isinstance(item, (list, tuple, ParseResults)):
            for i in range(0, len(item) - 2, 3):
                yield item[i], item[i + 1], item[i + 2]

"""The safety check every query passes before it runs: parsed by rdflib, its algebra inspected.

Updates are refused, ``SERVICE`` is refused unless allowed, and the ``FROM``/``FROM NAMED`` IRIs are returned so that
the runner can refuse any that is not a graph of the dataset. A :class:`CheckedQuery` carries the prepared
algebra, so what runs is what was checked.
"""
from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from rdflib import URIRef, Variable
from rdflib.plugins.sparql.parserutils import CompValue

from kg.errors import QueryError
from kg.vocab import QUERY_PREFIXES

FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")


SERVICE_TEXT = re.compile(r"(?i)\bSERVICE\s+(SILENT\s+)?[<?$]")


@dataclass(frozen=True)
class CheckedQuery:
    """A parsed query that passed the safety checks (see :func:`check_query`)."""

    text: str
    form: str  # SELECT | ASK | CONSTRUCT | DESCRIBE
    prepared: Any  # rdflib.plugins.sparql.sparql.Query
    dataset_iris: tuple[URIRef, ...]  # FROM and FROM NAMED
    variables: frozenset[str]


def check_query(text: str, *, allow_service: bool = False) -> CheckedQuery:
    """Parse ``text`` and refuse what a read-only, offline query must not do.

    Args:
        text: a SPARQL 1.1 query; the common prefixes are predeclared.
        allow_service: let ``SERVICE`` clauses through (outbound HTTP requests).

    Raises:
        QueryError: the query is malformed (the parser's message, with line and
            column), is an update, or uses ``SERVICE`` without ``allow_service``.

    >>> check_query("SELECT ?o WHERE { ?o a kg:Offer }").form
    'SELECT'
    >>> check_query("DELETE WHERE { ?s ?p ?o }")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    kg.errors.QueryError: updates are refused...
    """
    checked = _prepare(text)
    if not allow_service and _uses_service(checked.prepared.algebra):
        raise QueryError("SERVICE is refused: a query may not send requests to other hosts "
                         "(kg query --allow-service lifts this)")
    return checked


@functools.lru_cache(maxsize=256)
def _prepare(text: str) -> CheckedQuery:
    from pyparsing import ParseException
    from rdflib.plugins.sparql.algebra import translateQuery
    from rdflib.plugins.sparql.parser import parseQuery, parseUpdate

    if not text.strip():
        raise QueryError("empty query; give SPARQL text, a .rq file or a bundled query name (kg query --list)")
    try:
        parsed = parseQuery(text)
    except ParseException as exc:
        try:
            parseUpdate(text)
        except Exception:  # noqa: BLE001 - not an update either: report the query parser's message
            raise QueryError(_parse_message(exc)) from None
        raise QueryError("updates are refused: the graph is read-only here (INSERT, DELETE, LOAD, CLEAR, "
                         "DROP, CREATE, ADD, MOVE and COPY are not allowed)") from None
    except RecursionError:
        raise QueryError("query is nested too deeply to parse") from None
    except ValueError as exc:  # rdflib expands \\u escapes before parsing and fails on bad ones
        raise QueryError(f"malformed SPARQL query: {exc}") from None
    try:
        prepared = translateQuery(parsed, None, QUERY_PREFIXES)
    except RecursionError:
        raise QueryError("query is nested too deeply to parse") from None
    except Exception as exc:  # noqa: BLE001 - rdflib raises bare Exception for unknown prefixes etc.
        raise QueryError(f"malformed SPARQL query: {exc}") from None
    algebra = prepared.algebra
    form = {"SelectQuery": "SELECT", "AskQuery": "ASK", "ConstructQuery": "CONSTRUCT",
            "DescribeQuery": "DESCRIBE"}.get(algebra.name)
    if form is None:  # pragma: no cover - the grammar has only these four
        raise QueryError(f"unsupported query form {algebra.name}")
    iris = []
    for clause in algebra.get("datasetClause") or ():
        iri = clause.get("default") or clause.get("named")
        if iri is not None:
            iris.append(URIRef(iri))
    return CheckedQuery(text=text, form=form, prepared=prepared, dataset_iris=tuple(iris),
                        variables=frozenset(_variables(algebra)))


def _parse_message(exc) -> str:
    line = getattr(exc, "line", "") or ""
    col = getattr(exc, "col", 1) or 1
    msg = getattr(exc, "msg", str(exc))
    found = re.search(r"found (.+?)\s+\(at char", str(exc))
    detail = f"{msg}, found {found.group(1)}" if found else msg
    pointer = ""
    if line.strip():
        pointer = f"\n  {line}\n  {' ' * (col - 1)}^"
    return f"malformed SPARQL query at line {exc.lineno}, column {col}: {detail}{pointer}"


def walk_algebra(node) -> Iterator[CompValue]:
    stack = [node]
    seen: set[int] = set()
    while stack:
        n = stack.pop()
        if id(n) in seen:
            continue
        seen.add(id(n))
        if isinstance(n, CompValue):
            yield n
            stack.extend(n.values())
        elif isinstance(n, (list, tuple)):
            stack.extend(n)


def _uses_service(algebra) -> bool:
    return any(n.name == "ServiceGraphPattern" for n in walk_algebra(algebra))


def _variables(algebra) -> set[str]:
    out: set[str] = set()
    for n in walk_algebra(algebra):
        for v in n.values():
            if isinstance(v, Variable):
                out.add(str(v))
        out.update(str(v) for v in (n.get("_vars") or ()) if isinstance(v, Variable))
    return out

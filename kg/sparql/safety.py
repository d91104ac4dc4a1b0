"""The safety check every query passes before it runs: parsed by rdflib, its algebra inspected.

Updates are refused, ``SERVICE`` is refused unless allowed, and the ``FROM``/``FROM NAMED`` IRIs are returned so that
the runner can refuse any that is not a graph of the dataset. What runs is what was checked: a
:class:`CheckedQuery` carries the prepared algebra (what rdflib runs) and the canonical text it was parsed
from (what Oxigraph runs: escapes expanded, comments removed, see :func:`canonical_text`).
"""
from __future__ import annotations

import functools
import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from rdflib import URIRef, Variable
from rdflib.plugins.sparql.parserutils import CompValue

from kg.errors import QueryError
from kg.vocab import QUERY_PREFIXES

FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")




@dataclass(frozen=True)
class CheckedQuery:
    """A parsed query that passed the safety checks (see :func:`check_query`)."""

    text: str  # the canonical text that was parsed (see canonical_text)
    form: str  # SELECT | ASK | CONSTRUCT | DESCRIBE
    prepared: Any  # rdflib.plugins.sparql.sparql.Query
    dataset_iris: tuple[URIRef, ...]  # FROM and FROM NAMED
    variables: frozenset[str]


def canonical_text(text: str) -> str:
    """``text`` as every engine reads it alike: ``\\u`` escapes expanded and comments removed.

    The parsers differ on where a comment ends: rdflib ends ``#`` only at a line
    feed, Oxigraph also at a carriage return, so ``# x\\r SERVICE <...>`` is a
    comment to the safety check and a ``SERVICE`` call to Oxigraph. Without
    comments (each cut at whichever line end comes first, the end kept) and with
    the escapes expanded (the SPARQL grammar expands them before parsing), the text
    that is checked and the text that runs are the same for both parsers.

    Raises:
        QueryError: a bad ``\\u`` escape.

    >>> canonical_text("SELECT * # where\\r SERVICE <http://x/> {}\\nWHERE { ?s ?p '#no' }")
    "SELECT * \\r SERVICE <http://x/> {}\\nWHERE { ?s ?p '#no' }"
    """
    from rdflib.plugins.sparql.parser import expandUnicodeEscapes

    try:
        text = expandUnicodeEscapes(text)
    except ValueError as exc:
        raise QueryError(f"malformed SPARQL query: {exc}") from None
    out, start = [], 0
    for kind, i, j in _scan(text):
        if kind == "comment":
            out.append(text[start:i])
            start = j
    out.append(text[start:])
    return "".join(out)


_IRIREF = re.compile(r"<[^\x00-\x20<>\"{}|^`\\]*>")
_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def _scan(text: str) -> Iterator[tuple[str, int, int]]:
    """The strings, IRIs, comments and bare words of a query text: (kind, start, end).

    A comment ends at the first CR or LF (the widest reading of what is code);
    ``\\x`` outside a string is one escaped character of a prefixed name.
    """
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c == "#":
            j = i
            while j < n and text[j] not in "\r\n":
                j += 1
            yield "comment", i, j
            i = j
        elif c in "\"'":
            quote = text[i:i + 3] if text[i:i + 3] in ('"""', "\'\'\'") else c
            j = i + len(quote)
            while j < n and text[j:j + len(quote)] != quote:
                if len(quote) == 1 and text[j] in "\r\n":
                    break  # a short string cannot span lines: malformed, the parser says so
                j += 2 if text[j] == "\\" else 1
            j = min(n, j + len(quote))
            yield "string", i, j
            i = j
        elif c == "<" and (m := _IRIREF.match(text, i)):
            yield "iri", i, m.end()
            i = m.end()
        elif c == "\\":
            i += 2
        elif c.isalpha() or c == "_":
            m = _WORD.match(text, i)
            prev = text[i - 1] if i else " "
            if not (prev.isalnum() or prev in "?$:_.-@\\" or ord(prev) > 127):
                yield "word", i, m.end()
            i = m.end()
        else:
            i += 1


def keywords(text: str) -> list[str]:
    """The bare words of a (canonical) query text, upper-cased: what any parser could read as a keyword.

    >>> keywords("SELECT ?service WHERE { ?s ex:service 'SERVICE' . SERVICE<x:y> {} }")
    ['SELECT', 'WHERE', 'SERVICE']

    A word followed by ``:`` is a prefix (``ex:``), not a keyword.
    """
    return [text[i:j].upper() for kind, i, j in _scan(text) if kind == "word" and text[j:j + 1] != ":"]


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
    checked = _prepare(canonical_text(text))
    if not allow_service and _uses_service(checked.prepared.algebra):
        raise QueryError("SERVICE is refused: a query may not send requests to other hosts "
                         "(kg query --allow-service lifts this)")
    # A second wall, on the words themselves: a SERVICE or FROM that any parser could read must be one the
    # checked algebra has, else the engines might disagree about the query and it is refused.
    words = keywords(checked.text)
    if not allow_service and "SERVICE" in words:
        raise QueryError("SERVICE is refused: a query may not send requests to other hosts "
                         "(the word SERVICE appears outside a string or IRI)")
    if words.count("FROM") != len(checked.dataset_iris):
        raise QueryError("FROM is refused here: the query's FROM clauses could not be read unambiguously")
    return checked


# rdflib's SPARQL grammar (pyparsing) is not thread-safe: parse actions learn their arity on first use, and
# two threads doing so at once leave a wrong guess behind ("<lambda>() missing 1 required positional
# argument") that fails every later query in the process. One parse at a time.
_PARSE_LOCK = threading.Lock()


@functools.lru_cache(maxsize=256)
def _prepare(text: str) -> CheckedQuery:
    with _PARSE_LOCK:
        return _prepare_unlocked(text)


def _prepare_unlocked(text: str) -> CheckedQuery:
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
        # CompValue.get returns the key itself for a missing key: test membership instead
        iri = clause["default"] if "default" in clause else clause["named"] if "named" in clause else None
        if iri is not None:
            iris.append(URIRef(iri))
    return CheckedQuery(text=text, form=form, prepared=prepared, dataset_iris=tuple(iris),
                        variables=frozenset(_variables(algebra)))


@functools.lru_cache(maxsize=256)
def parse_tree(text: str) -> Any:
    """The parse tree of a checked query's canonical text, as rdflib's parser gives it (before translation, which
    drops the ``FILTER`` inside an ``EXISTS`` from the tree it keeps). Parsed under the one parse lock; do not
    change it: it is cached.

    Raises:
        QueryError: the text is malformed (check it with :func:`check_query` first).
    """
    from rdflib.plugins.sparql.parser import parseQuery

    with _PARSE_LOCK:
        try:
            return parseQuery(text)
        except Exception as exc:  # noqa: BLE001 - pyparsing's errors and rdflib's escapes alike
            raise QueryError(f"malformed SPARQL query: {exc}") from None


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

"""Query parameters: Python values to RDF terms, bound to a checked query's variables.

Values are bound as terms (``initBindings``), never pasted into a query text; for Oxigraph, which substitutes only
projected variables, they go in as a VALUES block of serialised terms (:func:`inject_values`), and the runner
checks that the block parses back to exactly the bound terms.
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from rdflib import BNode, Literal, URIRef, Variable
from rdflib.namespace import XSD
from rdflib.term import Node

from kg.errors import QueryError
from kg.sparql.catalogue import PARAM_NAME, BundledQuery
from kg.sparql.safety import CheckedQuery, walk_algebra


def to_term(value: Any) -> Node:
    """An RDF term for a parameter value: terms as they are, ``<iri>`` an IRI, anything else a literal.

    Raises:
        QueryError: ``<...>`` is not a usable IRI.

    >>> to_term("Huawei")
    rdflib.term.Literal('Huawei')
    >>> to_term("<https://w3id.org/newskg/id/company/huawei>")
    rdflib.term.URIRef('https://w3id.org/newskg/id/company/huawei')
    """
    if isinstance(value, (URIRef, Literal, BNode)):
        return value
    if isinstance(value, str) and value.startswith("<") and value.endswith(">"):
        iri = value[1:-1]
        if not re.fullmatch(r"[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|\\^`]*", iri):
            raise QueryError(f"parameter value {value!r} is not a valid IRI")
        return URIRef(iri)
    return Literal(value)


_IRIREF = re.compile(r"[^\x00-\x20<>\"{}|^`\\]*")


_LANGTAG = re.compile(r"[A-Za-z]+(-[A-Za-z0-9]+)*")


def to_sparql_term(term: Node) -> str:
    """An RDF term written as SPARQL, escaped so that no value can end the term early.

    >>> print(to_sparql_term(Literal('a"} DROP ALL #')))
    "a\\"} DROP ALL #"

    Raises:
        QueryError: an IRI or language tag that SPARQL cannot write.
    """
    if isinstance(term, URIRef):
        if not _IRIREF.fullmatch(str(term)):
            raise QueryError(f"<{term}> cannot be written as a SPARQL IRI")
        return f"<{term}>"
    if isinstance(term, Literal):
        body = _sparql_string_body(str(term))
        if term.language:
            if not _LANGTAG.fullmatch(term.language):
                raise QueryError(f"language tag {term.language!r} is not valid")
            return f'"{body}"@{term.language}'
        if term.datatype is not None and term.datatype != XSD.string:
            return f'"{body}"^^{to_sparql_term(URIRef(term.datatype))}'
        return f'"{body}"'
    raise QueryError(f"a parameter cannot be a {type(term).__name__}")


def _sparql_string_body(text: str) -> str:
    """The inside of a ``"..."`` SPARQL string for ``text``.

    SPARQL expands ``\\uXXXX`` anywhere in a query before parsing it, so escapes
    of that form would turn back into quotes: only the two-character escapes are
    used. Text with a backslash before ``u``/``U`` cannot be written safely at all.

    Raises:
        QueryError: ``text`` has a backslash followed by ``u`` or ``U``.
    """
    if re.search(r"\\[uU]", text):
        raise QueryError("a value with a backslash before u cannot be written in SPARQL text")
    return (text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
            .replace("\t", "\\t"))


def inject_values(text: str, bindings: Mapping[str, Node]) -> str | None:
    """``text`` with ``VALUES (?a ?b) { (term term) }`` opening its WHERE group, or None.

    The opening brace is found by a scanner that skips strings, IRIs and
    comments; the values are written by :func:`to_sparql_term`. None when the
    query has no WHERE group to open (``CONSTRUCT WHERE { ... }``).
    """
    names = sorted(bindings)
    values = (f"VALUES ({' '.join('?' + n for n in names)}) "
              f"{{ ({' '.join(to_sparql_term(bindings[n]) for n in names)}) }}\n")
    pos = _where_brace(text)
    if pos is None:
        return None
    return text[:pos + 1] + " " + values + text[pos + 1:]


def values_of(algebra, bindings: Mapping[str, Node]) -> dict[str, Node] | None:
    """The row of the VALUES block that binds exactly ``bindings``' variables, as parsed."""
    names = {Variable(n) for n in bindings}
    for node in walk_algebra(algebra):
        if node.name == "values":
            rows = node.get("res") or []
            if len(rows) == 1 and set(rows[0]) == names:
                return {str(k): v for k, v in rows[0].items()}
    return None


def _where_brace(text: str) -> int | None:
    """Where the top-level WHERE group of a (valid) query opens."""
    i, n = 0, len(text)
    braces_seen = 0
    construct = False
    last_word = ""
    while i < n:
        c = text[i]
        if c == "#":
            j = text.find("\n", i)
            i = n if j < 0 else j + 1
            continue
        if c in "\"'":
            quote = text[i:i + 3] if text[i:i + 3] in ('"""', "'''") else c
            j = i + len(quote)
            while j < n and text[j:j + len(quote)] != quote:
                j += 2 if text[j] == "\\" else 1
            i = j + len(quote)
            continue
        if c == "<":
            m = _IRIREF.match(text, i + 1)
            if m and m.end() < n and text[m.end()] == ">":
                i = m.end() + 1
                continue
        if c.isalpha():
            m = re.match(r"[A-Za-z_]+", text[i:])
            word = m.group(0).upper()
            if word == "CONSTRUCT":
                construct = True
            last_word = word
            i += len(word)
            continue
        if c == "{":
            if not construct:
                return i
            if braces_seen == 0 and last_word == "WHERE":
                return None  # CONSTRUCT WHERE { ... }: the pattern is also the template
            if braces_seen == 1:
                return i
            braces_seen += 1
            depth = 1
            i += 1
            while i < n and depth:  # skip the template
                if text[i] in "\"'":
                    quote = text[i]
                    i += 1
                    while i < n and text[i] != quote:
                        i += 2 if text[i] == "\\" else 1
                elif text[i] == "{":
                    depth += 1
                elif text[i] == "}":
                    depth -= 1
                i += 1
            continue
        if not c.isspace():
            last_word = ""
        i += 1
    return None


def bind_params(checked: CheckedQuery, params: Mapping[str, Any] | None,
                bundled: BundledQuery | None = None) -> dict[str, Node]:
    """Validate ``params`` against the query and turn them into RDF terms.

    Raises:
        QueryError: a required parameter of a bundled query is missing, or a
            parameter names no variable of the query.
    """
    params = dict(params or {})
    for name in params:
        if not PARAM_NAME.fullmatch(name):
            raise QueryError(f"parameter name {name!r} is not a SPARQL variable name")
    if bundled is not None:
        known = {p.name for p in bundled.params}
        unknown = sorted(set(params) - known)
        if unknown:
            takes = ", ".join(sorted(known)) or "no parameters"
            raise QueryError(f"query {bundled.name!r} has no parameter {unknown[0]!r}; it takes {takes}")
        missing = [p for p in bundled.params if not p.optional and p.name not in params]
        if missing:
            p = missing[0]
            raise QueryError(f"query {bundled.name!r} needs a value for {p.name} ({p.description}); "
                             f"e.g. --param {p.name}=VALUE")
    else:
        unknown = sorted(set(params) - checked.variables)
        if unknown:
            raise QueryError(f"parameter {unknown[0]!r} is not a variable of the query (?{unknown[0]})")
    return {name: to_term(value) for name, value in params.items()}

"""SPARQL over the knowledge graph: read-only, safe, with bundled named queries.

Every query is parsed by rdflib and its algebra is checked *before* it runs:

* updates (``INSERT``, ``DELETE``, ``LOAD``, ``CLEAR``, ``DROP``...) are refused;
* ``SERVICE`` (an outbound HTTP request from the query engine) is refused unless
  ``allow_service=True``;
* ``FROM`` / ``FROM NAMED`` may only name graphs already in the dataset (an
  article's named graph); anything else (``file:///etc/passwd``,
  ``http://internal/``) is refused, and rdflib's loading of such graphs is
  switched off process-wide (``SPARQL_LOAD_GRAPHS = False``) as a second wall.

Queries run over the union of the named graphs (one per article), and ``GRAPH
?g { ... }`` reaches each article's graph. The common prefixes (``kg:``,
``rdfs:``, ``skos:``, ``schema:``, ``prov:``, ``xsd:``, ``owl:``, ``rdf:``) are
predeclared. Parameters are bound as RDF terms (``initBindings`` / Oxigraph
substitutions), never pasted into the query text.

>>> import kg  # doctest: +SKIP
>>> for row in kg.query("out/graph.trig", "offers"):  # doctest: +SKIP
...     print(row.offered_by, row.item, row.sources)
"""
from __future__ import annotations

import csv
import functools
import io
import json
import logging
import re
import threading
import time
import traceback
from collections import namedtuple
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import rdflib.plugins.sparql
from rdflib import BNode, Dataset, Graph, Literal, URIRef, Variable
from rdflib.graph import ConjunctiveGraph
from rdflib.namespace import OWL, RDF, RDFS, SKOS, XSD, NamespaceManager
from rdflib.plugins.sparql.parserutils import CompValue
from rdflib.term import Node

from kg.errors import QueryError
from kg.vocab import KG, PROV, SCHEMA

log = logging.getLogger(__name__)

# A query must never make rdflib fetch a FROM / FROM NAMED graph from a file or URL.
rdflib.plugins.sparql.SPARQL_LOAD_GRAPHS = False

PREFIXES: dict[str, str] = {
    "kg": str(KG._NS),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "skos": str(SKOS),
    "schema": str(SCHEMA),
    "prov": str(PROV),
    "xsd": str(XSD),
    "owl": str(OWL),
}
FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")
DEFAULT_TIMEOUT = 30.0  # seconds, for `kg query` and `kg serve`
DEFAULT_MAX_ROWS = 100_000  # rows (SELECT) or triples (CONSTRUCT/DESCRIBE)

_PARAM_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_SERVICE_TEXT = re.compile(r"(?i)\bSERVICE\s+(SILENT\s+)?[<?$]")
_BUNDLED_NAME = re.compile(r"[a-z][a-z0-9-]*")


class QueryTimeout(QueryError):
    """A query ran longer than its time limit.

    ``worker`` is the thread still evaluating it, when the engine could not be
    stopped (Oxigraph), else None.
    """

    exit_code = 1
    worker: threading.Thread | None = None


# ---------------------------------------------------------------------------
# Bundled queries


@dataclass(frozen=True)
class Param:
    """A parameter of a bundled query: bound to the variable ``?name``."""

    name: str
    description: str
    optional: bool = False


@dataclass(frozen=True)
class BundledQuery:
    """A named query shipped in ``kg/queries/<name>.rq``.

    The file starts with a comment header: the first lines describe the query,
    then one ``# param NAME: what it is`` line per parameter (``# param NAME
    (optional): ...`` for an optional one).
    """

    name: str
    description: str
    params: tuple[Param, ...]
    text: str

    @property
    def summary(self) -> str:
        """What the query answers, in one line (for ``kg query --list``)."""
        first = self.description.split(". ")[0].rstrip(".")
        return first.split(": ", 1)[-1]


def parse_query_header(text: str) -> tuple[str, tuple[Param, ...]]:
    """The description and parameters declared in the comment header of a ``.rq`` text.

    >>> parse_query_header("# Offers.\\n# param who (optional): a name\\nSELECT * {}")
    ('Offers.', (Param(name='who', description='a name', optional=True),))
    """
    description: list[str] = []
    params: list[Param] = []
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped:
            continue
        if not stripped.startswith("#"):
            break
        body = stripped.lstrip("#").strip()
        m = re.fullmatch(r"param\s+([A-Za-z_]\w*)\s*(\(optional\))?\s*:\s*(.*)", body)
        if m:
            params.append(Param(m.group(1), m.group(3).strip(), optional=bool(m.group(2))))
        elif body and not params:
            description.append(body)
    return " ".join(description), tuple(params)


@functools.lru_cache(maxsize=1)
def load_bundled_queries() -> dict[str, BundledQuery]:
    """The bundled queries of ``kg/queries/*.rq`` by name (read once).

    >>> sorted(load_bundled_queries())[:2]
    ['mentions', 'offers']
    """
    out: dict[str, BundledQuery] = {}
    folder = resources.files("kg.sparql") / "queries"
    for ref in sorted(folder.iterdir(), key=lambda r: r.name):
        if not ref.name.endswith(".rq"):
            continue
        text = ref.read_text(encoding="utf-8")
        description, params = parse_query_header(text)
        name = ref.name[: -len(".rq")]
        out[name] = BundledQuery(name=name, description=description, params=params, text=text)
    return out


def resolve_query_text(query: str) -> tuple[str, BundledQuery | None]:
    """The SPARQL text meant by ``query``: a bundled query name, a ``.rq`` file, or SPARQL itself.

    Raises:
        QueryError: ``query`` looks like a name but no bundled query has it.
    """
    bundled = load_bundled_queries()
    stripped = query.strip()
    if stripped in bundled:
        return bundled[stripped].text, bundled[stripped]
    if "\n" not in stripped and len(stripped) < 4096 and stripped.lower().endswith((".rq", ".sparql")):
        path = Path(stripped)
        if not path.is_file():
            raise QueryError(f"query file {stripped} not found")
        try:
            return path.read_text(encoding="utf-8"), None
        except (OSError, UnicodeDecodeError) as exc:
            raise QueryError(f"cannot read query file {stripped}: {exc}") from exc
    if _BUNDLED_NAME.fullmatch(stripped):
        raise QueryError(f"no bundled query named {stripped!r}; choose from {', '.join(bundled)} "
                         "(or give SPARQL text or a .rq file)")
    return query, None


# ---------------------------------------------------------------------------
# Checking a query before it runs


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
        prepared = translateQuery(parsed, None, PREFIXES)
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


def _walk(node) -> Iterator[CompValue]:
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
    return any(n.name == "ServiceGraphPattern" for n in _walk(algebra))


def _variables(algebra) -> set[str]:
    out: set[str] = set()
    for n in _walk(algebra):
        for v in n.values():
            if isinstance(v, Variable):
                out.add(str(v))
        out.update(str(v) for v in (n.get("_vars") or ()) if isinstance(v, Variable))
    return out


# ---------------------------------------------------------------------------
# Running a query


@dataclass
class QueryResult:
    """The result of a query, whatever the store behind it.

    ``rows`` holds tuples of RDF terms (``None`` when a variable is unbound) in
    the order of ``vars`` for SELECT; ``boolean`` the answer of ASK; ``graph``
    the triples of CONSTRUCT and DESCRIBE. ``truncated`` is True when the result
    was cut at the size limit.
    """

    form: str
    vars: tuple[str, ...] = ()
    rows: list[tuple[Node | None, ...]] = field(default_factory=list)
    boolean: bool | None = None
    graph: Graph | None = None
    truncated: bool = False
    namespaces: tuple[tuple[str, str], ...] = ()

    def records(self) -> list[tuple]:
        """SELECT rows as named tuples (``row.label``); values are rdflib terms or None."""
        Row = namedtuple("Row", self.vars, rename=True)  # noqa: PYI024 - field names come from the query
        return [Row(*r) for r in self.rows]


class _Deadline(threading.local):
    at: float | None = None


_DEADLINE = _Deadline()


def _check_deadline() -> None:
    at = _DEADLINE.at
    if at is not None and time.monotonic() > at:
        raise QueryTimeout("query took longer than its time limit and was stopped; "
                           "simplify it, add LIMIT, or raise the limit (--timeout)")


def _guard_store(store) -> None:
    """Make rdflib's pattern matching check the running query's deadline (once per store)."""
    if getattr(store, "_kg_deadline_guard", False):
        return
    inner = store.triples

    def triples(triple_pattern, context=None):
        _check_deadline()
        for i, item in enumerate(inner(triple_pattern, context)):
            if not i & 255:
                _check_deadline()
            yield item

    store.triples = triples
    store._kg_deadline_guard = True


def _is_oxigraph(store) -> bool:
    from oxrdflib import OxigraphStore

    return isinstance(store, OxigraphStore)


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


def _values_of(algebra, bindings: Mapping[str, Node]) -> dict[str, Node] | None:
    """The row of the VALUES block that binds exactly ``bindings``' variables, as parsed."""
    names = {Variable(n) for n in bindings}
    for node in _walk(algebra):
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
        if not _PARAM_NAME.fullmatch(name):
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


def open_graph(graph_or_path: Any) -> Graph:
    """A Graph or Dataset to query: the object itself, or one loaded from a path or store spec."""
    if isinstance(graph_or_path, Graph):
        return graph_or_path
    from kg.store.backends import load_dataset

    return load_dataset(graph_or_path)


def run_query(graph: Graph, query: str | BundledQuery, params: Mapping[str, Any] | None = None, *,
              allow_service: bool = False, timeout: float | None = None,
              max_rows: int | None = None, resolve_names: bool = True) -> QueryResult:
    """Run one read-only query against ``graph`` (see the module docstring for the rules).

    Args:
        graph: an rdflib Graph or Dataset (in-memory or Oxigraph-backed).
        query: SPARQL text, a bundled query name or ``.rq`` path, or a :class:`BundledQuery`.
        params: values bound to variables of the query (``{"target": "Huawei"}``).
        allow_service: let ``SERVICE`` through.
        timeout: stop the query after this many seconds (:class:`QueryTimeout`).
        max_rows: keep at most this many rows or triples (``result.truncated``).
        resolve_names: read ``query`` as a bundled query name or ``.rq`` file when it
            looks like one; False takes it as SPARQL text only (for untrusted input).

    Raises:
        QueryError: malformed, forbidden or failing query; :class:`QueryTimeout` on timeout.
    """
    rdflib.plugins.sparql.SPARQL_LOAD_GRAPHS = False
    if isinstance(query, BundledQuery):
        text, bundled = query.text, query
    elif resolve_names:
        text, bundled = resolve_query_text(query)
    else:
        text, bundled = query, None
    checked = check_query(text, allow_service=allow_service)
    bindings = bind_params(checked, params, bundled)
    target = _union_view(graph)
    _check_dataset_clause(target, checked.dataset_iris)
    # Oxigraph runs a query natively (fast). It substitutes only projected variables, so
    # parameters go in as a VALUES block of serialised terms opening the WHERE group; when
    # there is no such place (CONSTRUCT WHERE), rdflib's engine runs it over the Oxigraph store.
    oxigraph = _is_oxigraph(target.store)
    if oxigraph and bindings:
        try:
            with_values = inject_values(text, bindings)
        except QueryError:
            with_values = None
        injected = check_query(with_values, allow_service=allow_service) if with_values else None
        # the VALUES block must parse back to exactly the bound terms, else rdflib's engine runs it
        if injected is not None and _values_of(injected.prepared.algebra, bindings) == dict(bindings):
            checked, text, bindings = injected, with_values, {}
        else:
            oxigraph = False
    if oxigraph and not allow_service:
        from rdflib.plugins.sparql.parser import expandUnicodeEscapes

        if _SERVICE_TEXT.search(expandUnicodeEscapes(text)):
            # the query goes to Oxigraph as text: refuse anything its parser could read as SERVICE
            raise QueryError("SERVICE is refused: a query may not send requests to other hosts")
    if timeout is not None and not oxigraph:
        _guard_store(target.store)

    def execute() -> QueryResult:
        try:
            if oxigraph:
                raw = target.query(text, initNs=PREFIXES, initBindings=bindings)
            else:
                raw = target.query(checked.prepared, initBindings=bindings)
            return _collect(raw, checked.form, max_rows, _namespaces(target))
        except QueryError:
            raise
        except RecursionError:
            raise QueryError("query is nested too deeply to run") from None
        except SyntaxError as exc:  # Oxigraph's parser
            raise QueryError(f"malformed SPARQL query: {exc}") from None
        except Exception as exc:  # noqa: BLE001 - evaluation errors of either engine become one message
            raise QueryError(f"query failed: {type(exc).__name__}: {exc}") from None

    if timeout is None:
        return execute()
    return _run_with_deadline(execute, timeout)


def _run_with_deadline(execute, timeout: float) -> QueryResult:
    """Run ``execute`` in a worker thread and give up on it after ``timeout`` seconds.

    rdflib's engine checks the deadline as it matches patterns and stops itself;
    Oxigraph releases the GIL while it evaluates and is checked between rows, so
    a query that computes for long before its first row is abandoned: the caller
    gets :class:`QueryTimeout` on time, whose ``worker`` is the thread still running.
    """
    box: dict[str, Any] = {}
    deadline = time.monotonic() + timeout

    def work() -> None:
        _DEADLINE.at = deadline
        try:
            box["result"] = execute()
        except BaseException as exc:  # noqa: BLE001 - handed to the caller's thread
            # drop the engine's objects here: Oxigraph's results must die on the thread that made them
            seen = exc
            while seen is not None:
                if seen.__traceback__ is not None:
                    traceback.clear_frames(seen.__traceback__)
                seen = seen.__context__
            box["error"] = exc
        finally:
            _DEADLINE.at = None

    worker = threading.Thread(target=work, name="kg-query", daemon=True)
    worker.start()
    worker.join(timeout + 0.5)
    if worker.is_alive():
        exc = QueryTimeout("query took longer than its time limit and was stopped; "
                           "simplify it, add LIMIT, or raise the limit (--timeout)")
        exc.worker = worker
        raise exc
    if "error" in box:
        raise box["error"]
    return box["result"]


def _union_view(graph: Graph) -> Graph:
    """The same store seen as a Dataset whose default graph is the union of all graphs."""
    if isinstance(graph, (Dataset, ConjunctiveGraph)):
        if isinstance(graph, Dataset) and graph.default_union:
            return graph
        view = Dataset(store=graph.store, default_union=True)
        return view
    return graph


def _check_dataset_clause(graph: Graph, iris: Iterable[URIRef]) -> None:
    iris = list(iris)
    if not iris:
        return
    local = _graph_names(graph)
    for iri in iris:
        if iri not in local:
            raise QueryError(f"FROM <{iri}> is refused: only the graphs in this dataset can be named "
                             "(the article graphs); nothing is loaded from files or the network")


def _graph_names(graph: Graph) -> set[URIRef]:
    if not isinstance(graph, (Dataset, ConjunctiveGraph)):
        return set()
    store = graph.store
    if _is_oxigraph(store):
        return {URIRef(g.value) for g in store._inner.named_graphs() if hasattr(g, "value")}
    return {g.identifier for g in store.contexts() if isinstance(g.identifier, URIRef)}


def _namespaces(graph: Graph) -> tuple[tuple[str, str], ...]:
    ns = dict(PREFIXES)
    try:
        for prefix, iri in graph.namespaces():
            if prefix and prefix not in ns and str(iri) not in ns.values():
                ns[prefix] = str(iri)
    except Exception:  # noqa: BLE001 - prefixes are only for display
        log.debug("no namespaces for display", exc_info=True)
    return tuple(sorted(ns.items()))


def _collect(raw, form: str, max_rows: int | None, namespaces) -> QueryResult:
    result = QueryResult(form=form, namespaces=namespaces)
    if raw.type == "ASK":
        result.boolean = bool(raw.askAnswer)
        return result
    if raw.type in ("CONSTRUCT", "DESCRIBE"):
        g = Graph()
        for prefix, iri in namespaces:
            g.bind(prefix, iri, override=True)
        for i, triple in enumerate(raw.graph):
            if not i & 255:
                _check_deadline()
            if max_rows is not None and i >= max_rows:
                result.truncated = True
                break
            g.add(triple)
        result.form = raw.type
        result.graph = g
        return result
    result.vars = tuple(str(v) for v in (raw.vars or ()))
    variables = [Variable(v) for v in result.vars]
    rows = iter(raw)
    try:
        for i, row in enumerate(rows):
            if not i & 63:
                _check_deadline()
            if max_rows is not None and i >= max_rows:
                result.truncated = True
                break
            result.rows.append(tuple(row.get(v) for v in variables))
    finally:
        # close the engine's row stream now, on this thread (Oxigraph's must not be freed elsewhere)
        rows.close()
        pending = getattr(raw, "_genbindings", None)
        if pending is not None and hasattr(pending, "close"):
            pending.close()
    return result


def query(graph_or_path: Any, sparql: str, /, **params: Any) -> list[tuple] | bool | Graph:
    """Query a graph from Python: rows with named fields for SELECT.

    Args:
        graph_or_path: an rdflib Graph/Dataset, a graph file or build folder, or
            ``"oxigraph:PATH"``.
        sparql: SPARQL text, a bundled query name (see ``kg query --list``) or a ``.rq`` file.
        **params: values for variables of the query, bound safely (``target="Huawei"``).

    Returns:
        SELECT: a list of named tuples (``row.label``; values are rdflib terms or
        None); ASK: a bool; CONSTRUCT/DESCRIBE: an rdflib Graph.

    Raises:
        QueryError: the query is malformed, forbidden, or failed.

    Example:
        >>> import kg  # doctest: +SKIP
        >>> rows = kg.query("out/graph.trig", "sanctions-on-target", target="Huawei")  # doctest: +SKIP
        >>> [(r.body_label, r.program) for r in rows]  # doctest: +SKIP
    """
    result = run_query(open_graph(graph_or_path), sparql, params)
    if result.form == "ASK":
        return bool(result.boolean)
    if result.form in ("CONSTRUCT", "DESCRIBE"):
        return result.graph
    return result.records()


# ---------------------------------------------------------------------------
# Result formats

MEDIA_TYPES = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
    "ttl": "text/turtle",
    "nt": "application/n-triples",
    "table": "text/plain",
}


def term_json(term: Node) -> dict[str, str]:
    """One RDF term in the SPARQL 1.1 JSON results format."""
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    out = {"type": "literal", "value": str(term)}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype is not None and term.datatype != XSD.string:
        out["datatype"] = str(term.datatype)
    return out


def _tsv_term(term: Node | None) -> str:
    if term is None:
        return ""
    if isinstance(term, URIRef):
        return f"<{term}>"
    if isinstance(term, BNode):
        return f"_:{term}"
    text = (str(term).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
            .replace("\r", "\\r").replace("\t", "\\t"))
    if term.language:
        return f'"{text}"@{term.language}'
    if term.datatype is not None and term.datatype != XSD.string:
        return f'"{text}"^^<{term.datatype}>'
    return f'"{text}"'


def _csv_term(term: Node | None) -> str:
    if term is None:
        return ""
    if isinstance(term, BNode):
        return f"_:{term}"
    return str(term)


def _xml_results(result: QueryResult) -> str:
    from xml.sax.saxutils import escape, quoteattr

    out = ['<?xml version="1.0"?>', '<sparql xmlns="http://www.w3.org/2005/sparql-results#">', "<head>"]
    if result.form == "ASK":
        out += ["</head>", f"<boolean>{'true' if result.boolean else 'false'}</boolean>", "</sparql>"]
        return "\n".join(out) + "\n"
    out += [f"<variable name={quoteattr(v)}/>" for v in result.vars]
    out += ["</head>", "<results>"]
    for row in result.rows:
        out.append("<result>")
        for var, term in zip(result.vars, row):
            if term is None:
                continue
            if isinstance(term, URIRef):
                value = f"<uri>{escape(str(term))}</uri>"
            elif isinstance(term, BNode):
                value = f"<bnode>{escape(str(term))}</bnode>"
            else:
                attrs = ""
                if term.language:
                    attrs = f" xml:lang={quoteattr(term.language)}"
                elif term.datatype is not None and term.datatype != XSD.string:
                    attrs = f" datatype={quoteattr(str(term.datatype))}"
                value = f"<literal{attrs}>{escape(_xml_safe(str(term)))}</literal>"
            out.append(f"<binding name={quoteattr(var)}>{value}</binding>")
        out.append("</result>")
    out += ["</results>", "</sparql>"]
    return "\n".join(out) + "\n"


def _xml_safe(text: str) -> str:
    return re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]", "\ufffd", text)


def format_result(result: QueryResult, fmt: str, *, width: int | None = None) -> str:
    """Serialise a result: ``table``, ``csv``, ``tsv``, ``json``, ``xml``, ``ttl`` or ``nt``.

    SELECT and ASK take table/csv/tsv/json/xml (ASK as ``true``/``false``);
    CONSTRUCT and DESCRIBE take ttl/nt (and table, which is Turtle).

    Raises:
        QueryError: the format does not fit the query form.
    """
    if result.form in ("CONSTRUCT", "DESCRIBE"):
        if fmt in ("ttl", "table"):
            return result.graph.serialize(format="turtle")
        if fmt == "nt":
            return "".join(sorted(result.graph.serialize(format="nt").splitlines(keepends=True)))
        raise QueryError(f"a {result.form} query gives triples: use --format ttl (or nt), not {fmt}")
    if fmt in ("ttl", "nt"):
        raise QueryError(f"a {result.form} query gives {'a yes/no answer' if result.form == 'ASK' else 'rows'}: "
                         "use --format table, csv, tsv or json")
    if fmt == "json":
        if result.form == "ASK":
            return json.dumps({"head": {}, "boolean": bool(result.boolean)}) + "\n"
        bindings = [{v: term_json(t) for v, t in zip(result.vars, row) if t is not None} for row in result.rows]
        return json.dumps({"head": {"vars": list(result.vars)}, "results": {"bindings": bindings}},
                          ensure_ascii=False) + "\n"
    if fmt == "xml":
        return _xml_results(result)
    if result.form == "ASK":
        return ("true" if result.boolean else "false") + "\n"
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\r\n")
        writer.writerow(result.vars)
        for row in result.rows:
            writer.writerow([_csv_term(t) for t in row])
        return buf.getvalue()
    if fmt == "tsv":
        lines = ["\t".join(f"?{v}" for v in result.vars)]
        lines += ["\t".join(_tsv_term(t) for t in row) for row in result.rows]
        return "\n".join(lines) + "\n"
    if fmt == "table":
        return format_table(result, width=width)
    raise QueryError(f"unknown format {fmt!r}; choose from table, csv, tsv, json, ttl")


def format_table(result: QueryResult, *, width: int | None = None) -> str:
    """An aligned text table of SELECT rows; IRIs shortened with the known prefixes.

    Args:
        width: cut each cell to this many characters (None: no cut).
    """
    nm = NamespaceManager(Graph(), bind_namespaces="none")
    for prefix, iri in result.namespaces:
        nm.bind(prefix, iri, override=True, replace=True)

    def cell(term: Node | None) -> str:
        if term is None:
            return ""
        if isinstance(term, URIRef):
            try:
                text = nm.normalizeUri(term)
            except Exception:  # noqa: BLE001 - fall back to the full IRI
                text = f"<{term}>"
            if text.startswith("<") is False and ":" not in text:
                text = f"<{term}>"
        elif isinstance(term, BNode):
            text = f"_:{term}"
        else:
            text = str(term)
        text = re.sub(r"\s+", " ", text).strip()
        if width and len(text) > width:
            text = text[: width - 1] + "…"
        return text

    header = list(result.vars)
    body = [[cell(t) for t in row] for row in result.rows]
    widths = [max([len(h), *(len(r[i]) for r in body)]) for i, h in enumerate(header)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(header, widths)).rstrip(),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() for r in body]
    lines.append(f"({len(body)} row{'s' if len(body) != 1 else ''}{', truncated' if result.truncated else ''})")
    return "\n".join(lines) + "\n"


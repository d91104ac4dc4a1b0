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

>>> import kg
>>> for row in kg.query("out/graph.trig", "offers")[:2]:
...     print(row.offered_by, row.item, row.sources)
Pfizer AstraZeneca 1
SoftBank Group Arm 1
"""
from __future__ import annotations

import logging
import threading
import time
import traceback
import warnings
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import rdflib.plugins.sparql
from rdflib import Dataset, Graph, URIRef, Variable
from rdflib.graph import ConjunctiveGraph

from kg.errors import InputError, QueryError, UnknownTermWarning, UnmatchedNameWarning
from kg.sparql.catalogue import BundledQuery, resolve_query
from kg.sparql.deadline import DEADLINE, QueryTimeout, check_deadline, guard_engine, guard_store
from kg.sparql.diagnose import check_parameters_given, explain_empty, unknown_term_notes
from kg.sparql.params import bind_params, inject_values, values_of
from kg.sparql.results import QueryResult
from kg.sparql.safety import check_query
from kg.store.oxigraph import oxigraph_of
from kg.vocab import QUERY_PREFIXES

log = logging.getLogger(__name__)

# A query must never make rdflib fetch a FROM / FROM NAMED graph from a file or URL.
rdflib.plugins.sparql.SPARQL_LOAD_GRAPHS = False

DEFAULT_TIMEOUT = 30.0  # seconds, for `kg query` and `kg serve`
DEFAULT_MAX_ROWS = 100_000  # rows (SELECT) or triples (CONSTRUCT/DESCRIBE)




# ---------------------------------------------------------------------------
# Bundled queries


# ---------------------------------------------------------------------------
# Checking a query before it runs


# ---------------------------------------------------------------------------
# Running a query


def _is_oxigraph(store) -> bool:
    return oxigraph_of(store) is not None


def open_graph(graph_or_path: Any, *, engine: str = "auto") -> Graph:
    """A Graph or Dataset to query: the object itself, or one loaded from a path or store spec.

    Raises:
        InputError: the path cannot be read as a graph, or holds no triple (``report.json``, a JSON file
            that is not JSON-LD, an empty store): a query of it could only ever be empty.
    """
    if isinstance(graph_or_path, Graph):
        return graph_or_path
    from kg.store.files import load_dataset

    graph = load_dataset(graph_or_path, engine=engine)
    if next(iter(graph.quads((None, None, None, None))), None) is None:
        spec = str(graph_or_path)
        hint = (f"build into it first: kg build ARTICLES --into {spec}" if spec.startswith("oxigraph:") else
                "give a build folder or one of its graph files (graph.trig, graph.ttl); report.json is the "
                "build's report, not its graph")
        raise InputError(f"{spec} holds no RDF triples, so every query of it would be empty; {hint}")
    return graph


def run_query(graph: Graph, query: str | BundledQuery, params: Mapping[str, Any] | None = None, *,
              allow_service: bool = False, timeout: float | None = None,
              max_rows: int | None = None, resolve_names: bool = True, pool: Any = None,
              on_warning: Callable[[str], None] | None = None) -> QueryResult:
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
        pool: a :class:`kg.sparql.isolated.QueryPool` over the same store: Oxigraph queries run
            in its worker processes, killed at the deadline (``kg serve``).
        on_warning: called, before the query runs, with a line for each ``kg:`` term it uses that the
            ontology does not define; by default each is a :class:`kg.errors.UnknownTermWarning`.
            (Values that match no name are ``result.unmatched``, after it ran.)

    Raises:
        QueryError: malformed, forbidden or failing query; :class:`QueryTimeout` on timeout.
    """
    rdflib.plugins.sparql.SPARQL_LOAD_GRAPHS = False
    guard_engine()
    file = None
    if isinstance(query, BundledQuery):
        text, bundled = query.text, query
    elif resolve_names:
        text, bundled, file = resolve_query(query)
    else:
        text, bundled = query, None
    checked = check_query(text, allow_service=allow_service)
    if file is not None:
        check_parameters_given(checked, params or {}, file=file, raw=text)
    for note in unknown_term_notes(checked):  # reported before the query runs: it may run long
        (on_warning or _warn_unknown_term)(note)
    text = checked.text  # the canonical text that was checked: what Oxigraph runs
    bindings = bind_params(checked, params, bundled)
    asked, asked_bindings = checked, bindings  # what the user asked, to explain an empty result
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
        if injected is not None and values_of(injected.prepared.algebra, bindings) == dict(bindings):
            checked, text, bindings = injected, with_values, {}
        else:
            oxigraph = False
    if timeout is not None and not oxigraph:
        guard_store(target.store)
    if oxigraph and pool is not None:
        result = _run_in_pool(pool, target, text, checked.form, timeout=timeout, max_rows=max_rows)
        return _explained(result, target, asked, asked_bindings)

    def execute() -> QueryResult:
        try:
            if oxigraph:
                return _run_oxigraph(target, text, checked.form, max_rows=max_rows)
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

    result = execute() if timeout is None else _run_with_deadline(execute, timeout)
    return _explained(result, target, asked, asked_bindings)


def _warn_unknown_term(note: str) -> None:
    warnings.warn(note, UnknownTermWarning, stacklevel=4)  # the caller of kg.query, or of run_query via it


def _explained(result: QueryResult, graph: Graph, checked, bindings) -> QueryResult:
    """``result``, with the given values that match nothing in the graph when it is empty."""
    if result.empty and bindings:
        result.unmatched = explain_empty(graph, checked, bindings)
    return result


def _run_oxigraph(target: Graph, text: str, form: str, *, max_rows: int | None) -> QueryResult:
    """Run a checked query natively in the Oxigraph store behind ``target``, in this process."""
    from kg.sparql.isolated import answer

    namespaces = _namespaces(target)
    raw = answer(oxigraph_of(target.store), text, prefixes=dict(namespaces),
                 union=not target.store.union_materialized, max_rows=max_rows, check=check_deadline)
    return _from_raw(raw, form, namespaces)


def _run_in_pool(pool, target: Graph, text: str, form: str, *, timeout: float | None,
                 max_rows: int | None) -> QueryResult:
    """Run a checked query in a worker process of ``pool`` (see :mod:`kg.sparql.isolated`)."""
    namespaces = _namespaces(target)
    raw = pool.run(text, prefixes=dict(namespaces), union=not target.store.union_materialized,
                   timeout=timeout, max_rows=max_rows)
    return _from_raw(raw, form, namespaces)


def _from_raw(raw: tuple, form: str, namespaces) -> QueryResult:
    """A QueryResult for an answer of :func:`kg.sparql.isolated.answer`."""
    from kg.sparql.isolated import decode
    from kg.store.oxigraph import normalize_literal

    result = QueryResult(form=form, namespaces=namespaces)
    if raw[0] == "ASK":
        result.boolean = raw[1]
    elif raw[0] == "SELECT":
        _, names, rows, result.truncated = raw
        result.vars = tuple(names)
        result.rows = [tuple(normalize_literal(decode(t)) for t in row) for row in rows]
    else:
        _, triples, result.truncated = raw
        g = Graph()
        for prefix, iri in namespaces:
            g.bind(prefix, iri, override=True)
        for s, p, o in triples:
            g.add((decode(s), decode(p), normalize_literal(decode(o))))
        result.graph = g
    return result


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
        DEADLINE.at = deadline
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
            DEADLINE.at = None

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
        return {URIRef(g.value) for g in oxigraph_of(store).named_graphs() if hasattr(g, "value")}
    return {g.identifier for g in store.contexts() if isinstance(g.identifier, URIRef)}


def _namespaces(graph: Graph) -> tuple[tuple[str, str], ...]:
    ns = dict(QUERY_PREFIXES)
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
                check_deadline()
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
                check_deadline()
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
        None) whose ``to_frame()`` gives a pandas DataFrame (pandas installed); ASK: a bool;
        CONSTRUCT/DESCRIBE: an rdflib Graph.

    Raises:
        QueryError: the query is malformed, forbidden, or failed; or it is a bundled query or ``.rq`` file
            and a parameter it needs was not given.

    Warns:
        kg.errors.UnknownTermWarning: before the query runs, for each ``kg:`` term it uses that the
            ontology does not define (``kg:Ofer``), with the nearest terms.
        kg.errors.UnmatchedNameWarning: the result is empty and a name given (``target="Huwaei"``) is no
            name or alias in the graph; the message suggests the nearest ones.

    Example:
        >>> import kg
        >>> rows = kg.query("out/graph.trig", "sanctions-on-target", target="Huawei")
        >>> [(str(r.imposed_by), str(r.program)) for r in rows]
        [('US Department of Commerce', 'restrictions'), ('British government', 'ban')]
    """
    result = run_query(open_graph(graph_or_path), sparql, params)
    for miss in result.unmatched:
        warnings.warn(miss.message, UnmatchedNameWarning, stacklevel=2)
    if result.form == "ASK":
        return bool(result.boolean)
    if result.form in ("CONSTRUCT", "DESCRIBE"):
        return result.graph
    return result.records()


# ---------------------------------------------------------------------------
# Result formats



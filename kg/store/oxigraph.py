"""Oxigraph behind rdflib: persistent stores, term conversion, and the store class that queries run in.

:func:`open_oxigraph_dataset` opens ``oxigraph:PATH`` as an rdflib ``Dataset`` whose default graph is the union
of the article graphs (set semantics, see :func:`materialize_union`) and whose SPARQL runs natively in Oxigraph;
:class:`OxigraphDiskStore` is the same store opened read-write for ``kg build --into oxigraph:PATH``.
"""
from __future__ import annotations

import functools
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD

from kg.errors import InputError, KgError
from kg.store.base import OXIGRAPH_PREFIX, GraphStore, iri_ref, ordered_triples
from kg.vocab import OUTPUT_PREFIXES, QUERY_PREFIXES


def ox_format(fmt: str):
    import pyoxigraph as ox

    return {"trig": ox.RdfFormat.TRIG, "nquads": ox.RdfFormat.N_QUADS, "turtle": ox.RdfFormat.TURTLE,
            "nt": ox.RdfFormat.N_TRIPLES, "json-ld": ox.RdfFormat.JSON_LD}[fmt]


def open_oxigraph_dataset(path: str, *, read_only: bool = True) -> Dataset:
    """An rdflib Dataset backed by the persistent Oxigraph store at ``path``.

    Raises:
        InputError: there is no store at ``path`` (read-only) or it cannot be opened.
    """
    import pyoxigraph as ox

    if not path:
        raise InputError("oxigraph: needs a folder, e.g. oxigraph:graph.db")
    try:
        if read_only:
            if not Path(path).is_dir():
                raise InputError(f"no Oxigraph store at {path}; create one with `kg build ARTICLES --into oxigraph:{path}`")
            store = ox.Store.read_only(path)
        else:
            store = ox.Store(path)
    except OSError as exc:
        raise InputError(f"cannot open the Oxigraph store at {path}: {exc}") from exc
    return oxigraph_dataset(store)


def oxigraph_dataset(store) -> Dataset:
    ds = Dataset(store=_literal_normalizing_store(store), default_union=True)
    for prefix, ns in OUTPUT_PREFIXES.items():
        ds.bind(prefix, ns, override=True)
    return ds


def from_ox(term) -> Any:
    """An rdflib term for a pyoxigraph term (plain strings stay plain literals)."""
    import pyoxigraph as ox

    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        if term.datatype.value == str(XSD.string):
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(term.datatype.value))
    if isinstance(term, ox.DefaultGraph):
        return None
    raise ValueError(f"unexpected Oxigraph term {term!r}")


def to_ox(term) -> Any:
    """A pyoxigraph term for an rdflib term."""
    import pyoxigraph as ox

    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise ValueError(f"unexpected rdflib term {term!r}")


def normalize_literal(term):
    """``"x"^^xsd:string`` as the plain literal ``"x"`` (the same RDF term; rdflib compares them unequal)."""
    if isinstance(term, Literal) and term.datatype == XSD.string:
        return Literal(str(term))
    if isinstance(term, Literal) and term.datatype == RDF.langString and term.language:
        return Literal(str(term), lang=term.language)
    return term


def materialize_union(store) -> None:
    """Copy every triple of the named graphs into the default graph of an Oxigraph store.

    Oxigraph 0.5 evaluates its "union default graph" as a multiset: a triple
    stated by three articles is matched three times, and COUNT and SUM are
    inflated (oxigraph#1919). The default graph of a newskg store therefore
    holds the union itself, each triple once, and queries run against it.
    """
    store.update("INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }")


def _union_is_materialized(store) -> bool:
    import pyoxigraph as ox

    has_default = next(iter(store.quads_for_pattern(None, None, None, ox.DefaultGraph())), None) is not None
    has_named = next(iter(store.named_graphs()), None) is not None
    return has_default or not has_named


def oxigraph_of(store) -> Any:
    """The pyoxigraph ``Store`` behind an rdflib store opened by this module, or None for any other store."""
    return getattr(store, "ox_store", None) if isinstance(store, _oxigraph_store_class()) else None


def _literal_normalizing_store(ox_store):
    """An rdflib store over an Oxigraph store holding one named graph per article.

    Seen through rdflib, the dataset's default graph is the union of the
    article graphs (set semantics), literals come out as rdflib makes them, and
    SPARQL runs natively in Oxigraph against the materialised union.
    """
    return _oxigraph_store_class()(store=ox_store)


@functools.lru_cache(maxsize=1)
def _oxigraph_store_class():
    import pyoxigraph as ox
    from oxrdflib import OxigraphStore
    from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
    from rdflib.query import Result
    from rdflib.term import Variable

    class KgOxigraphStore(OxigraphStore):
        """oxrdflib's store with set-semantics union and plain literals (see :func:`materialize_union`)."""

        def __init__(self, *, store):
            super().__init__(store=store)
            self.ox_store = store  # our own handle on the pyoxigraph store (oxrdflib's is private)
            self.union_materialized = _union_is_materialized(store)

        def _graphs_of(self, s, p, o):
            names = [q.graph_name for q in self.ox_store.quads_for_pattern(s, p, o, None)
                     if not isinstance(q.graph_name, ox.DefaultGraph)]
            if not names:
                yield Graph(identifier=DATASET_DEFAULT_GRAPH_ID, store=self)
            for name in names:
                yield Graph(identifier=from_ox(name), store=self)

        def triples(self, triple_pattern, context=None):
            if context is not None and getattr(context, "identifier", context) != DATASET_DEFAULT_GRAPH_ID:
                for (s, p, o), ctx in super().triples(triple_pattern, context):
                    yield (s, p, normalize_literal(o)), ctx
                return
            if context is not None:
                # the default graph proper: what no article graph states (the union copies are ours)
                for triple, ctxs in self.triples(triple_pattern, None):
                    graphs = list(ctxs)
                    if all(g.identifier == DATASET_DEFAULT_GRAPH_ID for g in graphs):
                        yield triple, iter(graphs)
                return
            # the union: each triple once, with the graphs that state it
            try:
                s, p, o = (None if t is None else to_ox(t) for t in triple_pattern)
                if self.union_materialized:
                    quads = self.ox_store.quads_for_pattern(s, p, o, ox.DefaultGraph())
                    seen = None
                else:
                    quads = self.ox_store.quads_for_pattern(s, p, o, None)
                    seen = set()
            except (TypeError, ValueError):  # a pattern no RDF triple can match (a literal subject)
                return
            for q in quads:
                if seen is not None:
                    key = (q.subject, q.predicate, q.object)
                    if key in seen:
                        continue
                    seen.add(key)
                triple = (from_ox(q.subject), from_ox(q.predicate), from_ox(q.object))
                yield triple, self._graphs_of(q.subject, q.predicate, q.object)

        def __len__(self, context=None):
            if context is None and self.union_materialized:
                rows = self.ox_store.query("SELECT (COUNT(*) AS ?c) WHERE { ?s ?p ?o }")
                return int(next(iter(rows))[0].value)
            return super().__len__(context)

        def query(self, query, initNs, initBindings, queryGraph, **kwargs):  # noqa: N803 - rdflib's names
            if not isinstance(query, str) or initBindings or kwargs:
                raise NotImplementedError  # rdflib's engine runs it over this store
            union = queryGraph == "__UNION__"
            raw = self.ox_store.query(
                query,
                prefixes={k: str(v) for k, v in dict(self.namespaces(), **initNs).items()},
                use_default_graph_as_union=union and not self.union_materialized,
            )
            if isinstance(raw, ox.QueryBoolean):
                out = Result("ASK")
                out.askAnswer = bool(raw)
            elif isinstance(raw, ox.QuerySolutions):
                out = Result("SELECT")
                out.vars = [Variable(v.value) for v in raw.variables]
                out.bindings = ({v: normalize_literal(from_ox(t)) for v, t in zip(out.vars, sol) if t is not None}
                                for sol in raw)
            else:
                out = Result("CONSTRUCT")
                out.graph = Graph()
                out.graph += ((from_ox(t.subject), from_ox(t.predicate), normalize_literal(from_ox(t.object)))
                              for t in raw)
            return out

    return KgOxigraphStore


class OxigraphDiskStore(GraphStore):
    """A persistent Oxigraph store (RocksDB folder) opened read-write in this process."""

    def __init__(self, path: str | Path):
        import pyoxigraph as ox

        self.path = Path(path)
        self.spec = OXIGRAPH_PREFIX + str(path)
        try:
            self.store = ox.Store(str(path))
        except OSError as exc:
            raise KgError(f"cannot open the Oxigraph store at {path}: {exc} (is another kg process using it?)") from exc

    def select(self, sparql: str) -> list[dict[str, Any]]:
        solutions = self.store.query(sparql, prefixes=QUERY_PREFIXES)
        names = [v.value for v in solutions.variables]
        return [{n: from_ox(t) for n, t in zip(names, sol) if t is not None} for sol in solutions]

    def replace_graphs(self, graphs: Mapping[URIRef, Graph]) -> None:
        import pyoxigraph as ox

        for name, graph in graphs.items():
            g = ox.NamedNode(str(name))
            new = [ox.Triple(to_ox(s), to_ox(p), to_ox(o)) for s, p, o in ordered_triples(graph)]
            keep = set(new)
            old = [ox.Triple(q.subject, q.predicate, q.object) for q in self.store.quads_for_pattern(None, None, None, g)]
            # union triples stated by no other article graph leave the default graph with this one
            stale = [t for t in old if t not in keep and not any(
                q.graph_name != g and not isinstance(q.graph_name, ox.DefaultGraph)
                for q in self.store.quads_for_pattern(t.subject, t.predicate, t.object, None))]
            body = ox.serialize(new, format=ox.RdfFormat.N_TRIPLES).decode("utf-8")
            parts = [f"DROP SILENT GRAPH {iri_ref(name)}"]
            if stale:
                gone = ox.serialize(stale, format=ox.RdfFormat.N_TRIPLES).decode("utf-8")
                parts.append(f"DELETE DATA {{\n{gone}}}")
            if new:
                parts.append(f"INSERT DATA {{\n{body}GRAPH {iri_ref(name)} {{\n{body}}} }}")
            # one update, one transaction: the article graph and the union change together or not at all
            self.store.update(" ;\n".join(parts))

    def dataset(self) -> Dataset:
        """The store as an rdflib Dataset (union default graph)."""
        return oxigraph_dataset(self.store)

    def close(self) -> None:
        store = getattr(self, "store", None)
        if store is not None:
            store.flush()
            del self.store


def bulk_load(path: str | Path, files: list[Path]) -> int:
    """Load N-Quads files (a build's ``graph.nq``, a streaming build's shards) into a new Oxigraph store at ``path``
    with Oxigraph's bulk loader, then the union of their graphs into its default graph (each triple once, as
    :func:`materialize_union` keeps it); returns the quads in the named graphs.

    The bulk loader writes without one big transaction and keeps little in memory; the store is then an ordinary
    newskg store (``kg query oxigraph:PATH``, ``kg build NEW --into oxigraph:PATH``).

    Raises:
        InputError: the store at ``path`` already holds quads (add to it with ``kg build --into``), or a file is
            not N-Quads (the message names the file and the error).
        KgError: the store cannot be opened.
    """
    import tempfile

    import pyoxigraph as ox

    try:
        store = ox.Store(str(path))
    except OSError as exc:
        raise KgError(f"cannot open the Oxigraph store at {path}: {exc} (is another kg process using it?)") from exc
    if next(iter(store.quads_for_pattern(None, None, None, None)), None) is not None:
        raise InputError(f"the Oxigraph store at {path} is not empty: bulk loading is for a new store; add articles "
                         f"to it with `kg build NEW --into oxigraph:{path}`")
    for file in files:
        try:
            store.bulk_load(path=str(file), format=ox.RdfFormat.N_QUADS)
        except SyntaxError as exc:
            raise InputError(f"{file} is not N-Quads: {exc}") from exc
    named = (ox.Triple(q.subject, q.predicate, q.object) for q in store.quads_for_pattern(None, None, None, None)
             if not isinstance(q.graph_name, ox.DefaultGraph))
    with tempfile.TemporaryDirectory(prefix="kg-union-") as tmp:
        union = Path(tmp) / "union.nt"
        ox.serialize(named, output=str(union), format=ox.RdfFormat.N_TRIPLES)  # a triple twice is stored once
        store.bulk_load(path=str(union), format=ox.RdfFormat.N_TRIPLES)
    store.flush()
    quads = sum(1 for q in store.quads_for_pattern(None, None, None, None)
                if not isinstance(q.graph_name, ox.DefaultGraph))
    del store
    return quads


def open_oxigraph_store(spec: str) -> OxigraphDiskStore:
    """The store of ``oxigraph:PATH`` opened read-write (created when missing), for ``kg build --into``.

    Raises:
        InputError: the spec names no folder.
    """
    path = spec[len(OXIGRAPH_PREFIX):]
    if not path:
        raise InputError("oxigraph: needs a folder, e.g. --into oxigraph:graph.db")
    return OxigraphDiskStore(path)

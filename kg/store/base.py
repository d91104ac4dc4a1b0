"""Where graphs live: graph files and build folders, Oxigraph stores on disk, SPARQL endpoints.

Reading (``kg query``, ``kg serve``, ``kg export``, ``kg view``) goes through
:func:`load_dataset`, which always gives an rdflib :class:`~rdflib.Dataset`:

* a graph file or build folder is parsed into rdflib's memory store, or, when
  the file is large (:data:`FAST_LOAD_BYTES`), into an in-memory Oxigraph store
  behind the same rdflib API (about ten times faster to load and to query);
* ``oxigraph:PATH`` opens a persistent Oxigraph store read-only.

Writing (``kg build --into``) goes through :func:`open_store`, which gives a
:class:`GraphStore` for a build folder, ``oxigraph:PATH`` or
``sparql+http(s)://...`` (any SPARQL 1.1 Update / Graph Store Protocol endpoint).
Every store keeps one named graph per article and replaces it whole.

Nothing here fetches anything a data file names: JSON-LD is parsed by Oxigraph,
which loads no remote ``@context``.
"""
from __future__ import annotations

import base64
import functools
import json
import logging
import re
import urllib.error
import urllib.parse
import urllib.request
from abc import ABC, abstractmethod
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, Self

from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD

from kg.errors import InputError, KgError

log = logging.getLogger(__name__)

_BY_SUFFIX = {".trig": "trig", ".nq": "nquads", ".ttl": "turtle", ".nt": "nt", ".jsonld": "json-ld", ".json": "json-ld"}
OXIGRAPH_PREFIX = "oxigraph:"
REMOTE_PREFIXES = ("sparql+http://", "sparql+https://")
FAST_LOAD_BYTES = 8 * 1024 * 1024  # graph files at least this big (~800 articles) are loaded into Oxigraph
ENGINES = ("auto", "memory", "oxigraph")


def find_graph_file(path: Path) -> Path:
    """The graph file for a path: the path itself, or graph.trig / graph.ttl inside a build folder.

    Raises:
        InputError: nothing usable is there.
    """
    path = Path(path)
    if path.is_dir():
        for name in ("graph.trig", "graph.nq", "graph.ttl"):
            if (path / name).is_file():
                return path / name
        raise InputError(f"{path} has no graph.trig or graph.ttl; run `kg build ... --out {path}` first")
    if not path.exists():
        raise InputError(f"{path}: no such file; give a graph file (.trig, .ttl, .nq, .nt, .jsonld) or a build folder")
    return path


def is_oxigraph_spec(spec: Any) -> bool:
    """True for ``oxigraph:PATH``."""
    return isinstance(spec, str) and spec.startswith(OXIGRAPH_PREFIX)


def is_remote_spec(spec: Any) -> bool:
    """True for ``sparql+http://...`` and ``sparql+https://...``."""
    return isinstance(spec, str) and spec.startswith(REMOTE_PREFIXES)


def load_dataset(path: str | Path, *, engine: str = "auto") -> Dataset:
    """A Dataset for a graph file, a build folder, or ``oxigraph:PATH`` (opened read-only).

    Args:
        path: the graph file, folder or store.
        engine: ``memory`` (rdflib's store), ``oxigraph`` (Oxigraph in memory) or
            ``auto`` (Oxigraph for files of :data:`FAST_LOAD_BYTES` or more).

    Raises:
        InputError: unknown format, a syntax error (with the parser's message),
            or a store that cannot be opened.
    """
    if engine not in ENGINES:
        raise InputError(f"unknown engine {engine!r}; choose from {', '.join(ENGINES)}")
    spec = str(path)
    if is_oxigraph_spec(spec):
        return open_oxigraph_dataset(spec[len(OXIGRAPH_PREFIX):], read_only=True)
    if is_remote_spec(spec):
        raise InputError(f"{spec}: a SPARQL endpoint is queried directly (it is its own server); "
                         "kg query and kg serve read graph files, build folders and oxigraph: stores")
    file = find_graph_file(Path(path))
    fmt = _BY_SUFFIX.get(file.suffix.lower())
    if fmt is None:
        raise InputError(f"{file}: unknown graph format; use .trig, .ttl, .nq, .nt or .jsonld")
    if engine == "auto":
        try:
            big = file.stat().st_size >= FAST_LOAD_BYTES
        except OSError:
            big = False
        engine = "oxigraph" if big else "memory"
    if engine == "oxigraph" or fmt == "json-ld":
        return _load_with_oxigraph(file, fmt, into_memory=engine == "memory")
    ds = Dataset()
    try:
        if fmt in ("trig", "nquads"):
            ds.parse(file, format=fmt)
        else:
            ds.default_graph.parse(file, format=fmt)
    except Exception as exc:  # noqa: BLE001 - rdflib raises many types for bad syntax
        raise InputError(f"{file} is not valid {fmt}: {exc}") from exc
    return ds


def _ox_format(fmt: str):
    import pyoxigraph as ox

    return {"trig": ox.RdfFormat.TRIG, "nquads": ox.RdfFormat.N_QUADS, "turtle": ox.RdfFormat.TURTLE,
            "nt": ox.RdfFormat.N_TRIPLES, "json-ld": ox.RdfFormat.JSON_LD}[fmt]


def _load_with_oxigraph(file: Path, fmt: str, *, into_memory: bool) -> Dataset:
    import pyoxigraph as ox

    store = ox.Store()
    try:
        store.load(path=str(file), format=_ox_format(fmt))
    except (SyntaxError, ValueError) as exc:
        raise InputError(f"{file} is not valid {fmt}: {exc}") from exc
    except OSError as exc:
        raise InputError(f"cannot read {file}: {exc}") from exc
    prefixes = _declared_prefixes(file, fmt)
    if not into_memory:
        materialize_union(store)
        ds = _oxigraph_dataset(store)
        for prefix, ns in prefixes.items():
            ds.bind(prefix, ns, override=False)
        return ds
    ds = Dataset()
    for prefix, ns in prefixes.items():
        ds.bind(prefix, ns, override=True, replace=True)
    default = ds.default_graph
    ds.addN((from_ox(q.subject), from_ox(q.predicate), from_ox(q.object),
             default if isinstance(q.graph_name, ox.DefaultGraph) else ds.graph(from_ox(q.graph_name)))
            for q in store)
    return ds


def _declared_prefixes(file: Path, fmt: str) -> dict[str, str]:
    """The prefixes a Turtle/TriG file declares before its first triple (for readable output)."""
    import pyoxigraph as ox

    if fmt not in ("trig", "turtle"):
        return {}
    try:
        parser = ox.parse(path=str(file), format=_ox_format(fmt))
        next(iter(parser), None)
        return dict(parser.prefixes)
    except (SyntaxError, ValueError, OSError):
        return {}


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
    return _oxigraph_dataset(store)


def _oxigraph_dataset(store) -> Dataset:
    from kg.rdf.writer import PREFIXES

    ds = Dataset(store=_literal_normalizing_store(store), default_union=True)
    for prefix, ns in PREFIXES.items():
        ds.bind(prefix, ns, override=True)
    return ds


# ---------------------------------------------------------------------------
# Terms between rdflib and pyoxigraph


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
    from oxrdflib._converter import to_ox_quad_pattern
    from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
    from rdflib.query import Result
    from rdflib.term import Variable

    class KgOxigraphStore(OxigraphStore):
        """oxrdflib's store with set-semantics union and plain literals (see :func:`materialize_union`)."""

        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.union_materialized = _union_is_materialized(self._inner)

        def _graphs_of(self, s, p, o):
            names = [q.graph_name for q in self._inner.quads_for_pattern(s, p, o, None)
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
                s, p, o, _ = to_ox_quad_pattern(triple_pattern)
                if self.union_materialized:
                    quads = self._inner.quads_for_pattern(s, p, o, ox.DefaultGraph())
                    seen = None
                else:
                    quads = self._inner.quads_for_pattern(s, p, o, None)
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
                rows = self._inner.query("SELECT (COUNT(*) AS ?c) WHERE { ?s ?p ?o }")
                return int(next(iter(rows))[0].value)
            return super().__len__(context)

        def query(self, query, initNs, initBindings, queryGraph, **kwargs):  # noqa: N803 - rdflib's names
            if not isinstance(query, str) or initBindings or kwargs:
                raise NotImplementedError  # rdflib's engine runs it over this store
            union = queryGraph == "__UNION__"
            raw = self._inner.query(
                query,
                prefixes={k: str(v) for k, v in dict(self._namespace_for_prefix, **initNs).items()},
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


# ---------------------------------------------------------------------------
# Stores a build writes into


class GraphStore(ABC):
    """A place holding one named graph per article, that a build can add to."""

    spec: str

    @abstractmethod
    def select(self, sparql: str) -> list[dict[str, Any]]:
        """Rows of a trusted SELECT query (variable name -> rdflib term); use ``GRAPH ?g``."""

    @abstractmethod
    def replace_graphs(self, graphs: Mapping[URIRef, Graph]) -> None:
        """Replace each named graph whole with the given triples (creating it if new)."""

    def remove_graphs(self, names: Iterable[URIRef]) -> None:
        """Remove these named graphs (those that exist)."""
        self.replace_graphs({URIRef(n): Graph() for n in names})

    def close(self) -> None:
        """Release the store."""

    def stats(self) -> dict[str, int]:
        """Named graphs, quads and distinct triples in the store's named graphs."""
        rows = self.select("SELECT (COUNT(DISTINCT ?g) AS ?graphs) (COUNT(*) AS ?quads) "
                           "WHERE { GRAPH ?g { ?s ?p ?o } }")
        row = rows[0] if rows else {}
        triples = self.select("SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } } }")
        return {"named_graphs": int(row.get("graphs") or 0), "quads": int(row.get("quads") or 0),
                "triples": int((triples[0] if triples else {}).get("n") or 0)}

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def ordered_triples(graph: Graph) -> list[tuple]:
    """The triples of an article graph, its ``kg:contentHash`` last.

    The hash says "this article is complete": written last, a graph cut short by
    a crash has no hash, and the next build redoes it.
    """
    from kg.vocab import KG

    triples = sorted(graph, key=lambda t: (t[1] == KG.contentHash, t[0], t[1], t[2]))
    return triples


class DatasetStore(GraphStore):
    """An rdflib Dataset in this process (a build folder being extended)."""

    def __init__(self, dataset: Dataset, spec: str = "<memory>"):
        self.dataset = dataset
        self.spec = spec

    def select(self, sparql: str) -> list[dict[str, Any]]:
        from kg.sparql.engine import run_query

        result = run_query(self.dataset, sparql)
        return [{v: t for v, t in zip(result.vars, row) if t is not None} for row in result.rows]

    def replace_graphs(self, graphs: Mapping[URIRef, Graph]) -> None:
        for name, graph in graphs.items():
            self.dataset.remove_graph(URIRef(name))
            target = self.dataset.graph(URIRef(name))
            target.addN((s, p, o, target) for s, p, o in ordered_triples(graph))

    def remove_graphs(self, names: Iterable[URIRef]) -> None:
        for name in names:
            self.dataset.remove_graph(URIRef(name))


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
        from kg.sparql.engine import PREFIXES

        solutions = self.store.query(sparql, prefixes=PREFIXES)
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
            parts = [f"DROP SILENT GRAPH {_iri_ref(name)}"]
            if stale:
                gone = ox.serialize(stale, format=ox.RdfFormat.N_TRIPLES).decode("utf-8")
                parts.append(f"DELETE DATA {{\n{gone}}}")
            if new:
                parts.append(f"INSERT DATA {{\n{body}GRAPH {_iri_ref(name)} {{\n{body}}} }}")
            # one update, one transaction: the article graph and the union change together or not at all
            self.store.update(" ;\n".join(parts))

    def dataset(self) -> Dataset:
        """The store as an rdflib Dataset (union default graph)."""
        return _oxigraph_dataset(self.store)

    def close(self) -> None:
        store = getattr(self, "store", None)
        if store is not None:
            store.flush()
            del self.store


class RemoteStore(GraphStore):
    """A SPARQL 1.1 endpoint: Query for reading, Graph Store Protocol or Update for writing.

    Args:
        query_url: the SPARQL query endpoint.
        update_url: the SPARQL Update endpoint (default: ``query_url``).
        gsp_url: the Graph Store Protocol endpoint; when given, each article
            graph is replaced with one ``PUT ?graph=IRI``; otherwise with
            ``DROP SILENT GRAPH`` + ``INSERT DATA`` updates in batches.
        batch_triples: triples per update request.
        timeout: seconds per HTTP request.
    """

    def __init__(self, query_url: str, *, update_url: str | None = None, gsp_url: str | None = None,
                 batch_triples: int = 10_000, timeout: float = 120.0, spec: str | None = None):
        self.query_url, self._auth = _split_auth(query_url)
        self.update_url = _split_auth(update_url)[0] if update_url else self.query_url
        self.gsp_url = _split_auth(gsp_url)[0] if gsp_url else None
        self.batch_triples = max(1, batch_triples)
        self.timeout = timeout
        self.spec = spec or query_url
        self.requests = 0  # HTTP requests made (reported in the build report)

    # -- HTTP -----------------------------------------------------------------
    def _send(self, method: str, url: str, body: bytes, content_type: str, accept: str = "*/*") -> bytes:
        req = urllib.request.Request(url, data=body, method=method,
                                     headers={"Content-Type": content_type, "Accept": accept,
                                              "User-Agent": "newskg"})
        if self._auth:
            req.add_header("Authorization", self._auth)
        self.requests += 1
        try:
            with urllib.request.urlopen(req, timeout=self.timeout) as resp:  # noqa: S310 - URL given by the user
                return resp.read()
        except urllib.error.HTTPError as exc:
            detail = exc.read(2000).decode("utf-8", "replace").strip()
            raise KgError(f"{method} {url} failed: HTTP {exc.code} {exc.reason}: {detail}") from exc
        except (urllib.error.URLError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            raise KgError(f"cannot reach the SPARQL endpoint {url}: {reason}") from exc

    def select(self, sparql: str) -> list[dict[str, Any]]:
        from kg.sparql.engine import PREFIXES

        prologue = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())
        body = urllib.parse.urlencode({"query": prologue + sparql}).encode("utf-8")
        data = self._send("POST", self.query_url, body, "application/x-www-form-urlencoded",
                          accept="application/sparql-results+json")
        try:
            doc = json.loads(data)
            return [{k: term_from_json(v) for k, v in b.items()} for b in doc["results"]["bindings"]]
        except (ValueError, KeyError, TypeError) as exc:
            raise KgError(f"{self.query_url} did not answer with SPARQL JSON results: {exc}") from exc

    def update(self, sparql: str) -> None:
        """Send one SPARQL Update request."""
        self._send("POST", self.update_url, sparql.encode("utf-8"), "application/sparql-update")

    def remove_graphs(self, names: Iterable[URIRef]) -> None:
        names = list(names)
        if names:
            self.update(" ;\n".join(f"DROP SILENT GRAPH {_iri_ref(n)}" for n in names))

    def replace_graphs(self, graphs: Mapping[URIRef, Graph]) -> None:
        if self.gsp_url:
            for name, graph in graphs.items():
                url = _with_query(self.gsp_url, {"graph": str(name)})
                self._send("PUT", url, to_ntriples(ordered_triples(graph)), "application/n-triples")
            return
        for request in update_batches(graphs, self.batch_triples):
            self.update(request)


def update_batches(graphs: Mapping[URIRef, Graph], batch_triples: int) -> Iterable[str]:
    """SPARQL Update requests replacing each graph, at most ``batch_triples`` triples each.

    A graph split over several requests is dropped in the first, and its
    ``kg:contentHash`` comes in the last.
    """
    parts: list[str] = []
    size = 0
    for name, graph in graphs.items():
        iri = _iri_ref(name)
        triples = ordered_triples(graph)
        parts.append(f"DROP SILENT GRAPH {iri}")
        for start in range(0, len(triples), batch_triples) if triples else ():
            chunk = triples[start:start + batch_triples]
            if size and size + len(chunk) > batch_triples:
                yield " ;\n".join(parts) + "\n"
                parts, size = [], 0
            body = to_ntriples(chunk).decode("utf-8")
            parts.append(f"INSERT DATA {{ GRAPH {iri} {{\n{body}}} }}")
            size += len(chunk)
    if parts:
        yield " ;\n".join(parts) + "\n"


def to_ntriples(triples: Iterable[tuple]) -> bytes:
    """N-Triples bytes of rdflib triples (written by Oxigraph: always valid, one per line)."""
    import pyoxigraph as ox

    return ox.serialize([ox.Triple(to_ox(s), to_ox(p), to_ox(o)) for s, p, o in triples],
                        format=ox.RdfFormat.N_TRIPLES)


def term_from_json(value: Mapping[str, str]) -> Any:
    """An rdflib term from one binding of the SPARQL 1.1 JSON results format."""
    kind = value.get("type")
    if kind == "uri":
        return URIRef(value["value"])
    if kind == "bnode":
        return BNode(value["value"])
    if kind in ("literal", "typed-literal"):
        if "xml:lang" in value:
            return Literal(value["value"], lang=value["xml:lang"])
        dt = value.get("datatype")
        if dt and dt != str(XSD.string):
            return Literal(value["value"], datatype=URIRef(dt))
        return Literal(value["value"])
    raise ValueError(f"unknown term type {kind!r}")


def _iri_ref(iri: str) -> str:
    if not re.fullmatch(r"[^\s<>\"{}|\\^`]+", str(iri)):
        raise KgError(f"graph name {iri!r} is not a valid IRI")
    return f"<{iri}>"


def _with_query(url: str, params: Mapping[str, str]) -> str:
    sep = "&" if urllib.parse.urlsplit(url).query else "?"
    return url + sep + urllib.parse.urlencode(params)


def _split_auth(url: str) -> tuple[str, str | None]:
    """The URL without ``user:password@``, and the Basic authorisation header for it."""
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise InputError(f"{url!r} is not an http(s) URL")
    if parts.username is None:
        return url, None
    netloc = parts.hostname + (f":{parts.port}" if parts.port else "")
    if ":" in parts.hostname:
        netloc = f"[{parts.hostname}]" + (f":{parts.port}" if parts.port else "")
    user = urllib.parse.unquote(parts.username)
    password = urllib.parse.unquote(parts.password or "")
    token = base64.b64encode(f"{user}:{password}".encode()).decode("ascii")
    return urllib.parse.urlunsplit(parts._replace(netloc=netloc)), f"Basic {token}"


def parse_remote_spec(spec: str) -> RemoteStore:
    """A :class:`RemoteStore` for ``sparql+http(s)://HOST/PATH[#update=URL&gsp=URL&batch=N]``.

    ``HOST/PATH`` is the query endpoint. The fragment (never sent anywhere)
    names the update and Graph Store Protocol endpoints when they differ,
    relative to the query URL: for Oxigraph
    ``sparql+http://localhost:7878/query#update=update&gsp=store``; for Fuseki
    ``sparql+http://localhost:3030/ds/query#update=update&gsp=data``.

    >>> s = parse_remote_spec("sparql+http://localhost:7878/query#update=update&gsp=store")
    >>> s.query_url, s.update_url, s.gsp_url
    ('http://localhost:7878/query', 'http://localhost:7878/update', 'http://localhost:7878/store')

    Raises:
        InputError: the spec is not of that form.
    """
    if not is_remote_spec(spec):
        raise InputError(f"{spec!r} is not a sparql+http(s):// store")
    url, _, fragment = spec[len("sparql+"):].partition("#")
    options = dict(urllib.parse.parse_qsl(fragment, keep_blank_values=False))
    unknown = sorted(set(options) - {"update", "gsp", "batch"})
    if unknown:
        raise InputError(f"unknown option {unknown[0]!r} in {spec!r}; use update=URL, gsp=URL or batch=N")
    try:
        batch = int(options.get("batch", 10_000))
    except ValueError as exc:
        raise InputError(f"batch={options['batch']!r} in {spec!r} is not a number") from exc
    _split_auth(url)  # raises InputError for a bad URL
    update = urllib.parse.urljoin(url, options["update"]) if "update" in options else None
    gsp = urllib.parse.urljoin(url, options["gsp"]) if "gsp" in options else None
    store = RemoteStore(url, update_url=update, gsp_url=gsp, batch_triples=batch, spec=spec.split("#")[0])
    return store


def open_store(spec: str | Path) -> GraphStore:
    """The store a build adds to: ``oxigraph:PATH``, ``sparql+http(s)://...``, or a build folder.

    A build folder is loaded into memory from its ``graph.trig`` (empty if the
    folder has no graph yet); the caller writes the folder's files back.

    Raises:
        InputError: the spec cannot be used (a folder with only graph.ttl, a bad URL...).
    """
    text = str(spec)
    if is_oxigraph_spec(text):
        path = text[len(OXIGRAPH_PREFIX):]
        if not path:
            raise InputError("oxigraph: needs a folder, e.g. --into oxigraph:graph.db")
        return OxigraphDiskStore(path)
    if is_remote_spec(text):
        return parse_remote_spec(text)
    folder = Path(spec)
    if folder.exists() and not folder.is_dir():
        raise InputError(f"--into {folder}: give a build folder, oxigraph:PATH or sparql+http(s)://...")
    trig = folder / "graph.trig"
    if trig.is_file():
        return DatasetStore(load_dataset(trig), spec=str(folder))
    if (folder / "graph.ttl").is_file() or (folder / "graph.nq").is_file():
        if (folder / "graph.nq").is_file():
            return DatasetStore(load_dataset(folder / "graph.nq"), spec=str(folder))
        raise InputError(f"{folder} has graph.ttl but no graph.trig: adding to a graph needs one named graph "
                         f"per article; rebuild it with --format trig")
    return DatasetStore(Dataset(), spec=str(folder))

"""SPARQL 1.1 endpoints as stores: Query for reading, Graph Store Protocol or Update for writing.

``kg build --into sparql+http(s)://HOST/PATH[#update=...&gsp=...]`` adds article graphs to any endpoint that
speaks the protocols (Oxigraph server, Fuseki, QLever with updates); each article graph is replaced whole.
"""
from __future__ import annotations

import base64
import json
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable, Mapping
from typing import Any

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import XSD

from kg.errors import InputError, KgError
from kg.store.base import GraphStore, iri_ref, is_remote_spec, ordered_triples
from kg.store.oxigraph import to_ox
from kg.vocab import QUERY_PREFIXES


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
        prologue = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in QUERY_PREFIXES.items())
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
            self.update(" ;\n".join(f"DROP SILENT GRAPH {iri_ref(n)}" for n in names))

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
        iri = iri_ref(name)
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

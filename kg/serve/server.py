"""``kg serve``: a read-only SPARQL 1.1 endpoint and the graph view, on the standard library's HTTP server.

Routes:

* ``/sparql`` (also ``/query``): the SPARQL 1.1 Protocol. ``GET ?query=...``,
  ``POST`` with a form body (``query=...``) or an ``application/sparql-query``
  body. Results by content negotiation (``Accept``, or ``?format=json|xml|csv|tsv|ttl|nt``):
  ``application/sparql-results+json`` (default), ``application/sparql-results+xml``,
  ``text/csv``, ``text/tab-separated-values``; ``text/turtle`` (default) or
  ``application/n-triples`` for CONSTRUCT and DESCRIBE.
* ``/queries`` lists the bundled queries (JSON); ``/queries/NAME?param=value`` runs one. When it comes back
  empty and a value is no name or alias in the graph, the ``X-Kg-Unmatched`` header (and, in JSON results, an
  ``unmatched`` member) lists each such parameter with the nearest names. A query using a ``kg:`` term the
  ontology does not define is answered with an ``X-Kg-Warning`` header naming it and the nearest terms.
* ``/`` the interactive graph view; ``/graph.ttl`` and ``/graph.trig`` the downloads.

Guarantees: nothing can change the graph (updates get 403); a query can fetch
nothing (``SERVICE``, and ``FROM`` naming anything but the dataset's own graphs,
get 400 before they run); request bodies are capped (413); queries are stopped
at the time limit (503) and results cut at the row limit; a malformed query
gets 400 with the parser's message. The server binds to 127.0.0.1 by default
and then answers only requests addressed to a loopback host name, so a web
page cannot reach it through DNS rebinding.
"""
from __future__ import annotations

import ipaddress
import json
import logging
import re
import socket
import tempfile
import threading
import time
import urllib.parse
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from rdflib import Dataset

from kg.errors import KgError, QueryError
from kg.serve.negotiate import choose_format, media_types_for
from kg.serve.plain import plain_page
from kg.sparql.catalogue import load_bundled_queries
from kg.sparql.isolated import DEFAULT_MAX_MEMORY_MB, QueryKilled, QueryPool
from kg.sparql.results import MEDIA_TYPES, format_result
from kg.sparql.run import DEFAULT_MAX_ROWS, DEFAULT_TIMEOUT, QueryTimeout, run_query

log = logging.getLogger(__name__)

DEFAULT_MAX_BODY = 1_000_000  # bytes of request body
DEFAULT_MAX_CONCURRENT = 4  # queries running at once
DEFAULT_IDLE_TIMEOUT = 10.0  # seconds a connection may send nothing
DEFAULT_REQUEST_TIMEOUT = 30.0  # seconds to receive one whole request body
LOOPBACK_NAMES = frozenset({"localhost", "127.0.0.1", "::1"})


@dataclass(frozen=True)
class ServerLimits:
    """The limits of one server."""

    timeout: float = DEFAULT_TIMEOUT
    max_rows: int = DEFAULT_MAX_ROWS
    max_body: int = DEFAULT_MAX_BODY
    max_concurrent: int = DEFAULT_MAX_CONCURRENT
    idle_timeout: float = DEFAULT_IDLE_TIMEOUT
    request_timeout: float = DEFAULT_REQUEST_TIMEOUT
    max_memory_mb: int = DEFAULT_MAX_MEMORY_MB  # per Oxigraph query worker


class GraphServer(ThreadingHTTPServer):
    """The HTTP server: one dataset, read-only, shared by all request threads."""

    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 64

    def __init__(self, address: tuple[str, int], dataset: Dataset, *, source: Path | None = None,
                 limits: ServerLimits = ServerLimits(), pool: QueryPool | None = None):
        if ":" in address[0]:
            self.address_family = socket.AF_INET6
        super().__init__(address, RequestHandler)
        self.dataset = dataset
        self.source = source
        self.limits = limits
        self.slots = threading.BoundedSemaphore(limits.max_concurrent)
        self.loopback_only = _is_loopback(address[0])
        # the Host names a request may carry: exact names, never a prefix (127.0.0.1.attacker.example)
        self.host_names = LOOPBACK_NAMES | {address[0].strip("[]").lower()}
        self._cache: dict[str, bytes] = {}
        self._cache_lock = threading.Lock()
        self.pool = pool  # Oxigraph queries run in its worker processes

    def server_close(self) -> None:
        super().server_close()
        if self.pool is not None:
            self.pool.close()

    @property
    def url(self) -> str:
        """The base URL the server listens on."""
        host, port = self.server_address[:2]
        if ":" in host:
            host = f"[{host}]"
        return f"http://{host}:{port}/"

    def cached(self, key: str, make) -> bytes:
        """Bytes made once and kept (downloads and the view: the graph never changes)."""
        with self._cache_lock:
            if key not in self._cache:
                self._cache[key] = make()
            return self._cache[key]


def _host_name(header: str) -> str:
    """The host name of a ``Host`` header: lowercase, without port or the brackets of an IPv6 address.

    >>> _host_name("[::1]:8000"), _host_name("LocalHost:80"), _host_name("127.0.0.1.attacker.example")
    ('::1', 'localhost', '127.0.0.1.attacker.example')
    >>> _host_name("[::1].attacker.example")
    '[::1].attacker.example'
    """
    host = header.strip().lower()
    m = re.fullmatch(r"\[([0-9a-f:.]+)\](?::[0-9]{1,5})?|([^:\[\]]*)(?::[0-9]{1,5})?", host)
    if m is None:
        return host  # matches no allowed name
    return m.group(1) or m.group(2)


def _is_loopback(host: str) -> bool:
    if host in ("localhost", ""):
        return host == "localhost"
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class RequestHandler(BaseHTTPRequestHandler):
    """Answers one HTTP request (see the module docstring for the routes)."""

    server: GraphServer
    server_version = "newskg"
    sys_version = ""
    protocol_version = "HTTP/1.1"

    # -- plumbing -------------------------------------------------------------
    def version_string(self) -> str:
        return self.server_version

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - the base class's name
        log.info("%s %s", self.address_string(), format % args)

    def _send(self, status: int, body: bytes, content_type: str, *, headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        if status >= 400:
            self.send_header("Connection", "close")
            self.close_connection = True
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _error(self, status: int, message: str, *, headers: dict[str, str] | None = None) -> None:
        self._send(status, (message.rstrip("\n") + "\n").encode("utf-8"), "text/plain; charset=utf-8",
                   headers=headers)

    def setup(self) -> None:
        self.timeout = self.server.limits.idle_timeout  # an idle or stalled connection is closed
        super().setup()

    def _host_allowed(self) -> bool:
        if not self.server.loopback_only:
            return True
        hosts = self.headers.get_all("Host") or []
        return len(hosts) == 1 and _host_name(hosts[0]) in self.server.host_names

    def _route(self) -> tuple[str, dict[str, list[str]]]:
        parts = urllib.parse.urlsplit(self.path)
        return parts.path, urllib.parse.parse_qs(parts.query, keep_blank_values=True)

    # -- methods --------------------------------------------------------------
    def do_GET(self) -> None:  # noqa: N802 - http.server's names
        if not self._host_allowed():
            return self._error(HTTPStatus.FORBIDDEN, "this server answers only requests to localhost")
        path, params = self._route()
        if path in ("/sparql", "/query"):
            if "update" in params:
                return self._refuse_update()
            if "query" not in params:
                return self._error(HTTPStatus.BAD_REQUEST, "give a SPARQL query: /sparql?query=SELECT...")
            return self._answer(_one(params, "query"), params)
        if path == "/queries":
            return self._list_queries()
        if path.startswith("/queries/"):
            return self._bundled(path[len("/queries/"):], params)
        if path == "/graph.ttl":
            return self._download("ttl", "text/turtle; charset=utf-8")
        if path == "/graph.trig":
            return self._download("trig", "application/trig; charset=utf-8")
        if path in ("/", "/index.html", "/graph.html"):
            return self._view()
        return self._error(HTTPStatus.NOT_FOUND, f"no such page: {path}; try / or /sparql")

    do_HEAD = do_GET

    def do_POST(self) -> None:
        if not self._host_allowed():
            return self._error(HTTPStatus.FORBIDDEN, "this server answers only requests to localhost")
        path, params = self._route()
        if path not in ("/sparql", "/query"):
            if path in ("/update", "/store", "/data"):
                return self._refuse_update()
            return self._error(HTTPStatus.NOT_FOUND, f"no such endpoint: {path}; POST queries to /sparql")
        body = self._read_body()
        if body is None:
            return None
        ctype = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        if ctype == "application/sparql-update":
            return self._refuse_update()
        if ctype == "application/sparql-query":
            try:
                text = body.decode("utf-8")
            except UnicodeDecodeError:
                return self._error(HTTPStatus.BAD_REQUEST, "the query is not UTF-8")
            return self._answer(text, params)
        if ctype == "application/x-www-form-urlencoded":
            try:
                form = urllib.parse.parse_qs(body.decode("utf-8"), keep_blank_values=True, strict_parsing=False)
            except UnicodeDecodeError:
                return self._error(HTTPStatus.BAD_REQUEST, "the form is not UTF-8")
            if "update" in form:
                return self._refuse_update()
            if "query" not in form:
                return self._error(HTTPStatus.BAD_REQUEST, "the form has no query field")
            merged = {**params, **form}
            return self._answer(_one(form, "query"), merged)
        return self._error(HTTPStatus.UNSUPPORTED_MEDIA_TYPE,
                           "POST a query as application/sparql-query or application/x-www-form-urlencoded")

    def _refuse_write(self) -> None:
        self._error(HTTPStatus.METHOD_NOT_ALLOWED, "this endpoint is read-only", headers={"Allow": "GET, HEAD, POST"})

    do_PUT = do_DELETE = do_PATCH = _refuse_write

    def do_OPTIONS(self) -> None:
        self._send(HTTPStatus.NO_CONTENT, b"", "text/plain", headers={"Allow": "GET, HEAD, POST, OPTIONS"})

    def _refuse_update(self) -> None:
        self._error(HTTPStatus.FORBIDDEN, "updates are refused: this SPARQL endpoint is read-only")

    def _read_body(self) -> bytes | None:
        if self.headers.get("Transfer-Encoding"):
            self._error(HTTPStatus.LENGTH_REQUIRED, "send the body with a Content-Length (no chunked encoding)")
            return None
        lengths = self.headers.get_all("Content-Length") or []
        if not lengths:
            self._error(HTTPStatus.LENGTH_REQUIRED, "a POST needs a Content-Length")
            return None
        if len(lengths) > 1:  # which one a proxy in front used is unknowable: refuse (RFC 9112 6.3)
            self._error(HTTPStatus.BAD_REQUEST, "more than one Content-Length header")
            return None
        if not re.fullmatch(r"[0-9]{1,12}", lengths[0].strip()):
            self._error(HTTPStatus.BAD_REQUEST, "bad Content-Length")
            return None
        n = int(lengths[0])
        if n > self.server.limits.max_body:
            self._error(HTTPStatus.REQUEST_ENTITY_TOO_LARGE,
                        f"request body of {n} bytes is over the limit of {self.server.limits.max_body} bytes")
            return None
        return self._read_exactly(n)

    def _read_exactly(self, n: int) -> bytes | None:
        """The body, or None (answered 408) when it does not all arrive within the request timeout."""
        deadline = time.monotonic() + self.server.limits.request_timeout
        chunks, left = [], n
        while left:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                break
            self.connection.settimeout(min(remaining, self.server.limits.idle_timeout))
            try:
                chunk = self.rfile.read1(min(left, 65536))
            except TimeoutError:
                break
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        self.connection.settimeout(self.server.limits.idle_timeout)
        if left:
            self._error(HTTPStatus.REQUEST_TIMEOUT, f"the request body did not arrive: {n - left} of {n} bytes")
            return None
        return b"".join(chunks)

    # -- answers --------------------------------------------------------------
    def _answer(self, text: str, params: dict[str, list[str]], *, bound: dict[str, str] | None = None,
                query=None) -> None:
        for key in ("default-graph-uri", "named-graph-uri", "using-graph-uri", "using-named-graph-uri"):
            if params.get(key):
                return self._error(HTTPStatus.BAD_REQUEST,
                                   f"{key} is not supported here; name an article graph with FROM or GRAPH in the query")
        limits = self.server.limits
        if not self.server.slots.acquire(timeout=limits.timeout):
            return self._error(HTTPStatus.SERVICE_UNAVAILABLE, "too many queries running; try again shortly",
                               headers={"Retry-After": "5"})
        release = True
        notes: list[str] = []  # kg: terms the ontology does not define
        try:
            result = run_query(self.server.dataset, query if query is not None else text, bound,
                               timeout=limits.timeout, max_rows=limits.max_rows, resolve_names=False,
                               pool=self.server.pool, on_warning=notes.append)
        except QueryKilled as exc:
            return self._error(HTTPStatus.SERVICE_UNAVAILABLE, str(exc))
        except QueryTimeout as exc:
            if exc.worker is not None and exc.worker.is_alive():
                # the engine cannot be interrupted: its slot stays taken until it finishes
                release = False
                _release_after(exc.worker, self.server.slots)
            return self._error(HTTPStatus.SERVICE_UNAVAILABLE, str(exc))
        except QueryError as exc:
            return self._error(HTTPStatus.BAD_REQUEST, str(exc))
        except KgError as exc:
            return self._error(HTTPStatus.BAD_REQUEST, str(exc))
        except Exception:  # noqa: BLE001 - the request boundary: log it, answer 500, keep serving
            log.exception("query failed")
            return self._error(HTTPStatus.INTERNAL_SERVER_ERROR, "the query failed inside the server")
        finally:
            if release:
                self.server.slots.release()
        fmt = choose_format(result.form, _one(params, "format") or _one(params, "output"),
                            self.headers.get("Accept") or "*/*")
        if fmt is None:
            kinds = media_types_for(result.form)
            return self._error(HTTPStatus.NOT_ACCEPTABLE,
                               f"cannot answer a {result.form} query in {self.headers.get('Accept')}; "
                               f"accepted: {', '.join(sorted(set(kinds)))}")
        body = format_result(result, fmt).encode("utf-8")
        headers = {"Vary": "Accept", "Cache-Control": "no-store"}
        if result.truncated:
            headers["X-Kg-Truncated"] = f"result cut at {limits.max_rows} rows"
        if notes:
            headers["X-Kg-Warning"] = json.dumps(notes, ensure_ascii=True)  # ASCII: a valid header
        if result.unmatched:  # why the result is empty: the values that are no name in the graph
            unmatched = [miss.to_json() for miss in result.unmatched]
            headers["X-Kg-Unmatched"] = json.dumps(unmatched, ensure_ascii=True)  # ASCII: a valid header
            if fmt == "json":
                body = (json.dumps({**json.loads(body), "unmatched": unmatched}, ensure_ascii=False) + "\n").encode()
        self._send(HTTPStatus.OK, body, f"{MEDIA_TYPES[fmt]}; charset=utf-8", headers=headers)

    def _list_queries(self) -> None:
        queries = [{"name": q.name, "description": q.description,
                    "params": [{"name": p.name, "description": p.description, "optional": p.optional}
                               for p in q.params],
                    "text": q.text}
                   for q in load_bundled_queries().values()]
        self._send(HTTPStatus.OK, json.dumps(queries, indent=1).encode("utf-8"), "application/json")

    def _bundled(self, name: str, params: dict[str, list[str]]) -> None:
        queries = load_bundled_queries()
        query = queries.get(urllib.parse.unquote(name))
        if query is None:
            return self._error(HTTPStatus.NOT_FOUND, f"no bundled query {name!r}; see /queries")
        bound = {k: _one(params, k) for k in params if k not in ("format", "output")}
        return self._answer(query.text, params, bound=bound, query=query)

    def _download(self, fmt: str, content_type: str) -> None:
        from kg.store.files import serialize

        try:
            body = self.server.cached(fmt, lambda: serialize(self.server.dataset, fmt))
        except Exception:  # noqa: BLE001 - the request boundary
            log.exception("serialising the graph failed")
            return self._error(HTTPStatus.INTERNAL_SERVER_ERROR, "could not serialise the graph")
        self._send(HTTPStatus.OK, body, content_type,
                   headers={"Content-Disposition": f'attachment; filename="graph.{fmt}"'})

    def _view(self) -> None:
        try:
            body = self.server.cached("view", self._make_view)
        except Exception:  # noqa: BLE001 - the view is a convenience: fall back to the plain page
            log.exception("rendering the graph view failed")
            body = self.server.cached("plain", lambda: plain_page(self.server).encode("utf-8"))
        self._send(HTTPStatus.OK, body, "text/html; charset=utf-8", headers={"Cache-Control": "no-cache"})

    def _make_view(self) -> bytes:
        source = self.server.source
        if source is not None and source.is_dir() and (source / "graph.html").is_file():
            return (source / "graph.html").read_bytes()
        try:
            from kg.view.page import write_view
        except ImportError:
            return plain_page(self.server).encode("utf-8")
        with tempfile.TemporaryDirectory(prefix="kg-view-") as tmp:
            path = Path(tmp) / "graph.html"
            write_view(self.server.dataset, path)
            return path.read_bytes()


def _release_after(worker: threading.Thread, slots: threading.BoundedSemaphore) -> None:
    def wait() -> None:
        worker.join()
        slots.release()

    threading.Thread(target=wait, name="kg-slot", daemon=True).start()


def _one(params: dict[str, list[str]], key: str) -> str | None:
    values = params.get(key)
    return values[0] if values else None


def make_server(target: str | Path | Dataset, *, host: str = "127.0.0.1", port: int = 8000,
                limits: ServerLimits = ServerLimits(), engine: str = "auto", isolate: bool = True) -> GraphServer:
    """A server for a graph file, build folder, ``oxigraph:PATH`` or Dataset (not yet serving).

    With ``isolate`` (the default), an Oxigraph-backed graph is queried in worker processes that are
    killed at the time limit and capped at ``limits.max_memory_mb`` (:mod:`kg.sparql.isolated`).

    Raises:
        InputError: the graph cannot be loaded.
        KgError: the address cannot be bound.
    """
    from kg.sparql.run import open_graph
    from kg.store.oxigraph import oxigraph_of

    if isinstance(target, Dataset):
        dataset, source = target, None
    else:
        dataset = open_graph(target, engine=engine)
        source = Path(target) if not str(target).startswith("oxigraph:") else None
    pool = None
    ox_store = oxigraph_of(dataset.store)
    if ox_store is not None and isolate:
        on_disk = str(target)[len("oxigraph:"):] if str(target).startswith("oxigraph:") else None
        pool = QueryPool.for_store(ox_store, size=limits.max_concurrent, max_memory_mb=limits.max_memory_mb,
                                   path=on_disk)
    try:
        return GraphServer((host, port), dataset, source=source, limits=limits, pool=pool)
    except OSError as exc:
        if pool is not None:
            pool.close()
        raise KgError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from exc

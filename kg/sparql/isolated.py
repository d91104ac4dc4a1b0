"""Oxigraph queries in worker processes that are killed at their deadline, each under a memory limit.

Oxigraph cannot be interrupted from Python: a query abandoned at its time limit went on computing in a
thread, holding its ``kg serve`` slot and growing to gigabytes. A :class:`QueryPool` runs each query in
one of a few worker processes that open the same store read-only; at the deadline the worker is killed
(its memory goes with it) and replaced, and ``RLIMIT_DATA`` caps what one worker may allocate, so a
query that outgrows it ends its worker, never the server.

Workers get the checked, canonical query text (see :mod:`kg.sparql.safety`) and send back plain tuples;
rows are cut at ``max_rows`` in the worker. An in-memory Oxigraph store is first copied to a temporary
on-disk store that the workers open.
"""
from __future__ import annotations

import logging
import os
import queue
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from typing import Any

from kg.errors import QueryError
from kg.sparql.deadline import QueryTimeout

log = logging.getLogger(__name__)

DEFAULT_MAX_MEMORY_MB = 2048  # per worker process


class QueryKilled(QueryError):
    """The worker running a query died (it went over its memory limit) or was killed."""


@dataclass(frozen=True)
class _Job:
    text: str
    prefixes: dict[str, str]
    max_rows: int | None
    union: bool


def _encode(term) -> tuple | None:
    import pyoxigraph as ox

    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return ("u", term.value)
    if isinstance(term, ox.BlankNode):
        return ("b", term.value)
    if isinstance(term, ox.Literal):
        return ("l", term.value, term.language, term.datatype.value)
    return ("l", str(term), None, None)  # an RDF-star triple term: shown as text


def answer(store, text: str, *, prefixes: dict[str, str], union: bool, max_rows: int | None,
           check=None) -> tuple:
    """Run a query on a pyoxigraph store: ``("ASK", bool)``, ``("SELECT", names, rows, truncated)`` or
    ``("CONSTRUCT", triples, truncated)``, terms as tuples (see :func:`decode`).

    Every solution is a row, even one with no bound variable (rdflib's ``Result`` drops those).
    ``check`` is called every 64 rows (a deadline check).
    """
    import pyoxigraph as ox

    raw = store.query(text, prefixes=prefixes, use_default_graph_as_union=union)
    if isinstance(raw, ox.QueryBoolean):
        return ("ASK", bool(raw))
    items, truncated = [], False
    for i, item in enumerate(raw):
        if check is not None and not i & 63:
            check()
        if max_rows is not None and len(items) >= max_rows:
            truncated = True
            break
        if isinstance(raw, ox.QuerySolutions):
            items.append(tuple(_encode(t) for t in item))
        else:
            items.append((_encode(item.subject), _encode(item.predicate), _encode(item.object)))
    if isinstance(raw, ox.QuerySolutions):
        return ("SELECT", [v.value for v in raw.variables], items, truncated)
    return ("CONSTRUCT", items, truncated)


def _worker_main(conn, path: str, max_memory: int) -> None:  # pragma: no cover - runs in the child process
    import resource

    if max_memory:
        try:
            resource.setrlimit(resource.RLIMIT_DATA, (max_memory, max_memory))
        except (ValueError, OSError):
            pass
    import pyoxigraph as ox

    store = ox.Store.read_only(path)
    while True:
        try:
            job: _Job = conn.recv()
        except (EOFError, OSError):
            return
        try:
            conn.send(("ok", answer(store, job.text, prefixes=job.prefixes, union=job.union,
                                    max_rows=job.max_rows)))
        except MemoryError:
            conn.send(("memory", "the query needed more memory than a query may use (--max-memory)"))
            return
        except SyntaxError as exc:
            conn.send(("syntax", str(exc)))
        except Exception as exc:  # noqa: BLE001 - every evaluation error goes back to the caller
            conn.send(("error", f"{type(exc).__name__}: {exc}"))


class _Worker:
    """One worker: ``python -m kg.sparql.isolated`` with a pipe each way (no fork of a threaded server,
    and no re-import of the caller's ``__main__`` as multiprocessing's spawn would do)."""

    def __init__(self, path: str, max_memory: int):
        from multiprocessing.connection import Connection

        to_child_r, to_child_w = os.pipe()
        from_child_r, from_child_w = os.pipe()
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "kg.sparql.isolated", str(to_child_r), str(from_child_w), path, str(max_memory)],
            pass_fds=(to_child_r, from_child_w), stdin=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            close_fds=True)  # a worker over its memory limit aborts with a message of its own
        os.close(to_child_r)
        os.close(from_child_w)
        self.conn = _Duplex(Connection(from_child_r, writable=False), Connection(to_child_w, readable=False))

    def kill(self) -> None:
        try:
            self.proc.kill()
            self.proc.wait(5)
        except (OSError, subprocess.TimeoutExpired):
            pass
        finally:
            self.conn.close()


class _Duplex:
    """A reading and a writing Connection as one."""

    def __init__(self, reader, writer):
        self.reader, self.writer = reader, writer

    def send(self, obj) -> None:
        self.writer.send(obj)

    def recv(self):
        return self.reader.recv()

    def poll(self, timeout: float | None) -> bool:
        return self.reader.poll(timeout)

    def close(self) -> None:
        for c in (self.reader, self.writer):
            try:
                c.close()
            except OSError:
                pass


class QueryPool:
    """Worker processes running Oxigraph queries against a store on disk (see the module docstring).

    Args:
        path: an Oxigraph store folder, opened read-only by every worker.
        size: the number of workers (the most queries that run at once).
        max_memory_mb: the data memory one worker may allocate (0: no limit).
    """

    def __init__(self, path: str, *, size: int, max_memory_mb: int = DEFAULT_MAX_MEMORY_MB,
                 cleanup: str | None = None):
        self.path = path
        self.max_memory = max_memory_mb * 1024 * 1024
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._cleanup = cleanup
        self._closed = False
        self.killed = 0
        for _ in range(size):
            self._idle.put(_Worker(path, self.max_memory))

    @classmethod
    def for_store(cls, ox_store, *, size: int, max_memory_mb: int = DEFAULT_MAX_MEMORY_MB,
                  path: str | None = None) -> QueryPool:
        """A pool for an Oxigraph store: its folder when it has one, else a temporary copy on disk."""
        if path is not None:
            return cls(path, size=size, max_memory_mb=max_memory_mb)
        import pyoxigraph as ox

        tmp = tempfile.mkdtemp(prefix="kg-serve-store-")
        copy = ox.Store(tmp)
        copy.bulk_extend(ox_store.quads_for_pattern(None, None, None, None))
        copy.flush()
        del copy
        return cls(tmp, size=size, max_memory_mb=max_memory_mb, cleanup=tmp)

    def run(self, text: str, *, prefixes: dict[str, str], union: bool, timeout: float | None,
            max_rows: int | None) -> tuple:
        """The raw answer of one query: ``("ASK", bool)``, ``("SELECT", names, rows, truncated)`` or
        ``("CONSTRUCT", triples, truncated)``, terms as tuples.

        Raises:
            kg.sparql.run.QueryTimeout: the deadline passed; the worker was killed.
            QueryKilled: the worker died (over its memory limit).
            QueryError: Oxigraph refused or failed the query.
        """
        deadline = None if timeout is None else time.monotonic() + timeout
        try:
            worker = self._idle.get(timeout=timeout)
        except queue.Empty:
            raise QueryTimeout("no query worker became free within the time limit") from None
        healthy = False
        try:
            worker.conn.send(_Job(text, prefixes, max_rows, union))
            left = None if deadline is None else max(0.0, deadline - time.monotonic())
            if not worker.conn.poll(left):
                raise QueryTimeout("query took longer than its time limit and was stopped; "
                                   "simplify it, add LIMIT, or raise the limit (--timeout)")
            status, *payload = worker.conn.recv()
            healthy = status != "memory"
        except (EOFError, OSError, BrokenPipeError):
            raise QueryKilled("the query was stopped: it needed more memory than a query may use "
                              "(--max-memory)") from None
        finally:
            if healthy:
                self._idle.put(worker)
            else:
                self._replace(worker)
        if status == "ok":
            return payload[0]
        if status == "syntax":
            raise QueryError(f"malformed SPARQL query: {payload[0]}")
        if status == "memory":
            raise QueryKilled(f"the query was stopped: {payload[0]}")
        raise QueryError(f"query failed: {payload[0]}")

    def _replace(self, worker: _Worker) -> None:
        """Kill a worker and start another in its place (in the background: the caller answers now)."""
        self.killed += 1

        def restart() -> None:
            worker.kill()
            if not self._closed:
                self._idle.put(_Worker(self.path, self.max_memory))

        threading.Thread(target=restart, name="kg-worker-restart", daemon=True).start()

    def close(self) -> None:
        """Stop every worker and remove a temporary copy of the store."""
        self._closed = True
        while True:
            try:
                self._idle.get_nowait().kill()
            except queue.Empty:
                break
        if self._cleanup:
            shutil.rmtree(self._cleanup, ignore_errors=True)


def decode(term: tuple | None) -> Any:
    """An rdflib term for a worker's term tuple (plain strings stay plain literals)."""
    from rdflib import BNode, Literal, URIRef
    from rdflib.namespace import RDF, XSD

    if term is None:
        return None
    kind = term[0]
    if kind == "u":
        return URIRef(term[1])
    if kind == "b":
        return BNode(term[1])
    _, value, lang, datatype = term
    if lang:
        return Literal(value, lang=lang)
    if datatype in (None, str(XSD.string), str(RDF.langString)):
        return Literal(value)
    return Literal(value, datatype=URIRef(datatype))



if __name__ == "__main__":  # pragma: no cover - a worker process (see _Worker)
    from multiprocessing.connection import Connection

    _worker_main(_Duplex(Connection(int(sys.argv[1]), writable=False), Connection(int(sys.argv[2]), readable=False)),
                 sys.argv[3], int(sys.argv[4]))

"""Graph files and build folders: finding, loading, serialising and writing them atomically.

Reading (``kg query``, ``kg serve``, ``kg export``, ``kg view``) goes through :func:`load_dataset`, which always
gives an rdflib :class:`~rdflib.Dataset`: a graph file or build folder is parsed into rdflib's memory store, or,
when the file is large (:data:`FAST_LOAD_BYTES`), into an in-memory Oxigraph store behind the same rdflib API
(about ten times faster to load and to query); ``oxigraph:PATH`` opens a persistent Oxigraph store read-only.
Writing goes through :func:`serialize` (deterministic bytes per format) and :func:`write_atomic_many` (all
files replaced together or none). Nothing here fetches anything a data file names: JSON-LD is parsed by
Oxigraph, which loads no remote ``@context``.
"""
from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from rdflib import Dataset

from kg.errors import InputError
from kg.rdf.writer import output_prefixes
from kg.store.base import OXIGRAPH_PREFIX, DatasetStore, is_oxigraph_spec, is_remote_spec
from kg.store.oxigraph import from_ox, materialize_union, open_oxigraph_dataset, ox_format, oxigraph_dataset, to_ox

_BY_SUFFIX = {".trig": "trig", ".nq": "nquads", ".ttl": "turtle", ".nt": "nt", ".jsonld": "json-ld", ".json": "json-ld"}


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


def _load_with_oxigraph(file: Path, fmt: str, *, into_memory: bool) -> Dataset:
    import pyoxigraph as ox

    store = ox.Store()
    try:
        store.load(path=str(file), format=ox_format(fmt))
    except (SyntaxError, ValueError) as exc:
        raise InputError(f"{file} is not valid {fmt}: {exc}") from exc
    except OSError as exc:
        raise InputError(f"cannot read {file}: {exc}") from exc
    prefixes = _declared_prefixes(file, fmt)
    if not into_memory:
        materialize_union(store)
        ds = oxigraph_dataset(store)
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
        parser = ox.parse(path=str(file), format=ox_format(fmt))
        next(iter(parser), None)
        return dict(parser.prefixes)
    except (SyntaxError, ValueError, OSError):
        return {}


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file and a rename.

    An interrupted write leaves the previous file intact. The new file gets the
    previous file's permissions, or the usual ones (0666 minus the umask).

    Raises:
        OSError: the folder cannot be written (the previous file is untouched).
    """
    write_atomic_many([(path, data)])


def write_atomic_many(files: Iterable[tuple[Path, bytes | Iterable[bytes]]]) -> None:
    """Write several files atomically: every temporary file first, then the renames.

    Nothing is replaced until every file has been written and synced, so an
    error or interrupt while writing (disk full, Ctrl-C) leaves all previous
    files as they were and removes the temporary files. ``files`` may be a
    generator, so that each file's bytes are made (and freed) one at a time,
    and a file's bytes may be an iterable of pieces, written as they come
    (a large ``report.json`` is never held whole).

    Raises:
        OSError: a file cannot be written (no previous file is touched).
    """
    staged: list[tuple[str, Path]] = []
    try:
        for path, data in files:
            staged.append((_write_temp(path, data), path))
        for tmp, path in staged:
            os.replace(tmp, path)
    except BaseException:
        for tmp, _ in staged:
            try:
                os.unlink(tmp)
            except OSError:
                pass  # already renamed into place, or never created
        raise
    for folder in {path.parent for _, path in staged}:
        _fsync_folder(folder)


def _write_temp(path: Path, data: bytes | Iterable[bytes]) -> str:
    """Write ``data`` (bytes, or pieces of them) to a new hidden temporary file next to ``path``; return its name."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        # mkstemp creates 0600 files; give the output the mode a plain open() would.
        try:
            mode = path.stat().st_mode & 0o7777
        except OSError:
            mode = 0o666 & ~_umask()
        os.fchmod(fd, mode)
        with os.fdopen(fd, "wb") as fh:
            if isinstance(data, (bytes, bytearray, memoryview)):
                fh.write(data)
            else:
                for piece in data:
                    fh.write(piece)
            fh.flush()
            os.fsync(fh.fileno())
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    return tmp


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _fsync_folder(folder: Path) -> None:
    """Make the renames durable; not every platform or filesystem allows it."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def serialize(ds: Dataset, fmt: str) -> bytes:
    """Serialise a dataset in one of :data:`FORMATS` (ttl/nt: the union of all named graphs).

    Turtle, TriG, N-Triples and N-Quads are written by Oxigraph's serialisers from
    quads sorted by graph, subject, predicate and object: the same graph gives the
    same bytes, about ten times faster than rdflib's serialisers (MEASURED.md).
    """
    if fmt == "jsonld":
        data = ds.serialize(format="json-ld", encoding="utf-8", auto_compact=True)
    else:
        data = _serialize_with_oxigraph(ds, fmt)
    if fmt in ("nt", "nq"):
        # split("\n"), not splitlines(): literals may hold U+0085, U+2028 or U+2029 unescaped
        lines = sorted(set(data.decode("utf-8").split("\n")))
        data = ("\n".join(line for line in lines if line) + "\n").encode("utf-8")
    return data


def _serialize_with_oxigraph(ds: Dataset, fmt: str) -> bytes:
    import pyoxigraph as ox


    default = ds.default_graph.identifier
    if fmt in ("ttl", "nt"):
        seen = {(s, p, o) for s, p, o, _ in ds.quads((None, None, None, None))}
        triples = sorted(seen, key=lambda t: (str(t[0]), str(t[1]), t[2].n3()))
        items = [ox.Triple(to_ox(s), to_ox(p), to_ox(o)) for s, p, o in triples]
        rdf_format = ox.RdfFormat.TURTLE if fmt == "ttl" else ox.RdfFormat.N_TRIPLES
    else:
        quads = sorted(ds.quads((None, None, None, None)),
                       key=lambda q: (str(q[3] or ""), str(q[0]), str(q[1]), q[2].n3()))
        items = [ox.Quad(to_ox(s), to_ox(p), to_ox(o),
                         ox.DefaultGraph() if g is None or g == default else to_ox(g)) for s, p, o, g in quads]
        rdf_format = ox.RdfFormat.TRIG if fmt == "trig" else ox.RdfFormat.N_QUADS
    prefixes = output_prefixes(ds) if fmt in ("ttl", "trig") else None
    return ox.serialize(items, format=rdf_format, prefixes=prefixes) if prefixes else ox.serialize(items, format=rdf_format)


def open_folder_store(folder: Path) -> DatasetStore:
    """A build folder as a store: its ``graph.trig`` (or ``graph.nq``) loaded into memory, empty when new.

    The caller writes the folder's files back.

    Raises:
        InputError: the path is a file, or the folder has only ``graph.ttl`` (no named graph per article).
    """
    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise InputError(f"--into {folder}: give a build folder, oxigraph:PATH or sparql+http(s)://...")
    lock = lock_folder(folder)
    try:
        trig = folder / "graph.trig"
        if trig.is_file():
            return FolderStore(load_dataset(trig), spec=str(folder), lock=lock)
        if (folder / "graph.nq").is_file():
            return FolderStore(load_dataset(folder / "graph.nq"), spec=str(folder), lock=lock)
        if (folder / "graph.ttl").is_file():
            raise InputError(f"{folder} has graph.ttl but no graph.trig: adding to a graph needs one named graph "
                             f"per article; rebuild it with --format trig")
        return FolderStore(Dataset(), spec=str(folder), lock=lock)
    except BaseException:
        os.close(lock)
        raise


class FolderStore(DatasetStore):
    """A build folder's graph in memory, with the folder locked until the store is closed."""

    def __init__(self, dataset: Dataset, spec: str, *, lock: int):
        super().__init__(dataset, spec)
        self._lock: int | None = lock

    def close(self) -> None:
        if self._lock is not None:
            os.close(self._lock)  # closing the descriptor releases the flock
            self._lock = None


def lock_folder(folder: Path) -> int:
    """Take the exclusive lock of a build folder (a ``flock`` on the folder itself); the descriptor holding it.

    Two ``kg build --into`` runs on one folder each read the graph, add their articles and write it
    back: the second write silently dropped the first's articles. The second now stops at once.

    Raises:
        InputError: another process holds the folder's lock.
    """
    import fcntl

    folder.mkdir(parents=True, exist_ok=True)
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(fd)
        raise InputError(f"another kg build is adding to {folder} right now; run this one when it has finished "
                         "(two builds into one folder would lose one's articles)") from None
    return fd

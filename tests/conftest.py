"""Shared fixtures: the examples build (built once per session, its TriG file and its dataset) and a TCP
listener."""
from __future__ import annotations

import socket
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "articles"


@pytest.fixture(scope="session")
def examples_build(tmp_path_factory):
    """kg.build over examples/articles, written to a temporary folder (real spaCy, real rdflib)."""
    from kg.builder.full import build

    out = tmp_path_factory.mktemp("examples-build")
    return build([str(EXAMPLES)], out=out)


@pytest.fixture(scope="session")
def trig(examples_build) -> Path:
    """The examples build's TriG file."""
    return Path(examples_build.outputs["trig"])


@pytest.fixture(scope="session")
def examples_dataset(trig):
    """The examples build, loaded once as an rdflib Dataset."""
    import kg

    return kg.load_dataset(trig)


class Listener:
    """A TCP listener on a free loopback port that records every connection made to it."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.connections = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self):
        while not self._stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            self.connections += 1
            conn.close()

    def close(self):
        self._stop.set()
        self._thread.join(timeout=2)
        self.sock.close()


@pytest.fixture
def listener():
    """A loopback listener that must see no connection when outbound requests are refused."""
    lst = Listener()
    yield lst
    lst.close()

"""A full disk while writing outputs: a clear error, the previous graph files intact, no temporary files left.

Simulated in-process (``os.fsync`` raising ENOSPC inside the atomic writer), and for
real on a tiny tmpfs when this process may mount one (root in a container that
allows it); that test skips with the reason otherwise.
"""
from __future__ import annotations

import errno
import os
import shutil
import subprocess
import uuid

import pytest
from rdflib import Dataset, Literal, URIRef
from rdflib.namespace import RDFS
from robustlib import (
    EXAMPLES,
    assert_graphs_parse,
    assert_no_traceback,
    run_kg,
    snapshot,
    temp_files,
)

from kg.builder.full import write_outputs
from kg.errors import KgError
from kg.store.files import write_atomic


def _small_dataset() -> Dataset:
    ds = Dataset()
    g = ds.graph(URIRef("https://w3id.org/newskg/id/article/new"))
    g.add((URIRef("https://w3id.org/newskg/id/company/new"), RDFS.label, Literal("New graph")))
    return ds


def _disk_fills_after(monkeypatch, n_files: int) -> None:
    """``os.fsync`` succeeds for the first ``n_files`` files, then fails as on a full disk."""
    real_fsync = os.fsync
    calls = {"n": 0}

    def fsync(fd):
        calls["n"] += 1
        if calls["n"] > n_files:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync)


@pytest.mark.parametrize("fail_after", [0, 1, 2])
def test_enospc_while_writing_keeps_every_previous_output(monkeypatch, previous_outputs, fail_after):
    out, before = previous_outputs
    _disk_fills_after(monkeypatch, fail_after)
    with pytest.raises(KgError) as info:
        write_outputs(_small_dataset(), out, formats=("ttl", "trig"), report={"new": True})
    message = str(info.value)
    assert "No space left on device" in message and "free space" in message and str(out) in message
    assert "\n" not in message
    assert snapshot(out) == before
    assert temp_files(out) == []
    assert_graphs_parse(out)


def test_write_atomic_keeps_old_file_on_enospc(monkeypatch, tmp_path):
    path = tmp_path / "graph.ttl"
    path.write_bytes(b"old")
    _disk_fills_after(monkeypatch, 0)
    with pytest.raises(OSError) as info:
        write_atomic(path, b"new" * 1000)
    assert info.value.errno == errno.ENOSPC
    assert path.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["graph.ttl"]


def test_outputs_keep_usual_permissions(tmp_path):
    """Atomic writes go through mkstemp (mode 0600); outputs must still be readable like any file."""
    old_umask = os.umask(0o022)
    try:
        write_atomic(tmp_path / "new.ttl", b"x")
        existing = tmp_path / "existing.ttl"
        existing.write_bytes(b"old")
        existing.chmod(0o640)
        write_atomic(existing, b"new")
    finally:
        os.umask(old_umask)
    assert (tmp_path / "new.ttl").stat().st_mode & 0o777 == 0o644
    assert existing.stat().st_mode & 0o777 == 0o640


@pytest.fixture
def tiny_filesystem(tmp_path):
    """A 2 MB tmpfs, or a skip saying why there cannot be one."""
    mount_point = tmp_path / "tiny"
    mount_point.mkdir()
    if shutil.which("mount") is None:
        pytest.skip("no mount command to create a small filesystem")
    proc = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", f"newskg-{uuid.uuid4().hex[:8]}",
                           str(mount_point)], capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here (needs root and CAP_SYS_ADMIN): {proc.stderr.strip()}")
    try:
        yield mount_point
    finally:
        subprocess.run(["umount", "-l", str(mount_point)], capture_output=True, check=False)


@pytest.mark.slow
def test_real_full_disk_during_build(tiny_filesystem, previous_build):
    out = tiny_filesystem / "out"
    shutil.copytree(previous_build, out)
    before = snapshot(out)
    # Fill the filesystem so that the previous outputs fit but a new graph.ttl does not.
    stat = os.statvfs(tiny_filesystem)
    free = stat.f_bavail * stat.f_frsize
    (tiny_filesystem / "filler").write_bytes(b"\0" * max(0, free - 16 * 1024))

    proc = run_kg("build", EXAMPLES, "--out", out)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert_no_traceback(proc.stdout, proc.stderr)
    assert "No space left on device" in proc.stderr
    assert proc.stderr.strip().startswith("kg build: error: cannot write to")
    assert snapshot(out) == before
    assert temp_files(out) == []
    assert_graphs_parse(out)

"""Helpers for tests that run servers as subprocesses."""
from __future__ import annotations

import subprocess


def stop_process(proc: subprocess.Popen) -> None:
    """Terminate ``proc`` (kill it after 10 s) and close its pipes."""
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    for stream in (proc.stdout, proc.stderr):
        if stream:
            stream.close()

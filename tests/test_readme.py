"""README.md is true: every example in it runs, and every output it shows is what a run gives.

Shell blocks (```sh) run line by line with bash, Python blocks (```python) run in order in one namespace, in a
folder where ``examples/`` is the bundled examples and ``out/`` their build, the way a reader who ran
``make demo`` would try them. A block after ``<!-- test: server -->`` talks to ``kg serve out``, started for it
(its ``127.0.0.1:8000`` becomes the server's real address). ``make`` lines run as ``make -n`` in the checkout
(the suite itself runs under ``make test``), ``pip install`` lines as ``pip install --dry-run --no-deps``, and
``kg serve`` lines start the server, wait for its first line and stop it.
"""
from __future__ import annotations

import importlib.util
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from procs import stop_process

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
BIN = Path(sys.executable).parent
BLOCK = re.compile(r"(?:<!-- test: (?P<directive>[a-z]+) -->\n)?```(?P<lang>sh|python)\n(?P<code>.*?)```", re.S)


def _blocks() -> list[tuple[int, str, str, str]]:
    text = README.read_text(encoding="utf-8")
    return [(text.count("\n", 0, m.start()) + 1, m["lang"], m["directive"] or "", m["code"])
            for m in BLOCK.finditer(text)]


def _commands(code: str) -> list[str]:
    """The command lines of a shell block, comments dropped (a # inside quotes stays)."""
    lines = (line[: _comment_start(line)].rstrip() for line in code.splitlines())
    return [line for line in lines if line]


def _comment_start(line: str) -> int:
    quote = None
    for i, ch in enumerate(line):
        if quote:
            quote = None if ch == quote else quote
        elif ch in "'\"":
            quote = ch
        elif ch == "#" and (i == 0 or line[i - 1].isspace()):
            return i
    return len(line)


@pytest.fixture(scope="module")
def workdir(tmp_path_factory, examples_build):
    folder = tmp_path_factory.mktemp("readme")
    (folder / "examples").symlink_to(ROOT / "examples", target_is_directory=True)
    shutil.copytree(Path(examples_build.outputs["trig"]).parent, folder / "out")  # README commands write into it
    return folder


class Server:
    def __init__(self, args: list[str], cwd: Path):
        if "--port" not in args:
            args = [*args, "--port", "0"]
        self.proc = subprocess.Popen([str(BIN / "kg"), *args], cwd=cwd, stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE, text=True)
        line = self.proc.stdout.readline()
        if "http://" not in line:
            err = self.proc.stderr.read()
            stop_process(self.proc)
            raise AssertionError(f"kg {' '.join(args)} did not start: {line!r} {err}")
        self.base = line.split("graph view ", 1)[1].split()[0]  # http://127.0.0.1:PORT/
        self.address = self.base.removeprefix("http://").rstrip("/")

    def stop(self) -> None:
        stop_process(self.proc)


def _run_shell(line: str, cwd: Path) -> None:
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}", "PIP_DISABLE_PIP_VERSION_CHECK": "1"}
    words = shlex.split(line)
    if words[0] == "make":
        proc = subprocess.run(["make", "-n", *words[1:]], cwd=ROOT, capture_output=True, text=True, env=env)
    elif words[:2] == ["pip", "install"]:
        proc = subprocess.run([str(BIN / "python"), "-m", "pip", "install", "--dry-run", "--no-deps", "-q",
                               *[str(ROOT) if w == "." else w for w in words[2:]]],
                              cwd=cwd, capture_output=True, text=True, env=env)
    elif words[:2] == ["kg", "serve"]:
        Server(words[1:], cwd).stop()
        return
    else:
        proc = subprocess.run(["bash", "-c", line], cwd=cwd, capture_output=True, text=True, env=env, timeout=300)
    assert proc.returncode == 0, f"README: `{line}` exited {proc.returncode}: {proc.stderr.strip()[-1500:]}"


def test_readme_has_examples_of_each_kind():
    kinds = {(lang, directive) for _, lang, directive, _ in _blocks()}
    assert {("sh", ""), ("python", ""), ("sh", "server"), ("python", "server")} <= kinds


def test_every_readme_example_runs(workdir, monkeypatch):
    monkeypatch.chdir(workdir)
    namespace: dict = {"__name__": "readme"}
    server = None
    try:
        for line_no, lang, directive, code in _blocks():
            if directive == "server" and server is None:
                server = Server(["serve", "out"], workdir)
            if server is not None:
                code = code.replace("127.0.0.1:8000", server.address)
            if lang == "sh":
                for command in _commands(code):
                    _run_shell(command, workdir)
            else:
                try:
                    exec(compile(code, f"README.md:{line_no}", "exec"), namespace)  # noqa: S102 - our own README
                except Exception as exc:  # noqa: BLE001 - name the block that failed
                    raise AssertionError(f"the Python example at README.md:{line_no} failed: {exc!r}") from exc
    finally:
        if server is not None:
            server.stop()


def test_readme_outputs_are_what_a_run_gives(workdir):
    spec = importlib.util.spec_from_file_location("readme_outputs", ROOT / "docs" / "readme.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    text = README.read_text(encoding="utf-8")
    assert module.MARKER.search(text), "README.md shows no generated output"
    fresh = module.regenerate(text, workdir)
    assert fresh == text, "README.md's shown outputs differ from a run: run `python docs/readme.py` and review"


def test_comment_stripping_keeps_quoted_hashes():
    assert _commands("kg query out 'SELECT ?o WHERE { ?o a kg:Offer }'  # all offers\n# only a comment\n") == [
        "kg query out 'SELECT ?o WHERE { ?o a kg:Offer }'"]
    assert _commands('curl -H "X: #1" http://x  # note') == ['curl -H "X: #1" http://x']

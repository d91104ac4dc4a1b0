"""Every example in a docstring of the package runs, and shows what it gives.

The examples run the way a reader would try them: in a folder where ``examples/`` is the bundled examples and
``out/`` their build (what ``make demo`` writes). None may be skipped.
"""
from __future__ import annotations

import doctest
import importlib
import pkgutil
import re
import shutil
from pathlib import Path

import pytest

import kg

ROOT = Path(__file__).resolve().parent.parent
MODULES = ["kg", *sorted(info.name for info in pkgutil.walk_packages(kg.__path__, "kg.")
                         if info.name != "kg.cli.__main__")]  # __main__ runs the command when imported
FLAGS = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE


def _examples(name: str) -> list[doctest.DocTest]:
    module = importlib.import_module(name)
    return [t for t in doctest.DocTestFinder().find(module, name) if t.examples]


@pytest.fixture(scope="module")
def doc_workdir(tmp_path_factory, examples_build):
    folder = tmp_path_factory.mktemp("docstrings")
    (folder / "examples").symlink_to(ROOT / "examples", target_is_directory=True)
    shutil.copytree(Path(examples_build.outputs["trig"]).parent, folder / "out")
    return folder


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples_run(name, doc_workdir, monkeypatch):
    tests = _examples(name)
    if not tests:
        return
    monkeypatch.chdir(doc_workdir)
    report: list[str] = []
    runner = doctest.DocTestRunner(optionflags=FLAGS)
    for test in tests:
        runner.run(test, out=report.append)
    assert runner.failures == 0, "".join(report)


def test_no_docstring_example_is_skipped():
    skipped = [f"{path.relative_to(ROOT)}:{n}" for path in sorted((ROOT / "kg").rglob("*.py"))
               for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
               if re.search(r"doctest:\s*\+SKIP", line)]
    assert not skipped, f"examples that never run: {skipped}"


def test_the_examples_are_found():
    count = sum(len(t.examples) for name in MODULES for t in _examples(name))
    assert count >= 30, f"only {count} docstring examples found"

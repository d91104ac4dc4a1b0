"""The layout by stage holds: no import from a later stage, no import cycle, no private import, small modules.

The stages, in the order data flows (a module may import its own stage and earlier ones only)::

    errors, vocab  ->  knowledge  ->  read  ->  nlp  ->  extract  ->  resolve  ->  rdf  ->  store  ->  sparql
                   ->  builder  ->  view  ->  export  ->  serve  ->  cli

``knowledge`` (gazetteers and lexicons) comes before ``read`` because the reader's boilerplate rules are data.
Imports inside functions count too: hiding a cycle behind a late import is still a cycle.
"""
from __future__ import annotations

import ast
import importlib
import pkgutil
from pathlib import Path

import networkx as nx
import pytest

import kg

KG = Path(kg.__file__).parent
STAGES = ("errors", "vocab", "knowledge", "read", "nlp", "extract", "resolve", "rdf", "store", "sparql",
          "builder", "view", "export", "serve", "cli")
MAX_LINES = 500


def _modules() -> dict[str, Path]:
    out = {}
    for path in sorted(KG.rglob("*.py")):
        parts = path.relative_to(KG.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        out[name] = path
    return out


MODULES = _modules()


def _imports(name: str, path: Path) -> list[tuple[str, str, int]]:
    return _imports_in(name, path.read_text(encoding="utf-8"), is_package=path.name == "__init__.py")


def _imports_in(name: str, source: str, *, is_package: bool = False) -> list[tuple[str, str, int]]:
    """(imported module, imported name or "", line) for every import in the source, at any depth."""
    package = name if is_package else name.rpartition(".")[0]
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [(alias.name, "", node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.split(".")
                parent = parent[: len(parent) - (node.level - 1)] if node.level > 1 else parent
                base = ".".join(parent + ([node.module] if node.module else []))
            for alias in node.names:
                full = f"{base}.{alias.name}"
                if full in MODULES:  # `from kg.extract import offers`: the submodule itself
                    found.append((full, "", node.lineno))
                else:
                    found.append((base, alias.name, node.lineno))
    return found


def _stage(module: str) -> int | None:
    parts = module.split(".")
    if len(parts) < 2 or parts[0] != "kg":
        return None
    return STAGES.index(parts[1]) if parts[1] in STAGES else None


def _kg_edges(sources: dict[str, str] | None = None) -> list[tuple[str, str, int]]:
    sources = sources or {name: path.read_text(encoding="utf-8") for name, path in MODULES.items()}
    edges = []
    for name, source in sources.items():
        for target, _, line in _imports_in(name, source, is_package=MODULES.get(name, Path()).name == "__init__.py"):
            if (target in MODULES or target in sources) and target != name:
                edges.append((name, target, line))
    return edges


def test_every_module_is_in_a_stage():
    # kg/__init__.py is the lazy facade (it imports nothing at module level)
    loose = [m for m in MODULES if m != "kg" and _stage(m) is None]
    assert not loose, f"modules outside the stages {STAGES}: {loose}"


def test_no_module_imports_a_later_stage():
    bad = [f"{src} (stage {STAGES[_stage(src)]}) imports {dst} (stage {STAGES[_stage(dst)]}), line {line}"
           for src, dst, line in _kg_edges()
           if src != "kg" and _stage(dst) is not None and _stage(dst) > _stage(src)]
    assert not bad, "\n".join(bad)


def test_no_import_cycle():
    graph = nx.DiGraph((src, dst) for src, dst, _ in _kg_edges() if src != "kg")
    cycles = list(nx.simple_cycles(graph))
    assert not cycles, f"import cycles: {cycles[:5]}"


def test_the_checks_see_a_cycle_behind_a_late_import_and_a_relative_one():
    # the checks are only worth something if they fail on what they forbid
    sources = {
        "kg.builder.one": "from kg.builder.two import x\n",
        "kg.builder.two": "def f():\n    from .one import y\n",
        "kg.store.low": "def g():\n    from kg.view import page\n",
    }
    edges = _kg_edges(sources)
    assert list(nx.simple_cycles(nx.DiGraph((s, d) for s, d, _ in edges)))
    assert ("kg.store.low", "kg.view.page", 2) in edges and _stage("kg.view.page") > _stage("kg.store.low")


def test_no_private_import_across_modules():
    bad = []
    for name, path in MODULES.items():
        for target, imported, line in _imports(name, path):
            private_name = imported.startswith("_") and imported != "__version__"
            private_module = any(part.startswith("_") and part != "__future__" for part in target.split("."))
            if target != name and (private_name or private_module):
                bad.append(f"{name}:{line} imports {target}{':' + imported if imported else ''}")
    assert not bad, "\n".join(bad)


@pytest.mark.parametrize("name", sorted(MODULES))
def test_modules_are_small(name):
    lines = MODULES[name].read_text(encoding="utf-8").count("\n")
    assert lines <= MAX_LINES, f"{MODULES[name]} has {lines} lines; split it by job (at most {MAX_LINES})"


@pytest.mark.parametrize("stage", [s for s in STAGES if (KG / s).is_dir()])
def test_each_stage_says_what_flows_in_and_out(stage):
    doc = ast.get_docstring(ast.parse((KG / stage / "__init__.py").read_text(encoding="utf-8")))
    assert doc and len(doc) > 120, f"kg/{stage}/__init__.py needs a docstring saying what flows in and out"


def test_public_api_survives_importing_every_module():
    # kg.build and kg.query are functions; a subpackage named build or query would shadow them
    for info in pkgutil.walk_packages(kg.__path__, "kg."):
        if info.name != "kg.cli.__main__":
            importlib.import_module(info.name)
    for name in kg.__all__:
        assert getattr(kg, name) is not None
    assert callable(kg.build) and callable(kg.query) and callable(kg.load_dataset) and callable(kg.to_networkx)

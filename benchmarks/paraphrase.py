"""Paraphrase (metamorphic) suite: the share of sentence shapes newskg reads, per kind and per shape.

Each fact of ``tests/data/paraphrase.yaml`` (sanctions, offers, reliefs, roles) is told in many sentence
shapes (active, passive, nominal, relative clause, reduced relative, reported, list, "among", headline,
...), one short article per variant; one ``kg.build`` over them all, then each variant is checked in its
own article's named graph. The logic is ``tests/paraphrase.py`` (shared with ``tests/test_paraphrase.py``),
loaded here by path so that the tests folder needs no package.
"""
from __future__ import annotations

import importlib.util
import sys
import tempfile
from pathlib import Path

from . import REPO

SUITE = REPO / "tests" / "paraphrase.py"


def _suite():
    name = "newskg_paraphrase_suite"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, SUITE)
    mod = importlib.util.module_from_spec(spec)
    sys.modules[name] = mod  # dataclasses look their module up while the class is made
    spec.loader.exec_module(mod)
    return mod


def run(workdir: Path | None = None) -> dict:
    """{"overall", "by_kind", "by_shape", "by_fact": {found, total, share}, "missed", "negatives", ...}."""
    suite = _suite()
    with tempfile.TemporaryDirectory(prefix="paraphrase-") as tmp:
        res = suite.run(Path(workdir) if workdir else Path(tmp))
    out = res.summary()
    out["baseline_share"] = suite.load_data()["baseline_share"]
    return out


if __name__ == "__main__":
    import json

    print(json.dumps(run(), indent=1, ensure_ascii=False))

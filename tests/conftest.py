"""Shared fixtures: the examples build (built once per session) and a one-text analyser."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "articles"


@pytest.fixture(scope="session")
def examples_build(tmp_path_factory):
    """kg.build over examples/articles, written to a temporary folder (real spaCy, real rdflib)."""
    from kg.builder import build

    out = tmp_path_factory.mktemp("examples-build")
    return build([str(EXAMPLES)], out=out)

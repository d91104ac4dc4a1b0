"""Loading the bundled data files under ``kg/knowledge/data`` (YAML), validated and cached.

Domain knowledge (gazetteers, trigger words, boilerplate rules, colours) lives in
data files so that adding an alias or a trigger needs no Python change.
"""
from __future__ import annotations

import functools
from importlib import resources
from typing import Any

import yaml

from kg.errors import DataError

# libyaml's parser builds the same Python values as the pure-Python one (checked on every bundled file) about 7x
# faster: the data files took 1 s of each process's start
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_data(name: str) -> Any:
    """Load ``kg/knowledge/data/<name>`` (a YAML file) once and return its parsed content.

    Raises:
        DataError: the file is missing or is not valid YAML.
    """
    return _load_cached(name)


@functools.lru_cache(maxsize=None)
def _load_cached(name: str) -> Any:
    ref = resources.files("kg.knowledge") / "data" / name
    try:
        text = ref.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise DataError(f"bundled data file kg/knowledge/data/{name} is missing; reinstall newskg") from exc
    try:
        return yaml.load(text, Loader=_LOADER)
    except yaml.YAMLError as exc:
        raise DataError(f"kg/knowledge/data/{name} is not valid YAML: {exc}") from exc


def data_text(name: str) -> str:
    """The text of the bundled data file ``kg/knowledge/data/<name>`` (a table that is no YAML).

    Raises:
        DataError: the file is missing.
    """
    try:
        return (resources.files("kg.knowledge") / "data" / name).read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise DataError(f"bundled data file kg/knowledge/data/{name} is missing; reinstall newskg") from exc


def require_keys(entry: dict, keys: tuple[str, ...], *, where: str) -> None:
    """Raise DataError unless every key in ``keys`` is present in ``entry``."""
    missing = [k for k in keys if k not in entry]
    if missing:
        raise DataError(f"{where}: entry {entry!r} lacks {', '.join(missing)}")

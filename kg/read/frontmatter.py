"""Front matter: the YAML (``---``) or TOML (``+++``) block at the top of a Markdown article, parsed as data.

Hugo, Jekyll and most static-site and scraper tools write an article's metadata this way, with values of any
type: lists (``tags: [Energy, Markets]``), maps (``author: {name: Jane Roe}``), dates. The block is parsed with
a YAML or TOML parser, never line by line, so it is recognised as one block whatever it holds; a block that
does not parse is still one block if it has ``key: value`` lines (they are read one by one), and text between
two ``---`` rules that has none is left as text. In: the article's text. Out: a
:class:`FrontMatter` with the fields of ``kg/knowledge/data/headers.yaml`` and the number of lines it spans.
"""
from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass, field
from typing import Any

from kg.knowledge.lexicons import load_lexicon

MAX_LINES = 300  # a front matter block longer than this is not one (a document of --- separated parts)


MAX_ITEMS = 50  # values read from one list (a YAML alias bomb shares its lists; never walk them all)


FENCES = {"---": ("YAML", ("---", "...")), "+++": ("TOML", ("+++",))}


@dataclass(frozen=True)
class FrontMatter:
    """A parsed front matter block: its kind, its values, and the number of source lines it spans."""

    kind: str  # "YAML" or "TOML"
    data: dict[str, Any]
    lines: int
    error: str = ""  # the parser's complaint when the block did not parse (data then comes from key: value lines)
    fields: dict[str, tuple[str, Any]] = field(default_factory=dict)  # title/date/... -> (key, value as written)

    @property
    def source(self) -> str:
        return f"front matter ({self.kind})"


def split_front_matter(lines: list[str]) -> FrontMatter | None:
    """Find and parse a front matter block opening the article; None when there is none.

    >>> fm = split_front_matter(["---", "title: Ports reopen", "tags: [Energy, Markets]", "---", "Body."])
    >>> fm.kind, fm.lines, fm.fields["title"], fm.data["tags"]
    ('YAML', 4, ('title', 'Ports reopen'), ['Energy', 'Markets'])
    """
    first = next((i for i, ln in enumerate(lines) if ln.strip()), None)
    if first is None or lines[first].strip() not in FENCES:
        return None
    kind, closers = FENCES[lines[first].strip()]
    end = next((j for j in range(first + 1, min(len(lines), first + MAX_LINES))
                if lines[j].strip() in closers), None)
    if end is None:
        return None
    body = "\n".join(lines[first + 1:end])
    if not body.strip():
        return None
    data, error = _parse(body, kind)
    if error and not data:
        return None  # prose between two rules ("---"), not metadata: it stays text
    return FrontMatter(kind, data, end + 1, error, pick_fields(data))


def _parse(body: str, kind: str) -> tuple[dict[str, Any], str]:
    try:
        if kind == "YAML":
            import yaml

            data = yaml.safe_load(body)
        else:
            import tomllib

            data = tomllib.loads(body)
    except Exception as exc:  # noqa: BLE001 - any parser failure: fall back to key: value lines
        message = str(exc).split("\n")[0][:120]
        return _key_values(body), f"{kind} did not parse ({type(exc).__name__}: {message})"
    if not isinstance(data, dict):
        return _key_values(body), f"{kind} is not a mapping of keys to values"
    return data, ""


def _key_values(body: str) -> dict[str, Any]:
    """``key: value`` and ``key = "value"`` lines of a block that did not parse."""
    out: dict[str, Any] = {}
    for line in body.split("\n"):
        if m := re.match(r"^\s*([A-Za-z][\w.-]*)\s*[:=]\s*(.*?)\s*$", line):
            out.setdefault(m[1], m[2].strip("\"'"))
    return out


@functools.cache
def _field_keys() -> dict[str, tuple[str, ...]]:
    raw = load_lexicon("headers.yaml")["front_matter"]
    return {name: tuple(str(k).lower() for k in keys) for name, keys in raw.items()}


def _norm_key(key: Any) -> str:
    return str(key).strip().lower().replace("-", "_")


def pick_fields(data: dict[str, Any]) -> dict[str, tuple[str, Any]]:
    """The key and value of each header field (``title``, ``date``, ``updated``, ``authors``, ``url``, ``outlet``).

    Values are as the block wrote them (strings, dates, lists, maps), read through nested ``params`` or ``meta``
    sections too; ``url`` only takes a web address, ``outlet`` only what is not one.
    """
    flat = {_norm_key(k): v for k, v in data.items()}
    for section in ("params", "meta", "metadata", "extra"):  # Hugo [params], some scrapers' meta: {...}
        if isinstance(flat.get(section), dict):
            for k, v in flat[section].items():
                flat.setdefault(_norm_key(k), v)
    out: dict[str, tuple[str, Any]] = {}
    for name, keys in _field_keys().items():
        for key in keys:
            value = flat.get(key)
            if value in (None, "", [], {}):
                continue
            if name == "url":
                value = first_url(value)
            elif name == "outlet":
                value = outlet_name(value)
            if value:
                out[name] = (key, value)
                break
    return out


def first_url(value: Any) -> str | None:
    """The first web address in a front matter value (a string, a Markdown link, a list, a map with url/href)."""
    for item in _items(value):
        if isinstance(item, dict):
            item = item.get("url") or item.get("href") or item.get("@id")
        if isinstance(item, str):
            if m := re.search(r"https?://[^\s)>\]\"']+", item):
                return m.group(0)
    return None


def outlet_name(value: Any) -> str | None:
    """An outlet's name from a front matter value: a string that is not a web address, or a map's name."""
    for item in _items(value):
        if isinstance(item, dict):
            item = item.get("name") or item.get("title")
        if isinstance(item, str) and item.strip():
            text = item.strip()
            if m := re.fullmatch(r"\[([^\]]+)\]\([^)]*\)", text):  # [Outlet](https://...)
                return m[1].strip()
            if not re.match(r"https?://", text):
                return text
    return None


def author_names(value: Any) -> list[str]:
    """Author names from a front matter value: a string, a list of strings, maps with a name, or a map."""
    names: list[str] = []
    for item in _items(value):
        if isinstance(item, dict):
            item = item.get("name") or item.get("display_name") or item.get("title")
        if isinstance(item, str) and item.strip():
            names.append(item.strip())
    return names


def scalar_text(value: Any) -> str | None:
    """A front matter value as text: a date or date-time in ISO 8601, a string as it is, the first of a list."""
    for item in _items(value):
        if isinstance(item, dt.datetime):
            return item.isoformat()
        if isinstance(item, dt.date):
            return item.isoformat()
        if isinstance(item, (str, int, float)) and not isinstance(item, bool):
            return str(item).strip()
    return None


def _items(value: Any) -> list[Any]:
    if isinstance(value, (list, tuple)):
        return list(value[:MAX_ITEMS])
    return [value]

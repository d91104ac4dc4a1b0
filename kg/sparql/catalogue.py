"""The bundled queries (``kg/sparql/queries/*.rq``) and the parameters a query file declares.

A query file starts with comment lines: a summary, then one ``# param NAME: description`` line per parameter.
:func:`load_bundled_queries` reads them all once; :func:`resolve_query_text` turns a name, a ``.rq`` path or text
into the query text (and its :class:`BundledQuery` when it is one).
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from kg.errors import QueryError

PARAM_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


_BUNDLED_NAME = re.compile(r"[a-z][a-z0-9-]*")


@dataclass(frozen=True)
class Param:
    """A parameter of a bundled query: bound to the variable ``?name``."""

    name: str
    description: str
    optional: bool = False


@dataclass(frozen=True)
class BundledQuery:
    """A named query shipped in ``kg/sparql/queries/<name>.rq``.

    The file starts with a comment header: the first lines describe the query,
    then one ``# param NAME: what it is`` line per parameter (``# param NAME
    (optional): ...`` for an optional one).
    """

    name: str
    description: str
    params: tuple[Param, ...]
    text: str

    @property
    def summary(self) -> str:
        """What the query answers, in one line (for ``kg query --list``)."""
        first = self.description.split(". ")[0].rstrip(".")
        return first.split(": ", 1)[-1]


def parse_query_header(text: str) -> tuple[str, tuple[Param, ...]]:
    """The description and parameters declared in the comment header of a ``.rq`` text.

    >>> parse_query_header("# Offers.\\n# param who (optional): a name\\nSELECT * {}")
    ('Offers.', (Param(name='who', description='a name', optional=True),))
    """
    description: list[str] = []
    params: list[Param] = []
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped:
            continue
        if not stripped.startswith("#"):
            break
        body = stripped.lstrip("#").strip()
        m = re.fullmatch(r"param\s+([A-Za-z_]\w*)\s*(\(optional\))?\s*:\s*(.*)", body)
        if m:
            params.append(Param(m.group(1), m.group(3).strip(), optional=bool(m.group(2))))
        elif body and not params:
            description.append(body)
    return " ".join(description), tuple(params)


@functools.lru_cache(maxsize=1)
def load_bundled_queries() -> dict[str, BundledQuery]:
    """The bundled queries of ``kg/sparql/queries/*.rq`` by name (read once).

    >>> sorted(load_bundled_queries())[:2]
    ['copies', 'mentions']
    """
    out: dict[str, BundledQuery] = {}
    folder = resources.files("kg.sparql") / "queries"
    for ref in sorted(folder.iterdir(), key=lambda r: r.name):
        if not ref.name.endswith(".rq"):
            continue
        text = ref.read_text(encoding="utf-8")
        description, params = parse_query_header(text)
        name = ref.name[: -len(".rq")]
        out[name] = BundledQuery(name=name, description=description, params=params, text=text)
    return out


def resolve_query_text(query: str) -> tuple[str, BundledQuery | None]:
    """The SPARQL text meant by ``query``: a bundled query name, a ``.rq`` file, or SPARQL itself.

    Raises:
        QueryError: ``query`` looks like a name but no bundled query has it.
    """
    text, bundled, _file = resolve_query(query)
    return text, bundled


def resolve_query(query: str) -> tuple[str, BundledQuery | None, Path | None]:
    """Like :func:`resolve_query_text`, and the ``.rq`` file the text was read from, if it was.

    Raises:
        QueryError: ``query`` looks like a name but no bundled query has it, or its file cannot be read.
    """
    bundled = load_bundled_queries()
    stripped = query.strip()
    if stripped in bundled:
        return bundled[stripped].text, bundled[stripped], None
    if "\n" not in stripped and len(stripped) < 4096 and stripped.lower().endswith((".rq", ".sparql")):
        path = Path(stripped)
        if not path.is_file():
            raise QueryError(f"query file {stripped} not found")
        try:
            return path.read_text(encoding="utf-8"), None, path
        except (OSError, UnicodeDecodeError) as exc:
            raise QueryError(f"cannot read query file {stripped}: {exc}") from exc
    if _BUNDLED_NAME.fullmatch(stripped):
        raise QueryError(f"no bundled query named {stripped!r}; choose from {', '.join(bundled)} "
                         "(or give SPARQL text or a .rq file)")
    return query, None, None

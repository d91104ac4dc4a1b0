"""Query results and their text formats: SPARQL JSON and XML results, CSV, TSV, and terminal tables.

A :class:`QueryResult` holds the rows (SELECT), the boolean (ASK) or the graph (CONSTRUCT/DESCRIBE) of one run,
already capped; :func:`format_result` writes it in the format a user or an HTTP client asked for.
"""
from __future__ import annotations

import csv
import functools
import io
import json
import re
from collections import namedtuple
from dataclasses import dataclass, field

from rdflib import BNode, Graph, URIRef
from rdflib.namespace import XSD, NamespaceManager
from rdflib.term import Node

from kg.errors import QueryError


@dataclass
class QueryResult:
    """The result of a query, whatever the store behind it.

    ``rows`` holds tuples of RDF terms (``None`` when a variable is unbound) in
    the order of ``vars`` for SELECT; ``boolean`` the answer of ASK; ``graph``
    the triples of CONSTRUCT and DESCRIBE. ``truncated`` is True when the result
    was cut at the size limit. ``unmatched`` explains an empty result: the
    parameter values that are no name or alias in the graph
    (:class:`kg.sparql.names.UnmatchedName`, with the nearest names).
    """

    form: str
    vars: tuple[str, ...] = ()
    rows: list[tuple[Node | None, ...]] = field(default_factory=list)
    boolean: bool | None = None
    graph: Graph | None = None
    truncated: bool = False
    namespaces: tuple[tuple[str, str], ...] = ()
    unmatched: tuple = ()

    @property
    def empty(self) -> bool:
        """No row, a false ASK, or no triple."""
        if self.form == "ASK":
            return not self.boolean
        if self.form in ("CONSTRUCT", "DESCRIBE"):
            return self.graph is None or len(self.graph) == 0
        return not self.rows

    def records(self) -> Rows:
        """SELECT rows as named tuples (``row.label``); values are rdflib terms or None."""
        Row = namedtuple("Row", self.vars, rename=True)  # noqa: PYI024 - field names come from the query
        return Rows((Row(*r) for r in self.rows), self.vars)

    def to_frame(self):
        """SELECT rows as a pandas DataFrame (see :mod:`kg.sparql.frame`).

        Raises:
            QueryError: the query is not a SELECT.
            ImportError: pandas is not installed.
        """
        if self.form != "SELECT":
            raise QueryError(f"to_frame() needs a SELECT query; this one is {self.form}")
        from kg.sparql.frame import to_frame

        return to_frame(self.vars, self.rows)


class Rows(list):
    """The rows of a SELECT (named tuples), with the query's variables; :meth:`to_frame` gives a DataFrame."""

    def __init__(self, rows=(), variables: tuple[str, ...] = ()):
        super().__init__(rows)
        self.vars = tuple(variables)

    def to_frame(self):
        """The rows as a pandas DataFrame, one column per variable (see :mod:`kg.sparql.frame`).

        Raises:
            ImportError: pandas is not installed.
        """
        from kg.sparql.frame import to_frame

        return to_frame(self.vars, self)


MEDIA_TYPES = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
    "ttl": "text/turtle",
    "nt": "application/n-triples",
    "table": "text/plain",
}


def term_json(term: Node) -> dict[str, str]:
    """One RDF term in the SPARQL 1.1 JSON results format."""
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    out = {"type": "literal", "value": str(term)}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype is not None and term.datatype != XSD.string:
        out["datatype"] = str(term.datatype)
    return out


def _tsv_term(term: Node | None) -> str:
    if term is None:
        return ""
    if isinstance(term, URIRef):
        return f"<{term}>"
    if isinstance(term, BNode):
        return f"_:{term}"
    text = (_defused(str(term), term).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
            .replace("\r", "\\r").replace("\t", "\\t"))
    if term.language:
        return f'"{text}"@{term.language}'
    if term.datatype is not None and term.datatype != XSD.string:
        return f'"{text}"^^<{term.datatype}>'
    return f'"{text}"'


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _defused(text: str, term: Node) -> str:
    """``text`` with a ``'`` in front when a spreadsheet would run it as a formula (``=HYPERLINK(...)``).

    CSV and TSV results are opened in spreadsheets, which evaluate a cell starting with
    ``=``, ``+``, ``-`` or ``@``: such a literal gets a leading ``'`` (OWASP's advice), except a
    number (``-5``), which no spreadsheet reads as a formula.

    >>> from rdflib import Literal
    >>> print(_defused("=SUM(A1)", Literal("=SUM(A1)")))
    '=SUM(A1)
    >>> _defused("-5", Literal(-5))
    '-5'
    """
    if not text.startswith(_FORMULA_START) or isinstance(term, (URIRef, BNode)):
        return text
    if re.fullmatch(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?", text):
        return text
    return "'" + text


def _csv_term(term: Node | None) -> str:
    if term is None:
        return ""
    if isinstance(term, BNode):
        return f"_:{term}"
    return _defused(str(term), term)


def _xml_results(result: QueryResult) -> str:
    from xml.sax.saxutils import escape, quoteattr

    out = ['<?xml version="1.0"?>', '<sparql xmlns="http://www.w3.org/2005/sparql-results#">', "<head>"]
    if result.form == "ASK":
        out += ["</head>", f"<boolean>{'true' if result.boolean else 'false'}</boolean>", "</sparql>"]
        return "\n".join(out) + "\n"
    out += [f"<variable name={quoteattr(v)}/>" for v in result.vars]
    out += ["</head>", "<results>"]
    for row in result.rows:
        out.append("<result>")
        for var, term in zip(result.vars, row):
            if term is None:
                continue
            if isinstance(term, URIRef):
                value = f"<uri>{escape(str(term))}</uri>"
            elif isinstance(term, BNode):
                value = f"<bnode>{escape(str(term))}</bnode>"
            else:
                attrs = ""
                if term.language:
                    attrs = f" xml:lang={quoteattr(term.language)}"
                elif term.datatype is not None and term.datatype != XSD.string:
                    attrs = f" datatype={quoteattr(str(term.datatype))}"
                value = f"<literal{attrs}>{escape(_xml_safe(str(term)))}</literal>"
            out.append(f"<binding name={quoteattr(var)}>{value}</binding>")
        out.append("</result>")
    out += ["</results>", "</sparql>"]
    return "\n".join(out) + "\n"


def _xml_safe(text: str) -> str:
    return re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]", "\ufffd", text)


def format_result(result: QueryResult, fmt: str, *, width: int | None = None) -> str:
    """Serialise a result: ``table``, ``csv``, ``tsv``, ``json``, ``xml``, ``ttl`` or ``nt``.

    SELECT and ASK take table/csv/tsv/json/xml (ASK as ``true``/``false``);
    CONSTRUCT and DESCRIBE take ttl/nt (and table, which is Turtle).

    Raises:
        QueryError: the format does not fit the query form.
    """
    if result.form in ("CONSTRUCT", "DESCRIBE"):
        if fmt in ("ttl", "table"):
            return result.graph.serialize(format="turtle")
        if fmt == "nt":
            return "".join(sorted(result.graph.serialize(format="nt").splitlines(keepends=True)))
        raise QueryError(f"a {result.form} query gives triples: use --format ttl (or nt), not {fmt}")
    if fmt in ("ttl", "nt"):
        raise QueryError(f"a {result.form} query gives {'a yes/no answer' if result.form == 'ASK' else 'rows'}: "
                         "use --format table, csv, tsv or json")
    if fmt == "json":
        if result.form == "ASK":
            return json.dumps({"head": {}, "boolean": bool(result.boolean)}) + "\n"
        bindings = [{v: term_json(t) for v, t in zip(result.vars, row) if t is not None} for row in result.rows]
        return json.dumps({"head": {"vars": list(result.vars)}, "results": {"bindings": bindings}},
                          ensure_ascii=False) + "\n"
    if fmt == "xml":
        return _xml_results(result)
    if result.form == "ASK":
        return ("true" if result.boolean else "false") + "\n"
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\r\n")
        writer.writerow(result.vars)
        for row in result.rows:
            writer.writerow([_csv_term(t) for t in row])
        return buf.getvalue()
    if fmt == "tsv":
        lines = ["\t".join(f"?{v}" for v in result.vars)]
        lines += ["\t".join(_tsv_term(t) for t in row) for row in result.rows]
        return "\n".join(lines) + "\n"
    if fmt == "table":
        return format_table(result, width=width)
    raise QueryError(f"unknown format {fmt!r}; choose from table, csv, tsv, json, ttl")


def format_table(result: QueryResult, *, width: int | None = None) -> str:
    """An aligned text table of SELECT rows; IRIs shortened with the known prefixes.

    Args:
        width: cut each cell to this many characters (None: no cut).
    """
    header = list(result.vars)
    body = [[term_text(t, result.namespaces, width=width) for t in row] for row in result.rows]
    widths = [max([len(h), *(len(r[i]) for r in body)]) for i, h in enumerate(header)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(header, widths)).rstrip(),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() for r in body]
    lines.append(f"({len(body)} row{'s' if len(body) != 1 else ''}{', truncated' if result.truncated else ''})")
    return "\n".join(lines) + "\n"


def term_text(term: Node | None, namespaces: tuple[tuple[str, str], ...] = (), *, width: int | None = None) -> str:
    """A term as a table shows it: IRIs shortened with the known prefixes, whitespace folded, cut to ``width``.

    >>> term_text(URIRef("https://w3id.org/newskg/ontology#headOf"), (("kg", "https://w3id.org/newskg/ontology#"),))
    'kg:headOf'
    >>> from rdflib import Literal
    >>> term_text(Literal("a  long\\n name"), width=7)
    'a long…'
    """
    if term is None:
        return ""
    if isinstance(term, URIRef):
        try:
            text = _namespace_manager(tuple(namespaces)).normalizeUri(term)
        except Exception:  # noqa: BLE001 - fall back to the full IRI
            text = f"<{term}>"
        if text.startswith("<") is False and ":" not in text:
            text = f"<{term}>"
    elif isinstance(term, BNode):
        text = f"_:{term}"
    else:
        text = str(term)
    text = re.sub(r"\s+", " ", text).strip()
    if width and len(text) > width:
        text = text[: width - 1] + "…"
    return text


@functools.lru_cache(maxsize=32)
def _namespace_manager(namespaces: tuple[tuple[str, str], ...]) -> NamespaceManager:
    nm = NamespaceManager(Graph(), bind_namespaces="none")
    for prefix, iri in namespaces:
        nm.bind(prefix, iri, override=True, replace=True)
    return nm

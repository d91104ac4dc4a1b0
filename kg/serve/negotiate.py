"""Content negotiation for ``kg serve``: a query form, ``?format=`` and an ``Accept`` header in, a result format out.

The formats are those of :func:`kg.sparql.results.format_result`: ``json``, ``xml``, ``csv``, ``tsv`` and ``table``
for SELECT and ASK, ``ttl`` and ``nt`` for CONSTRUCT and DESCRIBE.

>>> choose_format("SELECT", None, "text/csv;q=0.5, application/sparql-results+xml")
'xml'
>>> choose_format("CONSTRUCT", "nt", "") , choose_format("SELECT", "ttl", "")
('nt', None)
"""
from __future__ import annotations

RESULT_TYPES = {  # media type -> our format name
    "application/sparql-results+json": "json",
    "application/json": "json",
    "application/sparql-results+xml": "xml",
    "application/xml": "xml",
    "text/xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
    "text/plain": "table",
}
GRAPH_TYPES = {
    "text/turtle": "ttl",
    "application/x-turtle": "ttl",
    "application/turtle": "ttl",
    "application/n-triples": "nt",
    "text/plain": "nt",
}
FORMAT_PARAM = {"json": "json", "xml": "xml", "csv": "csv", "tsv": "tsv", "table": "table", "text": "table",
                "ttl": "ttl", "turtle": "ttl", "nt": "nt", "ntriples": "nt"}


def media_types_for(form: str) -> dict[str, str]:
    """The media types a result of this query form can be sent as."""
    return GRAPH_TYPES if form in ("CONSTRUCT", "DESCRIBE") else RESULT_TYPES


def choose_format(form: str, wanted: str | None, accept: str) -> str | None:
    """The format to answer a ``form`` query in: ``wanted`` (``?format=``) if given, else the best of ``accept``;
    None when none of them can be served."""
    graph = form in ("CONSTRUCT", "DESCRIBE")
    table = media_types_for(form)
    if wanted:
        fmt = FORMAT_PARAM.get(wanted.lower())
        if fmt is None and "/" in wanted:
            fmt = table.get(wanted.lower())
        if fmt in (("ttl", "nt") if graph else ("json", "xml", "csv", "tsv", "table")):
            return fmt
        return None
    default = "ttl" if graph else "json"
    best, best_q = None, 0.0
    for media, q in parse_accept(accept or "*/*"):
        if q <= 0:
            continue
        fmt = default if media in ("*/*", "application/*", "text/*") else table.get(media)
        if fmt is not None and q > best_q:
            best, best_q = fmt, q
    return best


def parse_accept(header: str) -> list[tuple[str, float]]:
    """``(media type, q)`` for each entry of an ``Accept`` header, in order (a bad ``q`` is 0)."""
    out = []
    for part in header.split(","):
        fields = [f.strip() for f in part.split(";")]
        media = fields[0].lower()
        if not media:
            continue
        q = 1.0
        for f in fields[1:]:
            if f.lower().startswith("q="):
                try:
                    q = float(f[2:])
                except ValueError:
                    q = 0.0
        out.append((media, q))
    return out

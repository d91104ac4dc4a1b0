"""The graph as CSV tables a spreadsheet opens: entities, relations, events, evidence and articles.

One row per entity, relation, event, evidence sentence and article (the columns are :data:`COLUMNS`, and the
event columns follow ``kinds.yaml``). A cell holding several values joins them with `` | `` (a sanction's
targets, an entity's aliases), since values such as an offer's terms contain ``;`` and ``,`` themselves. A
cell a spreadsheet would run as a formula (starting with ``=``, ``+``, ``-`` or ``@``, numbers aside) gets a
leading ``'``, as in ``kg query --format csv``. Files are UTF-8 with a header row and ``\\r\\n`` line ends
(RFC 4180), in a deterministic order.

>>> import kg
>>> tables = to_tables(read_records(kg.load_dataset("out/graph.trig")))
>>> sorted(tables)
['articles.csv', 'entities.csv', 'events.csv', 'evidence.csv', 'relations.csv']
>>> tables["entities.csv"][0]
['iri', 'type', 'label', 'classes', 'aliases', 'job_titles', 'mentions', 'sources', 'articles']
"""
from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable

from kg.export.records import Records, event_properties, local_name, read_records

__all__ = ["COLUMNS", "SEPARATOR", "event_columns", "read_records", "to_csv_files", "to_tables"]

SEPARATOR = " | "

COLUMNS = {
    "entities.csv": ["iri", "type", "label", "classes", "aliases", "job_titles", "mentions", "sources", "articles"],
    "relations.csv": ["subject_iri", "subject", "relation", "predicate", "object_iri", "object", "job_titles",
                      "sources", "articles"],
    "evidence.csv": ["fact_iri", "kind", "fact", "subject_iri", "relation", "object_iri", "article_iri",
                     "article_url", "article_headline", "sentence"],
    "articles.csv": ["iri", "url", "headline", "outlet", "date", "file"],
}
_EVENT_TAIL = ["status", "date", "start_date", "end_date", "date_text", "sources", "articles"]
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")


def _snake(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def event_columns() -> list[str]:
    """The columns of ``events.csv``: kind, IRI and label, a column per kg: property an event writes (its labels,
    and its IRIs in ``<name>_iri`` when it holds entities), then status, dates, number of sources and articles.

    >>> event_columns()[:6]
    ['kind', 'iri', 'label', 'offered_by', 'offered_by_iri', 'offered_to']
    """
    cols = ["kind", "iri", "label"]
    for prop, entities in event_properties():
        cols += [_snake(prop), _snake(prop) + "_iri"] if entities else [_snake(prop)]
    return cols + _EVENT_TAIL


def _join(values: Iterable[str]) -> str:
    return SEPARATOR.join(values)


def _rows_entities(rec: Records) -> list[list]:
    return [[e.iri, e.type, e.label, _join(e.classes), _join(e.aliases), _join(e.job_titles), e.mentions,
             len(e.articles), _join(e.articles)] for e in rec.entities.values()]


def _rows_relations(rec: Records) -> list[list]:
    return [[r.subject, rec.label(r.subject), local_name(r.predicate), r.predicate, r.object, rec.label(r.object),
             _join(r.job_titles), len(r.articles), _join(r.articles)] for r in rec.relations]


def _rows_events(rec: Records) -> list[list]:
    rows = []
    for e in rec.events:
        row: list = [e.kind, e.iri, e.label]
        for prop, entities in event_properties():
            values = e.get(prop)
            if entities:  # a literal among entities (an offer "to any American company") is its own label
                row += [_join((rec.label(v) or v) if v in rec.labels else v for v in values),
                        _join(v for v in values if v in rec.labels)]
            else:
                row.append(_join(values))
        row += [_join(e.get("status")), _join(e.get("date")), _join(e.get("startDate")), _join(e.get("endDate")),
                _join(e.get("dateText")), len(e.articles), _join(e.articles)]
        rows.append(row)
    return rows


def _fact_label(rec: Records, kind: str, subject: str, predicate: str, obj: str) -> str:
    if kind == "relation":
        return f"{rec.label(subject)} {local_name(predicate)} {rec.label(obj)}"
    if kind == "statement":
        return f"{rec.label(subject) or 'someone'} said"
    return rec.label(subject)


def _rows_evidence(rec: Records) -> list[list]:
    rows = []
    for ev in rec.evidence:
        article = rec.articles.get(ev.article)
        rows.append([ev.fact, ev.kind, _fact_label(rec, ev.kind, ev.subject, ev.predicate, ev.object), ev.subject,
                     local_name(ev.predicate) if ev.predicate else "", ev.object, ev.article,
                     article.url if article else "", article.headline if article else "", ev.sentence])
    return rows


def _rows_articles(rec: Records) -> list[list]:
    return [[a.iri, a.url, a.headline, a.outlet, a.date, a.file] for a in rec.articles.values()]


def to_tables(records: Records) -> dict[str, list[list]]:
    """Each table's file name -> its rows, the header first."""
    return {
        "entities.csv": [COLUMNS["entities.csv"], *_rows_entities(records)],
        "relations.csv": [COLUMNS["relations.csv"], *_rows_relations(records)],
        "events.csv": [event_columns(), *_rows_events(records)],
        "evidence.csv": [COLUMNS["evidence.csv"], *_rows_evidence(records)],
        "articles.csv": [COLUMNS["articles.csv"], *_rows_articles(records)],
    }


def _cell(value) -> str:
    if isinstance(value, int):
        return str(value)
    text = str(value)
    if text.startswith(_FORMULA_START) and not _NUMBER.fullmatch(text):
        return "'" + text
    return text


def to_csv_files(records: Records) -> dict[str, bytes]:
    """Each table's file name -> its CSV bytes (UTF-8, header row, ``\\r\\n`` line ends)."""
    out = {}
    for name, rows in to_tables(records).items():
        buf = io.StringIO(newline="")
        writer = csv.writer(buf, lineterminator="\r\n")
        writer.writerows([_cell(v) for v in row] for row in rows)
        out[name] = buf.getvalue().encode("utf-8")
    return out

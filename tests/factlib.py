"""Helpers for table-driven tests: analyse one text and describe its facts by name; SELECT rows as Python values."""
from __future__ import annotations

from kg.builder.analyse import analyse
from kg.extract.facts import EventFact, Relation, StatementFact
from kg.knowledge.gazetteer import load_gazetteer
from kg.read.article import Article
from kg.sparql.run import run_query


def analyse_text(text: str, *, date: str | None = "2020-06-15", title: str | None = None):
    """Run the real pipeline (spaCy model, gazetteer, every extractor) on one article text."""
    art = Article(source="test", file_name="test.txt", text=text, content_hash="0", date=date, title=title)
    (result,) = analyse([art])
    return result


def _name(result, local_id: int) -> str:
    ent = result.entities[local_id]
    if ent.gaz_id:
        return load_gazetteer().entries[ent.gaz_id].name
    return ent.best_name


def relations(result) -> set[tuple[str, str, str]]:
    return {(_name(result, f.subject), f.predicate, _name(result, f.object))
            for f in result.facts if isinstance(f, Relation)}


def titles(result) -> dict[tuple[str, str, str], str | None]:
    return {(_name(result, f.subject), f.predicate, _name(result, f.object)): f.title
            for f in result.facts if isinstance(f, Relation)}


def offers(result) -> list[dict]:
    return [
        {
            "by": {_name(result, i) for i in f.offered_by},
            "to": {_name(result, i) for i in f.offered_to} | ({f.offered_to_text} if f.offered_to_text else set()),
            "item": f.item or "",
            "terms": f.terms or "",
            "status": f.status,
            "date": f.date,
        }
        for f in result.facts if isinstance(f, EventFact) and f.kind == "offer"
    ]


def sanctions(result, *, relief: bool = False) -> list[dict]:
    return [
        {
            "by": {_name(result, i) for i in f.imposed_by},
            "target": {_name(result, i) for i in f.targets},
            "program": f.program,
            "restriction": f.restriction,
            "date": f.date,
            "status": f.status,
        }
        for f in result.facts if isinstance(f, EventFact) and f.kind == ("relief" if relief else "sanction")
    ]


def statements(result) -> list[tuple[str, str]]:
    return [(_name(result, f.speaker), f.quote) for f in result.facts if isinstance(f, StatementFact)]


def entity_types(result) -> dict[str, str]:
    return {(_name(result, e.local_id)): e.type for e in result.entities if not e.implicit}


def select(graph, text: str) -> list[tuple]:
    """The rows of a SELECT on ``graph`` as tuples of Python values (None where a variable is unbound)."""
    return [tuple(v.toPython() if v is not None else None for v in row) for row in run_query(graph, text).rows]

"""The records that flow from extractors to resolution and the graph writer.

Extractors yield facts about *local* entities (ids within one article); the
resolver maps them to corpus-wide entities; the graph writer is the only place
that turns them into triples. All records are picklable so that worker
processes can return them.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from kg.nlp.registry import LocalEntity
from kg.read.article import Article


@dataclass(frozen=True)
class Relation:
    """``subject predicate object`` between two local entities (roles, basedIn, customerOf...)."""

    subject: int
    predicate: str  # local name of a kg: property
    object: int
    evidence: str
    title: str | None = None  # job title as written, for role relations


@dataclass(frozen=True)
class OfferFact:
    """Someone offering something to someone."""

    offered_by: tuple[int, ...]
    evidence: str
    offered_to: tuple[int, ...] = ()
    offered_to_text: str | None = None
    item: str | None = None
    terms: str | None = None
    status: str | None = None
    date: str | None = None
    date_text: str | None = None


@dataclass(frozen=True)
class SanctionFact:
    """A government body restricting a target, or relief from such a restriction."""

    imposed_by: tuple[int, ...]
    targets: tuple[int, ...]
    evidence: str
    program: str | None = None
    restriction: str | None = None
    date: str | None = None
    date_text: str | None = None
    relief: bool = False
    status: str | None = None


@dataclass(frozen=True)
class StatementFact:
    """A quotation attributed to a speaker."""

    speaker: int
    quote: str
    evidence: str
    date: str | None = None
    date_text: str | None = None


Fact = Relation | OfferFact | SanctionFact | StatementFact


@dataclass
class ArticleResult:
    """Everything one article yields, ready for corpus-wide resolution."""

    article: Article
    entities: list[LocalEntity]
    facts: list[Fact]
    words: int = 0
    warnings: list[str] = field(default_factory=list)

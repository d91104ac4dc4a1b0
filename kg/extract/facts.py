"""The records that flow from extractors to resolution and the graph writer.

Extractors yield facts about *local* entities (ids within one article); the
resolver maps them to corpus-wide entities; the graph writer is the only place
that turns them into triples. All records are picklable so that worker
processes can return them.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from kg.read.article import Article

BUCKETS = {"Person": "Person", "Company": "Organization", "GovernmentBody": "Organization",
           "Organization": "Organization", "Country": "Country"}


@dataclass
class LocalEntity:
    """An entity as seen in one article: its type, names and mentions there."""

    local_id: int
    type: str  # Person | Company | GovernmentBody | Organization | Country
    key: str  # resolution key: "gaz:<id>" or "<bucket>:<normalised name>"
    names: Counter = field(default_factory=Counter)  # surface form -> count
    mentions: int = 0
    gaz_id: str | None = None
    sentences: list[int] = field(default_factory=list)
    implicit: bool = False  # added by an extractor (e.g. a country's government), not mentioned by name

    @property
    def bucket(self) -> str:
        return BUCKETS[self.type]

    @property
    def best_name(self) -> str:
        """The longest of the most frequent surface forms."""
        return max(self.names.items(), key=lambda kv: (len(kv[0].split()) > 1, kv[1], len(kv[0]), kv[0]))[0]


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

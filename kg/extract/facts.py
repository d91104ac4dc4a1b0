"""The records that flow from extractors to resolution and the graph writer.

Extractors yield facts about *local* entities (ids within one article); the
resolver maps them to corpus-wide entities; the graph writer is the only place
that turns them into triples. All records are picklable so that worker
processes can return them.

Events of every kind (offers, sanctions, reliefs, and whatever ``kinds.yaml`` adds) are one record,
:class:`EventFact`: its kind names an entry of :mod:`kg.knowledge.kinds`, which says what its slots are.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from kg.knowledge.kinds import load_kinds
from kg.nlp.registry import LocalEntity
from kg.read.article import Article

SlotValue = tuple[int, ...] | str


@dataclass(frozen=True)
class Relation:
    """``subject predicate object`` between two local entities (roles, basedIn, customerOf...)."""

    subject: int
    predicate: str  # local name of a kg: property
    object: int
    evidence: str
    title: str | None = None  # job title as written, for role relations


@dataclass(frozen=True)
class EventFact:
    """One report of an event of any kind of ``kinds.yaml``: its slots, the sentence, its date and status.

    ``slots`` holds (slot name, value) pairs: a tuple of local entity ids for an entity slot, a string for
    a literal one. It may be given as a mapping; it is kept in the kind's slot order with empty values left
    out, so two records of the same event are equal and hash alike whatever order they were built in.
    A slot reads like a field (``fact.targets``; ``()`` or ``None`` when empty).

    >>> f = EventFact("sanction", {"targets": (3,), "imposed_by": [1], "program": "Entity List"}, "...")
    >>> f.slots
    (('imposed_by', (1,)), ('targets', (3,)), ('program', 'Entity List'))
    >>> f.targets, f.restriction, f.with_slots(restriction="exports").restriction
    ((3,), None, 'exports')

    Raises:
        ValueError: an unknown kind, or a slot the kind does not have (the message lists the valid ones).
    """

    kind: str
    slots: tuple[tuple[str, SlotValue], ...]
    evidence: str
    date: str | None = None
    date_text: str | None = None
    status: str | None = None

    def __post_init__(self) -> None:
        kinds = load_kinds()
        if self.kind not in kinds:
            raise ValueError(f"unknown event kind {self.kind!r}; the kinds are: {', '.join(kinds)}")
        spec = kinds[self.kind]
        given = dict(self.slots.items() if isinstance(self.slots, Mapping) else self.slots)
        unknown = [n for n in given if not spec.has_slot(n)]
        if unknown:
            raise ValueError(f"{self.kind} has no slot {unknown[0]!r}; its slots: "
                             + ", ".join(s.name for s in spec.slots))
        canonical = []
        for slot in spec.slots:
            value = given.get(slot.name)
            if value is None or value == "" or value == ():
                continue
            canonical.append((slot.name, tuple(value) if slot.entities else value))
        object.__setattr__(self, "slots", tuple(canonical))

    def __getattr__(self, name: str):
        # only reached when ``name`` is not a field: a slot of this kind, read like one
        if name.startswith("_"):
            raise AttributeError(name)
        spec = load_kinds().get(self.__dict__.get("kind", ""))
        if spec is None or not spec.has_slot(name):
            raise AttributeError(f"{self.__dict__.get('kind')} event has no slot {name!r}")
        return self.get(name)

    def get(self, name: str) -> SlotValue | None:
        """The value of slot ``name``: a tuple of local ids (``()`` when empty) or a string (``None``)."""
        for slot, value in self.slots:
            if slot == name:
                return value
        return () if load_kinds()[self.kind].slot(name).entities else None

    def entities(self, name: str | None) -> tuple[int, ...]:
        """The local entity ids of an entity slot (none for ``None``)."""
        return self.get(name) if name is not None else ()  # type: ignore[return-value]

    def text(self, name: str | None) -> str | None:
        """The string of a literal slot (``None`` for an empty or absent one)."""
        return self.get(name) if name is not None else None  # type: ignore[return-value]

    def entity_ids(self) -> list[int]:
        """Every local entity id the fact names, slot by slot."""
        spec = load_kinds()[self.kind]
        return [i for slot in spec.entity_slots for i in self.entities(slot.name)]

    def with_slots(self, **values: SlotValue | None) -> EventFact:
        """A copy with these slots set (``None`` or empty clears one)."""
        merged = dict(self.slots)
        merged.update(values)
        return EventFact(self.kind, tuple(merged.items()), self.evidence, self.date, self.date_text, self.status)


def make_event(kind: str, *, evidence: str, date: str | None = None, date_text: str | None = None,
               status: str | None = None, **slots: SlotValue | None) -> EventFact:
    """An :class:`EventFact` with its slots given as keywords.

    >>> make_event("offer", evidence="...", offered_by=(0,), item="Arm").slots
    (('offered_by', (0,)), ('item', 'Arm'))
    """
    return EventFact(kind, tuple(slots.items()), evidence, date, date_text, status)


# Transitional constructors with the keywords of the record classes they replace, so that extractor code
# written against them keeps working; new code calls make_event.
def OfferFact(offered_by, evidence, offered_to=(), offered_to_text=None, item=None, terms=None,  # noqa: N802
              status=None, date=None, date_text=None) -> EventFact:
    """An offer as an :class:`EventFact` (transitional: was a record class)."""
    return make_event("offer", evidence=evidence, status=status, date=date, date_text=date_text,
                      offered_by=offered_by, offered_to=offered_to, offered_to_text=offered_to_text, item=item,
                      terms=terms)


def SanctionFact(imposed_by, targets, evidence, program=None, restriction=None, date=None,  # noqa: N802
                 date_text=None, relief=False, status=None) -> EventFact:
    """A sanction, or with ``relief`` a relief, as an :class:`EventFact` (transitional: was a record class)."""
    return make_event("relief" if relief else "sanction", evidence=evidence, status=status, date=date,
                      date_text=date_text, imposed_by=imposed_by, targets=targets, program=program,
                      restriction=restriction)


@dataclass(frozen=True)
class StatementFact:
    """A quotation attributed to a speaker."""

    speaker: int
    quote: str
    evidence: str
    date: str | None = None
    date_text: str | None = None


Fact = Relation | EventFact | StatementFact


@dataclass
class ArticleResult:
    """Everything one article yields, ready for corpus-wide resolution."""

    article: Article
    entities: list[LocalEntity]
    facts: list[Fact]
    words: int = 0
    warnings: list[str] = field(default_factory=list)

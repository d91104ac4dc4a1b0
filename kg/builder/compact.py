"""The compact record of an article's analysis: what resolution, event clustering and the writer's tables read of it.

What flows in: an :class:`~kg.extract.facts.ArticleResult`. What flows out: the same record with only that part, which a
work folder keeps beside the whole result (:mod:`kg.builder.work`) and a streaming build's resolution reads
(:mod:`kg.builder.stream`).

What resolution truly reads of an article: its header fields (IRIs, bylines, the report; of where each was found,
only the field and the kind of source), its local entities (type,
key, names, gazetteer id, mention count, implicit or not; not the sentences they are in), its event facts (slots,
date, status; not the sentence) and the relations that say who leads whom (:data:`kg.resolve.events.LEADS`). An event
fact keeps its place among the article's event facts, so the writer finds its event in either record.
"""
from __future__ import annotations

import pickle
import sys
from collections.abc import Iterator, Mapping
from dataclasses import replace

from kg.extract.facts import ArticleResult, EventFact, Relation
from kg.nlp.registry import LocalEntity
from kg.read.article import Article
from kg.read.header import FieldSource
from kg.resolve.events import LEADS

_NO_SENTENCES: list[int] = []  # shared by every compact entity (nothing after the analysis reads or changes it)


def to_compact(result: ArticleResult) -> ArticleResult:
    """The part of an article's result resolution, event clustering and the writer's tables read.

    >>> from kg.read.article import Article
    >>> art = Article(source="a.txt", file_name="a.txt", text="", content_hash="h")
    >>> full = ArticleResult(art, [], [Relation(0, "basedIn", 1, "Acme is based in Oslo."),
    ...                              Relation(2, "ceoOf", 0, "Jo Li runs Acme.", title="chief executive")])
    >>> to_compact(full).facts
    [Relation(subject=2, predicate='ceoOf', object=0, evidence='', title=None)]
    """
    facts = [_compact_fact(f) for f in result.facts
             if isinstance(f, EventFact) or (isinstance(f, Relation) and f.predicate in LEADS)]
    art = result.article
    # the report reads only the field and the kind of source of where each header field was found
    article = replace(art, text="", notes=(), read_from=tuple(FieldSource(fs.field, fs.source) for fs in art.read_from))
    return ArticleResult(article=article, entities=[_compact_entity(e) for e in result.entities],
                         facts=facts, words=result.words, warnings=result.warnings)


def _compact_entity(ent: LocalEntity) -> LocalEntity:
    return LocalEntity(local_id=ent.local_id, type=ent.type, key=ent.key, names=ent.names, mentions=ent.mentions,
                       gaz_id=ent.gaz_id, sentences=_NO_SENTENCES, implicit=ent.implicit)


def _compact_fact(fact: EventFact | Relation) -> EventFact | Relation:
    if isinstance(fact, Relation):
        return Relation(fact.subject, fact.predicate, fact.object, "")
    return replace(fact, evidence="")


def intern_compact(result: ArticleResult) -> ArticleResult:
    """The record as a streaming build holds it: its header packed (:class:`PackedArticle`), and the strings many
    articles repeat (entity types and keys, gazetteer ids) kept once: unpickling makes a new copy of each for every
    article."""
    intern = sys.intern
    for ent in result.entities:
        ent.type, ent.key = intern(ent.type), intern(ent.key)
        if ent.gaz_id:
            ent.gaz_id = intern(ent.gaz_id)
        ent.names = NameCounts(ent.names)
    result.facts = [_interned(f) for f in result.facts]
    result.article = PackedArticle(result.article)
    return result


def _interned(fact: EventFact | Relation) -> EventFact | Relation:
    """The fact with its kind or predicate and its slot names kept once (frozen records: set as __init__ would)."""
    if isinstance(fact, Relation):
        object.__setattr__(fact, "predicate", sys.intern(fact.predicate))
    else:
        object.__setattr__(fact, "kind", sys.intern(fact.kind))
        object.__setattr__(fact, "slots", tuple((sys.intern(k), v) for k, v in fact.slots))
    return fact


class NameCounts(Mapping):
    """A local entity's names and how often each was written, read-only, in the order a Counter of them has: one flat
    tuple instead of a Counter's hash table (about 100 bytes instead of 220 for an entity of one name). Reads like the
    Counter it replaces (iteration, ``items()``, ``[]``, ``Counter.update`` of it, equality).

    >>> from collections import Counter
    >>> names = NameCounts(Counter({"Acme Corp": 3, "Acme": 1}))
    >>> list(names), names["Acme"], Counter(names) == Counter({"Acme Corp": 3, "Acme": 1})
    (['Acme Corp', 'Acme'], 1, True)
    """

    __slots__ = ("_flat",)

    def __init__(self, counts: Mapping[str, int]):
        self._flat = tuple(x for pair in counts.items() for x in pair)

    def __getitem__(self, name: str) -> int:
        flat = self._flat
        for i in range(0, len(flat), 2):
            if flat[i] == name:
                return flat[i + 1]
        raise KeyError(name)

    def __iter__(self) -> Iterator[str]:
        return iter(self._flat[::2])

    def __len__(self) -> int:
        return len(self._flat) // 2

    def __repr__(self) -> str:
        return f"NameCounts({dict(self)!r})"


class PackedArticle:
    """An article's header fields, held as one pickle and read back field by field: about 20 Python objects (strings,
    where each field was found, tuples) become one bytes object, a third of their memory. Resolution reads only the
    source of each article; the writer its key and file name, the report the rest, once, at the end.

    >>> from kg.read.article import Article
    >>> packed = PackedArticle(Article(source="a.txt", file_name="a.txt", text="", content_hash="h", title="T"))
    >>> packed.title, packed.key
    ('T', 'file:a.txt')
    """

    __slots__ = ("_blob",)
    _last: tuple[bytes, Article] | None = None  # the article read last (the report reads its fields one by one)

    def __init__(self, article: Article):
        self._blob = pickle.dumps(article, protocol=pickle.HIGHEST_PROTOCOL)

    def __getattr__(self, name: str):
        return getattr(self.unpacked(), name)

    def __eq__(self, other: object) -> bool:
        return self.unpacked() == (other.unpacked() if isinstance(other, PackedArticle) else other)

    __hash__ = None  # type: ignore[assignment]  # as the Article it stands for

    def unpacked(self) -> Article:
        last = PackedArticle._last
        if last is None or last[0] is not self._blob:
            last = PackedArticle._last = (self._blob, pickle.loads(self._blob))
        return last[1]

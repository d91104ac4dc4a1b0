"""The entities of one article: :class:`LocalEntity` records and the registry that clusters their mentions.

A :class:`LocalEntity` is an entity as seen in one article (local id, type, names, mentions); the
:class:`EntityRegistry` holds them and says which tokens belong to which. Corpus-wide merging is
:mod:`kg.resolve`.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from kg.knowledge.gazetteer import Gazetteer


def initials(name: str) -> str:
    """The capitals that open a name's words: "Fiat Chrysler Automobiles" -> "FCA"."""
    return "".join(w[0] for w in re.findall(r"[A-Za-z][\w'-]*", name) if w[0].isupper())


BUCKETS = {"Person": "Person", "Company": "Organization", "GovernmentBody": "Organization",
           "Organization": "Organization", "Country": "Country"}


@dataclass(slots=True)  # slots: a streaming build holds some eight an article, of every article
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


class EntityRegistry:
    """The clusters of one article, and which tokens belong to which cluster."""

    def __init__(self, gaz: Gazetteer):
        self.gaz = gaz
        self.entities: list[LocalEntity] = []
        self.by_key: dict[str, int] = {}
        self.token_entity: dict[tuple[int, int], int] = {}  # (doc index, token index) -> local id
        self.current_doc = 0
        self.sentence_offsets: list[int] = []
        self.described: set[int] = set()  # classed by what the article says they are (kg.nlp.descriptions)  # chunk index -> article-wide index of its first sentence
        self.guessed_bodies: set[int] = set()  # "the Treasury" given the article's main country, not a named one

    def get_or_add(self, key: str, etype: str, *, gaz_id: str | None = None, implicit: bool = False) -> LocalEntity:
        if key in self.by_key:
            ent = self.entities[self.by_key[key]]
            if ent.implicit and not implicit:
                ent.implicit = False
            return ent
        ent = LocalEntity(local_id=len(self.entities), type=etype, key=key, gaz_id=gaz_id, implicit=implicit)
        self.entities.append(ent)
        self.by_key[key] = ent.local_id
        return ent

    def merge_into(self, src: LocalEntity, dst: LocalEntity) -> None:
        """Make ``src`` the same entity as ``dst``: its mentions, names and tokens move to ``dst``.

        ``src`` stays in the list (local ids are positions) as an implicit entity with ``dst``'s key,
        so resolution puts both in one node and nothing is written for ``src`` itself.
        """
        if src is dst:
            return
        for k, lid in self.token_entity.items():
            if lid == src.local_id:
                self.token_entity[k] = dst.local_id
        dst.names.update(src.names)
        dst.mentions += src.mentions
        dst.sentences[:] = sorted(set(dst.sentences) | set(src.sentences))
        dst.implicit = dst.implicit and src.implicit
        self.by_key[src.key] = dst.local_id
        src.names.clear()
        src.mentions = 0
        src.implicit = True
        src.key, src.type, src.gaz_id = dst.key, dst.type, dst.gaz_id
        self.guessed_bodies.discard(src.local_id)

    def spelt_out(self, text: str, gaz_id: str | None = None) -> LocalEntity | None:
        """The organisation named in full earlier in the article whose initials ``text`` is ("FCA" after "Fiat Chrysler
        Automobiles"), other than the gazetteer entry ``gaz_id`` the acronym is also an alias of (a listed acronym
        of three letters or more, never a country's)."""
        if not (text.isupper() and len(text) <= 6) or (gaz_id and (len(text) < 3 or self.gaz.entries[gaz_id].type
                                                                     == "Country")):
            return None
        return next((other for other in self.entities if other.bucket == "Organization" and not other.implicit and (
            gaz_id is None or other.gaz_id != gaz_id) and any(initials(n) == text and " " in n for n in other.names)),
            None)

    def short_for(self, text: str) -> LocalEntity | None:
        """The one organisation of the article a one-word name is short for: the only one whose name opens with the
        word, followed only by words a name drops (``short_name_ends`` and ``org_suffixes`` of entity_rules.yaml:
        "Tessaly" of "Tessaly Bank", "Orvik" of "Orvik Airlines Group"); None for a gazetteer host, or when another
        organisation opens with the word ("Orvik Energy")."""
        from kg.knowledge.entity_rules import load_entity_rules
        from kg.knowledge.gazetteer import normalize_name

        word = normalize_name(text)
        if not word or " " in word or self.gaz.lookup(text) is not None:
            return None  # "Jordan Airlines ... Jordan signed a deal": a name the gazetteer knows is that
        opening = [o for o in self.entities if o.bucket == "Organization" and not o.implicit and any(
            (w := normalize_name(m).split())[:1] == [word] and len(w) > 1 for m in o.names)]
        if len(opening) != 1 or opening[0].gaz_id:
            return None
        rules = load_entity_rules()
        ends = rules.short_name_ends | rules.org_suffixes
        host = opening[0]
        full = [w for m in host.names if (w := normalize_name(m).split())[:1] == [word]]
        return host if all(set(w[1:]) <= ends for w in full) else None

    def mention_spans(self, doc_index: int, doc):
        """Each mention in chunk ``doc_index``: (the run of tokens of one entity, its local id), in text order."""
        i = 0
        while i < len(doc):
            lid = self.token_entity.get((doc_index, i))
            if lid is None:
                i += 1
                continue
            j = i + 1
            while j < len(doc) and self.token_entity.get((doc_index, j)) == lid:
                j += 1
            yield doc[i:j], lid
            i = j

    def add_gaz(self, gaz_id: str, *, implicit: bool = True) -> LocalEntity:
        """The cluster of a gazetteer entry, added without a mention when new (e.g. a government)."""
        entry = self.gaz.entries[gaz_id]
        ent = self.get_or_add(f"gaz:{gaz_id}", entry.type, gaz_id=gaz_id, implicit=implicit)
        if not ent.names:
            ent.names[entry.name] += 0
        return ent

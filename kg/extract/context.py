"""What an extractor sees of one article: its parsed chunks, entities and helpers."""
from __future__ import annotations

import bisect
import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from spacy.tokens import Span

from kg.extract.facts import Relation
from kg.knowledge.gazetteer import Gazetteer
from kg.nlp.registry import EntityRegistry, LocalEntity
from kg.read.article import Article
from kg.read.dates import ResolvedDate, resolve_date, to_date

ORG_TYPES = ("Company", "Organization", "GovernmentBody")
# nouns any company is called by, which refer to the text's topic rather than to a name ending in them
_TOPIC_NOUNS = frozenset({"company", "firm", "corporation", "business"})
LOOKBACK = 400  # tokens searched backwards for an antecedent: keeps long articles linear


class _Sentence(Span):
    """A sentence span whose tokens are made once: spaCy makes a new Token object on every access, and the
    extractors walk every sentence a dozen times (about a third of their time went to making tokens)."""

    def __iter__(self):
        tokens = self.__dict__.get("_tokens")
        if tokens is None:
            tokens = self.__dict__["_tokens"] = list(Span.__iter__(self))
        return iter(tokens)


@dataclass
class ExtractContext:
    """One article as the extractors see it."""

    article: Article
    docs: list  # spaCy Doc per chunk
    registry: EntityRegistry
    gaz: Gazetteer
    published: dt.date | None = None
    facts: list = field(default_factory=list)  # facts of the extractors that ran before
    _topic_cache: dict = field(default_factory=dict)
    memo: dict = field(default_factory=dict)  # what a helper computes once an article ("countries" it names)

    @classmethod
    def create(cls, article: Article, docs: list, registry: EntityRegistry, gaz: Gazetteer) -> "ExtractContext":
        return cls(article, docs, registry, gaz, to_date(article.date))

    @property
    def entities(self) -> list[LocalEntity]:
        return self.registry.entities

    def sentences(self):
        """Yield (doc index, sentence span) over the whole article; the spans are made once per article and
        keep their tokens (:class:`_Sentence`), since every extractor walks every sentence."""
        cached = self._topic_cache.get("sentences")
        if cached is None:
            cached = self._topic_cache["sentences"] = [
                (di, _Sentence(doc, sent.start, sent.end)) for di, doc in enumerate(self.docs) for sent in doc.sents]
        yield from cached

    def sentences_before(self, di: int, start: int, n: int) -> list:
        """The ``n`` sentences that end at token ``start`` (cached per chunk: no quadratic rescans)."""
        cache = self._topic_cache.setdefault(("sents", di), None)
        if cache is None:
            sents = list(self.docs[di].sents)
            cache = (sents, [s.start for s in sents])
            self._topic_cache[("sents", di)] = cache
        sents, starts = cache
        idx = bisect.bisect_left(starts, start)
        return sents[max(0, idx - n) : idx]

    def entity_at(self, di: int, token) -> LocalEntity | None:
        lid = self.registry.token_entity.get((di, token.i))
        return None if lid is None else self.registry.entities[lid]

    def entities_in(self, di: int, span, types: tuple[str, ...] | None = None) -> list[LocalEntity]:
        """Distinct entities with a token inside ``span``, in text order."""
        out: list[LocalEntity] = []
        for t in span:
            ent = self.entity_at(di, t)
            if ent is not None and ent not in out and (types is None or ent.type in types):
                out.append(ent)
        return out

    def as_actor(self, ent: LocalEntity) -> LocalEntity:
        """A country acting is its government ("the US placed Huawei on a blacklist")."""
        if ent.type == "Country" and ent.gaz_id:
            gov = self.gaz.government_of(ent.gaz_id)
            if gov is not None:
                return self.registry.add_gaz(gov.id, implicit=True)
        return ent

    def main_org(self) -> LocalEntity | None:
        """The company or organisation the article is mostly about."""
        counts = Counter()
        for e in self.entities:
            if e.type in ("Company", "Organization") and not e.implicit:
                counts[e.local_id] = e.mentions * 10 - min(e.sentences or [0])
        if not counts:
            return None
        return self.entities[counts.most_common(1)[0][0]]

    def previous_subject(self, di: int, sent, types: tuple[str, ...] = ("Company", "Organization")) -> LocalEntity | None:
        """The organisation a sentence-opening "It" stands for, strictly: the subject of the previous sentence's
        main clause, when it is one of ``types`` ("Allianz is a German insurer. It owns Pimco"); else None."""
        previous = self.sentences_before(di, sent.start, 1)
        subj = next(iter(main_subjects(previous[-1])), None) if previous else None
        ent = self.entity_at(di, subj) if subj is not None else None
        return ent if ent is not None and ent.type in types else None

    def topic_org(self, di: int, sent, types: tuple[str, ...] = ("Company", "Organization")) -> LocalEntity | None:
        """The organisation "its" / "the company" refers to in ``sent``.

        The last such organisation named before the sentence's first token in the
        same or the two previous sentences, else the article's main organisation.
        """
        doc = self.docs[di]
        start = sent.start
        look_from = start
        seen = 0
        previous = self.sentences_before(di, start, 2)
        # the subject of the previous sentence continues as the topic ("Pfizer approached
        # AstraZeneca in January. ... the company offered £50 a share"); when the previous one is about a person and
        # names no organisation, the organisation that person is known to hold a role in, else the subject of the
        # one before if it names no other ("Kestrel reported results. Its founder, 80, still chairs the board. Its
        # president X": Kestrel's)
        for k, prev in enumerate(reversed(previous)):
            # a misparse that made the end of the sentence its root ("Britvic has rejected X, saying ..., undervalues
            # the business"): the subject that opens the sentence
            subjects = main_subjects(prev) or [t for t in prev if t.dep_ in ("nsubj", "nsubjpass")
                                               and t.left_edge.i == prev.start][:1]
            named_orgs = {e.local_id for t in prev if (e := self.entity_at(di, t)) is not None and e.type in types}
            if k == 1 and len(named_orgs) > 1:
                break  # "Orlan Bank downgraded Kestrel Foods. Dana Kell said ... The company's chief": either one
            for t in subjects:
                ent = self.entity_at(di, t)
                if ent is None:
                    ent = next((self.entity_at(di, c) for c in t.children
                                if c.dep_ in ("compound", "appos") and self.entity_at(di, c)), None)
                if ent is not None and ent.type in types:
                    return ent
            people = [e for t in subjects if (e := self.entity_at(di, t)) is not None and e.type == "Person"]
            if k == 0 and (not people or named_orgs):
                break  # the sentence before is about a person only when it names no organisation
            held = [self.entities[f.object] for f in self.facts if isinstance(f, Relation)
                    and f.subject in {p.local_id for p in people} and self.entities[f.object].type in types]
            if held:
                return held[-1]  # "Nagamori still chairs the board. ... president X": the person's organisation
        for prev in reversed(previous):
            look_from = prev.start
            seen += 1
            if seen >= 2:
                break
        for t in reversed(doc[look_from:start]):
            ent = self.entity_at(di, t)
            if ent is not None and ent.type in types:
                return ent
        main = self.main_org()
        return main if main is not None and main.type in types else None

    def relations(self, predicates: tuple[str, ...] | None = None) -> list[Relation]:
        """Relations found so far in this article (roles run first)."""
        return [f for f in self.facts if isinstance(f, Relation) and (predicates is None or f.predicate in predicates)]

    def last_entity_before(self, di: int, token, types: tuple[str, ...], where=None, *,
                           subject: bool = False) -> LocalEntity | None:
        """The entity of one of ``types`` (and, if given, passing ``where``; with ``subject``, named as a clause's
        subject) named most recently before ``token`` in this chunk."""
        doc = self.docs[di]
        for t in reversed(doc[max(0, token.i - LOOKBACK) : token.i]):
            ent = self.entity_at(di, t)
            if ent is not None and ent.type in types and (where is None or where(ent)) and (
                    not subject or t.dep_ in ("nsubj", "nsubjpass") or (
                        t.dep_ in ("compound", "flat", "poss") and t.head.dep_ in ("nsubj", "nsubjpass"))):
                return ent
        return None

    def named_by_head(self, di: int, token) -> LocalEntity | None:
        """The one organisation named before ``token`` whose name of two words or more ends in the noun: "The
        Medicines Patent Pool ... the pool", "the Ansarallah movement ... the movement's leader" (none when two do)."""
        if token.pos_ != "NOUN" or token.dep_ in ("appos", "attr") or not any(
                c.dep_ == "det" and c.lower_ in ("the", "this") for c in token.children) or any(
                c.dep_ not in ("det", "case", "punct", "prep", "relcl", "acl") for c in token.children):
            return None  # only a bare noun ("the fund"): "WPP, the London-based group" is WPP, not "X Group"
        word = token.lemma_.lower()
        if word in _TOPIC_NOUNS:
            return None  # "the company" is whichever the text is about, not "The WhiteWave Foods Company"
        found: dict[int, LocalEntity] = {}
        for t in reversed(self.docs[di][max(0, token.i - LOOKBACK):token.i]):
            e = self.entity_at(di, t)
            if e is None and t.pos_ == "NOUN" and t.lemma_.lower() == word and not found and any(
                    c.dep_ == "det" and c.lower_ in ("a", "an", "another") for c in t.children) and (
                    t.dep_ != "pobj" or t.head.lower_ not in ("into", "as")) and t.dep_ not in ("attr", "appos"):
                return None  # "Ostmark runs a fund. ... the fund": the fund told last ("into a data group": no other)
            if e is not None and e.type in ORG_TYPES and any(
                    len(n.split()) > 1 and n.split()[-1].lower() in (word, token.lower_) for n in e.names):
                found[e.local_id] = e
        return next(iter(found.values())) if len(found) == 1 else None

    def possessor_org(self, di: int, token, types: tuple[str, ...] = ORG_TYPES) -> LocalEntity | None:
        """What "its"/"their" refers to: the organisation that is subject of an enclosing clause,
        else the nearest organisation named earlier in the sentence, else the paragraph's topic."""
        sent = token.sent
        head = token
        for _ in range(8):
            if head.pos_ in ("VERB", "AUX"):
                for c in head.children:
                    if c.dep_ in ("nsubj", "nsubjpass") and not (c.left_edge.i <= token.i <= c.right_edge.i):
                        ent = self.entity_at(di, c)
                        if ent is not None and ent.type in types:
                            return ent
            if head.head.i == head.i:
                break
            head = head.head
        before = list(reversed(self.docs[di][sent.start : token.i]))
        # "..., after Qualcomm agreed to pay more for NXP, raising its offer": a subject before the
        # pronoun is a likelier owner than a nearer object
        for t in before:
            if t.dep_ in ("nsubj", "nsubjpass"):
                ent = self.entity_at(di, t)
                if ent is not None and ent.type in types:
                    return ent
        for t in before:
            ent = self.entity_at(di, t)
            if ent is not None and ent.type in types:
                return ent
        return self.topic_org(di, sent, types)

    def date(self, text: str) -> ResolvedDate | None:
        """Resolve a date phrase against the article's publication date."""
        return resolve_date(text, self.published)


def main_subjects(span) -> list:
    """The subjects of a sentence's main verb (its root), in text order."""
    return [t for t in span if t.dep_ in ("nsubj", "nsubjpass") and t.head.dep_ == "ROOT"]

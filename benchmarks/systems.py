"""The two systems every quality runner compares: newskg's real pipeline and raw spaCy.

``run_ours`` feeds :class:`kg.read.article.Article` records built from the benchmark's raw text through
``kg.builder.analyse.analyse_all`` (spaCy + gazetteer ruler, entity typing and clustering, every extractor),
exactly as ``kg build`` does after reading files. ``ours_mentions`` runs the same ``kg.builder.analyse.analyse``
and reads each mention's character span from the article's extraction context, which span-level NER
scoring needs and ``ArticleResult`` does not carry.

``run_baseline`` is the plain ``en_core_web_sm`` pipeline (no gazetteer ruler): its entities are its
``doc.ents`` grouped by normalised text, and its relations are sentence co-occurrence.
"""
from __future__ import annotations

import functools
import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from . import BASELINE_MODEL
from .scoring import normalize

BATCH_SIZE = 16


@dataclass
class Entity:
    """One entity of one document as a system sees it."""

    key: str
    type: str  # ours: Person/Company/GovernmentBody/Organization/Country; baseline: spaCy label
    names: frozenset[str]  # for matching: surface forms, gazetteer names, a government's country
    gaz_id: str | None = None
    surface: frozenset[str] = frozenset()  # surface forms and gazetteer names only (for typing)


@dataclass
class DocOutput:
    """What a system found in one document."""

    entities: dict[str, Entity] = field(default_factory=dict)
    relations: list[tuple[str, str, str, str | None]] = field(default_factory=list)  # (subj, predicate, obj, title)
    relation_evidence: list[str] = field(default_factory=list)  # the sentence of each relation (newskg)
    sanctions: list[tuple[tuple[str, ...], tuple[str, ...], bool]] = field(default_factory=list)  # (by, targets, relief)
    sentences: list[list[str]] = field(default_factory=list)  # entity keys per sentence (baseline)
    sentence_texts: list[str] = field(default_factory=list)  # (baseline)
    skipped: str | None = None


def make_article(doc_id: str, text: str):
    """A :class:`kg.read.article.Article` holding ``text`` as its body (no header or boilerplate removal)."""
    from kg.read.article import Article

    return Article(source=doc_id, file_name=doc_id, text=text,
                   content_hash=hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest())


@functools.lru_cache(maxsize=1)
def _gazetteer():
    from kg.knowledge.gazetteer import load_gazetteer

    return load_gazetteer()


def gaz_names(gaz_id: str | None, *, with_country: bool = True) -> set[str]:
    """The gazetteer names of an entry; a government body also stands for its country (kg:jurisdiction)."""
    if not gaz_id:
        return set()
    gaz = _gazetteer()
    entry = gaz.entries.get(gaz_id)
    if entry is None:
        return set()
    names = {entry.name, *entry.aliases}
    if with_country and entry.type == "GovernmentBody" and entry.country and entry.country in gaz.entries:
        country = gaz.entries[entry.country]
        names |= {country.name, *country.aliases}
    return names


@functools.lru_cache(maxsize=1)
def _demonym_capital_norms() -> dict[str, frozenset[str]]:
    gaz = _gazetteer()
    out: dict[str, frozenset[str]] = {}
    for table in (gaz.demonyms, gaz.capitals):
        for word, cid in table.items():
            if cid in gaz.entries:
                entry = gaz.entries[cid]
                out.setdefault(normalize(word), frozenset({entry.name, *entry.aliases}))
    return out


def country_of(gaz_id: str | None):
    """The gazetteer country a government body acts for (None for anything else)."""
    entry = _gazetteer().entries.get(gaz_id or "")
    if entry is None or entry.type != "GovernmentBody" or not entry.country:
        return None
    return _gazetteer().entries.get(entry.country)


def country_named_in(country, text: str) -> bool:
    """True when ``text`` names the country: its name, an alias, a demonym or a capital."""
    gaz = _gazetteer()
    words = {country.name, *country.aliases}
    words |= {w for table in (gaz.demonyms, gaz.capitals) for w, cid in table.items() if cid == country.id}
    return any(re.search(rf"(?<!\w){re.escape(w)}(?!\w)", text) for w in words)


def expand_gold_names(names: Sequence[str]) -> frozenset[str]:
    """Gold names plus, for a demonym or capital ("Iranian", "Tehran"), the country's names.

    Applied to gold entities only, so it helps every system equally.
    """
    table = _demonym_capital_norms()
    out = set(names)
    for n in names:
        out |= table.get(normalize(n), frozenset())
    return frozenset(out)


def is_country_name(text: str) -> bool:
    """True when ``text`` is a country name or alias in the newskg gazetteer."""
    from kg.knowledge.gazetteer import normalize_name

    return normalize_name(text) in _gazetteer().country_names


# ---------------------------------------------------------------------------
# newskg


def run_ours(docs: Sequence[tuple[str, str]], *, workers: int = 1) -> list[DocOutput]:
    """Run newskg's pipeline (``kg.builder.analyse.analyse_all``) over (doc id, text) pairs."""
    from kg.builder.analyse import analyse_all
    from kg.extract.facts import EventFact, Relation
    from kg.read.article import Skipped

    articles = [make_article(doc_id, text) for doc_id, text in docs]
    out: list[DocOutput] = []
    for res in analyse_all(articles, workers=workers):
        if isinstance(res, Skipped):
            out.append(DocOutput(skipped=res.reason))
            continue
        d = DocOutput()
        for ent in res.entities:
            surface = frozenset(set(ent.names) | gaz_names(ent.gaz_id, with_country=False))
            names = surface | gaz_names(ent.gaz_id)
            d.entities[str(ent.local_id)] = Entity(str(ent.local_id), ent.type, names, ent.gaz_id, surface)
        for fact in res.facts:
            if isinstance(fact, Relation):
                d.relations.append((str(fact.subject), fact.predicate, str(fact.object), fact.title))
                d.relation_evidence.append(fact.evidence)
            elif isinstance(fact, EventFact) and fact.kind in ("sanction", "relief"):
                d.sanctions.append((tuple(str(i) for i in fact.imposed_by), tuple(str(i) for i in fact.targets),
                                    fact.kind == "relief"))
        out.append(d)
    return out


def ours_mentions(texts: Sequence[str]) -> list[list[tuple[int, int, str]]]:
    """Entity mentions (char begin, char end, newskg type) of each text, as newskg's pipeline typed them.

    Runs ``kg.builder.analyse.analyse`` unchanged and records the extraction context of each article (its
    spaCy docs and entity registry), whose token-to-entity map gives the mention spans.
    """
    import kg.builder.analyse as pipeline
    from kg.nlp.pipeline import split_chunks

    articles = [make_article(f"doc-{i}", text) for i, text in enumerate(texts)]
    contexts: dict[str, object] = {}
    original = pipeline.ExtractContext

    class RecordingContext(original):  # type: ignore[misc, valid-type]
        @classmethod
        def create(cls, article, docs, registry, gaz, *args, **kwargs):
            ctx = original.create(article, docs, registry, gaz, *args, **kwargs)
            contexts[article.source] = ctx
            return ctx

    pipeline.ExtractContext = RecordingContext
    try:
        for start in range(0, len(articles), 256):
            pipeline.analyse(articles[start : start + 256])
    finally:
        pipeline.ExtractContext = original
    out = []
    for art in articles:
        ctx = contexts.get(art.source)
        if ctx is None:
            out.append([])  # the article failed in newskg: no mentions
            continue
        read = pipeline.analysis_text(art) if hasattr(pipeline, "analysis_text") else art.text
        shift = len(read) - len(art.text)  # a headline put before the body (none here: no titles)
        offsets = [off - shift for off, _ in split_chunks(read)]
        registry = ctx.registry
        mentions = []
        for di, doc in enumerate(ctx.docs):
            for span, lid in registry.mention_spans(di, doc):
                mentions.append((offsets[di] + span.start_char, offsets[di] + span.end_char,
                                 registry.entities[lid].type))
        out.append(mentions)
    return out


# ---------------------------------------------------------------------------
# raw spaCy baseline


@functools.lru_cache(maxsize=1)
def load_baseline():
    """The raw ``en_core_web_sm`` pipeline, without newskg's gazetteer ruler."""
    import spacy

    return spacy.load(BASELINE_MODEL)


BASELINE_TYPES = {"PERSON": "Person", "ORG": "Organization", "GPE": "GPE", "LOC": "LOC", "NORP": "NORP", "FAC": "FAC"}


def run_baseline(texts: Sequence[str]) -> tuple[list[DocOutput], list[list[tuple[int, int, str]]]]:
    """Raw spaCy over each text: per-document entities and sentences, and every mention's char span and label."""
    nlp = load_baseline()
    outs, mentions = [], []
    for doc in nlp.pipe(texts, batch_size=BATCH_SIZE):
        d = DocOutput()
        ms = []
        for sent in doc.sents:
            keys = []
            for ent in sent.ents:
                ms.append((ent.start_char, ent.end_char, ent.label_))
                etype = BASELINE_TYPES.get(ent.label_)
                norm = normalize(ent.text)
                if etype is None or not norm:
                    continue
                key = f"{etype}:{norm}"
                names = (d.entities[key].names if key in d.entities else frozenset()) | {ent.text}
                d.entities[key] = Entity(key, etype, names, surface=names)
                if key not in keys:
                    keys.append(key)
            d.sentences.append(keys)
            d.sentence_texts.append(sent.text)
        outs.append(d)
        mentions.append(ms)
    return outs, mentions


def cooccurring_pairs(d: DocOutput, subject_types: Sequence[str], object_types: Sequence[str]) -> list[tuple[str, str]]:
    """Ordered (subject, object) entity pairs of the given types that share a sentence (the relation baseline)."""
    out = []
    seen = set()
    for keys in d.sentences:
        for s in keys:
            if d.entities[s].type not in subject_types:
                continue
            for o in keys:
                if o == s or d.entities[o].type not in object_types or (s, o) in seen:
                    continue
                seen.add((s, o))
                out.append((s, o))
    return out

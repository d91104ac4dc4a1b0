"""From articles to :class:`~kg.extract.facts.ArticleResult`: NLP, entities and extractors.

Runs in one process or in a pool of worker processes (``workers``), each loading
the spaCy model once. One article's failure is caught here, at the per-article
boundary, and reported; it never loses the other articles.
"""
from __future__ import annotations

import logging
import multiprocessing as mp
import re
from collections import deque
from collections.abc import Iterable, Iterator, Sequence

from kg.extract import load_extractors
from kg.extract.context import ExtractContext
from kg.extract.facts import ArticleResult
from kg.knowledge.gazetteer import load_gazetteer
from kg.nlp.aliases import join_known_as
from kg.nlp.descriptions import describe_entities
from kg.nlp.entities import add_doc_entities
from kg.nlp.names import propagate_names
from kg.nlp.org_typing import mark_business_text
from kg.nlp.pipeline import load_nlp, split_chunks
from kg.nlp.registry import EntityRegistry
from kg.read.article import Article, Skipped

log = logging.getLogger(__name__)
BATCH_SIZE = 16


def analyse(articles: Sequence[Article]) -> list[ArticleResult | Skipped]:
    """Run NLP and every extractor over ``articles`` in this process."""
    nlp = load_nlp()
    gaz = load_gazetteer()
    extractors = load_extractors()
    pieces = []
    for ai, art in enumerate(articles):
        for chunk in analysis_texts(art):
            pieces.append((chunk, ai))
    docs_of: dict[int, list] = {i: [] for i in range(len(articles))}
    failed: dict[int, str] = {}
    try:
        for doc, ai in nlp.pipe(pieces, as_tuples=True, batch_size=BATCH_SIZE):
            docs_of[ai].append(doc)
    except Exception:  # noqa: BLE001 - one article broke the batch: redo it article by article
        log.debug("NLP failed on a batch; retrying article by article", exc_info=True)
        for ai in docs_of:
            try:
                docs_of[ai] = [d for d, _ in nlp.pipe([(t, ai) for t, a in pieces if a == ai], as_tuples=True)]
            except Exception as exc:  # noqa: BLE001 - the per-article boundary
                failed[ai] = f"extraction failed: {type(exc).__name__}: {exc}"
    out: list[ArticleResult | Skipped] = []
    for ai, art in enumerate(articles):
        if ai in failed:
            out.append(Skipped(art.source, failed[ai]))
            continue
        try:
            out.append(_extract(art, docs_of[ai], gaz, extractors))
        except Exception as exc:  # noqa: BLE001 - the per-article boundary: report, keep going
            log.debug("article %s failed", art.source, exc_info=True)
            out.append(Skipped(art.source, f"extraction failed: {type(exc).__name__}: {exc}"))
    return out


_WORD = re.compile(r"\w+(?:[-'’.]\w+)*")


def count_words(text: str) -> int:
    """Words in a text, independent of how a tokenizer splits them ("co-founded" is one word)."""
    return len(_WORD.findall(text))


def analysis_texts(article: Article) -> list[str]:
    """The texts the NLP reads for one article: the headline as a text of its own (it often states
    the main fact, and must not run into the first sentence) and the body in chunks. A headline in capitals is not
    read: the model finds no names in it, only capitalised words ("US CUSTOMS LIFTS BAN": "CUSTOMS", "LIFTS")."""
    texts = []
    title = (article.title or "").strip()
    if title and not article.text.startswith(title) and not title.isupper():
        texts.append(title)
    texts += [chunk for _offset, chunk in split_chunks(article.text)]
    return texts


def _extract(article: Article, docs: list, gaz, extractors) -> ArticleResult:
    registry = EntityRegistry(gaz)
    mark_business_text(docs)
    sent_offset = 0
    for di, doc in enumerate(docs):
        add_doc_entities(registry, doc, di, sent_offset)
        sent_offset += sum(1 for _ in doc.sents)
    describe_entities(registry, docs)
    join_known_as(registry, docs)
    propagate_names(registry, docs)
    ctx = ExtractContext.create(article, docs, registry, gaz)
    facts = ctx.facts
    warnings = []
    for name, fn in extractors:
        try:
            facts.extend(list(fn(ctx)))
        except Exception as exc:  # noqa: BLE001 - one extractor failing keeps the others' facts
            log.debug("extractor %s failed on %s", name, article.source, exc_info=True)
            warnings.append(f"{name} extractor failed: {type(exc).__name__}: {exc}")
    words = sum(count_words(d.text) for d in docs)
    return ArticleResult(article=article, entities=registry.entities, facts=facts, words=words, warnings=warnings)


def prepare_worker() -> None:
    """Load what an analysing process needs once: the spaCy pipeline and the gazetteer."""
    load_nlp()
    load_gazetteer()


IN_FLIGHT_PER_WORKER = 2  # batches sent to a worker ahead of the results taken: the bound on articles held for it


def analyse_all(articles: Iterable[Article], *, workers: int = 1) -> Iterator[ArticleResult | Skipped]:
    """Analyse articles in batches, in order, with ``workers`` processes.

    ``articles`` is read lazily: at most :data:`IN_FLIGHT_PER_WORKER` batches a worker are taken from it ahead of the
    results the caller has taken (``Pool.imap`` would take the whole input at once, in a thread of its own), so an
    iterator of a million articles is never held whole.
    """
    batches = _batches(articles, BATCH_SIZE)
    if workers <= 1:
        for batch in batches:
            yield from analyse(batch)
        return
    ctx = mp.get_context("spawn" if mp.get_start_method(allow_none=True) == "spawn" else "forkserver")
    with ctx.Pool(workers, initializer=prepare_worker) as pool:
        pending: deque = deque()
        for batch in batches:
            pending.append(pool.apply_async(analyse, (batch,)))
            if len(pending) >= workers * IN_FLIGHT_PER_WORKER:
                yield from pending.popleft().get()
        while pending:
            yield from pending.popleft().get()


def _batches(items: Iterable[Article], n: int) -> Iterator[list[Article]]:
    batch: list[Article] = []
    for item in items:
        batch.append(item)
        if len(batch) >= n:
            yield batch
            batch = []
    if batch:
        yield batch


def analysis_text(article: Article) -> str:
    """All the text the NLP reads for one article, as one string (for word counts and baselines)."""
    return "\n\n".join(analysis_texts(article))

"""Statements: who said what ("...," Ren said), with the quote, date and article."""
from __future__ import annotations

import re
from collections.abc import Iterator

from kg.extract.common import (
    clean_sentence,
    entity_of_token,
    events_lexicon,
    last_person_before,
    sentence_date,
    subject_of,
)
from kg.extract.context import ORG_TYPES, ExtractContext
from kg.extract.facts import StatementFact
from kg.nlp.registry import LocalEntity

_QUOTE_RX = re.compile(r"[“\"]([^“”\"]{8,}?)[”\"]")
SPEAKER_TYPES = ("Person", *ORG_TYPES)


def _speaker(ctx: ExtractContext, di: int, sent) -> LocalEntity | None:
    verbs = set(events_lexicon()["statements"]["speech_verbs"])
    for tok in sent:
        if tok.lemma_.lower() in verbs and tok.pos_ == "VERB":
            subj = subject_of(tok)
            if subj is None:
                continue
            ent = entity_of_token(ctx, di, subj)
            if ent is None and subj.lower_ in ("he", "she"):
                ent = last_person_before(ctx, di, subj)
            if ent is not None and ent.type in SPEAKER_TYPES:
                return ent
    return None


def extract(ctx: ExtractContext) -> Iterator[StatementFact]:
    """Yield a StatementFact for each quotation whose speaker is identifiable."""
    sents = list(ctx.sentences())
    previous: LocalEntity | None = None  # the speaker of the quote just before, if any
    for idx, (di, sent) in enumerate(sents):
        text = clean_sentence(sent)
        quotes = [q.strip(" ,") for q in _QUOTE_RX.findall(text) if len(q.split()) >= 3]
        if not quotes:
            previous = None
            continue
        speaker = _speaker(ctx, di, sent)
        if speaker is None and previous is not None and "\n" not in ctx.docs[di][max(0, sent.start - 1)].text:
            speaker = previous  # a quote that goes on after "..., said X." is still X's
        if speaker is None and idx + 1 < len(sents):
            ndi, nxt = sents[idx + 1]
            if len(nxt) <= 12 and not _QUOTE_RX.search(nxt.text):
                speaker = _speaker(ctx, ndi, nxt)  # "...". he said.
        previous = speaker
        if speaker is None:
            continue
        date, date_text = sentence_date(ctx, sent)
        yield StatementFact(
            speaker=speaker.local_id,
            quote=" … ".join(quotes),
            evidence=text,
            date=(date.value if date else ctx.article.date[:10] if ctx.article.date else None),
            date_text=date_text,
        )

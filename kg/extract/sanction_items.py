"""Members of a measure given as a list of lines after a colon: "China will sanction eleven Americans. ... The
other five head groups that Beijing accuses of stirring up unrest:" followed by one line per person ("Kenneth
Roth, executive director of Human Rights Watch"). A line of the list has no verb of its own and opens with a
name; the list ends at the first line that is a sentence. The measure is the one the article counted or told at
most two sentences before the colon (``kg/extract/sanctions.py`` keeps it)."""
from __future__ import annotations

import functools
from dataclasses import dataclass, field

from kg.extract.context import ExtractContext
from kg.extract.sanction_parties import sanction_lexicon
from kg.nlp.registry import LocalEntity

_ITEM_TYPES = ("Person", "Company", "Organization", "GovernmentBody")


@dataclass
class ColonList:
    """The list being read: the imposers and programme its lines take, while it lasts."""

    imposers: list[LocalEntity] = field(default_factory=list)
    program: str | None = None

    def open(self, sent, recent: tuple[int, list[LocalEntity]] | None, n: int, program: str | None) -> None:
        """Start a list at a line ending in a colon that points back at the group a measure told at most two
        sentences before counted or named ("the other five are:", "those named include:"; not "Top gainers were:")."""
        if sent.text.rstrip().endswith(":") and recent is not None and n - recent[0] <= 2 and any(
                t.like_num or t.lemma_.lower() in _back_words() for t in sent):
            self.imposers, self.program = list(recent[1]), program

    def item(self, ctx: ExtractContext, di: int, sent) -> LocalEntity | None:
        """The member a line of the open list names, else None (and the list ends at a line that is a sentence)."""
        if not self.imposers:
            return None
        member = list_item(ctx, di, sent)
        if member is None:
            self.imposers = []
        return member


@functools.lru_cache(maxsize=1)
def _back_words() -> frozenset[str]:
    """Words of a colon line that point back at a measure's group (``events.yaml`` ``sanctions.continuation``)."""
    words = sanction_lexicon()["continuation"]
    return frozenset(w for key in ("pronouns", "group_nouns", "list_nouns", "participles") for w in words[key])


def list_item(ctx: ExtractContext, di: int, sent) -> LocalEntity | None:
    """The entity a verbless line opens with ("Kenneth Roth, executive director of Human Rights Watch")."""
    doc = sent.doc
    line_start = sent.start == 0 or "\n" in doc.text[doc[sent.start - 1].idx:sent.start_char]
    line_end = sent.end == len(doc) or "\n" in doc.text[sent[-1].idx:doc[sent.end].idx]
    if not (line_start and line_end) or any(t.pos_ in ("VERB", "AUX") and t.dep_ in ("ROOT", "conj") for t in sent):
        return None
    first = next((t for t in sent if not t.is_punct and not t.is_space), None)
    ent = ctx.entity_at(di, first) if first is not None else None
    return ent if ent is not None and ent.type in _ITEM_TYPES else None

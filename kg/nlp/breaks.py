"""Sentence boundaries that the article's layout gives, set before the parser runs.

What flows in: a tokenised Doc of an article body (one paragraph, list item or table row per line, as the readers in
:mod:`kg.read` write it). What flows out: the same Doc with ``is_sent_start`` set where the layout decides: the token
after every line break starts a sentence (the parser alone sometimes runs a paragraph's last sentence into the next
paragraph's first), and a table row ("Kestrel Foods | Chief executive | Dana Kell", its short cells joined by " | ")
is one sentence, never cut inside (the parser cuts rows of names at random, which splits the names themselves), as
is a short line with no sentence end inside (a list item: "Mykola Azarov, prime minister until January").
"""
from __future__ import annotations

import bisect
import re

NAME = "newskg_paragraph_breaks"
CELL = " | "  # how the readers join a table row's cells


_CELL_WORDS = 15  # a table cell is short; a paragraph with " | Photo: X" in it is prose


def is_row_text(line: str) -> bool:
    """Whether a line is a table row: cells joined by " | ", each of a few words."""
    return CELL in line and all(len(cell.split()) <= _CELL_WORDS for cell in line.split(CELL))


_SHORT_LINE = 12  # words: a list item, a caption, a label


def _short_line(line: str) -> bool:
    """A line of a few words, a name and its description, with no sentence end inside ("Mykola Azarov, prime
    minister until January"): one sentence, which the parser may otherwise cut after a name it does not know."""
    body = line.strip()
    return 0 < len(body.split()) <= _SHORT_LINE and "," in body and not re.search(r"[.!?][\"'”’)]?\s+\S", body)


def register() -> str:
    """Register (once) the component and return its name."""
    from spacy.language import Language

    if not Language.has_factory(NAME):
        Language.component(NAME, func=layout_breaks)
    return NAME


def layout_breaks(doc):
    """Set the sentence starts of ``doc`` from its line breaks and table rows."""
    text = doc.text
    if "\n" not in text and CELL not in text:
        return doc
    starts = doc.to_array("IDX").tolist()
    line_start = 0
    while line_start < len(text):
        end = text.find("\n", line_start)
        end = len(text) if end < 0 else end
        first = bisect.bisect_left(starts, line_start)
        if first < len(doc) and starts[first] < end:
            if first > 0:
                doc[first].is_sent_start = True
            if is_row_text(text[line_start:end]) or _short_line(text[line_start:end]):
                for i in range(first + 1, bisect.bisect_left(starts, end)):
                    doc[i].is_sent_start = False
        line_start = end + 1
    return doc

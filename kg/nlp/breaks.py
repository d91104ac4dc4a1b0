"""Sentence boundaries that the article's layout gives, set before the parser runs.

What flows in: a tokenised Doc of an article body (one paragraph, list item or table row per line, as the readers in
:mod:`kg.read` write it). What flows out: the same Doc with ``is_sent_start`` set where the layout decides: the token
after every line break starts a sentence (the parser alone sometimes runs a paragraph's last sentence into the next
paragraph's first), and a table row ("Kestrel Foods | Chief executive | Dana Kell", its short cells joined by " | ")
is one sentence, never cut inside (the parser cuts rows of names at random, which splits the names themselves).
"""
from __future__ import annotations

import bisect

NAME = "newskg_paragraph_breaks"
CELL = " | "  # how the readers join a table row's cells


_CELL_WORDS = 15  # a table cell is short; a paragraph with " | Photo: X" in it is prose


def is_row_text(line: str) -> bool:
    """Whether a line is a table row: cells joined by " | ", each of a few words."""
    return CELL in line and all(len(cell.split()) <= _CELL_WORDS for cell in line.split(CELL))


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
            if is_row_text(text[line_start:end]):
                for i in range(first + 1, bisect.bisect_left(starts, end)):
                    doc[i].is_sent_start = False
        line_start = end + 1
    return doc

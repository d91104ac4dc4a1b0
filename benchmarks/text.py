"""Turning the benchmarks' token lists back into running text, with each token's offset."""
from __future__ import annotations

from bisect import bisect_right

_BRACKETS = {"-LRB-": "(", "-RRB-": ")", "-LSB-": "[", "-RSB-": "]", "-LCB-": "{", "-RCB-": "}",
             "``": '"', "''": '"'}
_NO_SPACE_BEFORE = {",", ".", ";", ":", "!", "?", "%", ")", "]", "}", "'s", "'S", "’s", "n't", "'re", "'ve",
                    "'ll", "'d", "'m", "'"}
_NO_SPACE_AFTER = {"(", "[", "{", "$", "#"}


def detokenize(tokens: list[str]) -> tuple[str, list[int]]:
    """Join tokens into text as a newspaper would print them; return the text and token start offsets.

    Spaces are left out before closing punctuation and clitics and after opening brackets; straight
    double quotes alternate between opening and closing. A token "\\n" becomes a paragraph break.

    >>> detokenize(["Merkel", "'s", "party", "(", "CDU", ")", "won", "."])[0]
    "Merkel's party (CDU) won."
    """
    parts: list[str] = []
    starts: list[int] = []
    pos = 0
    open_quote = False
    glue_next = True  # no space before the first token
    for raw in tokens:
        tok = _BRACKETS.get(raw, raw)
        if tok.strip() == "" and "\n" in tok:
            parts.append("\n")
            starts.append(pos)
            pos += 1
            glue_next = True
            continue
        glue = glue_next or tok in _NO_SPACE_BEFORE
        if tok == '"':
            glue = glue or open_quote
        if not glue:
            parts.append(" ")
            pos += 1
        starts.append(pos)
        parts.append(tok)
        pos += len(tok)
        glue_next = tok in _NO_SPACE_AFTER or (tok == '"' and not open_quote)
        if tok == '"':
            open_quote = not open_quote
    return "".join(parts), starts


def char_span_to_tokens(starts: list[int], tokens: list[str], begin: int, end: int) -> tuple[int, int]:
    """The token range [first, last+1) covering characters [begin, end) of detokenized text."""
    first = bisect_right(starts, begin) - 1
    last = bisect_right(starts, max(begin, end - 1)) - 1
    return max(first, 0), max(last, 0) + 1

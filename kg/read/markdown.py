"""Markdown to plain text, one :class:`TextLine` per source line.

Scraped news arrives as Markdown more often than not, in ``.md`` and ``.txt`` files alike. What the NLP must
read is the text a browser would show: a link keeps its text and loses its URL (``[Ukraine](https://...)`` is
"Ukraine"), an image and its URL go, reference definitions (``[1]: https://...``) go, emphasis, heading, list
and quote markers go, and character references are decoded. The parsing is CommonMark (markdown-it-py, with
tables: a body row is its cells joined by " | ", a header row of labels is dropped); each rendered line keeps the index of its source line and what it was (a heading, a list item, a
quote, only images, only links, wholly emphasised), which the header reader and the furniture rules use.
Raw HTML and ``<autolinks>`` in Markdown are left as text: angle brackets in news are data, never markup; only
presentational inline tags a scraper kept (``<small>``, ``<sup>``, ``<span>``...) are markup, and go.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

_LETTERS = re.compile(r"[\W_]+")


@dataclass(frozen=True)
class TextLine:
    """One source line as plain text, with what the Markdown said about it."""

    text: str
    heading: int = 0  # 1-6 for a heading line
    links: tuple[tuple[str, str], ...] = ()  # (text, URL) of each link on the line
    link_chars: int = 0  # characters of the text that are link text
    images: int = 0  # images on the line (dropped from the text)
    list_item: bool = False
    quote: bool = False
    emphasised: bool = False  # every word in italics or bold (a caption, a standfirst, a byline)
    row: bool = False  # a table row, its cells joined by " | " (a fact box, never a teaser list)

    @property
    def only_links(self) -> bool:
        """Whether the line is nothing but link text (a list of links, a breadcrumb of links)."""
        letters = len(re.sub(r"[\W_]+", "", self.text))
        link_letters = sum(len(re.sub(r"[\W_]+", "", t)) for t, _ in self.links)
        return bool(self.links) and letters > 0 and link_letters >= 0.8 * letters


@functools.cache
def _parser():
    from markdown_it import MarkdownIt

    # Raw HTML and <autolinks> stay text as written: a "<script>" or "<http://...>" in a headline is news data
    # (and the tests' hostile input), not markup.
    return MarkdownIt("commonmark", {"html": False}).enable("table").disable("autolink")


def plain_lines(text: str) -> list[TextLine]:
    """Text that is not Markdown (an HTML page's extracted text): one TextLine per line, as it is, but for a table
    the extractor wrote in Markdown ("| Company | Headquarters |" over "|---|---|"), whose rows read as a Markdown
    table's do."""
    lines = text.split("\n")
    out = [TextLine(line) for line in lines]
    i = 0
    while i < len(lines):
        j = i
        while j < len(lines) and _TABLE_LINE.match(lines[j]):
            j += 1
        if j - i >= 2 and _TABLE_RULE.match(lines[i + 1]):
            out[i:j] = render_markdown("\n".join(lines[i:j]))[: j - i]
        i = max(j, i + 1)
    return out


_TABLE_LINE = re.compile(r"^\s*\|.*\|\s*$")
_TABLE_RULE = re.compile(r"^\s*\|(?:\s*:?-{3,}:?\s*\|)+\s*$")


# Presentational inline tags that scraped Markdown keeps from the page ("<small>Image: X</small>", "<sup>1</sup>"):
# markup, not data. A caption-like wrapper becomes emphasis (as a browser shows it: set apart), the rest goes.
# Any other angle-bracketed text ("<script>", "<http://...>") stays as written.
_CAPTION_TAGS = re.compile(r"<(small|figcaption|cite)>([^<>\n]*)</\1>", re.I)
_INLINE_TAGS = re.compile(r"</?(?:small|figcaption|cite|sup|sub|span|em|strong|b|i|u|mark|abbr|font)"
                          r"(?:\s+[a-z-]+=\"[^\"<>]*\")*\s*/?>", re.I)


def _strip_inline_tags(text: str) -> str:
    """``<small>Image: X</small>`` -> ``*Image: X*``; other presentational tags dropped, their text kept."""
    if "<" not in text:
        return text
    text = _CAPTION_TAGS.sub(lambda m: f"*{m.group(2).strip()}*" if m.group(2).strip() else "", text)
    return _INLINE_TAGS.sub("", text)


def render_markdown(text: str) -> list[TextLine]:
    """Render Markdown to plain text, one TextLine per source line (a line that renders to nothing is blank).

    >>> [ln.text for ln in render_markdown("# Title\\n\\nSee [Ukraine](https://x.org/u) and ![a map](m.png).")]
    ['Title', '', 'See Ukraine and .']
    >>> render_markdown("[1]: https://x.org/\\n**Bold** [text][1]")[1].links
    (('text', 'https://x.org/'),)
    """
    text = _strip_inline_tags(text)
    source = text.split("\n")
    out: list[TextLine] = [TextLine("") for _ in source]
    tokens = _parser().parse(text)
    context: list[str] = []  # enclosing list items and quotes
    row: list[str] | None = None
    header: list[str] = []  # the labels of the table being read
    for k, tok in enumerate(tokens):
        if tok.type in ("list_item_open", "blockquote_open"):
            context.append(tok.type)
        elif tok.type in ("list_item_close", "blockquote_close"):
            context.pop()
        elif tok.type == "tr_open":
            row = []
            row_line = tok.map[0] if tok.map else None
        elif tok.type == "tr_close" and row is not None:
            if tokens[k - 1].type == "th_close":
                header = row
            line = _row_text(row, header, is_header=tokens[k - 1].type == "th_close")
            if row_line is not None and row_line < len(out) and line:
                out[row_line] = TextLine(line, row=True)
            row = None
        elif tok.type in ("fence", "code_block") and tok.map:
            body = tok.content.rstrip("\n").split("\n")
            first = tok.map[0] + (1 if tok.type == "fence" else 0)
            for i, line in enumerate(body):
                if first + i < len(out):
                    out[first + i] = TextLine(line.strip())
        elif tok.type == "inline":
            pieces = _render_inline(tok.children or [])
            if row is not None:
                row.append(" ".join(p.text for p in pieces).strip())
                continue
            if not tok.map:
                continue
            opener = tokens[k - 1] if k else None
            heading = int(opener.tag[1:]) if opener is not None and opener.type == "heading_open" else 0
            in_list = "list_item_open" in context
            in_quote = "blockquote_open" in context
            start, end = tok.map
            for i, piece in enumerate(pieces):
                at = min(start + i, end - 1, len(out) - 1)
                line = TextLine(piece.text, heading, tuple(piece.links), piece.link_chars, piece.images,
                                in_list and i == 0, in_quote, piece.emphasised)
                if i > 0 and at < start + i:  # more pieces than source lines: join the rest
                    line = _join(out[at], line)
                out[at] = line
    return out


def _row_text(row: list[str], header: list[str], *, is_header: bool) -> str:
    """A table row as its cells joined by " | ". A header row of labels ("Company | Headquarters | Chief executive")
    names nothing and is dropped; a first row with a name in it is data ("Chief executive | Dana Kell", a key-value
    table). A body cell under a label that says what it holds keeps the label, so that a reader of the row knows it:
    a seat ("Headquarters: Munich"), a job title ("Chief executive: Dana Kell"), a role that is past or not begun
    ("Former role: Chief executive")."""
    titles, stale, seats = _table_words()
    if is_header:
        titled = any(re.search(rf"\b{re.escape(t)}\b", cell.lower()) for cell in row for t in titles)
        keep = titled and not all(_is_label(c, titles) for c in row if c)
        return " | ".join(c for c in row if c) if keep else ""
    labels = [*header, *[""] * len(row)]
    # a seat's label in lower case: "Headquarters: Houston" would read as a name to the model
    cells = [(_seat_text(label, cell) if _seat(label, seats) else f"{label}: {cell}")
             if cell and _labelled(label, cell, titles, stale, seats) else
             (f"owned by {cell}" if cell and k and _owner_label(label, stale) else cell)
             for k, (cell, label) in enumerate(zip(row, labels))]
    if cells and row[0] and header and _other_lead(header[0], titles) and not cells[0].startswith(f"{header[0]}:"):
        cells[0] = f"{header[0].lower()}: {cells[0]}"  # "region: Europe | headquarters: Paris": no company Europe
    return " | ".join(c for c in cells if c)


def _is_label(cell: str, titles: tuple[str, ...]) -> bool:
    """A header cell that names what a column holds ("Company", "Chief executive", "Head office"), not a name."""
    words = cell.split()
    return cell.lower() in titles or (0 < len(words) <= 4 and not any(c.isdigit() for c in cell)
                                      and all(w[:1].islower() or not w[:1].isalpha() for w in words[1:]))


def _labelled(label: str, cell: str, titles: tuple[str, ...], stale: frozenset[str], seats: tuple[str, ...]) -> bool:
    """Whether a body cell keeps its column's label: one that says the role is over, a seat, a job title (unless the
    cell holds a title of its own)."""
    low = label.lower()
    if not low or cell.lower().startswith(low):
        return False
    if set(re.findall(r"[a-z]+", low)) & stale:
        return True
    if _seat(label, seats):
        return True
    return low in titles and not _people_label(low) and not any(
        re.search(rf"\b{re.escape(t)}\b", cell.lower()) for t in titles)


def _people_label(label: str) -> bool:
    """A label of a column of people ("Executive", "Director"), which says no role by itself."""
    return label.lower() in _table_labels()[1]


def _other_lead(label: str, titles: tuple[str, ...]) -> bool:
    """Whether a first column's label says its cells name neither organisations nor people ("Region", "Division")."""
    words = set(re.findall(r"[a-z]+", label.lower()))
    return bool(words) and not words & _table_labels()[0] and label.lower() not in titles


def _owner_label(label: str, stale: frozenset[str]) -> bool:
    """A column of the row's owner ("Owner", "Owner today", "Parent company"; not "Former owner")."""
    low = label.lower()
    words = set(re.findall(r"[a-z]+", low))
    owners = _table_labels()[2]
    # "Owner in 1990", "Former owner": not the owner now
    return not words & stale and not re.search(r"\d", low) and any(re.search(rf"\b{re.escape(w)}\b", low) for w in owners)


def _seat_text(label: str, cell: str) -> str:
    """A seat cell with its label, as a phrase: "headquarters: Houston", "based in Dallas" (not "based in: Dallas")."""
    low = label.lower().rstrip(":")
    return f"{low} {cell}" if low.split()[-1:] == ["in"] else f"{low}: {cell}"


def _seat(label: str, seats: tuple[str, ...]) -> bool:
    return any(re.search(rf"\b{re.escape(w)}\b", label.lower()) for w in seats)


@functools.cache
def _table_labels() -> tuple[frozenset[str], frozenset[str], tuple[str, ...]]:
    """The first-column labels of organisations or people, those of people, and the owner column labels
    (``relations.yaml`` ``table_org_labels``, ``table_person_labels``, ``table_owner_labels``)."""
    from kg.knowledge.lexicons import load_lexicon

    relations = load_lexicon("relations.yaml")
    people = frozenset(str(w) for w in relations.get("table_person_labels", ()))
    return (frozenset(str(w) for w in relations.get("table_org_labels", ())) | people, people,
            tuple(str(w) for w in relations.get("table_owner_labels", ())))


@functools.cache
def _table_words() -> tuple[tuple[str, ...], frozenset[str], tuple[str, ...]]:
    """Job titles, the words that say a role is over or not begun (``roles.yaml``), and the words of a seat column
    ("Headquarters", "Based in"; ``relations.yaml`` ``seat_nouns`` and ``based_words``)."""
    from kg.knowledge.lexicons import load_lexicon, seat_words

    roles = load_lexicon("roles.yaml")
    return tuple(str(t).lower() for t in roles["titles"]), frozenset(roles.get("table_not_current") or ()), seat_words()


def _join(a: TextLine, b: TextLine) -> TextLine:
    return TextLine(f"{a.text} {b.text}".strip(), links=a.links + b.links, link_chars=a.link_chars + b.link_chars,
                    images=a.images + b.images, emphasised=a.emphasised and b.emphasised)


@dataclass
class _Piece:
    parts: list[str] = field(default_factory=list)  # joined once at the end: a 1 MB paragraph stays linear
    links: list[tuple[str, str]] = field(default_factory=list)
    link_chars: int = 0
    images: int = 0
    plain_chars: int = 0  # letters outside emphasis
    emph_chars: int = 0  # letters inside emphasis
    text: str = ""

    @property
    def emphasised(self) -> bool:
        return self.emph_chars > 0 and self.plain_chars == 0

    def add(self, value: str, letters: int, emphasised: bool) -> None:
        self.parts.append(value)
        if emphasised:
            self.emph_chars += letters
        else:
            self.plain_chars += letters


def _render_inline(children) -> list[_Piece]:
    """The inline tokens of one paragraph, split at line breaks."""
    pieces = [_Piece()]
    depth = 0  # em/strong nesting
    link: list | None = None  # [href, text parts]
    for c in children:
        cur = pieces[-1]
        if c.type in ("softbreak", "hardbreak"):
            pieces.append(_Piece())
        elif c.type in ("em_open", "strong_open"):
            depth += 1
        elif c.type in ("em_close", "strong_close"):
            depth = max(0, depth - 1)
        elif c.type == "link_open":
            link = [c.attrs.get("href", ""), []]
        elif c.type == "link_close" and link is not None:
            href, parts = link
            text = "".join(parts)
            link = None
            cur.links.append((text.strip(), str(href)))
            cur.link_chars += len(text)
            cur.add(text, len(text.strip()), depth > 0)
        elif c.type == "image":
            cur.images += 1
        elif c.type in ("text", "code_inline"):
            if link is not None:
                link[1].append(c.content)
            else:
                cur.add(c.content, len(_LETTERS.sub("", c.content)), depth > 0)
    for p in pieces:
        p.text = "".join(p.parts).strip()
    return pieces

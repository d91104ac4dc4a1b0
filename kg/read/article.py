"""Reading news articles: files, folders and stdin -> clean :class:`Article` records.

Handles the shapes scraped news arrives in: a Markdown header (``# Title``,
``Published at:``, ``Author:``, ``Original: [Outlet](url)``), plain byline and
date lines (``By Jane Roe``, ``13 September 2019``, ``September 12, 2019``,
dates glued to section and author), bare text, and HTML pages (through
trafilatura). Boilerplate (teasers cut off with an ellipsis, newsletter and login
prompts, "More on this story", author bios, image credits) is removed by the
rules in ``kg/knowledge/data/boilerplate.yaml``.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

from kg.errors import InputError
from kg.read.boilerplate import boilerplate_rules, remove_boilerplate
from kg.read.dates import find_date
from kg.read.header import header_line_set, read_header, split_authors, web_url


@dataclass(frozen=True)
class Article:
    """One article: its clean body text and the metadata its header gave."""

    source: str  # path as given, or "<stdin>"
    file_name: str
    text: str  # body after boilerplate removal, paragraphs separated by "\n"
    content_hash: str  # sha256 of the text as read (before cleaning)
    title: str | None = None
    date: str | None = None  # ISO 8601 date or date-time
    authors: tuple[str, ...] = ()
    url: str | None = None
    outlet: str | None = None
    removed_lines: int = 0
    encoding: str = "utf-8"
    notes: tuple[str, ...] = field(default=())

    @property
    def key(self) -> str:
        """What identifies the article across builds: its URL, else its file name."""
        if self.url:
            return "url:" + self.url
        if self.source == "<stdin>":
            return "stdin:" + self.content_hash
        return "file:" + self.file_name


@dataclass(frozen=True)
class Skipped:
    """An input that was not turned into an article, and why (one line)."""

    source: str
    reason: str


# ---------------------------------------------------------------------------
# Finding input files


# ---------------------------------------------------------------------------
# Reading bytes and decoding them


# ---------------------------------------------------------------------------
# Boilerplate rules


# ---------------------------------------------------------------------------
# Headers and metadata


def parse_article_text(text: str, *, source: str, file_name: str, encoding: str = "utf-8") -> Article:
    """Turn the text of a scraped article into an :class:`Article`.

    Raises:
        InputError: nothing is left once header and boilerplate are removed.
    """
    content_hash = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    text = re.sub(r"[\u200b\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]", "", text)
    lines = text.split("\n")
    meta, header_end = read_header(lines)
    drop = header_line_set(lines, header_end, meta)
    body_lines = [ln for j, ln in enumerate(lines) if j not in drop]
    kept, removed = remove_boilerplate(body_lines)
    paragraphs = [ln for ln in kept if ln]
    if paragraphs:
        paragraphs[0] = boilerplate_rules().dateline.sub("", paragraphs[0], count=1)
    body = "\n".join(p for p in paragraphs if p)
    if len(body.split()) < 5:
        raise InputError("no article text left after removing header and boilerplate")
    return Article(
        source=source,
        file_name=file_name,
        text=body,
        content_hash=content_hash,
        title=meta.title,
        date=meta.date,
        authors=meta.authors,
        url=meta.url,
        outlet=meta.outlet,
        removed_lines=removed,
        encoding=encoding,
    )


def parse_html(html: str, *, source: str, file_name: str, encoding: str = "utf-8") -> Article:
    """Extract the main text and metadata of an HTML page with trafilatura.

    Scripts, styles, navigation and comments are dropped; the remaining text
    goes through the same boilerplate rules as plain articles.

    Raises:
        InputError: the page has no extractable article text.
    """
    import trafilatura

    doc = None
    for with_metadata in (True, False):
        # trafilatura and htmldate raise on some malformed pages (an AssertionError
        # from lxml for '<svg onload=...><html>'); the text without metadata may
        # still be there, and otherwise the page is skipped with a reason.
        try:
            doc = trafilatura.bare_extraction(
                html, with_metadata=with_metadata, include_comments=False, include_tables=False,
                favor_precision=True,
            )
            break
        except Exception as exc:  # noqa: BLE001 - a third-party parser's failure on one page
            error = exc
    else:
        raise InputError(f"HTML page could not be parsed ({type(error).__name__} in trafilatura)") from error
    if doc is None:
        raise InputError("HTML page has no article text that could be extracted")
    data = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    body = data.get("text") or ""
    article = parse_article_text(body, source=source, file_name=file_name, encoding=encoding)
    date = find_date(data.get("date") or "")
    authors = split_authors(data.get("author") or "") if data.get("author") else ()
    return Article(
        source=article.source,
        file_name=article.file_name,
        text=article.text,
        content_hash=hashlib.sha256(html.encode("utf-8", "surrogatepass")).hexdigest(),
        title=data.get("title") or article.title,
        date=date.iso if date else article.date,
        authors=authors or article.authors,
        url=web_url(data.get("url")) or article.url,
        outlet=data.get("sitename") or article.outlet,
        removed_lines=article.removed_lines,
        encoding=encoding,
    )



"""The metadata an HTML page states about itself: JSON-LD, OpenGraph, ``<meta>`` tags, the canonical link, ``<time>``.

Publishers write their article's headline, date, authors, URL and name into the page for search engines and
social networks; these are more reliable than anything guessed from the visible text, so the reader takes them
first (trafilatura's metadata and the text's own header lines fill what is left). Which tags and schema.org
types count is data (``kg/knowledge/data/headers.yaml``). In: the page's HTML. Out: :class:`PageMeta`, a list of
candidate values in priority order, each with where it was found.
"""
from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass, field
from typing import Any

from kg.knowledge.lexicons import load_lexicon

MAX_JSONLD_CHARS = 500_000


@dataclass(frozen=True)
class Candidate:
    """One value for one header field, and where in the page it was."""

    field: str  # title | date | updated | authors | url | outlet
    value: Any  # a string, or a list of names for authors
    source: str  # JSON-LD | OpenGraph | HTML meta | HTML canonical link | HTML <time>
    raw: str  # the tag or key it came from


@dataclass
class PageMeta:
    candidates: list[Candidate] = field(default_factory=list)
    lang: str | None = None
    byline_lines: list[str] = field(default_factory=list)  # text of byline/date elements, for the header reader


@functools.cache
def _rules() -> tuple[frozenset[str], dict[str, tuple[str, ...]], frozenset[str]]:
    raw = load_lexicon("headers.yaml")
    tags = {name: tuple(t.lower() for t in keys) for name, keys in raw["meta_tags"].items()}
    return frozenset(raw["jsonld_article_types"]), tags, frozenset(c.lower() for c in raw["byline_classes"])


def parse_page_metadata(html: str) -> PageMeta:
    """Collect the page's own statements about the article, best source first.

    A page that lxml cannot parse gives no candidates (the text is still extracted by trafilatura).

    >>> page = '<html lang="en-GB"><head><script type="application/ld+json">{"@type": "NewsArticle",'
    >>> page += ' "url": "https://news.example.co.uk/a/1", "headline": "Ports reopen"}</script></head></html>'
    >>> [(c.field, c.value, c.source) for c in parse_page_metadata(page).candidates]
    [('title', 'Ports reopen', 'JSON-LD'), ('url', 'https://news.example.co.uk/a/1', 'JSON-LD')]
    """
    try:
        import lxml.html

        root = lxml.html.fromstring(html)
    except Exception:  # noqa: BLE001 - lxml refuses some pages (empty, only a comment): no metadata, not an error
        return PageMeta()
    meta = PageMeta(lang=(root.get("lang") or "").strip() or None)
    types, tags, byline_classes = _rules()
    for script in root.iter("script"):
        if (script.get("type") or "").strip().lower() == "application/ld+json":
            meta.candidates += _jsonld_candidates(script.text or "", types)
    named: dict[str, str] = {}
    for el in root.iter("meta"):
        key = (el.get("property") or el.get("name") or el.get("itemprop") or "").strip().lower()
        content = (el.get("content") or "").strip()
        if key and content and key not in named:
            named[key] = content
    for is_og in (True, False):
        for name, keys in tags.items():
            for key in keys:
                if key in named and key.startswith(("og:", "article:")) == is_og:
                    value = named[key]
                    if name == "authors":
                        if re.match(r"https?://", value):  # article:author is often a profile URL
                            continue
                        value = [value]
                    meta.candidates.append(Candidate(name, value, "OpenGraph" if is_og else "HTML meta", key))
    for link in root.iter("link"):
        if "canonical" in (link.get("rel") or "").lower().split() and link.get("href"):
            meta.candidates.append(Candidate("url", link.get("href").strip(), "HTML canonical link",
                                             "link rel=canonical"))
            break
    times = [t for t in root.iter("time") if t.get("datetime")]
    times.sort(key=lambda t: not (t.get("itemprop") == "datePublished" or t.get("pubdate") is not None
                                  or "publish" in (t.get("class") or "")))
    if times:
        meta.candidates.append(Candidate("date", times[0].get("datetime").strip(), "HTML <time>", "time datetime"))
    meta.byline_lines = _byline_lines(root, byline_classes)
    return meta


def _byline_lines(root, classes: frozenset[str]) -> list[str]:
    """The text of the page's byline and date elements (``class="byline"``, ``rel="author"``...), outermost
    first, at most six short ones."""
    lines: list[str] = []
    for el in root.iter():
        if not isinstance(el.tag, str) or el.tag in ("script", "style", "meta", "link", "html", "body"):
            continue
        tokens = set(re.split(r"[\s_]+", (el.get("class") or "").lower()))
        if not (tokens & classes or el.get("rel") == "author" or el.get("itemprop") == "author"):
            continue
        text = re.sub(r"\s+", " ", el.text_content()).strip()
        if 2 <= len(text.split()) <= 25 and not any(text in seen for seen in lines):
            lines.append(text)
        if len(lines) >= 6:
            break
    return lines


def _jsonld_candidates(text: str, types: frozenset[str]) -> list[Candidate]:
    if len(text) > MAX_JSONLD_CHARS:
        return []
    try:
        data = json.loads(text, strict=False)
    except ValueError:
        return []
    objects = [o for o in _walk(data) if isinstance(o, dict)]
    articles = [o for o in objects if _types(o) & types]
    # the article itself before a WebPage that wraps it
    articles.sort(key=lambda o: "WebPage" in _types(o) and len(_types(o)) == 1)
    out: list[Candidate] = []
    for obj in articles[:1]:
        def add(name: str, value: Any, key: str) -> None:
            if value:
                out.append(Candidate(name, value, "JSON-LD", key))

        add("title", _text(obj.get("headline")) or _text(obj.get("name")), "headline")
        add("date", _text(obj.get("datePublished")) or _text(obj.get("dateCreated")), "datePublished")
        add("updated", _text(obj.get("dateModified")), "dateModified")
        add("authors", _names(obj.get("author") or obj.get("creator")), "author")
        page = obj.get("mainEntityOfPage")
        url = _text(obj.get("url")) or (_text(page.get("@id") or page.get("url")) if isinstance(page, dict)
                                        else _text(page))
        if not url and str(obj.get("@id", "")).startswith("http"):
            url = _text(obj.get("@id"))
        add("url", url if url and url.startswith("http") else None, "url")
        publisher = obj.get("publisher")
        add("outlet", _text(publisher.get("name")) if isinstance(publisher, dict) else _text(publisher), "publisher")
    return out


def _walk(data: Any, depth: int = 0):
    """The objects of a JSON-LD document: the top level, lists, and ``@graph`` members (not deeper)."""
    if depth > 3:
        return
    if isinstance(data, list):
        for item in data[:100]:
            yield from _walk(item, depth + 1)
    elif isinstance(data, dict):
        yield data
        if isinstance(data.get("@graph"), list):
            yield from _walk(data["@graph"], depth + 1)


def _types(obj: dict) -> set[str]:
    t = obj.get("@type")
    values = t if isinstance(t, list) else [t]
    return {str(v).rsplit("/", 1)[-1] for v in values if v}


def _text(value: Any) -> str | None:
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        return str(value).strip() or None
    return None


def _names(value: Any) -> list[str]:
    items = value if isinstance(value, list) else [value]
    names = []
    for item in items[:50]:
        if isinstance(item, dict):
            item = item.get("name")
        if isinstance(item, str) and item.strip() and not re.match(r"https?://", item.strip()):
            names.append(item.strip())
    return names

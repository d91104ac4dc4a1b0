"""The header of a news article: headline, date, authors, URL and outlet, from the lines above the body.

Handles the shapes scraped news arrives in: a Markdown header (``# Title``, ``Published at:``, ``Author:``,
``Original: [Outlet](url)``), front matter, plain byline and date lines (``By Jane Roe``, ``13 September 2019``,
dates glued to section and author), breadcrumbs and section labels above the headline. Out: a :class:`Meta`
and the index of the first body line.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlparse

from kg.read.boilerplate import boilerplate_rules, is_section_label, is_teaser
from kg.read.dates import find_date, find_header_date

MD_TITLE = re.compile(r"^#{1,2}\s+(?P<v>.+?)\s*#*$")


KV = re.compile(
    r"^(?P<k>published(?: at| on)?|date|updated|author\(?s?\)?|by|byline|writer|original|source|url|link|title|headline|outlet|publisher)\s*:\s*(?P<v>.*)$",
    re.I,
)


MD_LINK = re.compile(r"\[(?P<text>[^\]]*)\]\((?P<url>[^)\s]+)\)")


BYLINE = re.compile(r"^by\s+(?P<v>[A-Z][^\d]{2,80})$", re.I)


NAME = re.compile(r"^(?:[A-Z][\w'’.-]+|de|van|von|da|bin|al)(?:\s+(?:[A-Z][\w'’.-]+|de|van|von|der|da|bin|al)){1,3}$")


STAFF_LINE = re.compile(
    r"^(?:by\s+)?(?P<name>[^,|]{4,60}?)\s*[,|–—-]\s*(?:[\w&'’ ]{0,40}\s)?"
    r"(?:correspondent|editor|reporter|writer|journalist|columnist|contributor|analyst|staff)s?$",
    re.I,
)


JOB_LINE = re.compile(
    r"^(?:[\w&'’]+\s){0,4}(?:correspondent|editor|reporter|writer|journalist|columnist|contributor|"
    r"analyst|staff writer|producer)s?$", re.I)


SECTION_LINE = re.compile(r"\s[|>›»/]\s|^(?:home|news)\s*[>›»]")


BYLINE_BARS = re.compile(r"^by\s+(?P<v>[^|\d]{3,80}?)\s*\|", re.I)


STAMP_BY = re.compile(r"\bby\s+(?P<v>[A-Z][\w'’.-]+(?:\s+(?:[A-Z][\w'’.-]+|de|van|von|der|da)){1,3})\s*$")


FRONT_MATTER = re.compile(r"^(?:---|\+\+\+)\s*$")


# "Updated 3:45 PM ET, Fri October 7, 2022", "Posted on 7 Oct 2022": a date stamp line
STAMP = re.compile(r"^(?:last\s+)?(?:updated|published|posted|first published)\b", re.I)


MIN_READ = re.compile(r"^\d+\s+min(ute)?s?\s+read$", re.I)


URL = re.compile(r"https?://[^\s)>\]]+")


def strip_md(value: str) -> str:
    return re.sub(r"^[*_`\s]+|[*_`\s]+$", "", value).strip()


def split_authors(value: str) -> tuple[str, ...]:
    value = re.sub(r"^by\s+", "", value.strip(), flags=re.I)
    value = re.sub(r"\s+(?:in|at)\s+[A-Z][\w .'-]*$", "", value)  # "Anneke de Vries in Brussels"
    value = re.split(r"\s+[|–—]\s+|\s+-\s+", value)[0]  # "Jane Roe | Reuters": the outlet follows a bar
    parts = re.split(r"\s*(?:,|;|&|\band\b)\s*", value)
    return tuple(p.strip() for p in parts if p.strip() and NAME.match(p.strip()) and not JOB_LINE.match(p.strip()))


def byline_outlet(value: str) -> str | None:
    """"By Jane Roe | Reuters" -> "Reuters"."""
    parts = re.split(r"\s+[|–—]\s+", value.strip())
    if len(parts) == 2 and 0 < len(parts[1].split()) <= 4 and not find_date(parts[1]):
        return strip_md(parts[1]) or None
    return None


def web_url(url: str | None) -> str | None:
    """``url`` if it is an http(s) address, else None.

    An article's URL names it across builds and ends up as a link in the view;
    a ``javascript:``, ``data:`` or ``file:`` "URL" from a hostile page is neither.
    """
    if url and re.match(r"https?://[^\s/?#]", url, re.I) and not re.search(r"[\s<>\"{}|\\^`]", url):
        return url
    return None


def outlet_from_url(url: str) -> str | None:
    host = urlparse(url).hostname or ""
    host = re.sub(r"^(www|m|amp)\.", "", host)
    return host or None


@dataclass
class Meta:
    title: str | None = None
    date: str | None = None
    authors: tuple[str, ...] = ()
    url: str | None = None
    outlet: str | None = None


def read_header(lines: list[str]) -> tuple[Meta, int]:
    """Read metadata from the top of an article; return it and the body start line."""
    meta = Meta()
    rules = boilerplate_rules()
    i = 0
    nonblank_seen = 0
    pending_name: str | None = None
    header_end = 0
    title_candidates: list[tuple[int, str]] = []
    while i < len(lines) and nonblank_seen < 14:
        line = lines[i].strip()
        i += 1
        if not line:
            continue
        nonblank_seen += 1
        if any(rx.search(line) for rx in rules.cut_rest):
            break  # "About the Author", "More on this story": no header beyond this
        if m := MD_TITLE.match(line):
            if meta.title is None:
                meta.title = strip_md(m["v"])
                header_end = i
                continue
        if m := KV.match(line):
            key, value = m["k"].lower(), strip_md(m["v"])
            if key.startswith(("published", "date", "updated")):
                found = find_header_date(value)
                if found and (meta.date is None or key.startswith(("published", "date"))):
                    meta.date = found.iso
            elif key.startswith(("author", "by", "writer")):
                meta.authors = meta.authors or split_authors(value)
            elif key in ("original", "source", "url", "link", "outlet", "publisher"):
                if lk := MD_LINK.search(value):
                    meta.url = meta.url or web_url(lk["url"])
                    meta.outlet = meta.outlet or (lk["text"].strip() or None)
                elif u := URL.search(value):
                    meta.url = meta.url or u.group(0)
                elif value:
                    meta.outlet = meta.outlet or value
            elif key in ("title", "headline") and value:
                meta.title = meta.title or value.strip("\"'")
            header_end = i
            continue
        if any(rx.search(line) for rx in rules.drop_line) or MIN_READ.match(line):
            if STAMP.match(line) and meta.date is None and (found := find_header_date(line)):
                meta.date = found.iso  # "Updated 3:45 PM ET, Fri October 7, 2022"
            header_end = i
            continue
        if FRONT_MATTER.match(line):
            header_end = i  # a YAML front matter fence
            continue
        if (m := STAFF_LINE.match(line)) and NAME.match(m["name"]) and not meta.authors:
            meta.authors = (m["name"],)  # "Jane Roe, Technology correspondent"
            header_end = i
            continue
        if (m := BYLINE_BARS.match(line)) and (found := find_header_date(line)):
            # "By Rachel Whitcombe | April 15, 2022 | 6:02 PM EDT"
            meta.authors = meta.authors or split_authors(m["v"])
            meta.date = meta.date or found.iso
            header_end = i
            continue
        if m := BYLINE.match(line):
            authors = split_authors(m["v"])
            if authors:
                meta.authors = meta.authors or authors
                meta.outlet = meta.outlet or byline_outlet(m["v"])
                header_end = i
                continue
        found = find_date(line)
        stamped = STAMP.match(line)
        if stamped and not found:
            found = find_header_date(line)
        if found and len(line) <= 60 + (found.end - found.start) and (found.start <= 12 or stamped) \
                and len(line.split()) <= 12:
            meta.date = meta.date or found.iso
            if (by := STAMP_BY.search(line)) and not meta.authors:
                meta.authors = split_authors(by["v"])  # "Posted 2022-11-26 by Karen Ostrowski"
                header_end = i
                continue
            rest = line[found.end:].strip(" |,-–—·")
            # "13 September 2019PatentsRory O'Neill": section glued to author
            if rest:
                segs = re.split(r"(?<=[a-z])(?=[A-Z])", rest)
                cand = segs[-1].strip()
                if NAME.match(cand) and not meta.authors:
                    meta.authors = (cand,)
            if pending_name and not meta.authors:
                meta.authors = (pending_name,)
            pending_name = None
            header_end = i
            continue
        if JOB_LINE.match(line):
            header_end = i  # "Technology Editor" under the author's name: not a name itself
            continue
        if is_section_label(line, rules):
            header_end = i  # "Technology News": a desk label
            continue
        if NAME.match(line) and len(line.split()) <= 4 and not meta.authors:
            pending_name = line
            continue
        words = len(line.split())
        prose = re.search(r"[.!?:;]\s*[\"”’']?$", line)
        if words <= 25 and not prose and not is_teaser(line, rules):
            title_candidates.append((i, line))
            continue
        if words > 25 or (prose and words >= 8 and next_is_prose(lines, i)):
            break  # the body has begun (a standfirst before the byline does not count)
    if pending_name and not meta.authors and meta.date:
        meta.authors = (pending_name,)
    if meta.title is None and title_candidates:
        # the headline: the first short unpunctuated line of the header region that is not a section
        # label or breadcrumb ("MARKETS | TECHNOLOGY", "Home > Policy", "Semiconductors")
        headline_like = [c for c in title_candidates if not SECTION_LINE.search(c[1]) and not c[1].isupper()
                         and len(c[1].split()) >= 4]
        idx, text = (headline_like or title_candidates)[0]
        meta.title = text
        header_end = max(header_end, max(j for j, _ in title_candidates) if headline_like else idx)
    if meta.url and not meta.outlet:
        meta.outlet = outlet_from_url(meta.url)
    return meta, header_end


def next_is_prose(lines: list[str], i: int) -> bool:
    """Whether the next non-blank line after index ``i - 1`` is a sentence of body text."""
    for line in lines[i:]:
        line = line.strip()
        if line:
            return len(line.split()) >= 8
    return False


def header_line_set(lines: list[str], end: int, meta: Meta) -> set[int]:
    """Indices of lines in the header region that are metadata, not body."""
    drop = set()
    for j in range(end):
        line = lines[j].strip()
        if not line:
            continue
        long_prose = len(line.split()) > 25 or re.search(r"[.!?]\s*[\"”’']?$", line)
        if not long_prose or line == meta.title:
            drop.add(j)
    return drop

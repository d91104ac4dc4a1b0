"""The header of a news article: headline, date, authors, URL and outlet, from the lines above the body.

Handles the shapes scraped news arrives in: a Markdown header (``# Title``, ``Published at:``, ``Author:``,
``Original: [Outlet](url)``), plain byline and date lines (``By Jane Roe``, ``13 September 2019``, dates glued
to section and author, ``**Outlet** · Business · 19 December 2023``, ``By X | June 21, 2019 | Updated ...``),
breadcrumbs and section labels above the headline. Front matter and an HTML page's own metadata are read
before (:mod:`kg.read.frontmatter`, :mod:`kg.read.html`) and win; the header lines fill what they left.
In: rendered lines (:class:`~kg.read.markdown.TextLine`). Out: a :class:`Meta`, where each field was found
(:class:`FieldSource`), and the index of the first body line.
"""
from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass, field
from urllib.parse import urlparse

from kg.knowledge.lexicons import load_lexicon
from kg.read.boilerplate import boilerplate_rules, furniture_kind, is_section_label, is_teaser, opens_list
from kg.read.dates import DateHints, FoundDate, find_date, find_header_date, find_header_dates, publication_date
from kg.read.markdown import TextLine

FIELDS = ("title", "date", "authors", "url", "outlet")


KV = re.compile(
    r"^(?P<k>published(?: at| on)?|date|updated|author\(?s?\)?|(?:(?:reported|written|words|story)\s+)?by|byline|writer|"
    r"original|source|url|link|title|headline|outlet|publisher)\s*:\s*(?P<v>.*)$",
    re.I,
)


BYLINE = re.compile(r"^(?:(?:written|reported|words|story)\s+)?by\s+(?P<v>[A-Z][^\d]{2,80})$", re.I)


# "Giulia Ferraro, Milan": a name and the place it was filed from, under or over the date
NAME_PLACE = re.compile(r"^(?P<name>[^,]{4,40}),\s*[A-Z][\w'’.-]+(?:\s[A-Z][\w'’.-]+){0,2}$")


NAME = re.compile(r"^(?:[A-Z][\w'’.-]+|de|van|von|da|bin|al)(?:\s+(?:[A-Z][\w'’.-]+|de|van|von|der|da|bin|al)){1,3}$")


STAFF_LINE = re.compile(
    r"^(?:(?:(?:written|reported|words|story)\s+)?by\s+)?(?P<name>[^,|]{4,60}?)\s*[,|–—-]\s*(?:[\w&'’ ]{0,40}\s)?"
    r"(?:correspondent|editor|reporter|writer|journalist|columnist|contributor|analyst|staff)s?$",
    re.I,
)


JOB_LINE = re.compile(
    r"^(?:[\w&'’]+\s){0,4}(?:correspondent|editor|reporter|writer|journalist|columnist|contributor|"
    r"analyst|staff writer|producer)s?$", re.I)


# a breadcrumb or a desk line ("MARKETS | TECHNOLOGY", "Home > Policy"), or an outlet in capitals with its desk
# ("KESTREL BUSINESS TIMES -- Companies", "Great Lakes Wire · Industry")
SECTION_LINE = re.compile(r"\s[|>›»/·]\s|^(?:home|news)\s*[>›»]|^[A-Z][A-Z0-9 &'’.]{2,60}\s(?:--|—|–|·)\s")


BYLINE_BARS = re.compile(r"^(?:(?:written|reported|words|story)\s+)?by\s+(?P<v>[^|·—–\d]{3,80}?)\s*[|·—–]", re.I)

# "Jane Roe · 22 January 2015 · The Harbour Post": a name, the date and the outlet between middle dots or bars
DOT_BYLINE = re.compile(r"^(?P<name>[^·|\d]{4,60}?)\s+[·|]\s+(?P<rest>.*\d.*)$")


STAMP_BY = re.compile(r"\bby\s+(?P<v>[A-Z][\w'’.-]+(?:\s+(?:[A-Z][\w'’.-]+|de|van|von|der|da)){1,3})\s*$")


FRONT_MATTER = re.compile(r"^(?:---|\+\+\+)\s*$")


# "Updated 3:45 PM ET, Fri October 7, 2022", "Posted on 7 Oct 2022": a date stamp line
STAMP = re.compile(r"^(?:last\s+)?(?:updated|published|posted|first published)\b", re.I)


MIN_READ = re.compile(r"^\d+\s+min(ute)?s?\s+read$", re.I)


URL = re.compile(r"https?://[^\s)>\]]+")


MD_LINK = re.compile(r"\[(?P<text>[^\]]*)\]\((?P<url>[^)\s]+)\)")


# the parts of a header line: "By Jane Roe · Vilnius · 11 September 2025, 17:20", "Trade | China | 2023-11-16"
SEGMENT_SEPARATOR = re.compile(r"\s+[|·•—–]\s+|\s+-\s+|\s+/{1,2}\s+|\s{2,}|\s*[()]\s*")


# a clock time (and zone) after a date: "17:20", "6:30 pm ET", "19:40 CEST"
CLOCK = re.compile(r"^[,\s]*(?:at\s+)?\d{1,2}[:.h]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s+[A-Z]{2,5}|\s+Uhr)?", re.I)


@dataclass(frozen=True)
class FieldSource:
    """Where one header field was found: the kind of source, the text it was read from, how it was read."""

    field: str
    source: str  # "front matter (YAML)", "JSON-LD", "OpenGraph", "byline line", "date line", "URL", ...
    raw: str = ""
    note: str = ""  # e.g. "day first: .com.au site" for an ambiguous numeric date


@dataclass
class Meta:
    """The header fields found so far; the first source to give a field keeps it."""

    title: str | None = None
    date: str | None = None  # ISO 8601
    authors: tuple[str, ...] = ()
    url: str | None = None
    outlet: str | None = None
    hints: DateHints = field(default_factory=DateHints)
    found: dict[str, FieldSource] = field(default_factory=dict)
    furniture: Counter = field(default_factory=Counter)  # furniture lines met in the header, by kind

    def offer(self, name: str, value, source: str, raw: str = "", note: str = "", *, replace: bool = False) -> bool:
        """Set field ``name`` to ``value`` (from ``source``) unless it is already set; return whether it was set."""
        if not value or (getattr(self, name) and not replace):
            return False
        setattr(self, name, tuple(value) if name == "authors" else value)
        self.found[name] = FieldSource(name, source, clip(raw), note)
        return True

    def offer_date(self, found: FoundDate | None, source: str, raw: str, *, replace: bool = False) -> bool:
        return bool(found) and self.offer("date", found.iso, source, raw, found.how, replace=replace)

    def read_from(self) -> tuple[FieldSource, ...]:
        """Where each field that was found came from, in the order of :data:`FIELDS`."""
        return tuple(self.found[f] for f in FIELDS if f in self.found)


def clip(text: str, limit: int = 120) -> str:
    text = re.sub(r"\s+", " ", str(text)).strip()
    return text if len(text) <= limit else text[: limit - 1] + "…"


def strip_md(value: str) -> str:
    return re.sub(r"^[*_`\s]+|[*_`\s]+$", "", value).strip()


def split_authors(value: str) -> tuple[str, ...]:
    value = re.sub(r"^by\s+", "", value.strip(), flags=re.I)
    value = re.sub(r"\s+(?:in|at)\s+[A-Z][\w .'-]*$", "", value)  # "Anneke de Vries in Brussels"
    value = re.split(r"\s+[|–—·]\s+|\s+-\s+", value)[0]  # "Jane Roe | Reuters": the outlet follows a bar
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


@functools.cache
def outlet_words() -> frozenset[str]:
    return frozenset(w.lower() for w in load_lexicon("headers.yaml")["outlet_words"])


def looks_like_outlet(name: str) -> bool:
    """"Pacific Compute Review", "The Diamond Circular": a name with an outlet word, not a person's."""
    words = [w.lower() for w in re.findall(r"[\w'’]+", name)]
    return bool(words) and (words[0] == "the" or any(w in outlet_words() for w in words))


def read_header(lines: list[TextLine], meta: Meta) -> int:
    """Read metadata from the top of an article into ``meta``; return the index of the first body line."""
    rules = boilerplate_rules()
    i = 0
    nonblank_seen = 0
    pending_name: str | None = None
    header_end = 0
    title_candidates: list[tuple[int, str]] = []
    after_image = False
    told = False  # a line of the text opened a list ("Kestrel said sales fell. Its board now consists of:")
    while i < len(lines) and nonblank_seen < 14:
        tl = lines[i]
        line = tl.text.strip()
        i += 1
        if not line:
            after_image = tl.images > 0
            continue
        nonblank_seen += 1
        if any(rx.search(line) for rx in rules.cut_rest):
            break  # "About the Author", "More on this story": no header beyond this
        caption, after_image = after_image and tl.emphasised, False
        if kind := "photo credit" if caption else furniture_kind(tl, rules):
            meta.furniture[kind] += 1  # a photo credit, a share bar, a breadcrumb above the headline
            header_end = i
            continue
        if 0 < tl.heading <= 2:
            if meta.offer("title", strip_md(line), "Markdown heading", tl.text) or same_title(line, meta.title):
                header_end = i
                continue
        if m := KV.match(line):
            read_labelled_line(m["k"].lower(), strip_md(m["v"]), tl, meta)
            header_end = i
            continue
        if any(rx.search(line) for rx in rules.drop_line) or MIN_READ.match(line):
            if STAMP.match(line) and not meta.date:
                meta.offer_date(find_header_date(line, meta.hints), "date line", line)
            header_end = i
            continue
        if FRONT_MATTER.match(line):
            header_end = i  # a front matter fence left over
            continue
        if (m := STAFF_LINE.match(line)) and NAME.match(m["name"]) and not meta.authors:
            meta.offer("authors", (m["name"],), "byline line", line)  # "Jane Roe, Technology correspondent"
            header_end = i
            continue
        if (m := BYLINE_BARS.match(line)) and (found := find_header_date(line, meta.hints)):
            # "By Rachel Whitcombe | April 15, 2022 | 6:02 PM EDT"
            meta.offer("authors", split_authors(m["v"]), "byline line", line)
            meta.offer_date(publication_date(find_header_dates(line, meta.hints)) or found, "byline line", line)
            header_end = i
            continue
        if (m := DOT_BYLINE.match(line)) and NAME.match(m["name"]) and not looks_like_outlet(m["name"]) \
                and (found := find_header_date(m["rest"], meta.hints)):
            meta.offer("authors", (m["name"],), "byline line", line)
            meta.offer_date(found, "byline line", line)
            header_end = i
            continue
        if m := BYLINE.match(line):
            authors = split_authors(m["v"])
            if authors:
                meta.offer("authors", authors, "byline line", line)
                meta.offer("outlet", byline_outlet(m["v"]), "byline line", line)
                header_end = i
                continue
        if read_date_line(line, meta, pending_name):
            pending_name = None
            header_end = i
            continue
        if JOB_LINE.match(line):
            header_end = i  # "Technology Editor" under the author's name: not a name itself
            continue
        if is_section_label(line, rules):
            header_end = i  # "Technology News": a desk label
            continue
        if same_title(line, meta.title):
            header_end = i  # the headline again, under front matter or above the text
            continue
        if NAME.match(line) and len(line.split()) <= 4 and not meta.authors and not looks_like_outlet(line):
            pending_name = line
            continue
        if (m := NAME_PLACE.match(line)) and NAME.match(m["name"]) and not meta.authors \
                and not looks_like_outlet(m["name"]):
            pending_name = m["name"]
            continue
        words = len(line.split())
        prose = re.search(r"[.!?:;]\s*[\"”’']?$", line)
        if words <= 25 and not prose and not is_teaser(line, rules) and not tl.images:
            if not told:  # a short line after a line that opens a list is the list's item, not a headline
                title_candidates.append((i, line))
            continue
        told = told or opens_list(line, rules)  # (a standfirst before the headline opens no list)
        if words > 25 or (prose and words >= 8 and next_is_prose(lines, i)):
            break  # the body has begun (a standfirst before the byline does not count)
    if pending_name and not meta.authors and meta.date:
        meta.offer("authors", (pending_name,), "byline line", pending_name)
    if meta.title is None and title_candidates:
        # the headline: the first short unpunctuated line of the header region that is not a section
        # label or breadcrumb ("MARKETS | TECHNOLOGY", "Home > Policy", "Semiconductors")
        headline_like = [c for c in title_candidates if not SECTION_LINE.search(c[1]) and not c[1].isupper()
                         and len(c[1].split()) >= 4]
        not_section = [c for c in title_candidates if not SECTION_LINE.search(c[1])]
        idx, text = (headline_like or not_section or title_candidates)[0]
        meta.offer("title", text, "header line", text)
        header_end = max(header_end, max(j for j, _ in title_candidates) if headline_like else idx)
    if meta.url and not meta.outlet:
        meta.offer("outlet", outlet_from_url(meta.url), "URL", meta.url)
    return header_end


def same_title(line: str, title: str | None) -> bool:
    """Whether a header line is the headline written again (case, quotes and punctuation aside)."""
    if not title:
        return False

    def norm(s: str) -> str:
        return re.sub(r"\W+", " ", s).strip().lower()

    return norm(line) == norm(title)


def read_labelled_line(key: str, value: str, tl: TextLine, meta: Meta) -> None:
    """``Published at: ...``, ``Author: ...``, ``Original: [Outlet](url)``."""
    raw = tl.text
    if key.startswith(("published", "date", "updated")):
        found = publication_date(find_header_dates(value, meta.hints))
        meta.offer_date(found, "labelled line", raw, replace=bool(meta.date) and key.startswith(("published", "date"))
                        and meta.found.get("date", FieldSource("", "")).source == "labelled line")
    elif key.startswith(("author", "by", "writer")) or key.endswith(" by"):
        meta.offer("authors", split_authors(value), "labelled line", raw)
    elif key in ("original", "source", "url", "link", "outlet", "publisher"):
        links = tl.links or tuple((m["text"], m["url"]) for m in MD_LINK.finditer(value))
        if links:
            text, url = links[0]
            raw = f"{tl.text} -> {url}"
            meta.offer("url", web_url(url), "labelled line", raw)
            meta.offer("outlet", text.strip() or None, "labelled line", raw)
        elif u := URL.search(value):
            meta.offer("url", u.group(0), "labelled line", raw)
        elif value:
            meta.offer("outlet", value, "labelled line", raw)
    elif key in ("title", "headline") and value:
        meta.offer("title", value.strip("\"'"), "labelled line", raw)


def read_date_line(line: str, meta: Meta, pending_name: str | None) -> bool:
    """A header line that carries the date, alone or with a section, place or author; False if it is not one.

    "13 September 2019", "Posted 2022-11-26 by Karen Ostrowski", "13 September 2019PatentsRory O'Neill",
    "Trade | China | 2023-11-16", "By Rasa Vaitkute · Vilnius · 11 September 2025, 17:20",
    "Jessica Ng — Updated 30 May 2024 07:05 BST · First published 29 May 2024 18:20 BST".
    """
    dates = find_header_dates(line, meta.hints)
    if not dates or len(line.split()) > 30:
        return False
    first = dates[0]
    stamped = bool(STAMP.match(line))
    segments = [s.strip(" ,;:*_") for s in SEGMENT_SEPARATOR.split(line)]
    segments = [s for s in segments if s]
    rest = [s for s in segments if not any(s.find(line[d.start:d.end]) >= 0 for d in dates)]
    short_parts = len(segments) > 1 and all(len(s.split()) <= 6 for s in rest) and not any(
        re.search(r"[.!?]$", s) and len(s.split()) > 3 for s in rest)
    near_start = first.start <= 12 and len(line) <= 60 + (first.end - first.start) and len(line.split()) <= 12
    if not (near_start or stamped or short_parts):
        return False
    meta.offer_date(publication_date(dates), "date line", line)
    if (by := STAMP_BY.search(line)) and not meta.authors:
        meta.offer("authors", split_authors(by["v"]), "date line", line)  # "Posted 2022-11-26 by Karen Ostrowski"
        return True
    for seg in segments:
        if re.match(r"by\s", seg, re.I) and not meta.authors:
            meta.offer("authors", split_authors(seg), "date line", line)
    if not meta.authors and len(segments) > 1 and len(rest) == 1:
        # "Jessica Ng — Updated 30 May 2024 ...", "28 January 2019 | Tomasz Wierzbicki": the one other part
        name = rest[0]
        if NAME.match(name) and not looks_like_outlet(name) and not is_section_label(name, boilerplate_rules()):
            meta.offer("authors", (name,), "date line", line)
    if not meta.authors and len(segments) == 1:
        tail = line[first.end:]
        tail = CLOCK.sub("", tail).strip(" |,-–—·")
        if tail:
            # "13 September 2019PatentsRory O'Neill": section glued to author; "05/12/2024 Energy & Sanctions
            # Ilona Farkas": section words, then the author
            cand = re.split(r"(?<=[a-z])(?=[A-Z])", tail)[-1].strip()
            cand = drop_section_words(cand)
            if NAME.match(cand) and not looks_like_outlet(cand):
                meta.offer("authors", (cand,), "date line", line)
    if pending_name and not meta.authors:
        meta.offer("authors", (pending_name,), "byline line", pending_name)
    return True


def drop_section_words(text: str) -> str:
    """"Energy & Sanctions Ilona Farkas" -> "Ilona Farkas": leading desk words go."""
    words = text.split()
    section = boilerplate_rules().section_words
    while words and (words[0].lower().strip(",&") in section or words[0] in ("&", "and", "|")):
        words.pop(0)
    return " ".join(words)


def next_is_prose(lines: list[TextLine], i: int) -> bool:
    """Whether the next non-blank line after index ``i - 1`` is a sentence of body text, or the line that opens a
    list in it ("The men now listed are:")."""
    for tl in lines[i:]:
        line = tl.text.strip()
        if line:
            return len(line.split()) >= 8 or (line.endswith(":") and len(line.split()) >= 2 and not KV.match(line))
    return False


def header_line_set(lines: list[TextLine], end: int, meta: Meta) -> set[int]:
    """Indices of lines in the header region that are metadata, not body."""
    drop = set()
    for j in range(end):
        line = lines[j].text.strip()
        if not line:
            continue
        long_prose = len(line.split()) > 25 or re.search(r"[.!?]\s*[\"”’']?$", line)
        if not long_prose or line == meta.title:
            drop.add(j)
    return drop

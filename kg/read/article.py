"""Reading news articles: text, Markdown and HTML -> clean :class:`Article` records with a reading report.

The common layouts are read as data: YAML or TOML front matter with a YAML/TOML parser
(:mod:`kg.read.frontmatter`), Markdown rendered to text (:mod:`kg.read.markdown`: links keep their text, not
their URL), an HTML page's own metadata (:mod:`kg.read.html`: JSON-LD, OpenGraph, ``<meta>``, ``<time>``) and
its text through trafilatura. What they leave open is read from the header lines above the body
(:mod:`kg.read.header`); dates in any of them by :mod:`kg.read.dates`. Page furniture (section labels, related
and most-read lists, share bars, photo credits, newsletter boxes, link lists) is removed by the rules in
``kg/knowledge/data/boilerplate.yaml``. Every article records where each header field came from
(:attr:`Article.read_from`), shown by ``kg build --explain-read`` and written to ``report.json``.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

from kg.errors import InputError
from kg.knowledge.places import country_of_place
from kg.read.boilerplate import boilerplate_rules, remove_boilerplate
from kg.read.dates import date_hints, find_header_date
from kg.read.frontmatter import FrontMatter, author_names, scalar_text, split_front_matter
from kg.read.header import FieldSource, Meta, clip, header_line_set, read_header, split_authors, web_url
from kg.read.markdown import TextLine, plain_lines, render_markdown


@dataclass(frozen=True)
class Article:
    """One article: its clean body text, the metadata its header gave and where each field was found."""

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
    notes: tuple[str, ...] = field(default=())  # what the reader noticed (a front matter block that did not parse)
    read_from: tuple[FieldSource, ...] = ()  # where each header field was found
    layout: str = "text"  # "HTML with JSON-LD", "Markdown with YAML front matter", "Markdown", "text"
    removed_by_kind: tuple[tuple[str, int], ...] = ()  # ("share bar", 2), ("related list", 5)...

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


INVISIBLE = re.compile(r"[\u200b\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]")


# a date in an article's URL: /2024/01/03/, /2024-01-03/, /20240906-slug
URL_DATE = re.compile(r"/(?P<y>(?:19|20)\d{2})([/-]?)(?P<m>[01]\d)\2(?P<d>[0-3]\d)(?:[/_-]|$)")


# paragraphs from the body's start in which a dateline ("NEW YORK —") is looked for
_DATELINE_PARAGRAPHS = 3


def _names_a_place(prefix: str) -> bool:
    """Whether a dateline's words name a known place or country ("NEW YORK", "THE HAGUE/BRUSSELS", "Vilnius, 12
    August")."""
    words = re.split(r"[/,(—–-]", prefix)
    return any(country_of_place(w.strip().title()) or country_of_place(w.strip()) for w in words if w.strip())

def parse_article_text(
    text: str, *, source: str, file_name: str, encoding: str = "utf-8", markdown: bool = True,
    meta: Meta | None = None, notes: tuple[str, ...] = (),
) -> Article:
    """Turn the text of a scraped article into an :class:`Article`.

    Args:
        markdown: read the text as Markdown (links keep their text, images go); False for text extracted
            from HTML.
        meta: header fields already known (from an HTML page's metadata); the text only fills the rest.

    Raises:
        InputError: nothing is left once header and boilerplate are removed.
    """
    content_hash = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
    text = INVISIBLE.sub("", text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " "))
    raw_lines = text.split("\n")
    meta = meta or Meta()
    notes = list(notes)
    layout = "Markdown" if markdown else "text"
    front = split_front_matter(raw_lines) if markdown else None
    if front is not None:
        read_front_matter(front, meta)
        raw_lines = raw_lines[front.lines:]
        layout += f" with {front.kind} front matter"
        if front.error:
            notes.append(f"front matter: {front.error}")
    lines = render_markdown("\n".join(raw_lines)) if markdown else plain_lines("\n".join(raw_lines))
    if layout == "Markdown" and not any(tl.heading or tl.links or tl.images or tl.list_item or tl.quote
                                        or tl.emphasised for tl in lines):
        layout = "text"
    if meta.hints.day_first is None:
        meta.hints = date_hints(url=meta.url or first_header_url(lines), outlet=meta.outlet)
    header_end = read_header(lines, meta)
    if not meta.date and meta.url and (m := URL_DATE.search(meta.url)):
        found = find_header_date(f"{m['y']}-{m['m']}-{m['d']}")
        meta.offer_date(found, "URL", meta.url)
    drop = header_line_set(lines, header_end, meta)
    body_lines = [ln for j, ln in enumerate(lines) if j not in drop]
    kept, removed, kinds = remove_boilerplate(body_lines)
    kinds.update(meta.furniture)
    paragraphs = [ln for ln in kept if ln]
    # the dateline opens the story's first paragraph, which a standfirst or a caption may come before: there it must
    # name a known place ("NEW YORK —"; not "NATO – the alliance – said", "BP — once the largest investor —")
    for j, para in enumerate(paragraphs[:_DATELINE_PARAGRAPHS]):
        stripped = boilerplate_rules().dateline.sub("", para, count=1)
        prefix = para[: len(para) - len(stripped)]
        # (an acronym before a comma and a date is a name, unless a place: "VTB, Feb 24 – the day ..." is no dateline)
        acronym = re.match(r"^[A-Z]{2,4},", prefix) is not None
        if stripped != para and ((j == 0 and not acronym) or _names_a_place(prefix)):
            paragraphs[j] = stripped
            break
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
        notes=tuple(notes),
        read_from=meta.read_from(),
        layout=layout,
        removed_by_kind=tuple(sorted(kinds.items())),
    )


def read_front_matter(front: FrontMatter, meta: Meta) -> None:
    """The header fields of a front matter block into ``meta`` (it is read first, so its values win)."""
    src = front.source

    def raw(name: str) -> str:
        key, value = front.fields[name]
        return f"{key}: {value}"

    f = front.fields
    if "title" in f:
        meta.offer("title", scalar_text(f["title"][1]), src, raw("title"))
    if "url" in f:
        meta.offer("url", web_url(f["url"][1]), src, raw("url"))
    if "outlet" in f:
        meta.offer("outlet", f["outlet"][1], src, raw("outlet"))
    meta.hints = date_hints(url=meta.url, outlet=meta.outlet)
    for name in ("date", "updated"):
        if name in f and not meta.date:
            value = scalar_text(f[name][1])
            meta.offer_date(find_header_date(value or "", meta.hints), src, raw(name))
    if "authors" in f:
        names = [n for value in author_names(f["authors"][1]) for n in split_authors(value)]
        meta.offer("authors", tuple(dict.fromkeys(names)), src, raw("authors"))


def first_header_url(lines: list[TextLine]) -> str | None:
    """The first web address in the top lines (a link's target or written out): the outlet's site, for date hints."""
    for tl in lines[:30]:
        for _, url in tl.links:
            if url.startswith("http"):
                return url
        if m := re.search(r"https?://[^\s)>\]]+", tl.text):
            return m.group(0)
    return None


def parse_html(html: str, *, source: str, file_name: str, encoding: str = "utf-8") -> Article:
    """Extract the main text and metadata of an HTML page.

    The page's own metadata (JSON-LD, OpenGraph, ``<meta>``, canonical link, ``<time>``) comes first, then
    trafilatura's; the text, extracted by trafilatura (scripts, styles, navigation and comments dropped), goes
    through the same header and boilerplate rules as plain articles and fills what is left.

    Raises:
        InputError: the page has no extractable article text.
    """
    import trafilatura

    from kg.read.html import parse_page_metadata

    doc = None
    for with_metadata in (True, False):
        # trafilatura and htmldate raise on some malformed pages (an AssertionError
        # from lxml for '<svg onload=...><html>'); the text without metadata may
        # still be there, and otherwise the page is skipped with a reason.
        try:
            doc = trafilatura.bare_extraction(
                html, with_metadata=with_metadata, include_comments=False, include_tables=True,
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
    page = parse_page_metadata(html)
    meta = Meta()
    candidates = [(c.field, c.value, c.source, c.raw) for c in page.candidates]
    candidates += [(name, data.get(key), "HTML (trafilatura)", key) for name, key in
                   (("title", "title"), ("url", "url"), ("outlet", "sitename"), ("authors", "author"),
                    ("date", "date"))]
    for name, value, src, raw in candidates:
        if name in ("url", "outlet") and value:
            meta.offer(name, web_url(value) if name == "url" else clip(value, 200), src, f"{raw}: {value}")
    meta.hints = date_hints(url=meta.url, outlet=meta.outlet, lang=page.lang)
    page_fields = len(page.candidates)
    for k, (name, value, src, raw) in enumerate(candidates):
        if k == page_fields:
            # the page's byline elements ("By Mia Kovac | 07/02/2024"), which trafilatura's text drops, before
            # trafilatura's own guesses; only once the headline is known, so no byline is taken for it
            meta.offer("title", clip(data.get("title") or "", 500), "HTML (trafilatura)", f"title: {data.get('title')}")
            if meta.title and page.byline_lines:
                read_byline_elements(page.byline_lines, meta)
        if not value:
            continue
        if name == "title":
            meta.offer("title", clip(value, 500), src, f"{raw}: {value}")
        elif name == "authors":
            names = value if isinstance(value, list) else [value]
            found = tuple(dict.fromkeys(n for v in names for n in split_authors(v)))
            meta.offer("authors", found, src, f"{raw}: {'; '.join(names)}")
        elif name == "date" or (name == "updated" and not meta.date and src != "HTML (trafilatura)"):
            meta.offer_date(find_header_date(value, meta.hints), src, f"{raw}: {value}")
    layout = "HTML" + (" with JSON-LD" if any(c.source == "JSON-LD" for c in page.candidates) else "")
    article = parse_article_text(data.get("text") or "", source=source, file_name=file_name, encoding=encoding,
                                 markdown=False, meta=meta)
    return Article(
        source=article.source,
        file_name=article.file_name,
        text=article.text,
        content_hash=hashlib.sha256(html.encode("utf-8", "surrogatepass")).hexdigest(),
        title=article.title,
        date=article.date,
        authors=article.authors,
        url=article.url,
        outlet=article.outlet,
        removed_lines=article.removed_lines,
        encoding=encoding,
        notes=article.notes,
        read_from=article.read_from,
        layout=layout,
        removed_by_kind=article.removed_by_kind,
    )


def read_byline_elements(lines: list[str], meta: Meta) -> None:
    """Authors and date from the text of a page's byline elements, reported as "HTML byline"."""
    before = set(meta.found)
    read_header(plain_lines("\n".join(lines)), meta)
    for name in set(meta.found) - before:
        fs = meta.found[name]
        meta.found[name] = FieldSource(name, "HTML byline", fs.raw, fs.note)


def format_reading(article: Article) -> str:
    """The reading report of one article, as ``kg build --explain-read`` prints it: each header field, where it
    was found (and how an ambiguous date was read) with the text it was read from, and what the body lost.

    >>> print(format_reading(parse_article_text("Cranes sold\\nBy Ana Ruiz\\n07/10/2022 14:02 BST\\n\\n"
    ...       "The port said on Friday that it sold two cranes to a shipping group.", source="a.txt", file_name="a.txt")))
    a.txt  (text, utf-8)
      title    Cranes sold
                 from header line  [Cranes sold]
      date     2022-10-07
                 from date line (day first: time zone BST)  [07/10/2022 14:02 BST]
      authors  Ana Ruiz
                 from byline line  [By Ana Ruiz]
      url      -  (not found)
      outlet   -  (not found)
      body     14 words in 1 paragraph; removed: nothing
    """
    lines = [f"{article.source}  ({article.layout}, {article.encoding})"]
    found = {fs.field: fs for fs in article.read_from}
    values = {"title": article.title, "date": article.date, "authors": "; ".join(article.authors) or None,
              "url": article.url, "outlet": article.outlet}
    for name, value in values.items():
        fs = found.get(name)
        if value is None or fs is None:
            lines.append(f"  {name:<8} -  (not found)")
            continue
        how = f" ({fs.note})" if fs.note else ""
        lines.append(f"  {name:<8} {value}")
        lines.append(f"  {'':<8}   from {fs.source}{how}  [{fs.raw}]")
    for note in article.notes:
        lines.append(f"  note     {note}")
    words = len(article.text.split())
    removed = ", ".join(f"{n} {kind}" for kind, n in article.removed_by_kind) or "nothing"
    paragraphs = article.text.count("\n") + 1
    lines.append(f"  body     {words:,} words in {paragraphs} paragraph{'s' * (paragraphs != 1)}; removed: {removed}")
    return "\n".join(lines)

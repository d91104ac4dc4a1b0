"""Reading news articles: files, folders and stdin -> clean :class:`Article` records.

Handles the shapes scraped news arrives in: a Markdown header (``# Title``,
``Published at:``, ``Author:``, ``Original: [Outlet](url)``), plain byline and
date lines (``By Jane Roe``, ``13 September 2019``, ``September 12, 2019``,
dates glued to section and author), bare text, and HTML pages (through
trafilatura). Boilerplate (teasers cut off with an ellipsis, newsletter and login
prompts, "More on this story", author bios, image credits) is removed by the
rules in ``kg/data/boilerplate.yaml``.
"""
from __future__ import annotations

import codecs
import functools
import hashlib
import os
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

from kg.read.dates import find_date, find_header_date
from kg.knowledge.lexicons import load_lexicon
from kg.errors import InputError

TEXT_SUFFIXES = {".txt", ".text", ".md", ".markdown"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
ARTICLE_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES

DEFAULT_MAX_FILE_BYTES = 20_000_000  # "20 MB": --max-file-size counts MB of 10^6 bytes
DEFAULT_MAX_FILES = 100_000

_MAGIC = {
    b"\x89PNG": "a PNG image",
    b"%PDF": "a PDF document",
    b"PK\x03\x04": "a zip archive",
    b"\x1f\x8b": "a gzip archive",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"\x7fELF": "an executable",
    b"BZh": "a bzip2 archive",
    b"7z\xbc\xaf": "a 7z archive",
    b"RIFF": "a RIFF (audio/video) file",
    b"\x00\x00\x01\x00": "an icon",
    b"SQLite format 3": "an SQLite database",
}


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


def iter_input_paths(
    inputs: Iterable[str | os.PathLike],
    *,
    exclude: Iterable[Path] = (),
    max_files: int = DEFAULT_MAX_FILES,
) -> Iterator[Path | Skipped]:
    """Expand files and folders into article paths, in a stable order.

    Folders are walked recursively for article suffixes (``.txt``, ``.md``,
    ``.html``...), skipping hidden folders (``.git``), anything under
    ``exclude`` (the output folder) and folders holding an earlier build
    (``report.json`` next to ``graph.*``). Files named explicitly are always tried.
    ``-`` is passed through as stdin. Yields :class:`Skipped` for inputs that
    do not exist.

    Raises:
        InputError: more than ``max_files`` files were found.
    """
    excluded = [p.resolve() for p in exclude]
    count = 0

    def is_excluded(path: Path) -> bool:
        rp = path.resolve()
        return any(rp == e or e in rp.parents for e in excluded)

    def bump() -> None:
        nonlocal count
        count += 1
        if count > max_files:
            raise InputError(
                f"more than {max_files} input files; pass --max-files N to allow more"
            )

    for raw in inputs:
        if str(raw) == "-":
            bump()
            yield Path("-")
            continue
        path = Path(raw)
        if path.is_symlink() and not path.exists():
            yield Skipped(str(path), "broken symbolic link")
            continue
        if not path.exists():
            yield Skipped(str(path), "no such file or folder")
            continue
        if path.is_dir():
            for root, dirs, files in os.walk(path, followlinks=False):
                rootp = Path(root)
                dirs[:] = sorted(
                    d for d in dirs
                    if not d.startswith(".") and d != "__pycache__" and not is_excluded(rootp / d)
                    and not _is_output_folder(rootp / d)
                )
                for name in sorted(files):
                    child = rootp / name
                    if name.startswith(".") or child.suffix.lower() not in ARTICLE_SUFFIXES:
                        continue
                    if child.is_symlink() and not child.exists():
                        yield Skipped(str(child), "broken symbolic link")
                        continue
                    if is_excluded(child):
                        continue
                    bump()
                    yield child
        else:
            bump()
            yield path


def _is_output_folder(folder: Path) -> bool:
    """Whether ``folder`` holds a previous build (report.json next to a graph file).

    Its graph.html would otherwise be read as an article (and skipped, turning
    every later build of the parent folder into a partial one).
    """
    return (folder / "report.json").is_file() and any(
        (folder / f"graph{ext}").is_file() for ext in (".ttl", ".trig", ".nq", ".nt", ".jsonld", ".html")
    )


# ---------------------------------------------------------------------------
# Reading bytes and decoding them


def read_source(path: Path, *, max_bytes: int = DEFAULT_MAX_FILE_BYTES) -> tuple[bytes, str]:
    """Read a file (or stdin for ``-``) within a size limit; return bytes and a display name.

    Raises:
        InputError: unreadable, not a regular file, or larger than ``max_bytes``.
    """
    if str(path) == "-":
        data = sys.stdin.buffer.read(max_bytes + 1)
        if len(data) > max_bytes:
            raise InputError(f"stdin is larger than {max_bytes / 1e6:g} MB; pass --max-file-size MB to allow more")
        return data, "<stdin>"
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}") from exc
    if not path.is_file():
        raise InputError("not a regular file")
    if size > max_bytes:
        raise InputError(
            f"file is {size:,} bytes, above the {max_bytes / 1e6:g} MB limit; pass --max-file-size MB to allow more"
        )
    try:
        with path.open("rb") as fh:
            data = fh.read(max_bytes + 1)
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}") from exc
    if len(data) > max_bytes:  # it grew after stat(), e.g. a log still being written
        raise InputError(f"file is larger than the {max_bytes / 1e6:g} MB limit; pass --max-file-size MB to allow more")
    return data, str(path)


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode article bytes to text; return (text, encoding used).

    UTF-8 (with or without BOM) and UTF-16/32 with a BOM are read directly;
    other encodings are detected with charset-normalizer, falling back to
    CP-1252. Binary files are refused.

    Raises:
        InputError: the bytes are empty, binary, or not text in any encoding.
    """
    if not data.strip():
        raise InputError("empty file")
    for magic, what in _MAGIC.items():
        if data.startswith(magic):
            raise InputError(f"binary file ({what}), not an article")
    for bom, enc in (
        (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return data.decode(enc), enc.replace("-sig", "")
            except UnicodeDecodeError as exc:
                raise InputError(f"starts with a {enc} byte-order mark but is not valid {enc}") from exc
    nul_share = data.count(b"\x00") / len(data)
    if nul_share > 0.3:
        for enc in ("utf-16-le", "utf-16-be"):
            try:
                text = data.decode(enc)
            except UnicodeDecodeError:
                continue
            if _printable_share(text) > 0.95:
                return text, enc
        raise InputError("binary file (mostly NUL bytes), not an article")
    try:
        text = data.decode("utf-8")
        enc = "utf-8"
    except UnicodeDecodeError:
        text, enc = _detect(data)
    if "\x00" in text:
        text = text.replace("\x00", "")
        enc += " (NUL bytes removed)"
    if _printable_share(text) < 0.85 or _control_share(text) > 0.02:
        raise InputError("binary file (unprintable content), not an article")
    return text, enc


def _detect(data: bytes) -> tuple[str, str]:
    from charset_normalizer import from_bytes

    matches = from_bytes(data[:200_000])
    best = matches.best()
    if best is not None and best.encoding not in ("cp1252", "utf_8"):
        # charset-normalizer often ranks cp1250 or cp1257 first for short Western text
        # ("Señor" read as "Seńor"); CP-1252 is the usual legacy encoding of English
        # and Western European news, so it wins whenever it decodes with as little mess.
        for match in matches:
            if match.encoding == "cp1252" and match.chaos <= best.chaos:
                best = match
                break
    if best is not None and best.encoding:
        try:
            return data.decode(best.encoding), best.encoding
        except (UnicodeDecodeError, LookupError):
            pass
    return data.decode("cp1252", errors="replace"), "cp1252"


def _control_share(text: str) -> float:
    """The share of control characters (other than tab, newlines and form feeds) and U+FFFD.

    Text in any encoding has next to none; random or compressed bytes decoded as
    CP-1252 have about 13%, which the printable share alone (NBSP and soft hyphens
    count as unprintable there) lets through.
    """
    sample = text[:20_000]
    if not sample:
        return 0.0
    bad = sum(1 for c in sample if (c < " " and c not in "\t\n\r\f\v") or "\x7f" <= c <= "\x9f" or c == "\ufffd")
    return bad / len(sample)


def _printable_share(text: str) -> float:
    sample = text[:20_000]
    if not sample:
        return 0.0
    ok = sum(1 for c in sample if c.isprintable() or c in "\n\r\t")
    return ok / len(sample)


# ---------------------------------------------------------------------------
# Boilerplate rules


@dataclass(frozen=True)
class _Rules:
    cut_rest: tuple[re.Pattern, ...]
    drop_line: tuple[re.Pattern, ...]
    teaser_endings: tuple[str, ...]
    dateline: re.Pattern
    section_words: frozenset[str]


@functools.lru_cache(maxsize=1)
def _rules() -> _Rules:
    raw = load_lexicon("boilerplate.yaml")
    return _Rules(
        cut_rest=tuple(re.compile(p, re.I) for p in raw["cut_rest"]),
        drop_line=tuple(re.compile(p, re.I) for p in raw["drop_line"]),
        teaser_endings=tuple(raw["teaser_endings"]),
        dateline=re.compile(raw["dateline"]),
        section_words=frozenset(w.lower() for w in raw["section_words"]),
    )


def _is_section_label(line: str, rules: _Rules) -> bool:
    """"Technology News", "World | Business": every word a section word."""
    words = [w.lower() for w in re.findall(r"[\w&'-]+", line)]
    return bool(words) and all(w in rules.section_words or w in ("&", "and") for w in words)


def _is_teaser(line: str, rules: _Rules) -> bool:
    core = line.rstrip(" \"'”’)]")
    return any(core.endswith(e) for e in rules.teaser_endings)


def remove_boilerplate(lines: list[str]) -> tuple[list[str], int]:
    """Drop boilerplate lines; return (kept lines, number removed).

    Blank lines are kept as paragraph breaks and not counted.
    """
    rules = _rules()
    kept: list[str] = []
    removed = 0
    seen: set[str] = set()
    for i, raw in enumerate(lines):
        line = raw.strip()
        if not line:
            kept.append("")
            continue
        if any(rx.search(line) for rx in rules.cut_rest):
            removed += sum(1 for rest in lines[i:] if rest.strip())
            break
        if any(rx.search(line) for rx in rules.drop_line) or _is_teaser(line, rules):
            removed += 1
            continue
        norm = re.sub(r"\W+", " ", line).strip().lower()
        if norm in seen and len(norm) > 20:
            removed += 1  # a standfirst repeated as the first paragraph
            continue
        seen.add(norm)
        kept.append(line)
    # A trailing run of headline-like lines (no closing punctuation) is a teaser list.
    while kept and (not kept[-1] or _headline_like(kept[-1])):
        if kept[-1]:
            removed += 1
        kept.pop()
    return kept, removed


def _headline_like(line: str) -> bool:
    return len(line.split()) <= 30 and not re.search(r"[.!?\"”’':;)]\s*$", line)


# ---------------------------------------------------------------------------
# Headers and metadata

_MD_TITLE = re.compile(r"^#{1,2}\s+(?P<v>.+?)\s*#*$")
_KV = re.compile(
    r"^(?P<k>published(?: at| on)?|date|updated|author\(?s?\)?|by|byline|writer|original|source|url|link|title|headline|outlet|publisher)\s*:\s*(?P<v>.*)$",
    re.I,
)
_MD_LINK = re.compile(r"\[(?P<text>[^\]]*)\]\((?P<url>[^)\s]+)\)")
_BYLINE = re.compile(r"^by\s+(?P<v>[A-Z][^\d]{2,80})$", re.I)
_NAME = re.compile(r"^(?:[A-Z][\w'’.-]+|de|van|von|da|bin|al)(?:\s+(?:[A-Z][\w'’.-]+|de|van|von|der|da|bin|al)){1,3}$")
_STAFF_LINE = re.compile(
    r"^(?:by\s+)?(?P<name>[^,|]{4,60}?)\s*[,|–—-]\s*(?:[\w&'’ ]{0,40}\s)?"
    r"(?:correspondent|editor|reporter|writer|journalist|columnist|contributor|analyst|staff)s?$",
    re.I,
)
_JOB_LINE = re.compile(
    r"^(?:[\w&'’]+\s){0,4}(?:correspondent|editor|reporter|writer|journalist|columnist|contributor|"
    r"analyst|staff writer|producer)s?$", re.I)
_SECTION_LINE = re.compile(r"\s[|>›»/]\s|^(?:home|news)\s*[>›»]")
_BYLINE_BARS = re.compile(r"^by\s+(?P<v>[^|\d]{3,80}?)\s*\|", re.I)
_STAMP_BY = re.compile(r"\bby\s+(?P<v>[A-Z][\w'’.-]+(?:\s+(?:[A-Z][\w'’.-]+|de|van|von|der|da)){1,3})\s*$")
_FRONT_MATTER = re.compile(r"^(?:---|\+\+\+)\s*$")
# "Updated 3:45 PM ET, Fri October 7, 2022", "Posted on 7 Oct 2022": a date stamp line
_STAMP = re.compile(r"^(?:last\s+)?(?:updated|published|posted|first published)\b", re.I)
_MIN_READ = re.compile(r"^\d+\s+min(ute)?s?\s+read$", re.I)
_URL = re.compile(r"https?://[^\s)>\]]+")


def _strip_md(value: str) -> str:
    return re.sub(r"^[*_`\s]+|[*_`\s]+$", "", value).strip()


def _split_authors(value: str) -> tuple[str, ...]:
    value = re.sub(r"^by\s+", "", value.strip(), flags=re.I)
    value = re.sub(r"\s+(?:in|at)\s+[A-Z][\w .'-]*$", "", value)  # "Anneke de Vries in Brussels"
    value = re.split(r"\s+[|–—]\s+|\s+-\s+", value)[0]  # "Jane Roe | Reuters": the outlet follows a bar
    parts = re.split(r"\s*(?:,|;|&|\band\b)\s*", value)
    return tuple(p.strip() for p in parts if p.strip() and _NAME.match(p.strip()) and not _JOB_LINE.match(p.strip()))


def _byline_outlet(value: str) -> str | None:
    """"By Jane Roe | Reuters" -> "Reuters"."""
    parts = re.split(r"\s+[|–—]\s+", value.strip())
    if len(parts) == 2 and 0 < len(parts[1].split()) <= 4 and not find_date(parts[1]):
        return _strip_md(parts[1]) or None
    return None


def _web_url(url: str | None) -> str | None:
    """``url`` if it is an http(s) address, else None.

    An article's URL names it across builds and ends up as a link in the view;
    a ``javascript:``, ``data:`` or ``file:`` "URL" from a hostile page is neither.
    """
    if url and re.match(r"https?://[^\s/?#]", url, re.I) and not re.search(r"[\s<>\"{}|\\^`]", url):
        return url
    return None


def _outlet_from_url(url: str) -> str | None:
    host = urlparse(url).hostname or ""
    host = re.sub(r"^(www|m|amp)\.", "", host)
    return host or None


@dataclass
class _Meta:
    title: str | None = None
    date: str | None = None
    authors: tuple[str, ...] = ()
    url: str | None = None
    outlet: str | None = None


def _read_header(lines: list[str]) -> tuple[_Meta, int]:
    """Read metadata from the top of an article; return it and the body start line."""
    meta = _Meta()
    rules = _rules()
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
        if m := _MD_TITLE.match(line):
            if meta.title is None:
                meta.title = _strip_md(m["v"])
                header_end = i
                continue
        if m := _KV.match(line):
            key, value = m["k"].lower(), _strip_md(m["v"])
            if key.startswith(("published", "date", "updated")):
                found = find_header_date(value)
                if found and (meta.date is None or key.startswith(("published", "date"))):
                    meta.date = found.iso
            elif key.startswith(("author", "by", "writer")):
                meta.authors = meta.authors or _split_authors(value)
            elif key in ("original", "source", "url", "link", "outlet", "publisher"):
                if lk := _MD_LINK.search(value):
                    meta.url = meta.url or _web_url(lk["url"])
                    meta.outlet = meta.outlet or (lk["text"].strip() or None)
                elif u := _URL.search(value):
                    meta.url = meta.url or u.group(0)
                elif value:
                    meta.outlet = meta.outlet or value
            elif key in ("title", "headline") and value:
                meta.title = meta.title or value.strip("\"'")
            header_end = i
            continue
        if any(rx.search(line) for rx in rules.drop_line) or _MIN_READ.match(line):
            if _STAMP.match(line) and meta.date is None and (found := find_header_date(line)):
                meta.date = found.iso  # "Updated 3:45 PM ET, Fri October 7, 2022"
            header_end = i
            continue
        if _FRONT_MATTER.match(line):
            header_end = i  # a YAML front matter fence
            continue
        if (m := _STAFF_LINE.match(line)) and _NAME.match(m["name"]) and not meta.authors:
            meta.authors = (m["name"],)  # "Jane Roe, Technology correspondent"
            header_end = i
            continue
        if (m := _BYLINE_BARS.match(line)) and (found := find_header_date(line)):
            # "By Rachel Whitcombe | April 15, 2022 | 6:02 PM EDT"
            meta.authors = meta.authors or _split_authors(m["v"])
            meta.date = meta.date or found.iso
            header_end = i
            continue
        if m := _BYLINE.match(line):
            authors = _split_authors(m["v"])
            if authors:
                meta.authors = meta.authors or authors
                meta.outlet = meta.outlet or _byline_outlet(m["v"])
                header_end = i
                continue
        found = find_date(line)
        stamped = _STAMP.match(line)
        if stamped and not found:
            found = find_header_date(line)
        if found and len(line) <= 60 + (found.end - found.start) and (found.start <= 12 or stamped) \
                and len(line.split()) <= 12:
            meta.date = meta.date or found.iso
            if (by := _STAMP_BY.search(line)) and not meta.authors:
                meta.authors = _split_authors(by["v"])  # "Posted 2022-11-26 by Karen Ostrowski"
                header_end = i
                continue
            rest = line[found.end:].strip(" |,-–—·")
            # "13 September 2019PatentsRory O'Neill": section glued to author
            if rest:
                segs = re.split(r"(?<=[a-z])(?=[A-Z])", rest)
                cand = segs[-1].strip()
                if _NAME.match(cand) and not meta.authors:
                    meta.authors = (cand,)
            if pending_name and not meta.authors:
                meta.authors = (pending_name,)
            pending_name = None
            header_end = i
            continue
        if _JOB_LINE.match(line):
            header_end = i  # "Technology Editor" under the author's name: not a name itself
            continue
        if _is_section_label(line, rules):
            header_end = i  # "Technology News": a desk label
            continue
        if _NAME.match(line) and len(line.split()) <= 4 and not meta.authors:
            pending_name = line
            continue
        words = len(line.split())
        prose = re.search(r"[.!?:;]\s*[\"”’']?$", line)
        if words <= 25 and not prose and not _is_teaser(line, rules):
            title_candidates.append((i, line))
            continue
        if words > 25 or (prose and words >= 8 and _next_is_prose(lines, i)):
            break  # the body has begun (a standfirst before the byline does not count)
    if pending_name and not meta.authors and meta.date:
        meta.authors = (pending_name,)
    if meta.title is None and title_candidates:
        # the headline: the first short unpunctuated line of the header region that is not a section
        # label or breadcrumb ("MARKETS | TECHNOLOGY", "Home > Policy", "Semiconductors")
        headline_like = [c for c in title_candidates if not _SECTION_LINE.search(c[1]) and not c[1].isupper()
                         and len(c[1].split()) >= 4]
        idx, text = (headline_like or title_candidates)[0]
        meta.title = text
        header_end = max(header_end, max(j for j, _ in title_candidates) if headline_like else idx)
    if meta.url and not meta.outlet:
        meta.outlet = _outlet_from_url(meta.url)
    return meta, header_end


def _next_is_prose(lines: list[str], i: int) -> bool:
    """Whether the next non-blank line after index ``i - 1`` is a sentence of body text."""
    for line in lines[i:]:
        line = line.strip()
        if line:
            return len(line.split()) >= 8
    return False


def _header_line_set(lines: list[str], end: int, meta: _Meta) -> set[int]:
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


def parse_article_text(text: str, *, source: str, file_name: str, encoding: str = "utf-8") -> Article:
    """Turn the text of a scraped article into an :class:`Article`.

    Raises:
        InputError: nothing is left once header and boilerplate are removed.
    """
    content_hash = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    text = re.sub(r"[\u200b\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]", "", text)
    lines = text.split("\n")
    meta, header_end = _read_header(lines)
    drop = _header_line_set(lines, header_end, meta)
    body_lines = [ln for j, ln in enumerate(lines) if j not in drop]
    kept, removed = remove_boilerplate(body_lines)
    paragraphs = [ln for ln in kept if ln]
    if paragraphs:
        paragraphs[0] = _rules().dateline.sub("", paragraphs[0], count=1)
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
    authors = _split_authors(data.get("author") or "") if data.get("author") else ()
    return Article(
        source=article.source,
        file_name=article.file_name,
        text=article.text,
        content_hash=hashlib.sha256(html.encode("utf-8", "surrogatepass")).hexdigest(),
        title=data.get("title") or article.title,
        date=date.iso if date else article.date,
        authors=authors or article.authors,
        url=_web_url(data.get("url")) or article.url,
        outlet=data.get("sitename") or article.outlet,
        removed_lines=article.removed_lines,
        encoding=encoding,
    )


def load_article(path: Path, *, max_bytes: int = DEFAULT_MAX_FILE_BYTES) -> Article:
    """Read one article from a file path (or ``-`` for stdin).

    >>> # doctest: +SKIP
    >>> load_article(Path("examples/articles/01-microsoft-tiktok.md")).title

    Raises:
        InputError: with a one-line reason (empty, binary, too large, unreadable...).
    """
    data, name = read_source(path, max_bytes=max_bytes)
    text, encoding = decode_bytes(data)
    file_name = "stdin" if name == "<stdin>" else path.name
    looks_html = path.suffix.lower() in HTML_SUFFIXES or re.match(r"\s*(<!doctype html|<html)", text[:500], re.I)
    if looks_html:
        return parse_html(text, source=name, file_name=file_name, encoding=encoding)
    return parse_article_text(text, source=name, file_name=file_name, encoding=encoding)

"""Inputs: files, folders and stdin to bytes, bytes to text, text to an :class:`~kg.read.article.Article`.

:func:`iter_input_paths` walks the inputs (article suffixes only, never a build's own output folder, no symbolic
link out of the folder unless asked, a cap on the count); :func:`read_source` reads one file within a size limit
and refuses binaries by their magic bytes; :func:`decode_bytes` finds the encoding (BOMs, UTF-8 with stray
CP-1252 bytes repaired, then charset detection) and refuses what is not text; :func:`load_article` does all three
and parses the text or HTML.
"""
from __future__ import annotations

import codecs
import os
import re
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from kg.errors import InputError
from kg.read.article import Article, Skipped, parse_article_text, parse_html

TEXT_SUFFIXES = {".txt", ".text", ".md", ".markdown"}


HTML_SUFFIXES = {".html", ".htm", ".xhtml"}


ARTICLE_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES


DEFAULT_MAX_FILE_BYTES = 20_000_000  # "20 MB": --max-file-size counts MB of 10^6 bytes


DEFAULT_MAX_FILES = 100_000


MAGIC = {
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


def iter_input_paths(
    inputs: Iterable[str | os.PathLike],
    *,
    exclude: Iterable[Path] = (),
    max_files: int = DEFAULT_MAX_FILES,
    follow_symlinks: bool = False,
) -> Iterator[Path | Skipped]:
    """Expand files and folders into article paths, in a stable order.

    Folders are walked recursively for article suffixes (``.txt``, ``.md``,
    ``.html``...), skipping hidden folders (``.git``), anything under
    ``exclude`` (the output folder) and folders holding an earlier build
    (``report.json`` next to ``graph.*``). A symbolic link in a folder that leads
    to a file outside that folder (``/proc/self/environ``, ``~/.ssh/id_rsa``) is
    skipped with a reason unless ``follow_symlinks``. Files named explicitly are
    always tried. ``-`` is passed through as stdin. Yields :class:`Skipped` for
    inputs that do not exist.

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
            top = path.resolve()
            for root, dirs, files in os.walk(path, followlinks=False):
                rootp = Path(root)
                dirs[:] = sorted(
                    d for d in dirs
                    if not d.startswith(".") and d != "__pycache__" and not is_excluded(rootp / d)
                    and not is_output_folder(rootp / d)
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
                    if not follow_symlinks and leads_outside(child, top):
                        yield Skipped(str(child), f"symbolic link to a file outside {path}; not read "
                                                  "(pass --follow-symlinks to read it)")
                        continue
                    bump()
                    yield child
        else:
            bump()
            yield path


def leads_outside(child: Path, top: Path) -> bool:
    """Whether ``child`` is a symbolic link to a regular file outside the folder ``top`` (resolved).

    A link to a device or a FIFO is not counted here: it is refused later as "not a regular file".
    """
    if not child.is_symlink():
        return False
    target = child.resolve()
    return target.is_file() and top not in target.parents


def is_output_folder(folder: Path) -> bool:
    """Whether ``folder`` holds a previous build (report.json next to a graph file).

    Its graph.html would otherwise be read as an article (and skipped, turning
    every later build of the parent folder into a partial one).
    """
    return (folder / "report.json").is_file() and any(
        (folder / f"graph{ext}").is_file() for ext in (".ttl", ".trig", ".nq", ".nt", ".jsonld", ".html")
    )


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
    check_size(size, max_bytes)
    try:
        with path.open("rb") as fh:
            data = read_capped(fh, max_bytes)
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}") from exc
    return data, str(path)


def check_size(size: int | None, max_bytes: int) -> None:
    """Raise InputError when a file's listed size is above the limit (an unknown size passes)."""
    if size is not None and size > max_bytes:
        raise InputError(
            f"file is {size:,} bytes, above the {max_bytes / 1e6:g} MB limit; pass --max-file-size MB to allow more"
        )


def read_capped(stream, max_bytes: int) -> bytes:
    """Read at most the limit from an open binary stream; raise InputError when there is more (a file that grew
    after its size was read, e.g. a log still being written)."""
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise InputError(f"file is larger than the {max_bytes / 1e6:g} MB limit; pass --max-file-size MB to allow more")
    return data


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode article bytes to text; return (text, encoding used).

    UTF-8 (with or without BOM) and UTF-16/32 with a BOM are read directly. UTF-8
    with a few stray bytes of a legacy encoding (a curly apostrophe pasted from a
    CP-1252 editor) stays UTF-8, each stray byte read as CP-1252. Other encodings
    are detected with charset-normalizer, falling back to CP-1252; a text with only
    a handful of non-ASCII bytes is CP-1252 (too little for detection to tell).
    Binary files are refused.

    >>> decode_bytes("Caf\u00e9 owners".encode() + b" said prices \\x93rose\\x94.")
    ('Café owners said prices “rose”.', 'utf-8 (2 stray bytes read as cp1252)')

    Raises:
        InputError: the bytes are empty, binary, or not text in any encoding.
    """
    if not data.strip():
        raise InputError("empty file")
    for magic, what in MAGIC.items():
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
            if printable_share(text) > 0.95:
                return text, enc
        raise InputError("binary file (mostly NUL bytes), not an article")
    try:
        text = data.decode("utf-8")
        enc = "utf-8"
    except UnicodeDecodeError:
        text, enc = decode_legacy(data)
    if "\x00" in text:
        text = text.replace("\x00", "")
        enc += " (NUL bytes removed)"
    if printable_share(text) < 0.85 or control_share(text) > 0.02:
        raise InputError("binary file (unprintable content), not an article")
    return text, enc


STRAY_BYTE = re.compile("[\udc80-\udcff]")


def decode_legacy(data: bytes) -> tuple[str, str]:
    """Decode bytes that are not valid UTF-8: mostly UTF-8 with stray bytes, or a legacy encoding.

    Detectors guess wildly on a UTF-8 text with one stray CP-1252 byte (hp_roman8,
    big5hkscs, mac_iceland), which garbles every other accented letter. A CP-1252 text
    almost never holds a valid UTF-8 sequence (an accented letter followed by a byte
    that UTF-8 would take as its continuation), so: a text with valid UTF-8 sequences
    and at most four stray bytes for each of them is UTF-8, the stray bytes read as
    CP-1252. Otherwise a text with few non-ASCII bytes is CP-1252; only a text rich in
    them (Cyrillic, Greek, Central European) is left to detection.
    """
    escaped = data.decode("utf-8", errors="surrogateescape")  # each stray byte -> U+DC80..U+DCFF
    stray = len(STRAY_BYTE.findall(escaped))
    valid_multibyte = sum(1 for c in escaped if c > "\x7f") - stray
    if valid_multibyte and stray <= 4 * valid_multibyte:
        text = STRAY_BYTE.sub(lambda m: bytes([ord(m[0]) - 0xDC00]).decode("cp1252", errors="replace"), escaped)
        return text, f"utf-8 ({stray} stray byte{'s' * (stray > 1)} read as cp1252)"
    high = sum(1 for b in data if b > 0x7F)
    if high <= max(16, len(data) // 200):
        try:
            return data.decode("cp1252"), "cp1252"
        except UnicodeDecodeError:
            pass
    return detect(data)


def detect(data: bytes) -> tuple[str, str]:
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


_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ufffd]")


def control_share(text: str) -> float:
    """The share of control characters (other than tab, newlines and form feeds) and U+FFFD.

    Text in any encoding has next to none; random or compressed bytes decoded as
    CP-1252 have about 13%, which the printable share alone (NBSP and soft hyphens
    count as unprintable there) lets through.
    """
    sample = text[:20_000]
    if not sample:
        return 0.0
    return len(_CONTROL.findall(sample)) / len(sample)


_LINE_CHARS = str.maketrans("", "", "\n\r\t")


def printable_share(text: str) -> float:
    sample = text[:20_000]
    if not sample:
        return 0.0
    if sample.translate(_LINE_CHARS).isprintable():
        return 1.0  # the usual case, without a Python loop over every character
    ok = sum(1 for c in sample if c.isprintable() or c in "\n\r\t")
    return ok / len(sample)


def load_article(path: Path, *, max_bytes: int = DEFAULT_MAX_FILE_BYTES) -> Article:
    """Read one article from a file path (or ``-`` for stdin).

    >>> load_article(Path("examples/articles/01-microsoft-tiktok.md")).title
    "ByteDance turns down Microsoft, backs Oracle plan for TikTok's US business"

    Raises:
        InputError: with a one-line reason (empty, binary, too large, unreadable...).
    """
    data, name = read_source(path, max_bytes=max_bytes)
    return article_from_bytes(data, source=name, file_name="stdin" if name == "<stdin>" else path.name,
                              suffix=path.suffix)


def article_from_bytes(data: bytes, *, source: str, file_name: str, suffix: str) -> Article:
    """Parse one article's bytes (text, Markdown or HTML, by its suffix or its first characters).

    Raises:
        InputError: the bytes are empty, binary or in no text encoding.
    """
    text, encoding = decode_bytes(data)
    looks_html = suffix.lower() in HTML_SUFFIXES or re.match(r"\s*(<!doctype html|<html)", text[:500], re.I)
    if looks_html:
        return parse_html(text, source=source, file_name=file_name, encoding=encoding)
    return parse_article_text(text, source=source, file_name=file_name, encoding=encoding)

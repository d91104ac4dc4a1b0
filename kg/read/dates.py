"""Dates in article headers and sentences: parsing them to ISO 8601, and resolving relative ones.

Header dates come in many shapes: ISO (``2024-01-03T16:40:00+01:00``), written out in English, German or French
(``19 December 2023``, ``June 17, 2022``, ``28. Februar 2022``), numeric with slashes or dots (``17/01/2022``,
``28.02.2022``), with a clock and a time zone (``29/03/2022 7:48pm AEDT``). An ambiguous numeric date is read
day first or month first from the locale hints in ``kg/knowledge/data/dates.yaml``: a time zone beside it, the
site's domain, the page's language (:class:`DateHints`). Sentences are read for English dates only, and numeric
dates never (in body text ``1/2`` is a fraction).
"""
from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass
from urllib.parse import urlparse

from kg.knowledge.lexicons import load_lexicon

ISO_RX = re.compile(
    r"(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})"
    r"(?:[T ](?P<H>\d{2}):(?P<M>\d{2})(?::(?P<S>\d{2})(?:\.\d+)?)?\s*(?P<tz>Z|[+-]\d{2}:?\d{2})?)?"
)
# 17/01/2022, 28.02.2022, 7-10-2022, 28/02/22 (a two-digit year only after a slash or a dot)
NUMERIC_RX = re.compile(
    r"(?<![\d/.-])(?P<a>\d{1,2})(?P<sep>[/.-])(?P<b>\d{1,2})(?P=sep)"
    r"(?P<y>(?:19|20)\d{2}|(?<=[/.])\d{2})(?![\d]|[/.-]\d)"
)
YMD_SLASH_RX = re.compile(r"\b(?P<y>(?:19|20)\d{2})[/.](?P<m>\d{1,2})[/.](?P<d>\d{1,2})\b")
TIME_RX = re.compile(r"\b(?P<H>\d{1,2}):(?P<M>\d{2})\s*(?P<ampm>[ap]\.?m\.?)?", re.I)


@dataclass(frozen=True)
class FoundDate:
    """A date found in a string: the ISO value, where it was, and how it was read.

    ``how`` says which way round an ambiguous numeric date was read and why ("day first: time zone AEDT");
    ``label`` is "published" or "updated" when a word before the date says so.
    """

    iso: str  # YYYY-MM-DD or a full ISO 8601 date-time with offset
    start: int
    end: int
    how: str = ""
    label: str = ""


@dataclass(frozen=True)
class DateHints:
    """Which way round the article's outlet writes numeric dates: True day first, False month first, None unknown."""

    day_first: bool | None = None
    why: str = ""


@dataclass(frozen=True)
class DateRules:
    months: dict[str, int]  # every language
    english_months: dict[str, int]
    month_rx: str  # alternation of every month name, longest first
    english_month_rx: str
    day_first_zone: re.Pattern
    month_first_zone: re.Pattern
    day_first_domains: tuple[str, ...]
    month_first_domains: tuple[str, ...]
    day_first_languages: tuple[str, ...]
    month_first_languages: tuple[str, ...]
    published_words: re.Pattern
    updated_words: re.Pattern


def _alternation(words) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


@functools.cache
def date_rules() -> DateRules:
    """The date vocabulary of ``kg/knowledge/data/dates.yaml``, loaded once."""
    raw = load_lexicon("dates.yaml")
    months: dict[str, int] = {}
    for names_by_month in raw["months"].values():
        for number, names in enumerate(names_by_month, start=1):
            for name in names:
                months.setdefault(str(name).lower(), number)
    english = {str(n).lower(): i for i, names in enumerate(raw["months"]["en"], start=1) for n in names}

    def zones(words) -> re.Pattern:
        return re.compile(rf"(?<![\w-])(?:{_alternation(words)})(?![\w-])")

    def words_rx(words) -> re.Pattern:
        return re.compile(rf"\b(?:{_alternation(w.lower() for w in words)})\b", re.I)

    return DateRules(
        months=months,
        english_months=english,
        month_rx=rf"(?:{_alternation(months)})\.?",
        english_month_rx=rf"(?:{_alternation(english)})\.?",
        day_first_zone=zones(raw["day_first_zones"]),
        month_first_zone=zones(raw["month_first_zones"]),
        day_first_domains=tuple(d.lower() for d in raw["day_first_domains"]),
        month_first_domains=tuple(d.lower() for d in raw["month_first_domains"]),
        day_first_languages=tuple(x.lower() for x in raw["day_first_languages"]),
        month_first_languages=tuple(x.lower() for x in raw["month_first_languages"]),
        published_words=words_rx(raw["published_words"]),
        updated_words=words_rx(raw["updated_words"]),
    )


@functools.cache
def _text_date_patterns(english_only: bool) -> tuple[re.Pattern, re.Pattern]:
    rules = date_rules()
    mon = rules.english_month_rx if english_only else rules.month_rx
    # "13 September 2019", "23rd April 2019", "28. Februar 2022", "17th of June 2022"
    dmy = re.compile(rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th|\.)?\s+(?:of\s+)?(?P<mon>{mon})\s*,?\s*(?P<y>(?:19|20)\d{{2}})",
                     re.I)
    # "September 12, 2019", "Sept. 12 2019", "Dec. 28, 2024"
    mdy = re.compile(rf"(?<!\w)(?P<mon>{mon})\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s*,?\s*(?P<y>(?:19|20)\d{{2}})", re.I)
    return dmy, mdy


def month_number(name: str) -> int | None:
    """The month a name or abbreviation stands for, in any language of dates.yaml ("Sept." -> 9, "März" -> 3)."""
    return date_rules().months.get(name.lower().rstrip("."))


def find_date(text: str) -> FoundDate | None:
    """Find the first written-out or ISO calendar date in ``text`` and normalise it to ISO 8601.

    Numeric dates (``17/01/2022``) are not read here: see :func:`find_header_date`.

    >>> find_date("September 12, 2019").iso
    '2019-09-12'
    >>> find_date("Published at: 2019-11-06T19:05:00+00:00").iso
    '2019-11-06T19:05:00+00:00'
    >>> find_date("Berlin, 28. Februar 2022").iso
    '2022-02-28'
    """
    best: FoundDate | None = None
    for rx in (ISO_RX, *_text_date_patterns(False)):
        for m in rx.finditer(text):
            if best and m.start() >= best.start:
                break
            iso = _to_iso(m)
            if iso:
                best = FoundDate(iso, m.start(), m.end())
                break
    return best


def date_hints(*, url: str | None = None, outlet: str | None = None, lang: str | None = None) -> DateHints:
    """The locale hints for numeric dates: the site's domain (URL, else an outlet written as a domain), then the
    page's language.

    >>> date_hints(url="https://www.example.com.au/news/1")
    DateHints(day_first=True, why='.au site')
    >>> date_hints(lang="en-US")
    DateHints(day_first=False, why='page language en-US')
    """
    rules = date_rules()
    for value in (url, outlet):
        host = _host(value)
        if not host:
            continue
        for ending in rules.day_first_domains:
            if host.endswith(ending):
                return DateHints(True, f"{ending} site")
        for ending in rules.month_first_domains:
            if host.endswith(ending):
                return DateHints(False, f"{ending} site")
    if lang:
        code = lang.strip().lower().replace("_", "-")
        if code in rules.month_first_languages:
            return DateHints(False, f"page language {lang}")
        if code in rules.day_first_languages or code.split("-")[0] in rules.day_first_languages:
            return DateHints(True, f"page language {lang}")
    return DateHints()


def _host(value: str | None) -> str:
    if not value:
        return ""
    value = value.strip().lower()
    if "://" in value:
        return urlparse(value).hostname or ""
    return value if re.fullmatch(r"[a-z0-9-]+(?:\.[a-z0-9-]+)+", value) else ""


def find_header_date(text: str, hints: DateHints | None = None) -> FoundDate | None:
    """The first date in a header value, also in numeric form ("07/10/2022 14:02 BST", "28.02.2022", "2022/10/07").

    An ambiguous numeric date is read by the first hint: dots (day first), a time zone or clock word beside it,
    then ``hints`` (the outlet's locale), else day first.

    >>> find_header_date("29/03/2022 7:48pm AEDT").iso
    '2022-03-29'
    >>> d = find_header_date("10/07/2022 9:30 AM EDT"); d.iso, d.how
    ('2022-10-07', 'month first: time zone EDT')
    >>> find_header_date("05/12/2024", DateHints(False, ".us site")).iso
    '2024-05-12'
    """
    found = find_header_dates(text, hints)
    return found[0] if found else None


def find_header_dates(text: str, hints: DateHints | None = None) -> list[FoundDate]:
    """Every date in a header line, in order, each labelled "published" or "updated" when a word before it says so
    ("Updated 30 May 2024 07:05 BST · First published 29 May 2024 18:20 BST")."""
    found: list[FoundDate] = []
    taken: list[tuple[int, int]] = []
    for rx in (ISO_RX, *_text_date_patterns(False), YMD_SLASH_RX, NUMERIC_RX):
        for m in rx.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            if rx is NUMERIC_RX:
                iso, how = _numeric_iso(m, text, hints)
            else:
                iso, how = _to_iso(m), ""
            if iso:
                found.append(FoundDate(iso, m.start(), m.end(), how))
                taken.append((m.start(), m.end()))
    return label_dates(text, sorted(found, key=lambda f: f.start))


def label_dates(text: str, dates: list[FoundDate]) -> list[FoundDate]:
    """``dates`` (in order of position in ``text``), each labelled "published" or "updated" by the words between
    it and the date before it."""
    rules = date_rules()
    labelled = []
    prev_end = 0
    for f in dates:
        before = text[prev_end:f.start]
        label = ""
        if rules.updated_words.search(before):
            label = "updated"
        elif rules.published_words.search(before):
            label = "published"
        labelled.append(FoundDate(f.iso, f.start, f.end, f.how, label))
        prev_end = f.end
    return labelled


def publication_date(dates: list[FoundDate]) -> FoundDate | None:
    """Of the dates of one header line, the publication date: one labelled published, else the first unlabelled,
    else the first (an update stamp alone still dates the article)."""
    for label in ("published", ""):
        for f in dates:
            if f.label == label:
                return f
    return dates[0] if dates else None


def _numeric_iso(m: re.Match, text: str, hints: DateHints | None) -> tuple[str | None, str]:
    a, b = int(m["a"]), int(m["b"])
    year = int(m["y"]) if len(m["y"]) == 4 else 2000 + int(m["y"])
    rules = date_rules()
    # a zone or clock word right after the date (and its time) is its own; elsewhere on the line it still hints
    near = text[m.end():m.end() + 24]
    if a > 12 or b > 12:
        day_first, why = a > 12, f"{max(a, b)} > 12"
    elif m["sep"] == ".":
        day_first, why = True, "dotted"
    elif z := rules.day_first_zone.search(near) or rules.day_first_zone.search(text):
        day_first, why = True, f"time zone {z[0]}"
    elif z := rules.month_first_zone.search(near) or rules.month_first_zone.search(text):
        day_first, why = False, f"time zone {z[0]}"
    elif hints is not None and hints.day_first is not None:
        day_first, why = hints.day_first, hints.why
    else:
        day_first, why = True, "no locale hint"
    day, month = (a, b) if day_first else (b, a)
    try:
        iso = dt.date(year, month, day).isoformat()
    except ValueError:
        return None, ""
    return iso, f"{'day' if day_first else 'month'} first: {why}"


def _to_iso(m: re.Match) -> str | None:
    g = m.groupdict()
    try:
        month = int(g["m"]) if g.get("m") else month_number(g["mon"])
        day = dt.date(int(g["y"]), month, int(g["d"]))
    except (KeyError, ValueError, TypeError):
        return None
    if g.get("H") is not None and "tz" in g:
        tz = g.get("tz") or ""
        if tz == "Z":
            tz = "+00:00"
        elif tz and ":" not in tz:
            tz = tz[:3] + ":" + tz[3:]
        return f"{day.isoformat()}T{int(g['H']):02d}:{g['M']}:{g.get('S') or '00'}{tz}"
    return day.isoformat()


def to_date(iso: str | None) -> dt.date | None:
    """The calendar date of an ISO string, or None."""
    if not iso:
        return None
    try:
        return dt.date.fromisoformat(iso[:10])
    except ValueError:
        return None


_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]


@functools.cache
def _relative_rx() -> re.Pattern:
    return re.compile(
        rf"\b(?:(?P<wd>mon|tues|wednes|thurs|fri|satur|sun)day"
        rf"|(?P<dm>{date_rules().english_month_rx})(?:\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?)?"
        rf"(?:\s*,?\s*(?P<year>(?:19|20)\d{{2}}))?"
        rf"|(?P<rel>yesterday|today|last (?:week|month|year)|this (?:week|month|year)|earlier this (?:week|month|year)"
        rf"|next (?:week|month|year))"
        rf"|(?P<y2>(?:19|20)\d{{2}}))\b",
        re.I,
    )


_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
            "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}
_AGO_RX = re.compile(r"\b(?P<n>\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+"
                     r"(?P<unit>years?|months?|weeks?|days?)\s+ago\b", re.I)


@dataclass(frozen=True)
class ResolvedDate:
    """A date phrase from a sentence and its value (ISO, as precise as the text)."""

    text: str
    value: str  # YYYY-MM-DD, YYYY-MM or YYYY
    precision: str  # day | month | year


def resolve_date(phrase: str, published: dt.date | None) -> ResolvedDate | None:
    """Resolve a date phrase against the publication date.

    Weekdays resolve to the most recent such day on or before publication; a
    month without a year to the latest such month not after publication.

    >>> resolve_date("on Wednesday", dt.date(2019, 11, 6)).value
    '2019-11-06'
    >>> resolve_date("in May", dt.date(2019, 9, 13)).value
    '2019-05'
    >>> resolve_date("last month", dt.date(2019, 9, 13)).value
    '2019-08'
    """
    ago = _AGO_RX.search(phrase)
    if ago and published is not None:
        word = ago.group("n").lower()
        n = int(word) if word.isdigit() else _NUMBERS[word]
        unit = ago.group("unit").lower()
        if unit.startswith("year"):
            return ResolvedDate(ago.group(0), f"{published.year - n:04d}", "year")
        if unit.startswith("month"):
            y, mo = divmod(published.year * 12 + published.month - 1 - n, 12)
            return ResolvedDate(ago.group(0), f"{y:04d}-{mo + 1:02d}", "month")
        days = n * (7 if unit.startswith("week") else 1)
        return ResolvedDate(ago.group(0), (published - dt.timedelta(days=days)).isoformat(), "day")
    m = _relative_rx().search(phrase)
    if not m:
        return None
    text = m.group(0)
    if m.group("y2"):
        return ResolvedDate(text, m.group("y2"), "year")
    if m.group("dm"):
        month = date_rules().english_months[m.group("dm").lower().rstrip(".")]
        year = int(m.group("year")) if m.group("year") else None
        if year is None:
            if published is None:
                return None
            year = published.year if month <= published.month else published.year - 1
        if m.group("day"):
            try:
                return ResolvedDate(text, dt.date(year, month, int(m.group("day"))).isoformat(), "day")
            except ValueError:
                return None
        return ResolvedDate(text, f"{year:04d}-{month:02d}", "month")
    if published is None:
        return None
    if m.group("wd"):
        target = [w[:3] for w in _WEEKDAYS].index(m.group("wd").lower()[:3])
        delta = (published.weekday() - target) % 7
        return ResolvedDate(text, (published - dt.timedelta(days=delta)).isoformat(), "day")
    rel = m.group("rel").lower()
    if rel == "yesterday":
        return ResolvedDate(text, (published - dt.timedelta(days=1)).isoformat(), "day")
    if rel == "today":
        return ResolvedDate(text, published.isoformat(), "day")
    if rel.endswith("month"):
        shift = -1 if rel.startswith("last") else (1 if rel.startswith("next") else 0)
        y, mo = divmod(published.year * 12 + published.month - 1 + shift, 12)
        return ResolvedDate(text, f"{y:04d}-{mo + 1:02d}", "month")
    if rel.endswith("year"):
        shift = -1 if rel.startswith("last") else (1 if rel.startswith("next") else 0)
        return ResolvedDate(text, f"{published.year + shift:04d}", "year")
    # weeks: resolve to the month of the week's start
    shift = -7 if rel.startswith("last") else (7 if rel.startswith("next") else 0)
    day = published + dt.timedelta(days=shift)
    return ResolvedDate(text, f"{day.year:04d}-{day.month:02d}", "month")

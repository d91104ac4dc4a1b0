"""Parsing and resolving dates found in article headers and sentences."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

MONTHS = {
    m: i + 1
    for i, names in enumerate(
        [
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
            ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
            ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"), ("december", "dec"),
        ]
    )
    for m in names
}
_MONTH_RX = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
ISO_RX = re.compile(
    r"(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})"
    r"(?:[T ](?P<H>\d{2}):(?P<M>\d{2})(?::(?P<S>\d{2})(?:\.\d+)?)?\s*(?P<tz>Z|[+-]\d{2}:?\d{2})?)?"
)
DMY_RX = re.compile(rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<mon>{_MONTH_RX})\s*,?\s*(?P<y>(?:19|20)\d{{2}})", re.I)
MDY_RX = re.compile(rf"\b(?P<mon>{_MONTH_RX})\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s*,?\s*(?P<y>(?:19|20)\d{{2}})", re.I)
TIME_RX = re.compile(r"\b(?P<H>\d{1,2}):(?P<M>\d{2})\s*(?P<ampm>[ap]\.?m\.?)?", re.I)


@dataclass(frozen=True)
class FoundDate:
    """A date found in a string: the ISO value and where it was."""

    iso: str  # YYYY-MM-DD or a full ISO 8601 date-time with offset
    start: int
    end: int


def find_date(text: str) -> FoundDate | None:
    """Find the first calendar date in ``text`` and normalise it to ISO 8601.

    >>> find_date("September 12, 2019").iso
    '2019-09-12'
    >>> find_date("Published at: 2019-11-06T19:05:00+00:00").iso
    '2019-11-06T19:05:00+00:00'
    """
    best: FoundDate | None = None
    for rx in (ISO_RX, DMY_RX, MDY_RX):
        m = rx.search(text)
        if not m or (best and m.start() >= best.start):
            continue
        iso = _to_iso(m, text)
        if iso:
            best = FoundDate(iso, m.start(), m.end())
    return best


NUMERIC_RX = re.compile(r"\b(?P<a>\d{1,2})[/.](?P<b>\d{1,2})[/.](?P<y>(?:19|20)\d{2})\b")
YMD_SLASH_RX = re.compile(r"\b(?P<y>(?:19|20)\d{2})/(?P<m>\d{1,2})/(?P<d>\d{1,2})\b")
# time zones of the Americas: an ambiguous 07/10/2022 beside one is month first
_US_ZONES = re.compile(r"\b(?:ET|EST|EDT|CT|CST|CDT|MT|MST|MDT|PT|PST|PDT)\b")


def find_header_date(text: str) -> FoundDate | None:
    """A date in a header value, also in numeric form ("07/10/2022 14:02 BST", "2022/10/07").

    Numeric dates are read day first (the form of most of the world's outlets) unless a
    part is over 12 or a US time zone is beside it. Only header values are read this way:
    in body text "1/2" is a fraction.
    """
    found = find_date(text)
    if found:
        return found
    if m := YMD_SLASH_RX.search(text):
        iso = _to_iso(m, text)
        if iso:
            return FoundDate(iso, m.start(), m.end())
    if m := NUMERIC_RX.search(text):
        a, b = int(m["a"]), int(m["b"])
        month_first = b > 12 or (a <= 12 and bool(_US_ZONES.search(text)))
        day, month = (b, a) if month_first else (a, b)
        try:
            iso = dt.date(int(m["y"]), month, day).isoformat()
        except ValueError:
            return None
        return FoundDate(iso, m.start(), m.end())
    return None


def _to_iso(m: re.Match, text: str) -> str | None:
    g = m.groupdict()
    try:
        month = int(g["m"]) if g.get("m") else MONTHS[g["mon"].lower().rstrip(".")]
        day = dt.date(int(g["y"]), month, int(g["d"]))
    except (KeyError, ValueError):
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
_REL_RX = re.compile(
    rf"\b(?:(?P<wd>mon|tues|wednes|thurs|fri|satur|sun)day"
    rf"|(?P<dm>{_MONTH_RX})(?:\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?)?(?:\s*,?\s*(?P<year>(?:19|20)\d{{2}}))?"
    rf"|(?P<rel>yesterday|today|last (?:week|month|year)|this (?:week|month|year)|earlier this (?:week|month|year)|next (?:week|month|year))"
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
    m = _REL_RX.search(phrase)
    if not m:
        return None
    text = m.group(0)
    if m.group("y2"):
        return ResolvedDate(text, m.group("y2"), "year")
    if m.group("dm"):
        month = MONTHS[m.group("dm").lower().rstrip(".")]
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

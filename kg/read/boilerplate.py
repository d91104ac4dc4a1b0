"""Boilerplate and page furniture removal: what belongs to the page around an article, not to the article.

The rules are data (``kg/knowledge/data/boilerplate.yaml``): lines that end the article, single junk lines,
teaser endings, and furniture by kind (:data:`FURNITURE_KINDS`): section labels and breadcrumbs, related and
most-read lists, share bars, photo credits and captions, newsletter boxes, link lists. In: the rendered lines
of an article body (:class:`~kg.read.markdown.TextLine`); out: the lines kept, and how many were dropped of
each kind.
"""
from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass

from kg.knowledge.lexicons import load_lexicon
from kg.read.markdown import TextLine

FURNITURE_KINDS = ("section label", "related list", "share bar", "photo credit", "newsletter box", "link list")


@dataclass(frozen=True)
class BoilerplateRules:
    cut_rest: tuple[re.Pattern, ...]
    drop_line: tuple[re.Pattern, ...]
    teaser_endings: tuple[str, ...]
    dateline: re.Pattern
    section_words: frozenset[str]
    related_lists: tuple[re.Pattern, ...]
    share_bars: tuple[re.Pattern, ...]
    photo_credits: tuple[re.Pattern, ...]
    newsletter_boxes: tuple[re.Pattern, ...]
    section_labels: tuple[re.Pattern, ...]
    link_list_max_words: int
    list_opener_verbs: frozenset[str] = frozenset()


@functools.lru_cache(maxsize=1)
def boilerplate_rules() -> BoilerplateRules:
    raw = load_lexicon("boilerplate.yaml")
    furniture = raw["furniture"]

    def compiled(patterns) -> tuple[re.Pattern, ...]:
        return tuple(re.compile(p, re.I) for p in patterns)

    return BoilerplateRules(
        cut_rest=compiled(raw["cut_rest"]),
        drop_line=compiled(raw["drop_line"]),
        teaser_endings=tuple(raw["teaser_endings"]),
        dateline=re.compile(raw["dateline"]),
        section_words=frozenset(w.lower() for w in raw["section_words"]),
        related_lists=compiled(furniture["related_lists"]),
        share_bars=compiled(furniture["share_bars"]),
        photo_credits=compiled(furniture["photo_credits"]),
        newsletter_boxes=compiled(furniture["newsletter_boxes"]),
        section_labels=compiled(furniture["section_labels"]),
        link_list_max_words=int(furniture["link_lists"].get("max_words", 14)),
        list_opener_verbs=frozenset(w.lower() for w in raw.get("list_opener_verbs", ())),
    )


def is_section_label(line: str, rules: BoilerplateRules) -> bool:
    """"Technology News", "World | Business": every word a section word."""
    words = [w.lower() for w in re.findall(r"[\w&'-]+", line)]
    return bool(words) and all(w in rules.section_words or w in ("&", "and") for w in words)


def is_teaser(line: str, rules: BoilerplateRules) -> bool:
    core = line.rstrip(" \"'”’)]")
    return any(core.endswith(e) for e in rules.teaser_endings)


def furniture_kind(tl: TextLine, rules: BoilerplateRules) -> str | None:
    """The kind of page furniture a line is (one of :data:`FURNITURE_KINDS` but "related list"), or None."""
    line = tl.text.strip()
    if not line:
        return None
    for kind, patterns in (("share bar", rules.share_bars), ("photo credit", rules.photo_credits),
                           ("newsletter box", rules.newsletter_boxes), ("section label", rules.section_labels)):
        if any(rx.search(line) for rx in patterns):
            return kind
    words = len(line.split())
    if words <= 4 and is_section_label(line, rules):
        return "section label"
    if tl.only_links and words <= rules.link_list_max_words and not re.search(r"[.!?]\s*[\"”’']?$", line) \
            and not re.match(r"by\s", line, re.I):  # "By [Jane Roe](/authors/jane-roe)" is a byline
        return "link list"
    return None


def opens_related_list(line: str, rules: BoilerplateRules) -> bool:
    """"Related", "Most read", "More from Markets", "You may also like": a heading over other stories."""
    return any(rx.search(line) for rx in rules.related_lists)


STAMP_LINE = re.compile(r"^(published|updated|posted)?\s*(\d+\s+(minutes?|mins?|hours?|hrs?|days?|weeks?)\s+ago|"
                        r"just now|yesterday)\s*$|^published$", re.I)


def is_related_item(tl: TextLine, rules: BoilerplateRules) -> bool:
    """A line of a related-stories list: a headline, a teaser, a list item, a link, a time stamp."""
    line = tl.text.strip()
    words = len(line.split())
    if tl.only_links or is_teaser(line, rules) or STAMP_LINE.match(line):
        return True
    if tl.list_item and words <= 30:
        return True
    return words <= 16 and not re.search(r"[.!?:;]\s*[\"”’']?$", line)


def remove_boilerplate(lines: list[TextLine]) -> tuple[list[str], int, Counter]:
    """Drop boilerplate and furniture lines; return (kept lines, number removed, removed lines by kind).

    Blank lines are kept as paragraph breaks and not counted. Kinds are those of :data:`FURNITURE_KINDS`,
    "end matter" (what a ``cut_rest`` line cuts off) and "boilerplate" (the other single lines).
    """
    rules = boilerplate_rules()
    kept: list[str] = []
    kinds: Counter = Counter()
    seen: set[str] = set()
    in_related = False
    after_image = False
    for i, tl in enumerate(lines):
        line = tl.text.strip()
        if not line:
            kept.append("")
            after_image = tl.images > 0  # an image line renders blank; a caption may follow it
            continue
        if any(rx.search(line) for rx in rules.cut_rest):
            kinds["end matter"] += sum(1 for rest in lines[i:] if rest.text.strip())
            break
        caption = after_image and tl.emphasised
        after_image = False
        if in_related and not tl.row and is_related_item(tl, rules):
            kinds["related list"] += 1
            continue
        in_related = False
        if opens_related_list(line, rules):
            in_related = True
            kinds["related list"] += 1
            continue
        if caption:
            kinds["photo credit"] += 1  # an italic caption under an image
            continue
        if kind := furniture_kind(tl, rules):
            kinds[kind] += 1
            continue
        if any(rx.search(line) for rx in rules.drop_line) or is_teaser(line, rules):
            kinds["boilerplate"] += 1
            continue
        norm = re.sub(r"\W+", " ", line).strip().lower()
        if norm in seen and len(norm) > 20:
            kinds["boilerplate"] += 1  # a standfirst repeated as the first paragraph
            continue
        seen.add(norm)
        kept.append(line)
    # A trailing run of headline-like lines (no closing punctuation) is a teaser list; a table's rows are not, nor a
    # list a line of the text opens with its colon ("The board now consists of:", then a name and title a line).
    rows = {tl.text.strip() for tl in lines if tl.row}
    j = len(kept)
    while j > 0 and (not kept[j - 1] or (headline_like(kept[j - 1]) and kept[j - 1] not in rows)):
        j -= 1
    opener = next((k for k in reversed(kept[:j]) if k), "")
    if opens_list(opener, rules):
        j = max(j, max((k + 1 for k, line in enumerate(kept) if line), default=0))  # the list is the text's own
    if dropped := sum(1 for k in kept[j:] if k):
        kinds["related list"] += dropped
    del kept[j:]
    return kept, sum(kinds.values()), kinds


def opens_list(line: str, rules: BoilerplateRules) -> bool:
    """A line of the text that opens a list with its colon: "The board now consists of:", "The five are:" (a verb of
    ``list_opener_verbs``); not a teaser list's title ("Top stories this week:", "Also on Baltic Energy Courier:")."""
    return line.endswith(":") and bool(set(re.findall(r"[a-z]+", line)) & rules.list_opener_verbs)


def headline_like(line: str) -> bool:
    return len(line.split()) <= 30 and not re.search(r"[.!?\"”’':;)]\s*$", line)

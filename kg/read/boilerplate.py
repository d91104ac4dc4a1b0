"""Boilerplate removal: section labels, related-story teasers, newsletter and login prompts, credits, wire lines.

The rules are data (``kg/knowledge/data/boilerplate.yaml``): exact lines, line patterns, teaser endings. In: the
lines of an article body; out: the lines kept and how many were dropped.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from kg.knowledge.lexicons import load_lexicon


@dataclass(frozen=True)
class BoilerplateRules:
    cut_rest: tuple[re.Pattern, ...]
    drop_line: tuple[re.Pattern, ...]
    teaser_endings: tuple[str, ...]
    dateline: re.Pattern
    section_words: frozenset[str]


@functools.lru_cache(maxsize=1)
def boilerplate_rules() -> BoilerplateRules:
    raw = load_lexicon("boilerplate.yaml")
    return BoilerplateRules(
        cut_rest=tuple(re.compile(p, re.I) for p in raw["cut_rest"]),
        drop_line=tuple(re.compile(p, re.I) for p in raw["drop_line"]),
        teaser_endings=tuple(raw["teaser_endings"]),
        dateline=re.compile(raw["dateline"]),
        section_words=frozenset(w.lower() for w in raw["section_words"]),
    )


def is_section_label(line: str, rules: BoilerplateRules) -> bool:
    """"Technology News", "World | Business": every word a section word."""
    words = [w.lower() for w in re.findall(r"[\w&'-]+", line)]
    return bool(words) and all(w in rules.section_words or w in ("&", "and") for w in words)


def is_teaser(line: str, rules: BoilerplateRules) -> bool:
    core = line.rstrip(" \"'”’)]")
    return any(core.endswith(e) for e in rules.teaser_endings)


def remove_boilerplate(lines: list[str]) -> tuple[list[str], int]:
    """Drop boilerplate lines; return (kept lines, number removed).

    Blank lines are kept as paragraph breaks and not counted.
    """
    rules = boilerplate_rules()
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
        if any(rx.search(line) for rx in rules.drop_line) or is_teaser(line, rules):
            removed += 1
            continue
        norm = re.sub(r"\W+", " ", line).strip().lower()
        if norm in seen and len(norm) > 20:
            removed += 1  # a standfirst repeated as the first paragraph
            continue
        seen.add(norm)
        kept.append(line)
    # A trailing run of headline-like lines (no closing punctuation) is a teaser list.
    while kept and (not kept[-1] or headline_like(kept[-1])):
        if kept[-1]:
            removed += 1
        kept.pop()
    return kept, removed


def headline_like(line: str) -> bool:
    return len(line.split()) <= 30 and not re.search(r"[.!?\"”’':;)]\s*$", line)

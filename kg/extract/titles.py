"""Job titles and the words around a person's name that may hold one.

``find_titles`` matches the titles of ``roles.yaml`` in a run of words (longest first); ``pre_window`` and
``post_window`` are the words before a name ("Indian Finance Minister X") and after its comma ("X, the
chief executive of Y") that :mod:`kg.extract.roles` reads a title from. A window never takes another
person's title: "Prime Minister A and B", "Prime Minister A, Foreign Minister B".
"""
from __future__ import annotations

import functools
import re

from kg.extract.common import roles_lexicon
from kg.extract.context import ExtractContext
from kg.nlp.registry import LocalEntity

_MAX_PRE = 9
_MAX_POST = 14
_STOP_POS = {"VERB", "AUX", "PRON", "SCONJ"}


@functools.lru_cache(maxsize=1)
def _titles() -> list[tuple[tuple[str, ...], list[str]]]:
    lex = roles_lexicon()["titles"]
    items = [(tuple(re.split(r"\s+", k.lower())), v) for k, v in lex.items()]
    return sorted(items, key=lambda kv: -len(kv[0]))


@functools.lru_cache(maxsize=1)
def _titles_by_first_word() -> dict[str, list[tuple[tuple[str, ...], list[str]]]]:
    """:func:`_titles` by their first word, longest first: a word is compared with its own few, not all 109."""
    out: dict[str, list] = {}
    for title, props in _titles():
        out.setdefault(title[0], []).append((title, props))
    return out


def find_titles(words: list[str]) -> list[tuple[int, int, list[str]]]:
    """Title matches (start, end, properties) in a list of lowercase words, longest first."""
    out = []
    i = 0
    while i < len(words):
        for title, props in _titles_by_first_word().get(words[i], ()):
            n = len(title)
            if tuple(words[i : i + n]) == title:
                out.append((i, i + n, props))
                i += n - 1
                break
        i += 1
    return out


def most_specific(props) -> list[str]:
    """The properties a title states, without those another of them implies ("president and chief executive":
    ceoOf, not also headOf)."""
    implies = roles_lexicon().get("implies") or {}
    implied = {q for p in props for q in implies.get(p, ())}
    return [p for p in dict.fromkeys(props) if p not in implied]


def head_role(ctx: ExtractContext, prop: str, word: str, org: LocalEntity) -> tuple[str, LocalEntity]:
    """The role a generic head word or verb states, by what is headed (``roles.yaml`` ``generic_heads``): the
    boss, chief or runner of a company is its chief executive ("Renault boss X", "X, who runs KCS"); the one
    who governs a country, or the chief executive of a territory, heads its government."""
    word = word.lower()
    heads = roles_lexicon().get("generic_heads") or {}
    if prop in ("headOf", "ceoOf") and org.type == "Country" and word in heads.get("of_country", ()):
        gov = ctx.gaz.government_of(org.gaz_id) if org.gaz_id else None
        return "headOf", (ctx.registry.add_gaz(gov.id) if gov is not None else org)
    if prop == "headOf" and org.type == "Company" and word in heads.get("of_company", ()):
        return "ceoOf", org
    return prop, org


def pre_window(ctx: ExtractContext, di: int, person: LocalEntity, start: int, sent_start: int) -> list:
    """The words before a person's name that may be their title ("Huawei founder", "Indian Finance Minister").

    Stops at a verb, at punctuation, after an article, and at another person's name: in
    "Prime Minister Boris Johnson and Rishi Sunak" the title is Johnson's alone.
    """
    doc = ctx.docs[di]
    toks = []
    i = start - 1
    honorifics = frozenset(roles_lexicon().get("honorifics") or ())
    while i >= sent_start and doc[i].lower_.rstrip(".") in honorifics:
        i -= 1  # "Kuwait's emir, Sheikh Nasser ...": the honorific the name was told without
    if i >= sent_start and doc[i].text == ",":
        i -= 1  # "Huawei's founder, Ren Zhengfei"
    while i >= sent_start and len(toks) < _MAX_PRE:
        t = doc[i]
        if t.pos_ in _STOP_POS and t.lower_ not in ("its", "their", "his", "her") and not _is_title_modifier(t):
            break
        if t.is_punct and t.text not in ("-", "&", "'s", "’s"):
            break
        other = ctx.entity_at(di, t)
        if other is not None and other.type == "Person" and other is not person:
            break
        toks.insert(0, t)
        if t.lower_ in ("the", "a", "an"):
            break
        i -= 1
    while toks and toks[0].lower_ in ("and", "or"):
        toks.pop(0)  # "... Merkel and French President Macron": the window starts after the conjunction
    if toks and doc[start - 1].text == "," and _after_another_name(ctx, di, person, toks[0].i, sent_start):
        return []  # "A, the defence minister, B, who ...": the title between commas is A's apposition
    return toks


def _after_another_name(ctx: ExtractContext, di: int, person: LocalEntity, i: int, sent_start: int) -> bool:
    """Whether ", <another person's name>" comes right before token ``i``."""
    doc = ctx.docs[di]
    if i - 2 < sent_start or doc[i - 1].text != ",":
        return False
    other = ctx.entity_at(di, doc[i - 2])
    return other is not None and other.type == "Person" and other is not person


@functools.lru_cache(maxsize=1)
def _one_word_titles() -> frozenset[str]:
    return frozenset(title[0] for title, _ in _titles() if len(title) == 1)


def _is_title_modifier(tok) -> bool:
    """A one-word title that modifies the name after it, whatever its part of speech: in "handing
    control to chairman Mark Chen" the tagger reads "to chairman" as an infinitive."""
    return tok.lower_ in _one_word_titles() and tok.dep_ in ("compound", "amod", "nmod") and tok.head.i > tok.i


def _title_follows(doc, i: int, sent_end: int) -> bool:
    """Whether a job title starts at token ``i`` (after an optional "and")."""
    words = [doc[j].lower_.rstrip(".") for j in range(i, min(i + 5, sent_end))]
    if words and words[0] in ("and", "&"):
        words = words[1:]
    found = find_titles(words)
    return bool(found) and found[0][0] == 0


def post_window(doc, end: int, sent_end: int, seps: tuple[str, ...] = (",",)) -> list:
    """The words after a name that may be its title: after its comma (or one of ``seps``: a list line's "--"), or
    its "from/at/of" phrase."""
    if end >= sent_end:
        return []
    first = doc[end]
    if first.text in seps:
        toks = []
        i = end + 1
        while i < sent_end and len(toks) < _MAX_POST:
            if doc[i].text == "," and _title_follows(doc, i + 1, sent_end):
                toks.append(doc[i])  # "SoftBank's founder, chairman and chief executive"
                i += 1
                continue
            if doc[i].text in (",", ";", "(", ")", "—", "–"):
                break
            if doc[i].tag_ in ("WP", "WDT") and toks:
                break  # ", a Republican commissioner who opposed the order": the clause is about them
            if doc[i].pos_ in ("VERB", "AUX") and doc[i].dep_ not in ("amod", "compound"):
                return []  # a clause, not an apposition
            toks.append(doc[i])
            i += 1
        return toks
    if first.lower_ in ("from", "at", "of"):
        toks = []
        i = end
        while i < sent_end and len(toks) < 8 and not doc[i].is_punct:
            toks.append(doc[i])
            i += 1
        return toks
    return []


def own_window(ctx: ExtractContext, di: int, person: LocalEntity, window) -> list:
    """The words after a name's comma that are its own: up to the title words that lead up to the next
    person's name ("Prime Minister A, Foreign Minister B": none; "A, the chief executive and the daughter of
    founder B": not "founder"), or to a word of kin or standing before "of" ("A, the son of a GRU officer", "A, a
    critic of the FSB officers": not theirs; roles.yaml kin_nouns)."""
    kin = frozenset(roles_lexicon().get("kin_nouns") or ())
    for k, t in enumerate(window):
        if t.lemma_.lower() in kin and k + 1 < len(window) and window[k + 1].lower_ in ("of", "to", "for"):
            return list(window[:k])  # "A, the son of a GRU officer": the officer is someone else
        other = ctx.entity_at(di, t)
        if other is not None and other.type == "Person" and other is not person:
            if window[0].is_title and not any(w.pos_ == "DET" for w in window[:k]):
                return []  # "A, Assistant Secretary of State for Asian and Pacific Affairs B": B's title, all of it
            j = k
            while j > 0 and window[j - 1].pos_ not in ("ADP", "DET", "CCONJ", "PUNCT", "VERB", "AUX", "PRON", "PART"):
                j -= 1
            return list(window[:j])
    return list(window)

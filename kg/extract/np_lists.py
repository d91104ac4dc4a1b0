"""Entities a plural noun phrase stands for when no name is its head: the names a counted noun announces ("two
other defence contractors, Huntington Ingalls and Edge Autonomy", "froze the assets of three generals: A, B and C"),
and the people a definite counted group points back to ("the two men", "both executives", "the pair": the people
named just before it). Read on the surface, where the parser often hangs the names elsewhere. Used by
:func:`kg.extract.common.entities_of_np`; imports nothing that resolves entities.
"""
from __future__ import annotations

import functools

from kg.extract.context import ExtractContext
from kg.knowledge.lexicons import load_lexicon
from kg.nlp.registry import LocalEntity


def counted_list(ctx: ExtractContext, di: int, noun) -> list[LocalEntity]:
    """"two other defence contractors, Huntington Ingalls and Edge Autonomy", "froze the assets of three generals:
    defence minister A, B and his deputy C": the names a counted plural noun announces after its comma or after
    a colon later on its line, read on the surface (the parser often hangs them elsewhere, and may start a new
    sentence at the colon). The list must run to the end of the sentence (or of the line, after a colon)."""
    doc = noun.doc
    end = noun.sent.end
    if noun.tag_ != "NNS" or not any(c.dep_ == "nummod" for c in noun.children):
        return []
    colon = _colon_after(noun)
    if colon is not None:
        return _colon_items(ctx, di, doc, colon + 1, _line_end(doc, colon))
    # "31 organisations, among them X": the list after the noun's comma or after a member cue later in its
    # clause ("added 31 organisations to its list, including X and Y")
    # (a cue may come after a longer clause: "banned eight officials from ... from entering the country, among them")
    comma = next((k for k in range(noun.i + 1, end - 1) if doc[k].text == "," and (
        (k == noun.i + 1 and k < noun.i + 12) or member_cue(doc, k + 1, end))), None)
    if comma is None:
        return []
    out: list[LocalEntity] = []
    i = comma + 1 + len(member_cue(doc, comma + 1, end))
    while i < end:
        t = doc[i]
        ent = ctx.entity_at(di, t)
        if t.text == "(":  # "Yangtze Memory Technologies (YMTC)": an aside is passed over
            close = next((k for k in range(i + 1, min(i + 8, end)) if doc[k].text == ")"), None)
            if close is None:
                return []
            i = close + 1
            continue
        if ent is not None:
            if ent not in out:
                out.append(ent)
        elif t.text == "," and out and out[-1].type == "Person" and doc[i + 1].lower_ in ("the", "a", "an"):
            # "A, the president of the European Parliament, and B": a member's description is passed over
            i = next((k for k in range(i + 1, min(i + 16, end)) if doc[k].text == "," or doc[k].lower_ == "and"), end)
            continue
        elif t.text == "," and out and ctx.entity_at(di, doc[i + 1]) is None and doc[i + 1].lower_ != "and":
            break  # "..., A and B, in response to ...": the list ends at its comma
        elif not (t.text in (",", ".", ";") or t.lower_ in ("and", "&")):
            return []
        i += 1
    return out


def _colon_after(noun) -> int | None:
    """The colon that ends a counted noun's clause on its line ("the assets of three generals in the cabinet
    on 18 February: ..."), with no verb between them but in the noun's own phrase; else None."""
    doc = noun.doc
    own = {t.i for t in noun.subtree}
    for k in range(noun.i + 1, min(noun.i + 25, len(doc))):
        t = doc[k]
        if t.text == ":":
            return k
        if "\n" in t.text or t.text in (".", ";", "?", "!") or (t.pos_ in ("VERB", "AUX") and k not in own):
            return None
    return None


def _line_end(doc, colon: int) -> int:
    """The end of the line a colon is on, past the sentence breaks the parser may put on it."""
    k = colon + 1
    while k < len(doc) and "\n" not in doc[k].text and "\n" not in doc[k - 1].whitespace_:
        k += 1
    return k


def _colon_items(ctx: ExtractContext, di: int, doc, start: int, end: int) -> list[LocalEntity]:
    """The named members of a list after a colon, one per item ("defence minister Mya Tun Oo, Soe Htut and his
    deputy Than Hlaing": the first name of each item separated by commas, semicolons or "and"); an item without
    a name the model knows is passed over, and a verb anywhere makes the text a sentence, not a list ([])."""
    out: list[LocalEntity] = []
    item: LocalEntity | None = None
    depth = 0
    for t in doc[start:end]:
        depth += (t.text == "(") - (t.text == ")")
        if depth > 0 or t.text == ")":
            continue
        if t.pos_ in ("VERB", "AUX") and not (t.tag_ == "VBN" and t.dep_ != "ROOT" and not any(
                c.dep_ in ("aux", "auxpass", "nsubj", "nsubjpass") for c in t.children)):
            return []  # "all state-controlled" describes an item; "A and B were hit" is a sentence
        if t.text in (",", ";", "&") or t.lower_ == "and":
            item = None
            continue
        ent = ctx.entity_at(di, t)
        if ent is not None and t.i + 1 < end and doc[t.i + 1].lower_ in ("'s", "’s"):
            continue  # "Petrov's associates Oleg Sidorov": the owner is no member
        if item is None and ent is not None and ent.type in _ITEM_TYPES:
            item = ent
            if ent not in out:
                out.append(ent)
    return out


_ITEM_TYPES = ("Person", "Company", "Organization", "GovernmentBody", "Country")


@functools.lru_cache(maxsize=1)
def _member_cues() -> tuple[tuple[str, ...], ...]:
    """``relations.yaml``'s member cues as word tuples, longest first."""
    cues = load_lexicon("relations.yaml").get("member_cues", ())
    return tuple(sorted((tuple(c.lower().split()) for c in cues), key=len, reverse=True))


def member_cue(doc, i: int, end: int) -> tuple[str, ...]:
    """The member cue ("including", "among them") starting at token ``i`` (before ``end``), else ()."""
    words = tuple(t.lower_ for t in doc[i : min(i + 3, end)])
    return next((c for c in _member_cues() if words[: len(c)] == c), ())


_COUNTS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "2": 2, "3": 3, "4": 4, "5": 5, "6": 6}
_PAIRS = {"pair": 2, "duo": 2, "trio": 3}
# words after a group that say which group it is, whatever the parser hung them on ("the two men at the helm of X")
_QUALIFIERS = frozenset({"at", "of", "in", "from", "with", "on", "behind", "who", "whom", "that", "which", "whose"})


@functools.lru_cache(maxsize=1)
def people_nouns() -> frozenset[str]:
    """Nouns for people and groups of people (``class_nouns.yaml``: Person and person_groups)."""
    lex = load_lexicon("class_nouns.yaml")
    return frozenset(str(w) for w in [*lex.get("Person", ()), *lex.get("person_groups", ())])


def group_named_before(ctx: ExtractContext, di: int, noun) -> list[LocalEntity]:
    """"froze the two men's assets", "the pair", "both executives": a definite group of people counted by a number
    (two to six), "both", "pair" or "trio", when no name follows it, stands for the people the nearest sentence that
    names any names (this one before it, or one of the two before), when it names exactly that many."""
    lemma = noun.lemma_.lower()
    if noun.pos_ != "NOUN" or ctx.entity_at(di, noun) is not None:
        return []
    dets = {c.lower_ for c in noun.children if c.dep_ in ("det", "predet", "nummod", "quantmod")}
    count = _PAIRS.get(lemma) if "the" in dets else None
    if count is None and lemma in people_nouns() and noun.tag_ == "NNS":
        count = 2 if "both" in dets else next((_COUNTS[d] for d in dets if d in _COUNTS), None) if "the" in dets else None
    after = noun.doc[noun.i + 1].lower_ if noun.i + 1 < len(noun.doc) else ""
    if count is None or any(c.dep_ in ("appos", "prep", "relcl", "acl") for c in noun.children) or after in _QUALIFIERS:
        return []  # "the two men, A and B" (named there), "the two men at the helm of X" (another group)
    # the people of the nearest sentence that names any, when it names exactly that many ("A, B and C were named.
    # The EU froze the two men's assets": which two is not said)
    for sent in [noun.doc[noun.sent.start : noun.i], *reversed(ctx.sentences_before(di, noun.sent.start, 2))]:
        people: list[LocalEntity] = []
        for t in sent:
            e = ctx.entity_at(di, t)
            if e is not None and e.type == "Person" and e not in people:
                people.append(e)
        if people:
            return people if len(people) == count else []
    return []

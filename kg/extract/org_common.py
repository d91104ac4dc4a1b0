"""What the organisation extractors share: their lexicon (``kg/knowledge/data/relations.yaml``), company nouns, and
the organisations a noun or a list of names denotes in a sentence.
"""
from __future__ import annotations

import functools

from kg.extract.common import entity_of_token, member_cue, subject_of
from kg.extract.context import ExtractContext
from kg.knowledge.lexicons import load_lexicon
from kg.nlp.descriptions import class_nouns
from kg.nlp.registry import LocalEntity

COMPANY_LIKE = ("Company", "Organization")


@functools.lru_cache(maxsize=1)
def org_lexicon() -> dict:
    return load_lexicon("relations.yaml")


@functools.lru_cache(maxsize=1)
def company_nouns() -> frozenset[str]:
    """Nouns that describe a company: ``relations.yaml``'s and the Company class nouns of ``class_nouns.yaml``
    ("Britvic, the soft drinks maker"; "Luqing, a refinery in eastern China")."""
    return frozenset(org_lexicon()["company_nouns"]) | frozenset(
        n for n, cls in class_nouns().items() if cls == "Company")


def org_of_noun(ctx: ExtractContext, di: int, noun) -> LocalEntity | None:
    """The organisation a company noun describes: "ByteDance, the Beijing-based owner of TikTok",
    "DJI is a Shenzhen-based company", "the Chinese company Huawei".

    The name the noun is in apposition to, or the copula's subject, comes first: in "Petrobras, Brazil's
    biggest oil company" the superlative would otherwise make the noun the paragraph's topic.
    """
    ent = None
    if noun.dep_ == "appos":
        ent = entity_of_token(ctx, di, noun.head, allow_pronouns=False)
    elif noun.dep_ == "attr" and noun.head.lemma_ == "be":
        subj = subject_of(noun.head)
        ent = entity_of_token(ctx, di, subj) if subj is not None else None
    if ent is None or ent.type not in COMPANY_LIKE:
        ent = entity_of_token(ctx, di, noun, allow_pronouns=False)
    return ent if ent is not None and ent.type in COMPANY_LIKE else None


def gaz_country(ctx: ExtractContext, ent: LocalEntity) -> str | None:
    return ctx.gaz.entries[ent.gaz_id].country if ent.gaz_id else None


def entity_end(ctx: ExtractContext, di: int, i: int, end: int) -> int:
    """The index after the name whose token is at ``i`` (a name's tokens are contiguous)."""
    ent = ctx.entity_at(di, ctx.docs[di][i])
    while i < end and ctx.entity_at(di, ctx.docs[di][i]) is ent:
        i += 1
    return i


def names_conjoined(ctx: ExtractContext, di: int, end: int, sent_end: int) -> list[LocalEntity]:
    """Organisations named right after a name ending at ``end``, joined by "and" or commas
    ("China's Huawei and ZTE", "Chinese firms Huawei, ZTE and Hikvision"); none with words of their own."""
    doc = ctx.docs[di]
    out: list[LocalEntity] = []
    i = end
    while i + 1 < sent_end and doc[i].lower_ in (",", "and", "&"):
        j = i + 1 if not (doc[i].text == "," and doc[i + 1].lower_ == "and") else i + 2
        ent = ctx.entity_at(di, doc[j]) if j < sent_end else None
        if ent is None or ent.type not in COMPANY_LIKE:
            break
        after = entity_end(ctx, di, j, sent_end)
        if after < sent_end and doc[after].lower_ in ("'s", "’s"):
            break  # "Russia's Gazprom, Rosneft's rival": a possessor, not another of the list
        out.append(ent)
        i = after
    return out


def listed_after(ctx: ExtractContext, di: int, noun, sent_end: int) -> list[LocalEntity]:
    """Organisations listed after a plural noun and a cue ("..., including drone maker DJI (...)",
    "lenders, above all Sberbank and the state bank VTB"); descriptive words between the names are passed over."""
    doc = ctx.docs[di]
    i = noun.i + 1
    if i < sent_end and doc[i].text == ",":
        i += 1
    cue = member_cue(doc, i, sent_end)
    if not cue:
        return []
    i += len(cue)
    out: list[LocalEntity] = []
    while i < sent_end:
        t = doc[i]
        ent = ctx.entity_at(di, t)
        if ent is not None:
            after = entity_end(ctx, di, i, sent_end)
            if ent.type not in COMPANY_LIKE or (after < sent_end and doc[after].lower_ in ("'s", "’s")):
                break  # "including Apple's suppliers": not a member
            if ent not in out:
                out.append(ent)
            i = after
            continue
        if t.text in (",", "(", ")") or t.lower_ in ("and", "or", "&") or t.pos_ == "DET" or (
                t.pos_ in ("NOUN", "ADJ", "PROPN", "NUM") and t.text[:1].islower()):
            i += 1
            continue
        break
    return out


def done_tense(verb) -> bool:
    """A verb told as done: a past tense ("bought") or a perfect ("has bought"); not "buys", "will buy"."""
    return verb.tag_ == "VBD" or (verb.tag_ == "VBN" and any(c.dep_ == "aux" and c.lemma_ == "have"
                                                             for c in verb.children))

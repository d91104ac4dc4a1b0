"""The organisation a title names: a country's government or ministry, a department, a party, a body of a kind.

A role title (``Foreign Minister``, ``Secretary of State``, ``commissioner``, ``spokesperson``) often names no
organisation; these helpers find the body it belongs to from the country in the window, the article's main
country, the gazetteer's ministries and portfolios (``kg/knowledge/data/gazetteer/ministries.yaml``) and the
title-to-body lexicons in ``kg/knowledge/data/roles.yaml``. Used by :mod:`kg.extract.roles`.
"""
from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from kg.errors import DataError
from kg.extract.common import roles_lexicon
from kg.extract.context import LOOKBACK, ORG_TYPES, ExtractContext
from kg.extract.facts import Relation
from kg.knowledge.gazetteer import normalize_name
from kg.nlp.descriptions import class_nouns
from kg.nlp.registry import LocalEntity


def nearby_country_gov(ctx: ExtractContext, di: int, sent, anchor) -> LocalEntity | None:
    """The government of the country named nearest to ``anchor`` in its sentence, else in the one before.

    "President Trump signed an order placing Huawei on the US entity list" -> the US government.
    """
    cid = nearby_country(ctx, di, sent, anchor)
    gov = ctx.gaz.government_of(cid) if cid else None
    return ctx.registry.add_gaz(gov.id) if gov else None


def nearby_country(ctx: ExtractContext, di: int, sent, anchor) -> str | None:
    """The country named nearest before ``anchor`` in its sentence, else in the sentence before."""
    return next(nearby_countries(ctx, di, sent, anchor), None)


def nearby_countries(ctx: ExtractContext, di: int, sent, anchor) -> Iterator[str]:
    """Countries a title with no country may belong to, best first: the one named nearest before
    ``anchor`` in its sentence, the nearest after it in its sentence, the one that acts in the sentence before, the
    nearest in the sentence before; never a country that acts on the title's
    holder in the sentence ("The United States put President X under ..."). Not the article's dominant country:
    in a story about another country's measures it is too often the wrong one ("Foreign Minister X" in a story
    about Russia's bans on Japanese officials); no country is better than a wrong one."""
    doc = ctx.docs[di]
    acting = {cid for i in _acts_on(anchor) if (cid := country_in(ctx, di, [doc[i]]))}
    # a government body that bans or sanctions the holder is another country's ("Moscow's foreign ministry banned
    # 62 Japanese, among them Foreign Minister X")
    acting |= {cid for i in _acts_on(anchor, _against_words()) if (cid := body_country(ctx, di, doc[i]) or (
        country_in(ctx, di, [c for c in doc[i].children if c.dep_ == "poss"])
        if doc[i].lower_ in _GOVERNMENT_WORDS else None))}
    return (cid for cid in _nearby_countries(ctx, di, sent, anchor) if cid not in acting)


def _modifiers_before(toks, first: int) -> list:
    """The words right before a title that belong to it ("India's", "the Indian", "Australian Trade"): the run of
    at most four modifiers before it, not the clause before ("Moscow's ministry banned 62 Japanese, among them
    Foreign Minister X": Moscow is not the title's)."""
    k = first
    while k > 0 and first - k < 4 and (toks[k - 1].pos_ in ("PROPN", "ADJ", "DET", "NOUN", "PART")
                                       or toks[k - 1].lower_ in ("'s", "’s")) and toks[k - 1].dep_ != "pobj":
        k -= 1
    return list(toks[k:first])


_GOVERNMENT_WORDS = frozenset({"ministry", "government", "authorities", "administration", "cabinet", "kremlin"})


@functools.lru_cache(maxsize=1)
def _against_words() -> frozenset[str]:
    return frozenset(roles_lexicon().get("verbs_against_holder", ()))


def _nearby_countries(ctx: ExtractContext, di: int, sent, anchor) -> Iterator[str]:
    doc = ctx.docs[di]
    windows = [doc[sent.start : anchor.i]]  # before the title only: "... Chinese President Xi" is Xi's
    windows += [None, *ctx.sentences_before(di, sent.start, 1)]  # None: after the title, in its own sentence
    for n, window in enumerate(windows):
        if window is None:
            after = _country_after_title(ctx, di, sent, anchor)
            if after:
                yield after
            continue
        best = None
        for t in window:
            cid = None if _nationality(ctx, di, t) else country_in(ctx, di, [t])
            if cid and (best is None or abs(t.i - anchor.i) < best[0]):
                best = (abs(t.i - anchor.i), cid)
        if n > 0:
            # in the sentence before, the country that acts ("India banned 59 Chinese apps") wins
            # over the nearest one
            actor = next((cid for t in window if t.dep_ in ("nsubj", "nsubjpass")
                          and (cid := country_in(ctx, di, [t]) or body_country(ctx, di, t))), None)
            if actor:
                yield actor
        if best:
            yield best[1]


def _country_after_title(ctx: ExtractContext, di: int, sent, anchor) -> str | None:
    """The nearest country after the title in its own sentence ("Foreign Minister X defended Australia's decision",
    "Minister of Justice X of Canada"): the title's own sentence says more than the sentence before it."""
    doc = ctx.docs[di]
    # only a country that acts or owns there, or the title's "of" ("said Australia would", "defended Australia's
    # decision", "X of Canada"); not one the holder visits, blames or travels to ("would visit Australia")
    return next((cid for t in doc[anchor.i + 1 : sent.end]
                 if (t.dep_ in ("nsubj", "nsubjpass", "poss") or (t.dep_ == "pobj" and t.head.lower_ == "of"))
                 and (cid := None if _nationality(ctx, di, t) else country_in(ctx, di, [t]))), None)


def country_in(ctx: ExtractContext, di: int, toks) -> str | None:
    for t in toks:
        ent = ctx.entity_at(di, t)
        if ent is not None and ent.gaz_id:
            entry = ctx.gaz.entries[ent.gaz_id]
            if entry.type == "Country":
                return entry.id
            if entry.id.endswith("-government") and entry.country:
                return entry.country
        if t.ent_id_.startswith(("demonym:", "capital:")) and getattr(ent, "type", None) != "Person":
            return t.ent_id_.split(":", 1)[1]  # "Canadian", "In Ottawa, Foreign Minister X ..." (not "Santiago Peña")
    return None


def possessed_country(ctx: ExtractContext, di: int, toks, start: int, end: int) -> LocalEntity | None:
    """The country whose title ``toks[start:end]`` is, by a possessive right before it or an "of" right after it:
    "Hong Kong's (new) chief executive", "the governor of Texas"; not "Russia's spy chief", "governor of Japan's
    central bank", a nationality ("a Russian chief executive") nor a country merely near the title."""
    mods = frozenset(roles_lexicon()["title_modifiers"])
    k = start - 1
    while k >= 0 and toks[k].lower_ in mods:
        k -= 1
    if k >= 1 and toks[k].lower_ in ("'s", "’s", "'"):
        ent = ctx.entity_at(di, toks[k - 1])
        if ent is not None and ent.type == "Country":
            return ent
    if end < len(toks) and toks[end].lower_ == "of":
        pobj = next((c for c in toks[end].children if c.dep_ == "pobj"), None)
        ent = ctx.entity_at(di, pobj) if pobj is not None else None
        if ent is not None and ent.type == "Country" and not any(c.dep_ == "case" for c in pobj.children):
            return ent
    return None


def _acts_on(anchor, verbs: frozenset[str] | None = None) -> set[int]:
    """Token indices of the subjects of the verbs (of ``verbs``, if given) whose object ``anchor`` is in: "The United
    States put President X under sanctions" (the US acts on X; it is not X's country)."""
    out: set[int] = set()
    t, via = anchor, None
    for _ in range(12):
        if t.dep_ in ("ccomp", "xcomp", "advcl", "relcl", "nsubj", "nsubjpass", "csubj") or t.head.i == t.i:
            break
        via, t = t.dep_ if via is None or t.dep_ in ("dobj", "obj", "dative", "pobj") else via, t.head
        if t.pos_ in ("VERB", "AUX") and via in ("dobj", "obj", "dative", "pobj") and (
                verbs is None or t.lemma_.lower() in verbs):
            # the subject itself, a country's name ("The United States put ..."), not a possessor of it ("France's
            # parliament confirmed Prime Minister X": France is X's country)
            out |= {x.i for c in t.children if c.dep_ in ("nsubj", "nsubjpass")
                    for x in (c, *(g for g in c.children if g.dep_ in ("compound", "flat")))}
    return out


def _nationality(ctx: ExtractContext, di: int, tok) -> bool:
    """A demonym that says a person's nationality ("a Russian national", "the Russian hacker X"): it names
    no government a title in the next sentence could belong to."""
    if not tok.ent_id_.startswith("demonym:") or tok.dep_ not in ("amod", "compound", "nmod"):
        return False
    head = ctx.entity_at(di, tok.head)
    return (head is not None and head.type == "Person") or class_nouns().get(tok.head.lemma_.lower()) == "Person"


def country_after(ctx: ExtractContext, di: int, toks, end: int) -> str | None:
    """The country an "of"/"for" phrase right after a title names ("a former justice minister of the Gambia")."""
    if end < len(toks) and toks[end].lower_ in ("of", "for"):
        return country_in(ctx, di, toks[end + 1 : end + 4])
    return None


def body_country(ctx: ExtractContext, di: int, tok) -> str | None:
    """The country of the government body a subject names, or of its possessor ("Japan's Ministry of Economy,
    Trade and Industry said ...")."""
    ent = ctx.entity_at(di, tok)
    if ent is not None and ent.type == "GovernmentBody" and ent.gaz_id and ctx.gaz.entries[ent.gaz_id].country:
        return ctx.gaz.entries[ent.gaz_id].country
    return country_in(ctx, di, [c for c in tok.children if c.dep_ == "poss"]) if ent is not None and \
        ent.type == "GovernmentBody" else None


def department(ctx: ExtractContext, words: list[str], country: str | None) -> LocalEntity | None:
    lex = roles_lexicon()
    w = " ".join(words)
    hits = set()
    for shape in lex["department_name_shapes"]:
        for gid in ctx.gaz.by_alias.get(normalize_name(shape.format(w=w)), ()):
            entry = ctx.gaz.entries[gid]
            if entry.type == "GovernmentBody" and (country is None or entry.country == country):
                hits.add(gid)
    if len(hits) != 1:
        return None
    return ctx.registry.add_gaz(next(iter(hits)))


@functools.lru_cache(maxsize=1)
def department_head_titles() -> dict[str, list[str]]:
    """``department_head_titles`` of roles.yaml: country id (or "default") -> titles of its department heads."""
    heads = roles_lexicon().get("department_head_titles")
    if not isinstance(heads, dict) or "default" not in heads or not all(
        isinstance(v, list) and all(isinstance(t, str) for t in v) for v in heads.values()
    ):
        raise DataError("kg/knowledge/data/roles.yaml: department_head_titles must map 'default' and country ids to lists of titles")
    return heads


@functools.lru_cache(maxsize=1)
def deputy_words() -> frozenset[str]:
    """``deputy_words`` of roles.yaml."""
    words = roles_lexicon().get("deputy_words")
    if not isinstance(words, list) or not all(isinstance(w, str) and w for w in words):
        raise DataError("kg/knowledge/data/roles.yaml: deputy_words: not a list of non-empty strings")
    return frozenset(w.lower() for w in words)


def portfolio_span(gaz, words: list[str], title: tuple[int, int, list[str]]) -> tuple[int, int] | None:
    """Where a minister's portfolio is named next to the title: "Finance Minister", "Minister of Finance"."""
    start, end, _ = title
    for k in (3, 2, 1):  # "Foreign Affairs Minister" before "Affairs Minister"
        if start - k >= 0 and " ".join(words[start - k : start]) in gaz.portfolio_words:
            return start - k, start
    if end < len(words) and words[end] in ("of", "for"):
        j = end + 1 + (end + 1 < len(words) and words[end + 1] == "the")
        for k in (3, 2, 1):
            if j + k <= len(words) and " ".join(words[j : j + k]) in gaz.portfolio_words:
                return j, j + k
    return None


def department_ministry(ctx: ExtractContext, di: int, person: LocalEntity, toks, words: list[str],
              title: tuple[int, int, list[str]], sent, *, before: bool) -> tuple[LocalEntity | None, str] | None:
    """The ministry a minister's or secretary's title names, and the title as written.

    None when the title names no portfolio; (None, title) when it does but no country or
    department can be told (then nothing is said: "Foreign Minister X" alone names no country).

    "Indian Finance Minister X" -> Ministry of Finance (India), "Finance Minister"; the country
    is the one named in the title, else (for ministers everywhere, for secretaries only in
    the countries whose ministers are secretaries) the one named nearby or the article's
    dominant country; a secretary's department is else the one gazetteer department of
    that name ("Foreign Secretary" -> the Foreign Office).
    """
    gaz = ctx.gaz
    span = portfolio_span(gaz, words, title)
    if span is None:
        return None
    portfolio = gaz.portfolio_words[" ".join(words[span[0] : span[1]])]
    named = toks[span[0] : span[1]]
    for t in toks:
        ent = ctx.entity_at(di, t)
        if ent is not None and ent.type in ORG_TYPES and ent is not person and not (t in named and not ent.gaz_id):
            return None  # a named organisation's own title: "US Treasury Secretary", "Huawei's finance director"
    first, last = min(span[0], title[0]), max(span[1], title[1])
    title_text = " ".join(t.text for t in toks[first:last])
    title_word = " ".join(words[title[0] : title[1]])
    country = country_in(ctx, di, _modifiers_before(toks, first)) or country_after(ctx, di, toks, last)
    if country is None:
        heads = department_head_titles()
        country = next((c for c in nearby_countries(ctx, di, sent, toks[-1] if before else toks[0])
                        if title_word in heads.get(c, heads["default"])), None)
        if country is None and title_word not in heads["default"]:
            return department(ctx, [t.text for t in named], None), title_text  # "Foreign Secretary": the Foreign Office
    entry = gaz.ministry_of(country, portfolio) if country else None
    return (ctx.registry.add_gaz(entry.id) if entry else None), title_text


@functools.lru_cache(maxsize=1)
def portfolio_titles() -> dict[str, tuple[str, frozenset[str]]]:
    """``portfolio_titles`` of roles.yaml: title -> (portfolio id, countries where the title names it)."""
    raw = roles_lexicon().get("portfolio_titles") or {}
    out = {}
    for title, spec in raw.items():
        if not isinstance(spec, dict) or not isinstance(spec.get("portfolio"), str) or not isinstance(
                spec.get("countries"), list) or not all(isinstance(c, str) for c in spec["countries"]):
            raise DataError(f"kg/knowledge/data/roles.yaml: portfolio_titles: {title!r} needs a portfolio and a list of countries")
        out[title.lower()] = (spec["portfolio"], frozenset(spec["countries"]))
    return out


@functools.lru_cache(maxsize=1)
def title_bodies() -> dict[str, tuple[str, ...]]:
    """``title_bodies`` of roles.yaml: title -> words of the names of the bodies it is held in."""
    raw = roles_lexicon().get("title_bodies") or {}
    if not all(isinstance(v, list) and all(isinstance(w, str) and w for w in v) for v in raw.values()):
        raise DataError("kg/knowledge/data/roles.yaml: title_bodies must map titles to lists of words")
    return {k.lower(): tuple(w.lower() for w in v) for k, v in raw.items()}


def titled_ministry(ctx: ExtractContext, di: int, toks, words: list[str], title: tuple[int, int, list[str]], sent,
                     *, before: bool) -> tuple[LocalEntity | None, str] | None:
    """The department a title names by itself ("Secretary of State" -> the US State Department), and the
    title as written; None when the title is not such a title.

    The country is the one named before the title, else one of the title's countries named nearby or
    most in the story, else the title's one country when the story names it (or no country at all); a
    capitalised word before the title that names no country makes it another office ("Michigan
    Secretary of State"): then (None, title) and nothing is said.
    """
    title_word = " ".join(words[title[0] : title[1]])
    spec = portfolio_titles().get(title_word)
    if spec is None:
        return None
    portfolio, countries = spec
    title_text = words_text(toks[title[0] : title[1]])
    modifiers = set(roles_lexicon()["title_modifiers"]) | deputy_words() | {"the", "a", "an"}
    before_title = toks[: title[0]]
    for t in before_title:
        if t.text[:1].isupper() and t.lower_.rstrip(".") not in modifiers and country_in(ctx, di, [t]) is None:
            return None, title_text
    country = country_in(ctx, di, before_title) or country_after(ctx, di, toks, title[1])
    if country is None:
        country = next((c for c in nearby_countries(ctx, di, sent, toks[-1] if before else toks[0])
                        if c in countries), None)
    if country is None and len(countries) == 1:
        mentioned = countries_mentioned(ctx)
        if not mentioned or countries <= mentioned:
            country = next(iter(countries))
    entry = ctx.gaz.ministry_of(country, portfolio) if country in countries else None
    if entry is None:
        return None, title_text
    department = ctx.registry.add_gaz(entry.id)
    department.names[title_text] += 1  # the title is how the article names the department: an altLabel
    return department, title_text


def ministry_by_noun(ctx: ExtractContext, di: int, toks, words: list[str], sent,
                      *, before: bool) -> tuple[LocalEntity | None, int] | None:
    """The ministry a window names in lowercase ("foreign ministry spokesperson", "a spokesman for the
    finance ministry") and where its name starts in the window; None when it names none.

    The country is the one the window names, else the capital named before it in the sentence ("In
    Beijing, foreign ministry spokesman X"), else the country named nearby or most in the story.
    """
    nouns = frozenset(roles_lexicon().get("ministry_nouns", ()))
    gaz = ctx.gaz
    for k, word in enumerate(words):
        if word not in nouns:
            continue
        for n in (3, 2, 1):
            if k - n >= 0 and " ".join(words[k - n : k]) in gaz.portfolio_words:
                portfolio = gaz.portfolio_words[" ".join(words[k - n : k])]
                anchor = toks[-1] if before else toks[0]
                capital = next((t.ent_id_.split(":", 1)[1] for t in ctx.docs[di][sent.start : anchor.i]
                                if t.ent_id_.startswith("capital:")), None)
                country = country_in(ctx, di, toks) or capital or nearby_country(ctx, di, sent, anchor)
                entry = gaz.ministry_of(country, portfolio) if country else None
                if entry is None:
                    return None, k - n
                ministry = ctx.registry.add_gaz(entry.id)
                ministry.names[words_text(toks[k - n : k + 1])] += 1  # how the article names it: an altLabel
                return ministry, k - n
    return None


def is_body_of_kind(ctx: ExtractContext, ent: LocalEntity | None, kinds: tuple[str, ...]) -> bool:
    """Whether an organisation's names, or the gazetteer names of its parts, have a word of ``kinds``
    (the FCC is the Federal Communications Commission; the EU has the European Commission)."""
    if ent is None or ent.type not in ORG_TYPES:
        return False
    names = list(ent.names)
    if ent.gaz_id:
        entry = ctx.gaz.entries[ent.gaz_id]
        parts = ctx.gaz.derived("part_names", _part_names)
        names += [entry.name, *entry.aliases]
        if not entry.id.endswith("-government"):  # a national government has commissions of every kind
            names += parts.get(entry.id, [])
    return any(w in kinds for n in names for w in re.findall(r"\w+", n.lower()))


def body_of_kind(ctx: ExtractContext, di: int, anchor, kinds: tuple[str, ...]) -> LocalEntity | None:
    """The organisation of a kind (:func:`is_body_of_kind`) named last before ``anchor``, else later
    in its sentence, else the one of them the article names most."""
    def fits(ent: LocalEntity | None) -> bool:
        return is_body_of_kind(ctx, ent, kinds)

    doc = ctx.docs[di]
    for t in [*reversed(doc[max(0, anchor.i - LOOKBACK) : anchor.i]), *doc[anchor.i : anchor.sent.end]]:
        ent = ctx.entity_at(di, t)
        if fits(ent):
            return ent
    found = [e for e in ctx.entities if not e.implicit and fits(e)]
    return max(found, key=lambda e: (e.mentions, -e.local_id)) if found else None


def party_words(toks) -> Iterator[tuple[str, list]]:
    """(party id, tokens) of each capitalised party word in a window, longest words first."""
    parties = roles_lexicon()["parties"]
    i = 0
    while i < len(toks):
        for n in (3, 2, 1):
            found = toks[i : i + n]
            pid = parties.get(" ".join(t.lower_ for t in found)) if len(found) == n else None
            if pid and found[0].text[:1].isupper():
                yield pid, found
                i += n - 1
                break
        i += 1


def party_applies(ctx: ExtractContext, di: int, toks, party_country: str | None) -> bool:
    """True when a party word may name a party of ``party_country`` here.

    The country the window names decides ("a Canadian Conservative" is not a British Tory);
    else the party's country must be named in the article, or no country at all.
    """
    if party_country is None:
        return True
    named = country_in(ctx, di, toks)
    if named is not None:
        return named == party_country
    mentioned = countries_mentioned(ctx)
    return not mentioned or party_country in mentioned


def countries_mentioned(ctx: ExtractContext) -> frozenset[str]:
    """Every country the article names, by name, by one of its bodies or by a demonym (cached per article)."""
    key = ("countries mentioned",)
    found = ctx._topic_cache.get(key)
    if found is None:
        ids = set()
        for e in ctx.entities:
            if e.gaz_id and not e.implicit:
                entry = ctx.gaz.entries[e.gaz_id]
                if entry.type in ("Country", "GovernmentBody") and entry.country:
                    ids.add(entry.country)
        for doc in ctx.docs:
            ids.update(t.ent_id_.split(":", 1)[1] for t in doc if t.ent_id_.startswith(("demonym:", "capital:")))
        found = ctx._topic_cache[key] = frozenset(ids)
    return found




def words_text(toks) -> str:
    """The text of title tokens as written ("founder, chairman and chief executive")."""
    if toks and all(b.i == a.i + 1 for a, b in zip(toks, toks[1:])):
        return toks[0].doc[toks[0].i : toks[-1].i + 1].text
    return " ".join(t.text for t in toks)


def _part_names(gaz) -> dict[str, list[str]]:
    """The names of the organisations under each gazetteer entry (its ministries, agencies, commissions)."""
    parts: dict[str, list[str]] = {}
    for e in gaz.entries.values():
        if e.parent and e.type in ORG_TYPES:
            parts.setdefault(e.parent, []).append(e.name)
    return parts


def cabinet_members(ctx: ExtractContext, relations: list[Relation]) -> Iterator[Relation]:
    """A minister or secretary who heads a national ministry is a member of that country's government."""
    titles = frozenset(roles_lexicon()["department_titles"])
    for rel in relations:
        org = ctx.entities[rel.object]
        if rel.predicate != "headOf" or org.type != "GovernmentBody" or not org.gaz_id or not rel.title \
                or not any(w in titles for w in rel.title.lower().split()):
            continue
        entry = ctx.gaz.entries[org.gaz_id]
        gov = ctx.gaz.government_of(entry.country) if entry.country else None
        if gov is not None and gov.id != entry.id:
            yield Relation(rel.subject, "memberOf", ctx.registry.add_gaz(gov.id).local_id, rel.evidence,
                           title=rel.title)

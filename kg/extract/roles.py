"""Roles of people in organisations: founderOf, ceoOf, headOf, memberOf, employeeOf, affiliatedWith.

From titles before a name ("US Commerce Secretary Wilbur Ross", "its founder and
CEO Ren Zhengfei", "BT chief executive Philip Jansen"), appositions after it
(", chief executive of BT,", ", a Republican from Texas", "from Soas University
of London"), copulas ("X is the chairman of Y") and role verbs ("X founded Y").
The job title is kept as written. A minister's portfolio names a ministry of the
country in the title or the story ("Indian Finance Minister X" -> Ministry of
Finance (India), from ``kg/data/gazetteer/ministries.yaml``); a title before one
name never passes to the next ("Prime Minister A and B").
"""
from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from kg.nlp.entities import load_entity_rules
from kg.errors import DataError
from kg.extract.facts import LocalEntity, Relation
from kg.knowledge.gazetteer import normalize_name
from kg.knowledge.offices import is_known_officeholder, office_country
from kg.extract.common import clean_sentence, entity_of_token, roles_lexicon, subject_of
from kg.extract.context import LOOKBACK, ORG_TYPES, ExtractContext

_MAX_PRE = 9
_MAX_POST = 14
_STOP_POS = {"VERB", "AUX", "PRON", "SCONJ"}


@functools.lru_cache(maxsize=1)
def _titles() -> list[tuple[tuple[str, ...], list[str]]]:
    lex = roles_lexicon()["titles"]
    items = [(tuple(re.split(r"\s+", k.lower())), v) for k, v in lex.items()]
    return sorted(items, key=lambda kv: -len(kv[0]))


def find_titles(words: list[str]) -> list[tuple[int, int, list[str]]]:
    """Title matches (start, end, properties) in a list of lowercase words, longest first."""
    out = []
    i = 0
    while i < len(words):
        for title, props in _titles():
            n = len(title)
            if tuple(words[i : i + n]) == title:
                out.append((i, i + n, props))
                i += n - 1
                break
        i += 1
    return out


def _mention_spans(ctx: ExtractContext, di: int, sent) -> list[tuple[int, int, LocalEntity]]:
    """Contiguous token runs of one Person entity in a sentence: (start, end, entity)."""
    spans = []
    i = sent.start
    while i < sent.end:
        ent = ctx.entity_at(di, ctx.docs[di][i])
        if ent is not None and ent.type == "Person":
            j = i
            while j < sent.end and ctx.entity_at(di, ctx.docs[di][j]) is ent:
                j += 1
            spans.append((i, j, ent))
            i = j
        else:
            i += 1
    return spans


def _pre_window(ctx: ExtractContext, di: int, person: LocalEntity, start: int, sent_start: int) -> list:
    """The words before a person's name that may be their title ("Huawei founder", "Indian Finance Minister").

    Stops at a verb, at punctuation, after an article, and at another person's name: in
    "Prime Minister Boris Johnson and Rishi Sunak" the title is Johnson's alone.
    """
    doc = ctx.docs[di]
    toks = []
    i = start - 1
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
    return toks


@functools.lru_cache(maxsize=1)
def _one_word_titles() -> frozenset[str]:
    return frozenset(title[0] for title, _ in _titles() if len(title) == 1)


def _is_title_modifier(tok) -> bool:
    """A one-word title that modifies the name after it, whatever its part of speech: in "handing
    control to chairman Mark Chen" the tagger reads "to chairman" as an infinitive."""
    return tok.lower_ in _one_word_titles() and tok.dep_ in ("compound", "amod", "nmod") and tok.head.i > tok.i


@functools.lru_cache(maxsize=1)
def _topic_titles() -> frozenset[str]:
    """Titles that, with no organisation beside them, belong to the company the sentence is about."""
    lex = roles_lexicon()
    return frozenset(lex.get("company_titles", ())) | frozenset(lex.get("company_topic_titles", ()))


def _title_follows(doc, i: int, sent_end: int) -> bool:
    """Whether a job title starts at token ``i`` (after an optional "and")."""
    words = [doc[j].lower_.rstrip(".") for j in range(i, min(i + 5, sent_end))]
    if words and words[0] in ("and", "&"):
        words = words[1:]
    found = find_titles(words)
    return bool(found) and found[0][0] == 0


def _post_window(doc, end: int, sent_end: int) -> list:
    if end >= sent_end:
        return []
    first = doc[end]
    if first.text == ",":
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


def _nearby_country_gov(ctx: ExtractContext, di: int, sent, anchor) -> LocalEntity | None:
    """The government of the country named nearest to ``anchor`` in its sentence, else in the one before.

    "President Trump signed an order placing Huawei on the US entity list" -> the US government.
    """
    cid = _nearby_country(ctx, di, sent, anchor)
    gov = ctx.gaz.government_of(cid) if cid else None
    return ctx.registry.add_gaz(gov.id) if gov else None


def _nearby_country(ctx: ExtractContext, di: int, sent, anchor) -> str | None:
    """The country named nearest before ``anchor`` in its sentence, else in the sentence before,
    else the article's clearly dominant country."""
    return next(_nearby_countries(ctx, di, sent, anchor), None)


def _nearby_countries(ctx: ExtractContext, di: int, sent, anchor) -> Iterator[str]:
    """Countries a title with no country may belong to, best first: the one named nearest before
    ``anchor`` in its sentence, the nearest in the sentence before, the article's dominant one."""
    doc = ctx.docs[di]
    windows = [doc[sent.start : anchor.i]]  # before the title only: "... Chinese President Xi" is Xi's
    windows += ctx.sentences_before(di, sent.start, 1)
    for n, window in enumerate(windows):
        best = None
        for t in window:
            cid = _country_in(ctx, di, [t])
            if cid and (best is None or abs(t.i - anchor.i) < best[0]):
                best = (abs(t.i - anchor.i), cid)
        if n > 0:
            # in the sentence before, the country that acts ("India banned 59 Chinese apps") wins
            # over the nearest one
            actor = next((cid for t in window if t.dep_ in ("nsubj", "nsubjpass")
                          and (cid := _country_in(ctx, di, [t]))), None)
            if actor:
                yield actor
        if best:
            yield best[1]
    main = _main_country(ctx)
    if main:
        yield main


def _main_country(ctx: ExtractContext) -> str | None:
    """The country the article mentions clearly most (twice the next), counting its bodies."""
    counts: dict[str, int] = {}
    for e in ctx.entities:
        if e.gaz_id and not e.implicit:
            entry = ctx.gaz.entries[e.gaz_id]
            cid = entry.id if entry.type == "Country" else entry.country if entry.type == "GovernmentBody" else None
            if cid:
                counts[cid] = counts.get(cid, 0) + e.mentions
    if not counts:
        return None
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    if len(ranked) > 1 and ranked[1][1] * 2 > ranked[0][1]:
        return None  # no clearly dominant country: say nothing
    return ranked[0][0]


def _country_in(ctx: ExtractContext, di: int, toks) -> str | None:
    for t in toks:
        ent = ctx.entity_at(di, t)
        if ent is not None and ent.gaz_id:
            entry = ctx.gaz.entries[ent.gaz_id]
            if entry.type == "Country":
                return entry.id
            if entry.id.endswith("-government") and entry.country:
                return entry.country
        if t.ent_id_.startswith("demonym:"):
            return t.ent_id_.split(":", 1)[1]
    return None


def _department(ctx: ExtractContext, words: list[str], country: str | None) -> LocalEntity | None:
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
def _department_head_titles() -> dict[str, list[str]]:
    """``department_head_titles`` of roles.yaml: country id (or "default") -> titles of its department heads."""
    heads = roles_lexicon().get("department_head_titles")
    if not isinstance(heads, dict) or "default" not in heads or not all(
        isinstance(v, list) and all(isinstance(t, str) for t in v) for v in heads.values()
    ):
        raise DataError("kg/data/roles.yaml: department_head_titles must map 'default' and country ids to lists of titles")
    return heads


@functools.lru_cache(maxsize=1)
def _deputy_words() -> frozenset[str]:
    """``deputy_words`` of roles.yaml."""
    words = roles_lexicon().get("deputy_words")
    if not isinstance(words, list) or not all(isinstance(w, str) and w for w in words):
        raise DataError("kg/data/roles.yaml: deputy_words: not a list of non-empty strings")
    return frozenset(w.lower() for w in words)


def _portfolio_span(gaz, words: list[str], title: tuple[int, int, list[str]]) -> tuple[int, int] | None:
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


def _ministry(ctx: ExtractContext, di: int, person: LocalEntity, toks, words: list[str],
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
    span = _portfolio_span(gaz, words, title)
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
    country = _country_in(ctx, di, toks[:first])
    if country is None:
        heads = _department_head_titles()
        country = next((c for c in _nearby_countries(ctx, di, sent, toks[-1] if before else toks[0])
                        if title_word in heads.get(c, heads["default"])), None)
        if country is None and title_word not in heads["default"]:
            return _department(ctx, [t.text for t in named], None), title_text  # "Foreign Secretary": the Foreign Office
    entry = gaz.ministry_of(country, portfolio) if country else None
    return (ctx.registry.add_gaz(entry.id) if entry else None), title_text


@functools.lru_cache(maxsize=1)
def _portfolio_titles() -> dict[str, tuple[str, frozenset[str]]]:
    """``portfolio_titles`` of roles.yaml: title -> (portfolio id, countries where the title names it)."""
    raw = roles_lexicon().get("portfolio_titles") or {}
    out = {}
    for title, spec in raw.items():
        if not isinstance(spec, dict) or not isinstance(spec.get("portfolio"), str) or not isinstance(
                spec.get("countries"), list) or not all(isinstance(c, str) for c in spec["countries"]):
            raise DataError(f"kg/data/roles.yaml: portfolio_titles: {title!r} needs a portfolio and a list of countries")
        out[title.lower()] = (spec["portfolio"], frozenset(spec["countries"]))
    return out


@functools.lru_cache(maxsize=1)
def _title_bodies() -> dict[str, tuple[str, ...]]:
    """``title_bodies`` of roles.yaml: title -> words of the names of the bodies it is held in."""
    raw = roles_lexicon().get("title_bodies") or {}
    if not all(isinstance(v, list) and all(isinstance(w, str) and w for w in v) for v in raw.values()):
        raise DataError("kg/data/roles.yaml: title_bodies must map titles to lists of words")
    return {k.lower(): tuple(w.lower() for w in v) for k, v in raw.items()}


def _titled_ministry(ctx: ExtractContext, di: int, toks, words: list[str], title: tuple[int, int, list[str]], sent,
                     *, before: bool) -> tuple[LocalEntity | None, str] | None:
    """The department a title names by itself ("Secretary of State" -> the US State Department), and the
    title as written; None when the title is not such a title.

    The country is the one named before the title, else one of the title's countries named nearby or
    most in the story, else the title's one country when the story names it (or no country at all); a
    capitalised word before the title that names no country makes it another office ("Michigan
    Secretary of State"): then (None, title) and nothing is said.
    """
    title_word = " ".join(words[title[0] : title[1]])
    spec = _portfolio_titles().get(title_word)
    if spec is None:
        return None
    portfolio, countries = spec
    title_text = _words_text(toks[title[0] : title[1]])
    modifiers = set(roles_lexicon()["title_modifiers"]) | _deputy_words() | {"the", "a", "an"}
    before_title = toks[: title[0]]
    for t in before_title:
        if t.text[:1].isupper() and t.lower_.rstrip(".") not in modifiers and _country_in(ctx, di, [t]) is None:
            return None, title_text
    country = _country_in(ctx, di, before_title)
    if country is None:
        country = next((c for c in _nearby_countries(ctx, di, sent, toks[-1] if before else toks[0])
                        if c in countries), None)
    if country is None and len(countries) == 1:
        mentioned = _countries_mentioned(ctx)
        if not mentioned or countries <= mentioned:
            country = next(iter(countries))
    entry = ctx.gaz.ministry_of(country, portfolio) if country in countries else None
    if entry is None:
        return None, title_text
    department = ctx.registry.add_gaz(entry.id)
    department.names[title_text] += 1  # the title is how the article names the department: an altLabel
    return department, title_text


def _ministry_by_noun(ctx: ExtractContext, di: int, toks, words: list[str], sent,
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
                country = _country_in(ctx, di, toks) or capital or _nearby_country(ctx, di, sent, anchor)
                entry = gaz.ministry_of(country, portfolio) if country else None
                if entry is None:
                    return None, k - n
                ministry = ctx.registry.add_gaz(entry.id)
                ministry.names[_words_text(toks[k - n : k + 1])] += 1  # how the article names it: an altLabel
                return ministry, k - n
    return None


_PART_NAMES: dict[int, dict[str, list[str]]] = {}


def _is_body_of_kind(ctx: ExtractContext, ent: LocalEntity | None, kinds: tuple[str, ...]) -> bool:
    """Whether an organisation's names, or the gazetteer names of its parts, have a word of ``kinds``
    (the FCC is the Federal Communications Commission; the EU has the European Commission)."""
    if ent is None or ent.type not in ORG_TYPES:
        return False
    names = list(ent.names)
    if ent.gaz_id:
        entry = ctx.gaz.entries[ent.gaz_id]
        parts = _PART_NAMES.get(id(ctx.gaz))
        if parts is None:
            parts = _PART_NAMES[id(ctx.gaz)] = {}
            for e in ctx.gaz.entries.values():
                if e.parent and e.type in ORG_TYPES:
                    parts.setdefault(e.parent, []).append(e.name)
        names += [entry.name, *entry.aliases]
        if not entry.id.endswith("-government"):  # a national government has commissions of every kind
            names += parts.get(entry.id, [])
    return any(w in kinds for n in names for w in re.findall(r"\w+", n.lower()))


def _body_of_kind(ctx: ExtractContext, di: int, anchor, kinds: tuple[str, ...]) -> LocalEntity | None:
    """The organisation of a kind (:func:`_is_body_of_kind`) named last before ``anchor``, else later
    in its sentence, else the one of them the article names most."""
    def fits(ent: LocalEntity | None) -> bool:
        return _is_body_of_kind(ctx, ent, kinds)

    doc = ctx.docs[di]
    for t in [*reversed(doc[max(0, anchor.i - LOOKBACK) : anchor.i]), *doc[anchor.i : anchor.sent.end]]:
        ent = ctx.entity_at(di, t)
        if fits(ent):
            return ent
    found = [e for e in ctx.entities if not e.implicit and fits(e)]
    return max(found, key=lambda e: (e.mentions, -e.local_id)) if found else None


def _party_words(toks) -> Iterator[tuple[str, list]]:
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


def _party_applies(ctx: ExtractContext, di: int, toks, party_country: str | None) -> bool:
    """True when a party word may name a party of ``party_country`` here.

    The country the window names decides ("a Canadian Conservative" is not a British Tory);
    else the party's country must be named in the article, or no country at all.
    """
    if party_country is None:
        return True
    named = _country_in(ctx, di, toks)
    if named is not None:
        return named == party_country
    mentioned = _countries_mentioned(ctx)
    return not mentioned or party_country in mentioned


def _countries_mentioned(ctx: ExtractContext) -> frozenset[str]:
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


def _roles_from_window(ctx: ExtractContext, di: int, person: LocalEntity, toks, sent, *, before: bool) -> Iterator[Relation]:
    if not toks:
        return
    words = [t.lower_.rstrip(".") for t in toks]
    titles = find_titles(words)
    lex = roles_lexicon()
    evidence = clean_sentence(sent)
    for pid, found in _party_words(toks):  # "a Republican from Texas"
        if pid in ctx.gaz.entries and _party_applies(ctx, di, toks, ctx.gaz.entries[pid].country):
            party = ctx.registry.add_gaz(pid)
            yield Relation(person.local_id, "memberOf", party.local_id, evidence, title=" ".join(t.text for t in found))
    if not titles:
        return
    orgs = []
    for t in toks:
        ent = ctx.entity_at(di, t)
        if ent is not None and ent.type in ORG_TYPES and ent not in orgs and ent is not person:
            orgs.append(ent)
    if not orgs:
        for t in toks:
            if t.lower_ in ("its", "their") or (t.lower_ in ("company", "firm", "group") and t.i + 1 < len(t.doc) and t.doc[t.i + 1].lower_ in ("'s", "’s")):
                topic = ctx.possessor_org(di, t, ("Company", "Organization")) if t.lower_ in ("its", "their") \
                    else ctx.topic_org(di, sent)
                if topic is not None:
                    orgs.append(topic)
                break
    first_words = " ".join(words[titles[0][0]:titles[0][1]])
    lower_president = first_words == "president" and toks[titles[0][0]].text == "president" \
        and _country_in(ctx, di, toks) is None and not is_known_officeholder(_names_of(ctx, person))
    if not orgs and before and (first_words in _topic_titles() or lower_president):
        # a lowercase "president Hu Yangzhong" in a company's sentence is the company's president
        # "Microsoft said ..., after chief executive Satya Nadella discussed the deal": the company
        # the sentence is about
        topic = ctx.possessor_org(di, toks[-1], ("Company",))
        if topic is not None:
            orgs.append(topic)
    title_start, title_end = titles[0][0], titles[-1][1]
    title_text = _words_text(toks[title_start:title_end])
    props = [p for _, _, ps in titles for p in ps]
    org = orgs[0] if orgs else None
    first_title = " ".join(words[titles[0][0] : titles[0][1]])
    ministry = None
    if first_title in lex["department_titles"]:
        ministry = _ministry(ctx, di, person, toks, words, titles[0], sent, before=before)
        if ministry is None and org is None:
            ministry = _titled_ministry(ctx, di, toks, words, titles[0], sent, before=before)
    elif org is None:
        named = _ministry_by_noun(ctx, di, toks, words, sent, before=before)
        if named is not None:  # "foreign ministry spokesperson": the ministry's words are part of the title
            ministry = named[0], _words_text(toks[min(named[1], title_start) : title_end])
    if ministry is not None:
        org, title_text = ministry
        if org is None:
            return
        heads = _department_head_titles()
        country = ctx.gaz.entries[org.gaz_id].country if org.gaz_id else None
        if first_title in lex["department_titles"] and country \
                and first_title not in heads.get(country, heads["default"]):
            props = ["employeeOf"]  # "a British trade minister" is a junior minister: UK departments have secretaries
    elif org is not None and org.type == "GovernmentBody" and title_start > 0 \
            and ctx.entity_at(di, toks[title_start - 1]) is org:
        # "Commerce Secretary": a department's name before the title is part of the title
        first = title_start - 1
        while first > 0 and ctx.entity_at(di, toks[first - 1]) is org:
            first -= 1
        title_text = " ".join(t.text for t in toks[first:title_end])
    if org is None:
        country = _country_in(ctx, di, toks)
        if first_title in lex["department_titles"]:
            dept_words = [t.text for t in toks[: titles[0][0]] if t.text[:1].isupper() and ctx.entity_at(di, t) is None
                          and not t.ent_id_.startswith("demonym:") and t.lower_ not in ("the", "a", "an")]
            if dept_words:
                org = _department(ctx, dept_words, country)
                if org is not None:
                    title_text = " ".join([*dept_words, title_text])
        elif first_title in lex["head_of_state_titles"]:
            # the country the sentence names; else the one the person held that office in at the
            # article's date (offices.yaml); else a guess from the countries around the title
            country = country or office_country(_names_of(ctx, person), first_title, ctx.published)
            if country:
                gov = ctx.gaz.government_of(country)
                org = ctx.registry.add_gaz(gov.id) if gov else None
            elif before and not is_known_officeholder(_names_of(ctx, person)):
                org = _nearby_country_gov(ctx, di, sent, toks[-1])
    if first_title in _title_bodies():
        kinds = _title_bodies()[first_title]
        if org is None:
            org = _body_of_kind(ctx, di, toks[-1] if before else toks[0], kinds)
        if _is_body_of_kind(ctx, org, kinds):
            props = ["memberOf"]  # "FCC Commissioner", "EU Health Commissioner": one member of the commission
    if org is None:
        return
    deputy = next((i for i in range(title_start - 1, max(-1, title_start - 4), -1) if words[i] in _deputy_words()), None)
    if deputy is not None:  # "Deputy Finance Minister", "deputy chief executive": works there, does not head it
        props = ["employeeOf"]
        title_text = f"{toks[deputy].text} {title_text}"
    for prop in dict.fromkeys(props):
        yield Relation(person.local_id, prop, org.local_id, evidence, title=title_text)


_COPULA_PREPS = {"at", "with", "from", "as", "on", "of"}
# verbs that state a role like "to be": "will stay on as chief executive of X", "was sworn in as president
# of Y", "was named chairman of Z"
_COPULA_LIKE = {"be", "become", "remain", "serve", "stay", "continue", "return", "swear", "name", "appoint",
                "elect", "install", "promote", "act"}


def _verb_title_tokens(verb, subj) -> list:
    """Title words attached to a role verb: its "as ..." phrase, or the words before the agent's name."""
    for c in verb.children:
        if c.dep_ == "prep" and c.lower_ == "as":
            pobj = next((p for p in c.children if p.dep_ == "pobj"), None)
            if pobj is not None:
                return sorted(pobj.subtree, key=lambda t: t.i)
    if subj.dep_ == "pobj" and subj.head.dep_ == "agent":
        return sorted((t for t in subj.subtree if t.i < subj.i and t.pos_ != "PROPN"), key=lambda t: t.i)
    return []


def _words_text(toks) -> str:
    """The text of title tokens as written ("founder, chairman and chief executive")."""
    if toks and all(b.i == a.i + 1 for a, b in zip(toks, toks[1:])):
        return toks[0].doc[toks[0].i : toks[-1].i + 1].text
    return " ".join(t.text for t in toks)


def _names_of(ctx: ExtractContext, person: LocalEntity) -> list[str]:
    """A person's names for looking them up: the gazetteer name first, then the names used."""
    names = [ctx.gaz.entries[person.gaz_id].name] if person.gaz_id else []
    return names + [n for n in person.names if n not in names]


def _object_org(ctx: ExtractContext, di: int, obj) -> LocalEntity | None:
    """The organisation a role verb's object names; "the company" is the organisation that is subject of
    an enclosing clause ("Rosneft was hit because of its ties to Igor Sechin, who runs the company":
    Rosneft), else the paragraph's topic."""
    if ctx.entity_at(di, obj) is None and obj.pos_ == "NOUN" \
            and obj.lemma_.lower() in load_entity_rules().company_context \
            and any(c.dep_ == "det" and c.lower_ in ("the", "this") for c in obj.children) \
            and not any(c.dep_ in ("amod", "compound", "poss") for c in obj.children):
        head = obj
        for _ in range(8):
            if head.head.i == head.i:
                break
            head = head.head
            for c in head.children:
                if c.dep_ in ("nsubj", "nsubjpass") and not (c.left_edge.i <= obj.i <= c.right_edge.i):
                    ent = ctx.entity_at(di, c)
                    if ent is not None and ent.type in ("Company", "Organization"):
                        return ent
    return entity_of_token(ctx, di, obj, allow_pronouns=obj.lower_ == "it")


def _verb_roles(ctx: ExtractContext, di: int, sent) -> Iterator[Relation]:
    lex = roles_lexicon()
    evidence = clean_sentence(sent)
    for tok in sent:
        lemma = tok.lemma_.lower()
        if tok.pos_ == "VERB" and lemma in lex["verbs"]:
            subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
            if subj is None and tok.dep_ == "conj":
                # "who co-founded Nvidia and has run it as chief executive": the first verb's subject
                subj = next((c for c in tok.head.children if c.dep_ == "nsubj"), None)
                if subj is not None and subj.lower_ in ("who", "that") and tok.head.dep_ == "relcl":
                    subj = tok.head.head
            objs = [c for c in tok.children if c.dep_ == "dobj"]
            agent = next((c for c in tok.children if c.dep_ == "agent"), None)
            if agent is not None and tok.dep_ in ("acl", "relcl", "advcl") and tok.tag_ == "VBN":
                # "Raytheon Technologies, led by Greg Hayes": the agent leads the noun the clause modifies
                pobj = next((p for p in agent.children if p.dep_ == "pobj"), None)
                if pobj is not None:
                    subj, objs = pobj, [tok.head]
            elif agent is not None and any(c.dep_ == "nsubjpass" for c in tok.children):
                # "Unilever has been led since 2009 by Paul Polman": the passive subject is led
                pobj = next((p for p in agent.children if p.dep_ == "pobj"), None)
                psubj = next(c for c in tok.children if c.dep_ == "nsubjpass")
                if psubj.lower_ in ("which", "that") and tok.dep_ == "relcl":
                    psubj = tok.head
                if pobj is not None:
                    subj, objs = pobj, [psubj]
            if subj is None or not objs:
                continue
            if subj.lower_ in ("who", "that") and tok.dep_ == "relcl":
                subj = tok.head  # "Deripaska, who founded Rusal"
            person = entity_of_token(ctx, di, subj)
            # "has run it as chief executive": the company the sentence is about, or the one the
            # first of two coordinated verbs names ("co-founded Nvidia ... and has run it")
            org = None
            if objs[0].lower_ == "it" and tok.dep_ == "conj":
                first_obj = next((c for c in tok.head.children if c.dep_ == "dobj"), None)
                org = entity_of_token(ctx, di, first_obj, allow_pronouns=False) if first_obj is not None else None
            org = org or _object_org(ctx, di, objs[0])
            if lex["verbs"][lemma] == "employeeOf" and (org is None or org.type != "Company"):
                continue
            if person is not None and person.type == "Person" and org is not None and org.type in ORG_TYPES:
                # the title that says how: "run it as chief executive", "led by chief executive Hock Tan"
                title_toks = _verb_title_tokens(tok, subj)
                found = find_titles([t.lower_.rstrip(".") for t in title_toks]) if title_toks else []
                if found and lemma in ("lead", "run", "head", "chair", "helm"):
                    title = " ".join(t.text for t in title_toks[found[0][0]:found[-1][1]])
                    for _, _, props in found:
                        for prop in props:
                            yield Relation(person.local_id, prop, org.local_id, evidence, title=title)
                else:
                    yield Relation(person.local_id, lex["verbs"][lemma], org.local_id, evidence)
        elif lemma in _COPULA_LIKE and tok.pos_ in ("AUX", "VERB"):
            subj = subject_of(tok)
            if subj is None:
                continue
            if tok.dep_ == "relcl" and any(c.dep_ == "poss" and c.lower_ == "whose" for c in subj.children):
                # "Lockheed Martin, whose chief executive is James Taiclet"
                attr = next((c for c in tok.children if c.dep_ == "attr"), None)
                person = entity_of_token(ctx, di, attr) if attr is not None else None
                org = entity_of_token(ctx, di, tok.head, allow_pronouns=False)
                found = find_titles([t.lower_ for t in subj.subtree])
                if person is not None and person.type == "Person" and org is not None and org.type in ORG_TYPES and found:
                    title = " ".join(t.text for t in subj.subtree if t.lower_ != "whose")
                    for _, _, props in found:
                        for prop in props:
                            yield Relation(person.local_id, prop, org.local_id, evidence, title=title)
                continue
            person = entity_of_token(ctx, di, subj)
            if person is None and subj.dep_ == "appos" and tok.dep_ == "relcl":
                # "Alan Pryce, a former banker who is executive chairman of Rolls-Royce": the
                # clause is about the person the apposition describes
                person = entity_of_token(ctx, di, subj.head, allow_pronouns=False)
            if person is None or person.type != "Person":
                continue
            for attr in tok.children:
                if attr.dep_ not in ("attr", "prep", "oprd") or (attr.dep_ == "prep" and attr.lower_ not in _COPULA_PREPS):
                    continue  # "is at Soas", "is on the board of"; not "is due in Washington for talks with ..."
                head = attr if attr.dep_ in ("attr", "oprd") else next((c for c in attr.children if c.dep_ == "pobj"), None)
                if head is None:
                    continue
                toks = [t for t in head.subtree if t.dep_ not in ("relcl",)]
                if any((e := ctx.entity_at(di, t)) is not None and e.type == "Person" and e is not person for t in toks):
                    continue  # another person's title in the phrase is theirs
                yield from _roles_from_window(ctx, di, person, toks, sent, before=False)


def extract(ctx: ExtractContext) -> Iterator[Relation]:
    """Yield role relations for every person in the article."""
    seen = set()
    for di, sent in ctx.sentences():
        doc = ctx.docs[di]
        produced = []
        for start, end, person in _mention_spans(ctx, di, sent):
            produced += _roles_from_window(ctx, di, person, _pre_window(ctx, di, person, start, sent.start), sent,
                                           before=True)
            produced += _roles_from_window(ctx, di, person, _post_window(doc, end, sent.end), sent, before=False)
        produced += _verb_roles(ctx, di, sent)
        for rel in produced:
            key = (rel.subject, rel.predicate, rel.object)
            if key not in seen:
                seen.add(key)
                yield rel

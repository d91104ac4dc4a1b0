"""Entities of one article: typed, cleaned and clustered from spaCy's entity spans.

Spans come from the model's NER and the gazetteer entity ruler. Each kept span
becomes a mention of a :class:`~kg.nlp.registry.LocalEntity`; surface forms of one
entity within the article ("Ren Zhengfei" / "Ren" / "Zhengfei") share a cluster.
Corpus-wide merging happens later in :mod:`kg.resolve`.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from kg.errors import DataError
from kg.knowledge.entity_rules import EntityRules, load_entity_rules, org_key
from kg.knowledge.gazetteer import Gazetteer, normalize_name
from kg.knowledge.lexicons import load_lexicon
from kg.knowledge.places import country_of_place
from kg.nlp.name_clues import class_of_head, government_position, holds_title, owned_by_country, said_of_a_person
from kg.nlp.names import attach_short_names, record
from kg.nlp.national_names import is_national_name, national_names
from kg.nlp.org_typing import org_type
from kg.nlp.people import (
    NAME_PARTICLES,
    is_known_person_word,
    is_leader_body,
    is_person_word,
    is_titled_name,
    leader_government,
    names_person,
    opens_with_given_name,
    person_of_name,
)
from kg.nlp.possessive_names import POSSESSIVE_NAME
from kg.nlp.registry import EntityRegistry, LocalEntity

_COMPANY_HEADS = {"maker", "firm", "company", "group", "vendor", "startup", "carrier", "operator", "bank", "retailer",
                  "giant", "conglomerate", "manufacturer", "insurer", "lender", "chipmaker", "carmaker", "supplier",
                  "producer", "developer", "provider"}
_KEEP_LABELS = {"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC"}


def _clean_span(span, rules: EntityRules):
    """Trim determiners, possessives, punctuation and (for people) titles from a span."""
    start, end = span.start, span.end
    doc = span.doc
    gap = max((t.i for t in doc[start:end] if t.is_space and "\n" not in t.text and (
        "\t" in t.text or t.text.count(" ") >= 2)), default=None)
    if gap is not None:
        start = gap + 1  # "Target        Perrigo Company plc": a table's label and a wide gap before the name
    while start < end and (doc[start].lower_ in ("the", "a", "an") or doc[start].is_punct):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].lower_ in ("'s", "’s", "'", "’")):
        end -= 1
    if span.label_ == "ORG":
        # "Ministry of" / "Arm's IP": trailing function words, and a possessor before "'s"
        while end > start and doc[end - 1].lower_ in ("of", "and", "for", "the", "&", "de", "in", "on", "at"):
            end -= 1
        for i in range(start + 1, end):
            if doc[i].lower_ in ("'s", "’s") and doc[start].text[:1].isupper() and doc[i].ent_id_ != POSSESSIVE_NAME:
                end = i
                break
    if span.label_ == "PERSON":
        changed = True
        while changed and start < end:
            changed = False
            words = tuple(t.lower_.rstrip(".") for t in doc[start:end])  # once, not once per prefix (51 of them)
            for prefix in rules.person_prefixes:
                n = len(prefix)
                if end - start > n and words[:n] == prefix:
                    start += n
                    changed = True
                    break
    return doc[start:end] if end > start else None


_PLACE_SUFFIXES = frozenset({"based", "headquartered", "registered", "born"})


def _place_compound(span) -> bool:
    """Whether the span is the first part of "<place>-based", "<place>-headquartered", "<place>-registered"."""
    doc = span.doc
    if span.end + 1 < len(doc) and doc[span.end].text == "-" and doc[span.end + 1].lower_ in _PLACE_SUFFIXES:
        return True
    # "The Kenilworth, New Jersey-based company": a place qualified by its state or country before the suffix
    end = span.end
    if end < len(doc) and doc[end].text == ",":
        k = end + 1
        while k < min(end + 4, len(doc)) and doc[k].text[:1].isupper():
            k += 1
        return k > end + 1 and k + 1 < len(doc) and doc[k].text == "-" and doc[k + 1].lower_ in _PLACE_SUFFIXES
    return False


def add_doc_entities(registry: EntityRegistry, doc, doc_index: int, sent_offset: int = 0) -> None:
    """Add the entity mentions of one spaCy ``Doc`` (one chunk of an article) to the registry."""
    while len(registry.sentence_offsets) <= doc_index:
        registry.sentence_offsets.append(sent_offset)
    rules = load_entity_rules()
    gaz = registry.gaz
    registry.current_doc = doc_index
    sent_starts = {s.start: i for i, s in enumerate(doc.sents)}
    sent_of = {}
    cur = 0
    for i in range(len(doc)):  # indices, not tokens: spaCy makes a Token object per access
        cur = sent_starts.get(i, cur)
        sent_of[i] = cur + sent_offset
    pending_people: list[tuple] = []
    for ent in _joined_ents(doc):
        if ent.label_ not in _KEEP_LABELS:
            continue
        span = _clean_span(ent, rules)
        if span is None:
            continue
        text = span.text.strip()
        norm = normalize_name(text)
        if (
            not norm
            or norm in rules.stoplist
            or not re.search(r"[A-Z]", text)
            or sum(not t.is_punct for t in span) > 8  # (words: "Hoshine Silicon Industry (Shanshan) Co., Ltd" is 6)
            or "\n" in text
            or re.fullmatch(r"[\d\W]+", text)
        ):
            continue
        ent_id = "" if is_national_name(ent) else (ent.ent_id_ or "")
        if not ent_id and ent.label_ in ("ORG", "FAC") and _street_name(text, rules):
            continue  # "on Avenue Montaigne": an address
        if not ent_id and _place_compound(span):
            continue  # "a Barnaul-based host": the name before "-based" is a place, not an organisation
        if not ent_id and len(span) == 1 and span[0].tag_ not in ("NNP", "NNPS"):
            continue  # a capitalised common word ("Operators said ...")
        if not ent_id and ent.label_ == "ORG" and len(span) == 1 and span[0].lower_ in rules.government_words:
            continue  # a bare "Ministry" left after trimming
        if not ent_id and ent.label_ == "ORG" and _is_portfolio_of_title(gaz, span):
            # "Finance" in "India's Finance Minister X" names India's ministry; with no country
            # before it, it is no organisation (the roles extractor finds the minister's country)
            cid = country_qualifier(registry, span)
            ministry = gaz.ministry_of(cid, gaz.parse_portfolio(text) or "") if cid else None
            if ministry is None:
                continue
            if span[-1].lower_ in load_lexicon("roles.yaml")["department_titles"]:
                span = span[:-1]  # "Finance Minister" tagged whole: the ministry is "Finance"
                text = span.text
            ent_id = f"gaz:{ministry.id}"
        local: LocalEntity | None = None
        if ent.label_ == "NORP" or ent_id.startswith("demonym:"):
            continue  # demonyms feed basedIn, not entities
        if is_leader_body(registry, span, ent.label_, ent_id, rules):
            # "the Erdogan government": the government the person heads, else no entity at all
            local = leader_government(registry, text)
            if local is not None:
                span = span.doc[span.start : span.end + 1]
                record(registry, local, span, span.text, doc_index, sent_of)
            continue
        if ent_id.startswith("capital:"):
            if not government_position(span, rules):
                continue  # "in Beijing" is a place; "Beijing retaliated" is the government
            gov = gaz.government_of(ent_id.split(":", 1)[1])
            if gov is None:
                continue
            local = registry.add_gaz(gov.id, implicit=False)
        elif ent_id.startswith("generic:"):
            local = _generic_body(registry, span, text)
        elif ent_id.startswith("gaz:") and _is_medium(span, ent_id[4:], rules):
            continue  # "wrote on Twitter": the platform is the medium, not an actor
        elif ent_id.startswith("gaz:"):
            entry = gaz.entries[ent_id[4:]]
            cid = country_qualifier(registry, span) if entry.type != "Country" else None
            if cid and entry.country and entry.country != cid:
                # "China's Commerce ministry": the alias belongs to another country's body
                local = _body_of_country(registry, text, cid, entry.type, qualified=True)
            else:  # "Fiat Chrysler Automobiles ... FCA": an acronym of a name told before, not the list's other FCA
                local = registry.spelt_out(text, ent_id[4:]) or registry.add_gaz(ent_id[4:], implicit=False)
        else:
            local = _type_unknown(registry, span, ent.label_, text, rules, pending_people)
        if local is None:
            continue
        record(registry, local, span, text, doc_index, sent_of)
    pending_people[:] = _add_title_companies(registry, doc, doc_index, sent_of, pending_people, rules)
    attach_short_names(registry, pending_people, doc_index, sent_of)


@dataclass(frozen=True)
class _TitleCompanyRules:
    titles: tuple[tuple[str, ...], ...]  # "chief executive", "ceo", "founder", longest first
    modifiers: frozenset[str]  # "former", "acting", "tech": capitalised words before a title that name no company


@functools.lru_cache(maxsize=1)
def _title_company_rules() -> _TitleCompanyRules:
    raw = load_lexicon("roles.yaml")
    titles, modifiers = raw.get("company_titles"), raw.get("title_modifiers")
    for key, value in (("company_titles", titles), ("title_modifiers", modifiers)):
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            raise DataError(f"kg/knowledge/data/roles.yaml: {key}: not a list of non-empty strings")
    return _TitleCompanyRules(
        titles=tuple(sorted((tuple(t.lower().split()) for t in titles), key=len, reverse=True)),
        modifiers=frozenset(m.lower() for m in modifiers) | frozenset(raw["titles"]),
    )


_NAME_LABELS = {"", "ORG", "PERSON", "GPE", "PRODUCT"}  # what the model may call a company it does not know


def _add_title_companies(registry: EntityRegistry, doc, doc_index: int, sent_of: dict, pending_people: list,
                         rules: EntityRules) -> list:
    """Companies named only beside a person's company title, which the model missed or called a person.

    "Bluefinch chief executive Tomas Varga", "Bluefinch's founder Tomas Varga", "Tomas Varga,
    chief executive of Bluefinch": the capitalised name (proper nouns, not a known place, not a
    title word such as "Former") is a Company. Returns the one-word people still pending.
    """
    tc = _title_company_rules()
    first_words = {tt[0] for tt in tc.titles}
    pending_at = {t.i: (span, text) for span, text in pending_people for t in span}
    taken: set[int] = set()

    def is_person(i: int) -> bool:
        lid = registry.token_entity.get((doc_index, i))
        return (lid is not None and registry.entities[lid].type == "Person") or (
            i in pending_at and i not in taken)

    def name_tokens(indices) -> list[int]:
        out = []
        for i in indices:
            t = doc[i]
            if (t.tag_ not in ("NNP", "NNPS") or not t.text[:1].isupper() or (doc_index, i) in registry.token_entity
                    or t.ent_type_ not in _NAME_LABELS or t.ent_id_ or t.lower_ in tc.modifiers
                    or normalize_name(t.text) in rules.stoplist or len(out) == 4):
                break
            out.append(i)
        return sorted(out)

    for i in range(len(doc)):
        if doc[i].lower_ not in first_words:
            continue
        title = next((tt for tt in tc.titles if tuple(w.lower_ for w in doc[i : i + len(tt)]) == tt), None)
        if title is None:
            continue
        end = i + len(title)
        before = i - 1 - (i > 0 and doc[i - 1].lower_ in ("'s", "’s"))
        names: list[int] = []
        if before >= doc[i].sent.start and end < len(doc) and is_person(end):
            names = name_tokens(range(before, doc[i].sent.start - 1, -1))  # "Bluefinch chief executive Tomas Varga"
        elif end + 1 < len(doc) and doc[end].lower_ in ("of", "at"):
            k = i - 1 - (i > 0 and doc[i - 1].lower_ in ("the", "a"))
            if k >= 1 and doc[k].text == "," and is_person(k - 1):
                first = end + 1 + (doc[end + 1].lower_ == "the")
                names = name_tokens(range(first, doc[i].sent.end))  # "Tomas Varga, chief executive of Bluefinch"
        if not names:
            continue
        span = doc[names[0] : names[-1] + 1]
        text = span.text
        if len(names) == 1 and is_person_word(registry, text):
            continue  # "Page's co-founder Sergey Brin": a surname of someone in the article
        entry = registry.gaz.lookup(text, ("Company", "Organization"))
        local = registry.add_gaz(entry.id, implicit=False) if entry else \
            registry.get_or_add(f"Organization:{org_key(text, rules)}", "Company")
        taken.update(names)
        record(registry, local, span, text, doc_index, sent_of)
    return [(span, text) for span, text in pending_people if not any(t.i in taken for t in span)]


def _is_portfolio_of_title(gaz: Gazetteer, span) -> bool:
    """True for a span that is a minister's portfolio before the title ("Defence" of "Defence Minister")."""
    titles = load_lexicon("roles.yaml")["department_titles"]
    words = [t.lower_ for t in span]
    if words[-1] in titles:
        words = words[:-1]
    elif span.end >= len(span.doc) or span.doc[span.end].lower_ not in titles:
        return False
    return bool(words) and " ".join(words) in gaz.portfolio_words


def _generic_body(registry: EntityRegistry, span, text: str) -> LocalEntity:
    """"the Treasury", "the Foreign Ministry": that body of the qualifying or most-mentioned country."""
    qualifier = country_qualifier(registry, span)
    cid = qualifier or _main_country_so_far(registry)
    if cid:
        local = _body_of_country(registry, text, cid, "GovernmentBody", qualified=qualifier is not None)
    else:
        local = registry.get_or_add(f"Organization:{normalize_name(text)}:?", "GovernmentBody")
    if qualifier is None and not local.gaz_id:
        registry.guessed_bodies.add(local.local_id)
    elif qualifier is not None:
        registry.guessed_bodies.discard(local.local_id)  # also named with its country
    return local


def _body_of_country(registry: EntityRegistry, text: str, cid: str, etype: str, *, qualified: bool) -> LocalEntity:
    """The body of one country a name means: its gazetteer entry, else (when the name says the
    country) its ministry for the portfolio the name states ("India's Finance Ministry" ->
    Ministry of Finance (India)), else an unlinked body.

    A country only guessed from the article gets no ministry: "the Treasury" in a story mostly
    about Russia is often the American one.
    """
    gaz = registry.gaz
    entry = gaz.lookup_in_country(text, cid, (etype,))
    if entry is None and etype == "GovernmentBody" and qualified:
        portfolio = gaz.parse_portfolio(text)
        entry = gaz.ministry_of(cid, portfolio) if portfolio else None
    if entry is not None:
        return registry.add_gaz(entry.id, implicit=False)
    return registry.get_or_add(f"Organization:{normalize_name(text)}:{cid}", etype)


def _main_country_so_far(registry: EntityRegistry) -> str | None:
    counts: dict[str, int] = {}
    first: dict[str, int] = {}
    for order, e in enumerate(registry.entities):
        if e.gaz_id and not e.implicit:
            entry = registry.gaz.entries[e.gaz_id]
            cid = entry.id if entry.type == "Country" else entry.country
            if cid:
                counts[cid] = counts.get(cid, 0) + e.mentions
                first.setdefault(cid, order)
    if not counts:
        return None
    return min(counts, key=lambda c: (-counts[c], first[c]))  # ties: the country named first


def _is_medium(span, gaz_id: str, rules: EntityRules) -> bool:
    doc = span.doc
    if gaz_id not in rules.platforms or span.start < 2 or doc[span.start - 1].lower_ not in ("on", "via"):
        return False
    window = doc[max(span.sent.start, span.start - 5) : span.start - 1]
    return any(t.lemma_.lower() in rules.platform_verbs or t.lower_ in rules.platform_verbs for t in window)


def _joined_ents(doc) -> list:
    """The doc's entity spans, with "Ministry of" + "Commerce" joined into one organisation."""
    from spacy.tokens import Span

    ents = list(doc.ents)
    out = []
    i = 0
    while i < len(ents):
        a = ents[i]
        if (
            i + 1 < len(ents)
            and a.label_ == "ORG"
            and ents[i + 1].label_ == "ORG"
            and ents[i + 1].start == a.end
            and a[-1].lower_ in ("of", "for", "and")
        ):
            out.append(Span(doc, a.start, ents[i + 1].end, label="ORG"))
            i += 2
            continue
        out.append(a)
        i += 1
    return national_names(doc, out)


def country_qualifier(registry: EntityRegistry, span) -> str | None:
    """The country named right before an organisation ("China's Ministry of Commerce", "Chinese regulator SAMR")."""
    doc = span.doc
    i = span.start - 1
    if i >= 1 and doc[i].lower_ in ("'s", "’s"):
        i -= 1
    if i < 0:
        return None
    tok = doc[i]
    if tok.ent_id_.startswith("demonym:"):
        return tok.ent_id_.split(":", 1)[1]
    lid = registry.token_entity.get((registry.current_doc, i))
    if lid is not None:
        ent = registry.entities[lid]
        if ent.type == "Country":
            return ent.gaz_id
        if ent.gaz_id and ent.gaz_id.endswith("-government"):
            return registry.gaz.entries[ent.gaz_id].country
    return None


def _type_unknown(registry: EntityRegistry, span, label: str, text: str, rules: EntityRules, pending_people: list):
    gaz = registry.gaz
    if label == "PERSON":
        entry = gaz.lookup(text, ("Person",))
        if entry:
            return registry.add_gaz(entry.id, implicit=False)
        entry = gaz.lookup(text, ("Company", "Organization", "GovernmentBody"))
        if entry:
            return registry.add_gaz(entry.id, implicit=False)  # a known organisation tagged PERSON
        same_org = registry.by_key.get(f"Organization:{org_key(text, rules)}")
        if same_org is not None and len(span) == 1:
            return registry.entities[same_org]  # named as an organisation earlier in the article
        prev = span.doc[span.start - 1] if span.start > 0 else None
        if prev is not None and prev.lower_ in _COMPANY_HEADS and prev.pos_ == "NOUN" and len(span) == 1:
            # "gadget maker Zentrix": a company named after a company noun
            return registry.get_or_add(f"Organization:{org_key(text, rules)}", "Company")
        if any(c.dep_ == "appos" and c.lemma_.lower() in _COMPANY_HEADS for c in span.root.children) \
                or (span.root.dep_ == "appos" and span.root.head.lemma_.lower() in _COMPANY_HEADS):
            # "Kraft Heinz, the American food group", "the food group Kraft Heinz": a company, not a person
            return registry.get_or_add(f"Organization:{org_key(text, rules)}", "Company")
        last = normalize_name(text).split()[-1:]
        if len(span) > 1 and last and (last[0] in rules.company_words or last[0] in rules.org_name_ends) \
                and not said_of_a_person(span) and not (last[0] in rules.trade_words and opens_with_given_name(text, rules)):
            # "Ostrava Rail", "Zara Holdings": no person's name ends in a word that names an organisation
            etype = org_type(span, text, rules)
            return registry.get_or_add(f"Organization:{org_key(text, rules)}", etype)
        # "Huawei Ren Zhengfei": a known organisation name glued before a person's name
        words = text.split()
        for k in range(1, len(words) - 1):
            if gaz.lookup(" ".join(words[:k]), ("Company", "Organization", "GovernmentBody")):
                text = " ".join(words[k:])
                span = span[k:]
                break
        if len(text.split()) == 1:
            pending_people.append((span, text))
            return None
        if not all(w[:1].isupper() or w.lower() in NAME_PARTICLES for w in text.split()):
            return None
        return registry.get_or_add(f"Person:{normalize_name(text)}", "Person")
    if label in ("GPE", "LOC", "FAC"):
        if len(text.split()) == 1 and is_person_word(registry, text):
            pending_people.append((span, text))  # "Deripaska" tagged as a place
            return None
        entry = gaz.lookup(text, ("Country", "GovernmentBody"))
        if entry:
            return registry.add_gaz(entry.id, implicit=False)
        if len(text.split()) == 1 and not _after_place_word(span) and is_known_person_word(registry, text):
            pending_people.append((span, text))  # "Erdogan said": a known person tagged as a place
            return None
        if owned_by_country(span) and country_of_place(text) is None and not is_person_word(registry, text):
            # "Germany's Uniper", "Finland's Fortum": a name a country owns that no list knows as a place
            return registry.get_or_add(f"Organization:{org_key(text, rules)}", org_type(span, text, rules))
        return None  # cities, regions and places are not entities of this graph
    # ORG
    cid = country_qualifier(registry, span)
    if cid:
        # "Turkey's Ministry of National Defence": the country's ministry of that portfolio, however it is worded
        entry = gaz.lookup_in_country(text, cid, ("GovernmentBody", "Company", "Organization")) or (
            gaz.ministry_of(cid, gaz.parse_portfolio(text) or "") if set(rules.government_words) & set(
                normalize_name(text).split()) else None)
        if entry is not None:
            return registry.add_gaz(entry.id, implicit=False)
    words = text.split()
    leader = " ".join(words[:-1])
    if len(words) > 1 and words[-1].lower() in rules.leader_body_words and names_person(registry, leader):
        # "the Maduro government": the government its leader heads, when the data says which
        return leader_government(registry, leader)
    if gaz.lookup(text, ("Company", "Organization", "GovernmentBody")) is None and not _beside_company_noun(span):
        if len(words) == 1 and (is_known_person_word(registry, text) or (said_of_a_person(span) and not text.isupper())):
            # "Trump" tagged ORG, "Lindqvist, 54," and "Mr Lindqvist" too: attached to the full name
            pending_people.append((span, text))
            return None
        person = person_of_name(registry, text) if len(words) > 1 else None
        if person is not None:
            return person  # a person's full name tagged ORG
        if is_titled_name(span, rules):
            return registry.get_or_add(f"Person:{normalize_name(text)}", "Person")  # "Culture Secretary Jane Roe"
        if opens_with_given_name(text, rules) and not _org_said(span):
            return registry.get_or_add(f"Person:{normalize_name(text)}", "Person")  # "Brent Saunders" tagged ORG
        if len(words) > 1 and holds_title(span) and not _org_said(span) and not set(
                normalize_name(text).split()) & (rules.company_words | rules.org_name_ends):
            return registry.get_or_add(f"Person:{normalize_name(text)}", "Person")  # "removed X as its chairman"
    entry = gaz.lookup(text) or gaz.lookup(org_key(text, rules))
    if entry and entry.type != "Person":
        return registry.add_gaz(entry.id, implicit=False)
    if (spelt := registry.spelt_out(text)) is not None:
        return spelt  # an acronym of an organisation named in full in this article
    etype = class_of_head(span) or org_type(span, text, rules)
    return registry.get_or_add(f"Organization:{org_key(text, rules)}", etype)


_PLACE_WORDS = frozenset({"in", "at", "from", "near", "to", "into", "across", "outside", "around", "via",
                          "throughout", "of"})


def _street_name(text: str, rules: EntityRules) -> bool:
    """A street's or square's name ("Avenue Montaigne", "Nevsky Prospekt"), not a company named after one."""
    words = normalize_name(text).split()
    return len(words) > 1 and (words[0] in rules.street_words or words[-1] in rules.street_words) and not (
        set(words) & rules.company_words or words[-1] in rules.org_name_ends)


def _after_place_word(span) -> bool:
    """True for a name after a locative preposition ("in Austin"): a place, whoever shares its name."""
    return span.start > 0 and span.doc[span.start - 1].lower_ in _PLACE_WORDS


def _org_said(span) -> bool:
    """Words right after a name that only an organisation takes: "X's shares", "X Inc", "X, which" (not "who")."""
    doc = span.doc
    after = [t.lower_ for t in doc[span.end:span.end + 3]]
    return (after[:2] in (["'s", "shares"], ["’s", "shares"]) or after[:1] in (["shares"], ["stock"])
            or after[:2] == [",", "which"])


def _beside_company_noun(span) -> bool:
    """True for a name right after or before a company noun ("retailer Morrison", "Morrison group")."""
    doc = span.doc
    prev = doc[span.start - 1] if span.start > 0 else None
    nxt = doc[span.end] if span.end < len(doc) else None
    return any(t is not None and t.lower_ in _COMPANY_HEADS and t.pos_ == "NOUN" for t in (prev, nxt))



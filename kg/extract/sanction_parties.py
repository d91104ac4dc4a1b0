"""The parties and terms of a sanction: who imposes it, whom it targets, its programme, and its hedges.

Imposers are government bodies, countries and heads of government (a person stands for the body they head);
targets are named entities, the country of a sector ('Iranian oil'), the maker of a product, or the country
reacting to a measure. Programme names and trigger words come from ``kg/knowledge/data/events.yaml``. Used by
:mod:`kg.extract.sanctions`.
"""
from __future__ import annotations

import functools
import re

from kg.extract.common import (
    conjuncts,
    entities_of_np,
    entity_of_token,
    events_lexicon,
    subject_of,
    subtree_text,
)
from kg.extract.context import ExtractContext
from kg.extract.facts import EventFact
from kg.extract.frame_nouns import hung_in_object, own_preps, traded
from kg.nlp.registry import LocalEntity

IMPOSER_TYPES = ("GovernmentBody", "Country", "Person")


TARGET_TYPES = ("Company", "Organization", "GovernmentBody", "Country", "Person")


@functools.lru_cache(maxsize=1)
def sanction_lexicon() -> dict:
    lex = events_lexicon()["sanctions"]
    return {**lex, "programs_rx": [(re.compile(p["pattern"], re.I), p) for p in lex["programs"]]}


@functools.lru_cache(maxsize=4096)  # asked of the same sentence by several extractors: 23 regexes each time
def _program_entry(text: str) -> dict | None:
    """The first programme of ``events.yaml`` the text names."""
    return next((p for rx, p in sanction_lexicon()["programs_rx"] if rx.search(text)), None)


def program_of(text: str) -> str | None:
    entry = _program_entry(text)
    return entry["name"] if entry is not None else None


def is_generic_program(name: str) -> bool:
    """A programme name that is only a word of the sentence ("sanctions", "ban"), or the default "restrictions"."""
    return name == "restrictions" or any(p.get("generic") and p["name"] == name for p in sanction_lexicon()["programs"])


def program_of_measure(text: str, trigger, words, *, noun: bool) -> str | None:
    """The programme of a measure: one the sentence names ("the Entity List"), else what the measure's own words
    say it is (``measure_names``: a ``noun`` trigger names itself first; else the first of ``words``,
    the measure nouns and arguments around the predicate, then the predicate), else a generic word of the
    sentence ("sanctions", "ban")."""
    tokens = [trigger, *words] if noun else [*words, trigger]
    entry = _program_entry(text)
    if entry is not None and not entry.get("generic"):
        return entry["name"]
    names = sanction_lexicon().get("measure_names") or {}
    for tok in tokens:
        if tok.ent_type_ or tok.pos_ == "PROPN" or _in_reason(tok):
            continue  # a word of a name ("Kestrel Exports"), or of why ("over shipments of oil", "for its trade")
        for word in (tok.lemma_.lower(), tok.lower_):
            if word in names:
                return str(names[word])
    return entry["name"] if entry is not None else None


_REASON_PREPS = frozenset({"for", "over", "because", "amid", "after", "despite", "in"})


def _in_reason(tok) -> bool:
    """Whether a word is inside a phrase of reason or circumstance: "for its investment in Crimea", "over unpaid
    duties", "In addition" (three heads up at most)."""
    t = tok
    for _ in range(3):
        if t.head.i == t.i:
            return False
        if t.dep_ == "pobj" and t.head.lower_ in _REASON_PREPS:
            return True
        t = t.head
    return False


def program_authority(text: str) -> str | None:
    """The gazetteer id of the body that keeps the first programme the text names (the Entity List: the US
    Commerce Department), if the lexicon knows it."""
    entry = _program_entry(text)
    return entry.get("authority") if entry is not None else None


def _group_noun(tok) -> bool:
    groups = sanction_lexicon()["group_nouns"]
    return tok.lemma_.lower() in groups or tok.lower_ in groups


def _bloc_named_before(ctx: ExtractContext, di: int, tok) -> LocalEntity | None:
    """"the bloc", "the 27-nation bloc": the union of states (``sanctions.blocs``) named last in this sentence or the
    five before it."""
    lex = sanction_lexicon()
    if tok.lemma_.lower() not in lex.get("bloc_nouns", ()) or ctx.entity_at(di, tok) is not None or not any(
            c.dep_ == "det" and c.lower_ == "the" for c in tok.children):
        return None
    blocs = frozenset(lex.get("blocs", ()))
    sents = [*ctx.sentences_before(di, tok.sent.start, 5), ctx.docs[di][tok.sent.start : tok.i]]
    for span in reversed(sents):
        found = [e for e in ctx.entities_in(di, span) if e.gaz_id in blocs]
        if found:
            return found[-1]
    return None


def imposers_of_np(ctx: ExtractContext, di: int, tok) -> list[LocalEntity]:
    """The bodies a subject names: entities, or the body behind a group noun ("EU leaders",
    "US officials", "Chinese authorities")."""
    if (bloc := _bloc_named_before(ctx, di, tok)) is not None:
        return [bloc]  # "The bloc listed Gao Qiang": the union of states the article named last
    # "China's foreign ministry": the country qualifying a group noun first, before names the parser hung on it
    grouped = _group_noun(tok) and ctx.entity_at(di, tok) is None
    found = [] if grouped else entities_of_np(ctx, di, tok, types=IMPOSER_TYPES)
    if found:
        return found
    for h in [tok, *(c for c in tok.children if c.dep_ == "conj")]:
        if not _group_noun(h):
            continue
        for c in h.children:
            if c.dep_ == "prep" and c.lower_ == "in":
                c = next((p for p in c.children if p.dep_ == "pobj"), c)  # "the foreign ministry in Beijing"
            elif c.dep_ not in ("compound", "amod", "poss", "nmod"):
                continue
            ent = ctx.entity_at(di, c)
            if ent is None and c.ent_id_.startswith("demonym:"):
                gaz_id = c.ent_id_.split(":", 1)[1]
                ent = ctx.registry.add_gaz(gaz_id) if gaz_id in ctx.gaz.entries else None
            elif ent is None and c.ent_id_.startswith("capital:"):
                gov = ctx.gaz.government_of(c.ent_id_.split(":", 1)[1])  # "the foreign ministry in Beijing"
                ent = ctx.registry.add_gaz(gov.id) if gov is not None else None
            if ent is not None and ent.type in ("GovernmentBody", "Country") and ent not in found:
                found.append(ent)
    if not found and grouped:
        # a group noun no country qualifies: what the phrase names, if anything
        found = entities_of_np(ctx, di, tok, types=IMPOSER_TYPES)
    return found


def is_imposer(ctx: ExtractContext, ent: LocalEntity | None) -> bool:
    if ent is None:
        return False
    if ent.type in ("GovernmentBody", "Country"):
        return True
    if ent.type == "Person":
        return ent.gaz_id is not None or any(
            e.type == "GovernmentBody" for e in ctx.entities if e.local_id in heads(ctx, ent)
        )
    return False


def heads(ctx: ExtractContext, person: LocalEntity) -> set[int]:
    return {r.object for r in ctx.relations(("headOf", "memberOf", "employeeOf")) if r.subject == person.local_id}


def modifier_imposer(ctx: ExtractContext, di: int, noun) -> LocalEntity | None:
    """The body or country modifying a measure noun: "US sanctions", "China's unreliable entity list"."""
    for c in noun.children:
        if c.dep_ in ("compound", "poss", "amod", "nmod"):
            ent = entity_of_token(ctx, di, c, allow_pronouns=False)
            if ent is None and c.lower_ in ("its", "their") and c.dep_ == "poss":
                # "the US Commerce Department tightened its restrictions on Huawei"
                ent = ctx.possessor_org(di, c, ("GovernmentBody",))
            if ent is None and c.ent_id_.startswith("demonym:"):
                ent = ctx.registry.add_gaz(c.ent_id_.split(":", 1)[1])
            if ent is None and c.dep_ == "compound":
                ent = modifier_imposer(ctx, di, c)
            if is_imposer(ctx, ent):
                return ent
    return None


def agent_of_measure(ctx: ExtractContext, di: int, noun) -> LocalEntity | None:
    """"placed under an embargo by the European Union": the "by" phrase hangs from the measure noun."""
    for c in noun.children:
        if c.dep_ == "prep" and c.lower_ == "by":
            for p in c.children:
                if p.dep_ == "pobj":
                    found = [e for e in entities_of_np(ctx, di, p, types=IMPOSER_TYPES) if is_imposer(ctx, e)]
                    if found:
                        return found[0]
    return None


def measure_nouns(tok) -> list:
    """Measure nouns in a verb's prepositional phrases ("to the Entity List", "on a blacklist")."""
    lex = sanction_lexicon()
    out = []
    # "placed X on a blacklist": the phrase may hang from the verb or from its object
    objs = [c for c in tok.children if c.dep_ in ("dobj", "obj")]
    # "put Hikvision and 27 other organisations on its Entity List": the phrase may hang from a conjunct
    heads = [tok, *objs, *(c for o in objs for c in o.subtree if c.dep_ == "conj" and c.head in objs)]
    children = [c for h in heads for c in h.children]
    own = own_preps(tok)
    # "put A and two men who lead armed groups on its list": the phrase the parser hung in a relative clause
    children += [c for o in objs for c in hung_in_object(o, own, [o, *conjuncts(o)]) if c not in children]
    for c in children:
        if c.dep_ == "prep" and c.lower_ in ("to", "on", "onto", "under", "in"):
            for p in c.children:
                if p.dep_ == "pobj" and p.lemma_.lower() in lex["measure_heads"] + lex["nouns"] and not other_list(p):
                    out.append(p)
        if c.dep_ == "advmod" and c.lower_ == "there":
            out.append(c)
    return out


def other_list(noun) -> bool:
    """A list that is no measure: "a watch list", "its priority list" (``other_lists`` of events.yaml)."""
    others = sanction_lexicon().get("other_lists") or ()
    return any(c.dep_ in ("compound", "amod") and c.lower_ in others for c in noun.children)


def qualified_list(noun) -> bool:
    """A list a word before it says is of sanctions: "the US terrorism list", "a terror list" (``list_qualifiers``)."""
    words = sanction_lexicon().get("list_qualifiers") or ()
    return any(c.dep_ in ("compound", "amod") and c.lemma_.lower() in words for c in noun.children)


def sanctions_near(p) -> bool:
    """Whether a body's bare measure word ("the EU's list", "its regime") stands among words of sanctions, so that the
    frame reader takes it for a sanctions list or regime: a sanction word compounded on it, or one in its sentence or
    the text just before ("added to the EU's list for breaking the arms embargo"; "... the Entity List. It added 12
    more firms to its list"). (The shape reader of kg/extract/sanctions.py still takes any list a listing verb adds
    to, "a list of companies ... owned by the military", so a list of approved suppliers is read there too.)"""
    lex = sanction_lexicon()
    if any(c.dep_ == "compound" and c.lemma_.lower() in lex["nouns"] for c in p.children):
        return True
    near = p.doc[max(0, p.sent.start - _LIST_CONTEXT) : p.sent.end]
    words = {*lex["nouns"], *lex["verbs"]} - {*lex["list_verbs"], *_VAGUE_MEASURES}  # not "list", "add", "rules"
    return any(t.lemma_.lower() in words and t.i != p.i for t in near) or program_of(near.text) is not None


_LIST_CONTEXT = 60  # tokens before a bare list's sentence that may say what list it is
_VAGUE_MEASURES = frozenset({"list", "order", "rule", "rules", "measure", "measures", "control", "controls",
                             "restriction", "restrictions"})


def targets_of_noun(ctx: ExtractContext, di: int, noun) -> list[LocalEntity]:
    for c in noun.children:
        if c.dep_ == "prep" and c.lower_ in ("on", "against", "targeting", "of"):
            pobj = next((p for p in c.children if p.dep_ == "pobj"), None)
            if pobj is not None:
                return entities_of_np(ctx, di, pobj, types=TARGET_TYPES) or sector_targets(ctx, di, pobj)
        if c.dep_ in ("acl", "relcl") and c.lemma_.lower() in ("target", "aim", "hit", "affect"):
            # "US measures targeting China's chip industry", "sanctions aimed at Moscow"
            for o in c.children:
                heads = [o] if o.dep_ in ("dobj", "obj") else [p for p in o.children if p.dep_ == "pobj"] \
                    if o.dep_ == "prep" and o.lower_ in ("at", "on", "against") else []
                for h in heads:
                    found = entities_of_np(ctx, di, h, types=TARGET_TYPES) or sector_targets(ctx, di, h)
                    if found:
                        return found
    return _misread_clause_target(ctx, di, noun)


_IMPOSING = frozenset({"impose", "place", "slap", "put", "level", "clamp"})


def _misread_clause_target(ctx: ExtractContext, di: int, noun) -> list[LocalEntity]:
    """"lifted the sanctions that the bloc imposed on Mali": the relative clause's "on" phrase when the parser took
    the clause for a noun phrase ("the bloc [imposed on Mali]"); read on the surface, up to the next comma."""
    doc = noun.doc
    for j in range(noun.i + 1, min(noun.i + 8, noun.sent.end - 2)):
        if doc[j].is_punct or doc[j].pos_ in ("AUX",) or doc[j].lower_ in ("and", "but"):
            return []
        if doc[j].lemma_.lower() in _IMPOSING and doc[j + 1].lower_ in ("on", "against"):
            pobj = next((p for p in doc[j + 1].children if p.dep_ == "pobj"), None)
            return entities_of_np(ctx, di, pobj, types=TARGET_TYPES) if pobj is not None else []
    return []


def reacting_target(ctx: ExtractContext, di: int, noun) -> list[LocalEntity]:
    """"Beijing has hit back at the export restrictions unveiled by Washington": the country reacting."""
    head = noun.head
    if noun.dep_ == "pobj" and head.dep_ == "prep":
        head = head.head
    if head.pos_ != "VERB" or head.lemma_.lower() not in sanction_lexicon()["reaction_verbs"] or head.i == noun.i:
        return []
    subj = next((c for c in head.children if c.dep_ == "nsubj"), None)
    if subj is None:
        return []
    return [e for e in entities_of_np(ctx, di, subj, types=("Country", "GovernmentBody", "Company", "Organization"))]


def hypothetical(tok) -> str | None:
    """"threatened sanctions", "urged the department to add X to the Entity List": not imposed (yet)."""
    lex = sanction_lexicon()["hypothetical"]
    t = tok
    for _ in range(4):
        if t.head.i == t.i:
            break
        if t.dep_ not in ("dobj", "xcomp", "ccomp", "pobj", "prep", "advcl", "conj", "nsubjpass"):
            break
        t = t.head
        lemma = t.lemma_.lower()
        for status, verbs in lex.items():
            if lemma in verbs and t.pos_ in ("VERB", "NOUN"):
                return status
    return None


_MAYBE = frozenset({"may", "might", "could", "would", "should"})


def relief_status(tok) -> str | None:
    """"may lift the sanctions", "plans to lift them": a relief not (yet) granted ("proposed"), else None."""
    return hypothetical(tok) or ("proposed" if any(c.dep_ == "aux" and c.lower_ in _MAYBE for c in tok.children)
                                 else None)


def is_sector(tok) -> bool:
    """Whether a word names goods or a sector a measure can name instead of a country ("Iranian oil")."""
    heads = sanction_lexicon()["sector_heads"]
    return tok.lemma_.lower() in heads or tok.lower_ in heads or traded(tok)


def sector_country(ctx: ExtractContext, di: int, np) -> LocalEntity | None:
    """The country whose goods or sector a noun phrase names: "Iranian oil", "Venezuela's oil exports",
    "imports of Russian crude", "oil from Iran"."""
    if not (is_sector(np) or any(c.dep_ == "compound" and is_sector(c) for c in np.children)):
        return None
    for t in np.subtree:
        if t.i != np.i and t.dep_ in ("relcl", "acl", "advcl"):
            continue
        if (country := _country_of(ctx, di, t)) is not None:
            return country
    return None


def national_group_country(ctx: ExtractContext, di: int, np) -> LocalEntity | None:
    """The country a group of people (``national_groups``) has for its own modifier ("five Myanmar generals",
    "Russian officials"), not one further down its phrase ("officials who visited Russia")."""
    groups = sanction_lexicon().get("national_groups", ())
    if np.lemma_.lower() not in groups and np.lower_ not in groups or any(
            c.dep_ in ("relcl", "acl") for c in np.children) or _for_another_country(ctx, di, np):
        return None  # "officers who defected to Turkey", "officials sanctioned for helping Russia"
    for t in np.children:
        if t.dep_ not in ("amod", "compound", "nmod") or t.i > np.i:
            continue
        for w in (t, *(c for c in t.children if c.dep_ == "compound")):
            if any(x.text == "-" for x in (w.nbor(-1) if w.i > 0 else w, w.nbor(1) if w.i + 1 < len(w.doc) else w)):
                continue  # "Iranian-American dual nationals"
            if (country := _country_of(ctx, di, w)) is not None:
                return country
    return None


def _country_of(ctx: ExtractContext, di: int, tok) -> LocalEntity | None:
    """The country a single word names: a demonym ("Russian") or a country's name."""
    if tok.ent_id_.startswith("demonym:"):
        gaz_id = tok.ent_id_.split(":", 1)[1]
        if gaz_id in ctx.gaz.entries and ctx.gaz.entries[gaz_id].type == "Country":
            return ctx.registry.add_gaz(gaz_id)
    ent = ctx.entity_at(di, tok)
    return ent if ent is not None and ent.type == "Country" else None


def _for_another_country(ctx: ExtractContext, di: int, np) -> bool:
    """A reason phrase on the measure's verb names a country ("sanctioned three Ukrainian officials for helping
    Russia"): the group is not aimed at as its own country's."""
    verb = np.head if np.dep_ in ("dobj", "obj") else np.head.head
    return any(c.dep_ == "prep" and c.lower_ in ("for", "over") and any(
        (e := ctx.entity_at(di, t)) is not None and e.type == "Country" for t in c.subtree) for c in verb.children)


def sector_targets(ctx: ExtractContext, di: int, np) -> list[LocalEntity]:
    """Countries targeted through their goods or sectors, for each conjunct of a noun phrase."""
    out: list[LocalEntity] = []
    for h in [np, *(c for c in np.children if c.dep_ == "conj")]:
        country = sector_country(ctx, di, h)
        if country is not None and country not in out:
            out.append(country)
    return out


def sector_phrase(ctx: ExtractContext, di: int, sent, target: LocalEntity) -> str | None:
    """The goods or sector phrase through which a sentence targets a country ("Iranian oil exports")."""
    for tok in sent:
        if is_sector(tok) and tok.dep_ != "compound" and sector_country(ctx, di, tok) is target:
            return subtree_text(tok, stop_deps=("relcl", "acl", "advcl", "punct", "cc", "conj"))
    return None


def restriction(tok) -> str | None:
    """"banning it from buying American-made parts" -> "buying American-made parts"."""
    for t in tok.subtree:
        if t.dep_ == "prep" and t.lower_ in sanction_lexicon()["restriction_preps"]:
            comp = next((p for p in t.children if p.dep_ in ("pcomp", "pobj")), None)
            if comp is not None and comp.tag_ == "VBG":
                return subtree_text(comp, stop_deps=("relcl", "punct"))
    return None


def exclusion(tok) -> bool:
    """"removes Sberbank from the Swift system", "cut off from SWIFT": a sanction, whatever the verb."""
    if tok.lemma_.lower() not in ("remove", "cut", "disconnect", "exclude", "expel", "ban", "bar", "block"):
        return False
    systems = set(sanction_lexicon()["exclusion_systems"])
    return any(t.lower_ in systems for c in from_phrases(tok) for t in c.subtree)


def from_phrases(verb) -> list:
    """The "from" phrases of a verb, also when the parser hangs them on its object."""
    heads = [verb, *(c for c in verb.children if c.dep_ in ("dobj", "obj"))]
    return [c for h in heads for c in h.children if c.dep_ == "prep" and c.lower_ == "from"]


def relief_candidate(tok) -> bool:
    lex = sanction_lexicon()
    lemma = tok.lemma_.lower()
    if lemma not in lex["relief_verbs"] or tok.pos_ != "VERB" or exclusion(tok):
        return False  # asked of every word: the cheap tests first
    objs = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]
    words = {t.lemma_.lower() for o in objs for t in o.subtree}
    if lemma in ("remove", "delist", "take", "strike"):
        # "removed Rusal from its sanctions list": a sanctions list in the "from" phrase ("removed
        # Huawei from the list of approved suppliers" is not relief)
        if any(program_of(" ".join(t.text for t in c.subtree)) for c in from_phrases(tok)):
            return True
    if lemma in lex["relief_needs_object"]:
        return bool(words & set(lex["relief_nouns"]))
    if words & set(lex["relief_nouns"]) and not words & set(lex["nouns"]):
        return False  # "revoked the licences of X", "suspended its waiver": a permit taken away restricts
    return bool(words & (set(lex["nouns"]) | set(lex["relief_nouns"]) | {"blacklist", "list"})) or lemma in ("delist", "unfreeze")


def clause_subject_entity(ctx: ExtractContext, di: int, tok) -> LocalEntity | None:
    head = tok
    for _ in range(4):
        subj = subject_of(head) if head.pos_ in ("VERB", "AUX") else None
        if subj is not None:
            return entity_of_token(ctx, di, subj)
        if head.head.i == head.i:
            break
        head = head.head
    return None


def as_country(ctx: ExtractContext, ent: LocalEntity) -> LocalEntity:
    if ent.type == "GovernmentBody" and ent.gaz_id and ent.gaz_id.endswith("-government"):
        country = ctx.gaz.entries[ent.gaz_id].country
        if country and country in ctx.gaz.entries:
            return ctx.registry.add_gaz(country)
    return ent


def government_of_leader(ctx: ExtractContext, ent: LocalEntity) -> LocalEntity:
    if ent.type != "Person":
        return ent
    govs = [ctx.entities[r.object] for r in ctx.relations(("headOf",))
            if r.subject == ent.local_id and ctx.entities[r.object].type == "GovernmentBody"]
    return govs[0] if govs else ent


TARIFF_PROGRAMS = frozenset({"tariffs", "duties"})


def measure_program(program: str | None, text: str, anchor) -> str:
    """A named programme as told; else what the measure's own words say it is ("froze the assets of" -> asset
    freeze), its object's or its preposition's noun before the predicate; else "restrictions"."""
    if program and not is_generic_program(program):
        return program
    near = [c for c in anchor.children if c.dep_ in ("dobj", "obj", "nsubjpass", "attr")]
    near += [p for c in anchor.children if c.dep_ == "prep" for p in c.children if p.dep_ == "pobj"]
    return program_of_measure(text, anchor, near, noun=anchor.pos_ == "NOUN") or program or "restrictions"


def relaxed_earlier(told: list, anchor) -> EventFact | None:
    """The sanction told earlier in the article that a relief names only by its measure:
    "the denial order imposed in April will be lifted" -> the denial order on ZTE."""
    phrase = " ".join(t.text for c in anchor.children if c.dep_ in ("nsubjpass", "dobj", "obj") for t in c.subtree)
    program = program_of(phrase) if phrase else None
    if not program or program in ("sanctions", "restrictions"):
        return None
    for fact in reversed(told):
        if fact.program and program in fact.program:
            return fact
    return None

"""Helpers the extractors share: lexicons, noun-phrase -> entity, pronouns, dates."""
from __future__ import annotations

import functools
import re

from kg.extract.antecedents import governing_subject
from kg.extract.context import ORG_TYPES, ExtractContext
from kg.extract.described import described_org, recent_org_of_country
from kg.extract.np_lists import counted_list, group_named_before, member_cue  # noqa: F401 (member_cue: re-exported)
from kg.knowledge.entity_rules import load_entity_rules
from kg.knowledge.lexicons import load_lexicon
from kg.nlp.registry import LocalEntity

PERSON_PRONOUNS = {"he", "she", "him", "her", "his"}
ORG_PRONOUNS = {"it", "its"}
ORG_NOUNS_DEFINITE = {"the", "this"}
# "the department", "the ministry": the government body named last
BODY_NOUNS = {"board", "shareholder", "director", "management", "investor", "owner", "executive", "staff", "employee"}
GOV_NOUNS = {"department", "ministry", "agency", "regulator", "commission", "bureau", "administration", "treasury"}


@functools.lru_cache(maxsize=1)
def events_lexicon() -> dict:
    return load_lexicon("events.yaml")


@functools.lru_cache(maxsize=1)
def roles_lexicon() -> dict:
    return load_lexicon("roles.yaml")


def last_person_before(ctx: ExtractContext, di: int, token) -> LocalEntity | None:
    """The person most recently named before ``token`` (for "he"/"she"), unless named once in passing before its
    sentence ("money to Osama bin Laden's network. ... his assets") with a person told more often a subject since."""
    last = ctx.last_entity_before(di, token, ("Person",))
    if last is None or last.mentions > 1 or any(ctx.entity_at(di, t) is last for t in token.sent if t.i < token.i):
        return last
    subject = ctx.last_entity_before(di, token, ("Person",), where=lambda e: e.mentions > 1, subject=True)
    return subject or last


def entity_of_token(ctx: ExtractContext, di: int, token, *, allow_pronouns: bool = True) -> LocalEntity | None:
    """The entity a noun-phrase head stands for: the entity on the token itself or its compound/possessive/
    appositive/flat children; "he"/"she" -> the last person named; "it"/"the company" -> the organisation the
    sentence is about."""
    ent = ctx.entity_at(di, token)
    if ent is not None:
        return ent
    lower = token.lower_
    if allow_pronouns and lower in PERSON_PRONOUNS and token.pos_ == "PRON":
        return last_person_before(ctx, di, token)
    if allow_pronouns and lower in ("its", "their") and token.pos_ == "PRON":
        return _described_owner(ctx, di, token) or ctx.possessor_org(di, token)
    if allow_pronouns and lower in ORG_PRONOUNS and token.pos_ == "PRON":
        governing = governing_subject(token)  # "X, which moved to Ireland when it bought Y": X (not a person)
        governor = entity_of_token(ctx, di, governing, allow_pronouns=False) if governing is not None else None
        return _reporter_of(ctx, di, token) or (governor if governor is not None and governor.type != "Person"
                                                 else None) or ctx.topic_org(di, token.sent)
    named_class = token.pos_ == "NOUN" and token.lemma_.lower() in load_lexicon("class_nouns.yaml").get(
        "compound_name_heads", ())
    for child in token.children:
        # a name's own parts ("Petroleos de Venezuela SA"), the name of a body's noun ("the Ansarallah movement"; not
        # "the Botox maker", "the Kremlin party"); "a US firm" is not the US
        if child.dep_ in ("appos", "flat") or (child.dep_ == "compound" and (token.pos_ == "PROPN" or (named_class and (
                child.pos_ == "PROPN" and getattr(ctx.entity_at(di, child), "type", "") in ("Company", "Organization"))))):
            ent = ctx.entity_at(di, child)
            if ent is not None:
                return ent
    dets = {c.lower_ for c in token.children if c.dep_ in ("det", "poss")}
    if token.pos_ == "NOUN" and token.lemma_.lower() in BODY_NOUNS:
        # "AstraZeneca's board", "Qualcomm's shareholders", "the board of the Uxbridge-based confectioner"
        owners = [c for c in token.children if c.dep_ == "poss"] + [
            p for c in token.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children if p.dep_ == "pobj"]
        for c in owners:
            owner = entity_of_token(ctx, di, c, allow_pronouns=allow_pronouns)
            if owner is not None:
                return owner
        if token.lemma_.lower() == "board" and dets & ORG_NOUNS_DEFINITE and not owners and all(
                c.lower_ in load_lexicon("relations.yaml").get("company_board_words", ()) for c in token.children
                if c.dep_ in ("amod", "compound", "nmod")):  # not "the parole board", "the school board"
            # "The supervisory board, chaired by X, met": the board of the one company this and the two sentences
            # before name (of which, when they name several, is not said), unless a body named a board was told
            return ctx.last_entity_before(di, token, ORG_TYPES, where=lambda e: any(
                "board" in n.lower() for n in e.names)) or _only_org_near(ctx, di, token)
    if token.pos_ == "NOUN" and token.lemma_.lower() in GOV_NOUNS and dets & {"the", "this"}:
        # "the department": the body named last whose name says department, else the body named last
        word = token.lemma_.lower()
        return ctx.last_entity_before(di, token, ("GovernmentBody",), where=lambda e: any(
            word in n.lower() for n in [*e.names, *([ctx.gaz.entries[e.gaz_id].name] if e.gaz_id else [])])) \
            or ctx.last_entity_before(di, token, ("GovernmentBody",))
    if token.pos_ == "NOUN" and token.lemma_.lower() == "government" and dets & {"the", "this"} \
            and not any(c.dep_ in ("amod", "compound", "poss") for c in token.children):
        # "the government": the national government named last, else that of the country named last
        found = ctx.last_entity_before(di, token, ("GovernmentBody", "Country"))
        if found is not None and found.type == "Country" and found.gaz_id:
            gov = ctx.gaz.government_of(found.gaz_id)
            return ctx.registry.add_gaz(gov.id) if gov is not None else None
        if found is not None and found.type == "GovernmentBody" and found.gaz_id \
                and found.gaz_id.endswith("-government"):
            return found
        return None
    if (described := described_org(ctx, di, token) or ctx.named_by_head(di, token)) is not None:
        return described  # "the Uxbridge-based confectioner", "the St. Louis seed group"; "the pool" of "X Pool"
    demonym = next((c for c in token.children if c.dep_ in ("amod", "compound", "nmod")
                    and c.ent_id_.startswith("demonym:")), None)
    # "the American group": a group with a nationality is a company described ("the group" alone may be any)
    if token.pos_ in ("NOUN", "PROPN") and (token.lemma_.lower() in load_entity_rules().company_context or (
            token.lower_ == "group" and demonym is not None)):
        dets = {c.lower_ for c in token.children if c.dep_ in ("det", "poss")}
        if demonym is not None and dets & ORG_NOUNS_DEFINITE:
            # "the Dutch company": the organisation of that country named last, not any topic
            return recent_org_of_country(ctx, di, token, demonym.ent_id_.split(":", 1)[1])
        apposed = _comma_apposed(ctx, di, token)
        if apposed is not None:
            return apposed
        if dets & ORG_NOUNS_DEFINITE or (token.lower_ in ("company", "firm", "group") and dets & {"the"}):
            return ctx.topic_org(di, token.sent)
        # "the world's largest telecoms equipment provider"
        if any(c.dep_ == "poss" and c.lower_ == "world" for c in token.subtree) or any(
            c.dep_ == "amod" and c.tag_ == "JJS" for c in token.children
        ):
            return ctx.topic_org(di, token.sent)
    for child in token.children:
        if child.dep_ == "appos":
            # "Venezuela's state oil company, Petroleos de Venezuela SA"
            found = ctx.entities_in(di, child.subtree)
            if found:
                return found[0]
    return None


def _only_org_near(ctx: ExtractContext, di: int, token) -> LocalEntity | None:
    """The one company or organisation named in ``token``'s sentence (before it) and the two sentences before."""
    previous = ctx.sentences_before(di, token.sent.start, 2)
    start = previous[0].start if previous else token.sent.start
    named = {e.local_id: e for e in ctx.entities_in(di, ctx.docs[di][start:token.i], ORG_TYPES)}
    only = next(iter(named.values())) if len(named) == 1 else None
    return only if only is not None and only.type in ("Company", "Organization") else None  # not the Fed's board


def _described_owner(ctx: ExtractContext, di: int, its) -> LocalEntity | None:
    """What "its" stands for when its clause's subject is a definite description of a company: "Varden agreed to be
    taken over by Kestrel after the Norwegian group raised its offer": the Norwegian group's, not Varden's."""
    verb = clause_verb(its)
    subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None or subj.pos_ != "NOUN" or subj.left_edge.i <= its.i <= subj.right_edge.i or not any(
            c.dep_ == "det" and c.lower_ in ("the", "this") for c in subj.children):
        return None
    ent = entity_of_token(ctx, di, subj)
    return ent if ent is not None and ent.type in ("Company", "Organization") else None


def relative_antecedent(ctx: ExtractContext, di: int, whose) -> LocalEntity | None:
    """The organisation "whose" stands for: the name its clause or apposition hangs on ("Kestrel Foods,
    whose chief executive ..."), else the organisation named right before the comma."""
    t = whose
    for _ in range(6):
        if t.dep_ in ("relcl", "appos", "acl") and t.head.i != t.i:
            ent = ctx.entity_at(di, t.head)
            if ent is not None and ent.type in ORG_TYPES:
                return ent
            break
        if t.head.i == t.i:
            break
        t = t.head
    return _named_before_comma(ctx, di, whose, ORG_TYPES)


def _comma_apposed(ctx: ExtractContext, di: int, token) -> LocalEntity | None:
    """The organisation named just before ", <description>" when the parser attached the description
    elsewhere: "chose a proposal from Oracle, the database software firm co-founded by X" (the firm is
    Oracle). Not a subject ("after talks with Oracle, the company said"), nor a list ("Oracle, the firm
    and ...")."""
    if token.dep_ in ("nsubj", "nsubjpass", "conj") or any(c.dep_ == "cc" for c in token.children):
        return None
    return _named_before_comma(ctx, di, token.left_edge, ("Company", "Organization"))


def _named_before_comma(ctx: ExtractContext, di: int, tok, types) -> LocalEntity | None:
    """The entity of one of ``types`` named right before the comma that precedes ``tok``, in its sentence."""
    doc = ctx.docs[di]
    if tok.i - 2 < tok.sent.start or doc[tok.i - 1].text != ",":
        return None
    ent = ctx.entity_at(di, doc[tok.i - 2])
    return ent if ent is not None and ent.type in types else None


_REPORTING_VERBS = {"say", "announce", "confirm", "tell", "state", "add", "insist", "claim", "deny", "warn",
                    "explain", "note", "argue", "report", "indicate", "signal", "disclose", "reveal"}


def _reporter_of(ctx: ExtractContext, di: int, token) -> LocalEntity | None:
    """"Microsoft said it would continue talks": "it" is the organisation that said so."""
    if token.dep_ not in ("nsubj", "nsubjpass"):
        return None
    clause = token.head
    for _ in range(3):
        if clause.dep_ not in ("ccomp", "xcomp", "conj") or clause.head.i == clause.i:
            return None
        parent = clause.head
        if parent.lemma_.lower() in _REPORTING_VERBS:
            subj = next((c for c in parent.children if c.dep_ == "nsubj"), None)
            ent = entity_of_token(ctx, di, subj, allow_pronouns=False) if subj is not None else None
            return ent if ent is not None and ent.type in ("Company", "Organization", "GovernmentBody", "Country") \
                else None
        clause = parent
    return None


def entities_of_np(ctx: ExtractContext, di: int, token, types=None) -> list[LocalEntity]:
    """Every entity in a coordinated noun phrase ("Huawei and 70 affiliates", "EE, Vodafone and Three")."""
    heads = [token, *conjuncts(token)]
    out: list[LocalEntity] = []
    for h in heads:
        if h is not token and any(c.dep_ == "case" and c.lower_ in ("'s", "’s", "'") for c in h.children):
            continue  # "ByteDance's TikTok and Tencent's WeChat": Tencent owns WeChat, it is not listed
        ent = entity_of_token(ctx, di, h)
        if ent is None:
            # "three of the UK's largest providers (EE, Vodafone, and Three)": entities in an apposition
            appos = [c for c in h.children if c.dep_ == "appos"]
            for prep in (c for c in h.children if c.dep_ == "prep" and c.lower_ == "of"):
                for pobj in (p for p in prep.children if p.dep_ == "pobj"):
                    appos += [c for c in pobj.children if c.dep_ == "appos"]
            for e in _listed(ctx, di, appos) or counted_list(ctx, di, h) or group_named_before(ctx, di, h):
                if e not in out:
                    out.append(e)
            continue
        if ent not in out:
            out.append(ent)
        if ctx.entity_at(di, h) is None:
            # "two members of the cabinet, the finance minister X and the security minister Y": every member
            for e in _listed(ctx, di, [c for c in h.children if c.dep_ == "appos"]):
                if e not in out:
                    out.append(e)
        # "US defence contractors Lockheed Martin and Raytheon": the conjuncts of the name itself
        for c in h.children:
            if c.dep_ in ("appos", "compound", "flat") and ctx.entity_at(di, c) is ent:
                for t in conjuncts(c):
                    e = ctx.entity_at(di, t)
                    if e is not None and e not in out:
                        out.append(e)
    if types is not None:
        out = [e for e in out if e.type in types]
    return out


def _listed(ctx: ExtractContext, di: int, appos) -> list[LocalEntity]:
    """The entities an apposition lists, a title noun standing for the name it carries ("the finance minister
    Bezalel Smotrich and the security minister Itamar Ben-Gvir")."""
    out = []
    for c in appos:
        for t in [c, *conjuncts(c)]:
            e = ctx.entity_at(di, t) or next((x for n in t.children if n.dep_ in ("appos", "compound", "flat")
                                              and (x := ctx.entity_at(di, n)) is not None), None)
            if e is not None and e not in out:
                out.append(e)
    return out


def conjuncts(token) -> list:
    """Every conjunct of a token, depth first ("Huawei, ZTE and Hikvision"); a list of names the parser read as an
    apposition and its conjunct ("by Mara Quist, Tobias Lindqvist and Ana Ferreira": Lindqvist an apposition of Quist,
    Ferreira a conjunct of Lindqvist; "Mara Quist, her deputy Tobias Lindqvist and two other executives"), or as a
    name modifying the last ("are Ivan Petrov and Pavel Sokolov": Petrov a modifier of Sokolov, Pavel its conjunct)."""
    out = []
    for c in token.children:
        if c.dep_ == "conj" or (c.dep_ in ("appos", "nmod") and c.pos_ == "PROPN" and token.pos_ == "PROPN"
                                and any(g.dep_ == "conj" and g.pos_ in ("PROPN", "NOUN") for g in c.children)):
            out.append(c)
            out.extend(conjuncts(c))
        elif c.dep_ == "appos" and c.pos_ == "NOUN" and token.pos_ == "PROPN":
            # "A, the defence minister, B, who runs ..., and C": B hangs on A's title, and the list goes on
            for g in c.children:
                if g.dep_ == "conj" and g.pos_ == "NOUN" and any(x.dep_ == "nummod" for x in g.children):
                    out.append(g)  # a counted group: "A, the former president, and two men who lead ..."
                elif g.pos_ == "PROPN" and (g.dep_ == "conj" or (g.dep_ == "appos" and any(
                        (x.dep_ == "conj" and x.pos_ == "PROPN") or (x.dep_ == "appos" and x.pos_ == "NOUN")
                        for x in g.children))):
                    out.append(g)
                    out.extend(conjuncts(g))
    return out


def clause_verb(tok):
    """The verb of the clause ``tok`` is in: itself, else its nearest verb ancestor, else the sentence's root (a
    sentence that is only a noun phrase). Tokens are compared by index: spaCy makes a new Token on each access."""
    while tok.pos_ not in ("VERB", "AUX") and tok.head.i != tok.i:
        tok = tok.head
    return tok


def subject_of(verb):
    """The subject token of a verb (following xcomp/conj/relcl chains up)."""
    t = verb
    for _ in range(4):
        for c in t.children:
            if c.dep_ in ("nsubj", "nsubjpass", "csubj"):
                if c.lower_ in ("which", "who", "that") and t.dep_ == "relcl":
                    return t.head
                return c
        if t.dep_ == "pcomp" and t.head.dep_ == "prep":
            t = t.head.head  # "retaliated by banning ...": the subject of "retaliated"
            continue
        if t.dep_ == "xcomp":
            # object control: "urged its allies to block X" -> the allies block, not the urger
            obj = next((c for c in t.head.children if c.dep_ in ("dobj", "obj") and c.i < t.i), None)
            if obj is not None:
                return obj
        if t.dep_ in ("xcomp", "conj", "advcl", "ccomp", "acl") and t.head.i != t.i:
            if t.dep_ == "acl":
                return t.head
            t = t.head
            continue
        break
    return None


def agent_of_passive(verb):
    for c in verb.children:
        if c.dep_ == "agent":
            for p in c.children:
                if p.dep_ == "pobj":
                    return p
    return None


def span_text(tokens) -> str:
    """The text of a contiguous range covering ``tokens``, tidied."""
    tokens = sorted(tokens, key=lambda t: t.i)
    if not tokens:
        return ""
    doc = tokens[0].doc
    text = doc[tokens[0].i : tokens[-1].i + 1].text
    text = re.sub(r"\s+", " ", text).strip(" ,;:-–—\"“”'’")
    return text


def subtree_text(token, *, stop_deps: tuple[str, ...] = ("relcl", "advcl", "punct")) -> str:
    """Text of a token's subtree without relative/adverbial clauses and trailing punctuation."""
    keep = []

    def walk(t):
        keep.append(t)
        for c in t.children:
            if c.dep_ in stop_deps and c.i > token.i:
                continue
            walk(c)

    walk(token)
    keep.sort(key=lambda t: t.i)
    # stay contiguous from the first kept token
    run = [keep[0]]
    for t in keep[1:]:
        if t.i == run[-1].i + 1:
            run.append(t)
        else:
            break
    return span_text(run)


_PRECISION = {"day": 0, "month": 1, "year": 2}


def sentence_date(ctx: ExtractContext, sent, after=None):
    """The most precise date phrase in ``sent`` (after a token, if given), resolved: "..., the UK government announced
    on Tuesday" beats "by the end of this year" (the day an act is announced is its date; a deadline is vaguer)."""
    found = []
    for ent in sent.ents:
        if ent.label_ == "DATE" and (after is None or ent.start >= after.i - 3):
            resolved = ctx.date(ent.text)
            if resolved is not None:
                found.append((_PRECISION[resolved.precision], ent.start, resolved, ent.text))
    if not found:
        return None, None
    _, _, resolved, text = min(found, key=lambda f: (f[0], f[1]))
    return resolved, text


def clean_sentence(sent) -> str:
    """A sentence's text with whitespace runs folded (the evidence literal), cached per sentence: every extractor
    asks for it on every sentence; the text is kept in the Doc's ``user_data``, so it lives and dies with the Doc."""
    key = ("kg.clean_sentence", sent.start, sent.end)
    text = sent.doc.user_data.get(key)
    if text is None:
        text = sent.doc.user_data[key] = re.sub(r"\s+", " ", sent.text).strip()
    return text


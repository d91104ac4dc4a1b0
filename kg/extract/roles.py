"""Roles of people in organisations: founderOf, ceoOf, headOf, memberOf, employeeOf, affiliatedWith.

From titles before a name ("US Commerce Secretary Wilbur Ross", "its founder and
CEO Ren Zhengfei", "BT chief executive Philip Jansen"), appositions after it
(", chief executive of BT,", ", a Republican from Texas", "from Soas University
of London"), copulas ("X is the chairman of Y") and role verbs ("X founded Y").
The job title is kept as written. A minister's portfolio names a ministry of the
country in the title or the story ("Indian Finance Minister X" -> Ministry of
Finance (India), from ``kg/knowledge/data/gazetteer/ministries.yaml``); a title before one
name never passes to the next ("Prime Minister A and B").
"""
from __future__ import annotations

import functools
from collections.abc import Iterator

from kg.extract import role_lists, table_roles
from kg.extract.common import (
    GOV_NOUNS,
    clean_sentence,
    conjuncts,
    entity_of_token,
    relative_antecedent,
    roles_lexicon,
    subject_of,
)
from kg.extract.context import ORG_TYPES, ExtractContext
from kg.extract.facts import Relation
from kg.extract.frame_nouns import frame_lexicon
from kg.extract.frames import polarity
from kg.extract.role_bodies import (
    body_of_kind,
    cabinet_members,
    country_in,
    department,
    department_head_titles,
    department_ministry,
    deputy_words,
    is_body_of_kind,
    ministry_by_noun,
    nearby_country_gov,
    party_applies,
    party_words,
    possessed_country,
    title_bodies,
    titled_ministry,
    words_text,
)
from kg.extract.succession import handed_over
from kg.extract.titles import find_titles, head_role, most_specific, own_window, post_window, pre_window
from kg.knowledge.entity_rules import load_entity_rules
from kg.knowledge.lexicons import load_lexicon
from kg.knowledge.offices import is_known_officeholder, office_country
from kg.nlp.registry import LocalEntity


def _heads_a_part(toks, title_end: int) -> bool:
    """"the head of its trucks division", "runs Volvo's bus unit": the title is in a part of the organisation."""
    parts = frozenset(roles_lexicon().get("part_nouns") or ())
    after = list(toks[title_end:])
    if len(after) > 2 and after[0].lower_ == "of" and after[1].pos_ in ("NOUN", "ADJ", "PROPN") \
            and after[1].ent_type_ != "ORG" \
            and any(t.lower_ == "at" for t in after[2:]):
        return True  # "head of (Asia) metals research at Fjordline": a field of the firm, not the firm
    return any(t.lower_ in parts and any(c.dep_ in ("poss", "compound", "amod") for c in t.children)
               for t in after)


def _mention_spans(ctx: ExtractContext, di: int, sent) -> list[tuple[int, int, LocalEntity]]:
    """Contiguous token runs of one Person entity in a sentence: (start, end, entity)."""
    spans, toks = [], list(sent)  # tokens made once (a sentence of ctx.sentences keeps its own), not per index
    i = sent.start
    while i < sent.end:
        ent = ctx.entity_at(di, toks[i - sent.start])
        if ent is not None and ent.type == "Person":
            j = i
            while j < sent.end and ctx.entity_at(di, toks[j - sent.start]) is ent:
                j += 1
            spans.append((i, j, ent))
            i = j
        else:
            i += 1
    return spans


@functools.lru_cache(maxsize=1)
def _topic_titles() -> frozenset[str]:
    """Titles that, with no organisation beside them, belong to the company the sentence is about."""
    lex = roles_lexicon()
    return frozenset(lex.get("company_titles", ())) | frozenset(lex.get("company_topic_titles", ()))


def _roles_from_window(ctx: ExtractContext, di: int, person: LocalEntity, toks, sent, *, before: bool,
                       fallback: LocalEntity | None = None) -> Iterator[Relation]:
    if not toks:
        return
    words = [t.lower_.rstrip(".") for t in toks]
    titles = find_titles(words)
    lex = roles_lexicon()
    evidence = clean_sentence(sent)
    for pid, found in party_words(toks):  # "a Republican from Texas"
        if pid in ctx.gaz.entries and party_applies(ctx, di, toks, ctx.gaz.entries[pid].country):
            party = ctx.registry.add_gaz(pid)
            yield Relation(person.local_id, "memberOf", party.local_id, evidence, title=" ".join(t.text for t in found))
    if not titles:
        return
    orgs = []
    for t in toks:
        ent = ctx.entity_at(di, t)
        if ent is not None and ent.type in ORG_TYPES and ent not in orgs and ent is not person:
            orgs.append(ent)
    whose = next((t for t in toks if t.lower_ == "whose"), None)
    if not orgs and whose is not None:  # "Kestrel Foods, whose chief executive, X, ...": the name it hangs on
        orgs += [a for a in [relative_antecedent(ctx, di, whose)] if a is not None and a is not person]
    if not orgs and whose is None:
        for t in toks:
            if t.lower_ in ("its", "their") or (t.lower_ in ("company", "firm", "group", "board") and t.i + 1 < len(t.doc)
                                                 and t.doc[t.i + 1].lower_ in ("'s", "’s")):
                # "the company's chief executive", "the board's chair": as for "its", the organisation named earlier
                # in the sentence ("X, Mylan's chairman, ...; Y is the company's chief executive"), else the topic
                # ("Rosselkhoznadzor, the food safety agency ... Its head, X": a government body's too, for "its")
                topic = ctx.possessor_org(di, t, ("Company", "Organization", "GovernmentBody") if t.lower_ == "its"
                                          and t.is_sent_start else ("Company", "Organization"))
                if topic is not None:
                    orgs.append(topic)
                break
            if t.dep_ == "poss" and (t.lower_ in GOV_NOUNS or ctx.named_by_head(di, t) is not None):
                # "Lina Khan, the agency's chair": the body of that kind named last; "the fund's director": the one
                # organisation named before whose name ends in "Fund"
                topic = entity_of_token(ctx, di, t)
                if topic is not None:
                    orgs.append(topic)
                break
    if not orgs and fallback is not None and fallback is not person:
        orgs.append(fallback)
    first_words = " ".join(words[titles[0][0]:titles[0][1]])
    lower_president = first_words == "president" and toks[titles[0][0]].text == "president" \
        and country_in(ctx, di, toks) is None and not is_known_officeholder(_names_of(ctx, person)) \
        and _business_sentence(ctx, di, sent)
    # (only in a sentence of business: "The current president, Mario Abdo, leaves office" is the country's)
    # "Kestrel's board, led by chairman X" with Kestrel no organisation: the title is of a named owner, not the topic's
    owned = any(t.dep_ == "poss" and ctx.entity_at(di, t) is not None for t in toks)
    if not orgs and before and whose is None and not owned and (first_words in _topic_titles() or lower_president):
        # a lowercase "president Hu Yangzhong" in a company's sentence is the company's president
        # "Microsoft said ..., after chief executive Satya Nadella discussed the deal": the company
        # the sentence is about
        topic = ctx.possessor_org(di, toks[-1], ("Company",))
        if topic is not None:
            orgs.append(topic)
    title_start, title_end = titles[0][0], titles[-1][1]
    title_text = words_text(toks[title_start:title_end])
    props = [p for _, _, ps in titles for p in ps]
    org = orgs[0] if orgs else None
    first_title = " ".join(words[titles[0][0] : titles[0][1]])
    ministry = None
    if first_title in lex["department_titles"]:
        ministry = department_ministry(ctx, di, person, toks, words, titles[0], sent, before=before)
        if ministry is None and org is None:
            ministry = titled_ministry(ctx, di, toks, words, titles[0], sent, before=before)
    elif org is None:
        named = ministry_by_noun(ctx, di, toks, words, sent, before=before)
        if named is not None:  # "foreign ministry spokesperson": the ministry's words are part of the title
            ministry = named[0], words_text(toks[min(named[1], title_start) : title_end])
    if ministry is not None:
        org, title_text = ministry
        if org is None:
            return
        heads = department_head_titles()
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
        country = country_in(ctx, di, toks)
        if first_title in lex["department_titles"]:
            dept_words = [t.text for t in toks[: titles[0][0]] if t.text[:1].isupper() and ctx.entity_at(di, t) is None
                          and not t.ent_id_.startswith("demonym:") and t.lower_ not in ("the", "a", "an")]
            if dept_words:
                org = department(ctx, dept_words, country)
                if org is not None:
                    title_text = " ".join([*dept_words, title_text])
            gov = ctx.gaz.government_of(country) if org is None and country else None
            if gov is not None:
                # "Israeli ministers Ben-Gvir and Smotrich", "a Dutch minister": a member of that government
                org = ctx.registry.add_gaz(gov.id)
                props = ["memberOf"]
        elif first_title in lex["head_of_state_titles"]:
            # the country the sentence names; else the one the person held that office in at the
            # article's date (offices.yaml); else a guess from the countries around the title
            country = country or office_country(_names_of(ctx, person), first_title, ctx.published)
            if country:
                gov = ctx.gaz.government_of(country)
                org = ctx.registry.add_gaz(gov.id) if gov else None
            elif before and not is_known_officeholder(_names_of(ctx, person)):
                org = nearby_country_gov(ctx, di, sent, toks[-1])
        elif first_title in (roles_lexicon().get("generic_heads") or {}).get("of_country", ()):
            # "Hong Kong's chief executive": its government (head_role)
            org = possessed_country(ctx, di, toks, titles[0][0], titles[0][1])
    if first_title in title_bodies():
        kinds = title_bodies()[first_title]
        if org is None:
            org = body_of_kind(ctx, di, toks[-1] if before else toks[0], kinds)
        if is_body_of_kind(ctx, org, kinds):
            props = ["memberOf"]  # "FCC Commissioner", "EU Health Commissioner": one member of the commission
    if org is None:
        return
    deputy = next((i for i in range(title_start - 1, max(-1, title_start - 4), -1) if words[i] in deputy_words()), None)
    if deputy is not None:  # "Deputy Finance Minister", "deputy chief executive": works there, does not head it
        props = ["employeeOf"]
        title_text = f"{toks[deputy].text} {title_text}"
    if _heads_a_part(toks, title_end) and ministry is None:
        props = ["employeeOf"]
    for prop in most_specific(props):
        prop, body = head_role(ctx, prop, first_title, org)
        yield Relation(person.local_id, prop, body.local_id, evidence, title=title_text)


_COPULA_PREPS = {"at", "with", "from", "as", "on", "of"}
# verbs that state a role like "to be": "will stay on as chief executive of X", "was sworn in as president
# of Y", "was named chairman of Z"
_COPULA_LIKE = {"be", "become", "remain", "serve", "stay", "continue", "return", "swear", "name", "appoint",
                "elect", "install", "promote", "act", "take", "step", "resign", "retire", "quit", "succeed", "replace"}
# "X will succeed/replaces Y as chief executive of Z": the one succeeded held the title too
_SUCCESSION = {"succeed", "replace"}
# verbs that state a role only with their particle: "took over as", "stepped down as"
# verbs that start a role: under a proposal they tell a wish ("proposed X to take over as"); "urged X to remain
# as chairman" tells a role held
_STARTING = {"become", "take", "join", "serve", "return", "succeed", "replace", "act"}
_PARTICLE_ROLE_VERBS = {"take": {"over"}, "step": {"down", "aside", "in", "up"}}


def _reporting_org(ctx: ExtractContext, di: int, verb) -> LocalEntity | None:
    """"Volvo said Anna Berg would take over as chief executive": the organisation that reports the clause."""
    t = verb
    for _ in range(4):
        if t.dep_ not in ("ccomp", "xcomp", "conj", "advcl") or t.head.i == t.i:
            return None
        t = t.head
        subj = next((c for c in t.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        ent = ctx.entity_at(di, subj) if subj is not None else None
        if ent is not None and ent.type in ("Company", "Organization"):
            return ent
    return None


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


def _verb_roles(ctx: ExtractContext, di: int, sent, said: list[Relation] = ()) -> Iterator[Relation]:
    lex = roles_lexicon()
    evidence = clean_sentence(sent)
    for tok in sent:
        lemma = tok.lemma_.lower()
        # "which Ergen founded and chairs": a coordinated verb the tagger read as a plural noun
        misread = tok.pos_ == "NOUN" and tok.tag_ == "NNS" and tok.dep_ == "conj" and tok.head.pos_ == "VERB" and \
            all(c.dep_ in ("punct", "cc") for c in tok.children)  # not "... and Mary Jones chairs"
        if (tok.pos_ == "VERB" or misread) and lemma in lex["verbs"]:
            negated, modality, hypothetical = polarity(tok)
            if negated or hypothetical or set(modality) & set(frame_lexicon()["future"]) or any(
                    c.dep_ in ("xcomp", "ccomp") or (c.dep_ == "advcl" and any(a.lower_ == "to" for a in c.children))
                    for c in tok.children):
                continue  # "will lead the company", "would not run it", "directed the department to review"
            subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
            if subj is None and tok.dep_ == "conj":
                # "who co-founded Nvidia and has run it as chief executive": the first verb's subject
                subj = next((c for c in tok.head.children if c.dep_ == "nsubj"), None)
                if subj is not None and subj.lower_ in ("who", "that") and tok.head.dep_ == "relcl":
                    subj = tok.head.head
            objs = [c for c in tok.children if c.dep_ == "dobj"] or [  # "presides over the assembly"
                p for c in tok.children if c.dep_ == "prep" and c.lower_ in lex.get("verb_preps", {}).get(lemma, ())
                for p in c.children if p.dep_ == "pobj"]
            if not objs and tok.dep_ == "conj" and tok.i > tok.head.i:
                # "Dish, which Ergen founded and chairs": the object the first of two coordinated verbs names
                objs = [c for c in tok.head.children if c.dep_ == "dobj"]
                if objs and objs[0].lower_ in ("which", "that", "whom") and tok.head.dep_ == "relcl":
                    objs = [tok.head.head]
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
                if subj.dep_ == "appos" and subj.pos_ == "NOUN" and ctx.entity_at(di, subj) is None:
                    subj = subj.head  # "Dahl, a colonel who presides over the assembly": Dahl
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
            if org is not None and org.type == "Country":  # "has governed Belarus since 1994": its government
                prop, org = head_role(ctx, lex["verbs"][lemma], lemma, org)
                if org.type == "Country":
                    continue
            if person is not None and person.type == "Person" and org is not None and org.type in ORG_TYPES:
                # the title that says how: "run it as chief executive", "led by chief executive Hock Tan"
                title_toks = _verb_title_tokens(tok, subj)
                found = find_titles([t.lower_.rstrip(".") for t in title_toks]) if title_toks else []
                if found and lemma in ("lead", "run", "head", "chair", "helm"):
                    title = " ".join(t.text for t in title_toks[found[0][0]:found[-1][1]])
                    for prop in most_specific([p for _, _, props in found for p in props]):
                        yield Relation(person.local_id, prop, org.local_id, evidence, title=title)
                else:
                    prop, org = head_role(ctx, lex["verbs"][lemma], lemma, org)
                    yield Relation(person.local_id, prop, org.local_id, evidence)
        elif lemma in _COPULA_LIKE and tok.pos_ in ("AUX", "VERB"):
            subj = subject_of(tok)
            if subj is None:
                continue
            negated, modality, hypothetical = polarity(tok)
            if negated or hypothetical or (lemma in _STARTING and set(modality) & set(frame_lexicon().get("proposing", ()))):
                continue  # "did not become chief executive", "could take over as ... if", "proposed X to take over as"
            if lemma in _PARTICLE_ROLE_VERBS and not any(
                    c.dep_ in ("prt", "advmod", "prep") and c.lower_ in _PARTICLE_ROLE_VERBS[lemma] for c in tok.children):
                continue
            if tok.dep_ == "relcl" and any(c.dep_ == "poss" and c.lower_ == "whose" for c in subj.children):
                # "Lockheed Martin, whose chief executive is James Taiclet"
                attr = next((c for c in tok.children if c.dep_ == "attr"), None)
                person = entity_of_token(ctx, di, attr) if attr is not None else None
                org = entity_of_token(ctx, di, tok.head, allow_pronouns=False)
                found = find_titles([t.lower_ for t in subj.subtree])
                if person is not None and person.type == "Person" and org is not None and org.type in ORG_TYPES and found:
                    title = " ".join(t.text for t in subj.subtree if t.lower_ != "whose")
                    for prop in most_specific([p for _, _, props in found for p in props]):
                        yield Relation(person.local_id, prop, org.local_id, evidence, title=title)
                continue
            people = _subject_people(ctx, di, tok, subj)
            if lemma in _SUCCESSION:
                people += [e for c in tok.children if c.dep_ in ("dobj", "obj")
                           if (e := entity_of_token(ctx, di, c)) is not None and e.type == "Person" and e not in people]
            reporter = _reporting_org(ctx, di, tok) if tok.lemma_ != "be" else _copula_company(ctx, di, tok, sent)
            for attr in tok.children:
                if attr.dep_ not in ("attr", "prep", "oprd") or (attr.dep_ == "prep" and attr.lower_ not in _COPULA_PREPS):
                    continue  # "is at Soas", "is on the board of"; not "is due in Washington for talks with ..."
                head = attr if attr.dep_ in ("attr", "oprd") else next((c for c in attr.children if c.dep_ == "pobj"), None)
                if head is None:
                    continue
                toks = [t for t in head.subtree if t.dep_ not in ("relcl",)]
                for person in people:
                    if any((e := ctx.entity_at(di, t)) is not None and e.type == "Person" and e is not person
                           for t in toks):
                        continue  # another person's title in the phrase is theirs
                    # "iRobot's co-founder, Colin Angle, is stepping down as chairman and chief executive": the
                    # organisation the sentence already gave the person
                    known = next((ctx.entities[r.object] for r in said if r.subject == person.local_id
                                  and ctx.entities[r.object].type in ("Company", "Organization")), None)
                    yield from _roles_from_window(ctx, di, person, toks, sent, before=False, fallback=reporter or known)


def _business_sentence(ctx: ExtractContext, di: int, sent) -> bool:
    """A sentence that names a company or speaks of one ("management is in the hands of president X"; the words of
    ``company_context`` and ``management_words`` in entity_rules.yaml)."""
    rules = load_entity_rules()
    words = rules.company_context | frozenset(load_lexicon("entity_rules.yaml").get("management_words") or ())
    return any(getattr(ctx.entity_at(di, t), "type", None) == "Company" or t.lemma_.lower() in words for t in sent)


def _copula_company(ctx: ExtractContext, di: int, verb, sent) -> LocalEntity | None:
    """"Mara Quist had been chief executive since 2020": a company title with no organisation beside it, said
    with "be", is held in the company the text is about (none for other titles: "X is a senator")."""
    attr = next((c for c in verb.children if c.dep_ in ("attr", "oprd")), None)
    if attr is None or any(ctx.entity_at(di, t) is not None for t in attr.subtree):
        return None
    words = [t.lower_ for t in attr.subtree if not t.is_punct and t.lower_ not in ("a", "an", "the")]
    found = find_titles(words)
    if not found or " ".join(words[found[0][0]:found[0][1]]) not in _topic_titles():
        return None
    return ctx.topic_org(di, sent, ("Company",))


def _subject_people(ctx: ExtractContext, di: int, verb, subj) -> list[LocalEntity]:
    """The people a role verb's subject names: every conjunct ("X and Y would serve as co-chief executives");
    for a relative clause on an apposition, the person it describes ("Alan Pryce, a former banker who is
    executive chairman of Rolls-Royce")."""
    person = entity_of_token(ctx, di, subj)
    if person is None and subj.dep_ == "appos" and verb.dep_ == "relcl":
        person = entity_of_token(ctx, di, subj.head, allow_pronouns=False)
    out = [person] if person is not None and person.type == "Person" else []
    for c in conjuncts(subj):
        e = ctx.entity_at(di, c)
        if e is not None and e.type == "Person" and e not in out:
            out.append(e)
    return out


def extract(ctx: ExtractContext) -> Iterator[Relation]:
    """Yield role relations for every person in the article."""
    seen = set()
    for di, sent in ctx.sentences():
        doc = ctx.docs[di]
        # "Kestrel Foods | Chief executive | Dana Kell": a row of one person is read by its cells, not by the words
        # around the name across them
        row = table_roles.roles_of_row(ctx, di, sent, _roles_from_window) if table_roles.is_row(sent) else None
        produced = list(row or [])
        opener = role_lists.list_opener_org(ctx, di, sent) if row is None else None  # "Its board consists of:"
        for start, end, person in ([] if row is not None else _mention_spans(ctx, di, sent)):
            produced += _roles_from_window(ctx, di, person, pre_window(ctx, di, person, start, sent.start), sent,
                                           before=True)
            post = post_window(doc, end, sent.end, (",", "--", "—", "–", "-", ":") if opener else (",",))
            produced += _roles_from_window(ctx, di, person, own_window(ctx, di, person, post), sent, before=False,
                                           fallback=opener)
        if row is None:  # "four GRU officers: A, B and C", "A and B, two FSB officers": one title for each
            produced += role_lists.colon_roles(ctx, di, sent, _roles_from_window)
            produced += role_lists.shared_roles(ctx, di, sent, produced)
            produced += role_lists.copula_roles(ctx, di, sent, _roles_from_window)  # "Its chairman is X"
        produced += _verb_roles(ctx, di, sent, produced)
        produced += list(handed_over(ctx, di, sent, produced))
        produced += list(cabinet_members(ctx, produced))
        for rel in produced:
            key = (rel.subject, rel.predicate, rel.object)
            if key not in seen:
                seen.add(key)
                yield rel

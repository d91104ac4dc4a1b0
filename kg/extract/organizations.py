"""Relations between organisations: basedIn, subsidiaryOf, customerOf, competitorOf.

basedIn comes from demonyms and country possessives on an organisation ("the
Chinese firm", "China's Huawei", "Chinese kit vendor Huawei"), on a group it is
listed in ("a dozen Chinese companies, including DJI") and from "<capital or
country>-based"; the others from the cue words in ``kg/data/relations.yaml``
read over the dependency parse.
"""
from __future__ import annotations

import functools
from collections.abc import Iterator

from kg.knowledge.lexicons import load_lexicon
from kg.extract.facts import LocalEntity, Relation
from kg.knowledge.places import country_of_place
from kg.extract.common import _recent_org_of_country, clean_sentence, entities_of_np, entity_of_token, last_person_before, subject_of
from kg.extract.context import ExtractContext

COMPANY_LIKE = ("Company", "Organization")


@functools.lru_cache(maxsize=1)
def _lex() -> dict:
    return load_lexicon("relations.yaml")




@functools.lru_cache(maxsize=1)
def _company_nouns() -> frozenset[str]:
    return frozenset(_lex()["company_nouns"])


def _org_of_noun(ctx: ExtractContext, di: int, noun) -> LocalEntity | None:
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


def _gaz_country(ctx: ExtractContext, ent: LocalEntity) -> str | None:
    return ctx.gaz.entries[ent.gaz_id].country if ent.gaz_id else None


def _entity_end(ctx: ExtractContext, di: int, i: int, end: int) -> int:
    """The index after the name whose token is at ``i`` (a name's tokens are contiguous)."""
    ent = ctx.entity_at(di, ctx.docs[di][i])
    while i < end and ctx.entity_at(di, ctx.docs[di][i]) is ent:
        i += 1
    return i


def _names_conjoined(ctx: ExtractContext, di: int, end: int, sent_end: int) -> list[LocalEntity]:
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
        after = _entity_end(ctx, di, j, sent_end)
        if after < sent_end and doc[after].lower_ in ("'s", "’s"):
            break  # "Russia's Gazprom, Rosneft's rival": a possessor, not another of the list
        out.append(ent)
        i = after
    return out


def _listed_after(ctx: ExtractContext, di: int, noun, sent_end: int) -> list[LocalEntity]:
    """Organisations listed after a plural noun and a cue ("..., including drone maker DJI (...)",
    "lenders, above all Sberbank and the state bank VTB"); descriptive words between the names are passed over."""
    doc = ctx.docs[di]
    i = noun.i + 1
    if i < sent_end and doc[i].text == ",":
        i += 1
    words = [t.lower_ for t in doc[i : min(i + 3, sent_end)]]
    cue = next((c for c in _member_cues() if tuple(words[: len(c)]) == c), None)
    if cue is None:
        return []
    i += len(cue)
    out: list[LocalEntity] = []
    while i < sent_end:
        t = doc[i]
        ent = ctx.entity_at(di, t)
        if ent is not None:
            after = _entity_end(ctx, di, i, sent_end)
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


@functools.lru_cache(maxsize=1)
def _member_cues() -> tuple[tuple[str, ...], ...]:
    return tuple(sorted((tuple(c.lower().split()) for c in _lex().get("member_cues", ())), key=len, reverse=True))


def _place_before_dash(doc, dash: int, start: int) -> str | None:
    """The country of the place written before "-based": "Moscow", "Silicon Valley", "US"."""
    for k in range(min(4, dash - start), 0, -1):
        span = doc[dash - k : dash]
        if span[0].text[:1].isupper():
            cid = country_of_place(span.text)
            if cid:
                return cid
    return None


def _place_country(ctx: ExtractContext, di: int, pobj) -> str | None:
    """The country of "in Shenzhen", "in Shenzhen, China", "in the Chinese city of Shenzhen"."""
    doc = ctx.docs[di]
    toks = sorted(pobj.subtree, key=lambda t: t.i)
    for t in toks:  # a country named in the phrase wins ("Shenzhen, China")
        ent = ctx.entity_at(di, t)
        if ent is not None and ent.type == "Country" and ent.gaz_id:
            return ent.gaz_id
        if t.ent_id_.startswith("demonym:"):
            return t.ent_id_.split(":", 1)[1]
    # the longest run of capitalised words that names a place
    for i, t in enumerate(toks):
        if not t.text[:1].isupper():
            continue
        for k in range(min(4, len(toks) - i), 0, -1):
            if toks[i + k - 1].i - t.i != k - 1:
                continue
            cid = country_of_place(doc[t.i : t.i + k].text)
            if cid:
                return cid
    return None


def _based_in_phrases(ctx: ExtractContext, di: int, sent) -> Iterator[Relation]:
    """"headquartered in Munich", "Huawei, which is based in Shenzhen", "its headquarters in Seoul"."""
    evidence = clean_sentence(sent)
    for tok in sent:
        lower = tok.lower_
        if lower not in ("based", "headquartered", "headquarters", "hq"):
            continue
        pobj = None
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ == "in":
                pobj = next((p for p in c.children if p.dep_ == "pobj"), None)
        if pobj is None:
            continue
        cid = _place_country(ctx, di, pobj)
        if not cid or cid not in ctx.gaz.entries:
            continue
        org = None
        if lower in ("headquarters", "hq"):
            owner = next((c for c in tok.children if c.dep_ == "poss"), None)
            org = entity_of_token(ctx, di, owner) if owner is not None else None
        elif tok.dep_ in ("acl", "amod", "advcl"):
            org = entity_of_token(ctx, di, tok.head, allow_pronouns=False)
            if org is None and tok.head.lemma_.lower() in _company_nouns():
                org = _org_of_noun(ctx, di, tok.head)
        else:
            subj = subject_of(tok)
            org = entity_of_token(ctx, di, subj) if subj is not None else None
        if org is not None and org.type in COMPANY_LIKE:
            yield Relation(org.local_id, "basedIn", ctx.registry.add_gaz(cid).local_id, evidence)


def _based_in_apposition(ctx: ExtractContext, di: int, sent) -> Iterator[Relation]:
    """"Rosneft, Russia's largest oil producer", "Arm, the British chip designer", "DJI is a Chinese firm"."""
    evidence = clean_sentence(sent)
    for tok in sent:
        if tok.pos_ != "NOUN" or tok.lemma_.lower() not in _company_nouns():
            continue
        if tok.dep_ not in ("appos", "attr") and not any(c.dep_ == "appos" for c in tok.children):
            continue  # "Brazil's state oil company Petrobras" has the name as its apposition
        if tok.dep_ == "attr" and any(c.dep_ == "neg" for c in tok.head.children):
            continue  # "Lenovo, which is not an American company"
        org = _org_of_noun(ctx, di, tok)
        if org is None:
            continue
        # "Chinese telecoms firms": the demonym may modify a compound noun in front
        modifiers = [*tok.children, *(g for c in tok.children if c.dep_ == "compound" and c.i < tok.i
                                       for g in c.children if g.i < c.i)]
        for c in modifiers:
            cid = None
            if c.ent_id_.startswith("demonym:") and c.dep_ in ("amod", "compound", "nmod"):
                cid = c.ent_id_.split(":", 1)[1]
            elif c.dep_ in ("poss", "compound", "nmod"):
                ent = ctx.entity_at(di, c)
                if ent is not None and ent.type == "Country" and ent.gaz_id:
                    cid = ent.gaz_id
            if cid and cid in ctx.gaz.entries:
                place = ctx.registry.add_gaz(cid)
                yield Relation(org.local_id, "basedIn", place.local_id, evidence)
                if tok.tag_ == "NNS":  # "Chinese telecoms firms Huawei and ZTE": every name listed
                    for name in (c for c in tok.children if c.dep_ == "appos"):
                        for other in entities_of_np(ctx, di, name, types=COMPANY_LIKE):
                            if other is not org and _gaz_country(ctx, other) in (None, cid):
                                yield Relation(other.local_id, "basedIn", place.local_id, evidence)
                break


def _described_by_place(ctx: ExtractContext, di: int, noun, cid: str | None) -> LocalEntity | None:
    """The organisation "the Shanghai-based chipmaker" describes: the paragraph's topic when it may be of that
    country, else the one of that country named last (this and two sentences back); other descriptions
    as :func:`_org_of_noun`."""
    doc = ctx.docs[di]
    found = _org_of_noun(ctx, di, noun)
    definite = any(c.dep_ == "det" and c.lower_ in ("the", "this") for c in noun.children)
    named = noun.i + 1 < len(doc) and ctx.entity_at(di, doc[noun.i + 1]) is not None  # "the ... group Alibaba"
    if definite and not named and noun.dep_ not in ("appos", "attr") and cid and ctx.entity_at(di, noun) is None \
            and (found is None or _gaz_country(ctx, found) not in (None, cid)):
        return _recent_org_of_country(ctx, di, noun, cid)
    return found


def _based_in_members(ctx: ExtractContext, di: int, sent) -> Iterator[Relation]:
    """"a dozen Chinese companies, including drone maker DJI", "Russian lenders, above all Sberbank and
    VTB", "China's tech giants such as Alibaba": each member listed is of the group's country (unless the
    gazetteer knows it to be of another)."""
    lex = _lex()
    groups = _company_nouns() | frozenset(lex.get("member_group_nouns", ()))
    evidence = clean_sentence(sent)
    doc = ctx.docs[di]
    for tok in sent:
        cid = None
        start = tok.i + 1
        if tok.ent_id_.startswith("demonym:"):
            cid = tok.ent_id_.split(":", 1)[1]
        elif tok.i + 1 < sent.end and doc[tok.i + 1].lower_ in ("'s", "’s"):
            ent = ctx.entity_at(di, tok)
            if ent is not None and ent.type == "Country" and ent.gaz_id:
                cid, start = ent.gaz_id, tok.i + 2
        if not cid or cid not in ctx.gaz.entries or (tok.i - 2 >= sent.start and doc[tok.i - 2].lower_ == "non"):
            continue  # "non-Chinese firms, including ..."
        noun = None
        for t in doc[start : min(start + 4, sent.end)]:
            if t.tag_ == "NNS" and t.lemma_.lower() in groups:
                noun = t
                break
            if not (t.pos_ in ("ADJ", "NOUN") and t.text[:1].islower()):
                break
        if noun is None:
            continue
        for member in _listed_after(ctx, di, noun, sent.end):
            if _gaz_country(ctx, member) in (None, cid):
                yield Relation(member.local_id, "basedIn", ctx.registry.add_gaz(cid).local_id, evidence)


def _based_in(ctx: ExtractContext, di: int, sent) -> Iterator[Relation]:
    """basedIn from the words right before an organisation's name, read on the surface.

    "China's Huawei", "Chinese kit vendor Huawei", "the Chinese firm" (the paragraph's
    organisation), "Moscow-based Rusal"; parses of these are unreliable, the surface is not.
    """
    evidence = clean_sentence(sent)
    doc = ctx.docs[di]
    for tok in sent:
        # "Moscow-based Rusal", "the Shenzhen-based company", "a Silicon Valley-based start-up"
        if tok.lower_ == "based" and tok.i >= sent.start + 2 and doc[tok.i - 1].text == "-":
            cid = _place_before_dash(doc, tok.i - 1, sent.start)
            org = None
            for t in doc[tok.i + 1 : min(tok.i + 5, sent.end)]:
                org = ctx.entity_at(di, t)
                if org is not None and not (t.dep_ in ("compound", "amod", "nmod") and t.head.i > t.i
                                            and t.head.lemma_.lower() in _company_nouns()
                                            and ctx.entity_at(di, t.head) is None):
                    break
                org = None  # "the Seoul-based Samsung supplier": the supplier, not Samsung
                if t.lemma_.lower() in _company_nouns():
                    org = _described_by_place(ctx, di, t, cid)
                    break
            if cid and cid in ctx.gaz.entries and org is not None and org.type in COMPANY_LIKE:
                yield Relation(org.local_id, "basedIn", ctx.registry.add_gaz(cid).local_id, evidence)
            continue
        org = ctx.entity_at(di, tok)
        if org is None or org.type not in COMPANY_LIKE:
            continue
        if tok.i > sent.start and ctx.entity_at(di, doc[tok.i - 1]) is org:
            continue  # only look from the first token of a name
        i = tok.i - 1
        # "China's Huawei", "China's Huawei and ZTE"
        if i - 1 >= sent.start and doc[i].lower_ in ("'s", "’s"):
            country = ctx.entity_at(di, doc[i - 1])
            if country is not None and country.type == "Country" and country.gaz_id:
                yield Relation(org.local_id, "basedIn", country.local_id, evidence)
                for other in _names_conjoined(ctx, di, _entity_end(ctx, di, tok.i, sent.end), sent.end):
                    if _gaz_country(ctx, other) in (None, country.gaz_id):
                        yield Relation(other.local_id, "basedIn", country.local_id, evidence)
            continue
        # "Chinese kit vendor Huawei", "the Chinese company Huawei": modifiers inside the name's noun phrase
        steps = 0
        end = tok.i
        while ctx.entity_at(di, doc[end]) is org and end + 1 < sent.end and ctx.entity_at(di, doc[end + 1]) is org:
            end += 1
        while (i >= sent.start and steps < 4 and doc[i].pos_ in ("NOUN", "ADJ", "PROPN") and doc[i].text[:1].islower()
               and doc[i].head.i > doc[i].i and doc[i].head.i <= end):
            i -= 1
            steps += 1
        # "Venezuela's state oil company PDVSA"
        if steps >= 1 and i - 1 >= sent.start and doc[i].lower_ in ("'s", "’s"):
            country = ctx.entity_at(di, doc[i - 1])
            if country is not None and country.type == "Country" and country.gaz_id:
                yield Relation(org.local_id, "basedIn", country.local_id, evidence)
            continue
        # "UK orders Huawei kit": a country outside the name's noun phrase is not its base
        in_np = i >= sent.start and doc[i].head.i > doc[i].i and doc[i].head.i <= end
        cid = None
        if in_np and doc[i].ent_id_.startswith("demonym:"):
            cid = doc[i].ent_id_.split(":", 1)[1]
        elif in_np and steps >= 1:
            # "US chipmaker Qualcomm"
            country = ctx.entity_at(di, doc[i])
            if country is not None and country.type == "Country" and country.gaz_id:
                cid = country.gaz_id
        if cid and cid in ctx.gaz.entries:
            place = ctx.registry.add_gaz(cid)
            yield Relation(org.local_id, "basedIn", place.local_id, evidence)
            if any(t.tag_ == "NNS" for t in doc[i + 1 : tok.i]):
                # "Chinese telecoms firms Huawei and ZTE": a plural noun makes the words everyone's
                for other in _names_conjoined(ctx, di, end + 1, sent.end):
                    if _gaz_country(ctx, other) in (None, cid):
                        yield Relation(other.local_id, "basedIn", place.local_id, evidence)


def _subsidiary(ctx: ExtractContext, di: int, sent) -> Iterator[Relation]:
    lex = _lex()
    evidence = clean_sentence(sent)
    for tok in sent:
        lemma = tok.lemma_.lower()
        # "ByteDance, the owner of TikTok", "Alphabet, the parent company of Google": the other way round
        owner_noun = tok.pos_ == "NOUN" and (lemma in lex["parent_nouns"] or any(
            c.dep_ == "compound" and c.lemma_.lower() in lex["parent_nouns"] for c in tok.children))
        if tok.pos_ == "NOUN" and (lemma in lex["subsidiary_nouns"] or lemma in lex["part_of_words"] or owner_noun):
            parent = None
            for c in tok.children:
                if c.dep_ == "prep" and c.lower_ == "of":
                    pobj = next((p for p in c.children if p.dep_ == "pobj"), None)
                    if pobj is not None:
                        parent = entity_of_token(ctx, di, pobj, allow_pronouns=False)
                elif c.dep_ == "poss" and owner_noun and c.lower_ in ("its", "their"):
                    # "buy TikTok from its Chinese owner ByteDance": the company named just before
                    parent = next((e for t in reversed(ctx.docs[di][sent.start : c.i])
                                   if (e := ctx.entity_at(di, t)) is not None and e.type in COMPANY_LIKE), None)
                elif c.dep_ == "poss":
                    parent = entity_of_token(ctx, di, c, allow_pronouns=False)
            if parent is None or parent.type not in COMPANY_LIKE:
                continue
            child = None
            if tok.dep_ == "appos" or (tok.dep_ == "attr"):
                base = tok.head if tok.dep_ == "appos" else subject_of(tok.head)
                if base is not None:
                    child = entity_of_token(ctx, di, base, allow_pronouns=False)
            else:
                for c in tok.children:
                    if c.dep_ == "appos":
                        child = entity_of_token(ctx, di, c, allow_pronouns=False)
            if lemma in lex["part_of_words"] and tok.dep_ != "appos" and tok.dep_ != "attr":
                continue
            if owner_noun:
                child, parent = parent, child
            if child is not None and parent is not None and child.type in COMPANY_LIKE and \
                    parent.type in COMPANY_LIKE and child is not parent:
                yield Relation(child.local_id, "subsidiaryOf", parent.local_id, evidence)
        elif tok.tag_ == "VBN" and lemma in lex["subsidiary_participles"] and tok.dep_ in ("acl", "amod", "appos"):
            agent = next((c for c in tok.children if c.dep_ == "agent"), None)
            pobj = next((p for p in agent.children if p.dep_ == "pobj"), None) if agent is not None else None
            parent = entity_of_token(ctx, di, pobj, allow_pronouns=False) if pobj is not None else None
            child = entity_of_token(ctx, di, tok.head, allow_pronouns=False)
            if parent is not None and child is not None and parent is not child and \
                    parent.type in COMPANY_LIKE and child.type in COMPANY_LIKE:
                yield Relation(child.local_id, "subsidiaryOf", parent.local_id, evidence)


def _its_parent(ctx: ExtractContext, di: int, sent) -> Iterator[Relation]:
    """"YouTube and its parent company Alphabet", "TikTok ... its Chinese owner ByteDance": the name after
    "its" + an owner noun owns the organisation named last before "its" (read on the surface: parses of
    coordinated names are unreliable)."""
    parents = frozenset(_lex()["parent_nouns"])
    doc = ctx.docs[di]
    evidence = clean_sentence(sent)
    for tok in sent:
        if tok.lower_ != "its":
            continue
        owner_noun = False
        j = tok.i + 1
        while j < min(tok.i + 5, sent.end) and ctx.entity_at(di, doc[j]) is None:
            t = doc[j]
            if t.lemma_.lower() in parents and t.pos_ == "NOUN":
                owner_noun = True
            elif not ((t.pos_ in ("ADJ", "NOUN") and t.text[:1].islower()) or t.ent_id_.startswith("demonym:")):
                break
            j += 1
        parent = ctx.entity_at(di, doc[j]) if owner_noun and j < sent.end else None
        if parent is None or parent.type not in COMPANY_LIKE:
            continue
        child = next((e for t in reversed(doc[sent.start : tok.i])
                      if (e := ctx.entity_at(di, t)) is not None and e.type in COMPANY_LIKE), None)
        if child is not None and child is not parent:
            yield Relation(child.local_id, "subsidiaryOf", parent.local_id, evidence)


def _owner_verbs(ctx: ExtractContext, di: int, sent) -> Iterator[Relation]:
    """"Alphabet, which owns YouTube", "Alphabet owns Google": a company the subject owns or controls now
    (present tense; an owned stake or share is not the company)."""
    verbs = frozenset(_lex().get("owner_verbs", ()))
    doc = ctx.docs[di]
    evidence = clean_sentence(sent)
    for tok in sent:
        if tok.pos_ != "VERB" or tok.tag_ not in ("VBZ", "VBP") or tok.lemma_.lower() not in verbs \
                or any(c.dep_ == "neg" for c in tok.children):
            continue
        obj = next((c for c in tok.children if c.dep_ == "dobj"), None)
        owned = ctx.entity_at(di, obj) if obj is not None else None
        subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
        if subj is None or owned is None or owned.type not in COMPANY_LIKE:
            continue
        owner = None
        if subj.lower_ in ("which", "that") and subj.i >= 2 and doc[subj.i - 1].text == ",":
            owner = ctx.entity_at(di, doc[subj.i - 2])  # "Alphabet, which owns YouTube": the name before the comma
        owner = owner or entity_of_token(ctx, di, subject_of(tok) if subj.lower_ in ("which", "that") else subj,
                                         allow_pronouns=False)
        if owner is not None and owner.type in COMPANY_LIKE and owner is not owned:
            yield Relation(owned.local_id, "subsidiaryOf", owner.local_id, evidence)


def _acquired(ctx: ExtractContext, di: int, sent) -> Iterator[Relation]:
    """A completed acquisition makes a subsidiary: "SoftBank bought Arm for $32 billion in 2016",
    "Broadcom has acquired VMware". Not plans, offers, negations or questions ("agreed to buy",
    "would buy", "did not buy")."""
    lex = _lex()
    evidence = clean_sentence(sent)
    for tok in sent:
        if tok.pos_ != "VERB" or tok.lemma_.lower() not in lex["acquisition_verbs"]:
            continue
        done = tok.tag_ == "VBD" or (tok.tag_ == "VBN" and any(c.dep_ == "aux" and c.lemma_ == "have" for c in tok.children))
        if not done or tok.dep_ in ("xcomp", "ccomp", "advcl", "relcl", "acl") or any(
                c.dep_ in ("neg", "aux") and c.lemma_.lower() in ("not", "will", "would", "could", "may", "might",
                                                                  "should", "can") for c in tok.children):
            continue
        if tok.lemma_.lower() == "take" and not any(c.dep_ in ("prt", "prep") and c.lower_ == "over" for c in tok.children):
            continue
        subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
        obj = next((c for c in tok.children if c.dep_ == "dobj"), None)
        if subj is None or obj is None:
            continue
        buyer = entity_of_token(ctx, di, subj)
        bought = ctx.entity_at(di, obj) or next(
            (ctx.entity_at(di, c) for c in obj.children if c.dep_ in ("appos", "compound") and ctx.entity_at(di, c)), None)
        if buyer is not None and bought is not None and buyer is not bought and \
                buyer.type in COMPANY_LIKE and bought.type == "Company":
            yield Relation(bought.local_id, "subsidiaryOf", buyer.local_id, evidence)


def _customer(ctx: ExtractContext, di: int, sent) -> Iterator[Relation]:
    lex = _lex()
    evidence = clean_sentence(sent)
    for tok in sent:
        if tok.pos_ != "VERB" or tok.lemma_.lower() not in lex["customer_verbs"]:
            continue
        subj = subject_of(tok)
        if subj is None:
            continue
        obj = next((c for c in tok.children if c.dep_ in ("dobj", "obj")), None)
        if obj is not None and tok.lemma_.lower() in ("buy", "purchase", "acquire"):
            bought = entity_of_token(ctx, di, obj, allow_pronouns=False)
            if bought is not None and bought.type in COMPANY_LIKE:
                continue  # "agreed to buy the chip designer Arm from SoftBank": an acquisition
            if obj.lemma_.lower() in lex.get("investment_nouns", ()):
                continue  # "bought a stake in TSMC": an investor, not a customer
        customers = entities_of_np(ctx, di, subj, types=COMPANY_LIKE) or _pair_named_before(ctx, di, subj)
        if not customers and subj.dep_ in ("nsubj",) and subj.head.dep_ == "relcl":
            customers = entities_of_np(ctx, di, subj.head.head, types=COMPANY_LIKE)
        if not customers:
            continue
        suppliers: list[LocalEntity] = []
        for t in _supplier_tokens(tok, lex):
            ent = ctx.entity_at(di, t)
            if ent is not None and ent.type == "Company" and ent not in customers and ent not in suppliers:
                suppliers.append(ent)
        for c in customers:
            for s in suppliers:
                yield Relation(c.local_id, "customerOf", s.local_id, evidence)


_PICK_VERBS = {"use", "rely", "choose", "select", "deploy", "install", "source", "order", "opt"}


def _supplier_tokens(verb, lex) -> list:
    """Where a supplier is named for a customer verb: "buys kit from Ericsson", "relies on TSMC",
    "uses Huawei equipment", "chose Nokia" -- not any company elsewhere in the clause ("buy Activision
    ..., behind China's Tencent and Japan's Sony")."""
    def with_conj(t):
        return [t, *(c for c in t.subtree if c.dep_ == "conj" and c.head.i in {t.i} | {x.i for x in t.subtree})]

    objs = [c for c in verb.children if c.dep_ in ("dobj", "obj")]
    phrases = []
    for head in (verb, *objs):
        for c in head.children:
            if c.dep_ == "prep" and c.lower_ in ("from", "on"):
                phrases += [p for p in c.children if p.dep_ == "pobj"]
    out = []
    for p in phrases:
        out += with_conj(p)
        out += [c for c in p.children if c.dep_ in ("compound", "poss") and p.lemma_.lower() in lex["product_nouns"]]
    for o in objs:
        if o.lemma_.lower() in lex["product_nouns"]:
            out += [c for c in o.children if c.dep_ in ("compound", "poss")]  # "uses Huawei equipment"
        elif verb.lemma_.lower() in _PICK_VERBS:
            out += with_conj(o)  # "chose Nokia and Ericsson"
    # a name's own tokens: entity_at works on any token of the name
    return [t for t in out if t.i > verb.i or t.dep_ in ("compound", "poss")]


def _pair_named_before(ctx: ExtractContext, di: int, noun) -> list[LocalEntity]:
    """"both companies", "the two companies": the last two companies named before, in this sentence or
    the one before; none when fewer were named."""
    if noun.tag_ != "NNS" or noun.lemma_.lower() not in _company_nouns() or not any(
            (c.lower_ == "both" and c.dep_ in ("det", "predet", "preconj")) or (c.lower_ == "two" and c.dep_ == "nummod")
            for c in noun.children):
        return []
    previous = ctx.sentences_before(di, noun.sent.start, 1)
    start = previous[0].start if previous else noun.sent.start
    found: list[LocalEntity] = []
    for t in reversed(ctx.docs[di][start : noun.i]):
        ent = ctx.entity_at(di, t)
        if ent is not None and ent.type == "Company" and ent not in found:
            found.append(ent)
            if len(found) == 2:
                return found[::-1]
    return []


def _blocked(verb) -> bool:
    """Whether a verb's act is denied or stopped: "will not supply", "no longer supplies", "was barred from
    supplying", "stopped supplying"."""
    blocking = frozenset(_lex().get("blocking_verbs", ()))
    if any(c.dep_ == "neg" or (c.dep_ == "advmod" and c.lower_ == "longer") for c in verb.children):
        return True
    t = verb
    for _ in range(3):
        if t.head.i == t.i:
            break
        t = t.head.head if t.dep_ == "pcomp" and t.head.pos_ == "ADP" else t.head
        if t.lemma_.lower() in blocking:
            return True
    return False


def _supply(ctx: ExtractContext, di: int, sent) -> Iterator[Relation]:
    """"Samsung will supply memory chips to Apple", "LG supplies Apple with screens": the company
    supplied is a customer of the supplier."""
    verbs = frozenset(_lex().get("supply_verbs", ()))
    evidence = clean_sentence(sent)
    for tok in sent:
        if tok.pos_ != "VERB" or tok.lemma_.lower() not in verbs or _blocked(tok):
            continue
        subj = subject_of(tok)
        suppliers = entities_of_np(ctx, di, subj, types=COMPANY_LIKE) if subj is not None else []
        if not suppliers:
            continue
        customers: list[LocalEntity] = []
        with_prep = any(c.dep_ == "prep" and c.lower_ == "with" for c in tok.children)
        for c in tok.children:
            heads = []
            if c.dep_ == "prep" and c.lower_ == "to":
                heads = [p for p in c.children if p.dep_ == "pobj"]
            elif c.dep_ in ("dobj", "dative") and (with_prep or c.dep_ == "dative"):
                heads = [c]
            for h in heads:
                customers += [e for e in entities_of_np(ctx, di, h, types=COMPANY_LIKE) if e not in customers]
        for customer in customers:
            for supplier in suppliers:
                if customer is not supplier:
                    yield Relation(customer.local_id, "customerOf", supplier.local_id, evidence)


def _company_of_holder(ctx: ExtractContext, di: int, noun) -> LocalEntity | None:
    """"his company": the company the person named last heads or founded (by the roles found before)."""
    if noun.lemma_.lower() not in _company_nouns() or not any(
            c.dep_ == "poss" and c.lower_ in ("his", "her") for c in noun.children):
        return None
    person = last_person_before(ctx, di, noun)
    if person is None:
        return None
    for rel in reversed(ctx.relations(("ceoOf", "headOf", "founderOf"))):
        if rel.subject == person.local_id and ctx.entities[rel.object].type == "Company":
            return ctx.entities[rel.object]
    return None


def _customer_nouns(ctx: ExtractContext, di: int, sent) -> Iterator[Relation]:
    """"Nvidia, TSMC's second-largest customer", "Nvidia is a customer of TSMC", "TSMC's customers, including
    Apple and Nvidia" (the described company is the customer); "Foxconn is Apple's biggest supplier", "a supplier to
    Apple", "Apple supplier Foxconn" (the other way round)."""
    lex = _lex()
    customer_nouns = frozenset(lex.get("customer_nouns", ()))
    supplier_nouns = frozenset(lex.get("supplier_nouns", ()))
    evidence = clean_sentence(sent)
    for tok in sent:
        lemma = tok.lemma_.lower()
        if tok.pos_ != "NOUN" or lemma not in customer_nouns | supplier_nouns:
            continue
        other = None
        for c in tok.children:
            if c.dep_ == "poss" or (c.dep_ == "compound" and c.i < tok.i):
                other = entity_of_token(ctx, di, c, allow_pronouns=False)
            elif c.dep_ == "prep" and c.lower_ in ("of", "to") and (c.lower_ == "of" or lemma in supplier_nouns):
                pobj = next((p for p in c.children if p.dep_ == "pobj"), None)
                other = ctx.entity_at(di, pobj) if pobj is not None else None  # "a supplier of modems" names none
            if other is not None:
                break
        if other is None or other.type != "Company":
            continue
        described: list[LocalEntity] = []
        base = None
        if tok.dep_ == "appos" or (tok.dep_ == "compound" and tok.head.i > tok.i):
            base = tok.head
        elif tok.dep_ == "attr" and tok.head.lemma_ == "be" and not any(c.dep_ == "neg" for c in tok.head.children):
            base = subject_of(tok.head)
        if base is not None:
            ent = _company_of_holder(ctx, di, base) or entity_of_token(ctx, di, base, allow_pronouns=False)
            described = [ent] if ent is not None else []
        if not described and tok.tag_ == "NNS":
            described = _listed_after(ctx, di, tok, sent.end)  # "TSMC's customers, including Apple"
        for ent in described:
            if ent is other or ent.type not in COMPANY_LIKE:
                continue
            if lemma in customer_nouns:
                yield Relation(ent.local_id, "customerOf", other.local_id, evidence)
            else:
                yield Relation(other.local_id, "customerOf", ent.local_id, evidence)


def _following_list(ctx: ExtractContext, di: int, tok, *, exclude=None) -> list[LocalEntity]:
    """Companies listed right after a noun: "rivals Apple and Xiaomi", "competitors such as Nokia, Ericsson"."""
    doc = ctx.docs[di]
    out: list[LocalEntity] = []
    i = tok.i + 1
    end = min(len(doc), tok.sent.end)
    while i < end and doc[i].lower_ in ("such", "as", "including", "like", ",", "(", "namely"):
        i += 1
    while i < end:
        ent = ctx.entity_at(di, doc[i])
        if ent is not None and ent.type == "Company":
            if ent is not exclude and ent not in out:
                out.append(ent)
        elif doc[i].lower_ not in (",", "and", "or", "&", "as", "well"):
            break
        i += 1
    return out


def _competitor(ctx: ExtractContext, di: int, sent) -> Iterator[Relation]:
    lex = _lex()
    evidence = clean_sentence(sent)
    companies = [e for e in ctx.entities_in(di, sent, ("Company",))]
    if len(companies) < 2:
        return
    words = {t.lemma_.lower() for t in sent}
    if not (words & set(lex["competitor_nouns"]) or words & set(lex["competitor_verbs"])):
        return
    for tok in sent:
        lemma = tok.lemma_.lower()
        if lemma in lex["competitor_verbs"] and tok.pos_ == "VERB":
            subj = subject_of(tok)
            a = entities_of_np(ctx, di, subj, types=("Company",)) if subj is not None else []
            b = [ctx.entity_at(di, t) for t in tok.subtree if t.i > tok.i]
            b = [e for e in b if e is not None and e.type == "Company" and e not in a]
            if len(a) >= 2 and not b:
                b = a[1:]
                a = a[:1]
            for x in a:
                for y in [e for i, e in enumerate(b) if all(e is not f for f in b[:i])]:  # entities are unhashable
                    yield Relation(x.local_id, "competitorOf", y.local_id, evidence)
        elif lemma in lex["competitor_nouns"] and tok.pos_ == "NOUN":
            owner = None
            for c in tok.children:
                if c.dep_ == "poss":
                    owner = entity_of_token(ctx, di, c)
            rivals = []
            for t in tok.subtree:
                e = ctx.entity_at(di, t)
                if e is not None and e.type == "Company" and e is not owner and e not in rivals and t.i > tok.i:
                    rivals.append(e)
            if not rivals:
                rivals = _following_list(ctx, di, tok, exclude=owner)
            if tok.dep_ == "compound":
                # "Samsung's rivals Apple and Xiaomi": the rivals are the noun the word modifies
                for t in [tok.head, *tok.head.conjuncts]:
                    e = ctx.entity_at(di, t)
                    if e is not None and e.type == "Company" and e is not owner and e not in rivals:
                        rivals.append(e)
            if owner is None and tok.dep_ in ("appos", "attr") and any(
                    c.dep_ == "prep" and c.lower_ == "of" for c in tok.children):
                # "Samsung, a rival of Apple", "Nokia is a competitor of Ericsson"
                base = tok.head if tok.dep_ == "appos" else subject_of(tok.head)
                owner = entity_of_token(ctx, di, base) if base is not None else None
            if owner is not None and owner.type == "Company":
                for r in rivals:
                    if r is not owner:
                        yield Relation(owner.local_id, "competitorOf", r.local_id, evidence)
            elif len(rivals) >= 2 and tok.dep_ in ("nsubj", "appos", "attr"):
                for i, x in enumerate(rivals):
                    for y in rivals[i + 1:]:
                        yield Relation(x.local_id, "competitorOf", y.local_id, evidence)


def extract(ctx: ExtractContext) -> Iterator[Relation]:
    """Yield organisation relations found in the article."""
    seen = set()
    for di, sent in ctx.sentences():
        for producer in (_based_in, _based_in_phrases, _based_in_apposition, _based_in_members, _subsidiary,
                         _its_parent, _owner_verbs, _acquired, _customer, _supply, _customer_nouns, _competitor):
            for rel in producer(ctx, di, sent):
                key = (rel.subject, rel.predicate, rel.object)
                if rel.subject != rel.object and key not in seen:
                    seen.add(key)
                    yield rel

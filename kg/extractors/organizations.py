"""Relations between organisations: basedIn, subsidiaryOf, customerOf, competitorOf.

basedIn comes from demonyms and country possessives on an organisation ("the
Chinese firm", "China's Huawei", "Chinese kit vendor Huawei") and from
"<capital or country>-based"; the others from the cue words in
``kg/data/relations.yaml`` read over the dependency parse.
"""
from __future__ import annotations

import functools
from collections.abc import Iterator

from ..lexicons import load_lexicon
from ..facts import LocalEntity, Relation
from ..places import country_of_place
from .common import clean_sentence, entities_of_np, entity_of_token, subject_of
from .context import ExtractContext

COMPANY_LIKE = ("Company", "Organization")


@functools.lru_cache(maxsize=1)
def _lex() -> dict:
    return load_lexicon("relations.yaml")




@functools.lru_cache(maxsize=1)
def _company_nouns() -> frozenset[str]:
    return frozenset(_lex()["company_nouns"])


def _org_of_noun(ctx: ExtractContext, di: int, noun) -> LocalEntity | None:
    """The organisation a company noun describes: "ByteDance, the Beijing-based owner of TikTok",
    "DJI is a Shenzhen-based company", "the Chinese company Huawei"."""
    ent = entity_of_token(ctx, di, noun, allow_pronouns=False)
    if ent is None and noun.dep_ == "appos":
        ent = entity_of_token(ctx, di, noun.head, allow_pronouns=False)
    if ent is None and noun.dep_ == "attr" and noun.head.lemma_ == "be":
        subj = subject_of(noun.head)
        ent = entity_of_token(ctx, di, subj) if subj is not None else None
    return ent if ent is not None and ent.type in COMPANY_LIKE else None


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
        org = _org_of_noun(ctx, di, tok)
        if org is None:
            continue
        for c in tok.children:
            cid = None
            if c.ent_id_.startswith("demonym:") and c.dep_ in ("amod", "compound", "nmod"):
                cid = c.ent_id_.split(":", 1)[1]
            elif c.dep_ in ("poss", "compound", "nmod"):
                ent = ctx.entity_at(di, c)
                if ent is not None and ent.type == "Country" and ent.gaz_id:
                    cid = ent.gaz_id
            if cid and cid in ctx.gaz.entries:
                yield Relation(org.local_id, "basedIn", ctx.registry.add_gaz(cid).local_id, evidence)
                break


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
                if org is not None:
                    break
                if t.lemma_.lower() in _company_nouns():
                    org = _org_of_noun(ctx, di, t)
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
        # "China's Huawei"
        if i - 1 >= sent.start and doc[i].lower_ in ("'s", "’s"):
            country = ctx.entity_at(di, doc[i - 1])
            if country is not None and country.type == "Country" and country.gaz_id:
                yield Relation(org.local_id, "basedIn", country.local_id, evidence)
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
        if in_np and doc[i].ent_id_.startswith("demonym:"):
            cid = doc[i].ent_id_.split(":", 1)[1]
            yield Relation(org.local_id, "basedIn", ctx.registry.add_gaz(cid).local_id, evidence)
        elif in_np and steps >= 1:
            # "US chipmaker Qualcomm"
            country = ctx.entity_at(di, doc[i])
            if country is not None and country.type == "Country" and country.gaz_id:
                yield Relation(org.local_id, "basedIn", country.local_id, evidence)


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
        customers = entities_of_np(ctx, di, subj, types=COMPANY_LIKE)
        if not customers and subj.dep_ in ("nsubj",) and subj.head.dep_ == "relcl":
            customers = entities_of_np(ctx, di, subj.head.head, types=COMPANY_LIKE)
        if not customers:
            continue
        suppliers: list[LocalEntity] = []
        for t in tok.subtree:
            if t.i <= tok.i:
                continue
            ent = ctx.entity_at(di, t)
            if ent is None or ent.type != "Company" or ent in customers or ent in suppliers:
                continue
            # supplier named as object, as a product modifier, or with "from"; "buy Arm" is an acquisition
            if t.dep_ == "dobj" and t.head.i == tok.i and tok.lemma_.lower() not in ("use", "rely", "choose", "select"):
                continue
            if t.dep_ in ("dobj", "pobj", "conj", "compound", "poss", "appos") or t.head.lemma_.lower() in lex["product_nouns"]:
                suppliers.append(ent)
        for c in customers:
            for s in suppliers:
                yield Relation(c.local_id, "customerOf", s.local_id, evidence)


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
                for y in dict.fromkeys(b):
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
        for producer in (_based_in, _based_in_phrases, _based_in_apposition, _subsidiary, _acquired, _customer,
                         _competitor):
            for rel in producer(ctx, di, sent):
                key = (rel.subject, rel.predicate, rel.object)
                if rel.subject != rel.object and key not in seen:
                    seen.add(key)
                    yield rel

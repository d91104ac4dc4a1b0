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
from .common import clean_sentence, entities_of_np, entity_of_token, subject_of
from .context import ExtractContext

COMPANY_LIKE = ("Company", "Organization")


@functools.lru_cache(maxsize=1)
def _lex() -> dict:
    return load_lexicon("relations.yaml")


_COMPANY_NOUNS = {"firm", "company", "vendor", "maker", "giant", "group", "operator", "carrier", "provider", "bank",
                  "supplier", "manufacturer", "conglomerate", "chipmaker", "lender", "producer", "contractor", "insurer",
                  "retailer", "designer", "owner", "startup", "developer", "rival"}


def _based_in(ctx: ExtractContext, di: int, sent) -> Iterator[Relation]:
    """basedIn from the words right before an organisation's name, read on the surface.

    "China's Huawei", "Chinese kit vendor Huawei", "the Chinese firm" (the paragraph's
    organisation), "Moscow-based Rusal"; parses of these are unreliable, the surface is not.
    """
    evidence = clean_sentence(sent)
    doc = ctx.docs[di]
    for tok in sent:
        # "Moscow-based Rusal", "the Shenzhen-based company"
        if tok.lower_ == "based" and tok.i >= sent.start + 2 and doc[tok.i - 1].text == "-":
            place = doc[tok.i - 2]
            cid = None
            if place.ent_id_.startswith("capital:"):
                cid = place.ent_id_.split(":", 1)[1]
            else:
                ent = ctx.entity_at(di, place)
                if ent is not None and ent.type == "Country":
                    cid = ent.gaz_id
            org = None
            for t in doc[tok.i + 1 : min(tok.i + 5, sent.end)]:
                org = ctx.entity_at(di, t)
                if org is not None or t.lemma_.lower() in _COMPANY_NOUNS:
                    org = org or entity_of_token(ctx, di, t, allow_pronouns=False)
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
        if tok.pos_ == "NOUN" and (lemma in lex["subsidiary_nouns"] or lemma in lex["part_of_words"]):
            parent = None
            for c in tok.children:
                if c.dep_ == "prep" and c.lower_ == "of":
                    pobj = next((p for p in c.children if p.dep_ == "pobj"), None)
                    if pobj is not None:
                        parent = entity_of_token(ctx, di, pobj, allow_pronouns=False)
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
            if child is not None and child.type in COMPANY_LIKE and child is not parent:
                yield Relation(child.local_id, "subsidiaryOf", parent.local_id, evidence)
        elif tok.tag_ == "VBN" and lemma in lex["subsidiary_participles"] and tok.dep_ in ("acl", "amod", "appos"):
            agent = next((c for c in tok.children if c.dep_ == "agent"), None)
            pobj = next((p for p in agent.children if p.dep_ == "pobj"), None) if agent is not None else None
            parent = entity_of_token(ctx, di, pobj, allow_pronouns=False) if pobj is not None else None
            child = entity_of_token(ctx, di, tok.head, allow_pronouns=False)
            if parent is not None and child is not None and parent is not child and \
                    parent.type in COMPANY_LIKE and child.type in COMPANY_LIKE:
                yield Relation(child.local_id, "subsidiaryOf", parent.local_id, evidence)


def _customer(ctx: ExtractContext, di: int, sent) -> Iterator[Relation]:
    lex = _lex()
    evidence = clean_sentence(sent)
    for tok in sent:
        if tok.pos_ != "VERB" or tok.lemma_.lower() not in lex["customer_verbs"]:
            continue
        subj = subject_of(tok)
        if subj is None:
            continue
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
            if owner is not None and owner.type == "Company":
                for r in rivals:
                    yield Relation(owner.local_id, "competitorOf", r.local_id, evidence)
            elif len(rivals) >= 2 and tok.dep_ in ("nsubj", "appos", "attr"):
                for i, x in enumerate(rivals):
                    for y in rivals[i + 1:]:
                        yield Relation(x.local_id, "competitorOf", y.local_id, evidence)


def extract(ctx: ExtractContext) -> Iterator[Relation]:
    """Yield organisation relations found in the article."""
    seen = set()
    for di, sent in ctx.sentences():
        for producer in (_based_in, _subsidiary, _customer, _competitor):
            for rel in producer(ctx, di, sent):
                key = (rel.subject, rel.predicate, rel.object)
                if rel.subject != rel.object and key not in seen:
                    seen.add(key)
                    yield rel

"""Trade between organisations: customers and suppliers (``kg:customerOf``) and competitors (``kg:competitorOf``).

A supplier is named only where a customer verb or noun names it ('X will supply chips to Y', 'Y, X's largest
client', what was chosen or ordered), never any company in the clause; a bought stake or business is no
customer. Competitors come from rival nouns and 'compete with' phrases. Used by :mod:`kg.extract.organizations`.
"""
from __future__ import annotations

from collections.abc import Iterator

from kg.extract.antecedents import relative_antecedent
from kg.extract.common import clean_sentence, conjuncts, entities_of_np, entity_of_token, last_person_before, subject_of
from kg.extract.context import ExtractContext
from kg.extract.facts import Relation
from kg.extract.frames import polarity
from kg.extract.org_common import COMPANY_LIKE, company_nouns, listed_after, org_lexicon
from kg.nlp.registry import LocalEntity


def customer(ctx: ExtractContext, di: int, sent) -> Iterator[Relation]:
    lex = org_lexicon()
    evidence = clean_sentence(sent)
    for tok in sent:
        if tok.pos_ != "VERB" or tok.lemma_.lower() not in lex["customer_verbs"]:
            continue
        subj = subject_of(tok)
        if subj is None:
            continue
        obj = next((c for c in tok.children if c.dep_ in ("dobj", "obj")), None)
        if obj is not None and obj.lower_ in ("which", "that", "whom") and tok.dep_ == "relcl":
            obj = relative_antecedent(tok)  # "Varden, which Kestrel bought from Orlan": Varden was bought
        elif obj is None and tok.dep_ in ("relcl", "acl"):
            obj = tok.head  # "Varden, the carmaker it bought from Orlan": the noun the clause hangs on was bought
        if obj is not None and tok.lemma_.lower() in ("buy", "purchase", "acquire"):
            bought = [e for t in (obj, *conjuncts(obj)) if (e := entity_of_token(ctx, di, t, allow_pronouns=False))]
            if any(e.type in COMPANY_LIKE for e in bought) or (obj.pos_ == "PROPN" and obj.ent_type_ != "PRODUCT"):
                continue  # "agreed to buy the chip designer Arm from SoftBank", "bought Opel and Vauxhall from GM"
            if obj.lemma_.lower() in lex.get("investment_nouns", ()):
                continue  # "bought a stake in TSMC": an investor, not a customer
        customers = entities_of_np(ctx, di, subj, types=COMPANY_LIKE) or pair_named_before(ctx, di, subj)
        if not customers and subj.dep_ in ("nsubj",) and subj.head.dep_ == "relcl":
            customers = entities_of_np(ctx, di, subj.head.head, types=COMPANY_LIKE)
        if not customers:
            continue
        suppliers: list[LocalEntity] = []
        for t in supplier_tokens(tok, lex):
            ent = ctx.entity_at(di, t)
            if ent is not None and ent.type == "Company" and ent not in customers and ent not in suppliers:
                suppliers.append(ent)
        for c in customers:
            for s in suppliers:
                yield Relation(c.local_id, "customerOf", s.local_id, evidence)


PICK_VERBS = {"use", "rely", "choose", "select", "deploy", "install", "source", "order", "opt"}


def supplier_tokens(verb, lex) -> list:
    """Where a supplier is named for a customer verb: "buys kit from Ericsson", "relies on TSMC",
    "uses Huawei equipment", "chose Nokia" -- not any company elsewhere in the clause ("buy Activision
    ..., behind China's Tencent and Japan's Sony")."""
    def with_conj(t):
        return [t, *(c for c in t.subtree if c.dep_ == "conj" and c.head.i in {t.i} | {x.i for x in t.subtree})]

    # a proposal chosen is no purchase: "chose a rival proposal from Oracle"
    objs = [c for c in verb.children if c.dep_ in ("dobj", "obj") and c.lemma_.lower() not in lex["proposal_nouns"]]
    if len(objs) < sum(c.dep_ in ("dobj", "obj") for c in verb.children):
        return []
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
        elif verb.lemma_.lower() in PICK_VERBS:
            out += with_conj(o)  # "chose Nokia and Ericsson"
    # a name's own tokens: entity_at works on any token of the name
    return [t for t in out if t.i > verb.i or t.dep_ in ("compound", "poss")]


def pair_named_before(ctx: ExtractContext, di: int, noun) -> list[LocalEntity]:
    """"both companies", "the two companies": the last two companies named before, in this sentence or
    the one before; none when fewer were named."""
    if noun.tag_ != "NNS" or noun.lemma_.lower() not in company_nouns() or not any(
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


def blocked(verb) -> bool:
    """Whether a verb's act is denied or stopped: "will not supply", "no longer supplies", "was barred from
    supplying", "stopped supplying"."""
    blocking = frozenset(org_lexicon().get("blocking_verbs", ()))
    if any(c.dep_ == "neg" or (c.dep_ == "advmod" and c.lower_ == "longer") for c in verb.children):
        return True
    t = verb
    for _ in range(3):
        if t.head.i == t.i:
            break
        t = t.head.head if t.dep_ == "pcomp" and t.head.pos_ == "ADP" else t.head
        if t.lemma_.lower() in blocking or any(c.dep_ == "neg" for c in t.children):
            return True  # "declined to supply", "did not agree to supply"
    negated, modality, hypothetical = polarity(verb)
    # "offered to supply", "could agree to supply", "if X agreed to supply": not in force
    return negated or hypothetical or bool(set(modality) & set(org_lexicon().get("unrealised_supply", ())))


def supply(ctx: ExtractContext, di: int, sent) -> Iterator[Relation]:
    """"Samsung will supply memory chips to Apple", "LG supplies Apple with screens": the company
    supplied is a customer of the supplier."""
    verbs = frozenset(org_lexicon().get("supply_verbs", ()))
    evidence = clean_sentence(sent)
    for tok in sent:
        if tok.pos_ != "VERB" or tok.lemma_.lower() not in verbs or blocked(tok):
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


def company_of_holder(ctx: ExtractContext, di: int, noun) -> LocalEntity | None:
    """"his company": the company the person named last heads or founded (by the roles found before)."""
    if noun.lemma_.lower() not in company_nouns() or not any(
            c.dep_ == "poss" and c.lower_ in ("his", "her") for c in noun.children):
        return None
    person = last_person_before(ctx, di, noun)
    if person is None:
        return None
    for rel in reversed(ctx.relations(("ceoOf", "headOf", "founderOf"))):
        if rel.subject == person.local_id and ctx.entities[rel.object].type == "Company":
            return ctx.entities[rel.object]
    return None


def customer_nouns(ctx: ExtractContext, di: int, sent) -> Iterator[Relation]:
    """"Nvidia, TSMC's second-largest customer", "Nvidia is a customer of TSMC", "TSMC's customers, including
    Apple and Nvidia" (the described company is the customer); "Foxconn is Apple's biggest supplier", "a supplier to
    Apple", "Apple supplier Foxconn" (the other way round)."""
    lex = org_lexicon()
    customer_nouns = frozenset(lex.get("customer_nouns", ()))
    supplier_nouns = frozenset(lex.get("supplier_nouns", ()))
    evidence, trade_nouns = clean_sentence(sent), customer_nouns | supplier_nouns  # the union once, not per noun
    for tok in sent:
        lemma = tok.lemma_.lower()
        if tok.pos_ != "NOUN" or lemma not in trade_nouns:
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
            ent = company_of_holder(ctx, di, base) or entity_of_token(ctx, di, base, allow_pronouns=False)
            described = [ent] if ent is not None else []
        if not described and tok.tag_ == "NNS":
            described = listed_after(ctx, di, tok, sent.end)  # "TSMC's customers, including Apple"
        for ent in described:
            if ent is other or ent.type not in COMPANY_LIKE:
                continue
            if lemma in customer_nouns:
                yield Relation(ent.local_id, "customerOf", other.local_id, evidence)
            else:
                yield Relation(other.local_id, "customerOf", ent.local_id, evidence)


def following_list(ctx: ExtractContext, di: int, tok, *, exclude=None) -> list[LocalEntity]:
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


def competitor(ctx: ExtractContext, di: int, sent) -> Iterator[Relation]:
    lex = org_lexicon()
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
                rivals = following_list(ctx, di, tok, exclude=owner)
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

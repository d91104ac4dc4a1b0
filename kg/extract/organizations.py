"""Relations between organisations: basedIn, subsidiaryOf, customerOf, competitorOf.

basedIn comes from demonyms and country possessives on an organisation ("the
Chinese firm", "China's Huawei", "Chinese kit vendor Huawei"), on a group it is
listed in ("a dozen Chinese companies, including DJI") and from "<capital or
country>-based"; the others from the cue words in ``kg/knowledge/data/relations.yaml``
read over the dependency parse.
"""
from __future__ import annotations

import re
from collections.abc import Iterator

from kg.extract.common import clean_sentence, conjuncts, entities_of_np, entity_of_token, subject_of
from kg.extract.context import ExtractContext, main_subjects
from kg.extract.facts import Relation
from kg.extract.frame_kinds import sold_again
from kg.extract.frames import polarity
from kg.extract.org_common import COMPANY_LIKE, done_tense, org_lexicon
from kg.extract.org_lists import included_units, listed_subsidiaries
from kg.extract.org_places import (
    based_in,
    based_in_apposition,
    based_in_definite,
    based_in_members,
    based_in_phrases,
)
from kg.extract.org_trade import competitor, customer, customer_nouns, supply
from kg.extract.table_roles import owners_of_row, seats_of_row
from kg.knowledge.entity_rules import load_entity_rules
from kg.nlp.descriptions import discover_entity
from kg.nlp.people import opens_with_given_name


def _subsidiary(ctx: ExtractContext, di: int, sent) -> Iterator[Relation]:
    lex = org_lexicon()
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
                        parent = entity_of_token(ctx, di, pobj, allow_pronouns=False) or _named_owner(ctx, di, pobj)
                elif c.dep_ == "poss" and owner_noun and c.lower_ in ("its", "their"):
                    # "buy TikTok from its Chinese owner ByteDance": the company named just before
                    parent = next((e for t in reversed(ctx.docs[di][sent.start : c.i])
                                   if (e := ctx.entity_at(di, t)) is not None and e.type in COMPANY_LIKE), None)
                elif c.dep_ == "poss":
                    parent = entity_of_token(ctx, di, c, allow_pronouns=False) or _named_owner(ctx, di, c)
            if parent is None and tok.dep_ == "attr" and lemma in lex["subsidiary_nouns"] and \
                    not any(c.dep_ == "prep" for c in tok.children):
                parent = _previous_owner(ctx, di, sent)  # "The Toyota City-based group ... X is a subsidiary."
            if parent is None or parent.type not in COMPANY_LIKE:
                continue
            child, base = None, None
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
            elif child is parent and child is not None and tok.dep_ == "appos" and any(
                    c.dep_ == "poss" and c.pos_ == "NOUN" for c in tok.children):
                # "Halvik, the bank's mortgage subsidiary": the bank is the company told before, not Halvik
                parent = ctx.last_entity_before(di, tok.head.left_edge, COMPANY_LIKE, where=lambda e: e is not child)
            if child is not None and parent is not None and child.type in COMPANY_LIKE and \
                    parent.type in COMPANY_LIKE and child is not parent:
                yield Relation(child.local_id, "subsidiaryOf", parent.local_id, evidence)
                if tok.dep_ == "attr" and tok.tag_ == "NNS" and not owner_noun and base is not None:
                    # "Halvik and Pellin are wholly owned subsidiaries of X": every company of the subject
                    for conj in conjuncts(base):  # a name of the list the model missed is a company too
                        if ctx.entity_at(di, conj) is None and conj.pos_ == "PROPN":
                            discover_entity(ctx.registry, di, conj, "Company")
                    for other in entities_of_np(ctx, di, base, types=COMPANY_LIKE):
                        if other is not child and other is not parent:
                            yield Relation(other.local_id, "subsidiaryOf", parent.local_id, evidence)
        elif tok.tag_ == "VBN" and lemma in lex["subsidiary_participles"] and tok.dep_ in ("acl", "amod", "appos"):
            agent = next((c for c in tok.children if c.dep_ == "agent"), None)
            pobj = next((p for p in agent.children if p.dep_ == "pobj"), None) if agent is not None else None
            parent = entity_of_token(ctx, di, pobj, allow_pronouns=False) if pobj is not None else None
            child = entity_of_token(ctx, di, tok.head, allow_pronouns=False)
            if parent is not None and child is not None and parent is not child and \
                    parent.type in COMPANY_LIKE and child.type in COMPANY_LIKE:
                yield Relation(child.local_id, "subsidiaryOf", parent.local_id, evidence)


def _previous_owner(ctx: ExtractContext, di: int, sent):
    """The company the sentence before is about (its main clause's subject, named or described: "The Toyota
    City-based group controls several carmakers. Daihatsu is a wholly owned subsidiary.")."""
    previous = ctx.sentences_before(di, sent.start, 1)
    subj = next(iter(main_subjects(previous[-1])), None) if previous else None
    ent = entity_of_token(ctx, di, subj, allow_pronouns=False) if subj is not None else None
    return ent if ent is not None and ent.type in COMPANY_LIKE else None


def _named_owner(ctx: ExtractContext, di: int, tok):
    """"the British unit of Iberdrola": a proper noun that owns a unit names a company, whatever the model
    tagged it (a place, or nothing)."""
    if tok.pos_ != "PROPN" or ctx.entity_at(di, tok) is not None:
        return None
    return discover_entity(ctx.registry, di, tok, "Company")


def _its_parent(ctx: ExtractContext, di: int, sent) -> Iterator[Relation]:
    """"YouTube and its parent company Alphabet", "TikTok ... its Chinese owner ByteDance": the name after
    "its" + an owner noun owns the organisation named last before "its"; "Kaspersky and its American
    subsidiary, Kaspersky Lab Inc.", "Acme and its US arm, Acme Inc.": the name after "its" + a unit noun is
    owned by it (read on the surface: parses of coordinated names are unreliable)."""
    lex = org_lexicon()
    parents, units = frozenset(lex["parent_nouns"]), frozenset(lex["subsidiary_nouns"])
    doc = ctx.docs[di]
    evidence = clean_sentence(sent)
    for tok in sent:
        if tok.lower_ != "its":
            continue
        noun, named = None, None
        for t in doc[tok.i + 1 : min(tok.i + 7, sent.end)]:
            ent = ctx.entity_at(di, t)
            if noun is None and (t.ent_id_.startswith("demonym:") or t.ent_type_ in ("GPE", "NORP", "LOC")):
                continue  # "its Chinese owner", "its US arm", "its Baltic arm"
            if ent is None and noun is not None and t.pos_ == "PROPN":
                ent = discover_entity(ctx.registry, di, t.head if t.dep_ in ("compound", "flat") else t, "Company")
            if ent is not None:
                named = ent
                break
            if noun is None and t.pos_ == "NOUN" and t.lemma_.lower() in parents | units:
                noun = "parent" if t.lemma_.lower() in parents else "unit"
            elif not ((t.pos_ in ("ADJ", "NOUN") and t.text[:1].islower()) or (t.text == "," and noun is not None)):
                break  # "its American subsidiary, Kaspersky Lab Inc." has a comma; nothing else between
        if noun is None:
            continue
        appos = next((t for t in doc[tok.i + 1 : min(tok.i + 8, sent.end)] if ctx.entity_at(di, t) is named
                      and t.dep_ not in ("compound", "flat")), None)  # the name's head: an apposition, no subject
        if named is not None and named.type == "Person" and noun == "unit" and named.gaz_id is None \
                and appos is not None and appos.dep_ == "appos" \
                and not opens_with_given_name(named.best_name, load_entity_rules()):
            named.type = "Company"  # "its Baltic arm, Kestrel Baltic": a unit is a company, whatever the model said
        if named is None or named.type not in COMPANY_LIKE:
            continue
        antecedent = _its_antecedent(tok)
        if antecedent is not None and antecedent.lower_ in ("it", "they"):
            # "It owns X and its Asian arm, Y": the company the pronoun stands for
            before = ctx.previous_subject(di, antecedent.sent, COMPANY_LIKE) if antecedent.i == antecedent.sent.start \
                else None
        elif antecedent is not None:
            before = entity_of_token(ctx, di, antecedent, allow_pronouns=False)
        else:
            before = next((e for t in reversed(doc[sent.start : tok.i]) if (e := ctx.entity_at(di, t)) is not None
                           and e.type in COMPANY_LIKE), None)
            if before is None and tok.i == sent.start:
                before = ctx.previous_subject(di, sent, COMPANY_LIKE)  # "Kestrel grew. Its Asian arm, X, ..."
        if before is None or before.type not in COMPANY_LIKE or before is named:
            continue
        child, parent = (before, named) if noun == "parent" else (named, before)
        yield Relation(child.local_id, "subsidiaryOf", parent.local_id, evidence)


def _its_antecedent(its):
    """The token "its" stands for by the parse, when it says: the name its phrase is coordinated with or in
    apposition to ("Kaspersky and its US arm", "Rusal, its parent company En+"), else the subject of its clause
    before it ("the foundation, which controls the company through its investment arm": the foundation, not the
    company named last)."""
    np = its.head
    top = np
    for _ in range(8):  # "owns A, and the fund manager B, and its Asian arm": the list's head is the object
        if top.dep_ not in ("conj", "appos") or top.head.i == top.i:
            break
        top = top.head
    owner_verb = top.head if np.dep_ == "conj" and top.dep_ == "dobj" else None
    if owner_verb is not None and owner_verb.lemma_.lower() in org_lexicon().get("owner_verbs", ()) and \
            owner_verb.tag_ in ("VBZ", "VBP") and polarity(owner_verb) == (False, (), False):
        return subject_of(owner_verb)  # "Allianz owns Pimco and its Asian arm": the owner's arm, not Pimco's
    if np.dep_ in ("conj", "appos"):
        return np.head  # "removed Rusal, its parent company En+ Group": the name it is in apposition to
    t = np
    for _ in range(6):
        if t.pos_ in ("VERB", "AUX") or t.head.i == t.i:
            break
        t = t.head
    subj = subject_of(t) if t.pos_ in ("VERB", "AUX") else None
    return subj if subj is not None and subj.i < its.i and subj.lower_ not in ("its",) else None


_PERCENT = re.compile(r"\b(\d+(?:\.\d+)?)\s*(?:%|per ?cent)", re.I)


def _majority_stake(ctx: ExtractContext, di: int, sent) -> Iterator[Relation]:
    """"Unipro, in which Uniper holds 83.73 per cent", "GSK owns 68 per cent of the venture", "Uniper holds a 84%
    stake in Unipro", "owns most of DWS", "holds a majority stake in X": a holder of more than half of a company is
    its parent."""
    evidence = clean_sentence(sent)
    for verb in sent:
        if verb.pos_ != "VERB" or verb.lemma_.lower() not in ("hold", "own", "control") or polarity(verb) != (False, (), False):
            continue
        obj = next((c for c in verb.children if c.dep_ in ("dobj", "obj")), None)
        share = _PERCENT.search(" ".join(t.text for t in obj.subtree)) if obj is not None else None
        most = obj is not None and any(t.lower_ in org_lexicon()["majority_words"] for t in obj.subtree if t.i <= obj.i)
        if not most and (share is None or float(share[1]) <= 50):
            continue
        owned = None
        for c in [*obj.children, *verb.children]:
            if c.dep_ == "prep" and c.lower_ in ("of", "in"):
                pobj = next((p for p in c.children if p.dep_ == "pobj"), None)
                if pobj is not None and pobj.lower_ == "which" and verb.dep_ == "relcl":
                    pobj = verb.head  # "Unipro, in which Uniper holds ..."
                owned = entity_of_token(ctx, di, pobj, allow_pronouns=False) if pobj is not None else None
                if owned is None and pobj is not None and pobj.pos_ == "PROPN":
                    owned = _named_owner(ctx, di, pobj)  # a name more than half of which is held is a company
                if owned is not None:
                    break
        subj = subject_of(verb)
        owner = entity_of_token(ctx, di, subj, allow_pronouns=False) if subj is not None else None
        if owned is not None and owner is not None and owned is not owner and \
                owned.type in COMPANY_LIKE and owner.type in COMPANY_LIKE:
            yield Relation(owned.local_id, "subsidiaryOf", owner.local_id, evidence)


def _owner_verbs(ctx: ExtractContext, di: int, sent) -> Iterator[Relation]:
    """"Alphabet, which owns YouTube", "Alphabet owns Google": a company the subject owns or controls now
    (present tense; an owned stake or share is not the company)."""
    verbs = frozenset(org_lexicon().get("owner_verbs", ()))
    doc = ctx.docs[di]
    evidence = clean_sentence(sent)
    for tok in sent:
        if tok.pos_ != "VERB" or tok.tag_ not in ("VBZ", "VBP") or tok.lemma_.lower() not in verbs \
                or polarity(tok)[0]:  # "does not own", "no longer owns"
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
    lex = org_lexicon()
    evidence = clean_sentence(sent)
    for tok in sent:
        if tok.pos_ != "VERB" or tok.lemma_.lower() not in lex["acquisition_verbs"]:
            continue
        if not done_tense(tok) or tok.dep_ in ("xcomp", "ccomp", "advcl", "relcl", "acl") or any(
                c.dep_ in ("neg", "aux") and c.lemma_.lower() in ("not", "will", "would", "could", "may", "might",
                                                                  "should", "can") for c in tok.children):
            continue
        if tok.lemma_.lower() == "take" and not any(c.dep_ in ("prt", "prep") and c.lower_ == "over" for c in tok.children):
            continue
        if sold_again(tok):
            continue  # "bought X in 2001 and sold it in 2010": no longer its
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


def extract(ctx: ExtractContext) -> Iterator[Relation]:
    """Yield organisation relations found in the article."""
    seen = set()
    for di, sent in ctx.sentences():
        for producer in (based_in, based_in_phrases, based_in_apposition, based_in_members, based_in_definite, _subsidiary,
                         _its_parent, _owner_verbs, _majority_stake, _acquired, listed_subsidiaries, included_units, seats_of_row, owners_of_row,
                         customer, supply,
                         customer_nouns,
                         competitor):
            for rel in producer(ctx, di, sent):
                key = (rel.subject, rel.predicate, rel.object)
                if rel.subject != rel.object and key not in seen:
                    seen.add(key)
                    yield rel

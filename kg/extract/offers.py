"""Offers: who offered what to whom, on what terms, with what outcome.

Three shapes, all read over the dependency parse with the lexicon in
``kg/knowledge/data/events.yaml``:

* an offer verb: "Ren offered to license Huawei's 5G platform to any American
  company", "the idea ... was first floated by Ren" (passive: the agent offers);
* an intent word before a deal verb: "Huawei wants to sell its 5G tech to
  rivals", "Nvidia agreed to buy Arm from SoftBank", "he was willing to licence";
* an offer noun: "Broadcom's hostile bid for Qualcomm", "made an offer to the
  United States", "AstraZeneca rejected the approach" (a definite noun with no
  named offeror is the offer the article told before).

A person offering for the organisation they lead also brings the organisation.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from kg.extract.common import (
    BODY_NOUNS,
    clean_sentence,
    entities_of_np,
    entity_of_token,
    sentence_date,
    span_text,
    subject_of,
    subtree_text,
)
from kg.extract.context import ORG_TYPES, ExtractContext
from kg.extract.facts import EventFact, OfferFact, Relation
from kg.extract.frame_nouns import is_price
from kg.extract.offer_gaps import fill_gaps, surface_name
from kg.extract.offer_status import answer, carries_own, clause_text, offer_lexicon, status_of, terms_of, terms_text
from kg.knowledge.entity_rules import load_entity_rules, org_key
from kg.nlp.people import opens_with_given_name
from kg.nlp.registry import LocalEntity

AGENT_TYPES = ("Person", *ORG_TYPES, "Country")
_ITEM_STOP = ("relcl", "advcl", "punct", "acl")
_DEFINITE = {"the", "this", "that", "its", "their", "his", "her"}


@dataclass
class _Draft:
    offerors: list[LocalEntity]
    explicit: bool  # the offeror is named, not a pronoun or inherited
    item: str | None = None
    to_ents: list[LocalEntity] | None = None
    to_text: str | None = None
    definite: bool = False
    status: str | None = None  # the fate its recipient's verb gives it ("took the offer": accepted)
    mutual: bool = False  # a deal of its offerors with each other ("X and Y agreed to merge")


def _agents(ctx: ExtractContext, di: int, tok) -> tuple[list[LocalEntity], bool]:
    """Entities a noun phrase names, and whether they were named (not a pronoun/description)."""
    ents = entities_of_np(ctx, di, tok, types=AGENT_TYPES)
    named = bool(ents) and ctx.entity_at(di, tok) is not None or any(
        ctx.entity_at(di, c) is not None for c in tok.children if c.dep_ in ("compound", "appos", "conj"))
    return [ctx.as_actor(e) for e in ents], named


_STAKE_NOUNS = {"stake", "control", "holding", "share", "shares", "shareholding", "interest", "ownership", "majority"}


def _is_deal(verb) -> bool:
    """Whether a deal verb is a deal here: "take" only as "take over" or "take a stake", "invest" only
    with the company invested in ("invest in Arm"), not "take measures" or "invest $1bn in the country"."""
    lemma = verb.lemma_.lower()
    if lemma == "take":
        return any(c.dep_ in ("prt", "prep") and c.lower_ == "over" for c in verb.children) or any(
            c.dep_ == "dobj" and c.lemma_.lower() in _STAKE_NOUNS for c in verb.children)
    if lemma in offer_lexicon()["reciprocal_only"]:
        # "agreed to combine": a deal of two parties that combine themselves ("combine with Y", "X and Y agreed to
        # combine"), not what they combine ("combine forces", "combine their marketing teams", "its two divisions")
        subject = next((c for h in (verb, verb.head) for c in h.children if c.dep_ == "nsubj"), None)
        if any(c.dep_ in ("dobj", "obj") for c in verb.children):
            return False
        return any(c.dep_ == "prep" and c.lower_ == "with" for c in verb.children) or (
            subject is not None and any(c.dep_ == "conj" for c in subject.children))
    if lemma == "invest":
        for c in verb.children:
            if c.dep_ == "prep" and c.lower_ == "in":
                pobj = next((p for p in c.children if p.dep_ == "pobj"), None)
                if pobj is not None and (pobj.ent_type_ == "ORG" or pobj.lemma_.lower() in _STAKE_NOUNS):
                    return True
        return False
    return True


def _deal_child(tok, depth: int = 2):
    """The deal verb completing an intent word or offer: "to sell X", "to buy X", "by licensing X",
    "proposal to ease concerns by licensing X" (looked for two clauses deep)."""
    lex = offer_lexicon()
    for c in tok.children:
        if c.dep_ in ("xcomp", "acl", "ccomp", "advcl") and c.lemma_.lower() in lex["deal_verbs"] and _is_deal(c):
            return c
        if c.dep_ == "prep" and c.lower_ in ("by", "to", "for"):
            for p in c.children:
                if p.dep_ in ("pcomp", "pobj") and p.lemma_.lower() in lex["deal_verbs"] and p.pos_ == "VERB" \
                        and _is_deal(p):
                    return p
    if depth > 1:
        for c in tok.children:
            if c.dep_ in ("xcomp", "acl", "advcl") and c.pos_ == "VERB":
                found = _deal_child(c, depth - 1)
                if found is not None:
                    return found
    return None


def _owner(ctx: ExtractContext, di: int, tok) -> LocalEntity | None:
    """The organisation whose business, unit or stake ``tok`` is ("Alstom's gas-turbine business": Alstom)."""
    if tok.pos_ != "NOUN":
        return None
    poss = next((c for c in tok.children if c.dep_ == "poss"), None)
    owner = ctx.entity_at(di, poss) if poss is not None else None
    return owner if owner is not None and owner.type in ORG_TYPES else None


def _object_text(obj) -> str:
    if obj.pos_ == "PRON" or obj.ent_type_ in ("MONEY", "PERCENT", "CARDINAL") or is_price(obj):
        return ""  # "offered £50 a share", "offered about 12.35 billion euros": that is the price, not the item
    return subtree_text(obj, stop_deps=(*_ITEM_STOP, "prep"))


_IN_HEADS = {"stake", "share", "holding", "interest", "shareholding"}
_TO_HEADS = {"access", "right", "rights", "stake", "licence", "license", "control"}


def _with_of(obj) -> str:
    """An object with its "of ..." tail ("the American business of TikTok", "full access to its 5G technology")."""
    text = _object_text(obj)
    if not text:
        return ""
    for c in obj.children:
        if c.dep_ == "prep" and (c.lower_ == "of" or (c.lower_ == "to" and obj.lemma_.lower() in _TO_HEADS)
                                 or (c.lower_ == "in" and obj.lemma_.lower() in _IN_HEADS)):
            pobj = next((p for p in c.children if p.dep_ == "pobj"), None)
            if pobj is not None:
                text = f"{text} {c.lower_} {subtree_text(pobj, stop_deps=(*_ITEM_STOP, 'prep'))}"
    return text


def _fill_from_deal(ctx: ExtractContext, di: int, deal, draft: _Draft) -> None:
    lex = offer_lexicon()
    obj = next((o for o in deal.children if o.dep_ in ("dobj", "obj")), None)
    if obj is not None and obj.pos_ != "PRON":
        draft.item = draft.item or _with_of(obj) or None
        if deal.lemma_.lower() in lex["buy_verbs"]:
            named = entity_of_token(ctx, di, obj, allow_pronouns=False)
            seller = any(c.dep_ == "prep" and c.lower_ == "from" for h in (deal, obj) for c in h.children)
            # "buy Alstom's gas-turbine business": offered to Alstom, unless a "from" phrase names the seller
            target = named or (None if seller else _owner(ctx, di, obj))
            if target is not None and target.type in ORG_TYPES and target not in (draft.to_ents or []):
                draft.to_ents = [*(draft.to_ents or []), target]
                if named and ctx.entity_at(di, obj) is None and obj.pos_ == "NOUN" and draft.item == _with_of(obj):
                    draft.item = surface_name(target)  # "buy the social media company": Twitter
    if deal.lemma_.lower() in (lex.get("reciprocal_verbs") or ()) and draft.item and len(draft.offerors) >= 2 \
            and not draft.to_ents and not any(e.type == "Person" for e in draft.offerors):
        draft.to_ents, draft.mutual = list(draft.offerors), True  # "X and Y agreed to combine their units"
    elif deal.lemma_.lower() in (lex.get("reciprocal_verbs") or ()) and not draft.item:
        partner = next((p for c in deal.children if c.dep_ == "prep" and c.lower_ == "with" for p in c.children
                        if p.dep_ == "pobj"), None)
        other = entity_of_token(ctx, di, partner, allow_pronouns=False) if partner is not None else None
        if other is not None and other.type in ORG_TYPES:  # "X agreed to merge with Y": offered to Y
            draft.item = f"merger with {_object_text(partner)}"
            draft.to_ents = [*(draft.to_ents or []), other]
        elif partner is None and len(draft.offerors) >= 2:  # "X and Y agreed to merge"
            _mutual(draft)
        elif partner is None and deal.lemma_.lower() in lex["reciprocal_only"]:
            draft.offerors = []  # "X agreed to combine" with no one named to combine with: no deal told
    # "take over Twitter", "invest $2 billion in Uber": the company is in a phrase
    if deal.lemma_.lower() in ("take", "invest"):
        for c in deal.children:
            if c.dep_ == "prep" and c.lower_ in ("over", "in"):
                pobj = next((p for p in c.children if p.dep_ == "pobj"), None)
                target = entity_of_token(ctx, di, pobj, allow_pronouns=False) if pobj is not None else None
                if target is not None and target.type in ORG_TYPES:
                    draft.item = draft.item or (f"a stake in {_object_text(pobj)}" if c.lower_ == "in" else _object_text(pobj))
                    if target not in (draft.to_ents or []):
                        draft.to_ents = [*(draft.to_ents or []), target]
    # buyers buy from someone; sellers sell or license to someone, and share with them
    want = ("from",) if deal.lemma_.lower() in lex["buy_verbs"] else ("to", "with") if deal.lemma_.lower() == "share" else ("to",)
    # the phrase may hang from the verb or from its object ("share its technology with a US firm")
    for c in [*deal.children, *(obj.children if obj is not None else ())]:
        if c.dep_ in ("prep", "dative") and c.lower_ in want:
            pobj = next((p for p in c.children if p.dep_ == "pobj"), None)
            if pobj is not None:
                _add_recipient(ctx, di, pobj, draft)


def _add_recipient(ctx: ExtractContext, di: int, tok, draft: _Draft) -> None:
    ents = [ctx.as_actor(e) for e in entities_of_np(ctx, di, tok, types=(*ORG_TYPES, "Person", "Country"))]
    if ents:
        draft.to_ents = [*(draft.to_ents or []), *[e for e in ents if e not in (draft.to_ents or [])]]
    elif tok.pos_ in ("NOUN", "PRON") and tok.lower_ not in ("it", "them", "us") \
            and tok.lemma_.lower() not in BODY_NOUNS:  # "the board" is the target's board, told before
        draft.to_text = draft.to_text or subtree_text(tok, stop_deps=("punct", "relcl"))


def _item_after_fee(obj) -> str | None:
    """"a one-off fee in exchange for access to X": the item follows "for"."""
    for t in obj.subtree:
        if t.lower_ == "for" and t.head.lemma_.lower() in ("exchange", "return"):
            pobj = next((o for o in t.children if o.dep_ == "pobj"), None)
            if pobj is not None:
                return span_text(list(pobj.subtree))
    return None


def _from_offer_verb(ctx: ExtractContext, di: int, tok) -> _Draft | None:
    lex = offer_lexicon()
    passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in tok.children)
    if passive:
        agent = next((c for c in tok.children if c.dep_ == "agent"), None)
        pobj = next((p for p in agent.children if p.dep_ == "pobj"), None) if agent is not None else None
        if pobj is None:
            return None
        offerors, named = _agents(ctx, di, pobj)
        draft = _Draft(offerors, named)
        subj = next((c for c in tok.children if c.dep_ == "nsubjpass"), None)
        if subj is not None:
            draft.item = _item_after_fee(subj) or _object_text(subj)
    else:
        subj = subject_of(tok)
        if subj is None:
            return None
        offerors, named = _agents(ctx, di, subj)
        draft = _Draft(offerors, named)
        deal = _deal_child(tok)
        if deal is not None:
            _fill_from_deal(ctx, di, deal, draft)
        obj = next((o for o in tok.children if o.dep_ in ("dobj", "obj")), None)
        if obj is not None and obj.pos_ != "PRON":
            if obj.lemma_.lower() in lex["terms_nouns"]:
                draft.item = draft.item or _item_after_fee(tok)
            else:
                draft.item = draft.item or _with_of(obj) or None
        # "offered $130 billion for Qualcomm", "bid 54 dollars a share for Twitter": the company bought (the "for"
        # phrase may hang on the price)
        for c in [*tok.children, *(obj.children if obj is not None and is_price(obj) else ())]:
            if c.dep_ == "prep" and c.lower_ == "for" and not draft.item:
                pobj = next((p for p in c.children if p.dep_ == "pobj"), None)
                target = (entity_of_token(ctx, di, pobj, allow_pronouns=False) or _owner(ctx, di, pobj)) \
                    if pobj is not None else None
                if target is not None and target.type in ORG_TYPES:
                    draft.item = _with_of(pobj) or None  # "for Alstom's power and grid businesses": Alstom's
                    if target not in (draft.to_ents or []):
                        draft.to_ents = [*(draft.to_ents or []), target]
    for c in tok.children:
        if c.dep_ == "dative" or (c.dep_ == "prep" and c.lower_ == "to"):
            pobj = next((p for p in c.children if p.dep_ == "pobj"), c if c.dep_ == "dative" else None)
            if pobj is not None:
                _add_recipient(ctx, di, pobj, draft)
    return draft


def _from_intent(ctx: ExtractContext, di: int, tok) -> _Draft | None:
    deal = _deal_child(tok)
    if deal is None or any(c.dep_ == "auxpass" for c in deal.children):
        return None  # "agreed to be bought by X": the subject is the target (the frame reader's case)
    if tok.pos_ in ("VERB", "AUX"):
        subj = subject_of(tok)
    elif tok.pos_ == "ADJ":  # "he was willing to licence"
        subj = subject_of(tok.head) if tok.head.pos_ in ("AUX", "VERB") else None
    else:
        subj = next((c for c in tok.children if c.dep_ == "poss"), None)
        if subj is None and tok.dep_ in ("dobj", "attr") and tok.head.pos_ in ("VERB", "AUX"):
            subj = subject_of(tok.head)
        if subj is None and tok.dep_ == "pobj" and tok.head.head.pos_ in ("VERB", "AUX"):
            subj = subject_of(tok.head.head)  # "Microsoft is in talks to buy ..."
    if subj is None:
        return None
    offerors, named = _agents(ctx, di, subj)
    draft = _Draft(offerors, named)
    _fill_from_deal(ctx, di, deal, draft)
    return draft


def _from_offer_noun(ctx: ExtractContext, di: int, tok) -> _Draft | None:
    lex = offer_lexicon()
    if tok.dep_ == "compound" or (tok.tag_ == "NNS" and not any(c.dep_ == "poss" for c in tok.children)):
        return None  # "takeover rules", "foreign takeovers": not one offer
    offerors: list[LocalEntity] = []
    named = False
    to_from_subject = False
    for c in tok.children:
        if c.dep_ == "poss":
            offerors, named = _agents(ctx, di, c)
        elif (c.dep_ == "prep" and c.lower_ in ("by", "from")) or c.dep_ == "agent":
            pobj = next((o for o in c.children if o.dep_ == "pobj"), None)
            if pobj is not None:
                offerors, named = _agents(ctx, di, pobj)
        elif c.dep_ == "compound":
            e = ctx.entity_at(di, c)
            if e is not None and e.type in AGENT_TYPES:
                offerors, named = [ctx.as_actor(e)], True
    governor = tok.head if tok.dep_ in ("dobj", "nsubjpass", "attr", "pobj") else None
    if governor is not None and governor.pos_ == "ADP":
        governor = governor.head
    if governor is not None and governor.pos_ in ("VERB", "AUX"):
        lemma = governor.lemma_.lower()
        subj = subject_of(governor)
        partner = tok.lemma_.lower() in lex["partner_nouns"] and lemma in lex["party_verbs"]
        their = any(c.dep_ == "poss" and c.lower_ == "their" for c in tok.children)
        if their and partner and subj is not None and any(c.dep_ == "conj" for c in subj.children):
            offerors, named = _agents(ctx, di, subj)  # "X and Y called off their merger": both, not one "their"
        elif (lemma in lex["make_verbs"] or partner) and not offerors and subj is not None:
            offerors, named = _agents(ctx, di, subj)  # "made an offer"; "terminated its merger with Zee"
        elif lemma in lex["receive_verbs"] and subj is not None and subj.i != tok.i and tok.dep_ != "nsubjpass" \
                and not carries_own(governor, tok):
            to_from_subject = True  # "Qualcomm rejected the bid"; not "the bid was rejected"
            if not offerors:  # "preferred the proposal from X": the parser hung "from X" on the verb
                pobj = next((o for c in governor.children if c.dep_ == "prep" and c.lower_ == "from"
                             for o in c.children if o.dep_ == "pobj"), None)
                if pobj is not None:
                    offerors, named = _agents(ctx, di, pobj)
    dets = {c.lower_ for c in tok.children if c.dep_ in ("det", "poss")}
    draft = _Draft(offerors, named, definite=bool(dets & _DEFINITE))
    if to_from_subject:
        draft.status = answer(governor)
    if to_from_subject and governor is not None:
        subj = subject_of(governor)
        if subj is not None:
            _add_recipient(ctx, di, subj, draft)
    deal = _deal_child(tok)
    if deal is not None:
        _fill_from_deal(ctx, di, deal, draft)
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ in ("for", "of") and draft.item is None:
            pobj = next((o for o in c.children if o.dep_ == "pobj"), None)
            if pobj is not None and pobj.lemma_.lower() not in lex["terms_nouns"] and pobj.pos_ in ("NOUN", "PROPN") \
                    and pobj.lower_ not in lex["deal_kind_words"]:
                draft.item = _with_of(pobj)
                target = entity_of_token(ctx, di, pobj, allow_pronouns=False)
                owner = _owner(ctx, di, pobj) if target is None else None  # "a proposal for Alstom's energy arm"
                if owner is not None:
                    draft.to_ents = [*(draft.to_ents or []), owner]
                if target is not None and target.type in ORG_TYPES:
                    draft.to_ents = [*(draft.to_ents or []), target]
                    if ctx.entity_at(di, pobj) is None and pobj.pos_ == "NOUN":
                        draft.item = surface_name(target)  # "its offer for the Dutch company": NXP
        elif c.dep_ == "prep" and (c.lower_ == "to" or (c.lower_ == "with" and tok.lemma_.lower() in lex["partner_nouns"])):
            pobj = next((o for o in c.children if o.dep_ == "pobj"), None)  # "a bid to X"; "its merger with Zee"
            if pobj is not None and c.lower_ == "with" and draft.item is None:
                draft.item = _with_of(pobj)
            if pobj is not None:
                _add_recipient(ctx, di, pobj, draft)
    if tok.lemma_.lower() in lex["partner_nouns"] and len(draft.offerors) >= 2 and not draft.to_ents:
        _mutual(draft)  # "X and Y called off their merger", "the merger of equals X and Y agreed"
    if draft.item is None and tok.dep_ == "nsubj" and tok.head.pos_ in ("VERB", "AUX"):
        # "The latest bid by Huawei ... could involve licensing its 5G technology"
        for c in tok.head.children:
            if c.lemma_.lower() in lex["deal_verbs"] and c.dep_ in ("xcomp", "dobj", "ccomp", "pcomp"):
                _fill_from_deal(ctx, di, c, draft)
    return draft


def _other_offeror_here(ctx: ExtractContext, di: int, sent, draft: _Draft, last: EventFact) -> bool:
    """"..., after Qualcomm agreed to pay more for NXP, raising its offer": "its" is a company named in
    this sentence that did not make the offer told before, so this is another offer."""
    if not draft.offerors or any(e.local_id in last.offered_by for e in draft.offerors):
        return False
    named = _named_in(ctx, di, sent)
    return all(id(e) in named for e in draft.offerors)


def _named_in(ctx: ExtractContext, di: int, sent) -> set[int]:
    """Identities of the entities a sentence names (entities are unhashable)."""
    return {id(e) for t in sent if (e := ctx.entity_at(di, t)) is not None}


def _mutual(draft: _Draft) -> None:
    """A deal two organisations make with each other ("X and Y agreed to merge"): the merger of both, each offered to
    the other. A party the model took for a person, that no given name opens and no full name of the article names,
    is a company merging ("Holcim and Lafarge agreed to combine"); people who "agree to combine" make none, nor a
    cluster that holds a founder's full name ("Lafarge" joined to "Joseph-Auguste Pavin de Lafarge": retyping it
    would make the founder the company)."""
    rules = load_entity_rules()
    if any(e.type == "Person" and (e.gaz_id or opens_with_given_name(e.best_name, rules) or any(
            len(n.split()) > 1 for n in e.names)) for e in draft.offerors) \
            or not any(e.type in ORG_TYPES for e in draft.offerors):  # (a founder's full name: "Pavin de Lafarge")
        draft.offerors = []
        return
    for e in draft.offerors:
        if e.type == "Person":
            e.type, e.key = "Company", f"Organization:{org_key(e.best_name)}"
    draft.item = "merger of " + " and ".join(e.best_name for e in draft.offerors)
    draft.to_ents, draft.mutual = list(draft.offerors), True


def _is_policy(item: str) -> bool:
    """Whether an offer's item is a measure or policy ("an oil embargo", "new sanctions", "tariffs") or a gesture
    ("certainty", "support", "its condolences"): nothing a party is offered in a deal."""
    # the head of the item's first noun phrase ("a freeze on Valdorian assets": freeze; "the property listings
    # business of X": business, not a policy)
    head = re.split(r"\s+(?:of|for|on|against|to|in|with|from)\s+", item.lower(), maxsplit=1)[0]
    words = re.findall(r"[a-z]+", head)
    return bool(words) and words[-1] in {*offer_lexicon()["policy_words"], *offer_lexicon().get("gesture_words", ())}


def _roles_of(ctx: ExtractContext, person: LocalEntity, relations: list[Relation]) -> list[LocalEntity]:
    orgs = []
    for r in relations:
        if r.subject == person.local_id and r.predicate in ("founderOf", "ceoOf", "headOf"):
            org = ctx.entities[r.object]
            if org.type in ("Company", "Organization") and org not in orgs:
                orgs.append(org)
    return orgs


def extract(ctx: ExtractContext) -> Iterator[EventFact]:
    """Yield one offer (an EventFact of kind offer) per offer stated in the article."""
    lex = offer_lexicon()
    relations = ctx.relations()
    last: EventFact | None = None
    found: list[EventFact] = []
    for di, sent in ctx.sentences():
        text = clean_sentence(sent)
        seen: set = set()
        for tok in sent:
            lemma = tok.lemma_.lower()
            draft = None
            if tok.pos_ == "VERB" and lemma in lex["verbs"]:
                draft = _from_offer_verb(ctx, di, tok)
            elif tok.pos_ == "NOUN" and lemma in lex["nouns"] and tok.lower_ not in ("offering", "offerings"):
                draft = _from_offer_noun(ctx, di, tok)
            if (draft is None or not draft.offerors) and lemma in lex["intent_words"] and tok.pos_ in ("VERB", "ADJ", "NOUN"):
                intent = _from_intent(ctx, di, tok)
                if intent is not None and draft is not None and intent.status is None:
                    intent.status = draft.status  # "backed the offer": the answer read from the noun's verb
                draft = intent or draft
            if draft is None:
                continue
            is_noun = tok.pos_ == "NOUN" and lemma in lex["nouns"]
            if is_noun and last is not None and (not draft.offerors or (
                    draft.definite and not draft.explicit and not _other_offeror_here(ctx, di, sent, draft, last))):
                # "the offer", "its bid", "rejected the approach": the offer told before
                offered_by = last.offered_by
                draft.item = draft.item or last.item
                if not draft.to_ents and not draft.to_text:
                    to_ids, to_text = last.offered_to, last.offered_to_text
                else:
                    to_ids, to_text = tuple(e.local_id for e in draft.to_ents or []), draft.to_text
            elif draft.offerors:
                offerors = list(draft.offerors)
                named_here = _named_in(ctx, di, sent)
                company_words = {t.lower_ for t in sent} & {"its", "company", "company's", "firm", "firm's", "group"}
                for person in [e for e in offerors if e.type == "Person"]:
                    # the company a person leads offers with them when the sentence speaks of it ("Ren
                    # offered to license the company's 5G technology"), not for a personal bid by the
                    # head of another company ("Musk offered to buy Twitter")
                    for org in _roles_of(ctx, person, relations):
                        if org not in offerors and (id(org) in named_here or company_words):
                            offerors.append(org)
                offered_by = tuple(e.local_id for e in offerors)
                to_ids = tuple(e.local_id for e in draft.to_ents or [] if e not in offerors or draft.mutual)
                if is_noun and lemma in lex["partner_nouns"] and draft.to_ents and not to_ids and not draft.to_text:
                    continue  # "its merger with X" read as X's own: a merger with itself is a misread "its"
                to_text = draft.to_text
            else:
                continue
            key = (offered_by, draft.item)
            if key in seen:
                continue
            if draft.item and _is_policy(draft.item):
                continue  # "first proposed an oil embargo": a policy proposal, not an offer
            seen.add(key)
            date, date_text = sentence_date(ctx, sent)
            own_terms, wide_terms = terms_text(sent, tok)
            fact = OfferFact(
                offered_by=offered_by,
                evidence=text,
                offered_to=tuple(i for i in to_ids if i not in offered_by or draft.mutual),
                offered_to_text=to_text,
                item=draft.item or None,
                terms=terms_of(own_terms) or terms_of(wide_terms),
                status=status_of(clause_text(sent, tok)) or draft.status,
                date=date.value if date else None,
                date_text=date_text,
            )
            last = fact
            found.append(fact)
    yield from fill_gaps(ctx, found)

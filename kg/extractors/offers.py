"""Offers: who offered what to whom, on what terms, with what outcome.

Triggers are the verbs and nouns in ``kg/data/events.yaml`` ("offered to license",
"a $40 billion offer for Arm", "Broadcom's bid for Qualcomm", "proposed a one-off
fee"). The offeror is the subject (or possessor, or "by" agent); a person making
an offer for the organisation they lead also brings that organisation.
"""
from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from ..facts import LocalEntity, OfferFact, Relation
from .common import (
    clean_sentence, entities_of_np, entity_of_token, events_lexicon, sentence_date, span_text, subject_of,
    subtree_text,
)
from .context import ORG_TYPES, ExtractContext

AGENT_TYPES = ("Person", *ORG_TYPES)


@functools.lru_cache(maxsize=1)
def _lex() -> dict:
    lex = events_lexicon()["offers"]
    return {
        **lex,
        "terms_rx": [re.compile(p, re.I) for p in lex["terms_patterns"]],
    }


def _status(sent_text: str) -> str | None:
    low = sent_text.lower()
    for status, cues in _lex()["status"].items():
        for cue in cues:
            if re.search(r"\b" + re.escape(cue.lower()), low):
                return status
    return None


def _terms(sent_text: str) -> str | None:
    found = []
    for rx in _lex()["terms_rx"]:
        for m in rx.finditer(sent_text):
            t = m.group(0).strip(" ,.")
            if t and not any(t in f for f in found):
                found.append(t)
    return "; ".join(found[:3]) or None


def _item_from(tok) -> str | None:
    """What is offered, from an item verb ("license X") or the trigger's object."""
    lex = _lex()
    for c in tok.children:
        if c.dep_ in ("xcomp", "acl", "pcomp", "advcl", "ccomp") and c.lemma_.lower() in lex["item_verbs"]:
            obj = next((o for o in c.children if o.dep_ in ("dobj", "obj")), None)
            if obj is not None and obj.pos_ != "PRON":
                return subtree_text(obj, stop_deps=("relcl", "advcl", "punct", "prep", "acl"))
        if c.dep_ == "prep" and c.lower_ in ("for", "to") and tok.pos_ == "NOUN":
            pobj = next((o for o in c.children if o.dep_ == "pobj"), None)
            if pobj is not None and pobj.pos_ in ("NOUN", "PROPN"):
                return subtree_text(pobj, stop_deps=("relcl", "advcl", "punct", "prep"))
            pcomp = next((o for o in c.children if o.dep_ == "pcomp"), None)
            if pcomp is not None:
                obj = next((o for o in pcomp.children if o.dep_ == "dobj"), None)
                if obj is not None:
                    return subtree_text(obj, stop_deps=("relcl", "advcl", "punct", "prep"))
    obj = next((o for o in tok.children if o.dep_ in ("dobj", "obj")), None)
    if obj is not None and obj.pos_ != "PRON":
        if obj.lemma_.lower() in lex["terms_nouns"]:
            # "proposed a one-off fee in exchange for access to X": the item follows "for"
            for t in obj.subtree:
                if t.lower_ == "for" and t.head.lemma_.lower() in ("exchange", "return", "fee"):
                    pobj = next((o for o in t.children if o.dep_ == "pobj"), None)
                    if pobj is not None:
                        return span_text(list(pobj.subtree))
            return None
        return subtree_text(obj, stop_deps=("relcl", "advcl", "punct", "acl"))
    return None


def _item_anywhere(sent, after) -> str | None:
    """An item verb later in the sentence ("bid ... could involve licensing its 5G technology")."""
    lex = _lex()
    for t in sent:
        if t.i > after.i and t.lemma_.lower() in lex["item_verbs"] and t.pos_ == "VERB":
            obj = next((o for o in t.children if o.dep_ in ("dobj", "obj")), None)
            if obj is not None and obj.pos_ != "PRON":
                return subtree_text(obj, stop_deps=("relcl", "advcl", "punct", "prep", "acl"))
    return None


def _recipient(ctx: ExtractContext, di: int, tok) -> tuple[list[LocalEntity], str | None]:
    """Who the offer is made to: "to X" / indirect object / the seller ("from SoftBank") / the target."""
    cands = []
    verbs = [tok] + [c for c in tok.children if c.dep_ in ("xcomp", "acl", "pcomp", "ccomp")]
    for v in verbs:
        for c in v.children:
            if c.dep_ == "dative":
                target = next((o for o in c.children if o.dep_ == "pobj"), c)
                cands.append(target)
            elif c.dep_ == "prep" and c.lower_ in ("to", "from") and v is not tok or (c.dep_ == "prep" and c.lower_ == "to"):
                pobj = next((o for o in c.children if o.dep_ == "pobj"), None)
                if pobj is not None:
                    cands.append(pobj)
            elif c.dep_ == "prep" and c.lower_ == "for" and tok.pos_ == "NOUN":
                pobj = next((o for o in c.children if o.dep_ == "pobj"), None)
                if pobj is not None and ctx.entity_at(di, pobj) is not None:
                    cands.append(pobj)
    ents: list[LocalEntity] = []
    text = None
    for c in cands:
        found = entities_of_np(ctx, di, c, types=(*ORG_TYPES, "Person", "Country"))
        if found:
            ents += [ctx.as_actor(e) for e in found if e not in ents]
        elif text is None and c.pos_ in ("NOUN", "PRON") and c.lower_ not in ("it", "them"):
            text = subtree_text(c, stop_deps=("relcl", "punct"))
    return ents, text


def _roles_of(ctx: ExtractContext, person: LocalEntity, relations: list[Relation]) -> list[LocalEntity]:
    orgs = []
    for r in relations:
        if r.subject == person.local_id and r.predicate in ("founderOf", "ceoOf", "headOf"):
            org = ctx.entities[r.object]
            if org.type in ("Company", "Organization") and org not in orgs:
                orgs.append(org)
    return orgs


def extract(ctx: ExtractContext) -> Iterator[OfferFact]:
    """Yield one OfferFact per offer trigger with an identifiable offeror."""
    lex = _lex()
    relations = ctx.relations()
    for di, sent in ctx.sentences():
        text = clean_sentence(sent)
        used_heads = set()
        for tok in sent:
            lemma = tok.lemma_.lower()
            is_verb = tok.pos_ == "VERB" and lemma in lex["verbs"]
            is_noun = tok.pos_ == "NOUN" and lemma in lex["nouns"]
            if not (is_verb or is_noun):
                continue
            if tok.lower_ in ("offering", "offerings") and tok.pos_ == "NOUN":
                continue
            offerors: list[LocalEntity] = []
            if is_verb:
                subj = subject_of(tok)
                if subj is not None:
                    offerors = entities_of_np(ctx, di, subj, types=AGENT_TYPES)
                if not offerors and tok.head.pos_ == "NOUN" and tok.dep_ == "acl":
                    offerors = []
            else:
                for c in tok.children:
                    if c.dep_ == "poss":
                        offerors = entities_of_np(ctx, di, c, types=AGENT_TYPES)
                    elif c.dep_ == "prep" and c.lower_ == "by":
                        pobj = next((o for o in c.children if o.dep_ == "pobj"), None)
                        if pobj is not None:
                            offerors = entities_of_np(ctx, di, pobj, types=AGENT_TYPES)
                if not offerors and tok.dep_ in ("dobj", "attr"):
                    subj = subject_of(tok.head)
                    if subj is not None:
                        offerors = entities_of_np(ctx, di, subj, types=AGENT_TYPES)
                if not offerors and tok.dep_ in ("dobj", "attr", "pobj"):
                    compounds = [c for c in tok.children if c.dep_ == "compound"]
                    for c in compounds:
                        e = ctx.entity_at(di, c)
                        if e is not None and e.type in AGENT_TYPES:
                            offerors = [e]
            if not offerors:
                continue
            offerors = [ctx.as_actor(e) for e in offerors]
            for person in [e for e in offerors if e.type == "Person"]:
                for org in _roles_of(ctx, person, relations):
                    if org not in offerors:
                        offerors.append(org)
            key = tuple(sorted(e.local_id for e in offerors))
            item = _item_from(tok) or _item_anywhere(sent, tok)
            to_ents, to_text = _recipient(ctx, di, tok)
            to_ents = [e for e in to_ents if e not in offerors]
            if (key, item) in used_heads:
                continue
            used_heads.add((key, item))
            date, date_text = sentence_date(ctx, sent)
            yield OfferFact(
                offered_by=key,
                evidence=text,
                offered_to=tuple(e.local_id for e in to_ents),
                offered_to_text=to_text,
                item=item,
                terms=_terms(text),
                status=_status(text),
                date=date.value if date else None,
                date_text=date_text,
            )

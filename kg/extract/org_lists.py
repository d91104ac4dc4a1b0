"""Subsidiaries told as a list: "ChemChina has bought a string of European companies in recent years:" or
"Alphabet holds the businesses that do not fit inside Google. They include:" followed by one line per company
("- Pirelli, the Milan tyre maker, last year;"). Each company a line opens with is a subsidiary of the owner.

The owner holds them now ("owns", "controls", "holds" in the present) or has bought them ("has bought", "bought");
a holding to come ("will hold"), a negated one or one only planned gives none. The list's lines are read as the
sanction lists' are (:func:`kg.extract.sanction_items.items_after`). Verbs and collection nouns are data
(``relations.yaml``: ``list_holding_verbs``, ``acquisition_verbs``, ``collection_nouns``).
"""
from __future__ import annotations

from collections.abc import Iterator

from kg.extract.common import clean_sentence, entity_of_token
from kg.extract.context import ExtractContext
from kg.extract.facts import Relation
from kg.extract.frames import polarity
from kg.extract.org_common import COMPANY_LIKE, company_nouns, done_tense, org_lexicon
from kg.extract.sanction_items import items_after
from kg.knowledge.entity_rules import org_key
from kg.nlp.descriptions import discover_entity


def listed_subsidiaries(ctx: ExtractContext, di: int, sent) -> Iterator[Relation]:
    """subsidiaryOf for each company of a list that ``sent`` says its subject owns or has bought."""
    doc = sent.doc
    if not _ends_with_colon(sent) and (sent.end >= len(doc) or not _ends_with_colon(doc[sent.end].sent)):
        return  # no list follows
    lex = org_lexicon()
    for tok in reversed(sent):  # the clause nearest the colon: "X owns ..., and Y has bought a string of companies:"
        obj = next((c for c in tok.children if c.dep_ == "dobj"), None)
        if obj is None or not _companies_noun(obj, lex) or ctx.entities_in(di, _own_words(obj)):
            continue  # "owns the businesses of Kestrel": those named, no list
        owner = _holder(ctx, di, tok, lex)
        if owner is None:
            return
        evidence = clean_sentence(sent)
        for line in items_after(ctx, di, sent, frozenset(lex.get("list_intro_words", ()))):
            for ent in line:
                if ent.type in COMPANY_LIKE and ent is not owner:
                    yield Relation(ent.local_id, "subsidiaryOf", owner.local_id, evidence)
        return


def included_units(ctx: ExtractContext, di: int, sent) -> Iterator[Relation]:
    """subsidiaryOf for the companies an owner's units are said to include: "Kestrel's subsidiaries include Varden
    and Orlan", "Its units include: Varden, the dairy; Orlan; and Kestrel Norge" (not "do not include", "could
    include", nor a company named inside a clause on one of them: "Varden, which Halden once owned")."""
    units = frozenset(org_lexicon()["subsidiary_nouns"])
    for verb in sent:
        if verb.pos_ != "VERB" or verb.lemma_.lower() not in ("include", "comprise"):
            continue
        negated, modality, hypothetical = polarity(verb)
        subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if negated or modality or hypothetical or subj is None or subj.tag_ != "NNS" or subj.lemma_.lower() not in units:
            continue
        poss = next((c for c in subj.children if c.dep_ == "poss"), None)
        owner = entity_of_token(ctx, di, poss) if poss is not None else None
        if owner is None or owner.type not in COMPANY_LIKE:
            continue
        evidence = clean_sentence(sent)
        for tok in sent.doc[verb.i + 1 : sent.end]:
            if not _listed_under(tok, verb):
                continue
            ent = ctx.entity_at(di, tok)
            if ent is None and tok.pos_ == "PROPN" and tok.dep_ in ("dobj", "conj", "appos"):
                ent = discover_entity(ctx.registry, di, tok, "Company")  # a unit is a company, tagged or not
            elif ent is not None and ent.type == "Person" and ent.gaz_id is None and tok.dep_ in ("dobj", "conj"):
                ent.type, ent.key = "Company", f"Organization:{org_key(ent.best_name)}"  # "... and Sandor Coke"
            if ent is not None and ent is not owner and ent.type in COMPANY_LIKE:
                yield Relation(ent.local_id, "subsidiaryOf", owner.local_id, evidence)


_LIST_DEPS = frozenset({"dobj", "conj", "appos", "compound", "flat", "nmod", "npadvmod", "dep", "attr", "punct", "cc"})


def _listed_under(tok, verb) -> bool:
    """Whether ``tok`` is a member of ``verb``'s object list, reached through list links only (not inside a clause or
    a prepositional phrase of a member)."""
    t = tok
    for _ in range(12):
        if t.i == verb.i:
            return True
        if t.dep_ not in _LIST_DEPS or t.head.i == t.i:
            return False
        t = t.head
    return False


def _holder(ctx: ExtractContext, di: int, verb, lex):
    """The organisation that holds or has bought what ``verb`` names, when it does so in fact: "owns", "holds",
    "has bought", "bought"; not "will hold", "would buy", "did not buy", "agreed to buy"."""
    if verb.pos_ != "VERB" or verb.dep_ in ("xcomp", "ccomp", "advcl", "relcl", "acl"):
        return None
    lemma = verb.lemma_.lower()
    negated, modality, hypothetical = polarity(verb)
    if negated or modality or hypothetical:
        return None
    if any(c.dep_ in ("oprd", "acomp", "xcomp", "ccomp", "prt") or (c.dep_ == "prep" and (c.lower_ == "to" or (
            c.lower_ == "in" and lemma == "hold"))) for c in verb.children) and not (
            lemma == "take" and any(c.lower_ == "over" for c in verb.children)):
        return None  # "holds them responsible", "holds them to account", "has taken them to court", "taken on"
    if lemma == "take" and not any(c.lower_ == "over" for c in verb.children):
        return None  # only "took over" is a purchase
    if any(c.dep_ == "conj" and c.lemma_.lower() in lex.get("disposal_verbs", ()) for c in verb.children):
        return None  # "bought a number of companies and sold them later"
    if lemma in lex.get("list_holding_verbs", ()):
        if verb.tag_ not in ("VBZ", "VBP"):
            return None
    elif lemma in lex["acquisition_verbs"]:
        if not done_tense(verb):
            return None
    else:
        return None
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subj is None:
        return None
    # the owner is named, or "it" / "the company" continues the subject of the sentence before (not "Kestrel's
    # shareholders", nor a description that may be anyone's)
    owner = ctx.entity_at(di, subj) if subj.pos_ == "PROPN" else \
        ctx.previous_subject(di, verb.sent) if subj.lower_ == "it" or subj.dep_ == "nsubj" and subj.pos_ == "NOUN" \
        and subj.lemma_.lower() in company_nouns() and not any(c.dep_ == "poss" for c in subj.children) else None
    return owner if owner is not None and owner.type in COMPANY_LIKE else None


def _companies_noun(obj, lex) -> bool:
    """A plural noun of companies ("businesses", "European companies", "brands"), or a collection of them ("a string
    of companies")."""
    if obj.lemma_.lower() in lex.get("collection_nouns", ()):
        obj = next((p for c in obj.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children
                    if p.dep_ == "pobj"), obj)
    return obj.tag_ == "NNS" and (obj.lemma_.lower() in company_nouns() or obj.lemma_.lower() == "brand")


def _own_words(noun) -> list:
    """The words of a noun phrase outside its relative clauses ("the businesses that do not fit inside Google")."""
    inside = {t.i for c in noun.children if c.dep_ == "relcl" for t in c.subtree}
    return [t for t in noun.subtree if t.i not in inside]


def _ends_with_colon(sent) -> bool:
    last = next((t for t in reversed(sent) if not t.is_space), None)
    return last is not None and last.text == ":"

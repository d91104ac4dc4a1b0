"""What a pronoun stands for, read from the parse alone: the token to resolve instead of the pronoun.

In: a relative clause, or an organisation pronoun ("it", "they") that is a clause's subject. Out: the token of its
antecedent (a name or a description, which :func:`kg.extract.common.entity_of_token` resolves), or None when the
parse does not say and the article's topic must decide. Imports nothing that resolves entities, so the resolvers
may import it.
"""
from __future__ import annotations

from kg.extract.frame_nouns import frame_lexicon

_RELATIVE = frozenset({"which", "that", "who", "whom", "whose"})


def relative_antecedent(clause):
    """What a relative clause's pronoun stands for: the noun the clause hangs on, but for a place the parser hung it
    on, the noun the place says where it is ("the wafer plant in Wales, which was later bought by X": the plant)."""
    head = clause.head
    prep = head.head
    if head.dep_ == "pobj" and head.ent_type_ in ("GPE", "LOC") and prep.lower_ in ("in", "at", "near") \
            and prep.head.pos_ in ("NOUN", "PROPN") and prep.head.i < prep.i:
        return prep.head
    return head


def contact_subject(verb):
    """The subject of a relative clause without its pronoun that the parser read as a participle on the noun: "Y, the
    rentals site Kestrel bought in 2015" (parsed "site" <- appos "Kestrel", acl "bought"): the name right before a
    past-tense verb with no subject of its own, hung on the same noun after it."""
    if verb.dep_ != "acl" or verb.tag_ != "VBD" or any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        return None
    head = verb.head
    return next((c for c in head.children if c.dep_ in ("appos", "compound", "nsubj") and c.pos_ == "PROPN"
                 and head.i < c.i < verb.i and c.right_edge.i == verb.i - 1), None)


def governing_subject(pronoun):
    """The subject of the clause that governs a pronoun's own, for a pronoun that is the subject of a clause of time
    or cause ("Perrigo, which moved its legal home to Ireland when it bought Elan": Perrigo; "Kestrel's shares rose
    after it raised its forecast": none, shares buy nothing). Only a subject told before the pronoun, and not itself
    a pronoun (whose own antecedent the topic decides). The subject of a clause coordinated after another keeps that
    clause's subject ("Canada has long kept X under sanctions, and in 2019 it sanctioned Y": Canada)."""
    clause = pronoun.head
    if pronoun.dep_ == "nsubj" and clause.dep_ in ("relcl", "acl") and clause.head.i < pronoun.i:
        return _holder_subject(clause.head, pronoun)  # "the owner of Y, which it bought in 2015": the owner's
    coordinated = clause.dep_ == "conj" and clause.head.i < pronoun.i and clause.head.pos_ in ("VERB", "AUX") \
        and any(c.dep_ == "cc" and c.lower_ in ("and", "but") for c in clause.head.children if c.i < pronoun.i)
    if pronoun.dep_ not in ("nsubj", "nsubjpass") or not coordinated and (clause.dep_ != "advcl" or not any(
            c.dep_ in ("mark", "advmod") and c.lower_ in frame_lexicon()["independent_marks"] for c in clause.children)):
        return None
    parent = clause.head
    subj = next((c for c in parent.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is not None and subj.lower_ in _RELATIVE and parent.dep_ == "relcl":
        subj = relative_antecedent(parent)  # "Perrigo, which moved ... when it bought": Perrigo
    if subj is None or subj.i >= pronoun.i or subj.pos_ == "PRON" or subj.pos_ not in ("PROPN", "NOUN"):
        return None
    return subj


def _holder_subject(noun, pronoun):
    """The subject of the clause a noun with a relative clause belongs to, told before the clause's own subject
    pronoun: "X is the owner of Y, which it bought in 2015", "X said Y, the site it bought in 2015, ...": X. None
    when that clause has no such subject or its subject is the noun itself ("Y, which it owns, fell")."""
    t = noun
    for _ in range(6):
        if t.dep_ in ("nsubj", "nsubjpass") or t.head.i == t.i:
            return None
        t = t.head
        if t.pos_ in ("VERB", "AUX"):
            break
    else:
        return None
    subj = next((c for c in t.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None or subj.i >= pronoun.i or subj.pos_ not in ("PROPN", "NOUN") or subj.i <= noun.i <= subj.right_edge.i:
        return None
    return subj

"""Where a person is from, told by a phrase on the name itself: "Jackson Reed of Brookfield University said",
"said Anna Berg, from the Kiel Institute", "Tom Price at Capital Economics".

A news article names an expert, an analyst or an official this way more often than with a title. The phrase
hangs on the person's name (not on a title: "chief executive of X" is a role, read by :mod:`kg.extract.roles`),
and its object is an organisation of the article (a country or a place is where someone is from, not whom they
work for). A company or a government body employs the person (employeeOf); a party has them as a member
(memberOf); another organisation (a university, an institute) is only an affiliation (affiliatedWith). A pair
another extractor already relates in the same sentence is left as it is.
"""
from __future__ import annotations

from collections.abc import Iterator

from kg.extract.common import clean_sentence, roles_lexicon
from kg.extract.context import ExtractContext
from kg.extract.facts import Relation

_PREPS = ("of", "from", "at")
# where the name stands when the phrase is its own: a clause's subject ("said Anna Berg of X" too), an apposition
_NAME_SLOTS = frozenset({"nsubj", "nsubjpass", "appos", "ROOT"})
_BY_TYPE = {"Company": "employeeOf", "GovernmentBody": "employeeOf", "Organization": "affiliatedWith"}


def extract(ctx: ExtractContext) -> Iterator[Relation]:
    """Yield employeeOf / memberOf / affiliatedWith for "<person> of/from/at <organisation>"."""
    parties = frozenset(roles_lexicon()["parties"].values())
    told = {(f.subject, f.object, f.evidence) for f in ctx.facts if isinstance(f, Relation)}
    for di, sent in ctx.sentences():
        evidence = clean_sentence(sent)
        for tok in sent:
            person = ctx.entity_at(di, tok)
            if person is None or person.type != "Person" or tok.pos_ != "PROPN" or tok.dep_ not in _NAME_SLOTS:
                continue  # "a letter to Jan Holm from the ministry": the phrase is the letter's, not the name's
            for prep in (c for c in tok.children if c.dep_ == "prep" and c.lower_ in _PREPS
                         and not any(a.lower_ in ("former", "formerly") for a in c.children)):
                pobj = next((p for p in prep.children if p.dep_ == "pobj"), None)
                org = ctx.entity_at(di, pobj) if pobj is not None else None
                if org is None or org.type not in _BY_TYPE or org is person \
                        or (person.local_id, org.local_id, evidence) in told:
                    continue
                prop = "memberOf" if org.gaz_id in parties else _BY_TYPE[org.type]
                told.add((person.local_id, org.local_id, evidence))
                yield Relation(person.local_id, prop, org.local_id, evidence)

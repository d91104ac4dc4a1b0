"""A role handed from one person to another: "X would step down as chief executive and hand the job to Y",
"will hand the running of the carmaker to Y", "passed the reins to Y". The one it is handed to takes the roles
the sentence gave the one handing it over, or, when the object names what is run ("the running of the
carmaker"), the head of that organisation (a company's chief executive). The nouns of a job are data
(``roles.yaml`` ``job_nouns``)."""
from __future__ import annotations

from collections.abc import Iterable, Iterator

from kg.extract.common import entity_of_token, roles_lexicon, subject_of
from kg.extract.context import ORG_TYPES, ExtractContext
from kg.extract.facts import Relation
from kg.extract.titles import head_role


def handed_over(ctx: ExtractContext, di: int, sent, produced: Iterable[Relation]) -> Iterator[Relation]:
    """The roles a "hand/pass the job to Y" clause gives Y."""
    produced = list(produced)
    jobs = frozenset(roles_lexicon().get("job_nouns") or ())
    for verb in sent:
        if verb.pos_ != "VERB" or verb.lemma_.lower() not in ("hand", "pass", "give", "turn"):
            continue
        job = next((c for c in verb.children if c.dep_ in ("dobj", "obj") and c.lemma_.lower() in jobs), None)
        to = next((p for c in verb.children if c.dep_ in ("prep", "dative") and c.lower_ in ("to", "over")
                   for p in c.children if p.dep_ == "pobj"), None)
        heir = entity_of_token(ctx, di, to) if to is not None else None
        if job is None or heir is None or heir.type != "Person":
            continue
        text = produced[0].evidence if produced else sent.text.strip()
        of = next((p for c in job.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children
                   if p.dep_ == "pobj"), None)
        org = entity_of_token(ctx, di, of) if of is not None else None
        if org is not None and org.type in ORG_TYPES:
            role, body = head_role(ctx, "headOf", "run", org)  # "the running of the carmaker"
            yield Relation(heir.local_id, role, body.local_id, text)
            continue
        subj = subject_of(verb)
        giver = entity_of_token(ctx, di, subj) if subj is not None else None
        if giver is None:
            continue
        for rel in produced:
            if rel.subject == giver.local_id and rel.predicate in ("ceoOf", "headOf"):
                yield Relation(heir.local_id, rel.predicate, rel.object, rel.evidence, title=rel.title)

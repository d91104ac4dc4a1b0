"""Who acts in a sanction or relief: the government a body acts for, the actor a measure told again refers to,
and what a relief presupposes.

In: an article's :class:`~kg.extract.context.ExtractContext` and frames. Out: actors for
:mod:`kg.extract.frame_events` ("Britain, Canada and Norway sanctioned Y" is one measure per
government; "the sanctions also target Z" is by the government of the measure told before; "its sanctions"
are the government named before the pronoun), corrections to facts (a government does not sanction its own
country) and the measure a relief relaxes when the article tells none.
"""
from __future__ import annotations

from collections.abc import Iterator

from kg.extract.antecedents import governing_subject
from kg.extract.context import ExtractContext
from kg.extract.facts import EventFact, make_event
from kg.extract.frame_nouns import frame_lexicon
from kg.extract.frames import Frame
from kg.extract.sanction_parties import imposers_of_np, program_of, sanction_lexicon
from kg.nlp.registry import LocalEntity


def presupposed_sanctions(ctx: ExtractContext, facts: list) -> Iterator[EventFact]:
    """A relief relaxes a measure of its government on its target; when the article tells none, the relief's
    own sentence says there was one (undated: the relief's date is not the measure's)."""
    told = [(f, {jurisdiction(ctx, ctx.entities[b]) for b in f.imposed_by}) for f in facts
            if isinstance(f, EventFact) and f.kind == "sanction" and f.status is None]
    for f in facts:
        if not isinstance(f, EventFact) or f.kind != "relief" or f.status not in (None, "lifted") or not f.imposed_by \
                or all(_judicial(ctx.entities[b]) for b in f.imposed_by):
            continue  # (a court that annuls a measure did not impose it: "the court struck down the EU's freeze")
        juris = {jurisdiction(ctx, ctx.entities[b]) for b in f.imposed_by}
        missing = tuple(t for t in f.targets if not any(t in s.targets and j & juris for s, j in told))
        if missing:
            implied = make_event("sanction", evidence=f.evidence, imposed_by=f.imposed_by, targets=missing,
                                 program=program_of(f.evidence) or "sanctions")
            told.append((implied, juris))
            yield implied


def _judicial(ent: LocalEntity) -> bool:
    """A court or a tribunal ("European Court of Justice", "the General Court"), which relaxes measures others took."""
    words = set(ent.best_name.lower().split())
    return ent.type == "GovernmentBody" and bool(words & set(sanction_lexicon().get("judicial_words", ())))


def own_country(ctx: ExtractContext, agents, target: LocalEntity) -> bool:
    return target.type in ("Country", "GovernmentBody") and \
        jurisdiction(ctx, ctx.as_actor(target)) in {jurisdiction(ctx, a) for a in agents}


def drop_own_country(ctx: ExtractContext) -> None:
    """A government does not sanction its own country: "China's ministry banned Nexperia China" read with the
    target "China" is a misread name, not a measure on China."""
    for i in reversed(range(len(ctx.facts))):
        f = ctx.facts[i]
        if isinstance(f, EventFact) and f.kind in ("sanction", "relief") and f.imposed_by:
            agents = [ctx.entities[a] for a in f.imposed_by]
            keep = tuple(t for t in f.targets if not own_country(ctx, agents, ctx.entities[t]))
            if not keep:
                del ctx.facts[i]
            elif keep != f.targets:
                ctx.facts[i] = f.with_slots(targets=keep)


_DEFINITE = frozenset({"the", "these", "those", "this", "that", "its", "their"})


def anaphoric(frame: Frame, measures: frozenset[str]) -> bool:
    """A measure told again: "the sanctions", "these measures", "its ban" (not "a ban", "sanctions", and not a
    definite noun that is no measure: "the listing offers a way to raise cash")."""
    noun = _measure_noun(frame)
    return noun is not None and (noun.lemma_.lower() in measures or noun.lower_ in measures) and \
        any(c.dep_ in ("det", "poss") and c.lower_ in _DEFINITE for c in noun.children)


def _measure_noun(frame: Frame):
    """The measure a frame is about: the event noun itself, or a verb's noun subject ("the sanctions target Y")."""
    if frame.kind == "noun":
        return frame.trigger
    return next((t for t in frame.role("agent") if t.pos_ == "NOUN"), None)


def antecedent_actors(ctx: ExtractContext, di: int, frame: Frame, types, *, as_actor: bool) -> list[LocalEntity]:
    """"The United States delayed the day its sanctions on Y bite": the actor a possessive pronoun of the
    measure stands for is the last actor-typed name before it in the sentence."""
    noun = _measure_noun(frame)
    poss = next((c for c in noun.children if c.dep_ == "poss" and c.lower_ in ("its", "their")), None) \
        if noun is not None else None
    if poss is None:
        return []
    for tok in reversed(ctx.docs[di][noun.sent.start : poss.i]):
        ent = ctx.entity_at(di, tok)
        if ent is not None and ent.type in types and ent.type != "Person":
            return [ctx.as_actor(ent) if as_actor else ent]
    return []


def jurisdiction(ctx: ExtractContext, ent: LocalEntity):
    """The national government a body acts for (its gazetteer country), else the entity itself."""
    if ent.gaz_id:
        entry = ctx.gaz.entries.get(ent.gaz_id)
        gov = ctx.gaz.government_of(entry.country) if entry is not None and entry.country else None
        if gov is not None:
            return gov.id
        return ent.gaz_id
    return ent.local_id


def by_jurisdiction(ctx: ExtractContext, agents: list[LocalEntity]) -> list[LocalEntity]:
    """The first actor of each jurisdiction ("the US Treasury and its OFAC" act once)."""
    seen, out = set(), []
    for a in agents:
        j = jurisdiction(ctx, a)
        if j not in seen:
            seen.add(j)
            out.append(a)
    return out


def pronoun_actor(ctx: ExtractContext, di: int, frame: Frame, agent_toks) -> list[LocalEntity]:
    """"China hit back on Friday. It also blacklisted X", "The foreign ministry in Beijing extended its
    retaliation. It sanctioned X": an "it" that is the measure verb's own subject stands for the body the
    previous sentence is about, else the text's topic; never a person ("they" is left alone: "a decision
    ministers made, when they allowed ..." names no body)."""
    it = next((t for t in agent_toks if t.lower_ == "it" and t.dep_ in ("nsubj", "nsubjpass")
               and t.head.i == frame.trigger.i), None)
    if it is None:
        return []
    sent = frame.trigger.sent
    prev = ctx.sentences_before(di, sent.start, 1)
    # "Canada has long kept X under sanctions, and in 2019 it sanctioned Y": the subject of the clause before
    subj = governing_subject(it) or (next((c for c in prev[0].root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
                                     if prev else None)
    bodies = ("GovernmentBody", "Country")
    agents = [e for e in imposers_of_np(ctx, di, subj) if e.type in bodies][:1] if subj is not None else []
    topic = None if agents else ctx.topic_org(di, sent, bodies)
    return agents or ([topic] if topic is not None else [])


def governing_actor(ctx: ExtractContext, di: int, frame: Frame) -> list[LocalEntity]:
    """A passive measure with no "by" phrase, acted by the body that ordered it or says it is taken: "CBP ordered
    the company's gloves held at US ports", "Gloves made by X are to be held at US ports, CBP said" (the body that
    orders, or the subject of the reporting verb the clause hangs on; a body or a country only)."""
    verb = frame.trigger
    if frame.kind != "verb" or frame.role("agent"):
        return []  # (a "by" phrase names who acted, whatever it is: "held at the border by protesting farmers")
    if verb.dep_ == "acl" and verb.head.dep_ in ("dobj", "obj") and verb.head.head.lemma_.lower() in frame_lexicon().get(
            "directive_verbs", ()):
        boss = verb.head.head  # "ordered [the gloves held]"
    else:
        boss = verb
        while boss.dep_ in ("xcomp", "conj") and boss.head.i != boss.i:
            boss = boss.head
        boss = boss.head if boss.dep_ == "ccomp" and boss.head.lemma_.lower() in frame_lexicon()["reporting_verbs"] \
            else None
    subj = next((c for c in boss.children if c.dep_ == "nsubj"), None) if boss is not None else None
    return [e for e in imposers_of_np(ctx, di, subj) if e.type in ("GovernmentBody", "Country")][:1] \
        if subj is not None else []

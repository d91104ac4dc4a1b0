"""Events read from predicate-argument frames: sanctions, reliefs and offers, whatever the sentence shape.

In: an article's :mod:`~kg.extract.frames` and the facts the earlier extractors found. Out: the events they
missed, as the same records (:class:`~kg.extract.facts.EventFact`, built by :mod:`~kg.extract.event_emit`),
and corrections to theirs: a negated frame ("did not impose", "declined to sanction") withdraws a fact the
shape rules read from the same clause, a hypothetical one ("could add", "if talks fail") gives it a status,
and an offer found without its recipient gets it.

Which predicates state which kind of event, which role fills which slot and what status a modality gives are
data: ``kg/knowledge/data/event_kinds.yaml``. The code below knows no trigger word.
"""
from __future__ import annotations

import dataclasses
import functools
from collections.abc import Iterator

from kg.extract import event_actors, sanction_parties
from kg.extract.common import agent_of_passive, clean_sentence
from kg.extract.context import ExtractContext
from kg.extract.event_emit import emit, event_slots, implied, implied_relations, record_kind
from kg.extract.facts import EventFact, Relation
from kg.extract.frame_kinds import ended, ender_status, event_kinds, natural_cause, status_of
from kg.extract.frame_licences import licence_parties
from kg.extract.frame_measures import is_measure, measure_frame
from kg.extract.frame_nouns import frame_lexicon, is_price, phrasal_lemma, traded
from kg.extract.frame_relations import relations, roles, title_of, title_org
from kg.extract.frame_sales import sale_parties
from kg.extract.frame_slots import is_actor_name, slot_entities
from kg.extract.frames import Frame, frames_of, noun_frame
from kg.extract.sanction_parties import as_country, imposers_of_np, program_authority
from kg.knowledge.entity_rules import load_entity_rules, org_key
from kg.nlp.descriptions import split_off
from kg.nlp.people import given_names, opens_with_given_name
from kg.nlp.registry import LocalEntity

# where a measure verb's measure may be: its object, its passive agent ("hit by sanctions"), a preposition
_PLACE_ROLES = {"object": "object", "by": "agent", "trade": "object", "price": "object", "permit": "object",
                "border": "prep:at"}


@functools.lru_cache(maxsize=1)
def _triggers() -> tuple[frozenset[str], frozenset[str]]:
    kinds = event_kinds().values()
    nouns = frozenset().union(*(k["nouns"] | k["measure_words"] for k in kinds))
    verbs = frozenset().union(*(k["verbs"] | set(k["measure_verbs"]) | k["purpose_verbs"] for k in kinds))
    return nouns, verbs


def extract(ctx: ExtractContext) -> Iterator[EventFact | Relation]:
    """Yield the sanctions, reliefs, offers and relations the frames state and the earlier extractors missed, and
    the sanction each relief presupposes ("the US lifted sanctions on Belavia": there were US sanctions on it)."""
    mine = []
    for fact in _read(ctx):
        mine.append(fact)
        yield fact
    yield from event_actors.presupposed_sanctions(ctx, [*ctx.facts, *mine])


def sentence_frames(ctx: ExtractContext, di: int, sent) -> list[Frame]:
    """The event frames of a sentence, read once an article; a verb of no event kind (:func:`_triggers`) has none."""
    key = ("frames", di, sent.start)
    if key not in ctx._topic_cache:
        ctx._topic_cache[key] = frames_of(sent, *_triggers(), listed_only=True)
    return ctx._topic_cache[key]


def discover(ctx: ExtractContext) -> Iterator[EventFact | Relation]:
    """Give every name an event slot says is an actor its entity, before any extractor reads the article
    ("Veltrona rejected the offer. Chief executive X said ...": the roles extractor needs Veltrona). Yields
    no fact: the events themselves are read by :func:`extract`, after the shape extractors."""
    for di, sent in ctx.sentences():
        for frame in sentence_frames(ctx, di, sent):
            for kind in _kinds_of(frame):
                spec = event_kinds()[kind]
                if spec.get("discover") or spec.get("promote"):
                    participants(ctx, di, frame, kind)
    return iter(())


def _read(ctx: ExtractContext) -> Iterator[EventFact | Relation]:
    event_actors.drop_own_country(ctx)
    last_agents: dict[str, list[LocalEntity]] = {}  # kind -> the actors of the article's last event of it
    for di, sent in ctx.sentences():
        text = clean_sentence(sent)
        told: list[tuple[str, frozenset[int], frozenset[int]]] = []
        for frame in sentence_frames(ctx, di, sent):
            for kind in _kinds_of(frame):
                agents, patients = participants(ctx, di, frame, kind)
                if frame.negated or (kind in _PER_ACTOR and natural_cause(frame)):
                    _withdraw(ctx, kind, text, agents, patients)  # "did not ban", "grounded flights after the storm"
                    continue
                if set(frame.modality) & set(event_kinds()[kind].get("no_fact") or ()) or (
                        frame.light is not None and frame.light.lemma_.lower() in (event_kinds()[kind].get("no_fact_light")
                                                                                   or ())):
                    ender = [ctx.as_actor(agents[0])] if agents and ended(frame, kind) else []
                    if ender and patients and not _already_told(ctx, "relief", text, ender, patients, None):
                        # "will stop collecting its duties on Australian barley": the measure relaxed
                        yield _record(ctx, di, frame, "relief", ender, patients, text, sent, ender_status(frame))
                    continue  # "would stop buying Huawei": a habit; "cut tariffs on X": no tariff imposed
                status = status_of(frame, kind) or _light_status(frame, event_kinds()[kind])
                if not agents and patients and kind in _PER_ACTOR and \
                        event_actors.anaphoric(frame, event_kinds()[kind]["measure_words"] | event_kinds()[kind]["nouns"]):
                    # "The sanctions also cover Y", "its ban hit Y": the measure told before, by the same actors
                    agents = event_actors.antecedent_actors(ctx, di, frame, event_kinds()[kind]["agent_types"],
                                                                  as_actor=kind in _PER_ACTOR) or last_agents.get(kind, [])
                if not agents and patients and kind in _PER_ACTOR:
                    # "Y was taken off the Entity List": the body that keeps the list
                    auth = program_authority(text)
                    agents = [ctx.registry.add_gaz(auth)] if auth in ctx.gaz.entries else []
                if kind in _PER_ACTOR:
                    # a government does not sanction its own country ("China's ministry banned Nexperia China")
                    patients = [p for p in patients if not event_actors.own_country(ctx, agents, p)]
                record = event_kinds()[kind].get("record")
                org = title_org(ctx, di, frame, event_kinds()[kind]) if record == "role" else None
                agents = [org] if org else agents  # "the board appointed X as chairman of Microsoft"
                if not agents or not patients:
                    continue
                # "Britain, Canada and Norway sanctioned Y": one measure per jurisdiction, each told once
                groups = [[a] for a in event_actors.by_jurisdiction(ctx, agents)] if kind in _PER_ACTOR else [agents]
                for group in groups:
                    key = (kind, frozenset(e.local_id for e in group), frozenset(e.local_id for e in patients))
                    if key in told or _already_told(ctx, kind, text, group, patients, status):
                        continue
                    told.append(key)
                    if record == "relation":
                        # a relation in force: not "could own", "would run", "plans to found"
                        if status is None and not frame.hypothetical and \
                                not set(frame.modality) & set(frame_lexicon()["future"]) and not (
                                    event_kinds()[kind].get("present_only") and _told_in_past(frame)):
                            yield from relations(ctx, event_kinds()[kind], group, patients, text, frame.lemma)
                        continue
                    if record == "role":
                        # "will appoint X as chief executive": not yet (a removal to come tells a role held now)
                        future = set(frame.modality) & set(frame_lexicon()["future"])
                        if status is None and not frame.hypothetical and (
                                not future or event_kinds()[kind].get("held_before")):
                            yield from roles(ctx, frame, event_kinds()[kind], group, patients, text, part=org is False)
                        continue
                    fact = _record(ctx, di, frame, kind, group, patients, text, sent, status)
                    yield fact
                    also = implied(ctx, frame, kind, event_kinds()[kind], fact)
                    if also is not None and not (also.status != "completed" and _already_told(
                            ctx, also.kind, text, group, patients, also.status)):
                        yield also  # "Kestrel bought Varden in 2016": also Kestrel's offer, which Varden took
                    said = {(f.subject, f.predicate, f.object) for f in ctx.facts if isinstance(f, Relation)
                            and f.evidence == text}
                    # "Varden, which Kestrel bought in 2016": Varden is Kestrel's subsidiary
                    yield from (r for r in implied_relations(ctx, frame, kind, event_kinds()[kind], fact)
                                if (r.subject, r.predicate, r.object) not in said)
        for f in ctx.facts:
            slots = event_slots(f.kind, event_kinds()[f.kind]) if isinstance(f, EventFact) and \
                f.kind in event_kinds() and f.evidence == text and f.status is None else None
            if slots is not None and f.entities(slots[0]):
                last_agents[f.kind] = [ctx.entities[i] for i in f.entities(slots[0])]


_PER_ACTOR = frozenset({"sanction", "relief"})  # kinds told once per government that acts


def _light_status(frame: Frame, kind: dict) -> str | None:
    """The status the verb an event noun hangs from gives it (``light_statuses``): "announced the merger of A and
    B" (agreed), "the regulator is probing the combination" (a deal agreed and under review)."""
    if frame.kind != "noun" or frame.light is None:
        return None
    return next((status for status, verbs in (kind.get("light_statuses") or {}).items()
                 if frame.light.lemma_.lower() in verbs), None)


def _told_in_past(frame: Frame) -> bool:
    """A verb told in the past ("once owned", "was owned by X until 2019", "formerly"), not "has owned since 2015"."""
    verb = frame.trigger
    if frame.kind != "verb":
        return False
    if any(c.dep_ == "advmod" and c.lower_ in ("once", "formerly", "previously") for c in verb.children):
        return True
    aux = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    return (verb.tag_ == "VBD" and not aux) or any(c.tag_ == "VBD" for c in aux)


def _kinds_of(frame: Frame) -> list[str]:
    """The event kinds a frame states (usually none)."""
    found, lemma = [], frame.lemma
    # a noun's kind by its light verb, found once (not once per kind)
    light = phrasal_lemma(frame.light) if frame.kind != "verb" and frame.light is not None else None
    owner = next((n for n, k in event_kinds().items() if light in k["measure_verbs"]
                  and ("object" in k["measure_verbs"][light] and lemma in k["measure_words"]
                       or "permit" in k["measure_verbs"][light])), None) if frame.kind != "verb" else None
    for name, kind in event_kinds().items():
        if frame.kind == "verb":
            places = kind["measure_verbs"].get(lemma, ())
            if kind.get("record") == "role":
                if lemma in kind["verbs"] and title_of(frame, kind):
                    found.append(name)
            elif lemma in kind["verbs"] or (lemma in kind["purpose_verbs"] and _purpose_target(frame, kind)):
                found.append(name)
            elif any(_measure_at(p, t, kind, lemma) for p in places for t in frame.role(_PLACE_ROLES.get(p, f"prep:{p}"))):
                found.append(name)
        elif owner == name or (owner is None and lemma in kind["nouns"]):
            found.append(name)
    return found


def participants(ctx: ExtractContext, di: int, frame: Frame, kind_name: str) -> tuple[list, list]:
    """(agents, patients) of an event frame, as the article's entities, typed for the kind."""
    kind = event_kinds()[kind_name]
    # "the court struck down the EU's freeze": a relaxed measure's owner is not who relaxes it, when someone else is
    # named ("the decision reverses the Obama administration's removal of Cuba": the owner relaxed it)
    owner_acts = not (kind_name == "relief" and frame.kind == "noun" and any(
        (e := ctx.entity_at(di, t)) is not None and e.type in kind["agent_types"] for t in frame.role("agent")))
    agent_toks = [*frame.role("agent"), *(frame.role("possessor") if owner_acts else ())]
    if kind.get("record") != "role":  # "Canada, together with Britain, sanctioned X", "A, together with B, founded X"
        agent_toks += frame.role("co_agent")  # (not "X, together with its parent Y, appointed Z": Z works for X)
    agent_toks += [t for p in kind.get("agent_preps", ()) for t in frame.role(f"prep:{p}")]  # "co-founded X with B"
    preps = (kind.get("verb_preps") or {}).get(frame.lemma, kind.get("patient_preps", ()))
    patient_toks = [*frame.role("patient"), *(t for p in preps for t in frame.role(f"prep:{p}"))]
    if frame.lemma in (kind.get("patient_roles") or {}):  # "replaced A with B as chief executive": B alone
        roles = kind["patient_roles"][frame.lemma]
        patient_toks = [t for r in roles for t in frame.role(r)]
        # the parser often hangs the phrase on the object ("replaced A [with B]")
        patient_toks += [p for o in frame.role("object") for c in o.children if c.dep_ == "prep"
                         and f"prep:{c.lower_}" in roles for p in c.children if p.dep_ == "pobj"]
    patient_toks += [t for t in frame.role("object") if is_measure(t, kind) and t not in patient_toks]
    if frame.kind == "noun" and frame.light is not None and frame.light.lemma_.lower() in kind.get("third_party_verbs", ()):
        # "the regulator blocked Kestrel's merger with Y": Kestrel merges; the judge is neither party
        agent_toks = list(frame.role("possessor"))
        patient_toks = [t for t in patient_toks if frame.trigger.left_edge.i <= t.i <= frame.trigger.right_edge.i]
    of = [c for c in frame.trigger.children if c.dep_ == "prep" and c.lower_ == "of"] if kind.get("pair_nouns") else []
    pair = [t for t in patient_toks if any(p.i < t.i <= p.right_edge.i for p in of)]
    if len(pair) > 1 and not agent_toks:  # "the planned merger of Marlow and Pexley": the first merges with the others
        agent_toks, patient_toks = [pair[0]], [t for t in patient_toks if t.i != pair[0].i]
        _retype_mistaken_people(ctx, di, agent_toks, kind, by_verb=False)  # a party of a merger is an organisation
    if kind_name in _PER_ACTOR:  # "designated A, together with B": B is designated too (a government acts with A)
        patient_toks += [t for t in frame.role("companion") if frame.role("patient") and not is_actor_name(ctx, di, t)
                         and t.ent_type_ not in ("GPE", "NORP")]  # "sanctioned alongside London": London acts
    for tok in list(agent_toks):
        if is_measure(tok, kind) and ctx.entity_at(di, tok) is None:
            # "hit by the US Treasury's new sanctions": the measure's owner acts
            inner = noun_frame(tok)
            agent_toks += [*inner.role("possessor"), *inner.role("agent"),
                           *(t for t in inner.role("modifier") if is_actor_name(ctx, di, t))]
    for tok in [t for p in ("to", "on", "onto", "from", "off", "with") for t in frame.role(f"prep:{p}")]:
        if is_measure(tok, kind):
            # "added Y to the US Commerce Department's Entity List", "released from sanctions by the EU":
            # the measure's owner acts
            inner = noun_frame(tok)
            agent_toks += [t for t in inner.role("possessor") if t.lower_ not in ("its", "their")]
            agent_toks += [t for t in inner.role("agent") if frame.kind == "verb" and not frame.role("agent")]
    if frame.kind == "verb" and frame.lemma in kind["purpose_verbs"]:
        target = _purpose_target(frame, kind)
        patient_toks = [t for t in patient_toks if not is_measure(t, kind)]
        if target is not None and any(c.dep_ == "auxpass" for c in target.children):
            # "Varden agreed to be bought by Kestrel": the subject is acted on, the "by" phrase acts
            patient_toks, agent_toks = [*patient_toks, *agent_toks], [t for t in [agent_of_passive(target)] if t]
        elif target is not None and not _no_goods(target, kind):
            patient_toks += _purpose_objects(target)  # "agreed to supply Y with X", "... to supply X to Y"
            to_preps = kind.get("target_preps", ())
            patient_toks += [p for c in target.children if c.dep_ in ("prep", "dative") and c.lower_ in to_preps
                             for p in c.children if p.dep_ == "pobj"]
    for t in frame.role("modifier"):
        if is_actor_name(ctx, di, t):
            agent_toks += [t] if owner_acts else []  # "the court struck down the EU freeze": not the EU's relief
        else:
            patient_toks.append(t)
    demonym_actors = []
    if frame.kind == "noun" and kind_name in _PER_ACTOR:
        # "Chinese sanctions cut off its supplier": the nationality's government acts
        demonym_actors = [ctx.registry.add_gaz(gov.id) for c in frame.trigger.children
                          if c.dep_ in ("amod", "compound") and c.ent_id_.startswith("demonym:")
                          and (gov := ctx.gaz.government_of(c.ent_id_.split(":", 1)[1])) is not None]
    if frame.kind == "noun" and kind_name == "offer":
        patient_toks += [*frame.role("prep:to")]
    owner = None
    if kind.get("things"):
        agent_toks, patient_toks, owner = sale_parties(ctx, di, frame, kind, agent_toks)
    if kind.get("licensed"):
        agent_toks, patient_toks = licence_parties(frame, kind, agent_toks)
    if kind_name in _PER_ACTOR:
        # "EU foreign ministers sanctioned Y", "China's foreign ministry announced ...": the body behind a group
        # noun (before anything the parser hung on it)
        bodies = _unique(e for t in agent_toks if ctx.entity_at(di, t) is None
                         for e in imposers_of_np(ctx, di, t) if e.type in kind["agent_types"])
        agent_toks = [t for t in agent_toks if not (bodies and ctx.entity_at(di, t) is None)]
    else:
        bodies = []
    agents = _unique([*bodies, *slot_entities(ctx, di, agent_toks, kind["agent_types"], kind, "agent",
                                                          within=agent_toks)]) or demonym_actors
    agents = agents or ([owner] if owner is not None and owner.type in kind["agent_types"] else [])
    if "person_agent_verbs" in kind:
        agents = [e for e in agents if e.type != "Person" or (
            frame.lemma in kind["person_agent_verbs"] and _known_buyer(ctx, frame, e))]
    if not agents and kind_name in _PER_ACTOR:
        agents = event_actors.pronoun_actor(ctx, di, frame, agent_toks) or event_actors.governing_actor(ctx, di, frame)
    if agents or kind.get("record") != "relation":  # "property belonging to X": no owner, X stays as read
        _retype_mistaken_people(ctx, di, patient_toks, kind, by_verb=frame.kind == "verb")
    patients = []
    # goods held at a border stand for their maker ("gloves made by X are to be held at US ports")
    makers = frame.kind == "verb" and "border" in kind["measure_verbs"].get(frame.lemma, ())
    for tok in patient_toks:
        if is_measure(tok, kind):
            # "lifted sanctions on Iran", "removal of Rusal's designation": the measure's own target
            inner = measure_frame(tok)
            inner_toks = [*inner.role("patient"), *(t for t in inner.role("modifier") if not is_actor_name(ctx, di, t))]
            inner_toks += [t for t in inner.role("possessor") if t.lower_ == "whose"]
            patients += [e for e in slot_entities(ctx, di, inner_toks, kind["patient_types"], kind, "patient",
                                                  makers=makers) if e not in patients]
            if not agents:
                # "was taken off the US sanctions list": the measure's owner, also a name on its compound
                owners = [g for c in tok.children if c.dep_ == "compound" for g in (c, *c.children)
                          if g.dep_ in ("compound", "amod", "nmod") and is_actor_name(ctx, di, g)]
                agents = slot_entities(ctx, di, [*inner.role("possessor"), *inner.role("agent"), *owners],
                                       kind["agent_types"], kind, "agent")
            continue
        patients += [e for e in slot_entities(ctx, di, [tok], kind["patient_types"], kind, "patient", retype=bool(agents),
                                              makers=makers, within=patient_toks) if e not in patients]
    if not patients and kind_name in _PER_ACTOR:  # "travel bans on five Myanmar generals": their country
        patients = _unique(c for t in patient_toks if (c := sanction_parties.national_group_country(ctx, di, t)) is not None)
    if kind_name in ("sanction", "relief"):
        agents = _unique(ctx.as_actor(e) for e in agents)
        patients = _unique(as_country(ctx, e) for e in patients)
    patients = [e for e in patients if e not in agents]
    return agents, patients


def _known_buyer(ctx: ExtractContext, frame: Frame, person: LocalEntity) -> bool:
    """A person whose buying a company is a deal, not shopping: one the gazetteer or a description knows ("the
    billionaire"), who founds, runs or owns something in the article, or whose sentence names a price or a year
    ("In 1988 Adelson and his partners bought the Sands"; not "Jane Smith bought Lego for her son")."""
    if person.gaz_id or person.local_id in ctx.registry.described or any(
            r.subject == person.local_id for r in ctx.relations()):
        return True
    return any(e.label_ == "MONEY" or (e.label_ == "DATE" and any(t.like_num and len(t.text) == 4 for t in e))
               for e in frame.trigger.sent.ents)


def _retype_mistaken_people(ctx: ExtractContext, di: int, toks, kind: dict, *, by_verb: bool = True) -> None:
    """A name the model called a person, not in the gazetteer, that fills a slot only organisations fill
    ("Microsoft offered to buy Activision Blizzard", "Swatch acquired Harry Winston") is an organisation of the
    slot's first type; a name opening with a given name only when a verb's slot says so, not an event noun's."""
    people_too = "Person" in kind["patient_types"]  # "sold Chelsea to Todd Boehly": a buyer may be a person
    if people_too and not kind.get("retype_one_word_people"):
        return  # "froze the assets of Mubarak": a person
    for tok in toks:
        ent = ctx.entity_at(di, tok)
        if ent is None or ent.type != "Person" or ent.gaz_id is not None or tok.pos_ != "PROPN" or (
                not by_verb and opens_with_given_name(ent.best_name, load_entity_rules())):
            continue  # "Irene Caldwell approved the merger": the noun's slot does not make her a company
        if people_too and (len(ent.best_name.split()) > 1 or ent.best_name.lower() in given_names()):
            continue  # ... and where people fill the slot too, only a one-word name no given name is ("Varden")
        if _surname_mention(ctx, di, tok, ent):
            # "Lindqvist was founded in 1997 ... its founder, Tobias Lindqvist": a company named like its founder
            split_off(ctx.registry, di, tok, kind["patient_types"][0])
            continue
        ent.type = kind["patient_types"][0]
        ent.key = f"Organization:{org_key(ent.best_name)}"


def _surname_mention(ctx: ExtractContext, di: int, tok, person: LocalEntity) -> bool:
    """The mention at ``tok`` is one word of a person named in full elsewhere in the article."""
    if any(ctx.entity_at(di, t) is person for t in (tok.doc[tok.i - 1 : tok.i] if tok.i else ())) or \
            (tok.i + 1 < len(tok.doc) and ctx.entity_at(di, tok.doc[tok.i + 1]) is person):
        return False
    return any(len(n.split()) > 1 for n in person.names if person.names[n] > 0)


def _purpose_target(frame: Frame, kind: dict):
    """"offered to buy Y": the controlled verb that names the target."""
    for c in frame.trigger.children:
        if c.dep_ in ("xcomp", "ccomp") and c.lemma_.lower() in kind["purpose_targets"]:
            return c
    return None


def _no_goods(target, kind: dict) -> bool:
    """"agreed to supply the court with documents": what the controlled verb provides is one of the kind's
    ``not_goods`` (information, not goods), so it states no deal."""
    things = [p for c in target.children if c.dep_ == "prep" and c.lower_ == "with" for p in c.children
              if p.dep_ == "pobj"] + [o for o in target.children if o.dep_ in ("dobj", "obj") and o.pos_ == "NOUN"]
    return any(t.lemma_.lower() in kind.get("not_goods", ()) or t.lower_ in kind.get("not_goods", ()) for t in things)


def _purpose_objects(verb) -> list:
    objs = [c for c in verb.children if c.dep_ in ("dobj", "obj")]
    if not objs:
        # "Activision Blizzard, which Microsoft offered to buy": the relative clause's head
        t = verb
        while t.dep_ in ("xcomp", "ccomp", "conj") and t.head.i != t.i:
            t = t.head
        if t.dep_ == "relcl":
            objs = [t.head]
    return objs


def _measure_at(place: str, tok, kind: dict, verb: str) -> bool:
    """Whether ``tok``, in a measure verb's ``place``, makes the verb state ``kind``: an amount ("price"), traded goods
    ("trade"), a permit taken away ("permit": "revoked the licences of X"), else a measure word of the kind; a permit
    relaxes a measure only when granted (``relief.permits``: "issued a licence", not "revoked the licences")."""
    if place == "price":
        return is_price(tok)
    if place == "trade":
        return traded(tok)
    if place == "border":
        return tok.lower_ in frame_lexicon().get("access_nouns", ())
    permits = event_kinds().get("relief", {}).get("permits") or {}
    taken = tok.lemma_.lower() in (permits.get("words") or ()) and verb not in (permits.get("granting") or ())
    return taken if place == "permit" else is_measure(tok, kind) and not taken


def _unique(items) -> list:
    items = list(items)
    return [x for i, x in enumerate(items) if x not in items[:i]]


def _facts_of_kind(ctx: ExtractContext, kind: str, text: str):
    slots = event_slots(kind, event_kinds()[kind])
    if slots is None:
        return
    recorded = record_kind(kind, event_kinds()[kind])  # a sale is recorded as an offer
    for i, f in enumerate(ctx.facts):
        if f.evidence == text and isinstance(f, EventFact) and f.kind == recorded:
            yield i, f, set(f.entities(slots[0])), set(f.entities(slots[1]))


def _already_told(ctx: ExtractContext, kind: str, text: str, agents, patients, status) -> bool:
    """True when an earlier extractor told this event from this sentence (completing its offer's recipient
    or its status when the frame knows them)."""
    a_ids, p_ids = {e.local_id for e in agents}, {e.local_id for e in patients}
    juris = {event_actors.jurisdiction(ctx, e) for e in agents}
    recorded = record_kind(kind, event_kinds()[kind])  # a sale is recorded as an offer
    for i, f, by, to in _facts_of_kind(ctx, kind, text):
        if not by & a_ids and not to & p_ids:
            continue
        if kind in _PER_ACTOR and by and not by & a_ids and not juris & {event_actors.jurisdiction(ctx, ctx.entities[b]) for b in by}:
            continue  # another government's measure on the same target
        if recorded == "offer" and not to and by & a_ids:
            ctx.facts[i] = f.with_slots(offered_to=tuple(sorted(p_ids)))
        if kind == "offer" and by & a_ids and patients and ctx.facts[i].text("item") is None:
            ctx.facts[i] = ctx.facts[i].with_slots(item=patients[0].best_name)  # "proposed to take X private": X
        if status and getattr(f, "status", None) is None and not (recorded == "offer" and status == "accepted"):
            ctx.facts[i] = dataclasses.replace(ctx.facts[i], status=status)
        if kind in _PER_ACTOR and to & p_ids and p_ids - to:
            # the frame read the whole list ("two ministers, X and Y"): the measure names every member
            extra = tuple(e.local_id for e in patients if e.local_id not in to)
            patient_slot = event_slots(kind, event_kinds()[kind])[1]
            ctx.facts[i] = ctx.facts[i].with_slots(**{patient_slot: (*ctx.facts[i].entities(patient_slot), *extra)})
        if to & p_ids or (recorded == "offer" and by & a_ids):
            return True
    return False


def _withdraw(ctx: ExtractContext, kind: str, text: str, agents, patients) -> None:
    """A negated clause states no event: drop what an earlier extractor read from it."""
    a_ids, p_ids = {e.local_id for e in agents}, {e.local_id for e in patients}
    drop = [i for i, _f, by, to in _facts_of_kind(ctx, kind, text) if (to & p_ids) or (by & a_ids and not p_ids)]
    for i in reversed(drop):
        del ctx.facts[i]


def _record(ctx: ExtractContext, di: int, frame: Frame, kind: str, agents, patients, text: str, sent,
            status: str | None) -> EventFact:
    return emit(ctx, di, frame, kind, event_kinds()[kind], agents, patients, text, sent, status)

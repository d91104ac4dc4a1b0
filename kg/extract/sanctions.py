"""Sanctions: a government body restricting a target, and relief from it: "The US Commerce Department added Huawei to
its Entity List", "China's Ministry of Commerce put Lockheed Martin on its unreliable entity list", "US sanctions
against Iran", "the company was coping with the US blacklisting", "Treasury lifted sanctions on Rusal". Direction
comes from the parse: the imposer is the subject, the "by" agent, or the country/body modifying the measure noun; the
target is the object, the passive subject, or the "on/against" phrase. A country acting is its government.
"""
from __future__ import annotations

import re
from collections.abc import Iterator

from kg.extract import sanction_lists as lists
from kg.extract.common import (
    agent_of_passive,
    clean_sentence,
    conjuncts,
    entities_of_np,
    entity_of_token,
    sentence_date,
    subject_of,
    subtree_text,
)
from kg.extract.context import ExtractContext
from kg.extract.facts import EventFact, SanctionFact
from kg.extract.frame_kinds import event_kinds
from kg.extract.frame_nouns import phrasal_lemma
from kg.extract.sanction_items import ColonList
from kg.extract.sanction_parties import (
    IMPOSER_TYPES,
    TARGET_TYPES,
    TARIFF_PROGRAMS,
    agent_of_measure,
    as_country,
    clause_subject_entity,
    exclusion,
    government_of_leader,
    heads,
    hypothetical,
    imposers_of_np,
    is_imposer,
    measure_nouns,
    measure_program,
    modifier_imposer,
    program_of,
    reacting_target,
    relaxed_earlier,
    relief_candidate,
    relief_status,
    restriction,
    sanction_lexicon,
    sector_phrase,
    sector_targets,
    targets_of_noun,
)
from kg.nlp.registry import LocalEntity

# "Huawei is on the list", "the company was coping with the blacklisting": the subject is the target
_STATE_VERBS = {"be", "remain", "stay", "cope", "struggle", "suffer", "survive", "face", "adapt", "live", "operate",
                "hit", "affect", "weather", "endure", "continue"}
_DEAL_NOUNS = {"takeover", "acquisition", "merger", "deal", "bid", "purchase", "buyout"}
_REPORTING = {"announce", "say", "order", "decide", "rule", "confirm", "declare", "state", "tell", "issue"}
_DEALINGS = {"transaction", "transactions", "business", "dealings", "trade", "sales", "exports", "imports",
             "purchases", "deals", "contracts", "investment", "investments", "equipment", "kit", "gear", "products",
             "asset", "assets", "property", "funds", "holdings", "accounts", "access", "approval", "approvals",
             "authorisation", "authorisations", "authorization", "authorizations", "use", "sale", "purchase",
             "import", "export", "shipments", "supplies", "devices", "services"}
# products that stand for their maker when a measure names them ("banned Micron chips")
_PRODUCTS = {"chip", "product", "equipment", "phone", "handset", "device", "gear", "kit", "software", "app",
             "service", "drone", "camera", "system", "component", "part", "technology", "vehicle", "car"}
# words that introduce the named members of a group object: "31 organisations, among them YMTC"
_MEMBERS = {"among", "including", "includes", "include", "notably"}


def _reporting_imposer(ctx: ExtractContext, di: int, sent) -> list[LocalEntity]:
    """"..., the UK government announced": the subject of a reporting root verb."""
    root = sent.root
    if root.lemma_.lower() not in _REPORTING:
        return []
    subj = next((c for c in root.children if c.dep_ == "nsubj"), None)
    return entities_of_np(ctx, di, subj, types=IMPOSER_TYPES) if subj is not None else []


def _objects(ctx: ExtractContext, di: int, obj) -> list[LocalEntity]:
    """Targets from an object: the entity itself, or who the dealings are with ("transactions with ByteDance")."""
    if obj.lemma_.lower() in _DEAL_NOUNS:
        # "blocked Broadcom's proposed takeover of Qualcomm": the bidder is restricted
        for c in obj.children:
            if c.dep_ == "poss":
                return entities_of_np(ctx, di, c, types=("Company", "Organization", "Person"))
    if obj.lemma_.lower() not in _DEALINGS and obj.lower_ not in _DEALINGS:
        found = entities_of_np(ctx, di, obj, types=TARGET_TYPES)
        if found:
            return found
    if obj.lemma_.lower() in _PRODUCTS:
        # "banned Micron chips", "Huawei's equipment", "products made by Micron": the maker
        for c in obj.children:
            if c.dep_ in ("compound", "poss"):
                ent = ctx.entity_at(di, c)
                if ent is not None and ent.type in ("Company", "Organization"):
                    return [ent]
            if c.dep_ == "acl" and c.lemma_.lower() in ("make", "produce", "build", "supply", "sell", "manufacture"):
                agent = agent_of_passive(c)
                found = entities_of_np(ctx, di, agent, types=("Company", "Organization")) if agent is not None else []
                if found:
                    return found
    if obj.lemma_.lower() in _DEALINGS or obj.lower_ in _DEALINGS:
        # "transactions with ByteDance", "exports of gallium to the United States", "the approval of
        # new equipment from Huawei and ZTE" (the phrase may be nested a level down)
        preps = [c for c in obj.children if c.dep_ == "prep"] + [c for c in obj.head.children if c.dep_ == "prep"]
        for c in preps:
            if c.lower_ in ("with", "to", "from", "by", "of"):
                pobj = next((p for p in c.children if p.dep_ == "pobj"), None)
                found = entities_of_np(ctx, di, pobj, types=TARGET_TYPES) if pobj is not None else []
                if not found and pobj is not None and c.lower_ == "of" and (
                        pobj.lemma_.lower() in _DEALINGS or pobj.lower_ in _DEALINGS):
                    found = _objects(ctx, di, pobj)
                if found:
                    return found
    for t in obj.subtree:
        # "31 Chinese organisations, among them Yangtze Memory Technologies"
        if t.lower_ in _MEMBERS and t.i > obj.i:
            found: list[LocalEntity] = []
            for p in t.children:
                if p.dep_ in ("pobj", "dobj", "appos"):
                    found += [e for e in entities_of_np(ctx, di, p, types=TARGET_TYPES) if e not in found]
            if not found:  # "among them Yangtze Memory Technologies": the names after the pronoun
                for u in t.subtree:
                    e = ctx.entity_at(di, u)
                    if e is not None and e.type in TARGET_TYPES and u.dep_ != "poss" and e not in found:
                        found.append(e)
            if found:
                return found
    return sector_targets(ctx, di, obj)


def _companions(ctx: ExtractContext, di: int, verb, subj) -> list[LocalEntity]:
    """"X, along with Y and Z, was banned": the entities sharing the subject's fate."""
    out: list[LocalEntity] = []
    for head in (verb, subj):
        if head is None:
            continue
        for c in head.children:
            if c.dep_ == "prep" and c.lower_ in ("along", "together"):
                for w in c.children:
                    if w.dep_ == "prep" and w.lower_ == "with":
                        for p in w.children:
                            if p.dep_ == "pobj":
                                out += [e for e in entities_of_np(ctx, di, p, types=TARGET_TYPES) if e not in out]
    return out


def _restriction_targets(ctx: ExtractContext, di: int, tok) -> list[LocalEntity]:
    """"banned from buying equipment from Huawei": the companies the restriction names."""
    out: list[LocalEntity] = []
    for t in tok.subtree:
        if t.dep_ == "prep" and t.lower_ == "from" and t.head.i == tok.i:
            for u in t.subtree:
                if u.dep_ == "pobj":
                    for e in entities_of_np(ctx, di, u, types=("Company", "Organization")):
                        if e not in out:
                            out.append(e)
    return out


def _sibling_targets(ctx: ExtractContext, di: int, verb) -> list[LocalEntity]:
    """"imposed the sanctions last April, naming Deripaska ...": objects of a designation verb beside it."""
    out: list[LocalEntity] = []
    for c in verb.children:
        if c.dep_ in ("advcl", "conj", "xcomp") and c.lemma_.lower() in ("name", "designate", "target", "hit", "add", "list", "include"):
            for o in c.children:
                if o.dep_ == "dobj":
                    out += [e for e in entities_of_np(ctx, di, o, types=TARGET_TYPES) if e not in out]
        elif c.dep_ in ("dep", "appos", "npadvmod") and any(
                m.dep_ == "prep" and m.lower_ in _MEMBERS for m in c.children) and lists.counted_group(verb):
            # "froze the assets of six Russians, among them A and B" (the names hung on the verb)
            for t in (c, *conjuncts(c)):
                out += [e for e in entities_of_np(ctx, di, t, types=TARGET_TYPES) if e not in out]
    return out


def _bare_designation(tok) -> bool:
    """"The Treasury designated 12 executives", "Kestrel was designated on Friday", "the bloc listed Gao Qiang":
    "designate" or "list" with no "as" phrase or predicate is a sanctions designation (an imposer is still
    required: "Nasdaq listed Kestrel" is no measure); "designated X as its envoy" is not."""
    return tok.lemma_.lower() in ("designate", "list") and not any(
        c.dep_ in ("oprd", "xcomp", "ccomp") or (c.dep_ == "prep" and c.lower_ == "as") for c in tok.children)


def _verb_trigger(ctx: ExtractContext, di: int, sent, tok, relief: bool):
    lex, lemma = sanction_lexicon(), tok.lemma_.lower()
    if lemma in lex["list_verbs"] and not measure_nouns(tok) and not relief and not exclusion(tok) \
            and not _bare_designation(tok):
        return None
    subj = subject_of(tok)
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in tok.children) or (
        tok.tag_ == "VBN" and tok.dep_ in ("acl", "advcl", "relcl")
        # "the largest the department had ever imposed": a perfect tense with its own subject is active
        and not any(c.dep_ == "nsubj" or (c.dep_ == "aux" and c.lemma_ == "have") for c in tok.children))
    imposers: list[LocalEntity] = []
    targets: list[LocalEntity] = []
    if passive:
        agent = agent_of_passive(tok)
        if agent is not None:
            imposers = imposers_of_np(ctx, di, agent)
        for s in (subj, *(c for c in tok.children if c.dep_ == "nsubjpass" and c.i != subj.i)) if subj is not None else ():
            # "The crypto mixer Tornvale Cash was sanctioned": a described name the parser split in two subjects
            targets = targets or entities_of_np(ctx, di, s, types=TARGET_TYPES) or sector_targets(ctx, di, s)
        if not targets and tok.dep_ in ("advcl", "acl", "xcomp"):
            ent = clause_subject_entity(ctx, di, tok.head)
            targets = [ent] if ent is not None else []
        if not targets and not relief:
            targets = _restriction_targets(ctx, di, tok)
        if not relief:
            targets += [e for e in _companions(ctx, di, tok, subj) if e not in targets]
    else:
        if subj is not None:
            imposers = imposers_of_np(ctx, di, subj)
        if not relief:
            for c in tok.children:
                if c.dep_ in ("dobj", "obj"):
                    targets = _objects(ctx, di, c)
            if not targets:
                targets = _restriction_targets(ctx, di, tok) or _sibling_targets(ctx, di, tok)
    for noun in measure_nouns(tok):
        if not imposers and (m := modifier_imposer(ctx, di, noun) or agent_of_measure(ctx, di, noun)) is not None:
            imposers = [m]
    if relief:
        targets = _relief_targets(ctx, di, tok, imposers)
    if not imposers:
        imposers = _reporting_imposer(ctx, di, sent)
    return imposers, targets


_PERMIT_VERBS = {"allow", "permit", "let", "authorize", "authorise", "enable", "exempt"}


def _relief_targets(ctx: ExtractContext, di: int, tok, imposers) -> list[LocalEntity]:
    """Who a relief helps: "lifted sanctions on Rusal", "removed ZTE from the list",
    "a reprieve that allows US companies to trade with Huawei", "licences ... to sell to Huawei"."""
    out: list[LocalEntity] = []

    def add(ents):
        for e in ents:
            if e not in out and e not in imposers:
                out.append(e)

    for c in tok.children:
        if c.dep_ in ("dobj", "nsubjpass", "dative"):
            direct = ctx.entity_at(di, c)
            if direct is not None and direct.type in TARGET_TYPES:
                add([direct])
                continue
            add(targets_of_noun(ctx, di, c))
            # "a special licence that allows Chelsea to keep playing", "licences allowing Chevron and
            # Halliburton to continue working": whom the licence lets act
            for t in c.subtree:
                if t.dep_ in ("relcl", "acl") and t.lemma_.lower() in _PERMIT_VERBS:
                    objs = [o for o in t.children if o.dep_ in ("dobj", "obj")]
                    # "allows Chelsea to keep playing": the parse makes Chelsea the subject of "keep"
                    objs += [s for v in t.children if v.dep_ in ("ccomp", "xcomp")
                             for s in v.children if s.dep_ == "nsubj"]
                    for o in objs:
                        add(entities_of_np(ctx, di, o, types=("Company", "Organization", "Person")))
            # "a reprieve that allows US companies to trade with Huawei"
            for t in c.subtree:
                if t.dep_ in ("prep", "dative") and t.lower_ in ("with", "to") and t.head.pos_ == "VERB":
                    for p in t.children:
                        if p.dep_ == "pobj":
                            add([e for e in entities_of_np(ctx, di, p, types=("Company", "Organization", "Person"))])
        elif c.dep_ == "prep" and c.lower_ in ("on", "against", "for", "from"):
            pobj = next((p for p in c.children if p.dep_ == "pobj"), None)
            if pobj is not None and c.lower_ != "from":
                add(entities_of_np(ctx, di, pobj, types=TARGET_TYPES))
    return out


def _noun_trigger(ctx: ExtractContext, di: int, sent, tok):
    lex = sanction_lexicon()
    lemma = tok.lemma_.lower()
    if tok.dep_ == "compound":
        return None
    text = subtree_text(tok, stop_deps=("relcl", "punct", "prep"))
    imposer = modifier_imposer(ctx, di, tok)
    targets = targets_of_noun(ctx, di, tok)
    if lemma in ("list", "order", "control", "controls", "restriction", "restrictions", "penalty", "penalties", "rule",
                 "measure", "measures", "curb", "curbs") \
            and not program_of(text) and not (imposer is not None and targets and lemma in (
                "restriction", "restrictions", "control", "controls", "measure", "measures", "curb", "curbs")):
        return None  # "a list", "an order": a measure only with a programme name, or "its restrictions on X"
    verb = None
    if tok.dep_ in ("dobj", "pobj", "nsubj", "nsubjpass", "attr"):
        verb = tok.head if tok.head.pos_ in ("VERB", "AUX") else tok.head.head
        if verb.pos_ not in ("VERB", "AUX"):
            verb = None
    if verb is not None and (verb.lemma_.lower() in lex["relief_verbs"] and relief_candidate(verb) or (
            " " in (phrasal := phrasal_lemma(verb)) and phrasal in event_kinds()["relief"]["measure_verbs"])):
        return None  # "lifted the sanctions", "the court struck down the sanctions against X": relief, not one
    if imposer is None:
        # "the export restrictions unveiled by Washington": the agent of a participle on the measure
        for c in tok.children:
            if c.dep_ in ("acl", "relcl") and c.tag_ == "VBN":
                agent = agent_of_passive(c)
                found = [e for e in imposers_of_np(ctx, di, agent) if is_imposer(ctx, e)] if agent is not None else []
                if found:
                    imposer = found[0]
    if verb is not None and verb.lemma_.lower() in lex["reaction_verbs"]:
        verb = None  # "Beijing hit back at the restrictions": Beijing is not the imposer
    if verb is not None:
        if imposer is None and tok.dep_ in ("dobj", "pobj"):
            subj = subject_of(verb)
            cands = entities_of_np(ctx, di, subj, types=IMPOSER_TYPES) if subj is not None else []
            cands = [c for c in cands if is_imposer(ctx, c)]
            imposer = cands[0] if cands else None
        if not targets:
            for c in verb.children:
                if c.dep_ == "prep" and c.lower_ in ("on", "against"):
                    pobj = next((p for p in c.children if p.dep_ == "pobj"), None)
                    if pobj is not None and pobj.i != tok.i:  # not the phrase of the measure itself
                        targets = entities_of_np(ctx, di, pobj, types=TARGET_TYPES) or sector_targets(ctx, di, pobj)
        if not targets and tok.dep_ == "pobj" and tok.head.lower_ == "under" and verb.lemma_.lower() in lex.get(
                "placing_verbs", ()):  # "kept X under sanctions"
            targets = [t for o in verb.children if o.dep_ in ("dobj", "obj") for t in _objects(ctx, di, o)]
        targets = targets or _sibling_targets(ctx, di, verb)
    if not targets:
        # "a denial order that cut the company off from American suppliers"
        for c in tok.children:
            if c.dep_ in ("relcl", "acl"):
                for o in c.children:
                    if o.dep_ in ("dobj", "obj"):
                        targets = _objects(ctx, di, o)
    if imposer is None:
        return None
    if not targets:
        targets = [t for t in reacting_target(ctx, di, tok) if t is not imposer]
    if not targets and tok.dep_ == "pobj" and tok.head.dep_ == "prep":
        # "Huawei is currently on the US entity list" / "the company was coping with the US blacklisting"
        v = tok.head.head
        subj = subject_of(v) if v.pos_ in ("VERB", "AUX") and v.lemma_.lower() in _STATE_VERBS else None
        if subj is not None:
            ent = entity_of_token(ctx, di, subj)
            if ent is not None and ent.type in ("Company", "Organization", "Person"):
                targets = [ent]
    return [imposer], targets


def _facts_for_trigger(ctx: ExtractContext, di: int, sent, tok) -> Iterator[tuple[list, list, bool, object]]:
    """(imposers, targets, relief, anchor token) for one trigger token."""
    lex = sanction_lexicon()
    lemma = tok.lemma_.lower()
    relief = relief_candidate(tok)
    found = None
    if tok.pos_ == "VERB" and (lemma in lex["verbs"] or relief or exclusion(tok)):
        found = _verb_trigger(ctx, di, sent, tok, relief)
    elif tok.pos_ in ("NOUN", "PROPN") and (lemma in lex["nouns"] or tok.lower_ in lex["nouns"]):
        found = _noun_trigger(ctx, di, sent, tok)
    if found is None and lemma in ("stop", "cease", "halt") and tok.dep_ in ("xcomp", "ccomp") \
            and tok.head.lemma_.lower() in ORDER_VERBS:
        found = ordered_stop(ctx, di, tok)
    if found is None and tok.pos_ == "VERB" and lemma in lists.MEMBER_VERBS:
        found = lists.list_members(ctx, di, tok)
    if found is None and tok.pos_ in ("VERB", "AUX"):
        found = lists.continued_listing(ctx, di, tok)
    if found is not None and (found[0] or not lists.negated(tok)):  # "Y was not included in the list": no member
        yield found[0], found[1], relief, tok


def _measure_subject(verb) -> bool:
    """"The package also removes Sberbank from Swift": the measure told before acts."""
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    return subj is not None and subj.lemma_.lower() in lists.MEASURE_SUBJECTS


def extract(ctx: ExtractContext) -> Iterator[EventFact]:
    """Yield one sanction or relief (an EventFact) per (sentence, target) with an identifiable imposer and target."""
    # the imposer of the last sanction told, for a passive one right after it without a "by" ("Britain froze ...")
    recent: tuple[int, list[LocalEntity]] | None = None
    unnamed_program: str | None = None
    told: list[EventFact] = []
    listing = ColonList()  # "... the other five are:" and a line per member
    for n, (di, sent) in enumerate(ctx.sentences()):
        text = clean_sentence(sent)
        program = program_of(text)
        by_target: dict[tuple[int, bool], dict] = {}
        for member in (members := listing.items(ctx, di, sent)):
            by_target[(member.local_id, False)] = {"imposers": listing.imposers, "anchor": sent.root, "restriction": None}
        program = program or (listing.program if members else None)
        listing.open(sent, recent, n, unnamed_program or (told[-1].program if told else None))
        for tok in sent:
            for imposers, targets, relief, anchor in _facts_for_trigger(ctx, di, sent, tok):
                imposers = [ctx.as_actor(e) for e in imposers if is_imposer(ctx, e)]
                if imposers and not relief and (not targets or lists.counted_group(anchor)):
                    # "imposed sanctions on 14 companies", "would sanction eleven Americans": members may follow
                    # ("Among those named were ...", "Its spokesman named A, B and C")
                    recent, unnamed_program = (n, imposers), program
                    if (group := lists.counted_group(anchor)):
                        listing.count(n, imposers, program, group, anchor)
                    if not targets:
                        listing.measure(n, imposers, program, anchor)
                        continue
                continuation = not imposers and targets and lists.continued_listing(ctx, di, anchor) is not None \
                    and recent is not None and lists.within_reach(anchor, n - recent[0])
                if continuation and lists.speaks_for(ctx, di, anchor, recent[1]):
                    imposers = list(recent[1])
                    program = program or unnamed_program or (told[-1].program if told else None)
                elif not imposers and targets and recent is not None and n - recent[0] <= 2 and (
                        any(c.dep_ in ("nsubjpass", "auxpass") for c in anchor.children) or _measure_subject(anchor)):
                    imposers = list(recent[1])
                    if anchor.lemma_.lower() in lists.MEMBER_VERBS and told:
                        # "the list includes ...": the list told before, with the targets it named
                        program = program or told[-1].program
                        targets = [*(ctx.entities[t] for t in told[-1].targets if ctx.entities[t] not in targets),
                                   *targets]
                # a body does not sanction itself, its own government or the body its official works for
                own = {o for i in imposers if i.type == "Person" for o in heads(ctx, i)}
                targets = [t for t in targets if t not in imposers and t.local_id not in own and not (
                           t.type == "GovernmentBody" and t.gaz_id and any(
                               i.gaz_id and ctx.gaz.entries[i.gaz_id].country == ctx.gaz.entries[t.gaz_id].country
                               for i in imposers))]
                if relief and not targets:
                    earlier = relaxed_earlier(told, anchor)
                    if earlier is not None:
                        targets = [ctx.entities[t] for t in earlier.targets]
                        imposers = imposers or [ctx.entities[i] for i in earlier.imposed_by]
                if not imposers or not targets:
                    continue
                # a national government as target is its country ("Beijing hit back at the restrictions")
                as_countries: list[LocalEntity] = []
                for t in targets:
                    c = as_country(ctx, t)
                    if c not in as_countries and c not in imposers:
                        as_countries.append(c)
                targets = as_countries
                for target in targets:
                    slot = by_target.setdefault((target.local_id, relief), {"imposers": [], "anchor": anchor,
                                                                             "restriction": None})
                    for i in imposers:
                        if i not in slot["imposers"]:
                            slot["imposers"].append(i)
                    slot["restriction"] = slot["restriction"] or restriction(anchor) or (
                        sector_phrase(ctx, di, sent, target) if target.type == "Country" else None)
                    slot["status"] = slot.get("status") or (relief_status(anchor) if relief else hypothetical(anchor))
        if not listing.imposers:  # the measure's own line may open the list ("froze the assets of six officials:")
            listing.open(sent, recent, n, unnamed_program or (told[-1].program if told else None), own_line=True)
        if not by_target:
            continue
        date, date_text = sentence_date(ctx, sent)
        # one fact per measure: the targets one trigger names with the same imposer ("added Huawei and
        # ZTE to the list") are one sanction with several targets
        grouped: dict[tuple, dict] = {}
        for (target_id, relief), slot in by_target.items():
            # the most specific imposer: a ministry over its national government; a head of
            # government acting ("Trump signed an order") is the government he heads
            imposers = [government_of_leader(ctx, i) for i in slot["imposers"]]
            specific = [i for i in imposers if i.gaz_id and not i.gaz_id.endswith("-government") and i.type == "GovernmentBody"]
            chosen = specific[:1] or [i for i in imposers if i.type == "GovernmentBody"][:1] or imposers[:1]
            key = (relief, tuple(e.local_id for e in chosen), slot["anchor"].i, slot.get("status"))
            group = grouped.setdefault(key, {"targets": [], "restriction": slot["restriction"]})
            group["targets"].append(target_id)
        for (relief, chosen_ids, anchor_i, status), group in grouped.items():
            measure = program if relief else measure_program(program, text, sent.doc[anchor_i])
            if not relief and measure in TARIFF_PROGRAMS:
                continue  # a tariff is a sanction of its own kind (kg:Tariff), read by the tariff frames
            if not relief:
                recent, unnamed_program = (n, [ctx.entities[i] for i in chosen_ids]), None
            fact = SanctionFact(
                imposed_by=chosen_ids,
                targets=tuple(group["targets"]),
                evidence=text,
                program=measure,
                restriction=group["restriction"],
                date=date.value if date else None,
                date_text=date_text,
                relief=relief,
                status=status or ("lifted" if relief and re.search(r"\blift|\bremov|\brescind|\brevok", text, re.I)
                                  else None),
            )
            if not relief:
                told.append(fact)
            yield fact


ORDER_VERBS = {"order", "tell", "instruct", "direct", "require", "ask", "force", "compel", "urge"}
BUYING = {"buy", "use", "purchase", "import", "procure", "install", "deal", "sell", "supply", "trade", "work"}


def ordered_stop(ctx: ExtractContext, di: int, stop):
    """"China tells operators to stop buying Micron chips": a ban on the maker by whoever orders it."""
    subj = subject_of(stop.head)
    imposers = [e for e in imposers_of_np(ctx, di, subj) if is_imposer(ctx, e)] if subj is not None else []
    targets: list[LocalEntity] = []
    for c in stop.children:
        if c.dep_ in ("xcomp", "pcomp", "dobj", "ccomp") and c.lemma_.lower() in BUYING:
            for o in c.children:
                if o.dep_ in ("dobj", "obj"):
                    targets += [e for e in _objects(ctx, di, o) if e not in targets]
                elif o.dep_ == "prep" and o.lower_ in ("from", "with", "to"):
                    for p in o.children:
                        if p.dep_ == "pobj":
                            targets += [e for e in entities_of_np(ctx, di, p, types=TARGET_TYPES) if e not in targets]
    return (imposers, targets) if imposers and targets else None

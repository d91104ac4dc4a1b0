"""Where organisations are based (``kg:basedIn``): '<place>-based', 'X, a <country> company', 'headquartered in'.

The place comes from the syntax that joins it to the organisation (a hyphenated modifier, an apposition, a
prepositional phrase of a cue word from ``kg/knowledge/data/relations.yaml``) and is mapped to its country by
:mod:`kg.knowledge.places`. Used by :mod:`kg.extract.organizations`.
"""
from __future__ import annotations

import functools
from collections.abc import Iterator

from kg.extract.common import (
    clause_verb,
    clean_sentence,
    entities_of_np,
    entity_of_token,
    subject_of,
)
from kg.extract.context import ExtractContext
from kg.extract.described import (
    article_countries,
    known_country,
    place_before_dash,
    place_country,
    place_word_country,
    recent_org_of_country,
)
from kg.extract.facts import Relation
from kg.extract.frames import polarity
from kg.extract.org_common import (
    COMPANY_LIKE,
    company_nouns,
    entity_end,
    gaz_country,
    listed_after,
    names_conjoined,
    org_lexicon,
    org_of_noun,
)
from kg.knowledge.places import country_of_place
from kg.nlp.descriptions import qualified_place_before
from kg.nlp.registry import LocalEntity


def based_in_phrases(ctx: ExtractContext, di: int, sent) -> Iterator[Relation]:
    """"headquartered in Munich", "Huawei, which is based in Shenzhen", "its headquarters in Seoul"; "the
    Mercator Institute (Merics) in Berlin" (a place phrase hung on the name itself); "move its headquarters
    from the Netherlands to the United Kingdom" (where it is going)."""
    evidence = clean_sentence(sent)
    lex = org_lexicon()
    for tok in sent:
        lower = "seat" if _seat_noun(tok, lex["seat_nouns"]) else tok.lower_
        if lower not in lex["based_words"] and lower != "seat":
            yield from _place_on_name(ctx, di, tok, evidence)
            yield from _place_in_brackets(ctx, di, tok, evidence)
            continue
        if lower != "seat" and (tok.tag_ != "VBN" or _not_in_force(tok)):
            continue  # "registered its trademark in China" (active), "will be registered in Dublin" (not yet)
        pobj = _in_place(ctx, di, tok)
        if pobj is None and lower == "seat" and tok.dep_ == "nsubj" and tok.head.lemma_ == "be" and tok.head.tag_ in (
                "VBZ", "VBP") and not any(polarity(tok.head)) and not any(c.lower_ == "longer" for c in tok.head.subtree):
            pobj = _in_place(ctx, di, tok.head)  # "Renault's headquarters are in X" (not "were", "are no longer")
        if lower == "seat" and any(c.dep_ in ("amod", "compound", "nmod") and c.lower_ not in lex["seat_words"]
                                   for c in tok.children):
            continue  # "its former headquarters", "its European headquarters"; not "head office", "global"
        if pobj is None and lower == "seat" and tok.dep_ in ("dobj", "obj") and \
                tok.head.lemma_.lower() in _MOVES:
            # "moved its headquarters (from X) to Y": Y; a move still planned ("intends to move ... from X to Y")
            # leaves it in X for now
            negated, modality, hypothetical = polarity(tok.head)
            prep = "from" if modality or hypothetical else "to"
            pobj = None if negated else next((p for c in tok.head.children if c.dep_ == "prep" and c.lower_ == prep
                                              for p in c.children if p.dep_ == "pobj"), None)
        if pobj is None:
            continue
        cid = place_country(ctx, di, pobj, cities=True)
        if not cid or cid not in ctx.gaz.entries:
            continue
        org = None
        if lower == "seat":
            owner = next((c for c in tok.children if c.dep_ == "poss"), None)
            org = _seat_owner(ctx, di, tok, owner) if owner is not None else None
        elif tok.dep_ in ("acl", "amod", "advcl"):
            org = entity_of_token(ctx, di, tok.head, allow_pronouns=False)
            if org is None and tok.head.lemma_.lower() in company_nouns():
                org = org_of_noun(ctx, di, tok.head)
        else:
            subj = subject_of(tok)
            org = entity_of_token(ctx, di, subj) if subj is not None else None
        if org is not None and org.type in COMPANY_LIKE:
            yield Relation(org.local_id, "basedIn", ctx.registry.add_gaz(cid).local_id, evidence)


_MOVES = frozenset({"move", "relocate", "shift", "transfer"})
_PLACE_PREPS = frozenset({"in", "at", "outside", "near", "on"})


def _not_in_force(tok) -> bool:
    """Whether the clause of ``tok`` is negated, hypothetical or future ("will have its registered office in Dublin
    after the merger", "would be based in Paris")."""
    negated, modality, hypothetical = polarity(clause_verb(tok))
    return negated or hypothetical or bool(set(modality) & {"will", "would", "shall", "plan", "intend", "aim"})


def _seat_owner(ctx: ExtractContext, di: int, seat, owner) -> LocalEntity | None:
    """Whose seat "its/their head office" is: a named possessor; for a pronoun, the organisation that is the subject
    of the clause ("FCA ... has its head office in London"; not "Lawyers for X met at their head office"), or the
    named organisation a "with" phrase describes ("X, a company with its headquarters in Oslo"; not "a holding
    company with its head office in The Hague", whose company is unnamed)."""
    if owner.pos_ != "PRON":
        return entity_of_token(ctx, di, owner)
    if _not_in_force(seat) and seat.head.lemma_.lower() not in _MOVES:
        return None  # "will have its registered office in Dublin" (a planned move keeps the seat it leaves)
    if seat.head.lower_ == "with" and seat.head.head.pos_ == "NOUN":
        noun = seat.head.head
        named = noun.head if noun.dep_ in ("appos", "attr") else None
        return entity_of_token(ctx, di, named, allow_pronouns=False) if named is not None else None
    subj = subject_of(clause_verb(seat))
    if subj is None:
        return entity_of_token(ctx, di, owner)
    org = entity_of_token(ctx, di, subj)
    return org if org is not None and org.type in COMPANY_LIKE else None


def _seat_noun(tok, nouns) -> bool:
    """"headquarters", "hq", "seat", or the head of "head office" / "registered office"."""
    lower = tok.lower_
    if lower in nouns:
        return lower != "seat" or any(c.dep_ == "poss" for c in tok.children)  # "its seat", not "a seat"
    # asked of every word: the children only of the last word of a two-word noun ("office")
    return lower in _last_words(tuple(nouns)) and any(
        f"{c.lower_} {lower}" in nouns for c in tok.children if c.dep_ in ("compound", "amod"))


@functools.lru_cache(maxsize=4)
def _last_words(nouns: tuple[str, ...]) -> frozenset[str]:
    return frozenset(n.split()[-1] for n in nouns if " " in n)


def _in_place(ctx: ExtractContext, di: int, tok):
    """The object of the cue's "in" phrase, or of the "in" phrase of an address it is "on"/"at" ("its headquarters
    on Avenue Montaigne in Paris"), when it names a place."""
    found = [p for c in tok.children if c.dep_ == "prep" and c.lower_ == "in" for p in c.children if p.dep_ == "pobj"]
    if found and (named := next((p for p in found if place_country(ctx, di, p)), None)) is not None:
        return named  # "based in Baar in the canton of Zug": the phrase that names a known place
    # "based in a suburb of Amsterdam", "headquartered at La Défense, outside Paris", "based just outside Oslo":
    # the known place inside the cue's place phrase
    near = [q for c in tok.children if c.dep_ == "prep" and c.lower_ in _PLACE_PREPS for p in c.children
            if p.dep_ == "pobj" for q in _place_in_phrase(ctx, di, p)]
    if near and tok.lower_ != "seat":
        return near[0]
    if found:
        return found[-1]
    for c in (x for x in tok.children if tok.lower_ != "seat"):
        if c.dep_ == "prep" and c.lower_ in ("on", "at"):
            for p in (q for q in c.children if q.pos_ == "PROPN"):  # a street or an address
                inner = next((q for r in p.children if r.dep_ == "prep" and r.lower_ == "in"
                              for q in r.children if q.dep_ == "pobj"), None)
                if p.dep_ == "pobj" and inner is not None and place_country(ctx, di, inner):
                    return inner
                owner = next((r for r in p.children if r.dep_ == "poss"), None)  # "on Zurich's Paradeplatz"
                if p.dep_ == "pobj" and owner is not None and place_country(ctx, di, owner, cities=True):
                    return owner
    return None


def _bracket_countries(inside) -> set[str] | None:
    """The countries of the places a bracket holds, one per comma-separated part ("(Munich, Germany)"), or None when
    a part names no known place ("(Euronext Paris)", "(Oslo Dairies)")."""
    parts: list[list] = [[]]
    for t in inside:
        if t.text == ",":
            parts.append([])
        else:
            parts[-1].append(t)
    countries = [country_of_place(" ".join(t.text for t in p)) if p else None for p in parts]
    return set(countries) if all(countries) else None


def _place_in_phrase(ctx: ExtractContext, di: int, pobj) -> list:
    """The known places a seat's phrase names: its object itself ("outside Paris", "near Munich"), the place of an
    area noun ("a suburb of Amsterdam", "the outskirts of Oslo"), or the object of a place preposition on it ("at La
    Défense, outside Paris"); not a place the phrase only measures from or borders ("near the border with Germany",
    "two hours' drive from Oslo")."""
    if _named_place(ctx, di, pobj):
        return [pobj]
    out = []
    for c in (x for x in pobj.children if x.dep_ == "prep"):
        inner = next((q for q in c.children if q.dep_ == "pobj"), None)
        if inner is None:
            continue
        if (c.lower_ == "of" and pobj.lemma_.lower() in org_lexicon().get("area_nouns", ())) or \
                c.lower_ in ("outside", "near", "in"):
            out += [inner] if _named_place(ctx, di, inner) else []
    return out


def _named_place(ctx: ExtractContext, di: int, tok) -> bool:
    """Whether the token names a known place or country itself (with its compound parts: "New York")."""
    ent = ctx.entity_at(di, tok)
    if ent is not None and ent.type == "Country":
        return True
    words = [t.text for t in tok.subtree if t.dep_ in ("compound", "flat") or t.i == tok.i]
    return tok.pos_ == "PROPN" and country_of_place(" ".join(words)) is not None


def _place_in_brackets(ctx: ExtractContext, di: int, tok, evidence: str) -> Iterator[Relation]:
    """"Prudential plc (London)", "Vestas (Aarhus, Denmark)": a place alone in brackets right after an organisation's
    name is where it is based (not "(NYSE: VWS)", "(Reuters)", "(in Oslo since 2019)")."""
    doc = tok.doc
    if tok.text != "(" or tok.i == 0 or tok.i + 2 >= len(doc):
        return
    org = ctx.entity_at(di, doc[tok.i - 1])
    close = next((t.i for t in doc[tok.i + 1 : min(tok.i + 7, len(doc))] if t.text == ")"), None)
    inside = [t for t in doc[tok.i + 1 : close]] if close is not None else []
    after = doc[close + 1] if close is not None and close + 1 < len(doc) else None
    if org is None or org.type not in COMPANY_LIKE or not inside or not all(
            t.pos_ == "PROPN" or t.text == "," for t in inside) or (after is not None and after.pos_ == "PROPN"):
        return  # "Gazprombank (Switzerland) Ltd": the place is in the unit's name
    countries = _bracket_countries(inside)  # None for "(Euronext Paris)": a market
    cid = next(iter(countries)) if countries is not None and len(countries) == 1 else None
    if cid and cid in ctx.gaz.entries and ctx.entity_at(di, inside[0]) is not org:
        yield Relation(org.local_id, "basedIn", ctx.registry.add_gaz(cid).local_id, evidence)


def _place_on_name(ctx: ExtractContext, di: int, tok, evidence: str) -> Iterator[Relation]:
    """"the Mercator Institute for China Studies (Merics) in Berlin": an "in" phrase naming a place, hung by the
    parser on an organisation's own name (not on a verb or a noun: "opened a centre in Munich" says nothing of
    where the company is)."""
    if tok.lower_ != "in" or tok.dep_ != "prep" or tok.head.pos_ != "PROPN":
        return
    org = ctx.entity_at(di, tok.head)
    pobj = next((p for p in tok.children if p.dep_ == "pobj"), None)
    if org is None or org.type not in COMPANY_LIKE or pobj is None or ctx.entity_at(di, pobj) is org:
        return
    cid = place_country(ctx, di, pobj)
    if cid and cid in ctx.gaz.entries and gaz_country(ctx, org) in (None, cid):
        yield Relation(org.local_id, "basedIn", ctx.registry.add_gaz(cid).local_id, evidence)


QUANTIFIERS = frozenset({"one", "some", "part", "member"})


def based_in_apposition(ctx: ExtractContext, di: int, sent) -> Iterator[Relation]:
    """"Rosneft, Russia's largest oil producer", "Arm, the British chip designer", "DJI is a Chinese firm"."""
    evidence = clean_sentence(sent)
    for tok in sent:
        if tok.pos_ != "NOUN" or tok.lemma_.lower() not in company_nouns():
            continue
        # "Gazprombank, one of Russia's biggest lenders": the description is the quantifier's
        describer = tok
        if tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.lower_ in QUANTIFIERS:
            describer = tok.head.head
        if describer.dep_ not in ("appos", "attr") and not any(c.dep_ == "appos" for c in tok.children):
            continue  # "Brazil's state oil company Petrobras" has the name as its apposition
        if describer.dep_ == "attr" and any(c.dep_ == "neg" for c in describer.head.children):
            continue  # "Lenovo, which is not an American company"
        org = org_of_noun(ctx, di, describer)
        if org is None:
            continue
        # "Chinese telecoms firms": the demonym may modify a compound noun in front
        modifiers = [*tok.children, *(g for c in tok.children if c.dep_ == "compound" and c.i < tok.i
                                       for g in c.children if g.i < c.i)]
        for c in modifiers:
            cid = None
            if c.ent_id_.startswith("demonym:") and c.dep_ in ("amod", "compound", "nmod"):
                cid = c.ent_id_.split(":", 1)[1]
            elif c.dep_ in ("poss", "compound", "nmod"):
                ent = ctx.entity_at(di, c)
                if ent is not None and ent.type == "Country" and ent.gaz_id:
                    cid = ent.gaz_id
                elif ent is None and c.dep_ == "compound" and c.pos_ == "PROPN":
                    # "Illumina, the San Diego maker of sequencers": a city that places.yaml knows
                    cid = country_of_place(" ".join(t.text for t in c.doc[c.left_edge.i:c.i + 1]))
            elif c.dep_ == "prep" and c.lower_ == "in" and tok.tag_ == "NN":
                # "a privately owned refinery in eastern China"
                pobj = next((p for p in c.children if p.dep_ == "pobj"), None)
                ent = ctx.entity_at(di, pobj) if pobj is not None else None
                if ent is not None and ent.type == "Country" and ent.gaz_id:
                    cid = ent.gaz_id
            if cid and cid in ctx.gaz.entries:
                place = ctx.registry.add_gaz(cid)
                yield Relation(org.local_id, "basedIn", place.local_id, evidence)
                if tok.tag_ == "NNS":  # "Chinese telecoms firms Huawei and ZTE": every name listed
                    for name in (c for c in tok.children if c.dep_ == "appos"):
                        for other in entities_of_np(ctx, di, name, types=COMPANY_LIKE):
                            if other is not org and gaz_country(ctx, other) in (None, cid):
                                yield Relation(other.local_id, "basedIn", place.local_id, evidence)
                break


def described_by_place(ctx: ExtractContext, di: int, noun, cid: str | None) -> LocalEntity | None:
    """The organisation "the Shanghai-based chipmaker" describes: the paragraph's topic when it may be of that
    country, else the one of that country named last (this and two sentences back); other descriptions
    as :func:`org_of_noun`."""
    doc = ctx.docs[di]
    found = org_of_noun(ctx, di, noun)
    if found is None and noun.dep_ == "appos" and noun.head.dep_ == "appos" and qualified_place_before(noun):
        found = ctx.entity_at(di, noun.head.head)  # "Micron, the Boise, Idaho-based memory maker": hung on the town
    definite = any(c.dep_ == "det" and c.lower_ in ("the", "this") for c in noun.children)
    named = noun.i + 1 < len(doc) and ctx.entity_at(di, doc[noun.i + 1]) is not None  # "the ... group Alibaba"
    if definite and not named and noun.dep_ not in ("appos", "attr") and cid and ctx.entity_at(di, noun) is None \
            and (found is None or gaz_country(ctx, found) not in (None, cid)):
        return recent_org_of_country(ctx, di, noun, cid)
    return found


def based_in_members(ctx: ExtractContext, di: int, sent) -> Iterator[Relation]:
    """"a dozen Chinese companies, including drone maker DJI", "Russian lenders, above all Sberbank and
    VTB", "China's tech giants such as Alibaba": each member listed is of the group's country (unless the
    gazetteer knows it to be of another)."""
    lex = org_lexicon()
    groups = company_nouns() | frozenset(lex.get("member_group_nouns", ()))
    evidence = clean_sentence(sent)
    doc = ctx.docs[di]
    for tok in sent:
        cid = None
        start = tok.i + 1
        if tok.ent_id_.startswith("demonym:"):
            cid = tok.ent_id_.split(":", 1)[1]
        elif tok.i + 1 < sent.end and doc[tok.i + 1].lower_ in ("'s", "’s"):
            ent = ctx.entity_at(di, tok)
            if ent is not None and ent.type == "Country" and ent.gaz_id:
                cid, start = ent.gaz_id, tok.i + 2
        if not cid or cid not in ctx.gaz.entries or (tok.i - 2 >= sent.start and doc[tok.i - 2].lower_ == "non"):
            continue  # "non-Chinese firms, including ..."
        noun = None
        for t in doc[start : min(start + 4, sent.end)]:
            if t.tag_ == "NNS" and t.lemma_.lower() in groups:
                noun = t
                break
            if not (t.pos_ in ("ADJ", "NOUN") and t.text[:1].islower()):
                break
        if noun is None:
            continue
        for member in listed_after(ctx, di, noun, sent.end):
            if gaz_country(ctx, member) in (None, cid):
                yield Relation(member.local_id, "basedIn", ctx.registry.add_gaz(cid).local_id, evidence)


def based_in(ctx: ExtractContext, di: int, sent) -> Iterator[Relation]:
    """basedIn from the words right before an organisation's name, read on the surface.

    "China's Huawei", "Chinese kit vendor Huawei", "the Chinese firm" (the paragraph's
    organisation), "Moscow-based Rusal"; parses of these are unreliable, the surface is not.
    """
    evidence = clean_sentence(sent)
    doc = ctx.docs[di]
    for tok in sent:
        # "Moscow-based Rusal", "the Shenzhen-based company", "a Silicon Valley-based start-up"
        if tok.lower_ == "based" and tok.i >= sent.start + 2 and doc[tok.i - 1].text == "-":
            cid = place_before_dash(doc, tok.i - 1, sent.start, article_countries(ctx))
            org = None
            for t in doc[tok.i + 1 : min(tok.i + 5, sent.end)]:
                org = ctx.entity_at(di, t)
                if org is not None and not (t.dep_ in ("compound", "amod", "nmod") and t.head.i > t.i
                                            and t.head.lemma_.lower() in company_nouns()
                                            and ctx.entity_at(di, t.head) is None):
                    break
                org = None  # "the Seoul-based Samsung supplier": the supplier, not Samsung
                if t.lemma_.lower() in company_nouns():
                    org = described_by_place(ctx, di, t, cid)  # "the Uxbridge-based confectioner"
                    break
            if cid and cid in ctx.gaz.entries and org is not None and org.type in COMPANY_LIKE:
                yield Relation(org.local_id, "basedIn", ctx.registry.add_gaz(cid).local_id, evidence)
            continue
        org = ctx.entity_at(di, tok)
        if org is None or org.type not in COMPANY_LIKE:
            continue
        if tok.i > sent.start and ctx.entity_at(di, doc[tok.i - 1]) is org:
            continue  # only look from the first token of a name
        i = tok.i - 1
        # "China's Huawei", "China's Huawei and ZTE"
        if i - 1 >= sent.start and doc[i].lower_ in ("'s", "’s"):
            country = ctx.entity_at(di, doc[i - 1])
            if country is not None and country.type == "Country" and country.gaz_id:
                yield Relation(org.local_id, "basedIn", country.local_id, evidence)
                for other in names_conjoined(ctx, di, entity_end(ctx, di, tok.i, sent.end), sent.end):
                    if gaz_country(ctx, other) in (None, country.gaz_id):
                        yield Relation(other.local_id, "basedIn", country.local_id, evidence)
            continue
        # "Chinese kit vendor Huawei", "the Chinese company Huawei": modifiers inside the name's noun phrase
        steps = 0
        end = tok.i
        while ctx.entity_at(di, doc[end]) is org and end + 1 < sent.end and ctx.entity_at(di, doc[end + 1]) is org:
            end += 1
        while (i >= sent.start and steps < 4 and doc[i].pos_ in ("NOUN", "ADJ", "PROPN") and doc[i].text[:1].islower()
               and ((doc[i].head.i > doc[i].i and doc[i].head.i <= end)
                    # "The Finnish utility Fortum said": a parse that splits the subject in two
                    or (i == tok.i - 1 and doc[i].lemma_.lower() in company_nouns()))):
            i -= 1
            steps += 1
        # "Venezuela's state oil company PDVSA"
        if steps >= 1 and i - 1 >= sent.start and doc[i].lower_ in ("'s", "’s"):
            country = ctx.entity_at(di, doc[i - 1])
            if country is not None and country.type == "Country" and country.gaz_id:
                yield Relation(org.local_id, "basedIn", country.local_id, evidence)
            continue
        # "UK orders Huawei kit": a country outside the name's noun phrase is not its base
        in_np = i >= sent.start and doc[i].head.i > doc[i].i and (doc[i].head.i <= end or (
            steps >= 1 and doc[i].head.i < tok.i))
        cid = None
        if in_np and doc[i].ent_id_.startswith("demonym:"):
            cid = doc[i].ent_id_.split(":", 1)[1]
        elif in_np and steps >= 1:
            # "US chipmaker Qualcomm"
            country = ctx.entity_at(di, doc[i])
            if country is not None and country.type == "Country" and country.gaz_id:
                cid = country.gaz_id
        if cid and cid in ctx.gaz.entries:
            place = ctx.registry.add_gaz(cid)
            yield Relation(org.local_id, "basedIn", place.local_id, evidence)
            if any(t.tag_ == "NNS" for t in doc[i + 1 : tok.i]):
                # "Chinese telecoms firms Huawei and ZTE": a plural noun makes the words everyone's
                for other in names_conjoined(ctx, di, end + 1, sent.end):
                    if gaz_country(ctx, other) in (None, cid):
                        yield Relation(other.local_id, "basedIn", place.local_id, evidence)


def based_in_definite(ctx: ExtractContext, di: int, sent) -> Iterator[Relation]:
    """"Carlsberg raised its offer. The Danish brewer said ...", "... the task of reviving the Danish drugmaker":
    a definite description with a demonym refers back to the organisation the text is about: the subject of
    this sentence (when it comes first) or of the one before; that organisation is of the demonym's country
    (unless the gazetteer places it elsewhere)."""
    doc = ctx.docs[di]
    for tok in sent:
        if tok.pos_ != "NOUN" or tok.lemma_.lower() not in company_nouns() or tok.dep_ in ("appos", "attr") \
                or not any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children) \
                or (tok.i + 1 < len(doc) and ctx.entity_at(di, doc[tok.i + 1]) is not None) \
                or ctx.entity_at(di, tok) is not None:
            continue
        demonym = next((c for c in tok.children if c.dep_ in ("amod", "compound") and c.ent_id_.startswith("demonym:")),
                       None)
        cid = demonym.ent_id_.split(":", 1)[1] if demonym is not None else \
            place_word_country(ctx, di, tok) if tok.dep_ in ("nsubj", "nsubjpass") else None  # not "the Paris exchange's"
        if not cid or cid not in ctx.gaz.entries:
            continue
        named = ctx.entities_in(di, ctx.docs[di][sent.start : tok.i], COMPANY_LIKE)
        org = _clause_topic(ctx, di, sent, tok) or (named[0] if len(named) == 1 else None)
        if len(named) == 1 and _person_of(ctx, di, sent, named[0]):
            pass  # "X resigned as chief executive of Danske Bank after ... the Danish lender's branch": his bank
        elif (len(named) > 1 or _clause_topic(ctx, di, sent, tok) is None) and tok.head.i != sent.root.i:
            # "Carlsberg agreed to buy Britvic after the British maker accepted ...", "Britvic rejected Carlsberg's
            # proposals, saying the Danish brewer's price ...": outside the main clause, only the main clause's
            # subject is the topic; which of several names, or whether the one named, is not said
            org = None
        if org is None and not named:
            prev = ctx.sentences_before(di, sent.start, 1)
            org = _clause_topic(ctx, di, prev[0], None) if prev else None
            if prev and len(ctx.entities_in(di, prev[0], COMPANY_LIKE)) > 1 and tok.dep_ not in ("nsubj", "nsubjpass"):
                # "Heineken bid for Britvic. ... the British drinks maker": which one is not said; as the subject
                # ("Heineken bid for Britvic. The Dutch brewer said ...") the description continues the topic
                org = None
        if org is not None and known_country(ctx, org) not in (None, cid) and not named:
            # "Bayer bought Monsanto. The St. Louis seed group had resisted": the other company named before is meant
            prev = ctx.sentences_before(di, sent.start, 1)
            others = [e for e in ctx.entities_in(di, prev[0], COMPANY_LIKE) if e is not org] if prev else []
            org = others[0] if len(others) == 1 and known_country(ctx, others[0]) is None else None
        if org is not None and org.type in COMPANY_LIKE and known_country(ctx, org) in (None, cid):
            yield Relation(org.local_id, "basedIn", ctx.registry.add_gaz(cid).local_id, clean_sentence(sent))


def _person_of(ctx: ExtractContext, di: int, sent, org: LocalEntity) -> bool:
    """Whether the sentence's subject is a person the same sentence gives a role in ``org`` ("Thomas Borgen resigned
    as chief executive of Danske Bank"): the organisation is then what the sentence is about."""
    subj = next((c for c in sent.root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    person = ctx.entity_at(di, subj) if subj is not None else None
    evidence = clean_sentence(sent)
    return person is not None and person.type == "Person" and any(
        isinstance(f, Relation) and f.subject == person.local_id and f.object == org.local_id
        and f.evidence == evidence for f in ctx.facts)


def _clause_topic(ctx: ExtractContext, di: int, sent, before) -> LocalEntity | None:
    """The organisation named as the subject of a sentence's main verb (before ``before``, if given)."""
    subj = next((c for c in sent.root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if before is None and (subj is None or ctx.entity_at(di, subj) is None):
        # "Regulators fined Corvina Petroleum. The Spanish refiner said ...": the one the sentence acted on
        subj = next((c for c in sent.root.children if c.dep_ in ("dobj", "obj")), None)
    if subj is None or (before is not None and subj.i >= before.i):
        return None
    if before is not None and subj.left_edge.i <= before.i <= subj.right_edge.i:
        return None
    ent = ctx.entity_at(di, subj)
    return ent if ent is not None and ent.type in COMPANY_LIKE else None

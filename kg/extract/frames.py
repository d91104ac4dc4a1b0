"""Predicate-argument frames: a clause, whatever its shape, as a predicate with its arguments by role.

In: a parsed sentence. Out: :class:`Frame` records, one per verb and per event noun, each with its polarity,
its modality and its arguments by role:

* ``agent``: the doer: an active subject, a passive ``by`` phrase, an event noun's possessor or name modifier
  ("X's bid", "US sanctions") or its ``by``/``from`` phrase;
* ``patient``: what is acted on: an active object, a passive subject, the head of a relative or reduced relative
  clause ("Y, which X sanctioned", "Y, sanctioned by X", "Y, the site X bought"), an event noun's ``on``/``against``/
  ``for``/``of`` phrase;
* ``recipient``: a dative ("offered Y $5bn");
* ``prep:<word>``: every other prepositional phrase, by its preposition ("prep:to", "prep:from").

The same frame comes out of active and passive voice, relative and reduced relative clauses, coordination
(shared subjects; lists of objects: every conjunct is an argument), control and raising ("X agreed to buy
Y", "X moved to blacklist Y": the subject is inherited), "among" ("Among the companies X targeted was Y",
"Y was among the firms X sanctioned": the argument is Y) and headline style. An event noun governed by a
light verb takes the verb's arguments too: "X imposed sanctions on Y", "Y was hit with sanctions by X",
"Y received offers from X" (which verbs pass their subject as which role is data: ``frames.yaml``).
Which frames are events is decided by :mod:`kg.extract.frame_events`, from data, not here.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from kg.extract.antecedents import contact_subject, relative_antecedent
from kg.extract.common import conjuncts
from kg.extract.frame_nouns import (
    OBJECTS,
    RELATIVE_PRONOUNS,
    SUBJECTS,
    frame_lexicon,
    given_object,
    hung_in_object,
    hyphen_agent,
    inherited_subject,
    issuer,
    object_and_predicate,
    own_preps,
    past_a_rate,
    permitted_trade,
    phrasal_lemma,
    traded,
    traded_with,
    whole_name,
)
from kg.nlp.descriptions import NOT_NAMES

_NAMES = frozenset({"ORG", "GPE", "PERSON", "NORP", "FAC", "LOC"})


@dataclass(frozen=True)
class Frame:
    """One predicate and its arguments (argument values are spaCy tokens: noun-phrase heads)."""

    trigger: object  # the spaCy Token of the verb or noun
    lemma: str
    kind: str  # "verb" | "noun"
    negated: bool = False
    modality: tuple[str, ...] = ()  # auxiliaries and governing verbs: ("would",), ("threaten",), ("say", "will")
    hypothetical: bool = False  # in an "if"/"unless" clause, or under a modal of possibility
    args: dict[str, tuple] = field(default_factory=dict)
    light: object | None = None  # the verb whose object, subject or "with" phrase the event noun is

    def role(self, name: str) -> tuple:
        return self.args.get(name, ())


def frames_of(sent, nouns: frozenset[str], verbs: frozenset[str] = frozenset(), *, listed_only=False) -> list[Frame]:
    """The frames of one sentence: every verb (only the event ``verbs`` when ``listed_only``: the others state no event),
    every noun whose lemma is in ``nouns``, and the event ``verbs`` the tagger read as nouns."""
    out = []
    for tok in sent:
        pos, lemma = tok.pos_, tok.lemma_.lower()  # once a word: each access builds a string
        if pos == "VERB" or (pos == "AUX" and tok.dep_ == "ROOT" and tok.lemma_ != "be"):
            out += [verb_frame(tok)] if not listed_only or lemma in verbs or phrasal_lemma(tok) in verbs else []
        elif pos in ("NOUN", "PROPN") and lemma in verbs and _misread_infinitive(tok):
            out.append(infinitive_frame(tok))
        elif pos in ("NOUN", "PROPN") and lemma in verbs and any(c.dep_ == "nsubj" for c in tok.children):
            out.append(verb_frame(tok))  # "Broadcom bid for VMware": a verb the tagger read as a noun
        elif pos in ("NOUN", "PROPN", "VERB") and lemma in verbs and _headline_verb(tok):
            out.append(headline_frame(tok, nouns))
        elif pos in ("NOUN", "PROPN") and lemma in nouns:
            out.append(noun_frame(tok))
    return out


def _misread_infinitive(tok) -> bool:
    """"declined to sanction Sberbank" tagged as a noun after the preposition "to": a verb all the same."""
    prev = tok.doc[tok.i - 1] if tok.i > 0 else None
    nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
    return (prev is not None and prev.lower_ == "to" and _governor(tok).pos_ in ("VERB", "AUX", "ADJ", "NOUN")
            and nxt is not None and (nxt.pos_ in ("PROPN", "DET", "PRON") or nxt.ent_type_ in _NAMES) and not any(
                c.dep_ in ("det", "poss", "amod") for c in tok.children))


def _governor(tok):
    """The word an infinitive the tagger misread depends on ("declined" in "declined to sanction X")."""
    to = tok.doc[tok.i - 1]
    gov = to.head if to.head.i != tok.i else tok.head
    return gov if gov.i != tok.i else to


def _headline_verb(tok) -> bool:
    """"US Treasury sanctions Sberbank", "EU lifts sanctions on Iran": a headline's verb between two names,
    whatever the tagger made of it (headlines drop articles and the model often reads the verb as a noun)."""
    doc = tok.doc
    if tok.i == 0 or tok.i + 1 >= len(doc) or not tok.lower_.endswith("s") and tok.tag_ not in ("VBD", "VBZ"):
        return False
    before, after = doc[tok.i - 1], doc[tok.i + 1]
    starts_clause = all(t.pos_ in ("PROPN", "DET", "ADJ", "PUNCT") for t in doc[tok.sent.start : tok.i])
    return (before.pos_ == "PROPN" and starts_clause and after.pos_ in ("PROPN", "NOUN", "DET", "ADJ", "NUM", "SYM")
            and not any(c.dep_ == "det" for c in tok.children))


def headline_frame(tok, nouns: frozenset[str]) -> Frame:
    """The frame of a headline verb: the name before it acts, the phrase after it is acted on."""
    doc = tok.doc
    args: dict[str, list] = {}
    _add(args, "agent", doc[tok.i - 1])
    rest = [t for t in doc[tok.i + 1 : tok.sent.end] if not t.is_punct]
    measure = next((t for t in rest if t.lemma_.lower() in nouns and t.pos_ == "NOUN"), None)
    name = _next_name(tok)
    # "lifts Rusal sanctions": the measure, whose modifier is the target; the object too, as a verb's would be
    obj = measure if measure is not None and (name is None or name.i < measure.i) else name
    _add(args, "patient", obj)
    _add(args, "object", obj)
    for t in rest:
        if t.pos_ == "ADP" and (measure is None or t.head.i != measure.i):
            _add(args, f"prep:{t.lower_}", next((p for p in t.children if p.dep_ == "pobj"), None) or _next_name(t))
    return Frame(tok, tok.lemma_.lower(), "verb", False, (), False, _expand(args))


def infinitive_frame(tok) -> Frame:
    """The frame of a verb the tagger read as a noun ("declined to sanction Sberbank")."""
    governor = _governor(tok)
    obj = tok.head if tok.dep_ == "compound" else _next_name(tok)
    args: dict[str, list] = {}
    _add(args, "patient", obj)
    _add(args, "agent", next((c for c in governor.children if c.dep_ in SUBJECTS), None) or inherited_subject(governor))
    negated, modality, hypothetical = _polarity(governor)
    if governor.lemma_.lower() in frame_lexicon()["negative_verbs"]:
        negated = not negated
    return Frame(tok, tok.lemma_.lower(), "verb", negated, (*modality, governor.lemma_.lower()), hypothetical,
                 _expand(args))


def _next_name(tok):
    """The last word of the run of proper nouns right after ``tok`` (a fallback where the parse dropped an argument:
    "sanctions against Lockheed Martin bar ...")."""
    run = None
    for t in tok.doc[tok.i + 1 : min(len(tok.doc), tok.i + 8)]:
        if t.pos_ == "PROPN" or (t.ent_type_ and t.ent_type_ not in NOT_NAMES) or (run is not None and t.dep_ == "flat"):
            run = t
        elif run is not None or t.pos_ in ("VERB", "AUX", "PUNCT"):
            break
    return run


def verb_frame(verb) -> Frame:
    """The frame of a verb, its arguments normalised across voice and clause type."""
    args: dict[str, list] = {}
    hyphen = hyphen_agent(verb)
    # "Starbucks named Brian Niccol as its chief executive": a sentence the parser read as a name with a reduced
    # relative, though the verb has an object of its own and nothing else is the sentence's verb
    main = verb.dep_ == "acl" and verb.head.dep_ == "ROOT" and verb.head.pos_ in ("PROPN", "NOUN") and verb.i == verb.head.i + 1 \
        and verb.tag_ in ("VBD", "VBN") and any(c.dep_ in (*OBJECTS, "oprd") and c.pos_ == "PROPN" for c in verb.children)
    reduced = not main and ((verb.dep_ == "acl" and (verb.tag_ == "VBN" or _by_agent(verb, loose=True) is not None))
                            or hyphen is not None)
    # "Saudi investor Kadi taken off UN list": a headline's participle with a subject and no auxiliary is a passive
    # (a form only a participle has, "taken", "frozen", "shown", whatever the tagger made of it; a regular one only
    # with its "by" phrase: "Five banks sanctioned by EU", not "Pia Lund offered on Monday to ...")
    participle = (verb.lower_.endswith(("en", "wn")) and verb.lower_ != verb.lemma_.lower()) or (
        verb.tag_ in ("VBN", "VBD") and any(c.dep_ == "agent" for c in verb.children))
    headline = verb.dep_ == "ROOT" and participle and not any(c.dep_ in ("aux", "auxpass") for c in verb.children)
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children) or reduced or headline
    subj = next((c for c in verb.children if c.dep_ in SUBJECTS), None)
    permitted = permitted_trade(verb)  # "stopped approving arms exports to X": the exports
    obj = next((c for c in verb.children if c.dep_ in OBJECTS), None) or permitted
    obj, oprd, stolen = object_and_predicate(verb, obj)
    if subj is not None and subj.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
        subj = relative_antecedent(verb)
    if obj is not None and obj.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
        obj = relative_antecedent(verb)
    if verb.dep_ == "relcl" and obj is None and subj is not None and subj.i != verb.head.i and not passive:
        obj = verb.head  # "the companies the EU targeted": the head is the object the clause lacks
    if reduced or main:
        subj = verb.head  # "Rusal, delisted by the US Treasury": the head is the passive subject
    elif (contact := contact_subject(verb)) is not None:
        subj, obj = contact, obj or verb.head  # "Y, the site Kestrel bought in 2015": Kestrel bought the site
    if verb.dep_ == "acl" and verb.tag_ == "VBG" and subj is None:
        subj = issuer(verb.head) or verb.head  # "the EU, targeting Rosneft"; "signed a decree imposing ..."
    if subj is not None and subj.lemma_.lower() in frame_lexicon()["instrument_nouns"]:
        subj = issuer(subj) or subj  # "Putin's decree banned exports of grain": Putin acts through it
    if subj is None:
        subj = inherited_subject(verb)
    if subj is None:
        # headline parses hang the subject on the verb as a compound ("EU lifts sanctions on Iran")
        subj = next((c for c in verb.children if c.dep_ == "compound" and c.i < verb.i and c.pos_ == "PROPN"), None)
    agent = _by_agent(verb, loose=reduced) or hyphen
    misread = _misread_reduced(verb, subj, obj) if not passive else None
    if misread is not None:
        # "ZTE, granted a reprieve by the Commerce Department, said ...": a reduced relative read as the main
        # verb; its subject is acted on, the "by" phrase acts
        passive, agent = True, misread
    # "The crypto mixer Tornvale Cash was sanctioned": the parser may split a described name into two subjects
    named = next((c for c in verb.children if c.dep_ in SUBJECTS and c.pos_ == "PROPN"
                  and subj is not None and c.i == subj.i + 1 + sum(1 for x in c.lefts)), None)
    if passive:
        _add(args, "patient", subj)
        _add(args, "patient", named)
        _add(args, "agent", agent)
    else:
        _add(args, "agent", subj)
        _add(args, "agent", named)
        # "banned charter flights to Georgia": Georgia; not "absorb supply from OPEC"
        partner = traded_with(obj, verb) if verb.lemma_.lower() in frame_lexicon()["trade_measure_verbs"] else None
        _add(args, "patient", partner or obj)
    recipient, given = given_object(verb)
    if given is not None:
        _add(args, "patient", recipient)  # "granted Kestrel Shipping a licence": Kestrel Shipping is acted on
    _add(args, "object", whole_name(given or next((c for c in verb.children if c.dep_ in (*OBJECTS, "dative")),
                                                  permitted or stolen)))
    _add(args, "prep:as", oprd)
    if obj is not None and obj.pos_ in ("NOUN", "NUM", "SYM"):
        for c in obj.children:
            # "bids $143bn for Unilever", "offered $5 a share for X": the phrase the parser hung on the price
            if c.dep_ == "prep":
                for p in c.children:
                    if p.dep_ == "pobj":
                        _add(args, f"prep:{c.lower_}", p)
    own = own_preps(verb)
    for c in hung_in_object(obj, own, [obj, *conjuncts(obj)] if obj is not None else []):
        # "put A, his deputy B and several other generals on its list", "put A and two men who lead armed groups
        # on its list": the verb's phrase the parser hung inside its object
        _add_all(args, f"prep:{c.lower_}", [p for p in c.children if p.dep_ == "pobj" and p.pos_ == "NOUN"])
    for c in verb.children:
        # "designated A and B, together with C", "..., along with C", "alongside C": members told beside
        if c.dep_ == "prep" and ((c.lower_ == "with" and any(x.lower_ == "together" for x in c.children))
                                 or c.lower_ == "alongside" or c.lower_ == "along"):
            inner = next((x for x in c.children if x.dep_ == "prep" and x.lower_ == "with"), c) if c.lower_ == "along" else c
            # after a passive's "by" phrase they act with it ("founded by A together with B")
            _add(args, "agent" if passive and agent is not None else "companion",
                 next((x for x in inner.children if x.dep_ == "pobj"), None))
        if c.dep_ == "nsubj" and not passive:  # "A, together with the firm B, agreed to buy C": B buys too
            _add_all(args, "co_agent", [p for x in c.children if x.dep_ == "prep" and x.lower_ == "with" and any(
                a.lower_ == "together" for a in x.children) for p in x.children if p.dep_ == "pobj"])
        if c.dep_ == "dative":
            pobj = next((p for p in c.children if p.dep_ == "pobj"), None)
            _add(args, "recipient", pobj if c.pos_ == "ADP" else c)
        elif c.dep_ in ("prep", "prt") and c.pos_ == "ADP":
            for p in c.children:
                if p.dep_ in ("pobj", "pcomp"):
                    _add(args, f"prep:{c.lower_}", p)
    negated, modality, hypothetical = _polarity(verb)
    return Frame(verb, phrasal_lemma(verb), "verb", negated, modality, hypothetical, _expand(args, verb))


def _misread_reduced(verb, subj, obj):
    """The "by" phrase of a participle the parser made a main verb right after its subject's comma ("ZTE, granted a
    reprieve by X, said"): the passive's agent, else None."""
    if verb.tag_ not in ("VBN", "VBD") or subj is None or subj.head.i != verb.i or verb.i < 2 \
            or verb.doc[verb.i - 1].text != "," or subj.right_edge.i not in (verb.i - 2, verb.i - 1) \
            or any(c.dep_ in ("aux", "auxpass") for c in verb.children):
        return None  # the subject must be the verb's own, right before its comma ("ZTE, granted ...")
    return _by_agent(verb, loose=True) or (_by_agent(obj, loose=True) if obj is not None else None)


def _relative_args(args: dict, clause, lex: dict) -> None:
    """What a relative clause on a noun says of it: "the sanctions programme it has kept on Zimbabwe" (the
    clause's "on" phrase is acted on, its subject acts), "any assets that X and Y hold" (a holder's assets:
    the holders are acted on)."""
    subj = next((x for x in clause.children if x.dep_ in SUBJECTS and x.lower_ not in RELATIVE_PRONOUNS), None)
    if clause.lemma_.lower() in lex["holding_verbs"]:
        _add(args, "patient", subj)
        return
    if clause.lemma_.lower() in lex["imposing_verbs"]:
        _add(args, "agent", subj)
    for prep in (x for x in clause.children if x.dep_ == "prep" and x.lower_ in ("on", "against")):
        for each in _with_conjoined(prep):  # "on A and on B"
            _add(args, "patient", next((x for x in each.children if x.dep_ == "pobj"), None))
    for obj in (x for x in clause.children if x.dep_ in OBJECTS and x.lower_ not in RELATIVE_PRONOUNS):
        if obj.left_edge.i > 0 and obj.doc[obj.left_edge.i - 1].lower_ in ("on", "against"):
            _add(args, "patient", obj)  # "kept on Zimbabwe" with "on" read as a particle


def _with_conjoined(prep) -> tuple:
    """A preposition and those conjoined to it: "sanctions on A and on B" (the second "on" is a conjunct)."""
    return (prep, *(x for x in prep.children if x.dep_ == "conj" and x.pos_ == "ADP"))


def noun_frame(noun) -> Frame:
    """The frame of an event noun: its possessor and name modifiers, its prepositional phrases, its light verb."""
    args: dict[str, list] = {}
    lex = frame_lexicon()
    # "a ban on food from the United States": the "from" phrase the parser hung on the noun is the goods'
    children = [*noun.children, *past_a_rate(noun)]
    deal = noun.lemma_.lower() in lex.get("deal_nouns", ())  # "its purchase of the gum business from X": X sells
    goods = not deal and any(traded(p) for c in children if c.dep_ == "prep" and lex["noun_preps"].get(c.lower_) == "patient"
                for p in c.children if p.dep_ == "pobj")
    for c in children:
        if c.dep_ in ("acl", "relcl") and noun.lemma_.lower() in lex["holder_nouns"] and (
                c.lemma_.lower() in lex["holder_links"]):
            # "froze assets linked to Ben Ali", "property owned by X", "accounts that belong to Y": whose they are
            for prep in (x for x in c.children if (x.dep_ == "prep" and x.lower_ in ("to", "with", "by"))
                         or x.dep_ == "agent"):
                for each in _with_conjoined(prep):
                    _add_all(args, "patient", [x for x in each.children if x.dep_ == "pobj"])
            if c.dep_ == "relcl":
                _relative_args(args, c, lex)  # "any assets the company holds": the holder
        elif c.dep_ == "poss" and noun.lemma_.lower() in lex["holder_nouns"]:
            _add(args, "patient", c)  # "froze Putin's and Lavrov's assets": whose assets are frozen
        elif c.dep_ == "poss":
            _add(args, "possessor", c)
        elif c.dep_ in ("compound", "nmod", "amod") and (c.pos_ == "PROPN" or c.ent_type_):
            _add(args, "modifier", c)
        elif c.dep_ == "prep":
            pobjs = [x for p in _with_conjoined(c) for x in p.children if x.dep_ in ("pobj", "pcomp")] or [_next_name(c)]
            for pobj in pobjs:
                role = lex["noun_preps"].get(c.lower_, f"prep:{c.lower_}")
                if c.lower_ == "from" and deal:
                    role = "prep:from"  # "its purchase of X from Y": Y sells, the buyer is the possessor
                if c.lower_ in ("to", "from") and (goods or traded(noun)):
                    role = "patient"  # "exports of sand to Taiwan": Taiwan is traded with
                if role == "patient" and pobj is not None and traded(pobj) and not deal:
                    for clause in (x for x in pobj.children if x.dep_ == "relcl"):
                        _relative_args(args, clause, lex)  # "the ban on flights that Moscow imposed on Turkey"
                    pobj = traded_with(pobj) or pobj  # "a ban on charter flights to Turkey": Turkey is traded with
                if role == "patient" and pobj is not None and pobj.lemma_.lower() in lex["holder_nouns"]:
                    # "its freeze on the assets of X", "the freeze of his assets": whose assets they are
                    pobj = next((p for x in pobj.children if x.dep_ == "prep" and x.lower_ == "of"
                                 for p in x.children if p.dep_ == "pobj"), None) or next(
                        (x for x in pobj.children if x.dep_ == "poss"), None) or pobj
                if role == "patient" and pobj is not None and pobj.tag_ == "VBG":
                    # "a ban on exporting gallium to the United States": who the banned act is done to or with
                    pobj = next((p for x in pobj.children if x.dep_ == "prep" and x.lower_ in ("to", "with")
                                 for p in x.children if p.dep_ == "pobj"), pobj)
                _add(args, role, pobj)
        elif c.dep_ == "acl":
            # "sanctions targeting Rosneft", "a bid aimed at Unilever", "sanctions imposed by the EU"
            _add(args, "patient", next((x for x in c.children if x.dep_ in OBJECTS), None))
            for prep in (x for x in c.children if x.dep_ == "prep" and x.lower_ in ("at", "on", "against")):
                _add(args, "patient", next((x for x in prep.children if x.dep_ == "pobj"), None))
            _add(args, "agent", _by_agent(c))
        elif c.dep_ == "relcl":
            _relative_args(args, c, lex)
    if noun.dep_ in ("nsubj", "attr") and noun.head.lemma_ == "be":
        # "Among the bids Xerox has made is an offer for HP": the offer is one of the bids, made by Xerox
        for prep in (c for c in noun.head.children if c.dep_ == "prep" and c.lower_ == "among"):
            for group in (x for x in prep.children if x.dep_ == "pobj"):
                for clause in (x for x in group.children if x.dep_ in ("relcl", "acl")):
                    vf = verb_frame(clause)
                    _add_all(args, "agent", [t for t in vf.role("agent") if t.i != group.i])
    if not args.get("patient"):
        # "travel bans and asset freezes on X", "the embargo, asset freezes and bans that it imposed on X": the phrase
        # or the clause hung on the last conjunct (noun, or a noun misread as a verb in a clause) is every conjunct's
        for conj in [*conjuncts(noun), *(g for c in noun.children if c.dep_ == "relcl" for g in conjuncts(c))]:
            for prep in (x for x in conj.children if x.dep_ == "prep" and lex["noun_preps"].get(x.lower_) == "patient"):
                _add_all(args, "patient", [x for x in prep.children if x.dep_ == "pobj"])
            for clause in (x for x in conj.children if x.dep_ == "relcl" and not args.get("patient")):
                _relative_args(args, clause, lex)
    anchor = noun
    while anchor.dep_ == "conj" and anchor.head.i != anchor.i:
        anchor = anchor.head  # "imposing a financial sanction and a travel ban": the ban is imposed too
    if anchor.dep_ == "pobj" and anchor.head.lower_ == "of" and whole_name(anchor.head.head).i == anchor.i:
        anchor = anchor.head.head  # "eased some of its sanctions": the sanctions are eased
    light, verb, via = None, anchor.head, anchor.dep_
    if via == "pobj" and verb.lower_ in ("with", "in") and verb.head.pos_ == "VERB":
        verb, via = verb.head, "with"  # "X targeted Y with sanctions", "Y was hit with sanctions by X", "in a bid"
    if verb.i != anchor.i and verb.pos_ == "VERB" and via in ("dobj", "obj", "nsubj", "nsubjpass", "with"):
        light = verb
        vf = verb_frame(verb)
        receiver = verb.lemma_.lower() in lex["light_verbs"]["subject_is_patient"]
        if via == "with":
            _add_all(args, "agent", vf.role("agent"))
            _add_all(args, "patient", vf.role("patient"))
        elif via in ("dobj", "obj", "nsubjpass"):
            # "X imposed sanctions", "sanctions were imposed by X"; "Y received offers", "Y faces sanctions"
            _add_all(args, "patient" if receiver else "agent", vf.role("agent"))
            for prep, role in lex["noun_preps"].items():
                if role == "patient":  # "imposed sanctions on Y": the phrase the parser hung on the verb
                    _add_all(args, "patient", [(None if deal else traded_with(x)) or x for x in vf.role(f"prep:{prep}")
                                               if x.i != anchor.i])
            if via != "nsubjpass" and not deal and any(traded(x) for x in args.get("patient", ())):
                # "lifted the ban on wine from Georgia": the goods' origin, hung on the verb
                _add_all(args, "patient", [*vf.role("prep:from"), *vf.role("prep:to")])
            if receiver:
                _add_all(args, "agent", vf.role("prep:from"))  # "Y received offers from X"
        elif via == "nsubj" and verb.lemma_.lower() in lex["light_verbs"]["noun_subject_acts_on"]:
            _add_all(args, "patient", vf.role("patient"))  # "the sanctions target Rosneft"
        negated, modality, hypothetical = _polarity(verb)
    else:
        negated, modality, hypothetical = _polarity(noun)
    negated = negated or any(c.dep_ == "det" and c.lower_ == "no" for c in noun.children)
    # "its planned purchase of X", "the failed bid": an event not (yet) done
    hypothetical = hypothetical or any(c.dep_ in ("amod", "compound") and c.lower_ in lex.get("unrealised_modifiers", ())
                                       for c in noun.children)
    return Frame(noun, noun.lemma_.lower(), "noun", negated, modality, hypothetical, _expand(args), light)


def among_member(tok):
    """"Among the companies X targeted was Y", "Y was among the firms hit": the member Y for the group noun."""
    prep = tok.head
    if tok.dep_ != "pobj" or prep.lower_ not in ("among", "including") or prep.head.i == prep.i:
        return None
    clause = prep.head
    if clause.lemma_ != "be":
        return None
    return next((c for c in clause.children if c.dep_ in ("nsubj", "attr") and c.i != tok.i), None)


def _by_agent(verb, *, loose: bool = False):
    """The "by" phrase of a passive verb (``loose``: any "by" phrase, for a reduced relative clause)."""
    for c in verb.children:
        if c.dep_ == "agent" or (c.dep_ == "prep" and c.lower_ == "by" and (verb.tag_ == "VBN" or loose)):
            return next((p for p in c.children if p.dep_ == "pobj"), None)
    if verb.tag_ == "VBN" and any(c.dep_ == "auxpass" for c in verb.children):
        # "was founded in 1883 as the Pittsburgh Plate Glass Company by X": the parser hung "by X" on the "as" name
        for c in (c for c in verb.children if c.dep_ == "prep" and c.lower_ == "as"):
            for p in (p for p in c.children if p.dep_ == "pobj" and p.pos_ == "PROPN"):
                return next((b for x in p.children if x.dep_ == "prep" and x.lower_ == "by"
                             for b in x.children if b.dep_ == "pobj"), None)
    return None


def polarity(tok) -> tuple[bool, tuple[str, ...], bool]:
    """(negated, modality, hypothetical) of any predicate token (see :func:`_polarity`)."""
    return _polarity(tok)


def _polarity(tok) -> tuple[bool, tuple[str, ...], bool]:
    """(negated, modality, hypothetical) of a predicate, from its own auxiliaries and the chain governing it.

    "did not add" and "declined to sanction" are negated; "could add", "is weighing sanctions" and "if talks
    fail, X would impose" are hypothetical; "said it would impose" has the modality ("would", "say").
    """
    lex = frame_lexicon()
    negated, hypothetical = False, False
    modality: list[str] = []
    t = tok
    shared = True  # climbed only through clauses that share the subject ("has said it will close": not a ccomp)
    for depth in range(4):
        for c in t.children:
            # "no longer owns"; "Neither X nor Y has closed", "No country has" (not "No one doubts that X did")
            if c.dep_ == "neg" or (c.dep_ == "advmod" and c.lower_ == "longer" and any(
                    d.lower_ == "no" for d in c.children)) or (shared and c.dep_ in SUBJECTS and any(
                    d.dep_ in ("preconj", "det") and d.lower_ in ("neither", "no") for d in c.children)):
                negated = not negated
            elif c.dep_ in ("aux", "auxpass") and c.lemma_.lower() in lex["modals"]:
                modality.append(c.lemma_.lower())
            elif depth == 0 and c.dep_ == "advmod" and c.lower_ in lex.get("counterfactual_adverbs", ()):
                hypothetical = True  # "nearly bought X": did not
            elif c.dep_ == "mark" and c.lower_ in lex["conditional_marks"]:
                hypothetical = True
        if depth > 0:
            modality.append(t.lemma_.lower())
            negated = not negated if t.lemma_.lower() in lex["negative_verbs"] else negated
        if t.dep_ not in ("xcomp", "ccomp", "pcomp", "advcl", "conj") or t.head.i == t.i:
            break
        if t.dep_ == "advcl" and any(c.dep_ in ("mark", "advmod") and c.lower_ in lex["independent_marks"]
                                     for c in t.children) and (t.tag_ in ("VBD", "VBN") or any(
                                         c.dep_ in ("aux", "auxpass") for c in t.children)):
            # "moved to Ireland when it bought Elan": a clause with its own tense states its own fact; "will keep
            # the brand after it buys X" (a present under a future) is still future
            break
        shared = shared and (t.dep_ in ("xcomp", "conj") or (t.dep_ == "ccomp" and t.head.lemma_.lower() in lex.get(
            "reporting_verbs", ())))  # "Neither X nor Y has said it will close": nothing said
        t = t.head if t.dep_ != "pcomp" else t.head.head
    hypothetical = hypothetical or any(m in lex["possibility"] for m in modality)
    return negated, tuple(modality), hypothetical


def _add(args: dict, role: str, tok) -> None:
    if tok is not None and tok not in args.setdefault(role, []):
        args[role].append(tok)


def _add_all(args: dict, role: str, toks) -> None:
    for t in toks:
        _add(args, role, t)


def _expand(args: dict[str, list], clause=None) -> dict[str, tuple]:
    """Every conjunct of an argument is an argument ("Huawei and ZTE"), and "among" groups are their member.
    A clause that modifies an argument (``clause``: "the conglomerate run by X") does not reach a conjunct told
    after it ("the conglomerate run by X, and Y": a parse that makes Y a conjunct of "conglomerate")."""
    out = {}
    for role, heads in args.items():
        found = []
        for h in heads:
            member = among_member(h)
            conj = conjuncts(h)
            if clause is not None and clause.head.i == h.i and clause.dep_ in ("acl", "relcl"):
                conj = [c for c in conj if c.i < clause.i]
            for t in ([member] if member is not None else []) + [h, *conj]:
                if t not in found:
                    found.append(t)
        out[role] = tuple(found)
    return out

"""What particular nouns say about the parties around them, for :mod:`kg.extract.frames`: trade and goods nouns
name whom a measure on them acts on ("banned food from Poland", "exports of sand to Taiwan"), an instrument
names who issues it ("Putin signed a decree imposing ..."), a verb without a subject shares one
("X agreed to buy Y"), and an object or a phrase the parser hung elsewhere is found again ("froze assets linked to
X, five days after ...", "granted Kestrel a licence", "put A and two men who lead militias on its list", "duties of
80 percent on barley"); a hyphen's word acts on the participle after it ("the Tencent-owned Riot Games"); a verb
with its particle is one lemma ("took over"). The word lists are ``kg/knowledge/data/frames.yaml``."""
from __future__ import annotations

import functools

from kg.knowledge.lexicons import load_lexicon

RELATIVE_PRONOUNS = frozenset({"which", "that", "who", "whom", "whose"})
SUBJECTS = ("nsubj", "nsubjpass", "csubj")
OBJECTS = ("dobj", "obj")


@functools.lru_cache(maxsize=1)
def frame_lexicon() -> dict:
    """``kg/knowledge/data/frames.yaml``: modality words, light verbs, group nouns for "among"."""
    return load_lexicon("frames.yaml")


def traded_with(tok, verb=None):
    """The party a trade noun's "to"/"from"/"with"/"in" phrase names ("flights to Turkey", "imports of fish from
    Taiwan", "transactions with ByteDance", "investment in X"; or the phrase the parser hung on its ``verb``:
    "suspended tours to South Korea"), or None for any other word."""
    if tok is None or not traded(tok):
        return None
    preps = ("to",) if tok.lower_ in frame_lexicon().get("access_nouns", ()) else ("to", "from", "with", "in")
    governor = tok.head if tok.dep_ in OBJECTS else None  # "stopped approving exports to X": "to X" on "approving"
    return next((p for holder in (tok, verb, governor) if holder is not None for c in holder.children
                 if c.dep_ == "prep" and c.lower_ in preps
                 for p in c.children if p.dep_ == "pobj"), None) or maker_of(tok)


def maker_of(tok):
    """The maker goods or their import name in a "made by" phrase ("imports of silicon made by X", "goods produced
    by X"; ``frames.yaml`` ``maker_verbs``), or None. Not goods sold or exported ("the sale of chips made by X to
    China": the buyer's country is acted on, not the maker)."""
    lex = frame_lexicon()
    if tok.lower_ not in lex.get("goods_nouns", ()) and tok.lemma_.lower() not in lex.get("import_nouns", ()):
        return None
    # "imports of sweets made by X": what comes in is goods, whether or not a list names it
    goods = [tok] + [p for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children
                     if p.dep_ == "pobj" and p.pos_ == "NOUN"]
    makers = frame_lexicon().get("maker_verbs", ())
    return next((p for g in goods for v in g.children if v.dep_ == "acl" and v.lemma_.lower() in makers
                 for a in v.children if a.dep_ == "agent" for p in a.children if p.dep_ == "pobj"), None)


def traded(tok) -> bool:
    """Whether a word names trade or traded goods (``frames.yaml`` ``trade_nouns``, ``goods_nouns``)."""
    lex = frame_lexicon()
    return tok.lower_ in lex["trade_nouns"] or tok.lower_ in lex.get("goods_nouns", ())


def is_price(tok) -> bool:
    """An amount of money ("$69 billion", "£44 a share", "300 billion yen", "2.75 billion Swiss francs"): what paying
    it for a company offers."""
    currencies = frame_lexicon().get("currency_words", ())
    return tok.ent_type_ == "MONEY" or any(t.text in ("$", "£", "€", "¥") for t in tok.subtree) or (
        tok.lower_ in currencies and any(c.like_num or c.dep_ == "nummod" for c in tok.subtree if c.i != tok.i))


def issuer(noun):
    """Who issues an instrument (``frames.yaml`` ``instrument_nouns``): "Putin signed a decree imposing ...",
    "Putin's decree", "an order by the Treasury": the one that acts through it; None for any other noun."""
    if noun.lemma_.lower() not in frame_lexicon().get("instrument_nouns", ()):
        return None
    for c in noun.children:
        if c.dep_ == "poss":
            return c
        if c.dep_ == "prep" and c.lower_ in ("by", "from"):
            return next((o for o in c.children if o.dep_ == "pobj"), None)
    gov = noun.head
    if noun.dep_ in OBJECTS and gov.pos_ in ("VERB", "AUX") and gov.lemma_.lower() in frame_lexicon()["issuing_verbs"]:
        # "Putin signed a decree ...", not "Putin criticised the US law ..." nor "Rubio introduced a bill ..."
        return next((c for c in gov.children if c.dep_ in SUBJECTS), None) or inherited_subject(gov) or next(
            (c for c in gov.children if c.dep_ == "compound" and c.i < gov.i and c.pos_ == "PROPN"), None)
    return None


_SUBJECT_SHARING_PREPS = frozenset({"by", "after", "before", "through"})


def inherited_subject(verb):
    """The subject a verb without one shares: of the verb it is coordinated with or controlled by
    ("X agreed to buy Y", "X moved to blacklist Y", "X sanctioned Y and froze Z")."""
    t = verb
    for _ in range(4):
        if t.dep_ == "xcomp":
            # object control: "urged its allies to block X": the allies block
            obj = next((c for c in t.head.children if c.dep_ in OBJECTS and c.i < t.i), None)
            if obj is not None and not _unnamed_executor(t.head, obj):
                return obj
        if t is verb and t.dep_ == "pcomp" and t.head.lower_ in _SUBJECT_SHARING_PREPS and \
                t.head.head.pos_ in ("VERB", "AUX"):
            t = t.head  # "X grew by buying Y", "X rose after buying Y": X buys
        elif t.dep_ not in ("xcomp", "conj", "advcl") or t.head.i == t.i:
            return None
        t = t.head
        subj = next((c for c in t.children if c.dep_ in SUBJECTS), None)
        if subj is not None:
            if subj.lower_ in RELATIVE_PRONOUNS and t.dep_ == "relcl":
                return t.head
            return subj
    return None


def permitted_trade(verb):
    """The trade a measure verb stops by no longer permitting it ("would stop approving arms exports to X": the
    exports), when the verb has no object of its own and governs a gerund of ``frames.yaml`` ``permission_verbs``;
    else None."""
    lex = frame_lexicon()
    if verb.lemma_.lower() not in lex["trade_measure_verbs"]:
        return None
    return next((o for g in verb.children if g.dep_ == "xcomp" and g.tag_ == "VBG"
                 and g.lemma_.lower() in lex.get("permission_verbs", ()) for o in g.children
                 if o.dep_ in OBJECTS and traded(o)), None)


def _unnamed_executor(directive, obj) -> bool:
    """"ordered customs officers to stop imports": the unnamed staff a directive verb (``frames.yaml``
    ``directive_verbs``) sets to work act for whoever gives the order, not "ordered Treasury to block X"."""
    return directive.lemma_.lower() in frame_lexicon().get("directive_verbs", ()) and obj.pos_ == "NOUN" and \
        not obj.ent_type_


def stolen_object(verb):
    """The object the parser gave to a later clause as a second subject ("froze assets linked to X, five days
    after the leader fled": "assets" read as a subject of "fled", which has its own), else None."""
    for clause in (c for c in verb.children if c.dep_ in ("ccomp", "advcl") and c.i > verb.i):
        subjects = [c for c in clause.children if c.dep_ == "nsubj"]
        if len(subjects) >= 2 and subjects[0].left_edge.i == verb.i + 1 and subjects[0].pos_ in ("NOUN", "PROPN"):
            return subjects[0]
    return None


def given_object(verb):
    """(recipient, thing given) when the parser hung the thing given on the recipient ("granted Kestrel Shipping a
    licence": "licence" read as the object of "Shipping"), else (None, None)."""
    if any(c.dep_ in OBJECTS for c in verb.children):
        return None, None
    for dative in (c for c in verb.children if c.dep_ == "dative" and c.pos_ != "ADP"):
        given = next((c for c in dative.children if c.dep_ in ("dobj", "obj") and c.i > dative.i), None)
        if given is not None:
            return dative, given
    return None, None


def object_and_predicate(verb, obj):
    """A verb's object, what it becomes ("named X chief executive": the title) and the object taken from elsewhere
    (:func:`stolen_object`), mended where the parser read the name or the title as something else."""
    oprds = [c for c in verb.children if c.dep_ == "oprd"]
    oprd = oprds[0] if oprds else None
    if obj is None and len(oprds) == 2 and oprds[0].pos_ == "PROPN" and oprds[1].pos_ == "NOUN":
        obj, oprd = oprds  # "named Christian Sewing its chief executive": the parser made both predicates
    elif obj is not None and oprd is None:  # "named Dana Kell its chief executive" (not ", its former ..."): the
        oprd = next((c for c in obj.children if c.dep_ == "appos" and c.pos_ == "NOUN" and c.i > obj.i  # title read
                     and c.doc[c.left_edge.i - 1].text != "," and c.lemma_.lower() in frame_lexicon().get(
                         "appointed_titles", ()) and any(  # as the name's apposition (not "its ambassador")
                         p.dep_ == "poss" and p.pos_ == "PRON" for p in c.children)), None)
    stolen = stolen_object(verb) if obj is None else None
    obj = obj if obj is not None else stolen
    obj = whole_name(light_object(verb, obj))
    if obj is not None:
        oprd = oprd if oprd is not None and oprd.pos_ == "NOUN" else None  # "appointed X acting chief executive"
    elif oprd is not None and oprd.pos_ == "PROPN":
        # "named Mara Quist, the former ..., as its chief executive": the parser takes the name for a predicate
        obj, oprd = oprd, None
    elif oprd is not None:
        # "named Murray Auchincloss interim chief executive": the parser hangs the name on the title, which
        # says what the object becomes (as an "as" phrase would)
        obj = next((c for c in oprd.children if c.dep_ in ("nmod", "compound", "npadvmod") and c.pos_ == "PROPN"
                    and c.i < oprd.i), None)
        oprd = oprd if obj is not None else None
    return obj, oprd, stolen


def whole_name(tok):
    """The "of" object of a partitive ("lift part of its sanctions", "lifted most of the restrictions"): what is
    acted on, in part; any other token as it is."""
    if tok is None or tok.lemma_.lower() not in frame_lexicon().get("partitives", ()):
        return tok
    return next((p for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"
                 for p in c.children if p.dep_ == "pobj"), tok)


def phrasal_lemma(verb) -> str:
    """A verb's lemma, with its particle when the two make one of ``frames.yaml`` ``phrasal_verbs`` ("took over
    Aspion": "take over"; "snapped up": "snap up")."""
    lemma = verb.lemma_.lower()
    for c in verb.children:
        if c.dep_ == "prt" and (phrasal := f"{lemma} {c.lower_}") in frame_lexicon().get("phrasal_verbs", ()):
            return phrasal
        if c.dep_ in ("dobj", "obj") and c.lemma_.lower() in frame_lexicon().get("control_verbs", {}).get(lemma, ()):
            return f"{lemma} {c.lemma_.lower()}"  # "took full control of Genentech": "take control"
    return lemma


def light_object(verb, obj):
    """What a light verb's noun is of: "took full control of Genentech" (the parser may hang the "of" phrase on the
    noun or on the verb): Genentech; any other object as it is."""
    if obj is None or obj.lemma_.lower() not in frame_lexicon().get("control_verbs", {}).get(verb.lemma_.lower(), ()):
        return obj
    of = next((p for h in (obj, verb) for c in h.children if c.dep_ == "prep" and c.lower_ == "of"
               for p in c.children if p.dep_ == "pobj"), obj)
    # "took control of the board of X", "of X's board": a body of the company, not the company
    return obj if of.pos_ == "NOUN" and of.lemma_.lower() in frame_lexicon().get("body_nouns", ()) else of


def own_preps(verb) -> set[str]:
    """The prepositions of a verb's own phrases after it, not of a date ("put X on Friday"; not "On Monday, X put")."""
    return {c.lower_ for c in verb.children if c.dep_ == "prep" and c.i > verb.i and not any(
        p.dep_ == "pobj" and p.ent_type_ in ("DATE", "TIME") for p in c.children)}


def hung_in_object(obj, own: set, heads) -> list:
    """The prepositional phrases of a verb the parser hung inside its object, when the verb has none with the same
    preposition (``own``): on the last conjunct of the object when it names a thing, not a party ("put A, his
    deputy B and several other generals on its list"), or at the very end of a relative clause on the object or on
    a conjunct in it ("put A, the former president, and two men who lead armed groups on its list")."""
    if obj is None:
        return []
    found = [c for conj in [t for t in obj.subtree if t.dep_ == "conj"][-1:] if conj.pos_ == "NOUN"
             for c in conj.children if c.dep_ == "prep" and c.lower_ not in own]
    heads = {h.i for h in heads}
    for clause in (t for t in obj.subtree if t.dep_ == "relcl" and (t.head.i in heads or t.head.dep_ == "conj")):
        tail = [c for c in clause.subtree if c.dep_ == "prep" and c.right_edge.i == clause.right_edge.i
                and c.lower_ not in own]
        found += [c for c in tail[:1] if c not in found]
    return found


def hyphen_agent(verb):
    """The word before the hyphen of a participle modifier, which acts on the noun it modifies: "the
    Tencent-owned Riot Games", "a Kremlin-backed group" (the agent of a reduced passive)."""
    doc = verb.doc
    if verb.dep_ != "amod" or verb.tag_ != "VBN" or verb.i < 2 or doc[verb.i - 1].text != "-":
        return None
    return next((c for c in verb.children if c.i == verb.i - 2 and c.dep_ in ("npadvmod", "compound", "nmod")), None)


def past_a_rate(noun) -> list:
    """The "on"/"against" phrases the parser hung on the rate of a noun's "of" phrase: "duties of 80 percent on
    Australian barley" (the duties are on the barley, not the percentage)."""
    return [x for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"
            for p in c.children if p.dep_ == "pobj" and (p.like_num or p.ent_type_ in ("PERCENT", "MONEY", "QUANTITY"))
            for x in p.children if x.dep_ == "prep" and x.lower_ in ("on", "against")]

"""Entity classes from descriptions: what the article says a name is, whatever the model tagged.

Articles nearly always say what an unfamiliar name is: "Alrosa, the world's largest diamond miner", "Sugon is
one of China's leading server makers", "the state railway, Deutsche Bahn", "chemicals group Evonik". The head
noun of such a description (an apposition, a copula's complement, a title noun before the name, through "one
of") gives the entity's class by the lexicon ``kg/knowledge/data/class_nouns.yaml``. Runs once per article
on its :class:`~kg.nlp.registry.EntityRegistry`, after the model's and the gazetteer's entities are in.
A gazetteer entry is never retyped; a person with a title or a known office is never made an organisation.
"""
from __future__ import annotations

import functools
from collections import Counter

from kg.knowledge.datafiles import load_data
from kg.knowledge.entity_rules import load_entity_rules, org_key, type_org
from kg.knowledge.gazetteer import normalize_name
from kg.knowledge.lexicons import load_lexicon
from kg.knowledge.places import country_of_city, country_of_place
from kg.nlp.org_typing import is_business_text
from kg.nlp.people import opens_with_given_name
from kg.nlp.pipeline import job_title_words, title_case_sentence
from kg.nlp.registry import EntityRegistry, LocalEntity

_ORG_TYPES = ("Company", "Organization", "GovernmentBody")
NOT_NAMES = frozenset({"DATE", "TIME", "MONEY", "PERCENT", "CARDINAL", "ORDINAL", "QUANTITY"})
_CALENDAR = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
                       "february", "march", "april", "may", "june", "july", "august", "september", "october",
                       "november", "december"})
_QUANTIFIERS = frozenset({"one", "some", "part", "member", "several", "each", "any", "both"})


@functools.lru_cache(maxsize=1)
def person_to_org_nouns() -> frozenset[str]:
    return frozenset(str(n).lower() for n in load_lexicon("class_nouns.yaml")["person_to_org"])


@functools.lru_cache(maxsize=1)
def party_nouns() -> frozenset[str]:
    """Nouns that describe an organisation by its side in a story ("the target", "the rival")."""
    return frozenset(str(n).lower() for n in load_lexicon("class_nouns.yaml").get("party_nouns", ()))


@functools.lru_cache(maxsize=1)
def class_nouns() -> dict[str, str]:
    """{noun lemma: class} from ``class_nouns.yaml``."""
    out = {}
    for cls, nouns in load_lexicon("class_nouns.yaml").items():
        if cls not in ("Company", "GovernmentBody", "Organization", "Person"):
            continue  # the other keys are word lists of their own (party_nouns, compound_name_heads, ...)
        for noun in nouns:
            out.setdefault(str(noun).lower(), cls)
    return out


def qualified_place_before(noun) -> bool:
    """"Kenilworth, New Jersey-based company": the apposition opens with a capitalised place and "-based"."""
    doc = noun.doc
    k = noun.left_edge.i
    while k < noun.i and doc[k].text[:1].isupper():
        k += 1
    return k > noun.left_edge.i and k + 1 < len(doc) and doc[k].text == "-" and \
        doc[k + 1].lower_ in ("based", "headquartered", "registered")


def _across_cells(root, noun) -> bool:
    """A table row's cells ("BBDO | owned by Omnicom | creative agency") are read as one sentence: a noun in
    another cell describes the row's first cell, what the row is about, never a name in a later cell."""
    lo, hi = sorted((root.i, noun.i))
    if not any(t.text == "|" for t in root.doc[lo:hi]):
        return False
    line = root.sent
    return any(t.text == "|" for t in root.doc[line.start : root.i])


def description_noun(root):
    """The head noun that describes the name whose head token is ``root``, or None."""
    candidates = []
    # "Alrosa, the diamond miner"; not "The Kenilworth, New Jersey-based company" (a place and its state)
    candidates += [c for c in root.children if c.dep_ == "appos" and not qualified_place_before(c)]
    # "Shantanu Narayen, Adobe's chair and chief executive, said": an apposition the parser made a conjunct
    candidates += [c for c in root.children if c.dep_ == "conj" and c.pos_ == "NOUN" and c.left_edge.i >= 1
                   and root.doc[c.left_edge.i - 1].text == ","]
    if root.dep_ == "appos" and root.head.pos_ == "NOUN":
        candidates.append(root.head)  # "the state railway, Deutsche Bahn"
    if root.dep_ == "nsubj" and root.head.lemma_ == "be":
        candidates += [c for c in root.head.children if c.dep_ in ("attr", "acomp")]  # "Sugon is a server maker"
    candidates += [c for c in root.children if c.dep_ == "compound" and c.pos_ == "NOUN" and c.i < root.i]
    if (root.dep_ == "nsubjpass" or (root.dep_ == "nsubj" and root.head.lemma_.lower() not in _appointing_verbs())) \
            and root.head.pos_ in ("VERB", "AUX"):
        # "Makoto Uchida would step down as president", "X runs it as chief executive", "X was named as chief
        # executive": what the subject acts as (not in "Veltrona named X as chief executive": the object does)
        candidates += [p for c in root.head.children if c.dep_ == "prep" and c.lower_ == "as"
                       for p in c.children if p.dep_ == "pobj"]
    if root.dep_ == "compound" and root.head.pos_ == "NOUN" and root.head.i > root.i:
        pass  # "the Alrosa deal": the name modifies, it is not described
    prev = root.doc[_name_start(root) - 1] if _name_start(root) > 0 else None
    if prev is not None and prev.pos_ == "NOUN" and prev.tag_ == "NN" and prev.lemma_.lower() in class_nouns():
        candidates.append(prev)  # "motor maker Nidec", "Russian citizen Aleksandr Ermakov": the title noun
    for noun in candidates:
        noun = _through_quantifier(noun)
        if noun is not None and noun.pos_ in ("NOUN", "PROPN") and noun.lemma_.lower() in class_nouns() \
                and not _across_cells(root, noun):
            return noun
    if root.dep_ == "conj" and root.head.i < root.i and root.head.pos_ == "PROPN":
        # "Israeli spyware makers NSO Group and Candiru": a plural title noun describes every name of the list
        noun = description_noun(root.head)
        if noun is not None and noun.tag_ == "NNS" and noun.i < root.head.i:
            return noun
    return None


@functools.lru_cache(maxsize=1)
def _appointing_verbs() -> frozenset[str]:
    """Verbs whose "as" phrase describes their object ("named X as chief executive"): event_kinds.yaml's
    appointment verbs."""
    kinds = load_data("event_kinds.yaml")
    return frozenset(v for spec in kinds.values() if spec.get("record") == "role" for v in spec.get("verbs", ()))


def _through_quantifier(noun):
    """"one of China's leading makers": the noun after "of"."""
    if noun.lower_ in _QUANTIFIERS:
        for prep in (c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"):
            return next((p for p in prep.children if p.dep_ == "pobj"), None)
    return noun


def describe_entities(registry: EntityRegistry, docs: list) -> None:
    """Retype the article's entities that a description classes otherwise (votes over their mentions)."""
    votes: dict[int, Counter] = {}
    strict: dict[int, bool] = {}
    clues: Counter = Counter()  # what only an organisation has, told of a "person": 4 is enough (see below)
    voted: set[int] = set()
    for di, doc in enumerate(docs):
        for span, lid in registry.mention_spans(di, doc):
            root = span.root
            noun = description_noun(root)
            if noun is not None:
                votes.setdefault(lid, Counter())[class_nouns()[noun.lemma_.lower()]] += 1
                strict[lid] = strict.get(lid, False) or noun.lemma_.lower() in person_to_org_nouns()
            if (_company_context(root) and _one_word_person(registry.entities[lid])) or (
                    _title_owner(root) and registry.entities[lid].type == "Person"):
                # "Nidec's bid", "shares of Nidec": a one-word "person" no full name ever names is a company;
                # "the former finance chief of Brenntal Technik": what a title is held in is no person
                votes.setdefault(lid, Counter())["Company"] += 1
                strict[lid] = True
            elif registry.entities[lid].type == "Person" and (cls := _based_clause(root, span)) is not None:
                # "Dollar Tree, which is based in Chesapeake": a "person" that is based somewhere is an organisation
                votes.setdefault(lid, Counter())[cls] += 1
                strict[lid] = True
            elif (_unnamed_person(registry.entities[lid]) or _one_word_person(registry.entities[lid])) and (
                    org_clue(span, said_it=False) or _whose_title(root)):
                # "Gavi, whose chief executive is Seth Berkley" (4); twice "Kestrel Vance's board", "Kestrel Vance
                # shares", "Kestrel Vance, which" (2 each): a "person" whose names open with no given name, of whom
                # the article says what only an organisation has, is a company (once may be a person's: "Li
                # Ka-shing's subsidiary", "Jurgita Bakker, which the paper called ..."; a "which" after a
                # prepositional object counts 1: "the company run by Ana Ruiz, which" is the company's)
                weak = root.dep_ == "pobj" and not org_clue(span, said_it=False, which=False)
                clues[lid] += 4 if _whose_title(root) else 1 if weak else 2
                if clues[lid] >= 4 and lid not in voted:
                    voted.add(lid)
                    votes.setdefault(lid, Counter())["Company"] += 1
                    strict[lid] = True
    for di, doc in enumerate(docs):
        for root, cls, strong in _undescribed_names(registry, di, doc):
            ent = discover_entity(registry, di, root, cls)
            if ent is not None:
                votes.setdefault(ent.local_id, Counter())[cls] += 1
                strict[ent.local_id] = strict.get(ent.local_id, False) or strong
    for lid, counter in votes.items():
        ent = registry.entities[lid]
        cls = counter.most_common(1)[0][0]
        if ent.gaz_id is not None or ent.implicit:
            continue
        registry.described.add(lid)
        if cls == ent.type:
            continue
        if cls == "Person":
            if ent.type in _ORG_TYPES and not _company_named(ent):
                _retype(registry, ent, "Person", f"Person:{normalize_name(ent.best_name)}")
        elif ent.type in _ORG_TYPES:
            ent.type = cls
        elif ent.type == "Person" and strict[lid] and not opens_with_given_name(ent.best_name, load_entity_rules()):
            # "Rosimushchestvo, the federal agency that manages state property": a body too (a full name opened by
            # a given name stays a person's: "Brent Okafor, who ..., the company he ran" is a misread apposition)
            _retype(registry, ent, cls, f"Organization:{org_key(ent.best_name)}")


def _company_named(ent: LocalEntity) -> bool:
    """A name with a word that ends companies' names ("Perrigo Company plc", "Kestrel Holdings") is no person's,
    whatever a description beside it says ("Perrigo Company plc | CEO: ...")."""
    ends = load_entity_rules().company_words
    return any(normalize_name(n).split()[-1:] and normalize_name(n).split()[-1] in ends for n in ent.names if " " in n)


def _retype(registry: EntityRegistry, ent: LocalEntity, cls: str, key: str) -> None:
    """Give ``ent`` another class (and the key of that class), joining the entity that already has the key."""
    existing = registry.by_key.get(key)
    if existing is not None and existing != ent.local_id:
        registry.merge_into(ent, registry.entities[existing])
        return
    old = ent.key
    registry.by_key.pop(old, None)
    ent.type, ent.key = cls, key
    registry.by_key[key] = ent.local_id
    for other in registry.entities:
        # the shells of entities merged into this one (registry.merge_into) follow it, or resolution would
        # find a nameless entity under the old key
        if other is not ent and other.key == old and other.implicit and not other.names and not other.gaz_id:
            other.type, other.key = cls, key


def _undescribed_names(registry: EntityRegistry, di: int, doc):
    """Proper-noun phrases no entity covers that a description classes ("Belavia, the state airline")."""
    for tok in doc:
        if not _name_like(tok) or (di, tok.i) in registry.token_entity or tok.dep_ in ("compound", "flat"):
            continue
        noun = description_noun(tok)
        if noun is not None:
            lemma = noun.lemma_.lower()
            yield tok, class_nouns()[lemma], lemma in person_to_org_nouns()
        elif (cls := _named_by_its_last_word(tok)) is not None:
            yield tok, cls, True
        elif _holds_a_company_title(tok):
            yield tok, "Company", True
        elif (cls := _organisation_said(tok)) is not None:
            yield tok, cls, True
        elif _who_clause(tok):
            yield tok, "Person", False


def _named_by_its_last_word(root) -> str | None:
    """"Ostmark Group reported ...", "Kystbank Holdings", "the Lindahl Foundation": a run of two or more
    capitalised proper nouns no model tagged, ending in a corporate, organisation or government word
    (entity_rules.yaml), outside a title-case headline, is an organisation of that kind."""
    span = name_span(root)
    if len(span) < 2 or any(t.pos_ != "PROPN" or not t.text[:1].isalnum() for t in span):
        return None
    doc = root.doc
    if span.end + 1 < len(doc) and doc[span.end].lower_ in ("of", "for", "&") and doc[span.end + 1].text[:1].isupper():
        return None  # "the Delhi Centre for Technology Policy": the name goes on past the run
    last = span[-1].lower_
    if class_nouns().get(last) == "Person":
        return None  # "Prime Minister", "Finance Minister": an office, not a body
    rules = load_entity_rules()
    cls = ("Company" if last in rules.company_words else "Organization" if last in rules.organization_words
           else "GovernmentBody" if last in rules.government_words else None)
    if cls is None:
        return None
    if title_case_sentence(root.sent):
        return None  # a title-case headline: capitals say nothing there
    return cls


def _organisation_said(root) -> str | None:
    """A name no place list knows that the sentence says is an organisation: "Syngenta's board", "Syngenta
    shares" (a company), "Syngenta, which is based in Basel", "X, which is headquartered in Y" (an organisation, a
    company in business news; a place "runs through", is "led by" or "listed as" too). Names the model took for a place are read here too; a known place never is."""
    span = name_span(root)
    if country_of_place(span.text) is not None or title_case_sentence(root.sent) or root.ent_type_ == "PERSON" or (
            root.ent_type_ in ("GPE", "LOC", "FAC") and country_of_city(span.text) is not None):
        return None  # a known place, a city the model took for one ("Karachi shares"), a person ("Smith's board")
    if root.dep_ in ("poss", "compound") and org_clue(span):
        return "Company"  # "Syngenta's board", "Syngenta shares" (not "the maker of Dairy Milk": a product)
    return _based_clause(root, span)


def _based_clause(root, span) -> str | None:
    """"X, which is based in Basel", "X, which is headquartered in Y": the organisation class such a clause gives."""
    for clause in (c for c in root.children if c.dep_ == "relcl"):
        relative = [g for g in clause.children if g.dep_ in ("nsubj", "nsubjpass") and g.lower_ in ("which", "that")]
        where = [c for c in clause.children if c.dep_ == "prep" and c.lower_ in ("in", "at")]
        if relative and where and clause.lemma_.lower() in load_entity_rules().organisation_clause_verbs:
            return type_org(span.text, set(), load_entity_rules(), business=is_business_text(root.doc, load_entity_rules()))
    return None


def org_clue(span, *, said_it: bool = True, which: bool = True) -> bool:
    """Words around a name that only an organisation takes: "Kestrel's board", "Kestrel's executive chairman",
    "Kestrel shares", "Kestrel, which", "Kestrel said it would" (``org_possessions`` in entity_rules.yaml); "which"
    only with ``which`` ("the company run by Ana Ruiz, which" may be the company's) and the last only with
    ``said_it`` ("'It is wrong,' said Jurgita Bakker" quotes a person)."""
    doc = span.doc
    root = span.root
    rules = load_lexicon("entity_rules.yaml")
    owns = frozenset(rules.get("org_possessions") or ()) if root.dep_ == "poss" else frozenset(
        rules.get("org_compounds") or ()) if root.dep_ == "compound" else frozenset()
    if root.head.i >= span.end and root.head.pos_ == "NOUN" and (root.head.lower_ in owns or root.head.lemma_.lower() in owns):
        return True
    if which and [t.lower_ for t in doc[span.end:span.end + 2]] == [",", "which"]:
        return True
    if root.dep_ == "nsubj" and said_it:  # "Kestrel said it would return"
        return any(c.dep_ == "ccomp" and any(s.dep_ in ("nsubj", "nsubjpass") and s.lower_ == "it" for s in c.children)
                   for c in root.head.children)
    return False


def _whose_title(root) -> bool:
    """"Gavi, whose chief executive is Seth Berkley": a "whose" clause on the name gives it a title only an
    organisation's head holds (``whose_titles`` in entity_rules.yaml; not "whose shares", "whose board": a person
    has those too)."""
    titles = frozenset(load_lexicon("entity_rules.yaml").get("whose_titles") or ())
    return any(c.dep_ == "relcl" and any(n.pos_ == "NOUN" and n.lower_ in titles and any(
        w.lower_ == "whose" for w in n.children) for n in c.subtree) for c in root.children)


def _who_clause(root) -> bool:
    """"Dylan Field, who co-founded Figma, ...": a name a "who" clause describes is a person (not after "of":
    in "the head of Xbox, who becomes ..." the clause is the head's)."""
    return root.dep_ != "pobj" and any(c.dep_ == "relcl" and any(g.dep_ in ("nsubj", "nsubjpass") and g.lower_ == "who" for g in c.children)
               for c in root.children)


def _holds_a_company_title(root) -> bool:
    """"Splunk's chief executive", "Veltrona's chairman": a name no model tagged that owns a corporate title is a
    company."""
    if root.dep_ != "poss" or not any(c.dep_ == "case" for c in root.children):
        return False
    title = root.head
    return title.pos_ == "NOUN" and title.lemma_.lower() in load_entity_rules().title_of_company | {"executive"}


def _name_like(tok) -> bool:
    """A proper noun, or a capitalised word the tagger called a common noun inside a sentence ("against
    Zservers, a hosting company"): not a sentence's first word, not all capitals."""
    if tok.pos_ == "PROPN":
        return True
    return (tok.pos_ == "NOUN" and tok.text[:1].isupper() and not tok.is_sent_start and not tok.text.isupper()
            and tok.i > 0 and tok.doc[tok.i - 1].text not in (":", "\"", "“", "‘", "'"))


def _name_start(root) -> int:
    """The first token of the proper-noun phrase headed by ``root``."""
    start = root.i
    while start > 0 and root.doc[start - 1].pos_ == "PROPN" and root.doc[start - 1].head.i in range(start, root.i + 1):
        start -= 1
    return start


def name_span(root):
    """The proper-noun phrase headed by ``root``: it and the contiguous proper nouns compounded onto it."""
    start = _name_start(root)
    while start > 0 and not root.doc[start - 1].whitespace_ and root.doc[start - 1].text[-1:].isalnum():
        start -= 1  # "3G Capital": a name the tokenizer cut after "3"
    end = root.i + 1
    while end < len(root.doc) and root.doc[end].dep_ == "flat" and root.doc[end].head.i == root.i:
        end += 1
    return root.doc[start:end]


def _nationality(tok) -> bool:
    """A word the model tagged a nationality or group that is one: a demonym the gazetteer knows ("Americans"), a
    plural ("Uyghurs"), a word of a group's shape ("Republican", "Catholic", "Islamist") or a party word of
    roles.yaml ("Tory"); not a one-word name it mistook for one ("sanctions on Belaruskali")."""
    return tok.ent_type_ == "NORP" and (tok.ent_id_.startswith("demonym:") or tok.tag_ == "NNPS"
                                        or tok.lower_.endswith(("s", "ese", "ish", "an", "ic", "ist"))
                                        or tok.lower_ in load_lexicon("roles.yaml")["parties"])


def discover_entity(registry: EntityRegistry, di: int, root, cls: str) -> LocalEntity | None:
    """A new entity of class ``cls`` for the unrecognised name headed by ``root`` (its first mention); ``cls``
    "by-name" types an organisation by the words of its name ("Prague Water Authority": a government body)."""
    span = name_span(root)
    text = span.text.strip()
    if not text or not (text[0].isupper() or text[0].isdigit()) or len(text) > 80 or any((di, t.i) in registry.token_entity for t in span):
        return None
    if normalize_name(text) in load_entity_rules().stoplist or any(
            t.ent_type_ in NOT_NAMES for t in span if t.i >= _name_start(root)) \
            or text.lower() in _CALENDAR or (len(span) == 1 and _nationality(span[0])):
        return None  # a nationality ("barred Americans from ...") is not an organisation
    if cls == "by-name":
        if len(span) < 2 or all(t.lower_ in job_title_words() for t in span):
            return None  # "would direct the Secretary of State": a title; "heads the Division": no name
        cls = type_org(text, set(), load_entity_rules())
    if cls == "Person" and normalize_name(text).split()[-1] in load_entity_rules().company_words:
        cls = "Company"  # "Perrigo Company plc | CEO: ...": a title beside a company's name is no person's
    return name_entity(registry, di, span, cls)


def name_entity(registry: EntityRegistry, di: int, span, cls: str) -> LocalEntity:
    """The entity of class ``cls`` the name ``span`` is, recorded as one of its mentions (the article's entity of
    the name, its acronym's or its short name's, else a new one)."""
    text = span.text.strip()
    key = f"Person:{normalize_name(text)}" if cls == "Person" else f"Organization:{org_key(text)}"
    # "CP" after "Canadian Pacific"; "Tessaly" after "Tessaly Bank"
    ent = (registry.spelt_out(text) or registry.short_for(text) if cls != "Person" else None) or \
        registry.get_or_add(key, cls)
    ent.names[text] += 1
    ent.mentions += 1
    sentence = _sentence_number(span.doc, span.start, di, registry)
    if sentence not in ent.sentences:
        ent.sentences.append(sentence)
    for t in span:
        registry.token_entity[(di, t.i)] = ent.local_id
    return ent


def split_off(registry: EntityRegistry, di: int, tok, cls: str) -> LocalEntity | None:
    """Give the one-word mention at ``tok`` an entity of its own, of class ``cls``, when the article's context
    says it is not the entity it was joined to ("Lindqvist was founded in 1997" beside a "Tobias Lindqvist")."""
    lid = registry.token_entity.pop((di, tok.i), None)
    ent = discover_entity(registry, di, tok, cls)
    if lid is not None and ent is None:
        registry.token_entity[(di, tok.i)] = lid
    elif lid is not None:
        old = registry.entities[lid]
        if old.names.get(tok.text, 0) > 0:
            old.names[tok.text] -= 1
            old.mentions = max(0, old.mentions - 1)
    return ent


def _sentence_number(doc, start: int, di: int, registry: EntityRegistry) -> int:
    """The article-wide index of the sentence holding token ``start`` of chunk ``di``."""
    offsets = registry.sentence_offsets
    return offsets[di] + sum(1 for s in doc.sents if s.end <= start)


def _one_word_person(ent: LocalEntity) -> bool:
    return ent.type == "Person" and ent.gaz_id is None and all(len(n.split()) == 1 for n in ent.names)


def _unnamed_person(ent: LocalEntity) -> bool:
    """A "person" of more than one word whose names open with no given name ("Barrick Gold"), not in the gazetteer."""
    rules = load_entity_rules()
    return ent.type == "Person" and ent.gaz_id is None and any(len(n.split()) > 1 for n in ent.names) and not any(
        opens_with_given_name(n, rules) for n in ent.names if len(n.split()) > 1)


def _title_owner(root) -> bool:
    """"the former finance chief of X", "chairman of X": ``root`` names what a corporate title is held in."""
    if root.dep_ != "pobj" or root.head.lower_ != "of":
        return False
    title = root.head.head
    return title.pos_ == "NOUN" and title.lemma_.lower() in load_entity_rules().title_of_company


def _company_context(root) -> bool:
    """"Nidec's bid", "Nidec's shares", "shares of Nidec", "a stake in Nidec": a company's word around a name."""
    words = load_entity_rules().company_context
    if any(c.dep_ == "case" for c in root.children) and root.dep_ == "poss":
        return root.head.lemma_.lower() in words or root.head.lower_ in words
    if root.dep_ == "pobj" and root.head.lower_ in ("of", "in"):
        owner = root.head.head
        return owner.lemma_.lower() in words or owner.lower_ in words
    return False

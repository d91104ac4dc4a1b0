"""Definite descriptions of organisations and the places they name: what "the St. Louis seed group", "the
Uxbridge-based confectioner" or "the Danish brewer" stands for, and the country its place words give.

A description's place is a known place (``places.yaml``, the gazetteer) or, only where the words already say it is
a place ("X-based", "the X seed group"), a city of the GeoNames table (:func:`kg.knowledge.places.country_of_city`).
"""
from __future__ import annotations

from kg.extract.context import ExtractContext
from kg.knowledge.places import country_of_city, country_of_place
from kg.nlp.descriptions import class_nouns, party_nouns
from kg.nlp.registry import LocalEntity


def recent_org_of_country(ctx: ExtractContext, di: int, token, country_id: str) -> LocalEntity | None:
    """The organisation named last before ``token`` (this and two sentences back) that is of the country;
    one of unknown country when none is known to be; None when all named ones are of other countries."""
    doc = ctx.docs[di]
    prev = ctx.sentences_before(di, token.sent.start, 2)
    start = prev[0].start if prev else token.sent.start
    unknown = None
    if token.dep_ in ("nsubj", "nsubjpass") and token.lemma_.lower() not in party_nouns() \
            and (topic := ctx.previous_subject(di, token.sent)) is not None \
            and known_country(ctx, topic) in (None, country_id):
        return topic  # "Orlan agreed to buy Varden. The Texas-based producer will pay ...": the topic goes on
    for t in reversed(doc[start : token.i]):
        ent = ctx.entity_at(di, t)
        if ent is None or ent.type not in ("Company", "Organization"):
            continue
        country = known_country(ctx, ent)
        if country == country_id:
            return ent
        if country is None and unknown is None:
            unknown = ent
    return unknown


def known_country(ctx: ExtractContext, ent: LocalEntity) -> str | None:
    """The country an organisation is of: the gazetteer's, else where the article has already placed it."""
    if ent.gaz_id:
        return ctx.gaz.entries[ent.gaz_id].country
    return next((ctx.entities[f.object].gaz_id for f in ctx.relations(("basedIn",)) if f.subject == ent.local_id
                 and ctx.entities[f.object].type == "Country"), None)


def place_before_dash(doc, dash: int, start: int, near: frozenset[str] = frozenset()) -> str | None:
    """The country of the place written before "-based": "Moscow", "Silicon Valley", "US", a city of the
    GeoNames table ("The Woodlands-based", "Allentown-based"; of the countries ``near`` when several share the name)."""
    for lookup in (country_of_place, lambda text: country_of_city(text, near)):
        for k in range(min(4, dash - start), 0, -1):
            span = doc[dash - k : dash]
            if span[0].text[:1].isupper():
                cid = lookup(span.text)
                if cid:
                    return cid
    return None


def article_countries(ctx: ExtractContext) -> frozenset[str]:
    """The gazetteer ids of the countries the article names or names the people of ("British"), to tell apart
    cities of one name."""
    if "countries" not in ctx.memo:  # the demonyms of the text never change; a country named may be added later
        ctx.memo["countries"] = frozenset(t.ent_id_.split(":", 1)[1] for doc in ctx.docs for t in doc
                                          if t.ent_id_.startswith("demonym:"))
    return ctx.memo["countries"] | {e.gaz_id for e in ctx.entities if e.type == "Country" and e.gaz_id}


def place_word_country(ctx: ExtractContext, di: int, noun) -> str | None:
    """The country of the place that opens a definite description: "the St. Louis seed group", "The Basel
    company" (a known place or a city of the GeoNames table; not a name the article made an entity)."""
    doc = ctx.docs[di]
    start = noun.left_edge.i
    if doc[start].lower_ != "the":
        return None
    run = []
    for t in doc[start + 1 : noun.i]:
        if t.pos_ != "PROPN" or not t.text[:1].isupper() or ctx.entity_at(di, t) is not None:
            break
        run.append(t)
    if not run or any(t.pos_ not in ("NOUN", "ADJ") for t in doc[run[-1].i + 1 : noun.i]):
        return None  # "the Woodlands-based producer" is read as "-based"
    text = doc[run[0].i : run[-1].i + 1].text
    return country_of_place(text) or country_of_city(text, article_countries(ctx))


def is_company_noun(noun) -> bool:
    """A noun that describes a company by its trade ("producer", "confectioner", "group"), not by its side in a
    story ("target", "rival", "seller": ``party_nouns`` of ``class_nouns.yaml``)."""
    lemma = noun.lemma_.lower()
    return class_nouns().get(lemma) == "Company" and lemma not in party_nouns()


def description_country(ctx: ExtractContext, di: int, noun) -> str | None:
    """The country of the place a definite description of an organisation names: "the Uxbridge-based
    confectioner", "the St. Louis seed group"; None when it names none."""
    doc = ctx.docs[di]
    for t in doc[noun.left_edge.i : noun.i]:
        if t.lower_ == "based" and t.i >= 2 and doc[t.i - 1].text == "-":
            return place_before_dash(doc, t.i - 1, noun.left_edge.i, article_countries(ctx))
    return place_word_country(ctx, di, noun)


def described_org(ctx: ExtractContext, di: int, noun) -> LocalEntity | None:
    """The organisation a definite description with a place or a superlative stands for ("The Board of the
    Uxbridge-based confectioner, chaired by X", "the world's largest glove maker"): the topic going on, else the one of that country named last (see
    :func:`recent_org_of_country`); None for a description with no place, a person's ("the London-based analyst")
    or a government body's, nor a museum's or a club's (only nouns of companies), nor a party's ("the Calgary-based
    target", "the Leeds-based rival": the other side of the story), nor an apposition's ("TCI, the London hedge fund
    run by X": TCI, read as such)."""
    if noun.pos_ != "NOUN" or noun.dep_ in ("appos", "attr") or not is_company_noun(noun) or ctx.entity_at(di, noun):
        return None
    if _superlative(noun):
        # "lifted the ban it placed on the world's largest glove maker": the organisation the story is about
        return ctx.topic_org(di, noun.sent)
    if not any(c.dep_ == "det" and c.lower_ in ("the", "this") for c in noun.children):
        return None
    cid = description_country(ctx, di, noun)
    if cid is None:
        return None
    topic = ctx.topic_org(di, noun.sent)
    if topic is not None and known_country(ctx, topic) in (None, cid):
        return topic  # "Sharp's directors endorsed ... two-thirds of the Osaka-based company": the topic
    return recent_org_of_country(ctx, di, noun, cid)


def _superlative(noun) -> bool:
    """"the world's largest glove maker", "the biggest producer", "the country's second-largest lender": a company
    noun that a superlative makes one of a kind (not "a large maker", "one of the largest makers", "its biggest
    customer")."""
    if noun.tag_ != "NN" or noun.head.lower_ == "of":
        return False
    owner = [c for c in noun.children if c.dep_ in ("det", "poss")]
    if not owner or not all(c.lower_ == "the" or (c.dep_ == "poss" and c.pos_ in ("NOUN", "PROPN") and any(
            x.dep_ == "case" for x in c.children)) for c in owner):
        return False  # "its biggest customer", "a large maker"
    return any(c.dep_ == "amod" and (c.tag_ == "JJS" or c.lower_.endswith(("largest", "biggest")))
               for c in noun.children)


def place_country(ctx: ExtractContext, di: int, pobj, *, cities: bool = False) -> str | None:
    """The country of "in Shenzhen", "in Shenzhen, China", "in the Chinese city of Shenzhen"; with ``cities``
    (the phrase says it is a place: "based in", "headquartered in") a city of the GeoNames table too."""
    return tokens_country(ctx, di, sorted(pobj.subtree, key=lambda t: t.i), cities=cities)


def tokens_country(ctx: ExtractContext, di: int, toks: list, *, cities: bool = False,
                   over_names: bool = False) -> str | None:
    """The country of a place written in ``toks`` (a phrase, or a table cell: "The Woodlands, Texas"); see
    :func:`place_country`; ``over_names``: a city the model took for a name counts (a cell that holds a place only).
    """
    doc = ctx.docs[di]
    for t in toks:  # a country named in the phrase wins ("Shenzhen, China")
        ent = ctx.entity_at(di, t)
        if ent is not None and ent.type == "Country" and ent.gaz_id:
            return ent.gaz_id
        if t.ent_id_.startswith("demonym:"):
            return t.ent_id_.split(":", 1)[1]
    # the longest run of capitalised words that names a place; a place after a comma qualifies the one before it
    # ("Paris, Texas": the United States)
    found = []
    for i, t in enumerate(toks):
        if not t.text[:1].isupper() or (found and t.i < found[-1][1]):
            continue
        for k in range(min(4, len(toks) - i), 0, -1):
            if toks[i + k - 1].i - t.i == k - 1 and (cid := country_of_place(doc[t.i : t.i + k].text)):
                found.append((cid, t.i + k, t.i > 0 and doc[t.i - 1].text == ","))
                break
    if found:
        return found[-1][0] if found[-1][2] else found[0][0]
    if cities:
        near = article_countries(ctx)
        for i, t in enumerate(toks):
            if t.text[:1].isupper() and (over_names or ctx.entity_at(di, t) is None):
                for k in range(min(4, len(toks) - i), 0, -1):
                    if toks[i + k - 1].i - t.i == k - 1 and (cid := country_of_city(doc[t.i : t.i + k].text, near)):
                        return cid
    return None

"""Clues in the words around a name that say what it names: a title, an age or a person's class noun in
apposition (a person: "Analyst Tom Bank", "Emma Freight, 34,"), and the class noun a name modifies (its class:
"the New Hope party"). Used by :mod:`kg.nlp.entities` when it types a name the model tagged."""
from __future__ import annotations

from kg.knowledge.lexicons import load_lexicon
from kg.nlp.descriptions import class_nouns
from kg.nlp.people import title_words
from kg.nlp.pipeline import job_title_words


def said_of_a_person(span) -> bool:
    """A title or prefix before the name ("Analyst Tom Bank", "Dr. James Shipping"), or an age or a person's class
    noun in apposition after it ("Emma Freight, 34,", "Mark Resources, a geologist,"): the name is a person's."""
    doc = span.doc
    prev = doc[span.start - 1] if span.start > 0 else None
    if prev is not None and not prev.is_stop and (prev.lower_.rstrip(".") in title_words() or prev.lower_.rstrip(".") in job_title_words()
                             or class_nouns().get(prev.lemma_.lower()) == "Person"):
        return True
    after = doc[span.end:span.end + 4]
    if len(after) >= 2 and after[0].text == "," and after[1].like_num:
        return True
    return any(c.dep_ == "appos" and class_nouns().get(c.lemma_.lower()) == "Person" for c in span.root.children)


def holds_title(span) -> bool:
    """The name holds a person's job title: "removed Cyrus Vance as its chairman", "Ana Ruiz was named as chief
    executive", "Ana Ruiz, its chairwoman,". Not a title a firm holds too ("hired Lazard as adviser",
    ``firm_titles`` in entity_rules.yaml)."""
    root = span.root
    titles = job_title_words() - frozenset(load_lexicon("entity_rules.yaml").get("firm_titles") or ())

    def titled(prep) -> bool:
        pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
        return pobj is not None and pobj.pos_ in ("NOUN", "PROPN") and pobj.lower_ in titles

    holders = [root, root.head] if root.dep_ in ("dobj", "nsubjpass") else [root]
    if any(c.dep_ == "prep" and c.lower_ == "as" and titled(c) for h in holders for c in h.children):
        return True
    if root.head.lemma_ == "be" and root.dep_ in ("attr", "nsubj"):
        # "whose chief executive is Marius Kloppers", "Ana Ruiz is chief executive" (a bare title only a person
        # holds, ``copula_person_titles``; "The director is Varden Pictures" names a company)
        other = "nsubj" if root.dep_ == "attr" else "attr"
        personal = frozenset(load_lexicon("entity_rules.yaml").get("copula_person_titles") or ())
        if any(c.dep_ == other and c.pos_ == "NOUN" and c.lower_ in personal and not any(
                d.dep_ == "det" and d.lower_ in ("a", "an") for d in c.children) for c in root.head.children):
            return True
    return any(c.dep_ == "appos" and c.pos_ == "NOUN" and c.lower_ in titles for c in root.children)


def government_position(span, rules) -> bool:
    """A capital that acts or is acted on as a country: "Beijing retaliated", "hit by Washington", "Riyadh, Abu
    Dhabi and Cairo imposed", "Beijing's duties on ...", "imposed a blockade on Doha", "sanctions against Moscow";
    not "flights to Moscow" or "in Beijing" (places)."""
    doc = span.doc
    if span.end + 1 < len(doc) and doc[span.end].text == "-" and doc[span.end + 1].lower_ in ("based", "headquartered"):
        return False  # "the Washington-based foundation": a place
    root = span.root
    while root.dep_ == "conj" and root.head.i != root.i:
        root = root.head  # "Riyadh, Abu Dhabi, Manama and Cairo imposed": each capital of the list
    acts = rules.capital_acts
    if root.dep_ == "pobj" and root.head.lower_ in ("on", "against"):
        owner = root.head.head  # "a blockade on Doha", "imposed ... on Doha"
        return owner.lemma_.lower() in acts or owner.lemma_.lower() in ("impose", "slap", "levy")
    return root.dep_ in ("nsubj", "nsubjpass", "agent") or (root.dep_ == "pobj" and root.head.lower_ == "by") or (
        root.dep_ == "poss" and root.head.lemma_.lower() in acts)


def class_of_head(span) -> str | None:
    """The class of the noun a name modifies: "the Jewish Power party" is an organisation, "the Kestrel
    lender" a company (``class_nouns.yaml``); None when the name modifies no class noun or an ambiguous one."""
    head = span.root.head
    if span.root.dep_ != "compound" or head.pos_ != "NOUN" or head.i != span.end:
        return None
    if head.lemma_.lower() in load_lexicon("class_nouns.yaml").get("ambiguous_heads", ()):
        return None  # "the Wagner group" may be a militia as well as a company
    cls = class_nouns().get(head.lemma_.lower())
    return cls if cls in ("Company", "Organization", "GovernmentBody") else None


def owned_by_country(span) -> bool:
    """A name right after a country's possessive ("Germany's Uniper", "Finland's Fortum")."""
    doc = span.doc
    if span.start < 2 or doc[span.start - 1].lower_ not in ("'s", "’s"):
        return False
    owner = doc[span.start - 2]
    if owner.ent_type_ != "GPE" or not owner.ent_id_.startswith("gaz:"):
        return False
    words = load_lexicon("entity_rules.yaml").get("place_context") or {}
    start = _ent_start(owner)
    before = doc[start - 1] if start > 0 else None
    after = doc[span.end] if span.end < len(doc) else None
    # "moved into Ukraine's Donbas region", "returned to Italy's Tuscany": a place
    return not ((after is not None and after.lower_ in words.get("nouns", ())) or
                (before is not None and before.lower_ in words.get("preps", ())))


def _ent_start(tok) -> int:
    """The first token of the entity ``tok`` is in."""
    i = tok.i
    while i > 0 and tok.doc[i].ent_iob_ == "I":
        i -= 1
    return i

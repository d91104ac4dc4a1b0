"""One sense per discourse: the names of one article's entities joined and spread.

Short names join the full name met before ('Ren' -> 'Ren Zhengfei', initials), an organisation named with and
without its corporate suffix is one, and every later occurrence of a recognised name is tagged even where the
model missed it (:func:`propagate_names`). Runs on the :class:`~kg.nlp.registry.EntityRegistry` of one article.
"""
from __future__ import annotations

import re

from kg.knowledge.entity_rules import load_entity_rules, org_key
from kg.knowledge.gazetteer import normalize_name
from kg.nlp.descriptions import org_clue
from kg.nlp.name_clues import holds_title, said_of_a_person
from kg.nlp.people import person_names
from kg.nlp.registry import EntityRegistry, LocalEntity, initials


def record(registry: EntityRegistry, local: LocalEntity, span, text: str, doc_index: int, sent_of: dict) -> None:
    local.names[text] += 1
    local.mentions += 1
    sent = sent_of[span.start]
    if sent not in local.sentences:
        local.sentences.append(sent)
    for t in span:
        registry.token_entity[(doc_index, t.i)] = local.local_id


def attach_short_names(registry: EntityRegistry, pending: list, doc_index: int, sent_of: dict) -> None:
    """Attach one-word person names to a full name in the article that contains the word."""
    for span, text in pending:
        word = normalize_name(text)
        hosts = []
        for ent in registry.entities:
            if ent.type != "Person":
                continue
            full = [normalize_name(n).split() for n in ent.names if len(n.split()) > 1]
            if registry.gaz.entries.get(ent.gaz_id or ""):
                full.append(normalize_name(registry.gaz.entries[ent.gaz_id].name).split())
            if any(word in parts for parts in full):
                hosts.append(ent)
        sentence = sent_of[span.start]
        if len(hosts) == 1 and sentence > 0 and min(hosts[0].sentences, default=sentence) > sentence:
            # "Lindqvist was founded in 1997 ... its founder, Tobias Lindqvist": a surname told before the full
            # name is no reference back to it; an organisation named with the word may be meant
            orgs = [e for e in registry.entities if e.bucket == "Organization" and not e.implicit
                    and any(normalize_name(n).split()[:1] == [word] for n in e.names)]
            hosts = orgs[:1] if len(orgs) == 1 else []
        if len(hosts) == 1:
            local = hosts[0]
        else:
            entry = registry.gaz.lookup(text, ("Person",)) or registry.gaz.person_by_surname(text)
            if entry:
                local = registry.add_gaz(entry.id, implicit=False)
            elif org_clue(span):
                # "Kestrel's board": one word no full name explains, said of an organisation
                local = registry.get_or_add(f"Organization:{org_key(text)}", "Company")
            else:
                local = registry.get_or_add(f"Person:{word}", "Person")
        record(registry, local, span, text, doc_index, sent_of)


def merge_article_aliases(registry: EntityRegistry, docs: list | None = None) -> None:
    """Merge clusters of one article that name the same entity, once the whole article is read.

    - an "organisation" named only by a person's name of the article ("Trump" tagged ORG in a
      headline, before "President Donald Trump" in the body) is that person, and a one-word "person" named only by
      an organisation's name ("Nidec") is that organisation (not a longer one: "Ralph Lauren" of "Ralph Lauren
      Corporation" is its founder), nor the short name of the one organisation it opens ("Barrick" of "Barrick
      Gold"), unless the article says of it what only a person has ("Chairman Morgan") or it is a word of a
      person's full name;
    - a government body whose country was only guessed ("the Treasury" in a story about Venezuela)
      is the one body of the article whose name contains its name ("the Treasury Department");
    - an organisation's short name ("Raytheon") is the organisation named in full with a corporate
      suffix in the same article ("Raytheon Technologies"), when exactly one is;
    - an acronym that opens exactly one longer organisation name of the article is that organisation
      ("LVMH" of "LVMH Moët Hennessy Louis Vuitton", "BHP" of "BHP Billiton").
    """
    rules = load_entity_rules()
    live = [e for e in registry.entities if not e.implicit and e.names]
    for ent in [e for e in live if e.type == "Person" and e.gaz_id is None]:
        # a one-word "person" that is the name of an organisation of the article is that organisation
        # ("Nidec" tagged a person in the headline, "motor maker Nidec" in the body)
        names = {normalize_name(n) for n in ent.names}
        if any(len(n.split()) != 1 for n in names):
            continue
        hosts = [o for o in live if o.bucket == "Organization" and names <= {normalize_name(n) for n in o.names} | {
            org_key(n, rules) for n in o.names} and (o.mentions >= ent.mentions or o.type == "Company")]
        if not hosts and docs is not None and not _said_of_a_person(registry, docs, ent) and not people_named(
                registry, [p for p in live if p.type == "Person"], next(iter(names))):
            # "Barrick Gold ... Barrick said": the short name of the one organisation it opens, when the article
            # says nothing of it that only a person has ("Chairman Morgan", "Grant is a former minister") and it is
            # no word of a person's full name
            hosts = [h] if (h := registry.short_for(next(iter(ent.names)))) is not None else []
        if len(hosts) == 1:
            registry.merge_into(ent, hosts[0])
    live = [e for e in registry.entities if not e.implicit and e.names]
    people = [e for e in live if e.type == "Person"]
    for ent in live:
        if ent.bucket != "Organization" or ent.gaz_id or ent.implicit or ent.local_id in registry.described:
            continue  # ("Kyoto-based motor maker Nidec" is no person, whatever a "Nidec Machine Tool" is)
        hosts = {p.local_id for n in ent.names for p in people_named(registry, people, n)}
        if len(hosts) == 1 and all(people_named(registry, people, n) for n in ent.names):
            registry.merge_into(ent, registry.entities[hosts.pop()])
    bodies = [e for e in live if e.type == "GovernmentBody" and not e.implicit]
    for lid in sorted(registry.guessed_bodies):
        ent = registry.entities[lid]
        words = {w for n in ent.names for w in normalize_name(n).split()}
        hosts = [b for b in bodies if b is not ent and b.local_id not in registry.guessed_bodies
                 and any(words <= set(n.split()) for n in org_names(registry, b))]
        if len(hosts) == 1:
            registry.merge_into(ent, hosts[0])
    orgs = [e for e in live if e.bucket == "Organization" and not e.implicit]
    for ent in orgs:
        short = {normalize_name(n) for n in ent.names}
        if any(org_key(n, rules) != n for n in short):
            continue  # named with a suffix itself
        hosts = [o for o in orgs if o is not ent and not o.implicit and any(
            org_key(n, rules) in short and n not in short for n in (normalize_name(m) for m in o.names))]
        if len(hosts) == 1:
            registry.merge_into(ent, hosts[0])
    for ent in orgs:
        host = registry.short_for(next(iter(ent.names))) if len(ent.names) == 1 and not ent.gaz_id else None
        if host is not None and host is not ent and not ent.implicit:
            registry.merge_into(ent, host)  # "Tessaly Bank reported profits. Tessaly bought Halvik Kredit."
    _merge_acronym_openers(registry)


def _said_of_a_person(registry: EntityRegistry, docs: list, ent: LocalEntity) -> bool:
    """The article describes ``ent`` as a person ("Grant is a former minister") or gives a mention of it a title, an
    age or a person's class noun ("Chairman Morgan", "Mr Becker")."""
    if ent.local_id in registry.described:
        return True
    return any(lid == ent.local_id and (said_of_a_person(span) or holds_title(span))
               for di, doc in enumerate(docs) for span, lid in registry.mention_spans(di, doc))


def _merge_acronym_openers(registry: EntityRegistry) -> None:
    """"LVMH" is the "LVMH Moët Hennessy Louis Vuitton" of the same article when no other organisation's name
    opens with it."""
    orgs = [e for e in registry.entities if e.bucket == "Organization" and not e.implicit and e.names]
    for ent in orgs:
        if ent.gaz_id or not all(n.isupper() and n.isalpha() and len(n) >= 2 for n in ent.names):
            continue
        opens = {n.lower() for n in ent.names}
        hosts = [o for o in orgs if o is not ent and any(
            len(m.split()) > 1 and m.split()[0].lower() in opens for m in o.names)]
        if len(hosts) == 1 and not hosts[0].implicit:
            registry.merge_into(ent, hosts[0])


def people_named(registry: EntityRegistry, people: list[LocalEntity], name: str) -> list[LocalEntity]:
    """The people of the article a name denotes: its full name, or (one word) a word of their full name."""
    norm = normalize_name(name)
    if " " in norm:
        return [p for p in people if norm in person_names(registry, p)]
    return [p for p in people if any(norm in n.split() for n in person_names(registry, p) if " " in n)]


def org_names(registry: EntityRegistry, ent: LocalEntity) -> set[str]:
    """The normalised names of an organisation cluster, with its gazetteer entry's name and aliases."""
    names = {normalize_name(n) for n in ent.names}
    if ent.gaz_id:
        entry = registry.gaz.entries[ent.gaz_id]
        names.update(normalize_name(n) for n in (entry.name, *entry.aliases))
    return names


def propagate_names(registry: EntityRegistry, docs: list) -> None:
    """Tag every other occurrence of a name already recognised in the article ("one sense per discourse").

    The model may tag "Oreland" in one sentence and miss it in the next; the
    same capitalised token sequence in the same article is the same entity.
    Clusters that name the same entity are merged first (:func:`merge_article_aliases`).
    """
    merge_article_aliases(registry, docs)
    index: dict[str, list[tuple[tuple[str, ...], LocalEntity]]] = {}
    for ent in registry.entities:
        if ent.implicit:
            continue
        for name in ent.names:
            words = tuple(name.split())
            if not words or not words[0][:1].isupper() or len(name) < 3:
                continue
            index.setdefault(words[0], []).append((words, ent))
    for ent, words in [*_without_legal_form(registry, index), *_bracketed_acronyms(registry, docs)]:
        # "Top Glove Corporation ... In 2018 Top Glove took over Aspion": the name without its legal form
        index.setdefault(words[0], []).append((words, ent))
    for seq in index.values():
        seq.sort(key=lambda we: -len(we[0]))
    for di, doc in enumerate(docs):
        i = 0
        n = len(doc)
        while i < n:
            tok = doc[i]
            cands = index.get(tok.text)
            if not cands or (di, i) in registry.token_entity:
                i += 1
                continue
            for words, ent in cands:
                k = len(words)
                if i + k <= n and tuple(t.text for t in doc[i : i + k]) == words and not any(
                    (di, j) in registry.token_entity for j in range(i, i + k)
                ) and (i + k == n or not doc[i + k].text[:1].isupper()) and (i == 0 or not doc[i - 1].text[:1].isupper()
                                                                             or doc[i - 1].is_sent_start) and not (
                    k == 1 and tok.is_sent_start and " ".join(words) not in ent.names):
                    # (a one-word name cut from its legal form is not read at a sentence's start: "Next plc", "Next,")
                    for j in range(i, i + k):
                        registry.token_entity[(di, j)] = ent.local_id
                    ent.mentions += 1
                    ent.names[" ".join(words)] += 1
                    i += k - 1
                    break
            i += 1


def _bracketed_acronyms(registry: EntityRegistry, docs: list) -> list[tuple[LocalEntity, tuple[str, ...]]]:
    """The acronym an article gives in brackets after an organisation's name, spelling its words' initials ("the
    Economic Community of West African States (ECOWAS)", "Korea Electric Power Corporation (KEPCO)"), which the model
    may not tag anywhere: a name of that organisation."""
    found = []
    for di, doc in enumerate(docs):
        for i in range(1, len(doc) - 2):
            acr = doc[i + 1].text
            if doc[i].text != "(" or doc[i + 2].text != ")" or len(acr) < 2 or not acr.isupper() or not acr.isalpha():
                continue
            ent = registry.entities[e] if (e := registry.token_entity.get((di, i - 1))) is not None else None
            if ent is None or ent.type == "Person" or acr in ent.names:
                continue
            # every word's initial ("ECOWAS": Economic Community of West African States), or the capitals' only
            if any(acr in ("".join(w[0] for w in words).upper(), initials(n)) for n in ent.names
                   if len(words := re.findall(r"[A-Za-z][\w'-]*", n)) > 1):
                found.append((ent, (acr,)))
    return found


def _without_legal_form(registry: EntityRegistry, index: dict) -> list[tuple[LocalEntity, tuple[str, ...]]]:
    """The names of the article's companies without the legal forms that end them ("Top Glove Corporation": "Top
    Glove"; "Aspion Sdn Bhd": "Aspion"), when no entity has that name of its own."""
    legal = load_entity_rules().legal_forms
    known = {words for seq in index.values() for words, _ in seq}
    out = []
    for ent in registry.entities:
        if ent.implicit or ent.type not in ("Company", "Organization"):
            continue
        for name in list(ent.names):
            words = tuple(name.split())
            cut = len(words)
            while cut > 1 and words[cut - 1].lower().rstrip(".").rstrip(",") in legal:
                cut -= 1
            short = words[:cut]
            if cut < len(words) and short not in known and len(" ".join(short)) >= 3 and short[0][:1].isupper():
                known.add(short)
                out.append((ent, short))
    return out

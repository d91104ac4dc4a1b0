"""Facts told by a table row: roles ("Kestrel Foods | Chief executive | Dana Kell", "Ivo Marek | chief financial
officer of Kestrel Foods", "Target  Varden Dairies plc (Oslo, Norway) | CEO: Per Lund"), seats ("Kestrel Foods |
headquarters: Oslo") and owners ("BBDO | owned by Omnicom"): the readers keep a seat's, a title's or an owner's
column label in each cell under it (:mod:`kg.read.markdown`).

What flows in: a sentence that is one table row (the readers join a row's cells with " | ", and
:mod:`kg.nlp.breaks` keeps the row one sentence). What flows out: the role relations the row states, read by the
roles extractor's own title reader (passed in as ``read_title``) from the cell that holds the job title, with the
organisation that cell names ("chief financial officer of Kestrel Foods", "Prime Minister of Norway") or, failing
that, the one organisation another cell of the row names ("Kestrel Foods | Chief executive | Dana Kell").

A row states a role only when exactly one person is in it and one cell holds a title of ``roles.yaml``. A title cell
that says the role is over or not begun ("Chief executive (until May)", "former chairman", "incoming chief
executive"; ``roles.yaml`` ``table_not_current``), and a row whose short status cell says so ("| Leaving |"), state none; the header row ("Company | Role | Person") names no
person and states none. Used by :mod:`kg.extract.roles`.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from kg.extract.common import clean_sentence, roles_lexicon
from kg.extract.context import ORG_TYPES, ExtractContext
from kg.extract.described import tokens_country
from kg.extract.facts import Relation
from kg.extract.titles import find_titles
from kg.knowledge.entity_rules import load_entity_rules, org_key
from kg.knowledge.gazetteer import normalize_name
from kg.knowledge.lexicons import seat_words
from kg.nlp.breaks import is_row_text
from kg.nlp.descriptions import class_nouns, name_entity
from kg.nlp.people import opens_with_given_name


def is_row(sent) -> bool:
    """Whether the sentence is a table row (its short cells joined by " | ")."""
    return "|" in clean_sentence(sent) and is_row_text(sent.text.strip())  # the cached text rules most out


def _cells(sent) -> list[list]:
    cells: list[list] = [[]]
    for t in sent:
        if t.text == "|":
            cells.append([])
        elif not t.is_space:
            cells[-1].append(t)
    return [c for c in cells if c]


def roles_of_row(ctx: ExtractContext, di: int, sent,
                 read_title: Callable[..., Iterator[Relation]]) -> list[Relation] | None:
    """The roles a table row of one person states (see the module's docstring); None for a row that does not name
    exactly one person, which the words around each name are read for instead ("Kestrel chief executive Dana Kell
    and Varden chairman Omar Haddad")."""
    cells = _cells(sent)
    settle_row(ctx, di, cells)
    # a place the model took for a person ("Headquarters: San Ramon, California") is no one in the row
    people = {id(e): (k, e) for k, cell in enumerate(cells) if seat_place(cell) is None for t in cell
              if (e := ctx.entity_at(di, t)) is not None and e.type == "Person"
              and sum(ctx.entity_at(di, x) is e for x in cell) > 1}  # a lone capitalised word ("Staying") is no name
    if len(people) != 1:
        return [] if _structured(cells) else None
    stale = frozenset(roles_lexicon().get("table_not_current") or ())
    if any(t.lower_ in stale for cell in cells if len(cell) <= 4 for t in cell) or _YEARS.search(sent.text):
        return []  # a status column ("| Leaving |", "| Died in March |"), a term that is over ("2009-2015")
    return list(_roles(ctx, di, sent, cells, *next(iter(people.values())), stale, read_title))


_YEARS = re.compile(r"\b(?:19|20)\d\d\s*[-–]\s*(?:19|20)?\d\d\b")


def _roles(ctx: ExtractContext, di: int, sent, cells, at: int, person, stale, read_title) -> Iterator[Relation]:
    for k, cell in enumerate(cells):
        toks = [t for t in cell if ctx.entity_at(di, t) is not person] if k == at else cell
        titled = [part for part in _parts(toks) if find_titles([t.lower_.rstrip(".") for t in part])]
        if not titled:
            continue
        others = [e for e in _row_orgs(ctx, di, cells, k) if e is not person]
        # the row's organisation: the only one, or the one its first cell names ("Siemens Healthineers | Siemens |
        # Bernd Montag": the company the row is about, not its parent)
        lead = _cell_org(ctx, di, cells[0]) if k and cells else None
        org = lead if lead in others else (others[0] if len(others) == 1 else None)
        for part in titled:  # "Prime Minister of Fiji, leader of FijiFirst": each title with its own organisation
            if not any(t.lower_ in stale or (t.lower_ == "from" and t.nbor(-1).text == "(") for t in part):
                yield from read_title(ctx, di, person, part, sent, before=False, fallback=org)
        return


def seats_of_row(ctx: ExtractContext, di: int, sent) -> Iterator[Relation]:
    """basedIn from a table row's seat cell ("Chevron | Headquarters: San Ramon, California": the readers keep a seat
    column's label in each of its cells) for the one organisation another cell is the name of."""
    if not is_row(sent):
        return
    cells = _cells(sent)
    settle_row(ctx, di, cells)
    for k, cell in enumerate(cells):
        place = seat_place(cell)
        if not place:
            continue
        orgs = {id(e): e for e in _row_orgs(ctx, di, cells, k)}
        country = tokens_country(ctx, di, place, cities=True, over_names=True)
        if len(orgs) == 1 and country is not None:
            org = next(iter(orgs.values()))
            if org.type != "Country":
                yield Relation(org.local_id, "basedIn", ctx.registry.add_gaz(country).local_id, clean_sentence(sent))


def _row_orgs(ctx: ExtractContext, di: int, cells, k: int) -> list:
    """The organisations the cells of a row other than ``k`` are the names of; failing them, a first cell that is a
    name no entity covers (capitalised words only), made a company: "Alstom | headquarters: Paris", "Kestrel Foods |
    Chief executive: Dana Kell" (what has a seat or a chief executive is an organisation)."""
    found = [e for j, other in enumerate(cells) if j != k and (e := _cell_org(ctx, di, other)) is not None]
    lead = cells[0] if k and cells else []
    if found or not lead or len(lead) > 6 or any(t.text == ":" for t in lead) or not all(
            t.text[:1].isupper() or t.is_punct or t.lower_ in ("&", "and", "of") for t in lead):
        return found  # "Region: Europe": a first column of something else
    if any(ctx.entity_at(di, t) is not None for t in lead):
        return found
    return [name_entity(ctx.registry, di, lead[0].doc[lead[0].i : lead[-1].i + 1], "Company")]


def owners_of_row(ctx: ExtractContext, di: int, sent) -> Iterator[Relation]:
    """subsidiaryOf from a table row's owner cell ("BBDO | owned by Omnicom | creative agency": the readers write an
    owner column's cells so) for the organisation the row's first cell names."""
    if not is_row(sent):
        return
    cells = _cells(sent)
    for k, cell in enumerate(cells):
        if k == 0 or len(cell) < 3 or [t.lower_ for t in cell[:2]] != ["owned", "by"]:
            continue
        if any(t.like_num or t.text in ("(", "%") for t in cell[2:]):
            continue  # "49% Comcast", "Disney (sold to Apple in 2030)": a stake, or an owner no longer
        owner = _cell_org(ctx, di, cell[2:])
        child = _cell_org(ctx, di, cells[0]) or next(iter(_row_orgs(ctx, di, cells, k)), None) if owner else None
        if owner is not None and child is not None and owner is not child and \
                owner.type in ORG_TYPES and child.type in ORG_TYPES:
            yield Relation(child.local_id, "subsidiaryOf", owner.local_id, clean_sentence(sent))


def seat_place(cell) -> list | None:
    """The place tokens of a cell that a seat label opens ("headquarters: Munich", "based in Paris"), else None (and
    for a seat that is over: "Former headquarters: Vienna")."""
    end = next((i for i, t in enumerate(cell[:4]) if t.text == ":" or (t.lower_ == "in" and i > 0)), None)
    if end is None or end == 0:
        return None
    label = " ".join(t.lower_ for t in cell[:end])
    if set(label.split()) & set(roles_lexicon().get("table_not_current") or ()):
        return None
    return cell[end + 1:] if any(re.search(rf"\b{re.escape(w)}\b", label) for w in seat_words()) else None


def settle_row(ctx: ExtractContext, di: int, cells) -> None:
    """Types a row's cells give their names, before the row is read: a name under a job title is a person's; in a
    row whose cells say what they hold, a first cell that is one name the model took for a person's, which no given
    name opens (or any, when another cell names its owner), is the organisation's the row is about ("Pellam Tools |
    headquarters: Oslo | Chief executive: X")."""
    for cell in cells:
        _retype_titled_name(ctx, di, cell)
    lead = cells[0] if cells else []
    named = {id(e): e for t in lead if (e := ctx.entity_at(di, t)) is not None}
    if len(named) != 1 or not _structured(cells[1:]) or not all(ctx.entity_at(di, t) for t in lead if t.is_alpha):
        return
    ent = next(iter(named.values()))
    owned = any([t.lower_ for t in c[:2]] == ["owned", "by"] for c in cells[1:]) and not any(
        find_titles([t.lower_ for t in c]) or any(class_nouns().get(t.lemma_.lower()) == "Person" for t in c)
        for c in cells[1:])  # "Grace Hopper | computer scientist | owned by X": a person's row all the same
    if ent.type == "Person" and ent.gaz_id is None and (
            owned or not opens_with_given_name(ent.best_name, load_entity_rules())):
        # no person is "owned by" anyone: "Leo Burnett | owned by Publicis" is an agency named after its founder
        ent.type, ent.key = "Company", f"Organization:{org_key(ent.best_name)}"


def _retype_titled_name(ctx: ExtractContext, di: int, cell) -> None:
    """A name under a job title ("Chief executive: Philipp Humm") is a person's, whatever the model made of it (or
    when it found none): two to four capitalised words, not a gazetteer organisation's, not ending in a company word
    ("Kestrel Holdings")."""
    colon = next((i for i, t in enumerate(cell[:4]) if t.text == ":"), None)
    if colon is None or not find_titles([t.lower_ for t in cell[:colon]]):
        return
    name = [t for t in cell[colon + 1:] if not t.is_space]
    ents = {id(e): e for t in name if (e := ctx.entity_at(di, t)) is not None}
    if not ents and 1 < len(name) <= 4 and all(t.text[:1].isupper() and t.is_alpha for t in name):
        name_entity(ctx.registry, di, name[0].doc[name[0].i : name[-1].i + 1], "Person")  # "Chief executive: Per Lund"
        return
    for ent in ents.values():
        words = ent.best_name.split()
        rules = load_entity_rules()
        if ent.type in ("Company", "Organization") and ent.gaz_id is None and 1 < len(words) <= 4 and all(
                w[:1].isupper() for w in words) and words[-1].lower() not in rules.company_words | rules.org_suffixes:
            ent.type = "Person"
            ent.key = f"Person:{normalize_name(ent.best_name)}"


def _structured(cells) -> bool:
    """A row whose cells say what they hold ("headquarters: Munich", "Chief executive: Dana Kell"): its names are
    read by their cells, never by the words around them across cells."""
    return any(seat_place(c) is not None or [t.lower_ for t in c[:2]] == ["owned", "by"] or (len(c) > 1 and any(t.text == ":" for t in c[1:4])
               and find_titles([t.lower_ for t in c[:next(i for i, t in enumerate(c) if t.text == ":")]]))
               for c in cells)


def _cell_org(ctx: ExtractContext, di: int, cell):
    """The organisation a cell is the name of ("Kestrel Foods", "Varden Dairies (Oslo, Norway)"), or None when the
    cell's name is not wholly one organisation's ("Siemens Energy AG" where only "Siemens" was recognised)."""
    lead = []
    for t in cell:
        if t.text in ("(", ",", ";", "-", "–"):
            break
        lead.append(t)
    ents = {id(e): e for t in lead if (e := ctx.entity_at(di, t)) is not None}
    if len(ents) != 1:
        return None
    ent = next(iter(ents.values()))
    return ent if ent.type in ORG_TYPES and all(ctx.entity_at(di, t) is ent for t in lead if t.is_alpha) else None


def _parts(toks) -> list[list]:
    """A cell's tokens cut at commas and semicolons ("incoming chief executive; head of the Swiss unit")."""
    parts: list[list] = [[]]
    for t in toks:
        if t.text in (",", ";"):
            parts.append([])
        else:
            parts[-1].append(t)
    return [p for p in parts if p]

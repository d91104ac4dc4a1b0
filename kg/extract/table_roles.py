"""Roles told by a table row: "Kestrel Foods | Chief executive | Dana Kell", "Ivo Marek | chief financial officer of
Kestrel Foods", "Target  Varden Dairies plc (Oslo, Norway) | CEO: Per Lund".

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

from kg.extract.common import roles_lexicon
from kg.extract.context import ORG_TYPES, ExtractContext
from kg.extract.facts import Relation
from kg.extract.titles import find_titles
from kg.nlp.breaks import is_row_text


def is_row(sent) -> bool:
    """Whether the sentence is a table row (its short cells joined by " | ")."""
    return is_row_text(sent.text.strip())


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
    people = {id(e): (k, e) for k, cell in enumerate(cells) for t in cell
              if (e := ctx.entity_at(di, t)) is not None and e.type == "Person"
              and sum(ctx.entity_at(di, x) is e for x in cell) > 1}  # a lone capitalised word ("Staying") is no name
    if len(people) != 1:
        return None
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
        others = [e for j, other in enumerate(cells) if j not in (k, at) if (e := _cell_org(ctx, di, other)) is not None]
        for part in titled:  # "Prime Minister of Fiji, leader of FijiFirst": each title with its own organisation
            if not any(t.lower_ in stale or (t.lower_ == "from" and t.nbor(-1).text == "(") for t in part):
                yield from read_title(ctx, di, person, part, sent, before=False, fallback=others[0] if others else None)
        return


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

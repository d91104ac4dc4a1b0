"""One plural title for several people: "four GRU officers: A, B, C and D" (the title before a colon, for every
person after it) and "A and B, two FSB officers" (a title in apposition to the last of coordinated names, which the
parser hangs on that name alone, for every one of them). The title is read by the roles extractor's own reader
(passed in as ``read_title``), so a plural title states what its singular does ("officers": employeeOf). Used by
:mod:`kg.extract.roles`."""
from __future__ import annotations

from collections.abc import Callable, Iterator

from kg.extract.common import conjuncts, roles_lexicon
from kg.extract.context import ExtractContext
from kg.extract.facts import Relation
from kg.extract.frames import polarity
from kg.extract.titles import find_titles
from kg.nlp.registry import LocalEntity


def _people(ctx: ExtractContext, di: int, toks) -> list[LocalEntity]:
    return ctx.entities_in(di, toks, ("Person",))


def _plural(title: str | None) -> bool:
    last = (title or "").split()[-1:] or [""]
    return last[0].lower().endswith("s") and len(last[0]) > 3


def colon_roles(ctx: ExtractContext, di: int, sent, read_title: Callable[..., Iterator[Relation]]) -> list[Relation]:
    """"four GRU officers: A, B, C and D": the plural title before the sentence's colon, read as the title of each
    person named after it (only when no person is named before the colon)."""
    colon = next((t for t in sent if t.text == ":"), None)
    if colon is None:
        return []
    before = []  # the noun phrase before the colon ("The EU listed four GRU officers": "four GRU officers")
    for t in reversed([t for t in sent if t.i < colon.i and not t.is_space and t.text not in "-*•–"]):
        if t.pos_ in ("VERB", "AUX", "ADP") or t.is_punct:
            break
        before.insert(0, t)
    if not before or not before[-1].lower_.endswith("s") or _people(ctx, di, before) or _inside(before[-1]):
        return []
    named = []  # the first run of names after the colon: up to ";" or a verb, outside relative clauses
    for t in sent[colon.i + 1 - sent.start:]:
        if t.text == ";" or t.pos_ in ("VERB", "AUX"):
            break
        named.append(t)
    out: list[Relation] = []
    for person in _people(ctx, di, named):
        out += [r for r in read_title(ctx, di, person, before, sent, before=True) if _plural(r.title)]
    return out


def _inside(head) -> bool:
    """Whether the phrase before the colon is inside another one ("detained by FSB officers:", "the wives of three
    GRU officers:", "witnesses who had met GRU officers:"): then its title is not the named people's."""
    t = head
    while t.head.i != t.i:
        if t.dep_ in ("pobj", "agent", "pcomp") or t.head.dep_ in ("relcl", "acl"):
            return True
        t = t.head
    return False


def shared_roles(ctx: ExtractContext, di: int, sent, produced: list[Relation]) -> list[Relation]:
    """"A and B, two FSB officers": the relation a plural title gave the last name, for the names coordinated with
    it."""
    out: list[Relation] = []
    for rel in produced:
        if not _plural(rel.title):
            continue
        last = rel.title.split()[-1].lower()
        for tok in sent:
            if ctx.entity_at(di, tok) is not ctx.entities[rel.subject] or tok.dep_ in ("compound", "flat"):
                continue
            top = tok
            for _ in range(4):  # up the coordination: "A, B and C, three officers" (B an apposition of A)
                if top.dep_ not in ("conj", "appos") or top.head.pos_ != "PROPN":
                    break
                top = top.head
            group = [top, *conjuncts(top)]
            group += [c for c in tok.children if c.dep_ in ("nmod", "compound") and c.pos_ == "PROPN"]
            for c in list(group):
                group += conjuncts(c)
            if not any(c.dep_ in ("appos", "compound", "nmod") and c.lower_ == last for g in group for c in g.children):
                break  # "A and B, the sons of two FSB officers": the title is not in apposition to them nor before them
            for other in _people(ctx, di, group):
                if other.local_id != rel.subject:
                    out.append(Relation(other.local_id, rel.predicate, rel.object, rel.evidence, rel.title))
            break
    return out


def copula_roles(ctx: ExtractContext, di: int, sent, read_title: Callable[..., Iterator[Relation]]) -> list[Relation]:
    """"Its chairman is Bruce Crawford", "The chief executive of Omnicom is John Wren": the title the subject of "is"
    names is the person's the complement names (in force: not "was", "will be", "is not"). A plural title names each
    person of the list: "Its founders included A and B", "Among the founders of Y was C" (a founder's role never ends,
    so a past tense tells it too)."""
    root = sent.root
    lemma = root.lemma_
    among = next((p for c in root.children if c.dep_ == "prep" and c.lower_ == "among" for p in c.children
                  if p.dep_ == "pobj"), None) if lemma == "be" else None
    subj = next((c for c in root.children if c.dep_ == "nsubj"), None) or among
    attr = next((c for c in root.children if c.dep_ == ("dobj" if lemma == "include" else "attr")), None)
    if among is not None and attr is None and subj is not among and subj.pos_ == "PROPN":
        subj, attr = among, subj  # "Among the founders of Y were A and B": the names are the parse's subject
    if lemma not in ("be", "include") or subj is None or attr is None or polarity(root) != (
            False, (), False) or subj.pos_ not in ("NOUN", "PROPN"):
        return []
    plural = subj.tag_ in ("NNS", "NNPS")
    lasting = {p for _, _, props in find_titles([subj.lower_]) for p in props} == {"founderOf"}
    if root.tag_ not in ("VBZ", "VBP") and not lasting or (lemma == "include" or among is not None) and not plural:
        return []
    person = ctx.entity_at(di, attr)
    listed = [attr, *conjuncts(attr)] if plural else [attr]
    if person is None or person.type != "Person" or any(c.dep_ in ("relcl", "prep") or (
            c.dep_ in ("cc", "conj") and not plural) for c in attr.children) \
            or any(c.dep_ in ("advmod", "amod") for c in [*root.children, *attr.children]):
        return []  # "X, who resigned on Monday", "X or Y", "likely X", "X, depending on the source"
    people = [e for t in listed if (e := ctx.entity_at(di, t)) is not None and e.type == "Person"]
    # the subject's own noun is the title ("Omnicom's chairman"; not "the chairman's wife", "the problem for its
    # chairman"), in force ("former", "next", "designate", "until 2020": no)
    own = [t for t in subj.subtree if t.i <= subj.i and not any(a.dep_ == "poss" for a in t.ancestors if a.i != subj.i)
           and t.dep_ not in ("det", "poss", "case")]
    stale = set(roles_lexicon().get("table_not_current") or ()) | {"next", "designate", "honorary"}
    if not any(end == len(own) for _, end, _ in find_titles([t.lower_ for t in own])) or any(t.lower_ in stale for t in subj.subtree) or "-" in (
            t.text for t in own) or any(t.ent_type_ == "DATE" for t in subj.subtree):
        return []
    toks = sorted(subj.subtree, key=lambda t: t.i)
    its = next((t for t in toks if t.dep_ == "poss" and t.lower_ in ("its", "their")), None)
    if its is None:
        return [r for person in people for r in read_title(ctx, di, person, toks, sent, before=True)]
    # "Omnicom, which is based in New York, was formed when BBDO joined DDB; its chairman is X": the sentence's
    # subject, not the organisation named last
    first = next((t for t in sent if t.dep_ in ("nsubj", "nsubjpass") and t.i < its.i), None)
    owner = ctx.entity_at(di, first) if first is not None else None
    if owner is None or owner.type not in ("Company", "Organization", "GovernmentBody"):
        owner = ctx.possessor_org(di, its)
    return [r for person in people
            for r in read_title(ctx, di, person, [t for t in toks if t.i != its.i], sent, before=True, fallback=owner)]


_BODIES = frozenset({"board", "management", "team", "committee", "leadership", "executive", "directors", "officers",
                     "council", "cabinet"})


def list_opener_org(ctx: ExtractContext, di: int, sent) -> LocalEntity | None:
    """"Kestrel's management board now consists of:" and a line per member ("Tom Reiss -- interim chief executive",
    "Ute Kahl, finance chief"): for a short line of such a list, the one organisation the line that opens it names
    (or its "its"); None for any other sentence. The lines between must all be short lines of the list."""
    before = sent.doc[sent.start - 1] if sent.start > 0 else None
    own_line = before is None or "\n" in before.whitespace_ + before.text
    if len(sent) > 14 or not sent.text.strip() or not own_line:
        return None
    for prev in reversed(ctx.sentences_before(di, sent.start, 8)):
        if prev.text.rstrip().endswith(":"):
            if not any(t.lemma_.lower() in _BODIES for t in prev):
                return None  # "the list published in Moscow names:" opens a list of names, not of a body's members
            orgs = ctx.entities_in(di, prev, ("Company", "Organization", "GovernmentBody"))
            if len(orgs) == 1:
                return orgs[0]
            # "Its management board now consists of:" (not "Their names are:", "Their boards are:")
            its = next((t for t in prev if t.lower_ == "its" and t.dep_ == "poss"
                        and t.head.lemma_.lower() in _BODIES), None)
            return ctx.possessor_org(di, its) if its is not None and not orgs else None
        if len(prev) > 14:
            return None
    return None

"""Members of a measure given as a list of lines after a colon: "China will sanction eleven Americans. ... The
other five head groups that Beijing accuses of stirring up unrest:" followed by one line per person ("Kenneth
Roth, executive director of Human Rights Watch"). A line of the list has no verb of its own and opens with a
name (a bullet before it, "- " or "•", is skipped; a line that is only a bullet neither adds nor ends); the list ends
at the first line that is a sentence. The measure is the last one that counted its group ("banned eight
officials", "froze the assets of seven officials") at most five sentences before the colon, else the one told at
most two sentences before it (``kg/extract/sanctions.py`` keeps both)."""
from __future__ import annotations

import functools
from dataclasses import dataclass, field

from kg.extract.common import clean_sentence
from kg.extract.context import ExtractContext
from kg.extract.frames import polarity
from kg.extract.np_lists import people_nouns
from kg.extract.sanction_lists import MEASURE_SUBJECTS
from kg.extract.sanction_parties import program_of, sanction_lexicon
from kg.nlp.descriptions import name_entity
from kg.nlp.registry import LocalEntity

_ITEM_TYPES = ("Person", "Company", "Organization", "GovernmentBody")
_BULLETS = frozenset("-*•–—·▪►")
_COUNTED_REACH = 5  # sentences from a counted measure to the colon line that names its members
_RECENT_REACH = 4  # sentences from any measure told to that line


@dataclass
class ColonList:
    """The list being read: the imposers and programme its lines take, while it lasts."""

    imposers: list[LocalEntity] = field(default_factory=list)
    program: str | None = None
    counted: tuple[int, list[LocalEntity], str | None] | None = None  # the last measure that counted its group
    group: str | None = None  # the noun it counted ("officials")
    at_verb: tuple[int, list[LocalEntity], str | None] | None = None  # a measure whose verb ends its line ("listed:")

    def count(self, n: int, imposers: list[LocalEntity], program: str | None, group: str | None = None,
              anchor=None) -> None:
        """Remember a measure told in sentence ``n`` that counted its group ("sanctioned eleven Americans"); not one
        that may or may not be taken ("may put three leaders on its list:", "did not put")."""
        if anchor is not None:
            negated, modality, hypothetical = polarity(anchor)
            if negated or hypothetical:
                return
        self.counted, self.group = (n, list(imposers), program), group

    def measure(self, n: int, imposers: list[LocalEntity], program: str | None, anchor) -> None:
        """Remember a measure told in sentence ``n`` with no target, when its verb ends the line before a colon ("the
        Treasury's Office of Foreign Assets Control listed:"): the lines after it are its targets."""
        toks = [t for t in anchor.sent if not t.is_space]
        negated, modality, hypothetical = polarity(anchor)
        if negated or modality or hypothetical:
            return  # "said it would soon list:": none listed yet
        if len(toks) >= 2 and toks[-1].text == ":" and (toks[-2].i == anchor.i or toks[-2].head.i == anchor.i
                                                         and toks[-2].dep_ in ("prt", "advmod", "npadvmod")):
            self.at_verb = (n, list(imposers), program)

    def open(self, sent, recent: tuple[int, list[LocalEntity]] | None, n: int, program: str | None, *,
             own_line: bool = False) -> None:
        """Start a list at a line ending in a colon that points back at the group a measure counted or named
        ("the other five are:", "those named include:", "the seven officials are:"; not "Top gainers were:",
        "The three speakers at the launch were:", whose subject is another group), or at the measure's own line
        ("froze the assets of six officials:")."""
        # "froze the assets of six officials (on Friday):", not "... six officials after a report by two groups:"
        own = own_line and self.counted is not None and self.counted[0] == n and _ends_with_group(sent, self.group)
        if own_line and self.at_verb is not None and self.at_verb[0] == n:
            self.imposers, self.program = list(self.at_verb[1]), self.at_verb[2] or program  # "OFAC listed:"
            return
        if own_line and not own:
            return
        if not clean_sentence(sent).endswith(":") or not own and (not any(
                t.like_num or t.lemma_.lower() in _back_words() for t in sent) or not self._points_back(sent)):
            return
        if self.counted is not None and n - self.counted[0] <= _COUNTED_REACH:
            self.imposers, self.program = list(self.counted[1]), self.counted[2] or program
        elif recent is not None and n - recent[0] <= _RECENT_REACH:
            self.imposers, self.program = list(recent[1]), program
        if self.imposers and not own:
            self.program = program_of(sent.text) or self.program  # "The asset freeze applies to ...:"
            # "... and to these members of his family:": the group the colon line names, when no count named one
            self.group = self.group or _named_group(sent)

    def items(self, ctx: ExtractContext, di: int, sent) -> list[LocalEntity]:
        """The members a line of the open list names (and the list ends at a line that is a sentence)."""
        if not self.imposers or _bullet_only(sent):
            return []
        members = list_items(ctx, di, sent, people=_people_group(self.group))
        if members is None:
            self.imposers = []  # a sentence: the list is over
        return members or []

    def _points_back(self, sent) -> bool:
        """The colon line's subject is the group told before: a number, a pronoun, a back word ("others", "those",
        "the rest"), or the noun the measure counted; not another group ("speakers", "ministers", "exporters")."""
        subj = next((c for c in sent.root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is None or subj.like_num or subj.pos_ in ("PRON", "NUM", "DET"):
            return True
        if subj.lemma_.lower() in MEASURE_SUBJECTS and any(c.dep_ == "det" and c.lower_ in ("the", "this")
                                                            for c in subj.children):
            # "The asset freeze applies to these members of his family:": the measure told before names its members,
            # in force (not "does not apply", "could extend", "was criticised by", "was lifted for") and of people
            root = sent.root
            return root.lemma_.lower() in _MEMBER_VERBS and subj.dep_ == "nsubj" and polarity(root) == (
                False, (), False) and _people_group(_named_group(sent))
        lemma, words = subj.lemma_.lower(), sanction_lexicon()["continuation"]
        pointing = {w for key in ("pronouns", "list_nouns", "participles") for w in words[key]}
        return lemma in pointing or lemma in ("other", "rest", "remainder") or lemma == self.group or (
            lemma in words.get("generic_people", ()) and _people_group(self.group))  # "two managers ... The two men"


_MEMBER_VERBS = frozenset({"apply", "cover", "include", "target", "name", "list", "hit", "affect", "reach"})


@functools.lru_cache(maxsize=1)
def _back_words() -> frozenset[str]:
    """Words of a colon line that point back at a measure's group (``events.yaml`` ``sanctions.continuation``)."""
    words = sanction_lexicon()["continuation"]
    return frozenset(w for key in ("pronouns", "group_nouns", "list_nouns", "participles") for w in words[key])


def list_items(ctx: ExtractContext, di: int, sent, *, people: bool = False) -> list[LocalEntity] | None:
    """The entities a verbless line names: the one it opens with ("Kenneth Roth, executive director of Human Rights
    Watch", "the Main Centre of the GRU, which ..."), with the names joined to it ("A and B, two intelligence
    officers"); or, when it opens with a counted group and a colon ("four intelligence officers: A, B, C and D"),
    the names after the colon. None when the line is a sentence (which ends the list); an item whose name is no
    entity names nobody but keeps the list going."""
    doc = sent.doc
    before = doc.text[doc.text.rfind("\n", 0, sent.start_char) + 1:sent.start_char]
    line_start = all(ch.isspace() or ch in _BULLETS for ch in before)  # "- " left on the line by the splitter
    line_end = sent.end == len(doc) or "\n" in doc.text[sent[-1].idx:doc[sent.end].idx]
    comma = next((t.i for t in sent if t.text == ","), None)
    # "Saif al-Islam Gaddafi, long seen as his father's heir": a name and a description of it, whatever its verb
    described = comma is not None and (ctx.entities_in(di, doc[sent.start:comma]) or _name_run(
        [t for t in doc[sent.start:comma] if not t.is_space and t.text not in _BULLETS]))
    if not (line_start and line_end) or (not described and any(
            t.pos_ in ("VERB", "AUX") and t.dep_ in ("ROOT", "conj") for t in sent)):
        return None
    if sent.text.rstrip().endswith(":"):
        return None  # a heading of its own ("Reactions:"): another list
    words = [t for t in sent if not t.is_punct and not t.is_space and t.text not in _BULLETS]
    colon = next((t for t in sent if t.text == ":"), None)
    if words and words[0].like_num and colon is not None:
        # "four intelligence officers: A, B, C and D": the count opens the line, the names follow the colon
        return ctx.entities_in(di, [t for t in sent if t.i > colon.i], _ITEM_TYPES)
    first = next((t for t in words if t.pos_ != "DET"), None)  # "the Main Centre of ...": the name after "the"
    if first is None:
        return []
    bulleted = any(ch in _BULLETS for ch in before) or sent[0].text in _BULLETS
    lead = []
    for t in sent[first.i - sent.start:]:
        if t.text in (",", ";", "(", ":", "."):
            break
        lead.append(t)
    if any(t.dep_ == "neg" or t.lemma_.lower() in _OFF_WORDS for t in sent):
        return []  # "X, long seen as his heir, was not included", "X, who was later removed from the list"
    if people and _name_run(lead) and not any(getattr(ctx.entity_at(di, t), "type", None) == "Person" for t in lead):
        # "Abdul Malik al-Houthi, the movement's leader;" in a list of leaders: a person, whatever the model made
        # of the name's parts (or when it found none)
        name_entity(ctx.registry, di, sent.doc[lead[0].i : lead[-1].i + 1], "Person")
    if not bulleted and not ctx.entities_in(di, sent):
        return None  # an unbulleted line that names nobody is no item: the list is over
    # "A and B, two officers": the names coordinated with the first, before any comma that describes them
    joined = []
    for t in sent[first.i - sent.start:]:
        if t.text in (",", ";", "(", ":") or t.pos_ == "ADP":
            break  # "the Main Centre of the GRU": the name, not what it is part of
        joined.append(t)
    return _joined_names(ctx, di, joined)


_PARTICLES = frozenset({"al", "el", "bin", "ibn", "bint", "abu", "van", "von", "-"})  # not "del": "Banco del Sur"
_OFF_WORDS = frozenset({"remove", "delist", "exclude", "spare", "exempt", "drop", "lift"})


def _name_run(toks) -> bool:
    """Two to six words of a person's name: capitalised words, with the particles names carry ("al-", "bin", "van")."""
    return 2 <= len(toks) <= 12 and toks[0].text[:1].isupper() and all(
        t.text[:1].isupper() or t.lower_ in _PARTICLES for t in toks) and sum(t.text[:1].isupper() for t in toks) >= 2


def _named_group(sent) -> str | None:
    """The group a colon line names, its last plural noun ("... and to these members of his family:": member)."""
    noun = next((t for t in reversed(sent) if t.pos_ == "NOUN" and t.tag_ == "NNS"), None)
    return noun.lemma_.lower() if noun is not None else None


def _people_group(group: str | None) -> bool:
    """Whether a counted group names people ("leaders", "children", "officials"; class_nouns.yaml)."""
    return bool(group) and group in people_nouns()


def _joined_names(ctx: ExtractContext, di: int, toks) -> list[LocalEntity]:
    """The first entity named in ``toks`` and those an "and" or "or" joins to it, of its kind (a name the model cut
    in two, "Tarek William" + "Saab", is one name; "Dana Kell and Halden Bank, where she banks": a person's list
    names people)."""
    out: list[LocalEntity] = []
    joined = True
    for t in toks:
        ent = ctx.entity_at(di, t)
        if ent is None:
            joined = joined or t.lower_ in ("and", "or", "&")
        elif ent.type in _ITEM_TYPES and ent not in out and joined and (not out or _same_kind(ent, out[0])):
            out.append(ent)
            joined = False
    return out


def _same_kind(a: LocalEntity, b: LocalEntity) -> bool:
    return (a.type == "Person") == (b.type == "Person")


def _ends_with_group(sent, group: str | None) -> bool:
    """Whether the line's colon follows the counted group itself, a date or a time aside ("froze the assets of six
    officials on Friday:") or the list it is put on ("put three of its leaders on the same list:"), not a phrase or
    a clause hung after it ("... after a report by two groups:")."""
    toks = [t for t in sent if not t.is_space and t.text != ":"]
    while toks and (toks[-1].ent_type_ in ("DATE", "TIME") or toks[-1].is_punct):
        toks.pop()
    if toks and toks[-1].pos_ == "ADP":
        toks.pop()  # "on" of "on Friday"
    if toks and toks[-1].lemma_.lower() in ("list", "blacklist"):
        # "put three of its leaders on the same list:": the measure's own place after the group
        prep = toks[-1].head
        if prep.pos_ == "ADP" and prep.lower_ in ("on", "to", "onto"):
            toks = [t for t in toks if t.i < prep.i]
    return bool(toks) and toks[-1].lemma_.lower() == group


def _bullet_only(sent) -> bool:
    """A line that is only a list's bullet ("-"), which the sentence splitter may cut from its item."""
    return all(t.is_space or t.text in _BULLETS for t in sent)


def items_after(ctx: ExtractContext, di: int, sent, intro_words=frozenset()) -> list[list[LocalEntity]]:
    """The items of the list that ``sent`` opens: its lines when it ends with a colon ("has bought a string of
    companies:"), or the lines after a short line of introduction that follows it and opens with one of
    ``intro_words`` ("... the businesses that do not fit inside Google. They include:"). One entry per line (see
    :func:`list_items`); [] when no list follows."""
    doc = sent.doc
    if not sent.text.rstrip().endswith(":"):
        if sent.end >= len(doc):
            return []
        intro = doc[sent.end].sent
        words = [t for t in intro if not t.is_punct and not t.is_space]
        if not intro.text.rstrip().endswith(":") or len(words) > 4 or ctx.entities_in(di, intro) \
                or words[0].lower_ not in intro_words:
            return []  # "They include:", "Among them:"; not "Its rivals include:", "Critics include:"
        sent = intro
    out = []
    while sent.end < len(doc):
        sent = doc[sent.end].sent
        if _bullet_only(sent):
            continue
        items = list_items(ctx, di, sent)
        if items is None:
            break
        out.append(items)
    return out

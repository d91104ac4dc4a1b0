"""Members of a measure named apart from its trigger: "the list includes A and B" (:func:`list_members`),
and listings continued in a sentence of their own (:func:`continued_listing`).

"The Treasury imposed sanctions on 14 companies. Among those named were A and B." / "Also on the list were
C and D." / "They include E and F." / "G and H were among the firms targeted." Such a sentence has no
trigger of its own (its verb is "be" or "include") and no imposer: it names members of the group the
previous sentence acted on, and the sanctions extractor gives them that measure's imposer and programme
when one was told at most three sentences before (``kg/extract/sanctions.py``). The words that make a
sentence such a continuation are data (``events.yaml``: ``sanctions.continuation``).
"""
from __future__ import annotations

from kg.extract.common import conjuncts, entities_of_np
from kg.extract.context import ExtractContext
from kg.extract.event_actors import jurisdiction
from kg.extract.facts import Relation
from kg.extract.sanction_parties import sanction_lexicon
from kg.nlp.registry import LocalEntity

_MEMBER_TYPES = ("Company", "Organization", "GovernmentBody", "Person")

# the subject words of a measure told before ("the package also removes ...", "the list includes ...")
MEASURE_SUBJECTS = {"package", "measure", "measures", "rule", "rules", "sanction", "sanctions", "order", "decision",
                    "list", "blacklist", "law", "regulation", "regulations", "move", "step", "ban", "restrictions",
                    "freeze", "embargo", "designation", "resolution"}

MEMBER_VERBS = {"include", "feature", "cover", "name", "list", "contain", "comprise", "span"}

# sentences from a measure to the one that names its members: two, or three when the sentence names the list or the
# ones the measure named ("Switzerland froze the assets of X and about twenty people around him. The Federal Council
# adopted an ordinance. It did not say how much. Among the people on the list are A and B."; not "Among the largest
# exporters are A and B")
NEAR_REACH, CONTINUATION_REACH = 2, 3


def within_reach(anchor, distance: int) -> bool:
    """Whether a sentence that continues a listing (its verb ``anchor``) is near enough to the measure it continues."""
    if distance <= NEAR_REACH:
        return True
    if distance > CONTINUATION_REACH:
        return False
    words = _words()
    groups = [p for c in anchor.children if c.dep_ == "prep" for p in c.children if p.dep_ == "pobj"]
    return any(_on_list(c) for c in anchor.children) or any(
        _on_list(c) or (c.dep_ in ("acl", "relcl") and c.lemma_.lower() in words["participles"])
        for g in groups for c in g.children)


def negated(verb) -> bool:
    """A verb said with "not", "never" or "no longer", or of a subject with "neither" ("Neither X nor Y is on the
    list"): it names no member."""
    return any(c.dep_ == "neg" or (c.dep_ == "advmod" and c.lower_ in ("never", "longer")) for c in verb.children) or any(
        g.lower_ == "neither" for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") for g in c.subtree)


def list_members(ctx: ExtractContext, di: int, verb):
    """"The list includes Dahua, iFlytek and SenseTime", "the package also names Sovcomflot": members of a
    measure told before; imposers and programme come from it (``extract`` fills them in)."""
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subj is None or ctx.entity_at(di, subj) is not None or negated(verb):
        return None
    lemma, lex = subj.lemma_.lower(), sanction_lexicon()
    if lemma not in lex["measure_heads"] and lemma not in lex["nouns"] and lemma not in MEASURE_SUBJECTS:
        return None
    targets: list[LocalEntity] = []
    for c in verb.children:
        if c.dep_ in ("dobj", "obj"):
            for h in [c, *(x for x in c.subtree if x.dep_ in ("conj", "appos") and x.head.i != verb.i)]:
                for e in entities_of_np(ctx, di, h, types=_MEMBER_TYPES):
                    if e not in targets:
                        targets.append(e)
    return ([], targets) if targets else None


def _words() -> dict:
    return sanction_lexicon()["continuation"]


def _group(tok) -> bool:
    """"those (named)", "them", "the companies (targeted)", "these entities": a group told before."""
    words = _words()
    if any(c.dep_ in ("acl", "relcl") and c.lemma_.lower() not in words["participles"] for c in tok.children):
        return False  # "those attending", "the firms that bid": not the group a measure named
    return tok.lower_ in words["pronouns"] or (tok.pos_ == "NOUN" and tok.lemma_.lower() in words["group_nouns"]
                                               and any(c.dep_ == "det" for c in tok.children))


def _on_list(tok) -> bool:
    """"on the list", "on the blacklist": a list told before."""
    return tok.lower_ == "on" and any(p.dep_ == "pobj" and p.lemma_.lower() in _words()["list_nouns"]
                                      for p in tok.children)


def _names(ctx: ExtractContext, di: int, heads) -> list[LocalEntity]:
    out: list[LocalEntity] = []
    for h in heads:
        for t in [h, *conjuncts(h)]:
            for e in entities_of_np(ctx, di, t, types=_MEMBER_TYPES):
                if e not in out:
                    out.append(e)
    return out


def speaks_for(ctx: ExtractContext, di: int, verb, imposers) -> bool:
    """Whether the one who names a measure's members speaks for its imposers: always for a sentence that does not
    name ("Among those named were ..."); for "Spokesman X named A and B", X must hold a role in an imposer or a body
    of the same government (the roles extractor ran before)."""
    if verb.lemma_.lower() not in _words().get("naming_verbs", ()):
        return True
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    speaker = ctx.entity_at(di, subj) if subj is not None else None
    if speaker is None:
        return False
    govs = {jurisdiction(ctx, i) for i in imposers}
    return any(isinstance(f, Relation) and f.subject == speaker.local_id
               and jurisdiction(ctx, ctx.entities[f.object]) in govs for f in ctx.facts)


def counted_group(anchor) -> str | None:
    """The noun of a measure's counted group ("sanction eleven Americans": "american", "on 14 companies":
    "company"), whose members later sentences may name; None when it counts none."""
    objs = [c for c in anchor.children if c.dep_ in ("dobj", "obj")]
    objs += [c for o in objs for c in conjuncts(o)]  # "a travel ban and an asset freeze on two managers"
    # "on 14 companies", "froze the assets of seven officials" (the "of" on the verb or on its object)
    objs += [p for h in (anchor, *objs) for c in h.children if c.dep_ == "prep" and c.lower_ in ("on", "against", "of")
             for p in c.children if p.dep_ == "pobj"]
    objs += [c for o in objs for c in conjuncts(o)]  # "the assets of Viktor Yanukovych and 17 other Ukrainians"
    counted = next((o for o in objs if o.like_num or any(c.dep_ == "nummod" for c in o.children)), None)
    if counted is not None and counted.like_num:
        # "five of his children": the group is the children
        counted = next((p for c in counted.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children
                        if p.dep_ == "pobj"), counted)
    return counted.lemma_.lower() if counted is not None else None


def continued_listing(ctx: ExtractContext, di: int, tok) -> tuple[list, list[LocalEntity]] | None:
    """([], members) when ``tok`` is the verb of a sentence that continues a listing, else None."""
    lemma = tok.lemma_.lower()
    if negated(tok):
        return None  # "X is not on the list", "Y is not among those named", "the list does not include Z"
    if lemma == "be":
        if tok.sent[-1].text == ":" or (len(tok.sent) > 1 and tok.sent[-1].is_space and tok.sent[-2].text == ":"):
            return None  # "The two men, both of the X Corporation, are:": the lines after it name them
        preps = [c for c in tok.children if c.dep_ == "prep"]
        among = any(c.lower_ == "among" and any(p.dep_ == "pobj" and _group(p) for p in c.children) for c in preps)
        # "The three men are A, B and C", "They are A and B": the group itself, named
        subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
        named = not preps and subj is not None and _group(subj) and not any(c.dep_ == "neg" for c in tok.children) and (
            subj.pos_ == "PRON" or any(c.dep_ == "nummod" for c in subj.children))
        if not (among or named or any(_on_list(c) for c in preps)):
            return None
        # "... are the minister's son A, a banker, and B, who ...": B may hang on the verb (a conjunct, or loose)
        members = _names(ctx, di, [c for c in tok.children if c.dep_ in ("nsubj", "attr")
                                   or (c.dep_ in ("conj", "dep", "appos") and c.pos_ == "PROPN")])
    elif lemma in _words()["verbs"]:
        subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
        if subj is None or not _group(subj) or ctx.entity_at(di, subj) is not None:
            return None
        members = _names(ctx, di, [c for c in tok.children if c.dep_ in ("dobj", "obj")])
    elif lemma in _words()["naming_verbs"] and tok.dep_ == "ROOT" and not any(c.dep_ == "auxpass" for c in tok.children):
        # "Foreign ministry spokesman Zhao Lijian named A, B and C": the group a measure just counted, by name
        subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
        speaker = ctx.entity_at(di, subj) if subj is not None else None
        if speaker is None or speaker.type != "Person" or any(
                c.dep_ in ("oprd", "xcomp", "ccomp") or (c.dep_ == "prep" and c.lower_ in ("as", "in", "among"))
                for c in tok.children):
            return None  # a body naming is its own measure; "named X as rivals", "named X the culprit", "in a story"
        members = _names(ctx, di, [c for c in tok.children if c.dep_ in ("dobj", "obj")])
    elif lemma in _words()["participles"] and any(c.lower_ == "also" for c in tok.children) and any(
            c.dep_ == "auxpass" for c in tok.children) and not any(c.dep_ in ("agent", "dobj") for c in tok.children):
        # "Also named are A and B", "Also designated were C and D": the passive's subject, told after the verb
        members = _names(ctx, di, [c for c in tok.children if c.dep_ in ("nsubjpass", "nsubj", "attr")])
    else:
        return None
    return ([], members) if members else None

"""What an offer's sentence says of it besides who and what: its fate (status cues of ``events.yaml``, and the
verb its recipient answers with: "took CN's offer", "spurned the approach") and its terms ("$325 a share")."""
from __future__ import annotations

import functools
import re

from kg.extract.common import events_lexicon


@functools.lru_cache(maxsize=1)
def offer_lexicon() -> dict:
    """The offers lexicon of ``events.yaml`` with its term patterns compiled and the deal verbs gathered."""
    lex = events_lexicon()["offers"]
    return {
        **lex,
        "terms_rx": [re.compile(p, re.I) for p in lex["terms_patterns"]],
        "deal_verbs": set(lex["sell_verbs"]) | set(lex["buy_verbs"]) | set(lex["reciprocal_verbs"]),
        # reciprocal verbs that are no purchase of their own ("combine"): a deal only between two parties
        "reciprocal_only": set(lex["reciprocal_verbs"]) - set(lex["buy_verbs"]) - set(lex["sell_verbs"]),
    }


def carries_own(verb, offer) -> bool:
    """ "X took its offer (directly) to the shareholders": the offeror carries its own offer somewhere."""
    return verb.lemma_.lower() == "take" and (
        any(c.dep_ == "poss" and c.pos_ == "PRON" for c in offer.children)
        or any(c.dep_ == "prep" and c.lower_ == "to" for c in verb.children))


def answer(verb) -> str | None:
    """The status a recipient's verb gives the offer it governs: "took/picked/backed the bid" accepted it,
    "spurned the approach" rejected it; none when the verb is negated or only weighs it."""
    if any(c.dep_ == "neg" for c in verb.children):
        return None
    lemma = verb.lemma_.lower()
    return next((status for status, verbs in offer_lexicon()["receive_status"].items() if lemma in verbs), None)


def status_of(sent_text: str) -> str | None:
    """The first status whose cue the clause holds ("rejected", "walked away", "in talks"), else None."""
    low = sent_text.lower()
    for status, cues in offer_lexicon()["status"].items():
        for cue in cues:
            if re.search(r"\b" + cue.lower(), low):
                return status
    return None


_SUBORDINATORS = {"after", "before", "when", "while", "as", "because", "since", "although", "though", "if",
                  "once", "until", "unless", "whereas"}


def terms_text(sent, trigger) -> tuple[str, str]:
    """(the trigger's own clause, the sentence) without the relative clauses about another party: the price of
    "Halden put forward a rival proposal, setting up a contest with Kestrel, which has offered 12.35 billion euros" is
    Kestrel's, not Halden's. The own clause also leaves out subordinate clauses (see :func:`clause_text`)."""
    foreign = {u.i for t in sent if t.dep_ in ("relcl", "acl") and not _holds(t, trigger) and t.head.i != trigger.i
               for u in t.subtree}  # "the fund's approach, which would value the group at $20bn": the offer's own
    own = foreign | _subordinate(sent, trigger)
    return ("".join(t.text_with_ws for t in sent if t.i not in own), "".join(t.text_with_ws for t in sent if t.i not in foreign))


def _holds(clause, trigger) -> bool:
    return clause.left_edge.i <= trigger.i <= clause.right_edge.i


def _subordinate(sent, trigger) -> set[int]:
    """Token indices of the subordinate clauses ("after ...", "because ...") that do not hold ``trigger``."""
    drop: set[int] = set()
    for t in sent:
        if t.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in _SUBORDINATORS for c in t.children) \
                and not _holds(t, trigger):
            drop |= {u.i for u in t.subtree}
    return drop


def clause_text(sent, trigger) -> str:
    """The sentence without subordinate clauses about something else: in "Broadcom cut its bid after
    Qualcomm agreed to pay more for NXP", "agreed" is not the fate of Broadcom's bid."""
    drop = _subordinate(sent, trigger)
    return " ".join(t.text for t in sent if t.i not in drop)


def terms_of(sent_text: str) -> str | None:
    """The price or terms a sentence states ("$325 a share; in cash and stock"), at most three."""
    found: list[str] = []
    for rx in offer_lexicon()["terms_rx"]:
        for m in rx.finditer(sent_text):
            t = m.group(0).strip(" ,.")
            if t and not any(t in f for f in found):
                found.append(t)
    return "; ".join(found[:3]) or None

"""Precision/recall/F1, name normalisation and the name-matching rule shared by every runner.

Name matching (documented in BENCHMARKS.md): two names match when their normalised forms are equal,
or when the tokens of one are a contiguous run of the tokens of the other ("Merkel" ~ "Angela Merkel",
"Treasury" ~ "US Treasury Department"). Normalisation: accents removed, case folded, "’" -> "'",
possessive "'s" and full stops dropped, other punctuation (except "&") -> space, leading "the " dropped.
Two entities match when any name of one matches any name of the other.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class PRF:
    """Scores of one system on one label: counts and the derived precision, recall and F1."""

    tp_pred: int  # predictions that match some gold item
    pred: int
    tp_gold: int  # gold items matched by some prediction
    gold: int

    @property
    def precision(self) -> float:
        return self.tp_pred / self.pred if self.pred else 0.0

    @property
    def recall(self) -> float:
        return self.tp_gold / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: "PRF") -> "PRF":
        return PRF(self.tp_pred + other.tp_pred, self.pred + other.pred,
                   self.tp_gold + other.tp_gold, self.gold + other.gold)

    def to_dict(self) -> dict:
        return {"p": round(self.precision, 4), "r": round(self.recall, 4), "f1": round(self.f1, 4),
                "tp_pred": self.tp_pred, "pred": self.pred, "tp_gold": self.tp_gold, "gold": self.gold}


ZERO = PRF(0, 0, 0, 0)


def prf_of_sets(pred: set, gold: set) -> PRF:
    """Exact-match scores of two sets (span-level NER)."""
    tp = len(pred & gold)
    return PRF(tp, len(pred), tp, len(gold))


def normalize(name: str) -> str:
    """The comparison form of a name.

    >>> normalize("the U.S.  Commerce Department’s")
    'us commerce department'
    """
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = text.replace("’", "'").replace("`", "'")
    text = re.sub(r"'s\b|'$", "", text)
    text = text.replace(".", "")
    text = re.sub(r"[^\w&]+", " ", text).strip()
    return re.sub(r"^the ", "", text)


def _contains(big: tuple[str, ...], small: tuple[str, ...]) -> bool:
    n = len(small)
    return any(big[i : i + n] == small for i in range(len(big) - n + 1))


def names_match(a: Iterable[str], b: Iterable[str]) -> bool:
    """True when any normalised name in ``a`` equals, contains or is contained in one in ``b``."""
    ta = {tuple(x.split()) for x in (normalize(n) for n in a) if x}
    tb = {tuple(x.split()) for x in (normalize(n) for n in b) if x}
    if ta & tb:
        return True
    for x in ta:
        for y in tb:
            if (len(x) <= len(y) and _contains(y, x)) or (len(y) < len(x) and _contains(x, y)):
                return True
    return False


@dataclass(frozen=True)
class Pair:
    """A directed pair of entities, each given by all its names."""

    subject: frozenset[str]
    object: frozenset[str]


def score_pairs(pred: Sequence[Pair], gold: Sequence[Pair],
                match: Callable[[Iterable[str], Iterable[str]], bool] = names_match) -> tuple[PRF, list[int], list[int]]:
    """Pair-level scores within one document.

    A predicted pair is correct when its subject matches a gold pair's subject and its object that
    pair's object (by ``match``); precision counts correct predictions, recall counts gold pairs found.

    Returns:
        (scores, indices of wrong predictions, indices of missed gold pairs)
    """
    found = [False] * len(gold)
    wrong = []
    tp_pred = 0
    for pi, p in enumerate(pred):
        hit = False
        for gi, g in enumerate(gold):
            if match(p.subject, g.subject) and match(p.object, g.object):
                found[gi] = True
                hit = True
        if hit:
            tp_pred += 1
        else:
            wrong.append(pi)
    missed = [gi for gi, ok in enumerate(found) if not ok]
    return PRF(tp_pred, len(pred), sum(found), len(gold)), wrong, missed


def dedupe_pairs(pairs: Iterable[Pair]) -> list[Pair]:
    """Drop repeated pairs, keeping the first (order-stable)."""
    return list(dict.fromkeys(pairs))

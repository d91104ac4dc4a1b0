"""What kind of organisation an unknown name is, from the words around it: whether the article is business news
(company words such as "shares", "deal", "chief executive" at least four times: judged once per article, so a
headline read as a Doc of its own counts as business news too) and the words near the name
(:func:`kg.knowledge.entity_rules.type_org`). Used by :mod:`kg.nlp.entities`."""
from __future__ import annotations

from kg.knowledge.entity_rules import EntityRules, load_entity_rules, type_org

_BUSINESS = "newskg_business_text"


def _company_words(doc, rules: EntityRules) -> int:
    return sum(1 for t in doc if t.lower_ in rules.company_context or t.lemma_.lower() in rules.company_context)


def mark_business_text(docs: list, threshold: int = 4) -> None:
    """Judge once for a whole article whether it is business news, and tell each of its Docs: a headline
    read as a Doc of its own ("Adobe and Figma abandon deal") is as much business news as its body."""
    rules = load_entity_rules()
    business = sum(_company_words(doc, rules) for doc in docs) >= threshold
    for doc in docs:
        doc.user_data[_BUSINESS] = business


def is_business_text(doc, rules: EntityRules, threshold: int = 4) -> bool:
    """Whether a text is business news: company words ("shares", "deal", "chief executive", "firm")
    at least ``threshold`` times in its article (:func:`mark_business_text`), else in this ``Doc``."""
    if _BUSINESS not in doc.user_data:
        doc.user_data[_BUSINESS] = _company_words(doc, rules) >= threshold
    return doc.user_data[_BUSINESS]


def context_words(span, window: int = 4) -> set[str]:
    doc = span.doc
    lo, hi = max(0, span.start - window), min(len(doc), span.end + window)
    return {t.lemma_.lower() for t in doc[lo:hi]} | {t.lower_ for t in doc[lo:hi]}


def org_type(span, text: str, rules: EntityRules) -> str:
    """Company, GovernmentBody or Organization for an organisation's name no list knows, by its words, the words
    around it and whether its article is business news."""
    return type_org(text, context_words(span), rules, business=is_business_text(span.doc, rules))

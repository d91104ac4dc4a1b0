"""One-word gazetteer names that are also common words ("Arm", "Shell", "Meta", "Ford").

The model often misses them; newskg tags them when they stand alone as proper nouns inside a
sentence, and then also at the start of a sentence in the same text. Sentences are written here.
"""
from __future__ import annotations

import pytest
from factlib import analyse_text, entity_types, relations


@pytest.mark.parametrize("text,name", [
    ("SoftBank agreed to sell the chip designer Arm to a US buyer.", "Arm"),
    ("Regulators in the Netherlands fined Shell on Tuesday.", "Shell"),
    ("The European Commission opened an inquiry into Meta last year.", "Meta"),
])
def test_a_standalone_proper_noun_is_the_organisation(text, name):
    assert entity_types(analyse_text(text)).get(name) == "Company"


def test_sentence_initial_use_counts_once_the_text_has_used_the_name():
    found = entity_types(analyse_text("SoftBank wants to sell Arm this year. Arm, which designs chips, declined to comment."))
    assert found.get("Arm") == "Company"


@pytest.mark.parametrize("text,absent", [
    ("He broke his arm while skiing in the Alps.", "arm"),
    ("Harrison Ford starred in the film.", "Ford"),
    ("Orange County reported record rainfall.", "Orange"),
    ("Shell companies were used to hide the money.", "Shell"),
])
def test_common_words_and_parts_of_longer_names_are_not_the_organisation(text, absent):
    types = entity_types(analyse_text(text))
    assert types.get(absent) not in ("Company", "Organization"), types


def test_an_acquisition_is_not_a_customer_relation():
    rels = relations(analyse_text("Nvidia agreed to buy the chip designer Arm from SoftBank for $40 billion."))
    assert not any(p == "customerOf" for _, p, _ in rels), rels

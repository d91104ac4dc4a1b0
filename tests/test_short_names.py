"""A company named in full and then by its first word alone is one entity ("Tessaly Bank ... Tessaly bought"), when
the words the short name drops are words a name drops (``short_name_ends`` and ``org_suffixes`` of
kg/knowledge/data/entity_rules.yaml) and no other organisation of the article opens with the word. Every text is a
short article written for this project."""
from __future__ import annotations

import pytest
from factlib import analyse_text, relations


def _names(result) -> set[str]:
    return {e.best_name for e in result.entities if not e.implicit and e.names}


@pytest.mark.parametrize("full,short", [
    ("Tessaly Bank", "Tessaly"),
    ("Orvik Airlines", "Orvik"),
    ("Brannock Steel Holdings", "Brannock"),
])
def test_a_short_name_is_the_company_named_in_full(full, short):
    result = analyse_text(f"{full} reported higher profits on Tuesday. {short} bought Halvik Kredit in 2015.")
    assert (("Halvik Kredit", "subsidiaryOf", full)) in relations(result)
    assert short not in _names(result)


@pytest.mark.parametrize("text,short", [
    # two organisations open with the word: which one is not said
    ("Orvik Airlines and Orvik Energy reported profits on Tuesday. Orvik bought Halvik Kredit in 2015.", "Orvik"),
    # a name that adds a business of its own is another company ("Tessaly Capital" is not Tessaly)
    ("Tessaly Capital reported profits on Tuesday. Tessaly bought Halvik Kredit in 2015.", "Tessaly"),
])
def test_a_short_name_of_an_unclear_company_stays_apart(text, short):
    found = relations(analyse_text(text))
    assert not any(p == "subsidiaryOf" and o != short for s, p, o in found if s == "Halvik Kredit")

"""What a measure is when no programme is named: the word of its measure noun, else of its predicate
(``measure_names`` in kg/knowledge/data/events.yaml), so that kg:program says "asset freeze" or "import ban"
rather than a generic "restrictions". A named programme still wins. Sentences written for this project, with
invented names."""
from __future__ import annotations

import pytest
from factlib import analyse_text


def _programs(text: str) -> set[str]:
    return {dict(f.slots).get("program") for f in analyse_text(text).facts
            if getattr(f, "kind", None) == "sanction"}


@pytest.mark.parametrize("text,program", [
    ("Australia froze the assets of Kestrel Mining on Monday.", "asset freeze"),
    ("Britain froze the funds of Kestrel Mining.", "asset freeze"),
    ("Russia banned imports of Polish apples in 2014.", "import ban"),
    ("Moscow halted flights to Georgia.", "flight ban"),
    ("The US Treasury designated Kestrel Mining on Tuesday.", "designation"),
    ("The EU added Kestrel Mining to its sanctions list.", "sanctions list"),
    ("Britain sanctioned Kestrel Mining.", "sanctions"),
    # a named programme wins over the measure's word
    ("The Commerce Department added Kestrel Mining to the Entity List.", "Entity List"),
    ("Washington froze the assets of Kestrel Mining and put it on the SDN list.", "SDN list"),
])
def test_the_program_is_what_the_measure_is(text, program):
    assert _programs(text) == {program}


def test_reports_of_one_measure_in_other_words_still_merge():
    from kg.knowledge.kinds import load_kinds

    weak = set(load_kinds()["sanction"].merge["any_signature"])
    from kg.extract.sanction_parties import sanction_lexicon

    assert set(sanction_lexicon()["measure_names"].values()) - {"export controls", "tariffs"} <= weak

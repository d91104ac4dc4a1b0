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


@pytest.mark.parametrize("text", [
    "Washington imposed tariffs on Chinese steel.",
    "China imposed anti-dumping duties of 80 percent on Australian barley in May.",
    "Beijing's duties on Australian wine have been in force since March.",
])
def test_a_tariff_is_one_event_and_a_sanction(text):
    """A tariff aimed at a country's goods is told once, as a kg:Tariff, which the ontology makes a kg:Sanction."""
    from pathlib import Path

    from rdflib import Graph, URIRef
    from rdflib.namespace import RDFS

    kinds = [f.kind for f in analyse_text(text).facts if getattr(f, "kind", None) in ("tariff", "sanction")]
    assert kinds == ["tariff"], kinds
    onto = Graph().parse(Path(__file__).resolve().parent.parent / "ontology.ttl")
    kg = "https://w3id.org/newskg/ontology#"
    assert (URIRef(kg + "Tariff"), RDFS.subClassOf, URIRef(kg + "Sanction")) in onto


@pytest.mark.parametrize("text,government", [
    ("Beijing's duties on Australian wine have been in force since March.", True),
    ("Moscow's ban on Georgian wine lasted seven years.", True),
    ("Commuters crowded Moscow's metro on Monday.", False),   # a capital's possessive before a place noun: the city
])
def test_a_capitals_measure_is_its_governments(text, government):
    result = analyse_text(text)
    bodies = [e for e in result.entities if e.type == "GovernmentBody" and e.names]
    assert bool(bodies) is government, [(e.type, dict(e.names)) for e in result.entities]


# -- look-alikes found in review: names, reasons, cities, tariffs taken away -------------------------------------

@pytest.mark.parametrize("text", [
    "In addition, Canada sanctioned Kestrel Mining on Monday.",          # "addition" is no listing
    "The US sanctioned Kestrel Exports.",                                # a word of the target's name
    "The EU sanctioned Kestrel Flights, a charter airline.",
    "The US sanctioned Kestrel Mining over shipments of oil to Iran.",   # the reason, not the measure
    "The US imposed sanctions on Kestrel Mining for its investment in Crimea.",
    "Britain sanctioned Kestrel Mining over unpaid duties.",
])
def test_a_measures_name_comes_from_the_measure_not_the_target_or_the_reason(text):
    assert _programs(text) == {"sanctions"}


@pytest.mark.parametrize("text", [
    "Paris's ban on diesel cars starts in January.",
    "Moscow's decision to close the metro angered commuters.",
    "Tokyo's offer to host the Olympics was accepted.",
])
def test_a_citys_own_act_is_not_its_countrys_government(text):
    result = analyse_text(text)
    assert not [e for e in result.entities if e.type == "GovernmentBody" and e.names], \
        [(e.type, dict(e.names)) for e in result.entities]


@pytest.mark.parametrize("text", ["Japan cut tariffs on Australian beef.",
                                  "Japan agreed to lower its tariffs on Australian beef."])
def test_a_tariff_taken_away_is_no_tariff_imposed(text):
    assert not [f for f in analyse_text(text).facts if getattr(f, "kind", None) in ("tariff", "sanction")]

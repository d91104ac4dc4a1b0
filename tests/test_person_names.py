"""People the model tags as organisations, read back as people: a full name that opens with a common given name
(``kg/knowledge/data/given_names.yaml``) and does not end in an organisation's word, a one-word name an age or an
honorific marks; and a person who fills a slot only organisations fill keeps being a person when a given name
opens the name. Look-alikes: organisations named like people keep their type. Sentences written for this
project, with invented names."""
from __future__ import annotations

import pytest
from factlib import analyse_text, entity_types

PEOPLE = [
    ("Alexey Varga was arrested in Amsterdam on Tuesday.", "Alexey Varga"),
    ("Irene Caldwell approved the merger.", "Irene Caldwell"),
    ("Brent Okafor became chief executive of Lagos Freight Lines.", "Brent Okafor"),
    ("Pablo Ferrante said the bank would appeal.", "Pablo Ferrante"),
    ("Lindqvist, 54, said he would step down.", "Lindqvist"),
    # a lowercase particle: the model misses the name or takes "Jan" for January
    ("Kestrel's board is chaired by Jan du Plessis.", "Jan du Plessis"),
    ("Kestrel's board is chaired by Jan de Vries.", "Jan de Vries"),
    ("Anna van der Berg runs Kestrel Foods.", "Anna van der Berg"),
]

ORGANISATIONS = [
    ("Lisa Shipping said it would appeal the fine.", "Lisa Shipping"),
    ("Victoria Holdings reported a loss for the year.", "Victoria Holdings"),
    ("Morgan Stanley advised the board on the sale.", "Morgan Stanley"),
    # a company a verb's slot says was bought is a company, whatever its first word
    ("Vorlan Group acquired Irene Caldwell Jewellers in 2013.", "Irene Caldwell Jewellers"),
    ("Irene Partners' shares rose 4% on Monday.", "Irene Partners"),
]


@pytest.mark.parametrize("text,name", PEOPLE)
def test_a_person_named_like_one(text, name):
    assert entity_types(analyse_text(text)).get(name) == "Person"


@pytest.mark.parametrize("text,name", ORGANISATIONS)
def test_an_organisation_named_like_a_person_is_not_one(text, name):
    types = entity_types(analyse_text(text))
    assert name in types and types[name] != "Person", types


@pytest.mark.parametrize("text", ["Sales rose in Jan and Feb.", "The report was published on Jan de 5.",
                                  "Prices fell in Jan, officials said."])
def test_a_month_is_no_particle_name(text):
    assert "Person" not in entity_types(analyse_text(text)).values()


def test_a_title_word_that_is_a_function_word_marks_no_person():
    # "of" is a word of "secretary of state", not a title before the name
    types = entity_types(analyse_text("Ministers discussed the use of Velmora’s 5G kit in the autumn."))
    assert types.get("Velmora") != "Person", types


def test_the_given_names_are_unique_and_clean():
    from kg.knowledge.lexicons import load_lexicon

    groups = load_lexicon("given_names.yaml")["given_names"]
    names = [n for names in groups.values() for n in names]
    assert len(names) == len(set(names)) > 1000
    assert all(n[:1].isupper() and " " not in n for n in names)
    assert not {"Morgan", "Wells", "Ford", "Stanley"} & set(names)


@pytest.mark.parametrize("text,name,holds", [
    ("The board removed Kavus Dorabji as its chairman.", "Kavus Dorabji", True),
    ("Kavus Dorabji was ousted as chairman of Merrow Sons in October.", "Kavus Dorabji", True),
    ("Merrow Sons named Pallonji Vasani as chief executive.", "Pallonji Vasani", True),
    ("Pallonji Vasani, its chairman, said the bid was too low.", "Pallonji Vasani", True),
    # titles a firm holds as well, and names in other slots
    ("Merrow Sons hired Halden Brossard as adviser on the sale.", "Halden Brossard", False),
    ("The court appointed Harwell Brossard as administrator.", "Harwell Brossard", False),
    ("Merrow Sons named Pallonji Vasani as chief executive.", "Merrow Sons", False),
    ("Kestrel Freight was listed as a member of the group.", "Kestrel Freight", False),
    # a copula with a bare title: "whose chief executive is X", "X is chief executive"; not "X is a supplier"
    ("Merrow Sons, whose chief executive is Pallonji Vasani, said on Sunday it would sell.", "Pallonji Vasani", True),
    ("Pallonji Vasani is chairman of Merrow Sons.", "Pallonji Vasani", True),
    ("Halden Brossard is an adviser to the bank.", "Halden Brossard", False),
    ("Kestrel Freight is a supplier of Merrow Sons.", "Kestrel Freight", False),
    ("The director of the project is Halden Engineering.", "Halden Engineering", False),
])
def test_a_name_holding_a_persons_title_is_said_of_a_person(text, name, holds):
    from kg.nlp.name_clues import holds_title
    from kg.nlp.pipeline import load_nlp

    doc = load_nlp()(text)
    start = text.index(name)
    span = doc.char_span(start, start + len(name))
    assert holds_title(span) is holds


@pytest.mark.parametrize("text,name,etype", [
    ("Merrow Sons named Pallonji Vasani as chief executive.", "Merrow Sons", "Company"),
    ("Investors in Vasani & Sons sold their shares.", "Vasani & Sons", "Company"),
])
def test_sons_ends_a_companys_name(text, name, etype):
    assert entity_types(analyse_text(text)).get(name) == etype, entity_types(analyse_text(text))


# Two people named side by side, one of whom the model leaves untagged (kg/nlp/coordinated_people.py)
@pytest.mark.parametrize("text,names", [
    ("Among the people on the list are Ivan Petrov and Pavel Sokolov.", {"Ivan Petrov", "Pavel Sokolov"}),
    ("- Ivan Petrov and Pavel Sokolov, two officers of the border police;", {"Ivan Petrov", "Pavel Sokolov"}),
    ("The board heard from Pavel Sokolov and Ivan Petrov on Monday.", {"Ivan Petrov", "Pavel Sokolov"}),
    ("The ban covers Dana Kell, Omar Haddad and Lise Brandt.", {"Dana Kell", "Omar Haddad", "Lise Brandt"}),
])
def test_people_named_side_by_side_are_all_people(text, names):
    types = entity_types(analyse_text(text))
    assert all(types.get(n) == "Person" for n in names), types


@pytest.mark.parametrize("text,not_person", [
    # a company or a place beside a person, whose first word is no common given name
    ("The deal was signed by Pavel Sokolov and Morgan Stanley.", "Morgan Stanley"),
    ("Pavel Sokolov and Baltic Shipping signed the contract.", "Baltic Shipping"),
    ("Pavel Sokolov flew between Buenos Aires and Santa Cruz.", "Santa Cruz"),
])
def test_a_name_beside_a_person_that_is_no_person_stays_so(text, not_person):
    assert entity_types(analyse_text(text)).get(not_person) != "Person"

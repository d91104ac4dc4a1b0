"""Shapes found missing on the seventh development set, each as a table of sentences written for this
project (invented companies and people, so no gazetteer entry helps): units named after "its", the
organisation behind "its" taken from the parse, founders and owners of names no model tags, a title held
"of" a name the model took for a person, and an appointment whose object the parser took for a predicate.
"""
from __future__ import annotations

import pytest
from factlib import analyse_text, entity_types, relations


@pytest.mark.parametrize("text,triple", [
    # a unit noun after "its": the name after it is owned by the organisation "its" stands for
    ("Regulators fined Veltrona Systems and its German subsidiary, Brenntal Technik GmbH, on Tuesday.",
     ("Brenntal Technik GmbH", "subsidiaryOf", "Veltrona Systems")),
    ("The ruling bars Veltrona Systems and its US arm, Veltrona Inc., from selling software.",
     ("Veltrona Inc.", "subsidiaryOf", "Veltrona Systems")),
    ("Halvorsen Bank said its Danish unit Kystbank would cut 200 jobs.", ("Kystbank", "subsidiaryOf", "Halvorsen Bank")),
    ("Ostmark Group reported that its logistics division, Ostmark Freight, had lost a contract.",
     ("Ostmark Freight", "subsidiaryOf", "Ostmark Group")),
    # the owner noun keeps its direction
    ("Analysts said YouTube and its parent company Alphabet would appeal.", ("YouTube", "subsidiaryOf", "Alphabet")),
    # "its" is the subject of its clause, not the name told last
    ("The deal was backed by the Quist Foundation, which controls the company through its investment arm, "
     "Quist Holdings.", ("Quist Holdings", "subsidiaryOf", "Quist Foundation")),
])
def test_a_unit_named_after_its(text, triple):
    assert triple in relations(analyse_text(text))


@pytest.mark.parametrize("text,absent", [
    ("The deal was backed by the Quist Foundation, which controls the company through its investment arm, "
     "Quist Holdings.", ("Quist Holdings", "subsidiaryOf", "the company")),
    # a rival is no unit
    ("Veltrona Systems and its rival Brenntal Technik both declined to comment.",
     ("Brenntal Technik", "subsidiaryOf", "Veltrona Systems")),
    # a person's title after "its" is a role, not a unit
    ("Veltrona Systems said its chief executive, Mara Quist, would resign.",
     ("Mara Quist", "subsidiaryOf", "Veltrona Systems")),
])
def test_no_unit_from_look_alikes(text, absent):
    assert absent not in relations(analyse_text(text))


@pytest.mark.parametrize("text,triples", [
    # what a person founds is an organisation, even a one-word name the model does not tag
    ("Veltrona was founded in 2004 by Mara Quist.", [("Mara Quist", "founderOf", "Veltrona")]),
    ("Veltrona was founded in 2004 by Mara Quist, Tobias Lindqvist and Ana Ferreira.",
     [("Mara Quist", "founderOf", "Veltrona"), ("Tobias Lindqvist", "founderOf", "Veltrona"),
      ("Ana Ferreira", "founderOf", "Veltrona")]),
    ("Mara Quist founded Veltrona Systems in 2004.", [("Mara Quist", "founderOf", "Veltrona Systems")]),
    # what a company owns is a company
    ("Halvorsen Bank owns Kystbank, a small lender in Aarhus.", [("Kystbank", "subsidiaryOf", "Halvorsen Bank")]),
])
def test_founded_and_owned_names_become_entities(text, triples):
    found = relations(analyse_text(text))
    for triple in triples:
        assert triple in found


@pytest.mark.parametrize("text,name", [
    ("Veltrona Systems has named Mara Quist, the former finance chief of Brenntal Technik, as its next chief "
     "executive.", "Brenntal Technik"),
    ("Tobias Lindqvist, chairman of Ostwerk Lindahl, will retire in June.", "Ostwerk Lindahl"),
    ("Ana Ferreira, the founder of Casa Ribeiro, sold her stake.", "Casa Ribeiro"),
])
def test_a_title_is_held_in_an_organisation(text, name):
    types = entity_types(analyse_text(text))
    assert types.get(name) == "Company"


def test_an_appointment_whose_object_the_parser_took_for_a_predicate():
    text = ("Veltrona Systems has named Mara Quist, the former finance chief of Brenntal Technik, as its next "
            "chief executive.")
    found = relations(analyse_text(text))
    assert ("Mara Quist", "ceoOf", "Veltrona Systems") in found
    # the company she came from is no person holding the new title
    assert not any(s == "Brenntal Technik" for s, _p, _o in found)


@pytest.mark.parametrize("text,triple", [
    # an organisation an event names (here the one rejecting an offer) is known before roles are read, so a
    # bare title in the next sentence belongs to it, even when the model took the name for a place
    ("Veltrona rejected the offer. Chief executive Mara Quist said the plan offered a better path.",
     ("Mara Quist", "ceoOf", "Veltrona")),
    ("Veltrona rejected the offer. Chief executive Mara Quist argued that its own plan offered more value.",
     ("Mara Quist", "ceoOf", "Veltrona")),
    ("Kestrel Resources rejected the takeover proposal. Chief executive Tobias Lindqvist said the price was too "
     "low.", ("Tobias Lindqvist", "ceoOf", "Kestrel Resources")),
])
def test_a_bare_title_after_an_event_names_its_company(text, triple):
    assert triple in relations(analyse_text(text))


def test_a_reduced_relative_does_not_reach_a_conjunct_told_after_it():
    text = ("Halvorsen Bank, the lender run by Tobias Lindqvist, and Kestrel Capital, co-founded by Mara Quist, "
            "together control the company.")
    found = relations(analyse_text(text))
    assert not any(("Tobias Lindqvist", p, "Kestrel Capital") in found for p in ("headOf", "ceoOf"))
    assert ("Mara Quist", "founderOf", "Kestrel Capital") in found
    assert ("Tobias Lindqvist", "ceoOf", "Halvorsen Bank") in found  # the one who runs a company is its CEO


def test_a_name_the_tokenizer_cut_after_a_digit_is_whole():
    found = relations(analyse_text("Berkshire Hathaway and 3G Capital, co-founded by Jorge Paulo Lemann, control "
                                   "the company."))
    assert ("Jorge Paulo Lemann", "founderOf", "3G Capital") in found


@pytest.mark.parametrize("text,triple", [
    # the board's chair heads the organisation the text is about
    ("OpenVeltrona rejected the bid on Friday. Bret Lindqvist, the board's chair, said the directors had "
     "rejected it.", ("Bret Lindqvist", "headOf", "OpenVeltrona")),
    # a company title said with "be" and no organisation: the company the text is about
    ("Halvorsen Bank named a new chief. Mara Quist had been chief executive since January 2020.",
     ("Mara Quist", "ceoOf", "Halvorsen Bank")),
    # a plural title noun describes every name of its list
    ("The US put Israeli spyware makers Veltrona Group and Kestrel on a trade blacklist.",
     ("Kestrel", "basedIn", "Israel")),
])
def test_roles_and_places_from_the_topic(text, triple):
    assert triple in relations(analyse_text(text))


@pytest.mark.parametrize("text,absent", [
    # not a company title: no company from the topic
    ("Halvorsen Bank named a new chief. Mara Quist had been a senator since January 2020.",
     ("Mara Quist", "memberOf", "Halvorsen Bank")),
    # a singular title noun describes its own name only
    ("The US put Israeli spyware maker Veltrona Group and Kestrel on a trade blacklist.",
     ("Kestrel", "basedIn", "Israel")),
])
def test_no_role_or_place_from_look_alikes(text, absent):
    assert absent not in relations(analyse_text(text))


@pytest.mark.parametrize("text,name,cls", [
    # a person's title before a name the model took for a place or an organisation
    ("Nespra boss Ana Ferreira takes over at Nestor Foods", "Ana Ferreira", "Person"),
    ("The US put Israeli spyware makers Veltrona Group and Kestrel on a trade blacklist.", "Kestrel", "Company"),
])
def test_entity_class_from_a_title_or_a_list_noun(text, name, cls):
    assert entity_types(analyse_text(text)).get(name) == cls


def test_an_office_is_not_a_body():
    types = entity_types(analyse_text("Gabor Lind, the minister in charge of the Prime Minister's Office, spoke."))
    assert "Prime Minister" not in types


def test_a_company_named_like_its_founder():
    text = ("Regulators banned Lindqvist Lab from selling software. Lindqvist was founded in Oslo in 1997 and is "
            "still led by its co-founder and chief executive, Tobias Lindqvist.")
    result = analyse_text(text)
    types = entity_types(result)
    assert types.get("Tobias Lindqvist") == "Person"
    found = relations(result)
    assert any(s == "Tobias Lindqvist" and p == "founderOf" and o.startswith("Lindqvist") for s, p, o in found)


def test_a_described_mixer_is_no_person():
    text = "The Treasury lifted sanctions on crypto mixer Tornvale Cash on Friday."
    assert entity_types(analyse_text(text)).get("Tornvale Cash") == "Company"


@pytest.mark.parametrize("text,absent", [
    # outside the main clause, a description with two companies named before is not resolved
    ("Kestrel has agreed to buy Vorlan for about £3bn after the British soft drinks maker accepted an improved "
     "proposal from the Danish brewer.", ("Vorlan", "basedIn", "Denmark")),
])
def test_no_place_from_an_unresolved_description(text, absent):
    assert absent not in relations(analyse_text(text))


@pytest.mark.parametrize("text,triple", [
    # a holder of more than half of a company is its parent
    ("A decree puts Ostpro, in which Uniwerk holds 83.73 per cent, under temporary state management.",
     ("Ostpro", "subsidiaryOf", "Uniwerk")),
    ("Halvorsen Bank owns 68 per cent of Kystbank, and Veltrona owns the rest.",
     ("Kystbank", "subsidiaryOf", "Halvorsen Bank")),
    ("Uniwerk holds a 84% stake in Ostpro.", ("Ostpro", "subsidiaryOf", "Uniwerk")),
    # a place phrase hung on the name itself
    ("China sanctioned four bodies, including the Lindahl Institute for Asian Studies (Linstas) in Berlin.",
     ("Lindahl Institute for Asian Studies", "basedIn", "Germany")),
    # a headquarters move: where it went once done, where it is while planned
    ("Halvorsen Energy moved its headquarters from the Netherlands to the United Kingdom in 2022.",
     ("Halvorsen Energy", "basedIn", "United Kingdom")),
    ("Halvorsen Energy intends to move its headquarters from the Netherlands to the United Kingdom.",
     ("Halvorsen Energy", "basedIn", "Netherlands")),
])
def test_ownership_and_places_in_more_shapes(text, triple):
    assert triple in relations(analyse_text(text))


@pytest.mark.parametrize("text,absent", [
    ("Uniwerk holds 20 per cent of Ostpro.", ("Ostpro", "subsidiaryOf", "Uniwerk")),
    ("Uniwerk could hold 60 per cent of Ostpro after the deal.", ("Ostpro", "subsidiaryOf", "Uniwerk")),
    ("Halvorsen Energy intends to move its headquarters from the Netherlands to the United Kingdom.",
     ("Halvorsen Energy", "basedIn", "United Kingdom")),
    ("Halvorsen Energy will not move its headquarters to the United Kingdom.",
     ("Halvorsen Energy", "basedIn", "United Kingdom")),
    ("Huawei opened a research centre in Munich last year.", ("Huawei", "basedIn", "Germany")),
])
def test_no_ownership_or_place_from_look_alikes(text, absent):
    assert absent not in relations(analyse_text(text))


def test_a_capital_before_a_title_names_its_country():
    text = ("China sanctioned two Canadian lawmakers. In Ottawa, Foreign Minister Marc Garneau called the measures "
            "an attack on freedom of expression.")
    found = relations(analyse_text(text))
    assert ("Marc Garneau", "memberOf", "Canadian government") in found
    assert not any(s == "Marc Garneau" and "Chin" in o for s, _p, o in found)


@pytest.mark.parametrize("text", [
    "Veltrona recruited Mara Quist as chief executive in 2021.",
    "Veltrona has poached Mara Quist as its chief executive.",
])
def test_more_appointing_verbs(text):
    assert ("Mara Quist", "ceoOf", "Veltrona") in relations(analyse_text(text))


def test_a_companion_of_a_passive_agent_acts_with_it():
    found = relations(analyse_text("Veltrona, founded in 2010 by Mara Quist and Ana Ferreira together with Tobias "
                                   "Lindqvist, is based in Oslo."))
    assert ("Tobias Lindqvist", "founderOf", "Veltrona") in found
    assert not any(o == "Tobias Lindqvist" for _s, _p, o in found)

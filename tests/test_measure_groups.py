"""Measures whose target is told by a group or a permit: a counted group of a country's people or firms ("travel
bans on five Valdorian generals") targets that country when no member is named; a permit taken away ("revoked the
licence of X") restricts its holder, a permit granted ("granted X a licence") relaxes; suspended ties with a country
are a measure on it. Sentences written for this project."""
from __future__ import annotations

import pytest
from factlib import analyse_text, sanctions


@pytest.mark.parametrize("text,by,target", [
    ("Canberra slapped travel bans on five Myanmar generals on Monday.", "Australian government", "Myanmar"),
    ("The EU agreed on Monday to blacklist twelve Iranian officials over the crackdown.", "European Union", "Iran"),
    ("Japan imposed entry bans on three South Korean lawmakers in July 2019.", "Japanese government",
     "South Korea"),
    ("In response, Beijing barred nine British lawmakers from entering China.", "Chinese government", "United Kingdom"),
    ("The measures, announced by Ottawa on Friday, freeze the assets of nine Russian officials.", "Canadian government",
     "Russia"),
    ("New Zealand suspended defence ties with Fiji after the coup.", "New Zealand government", "Fiji"),
    ("Taiwan banned seafood from ten Japanese prefectures on Thursday.", "Taiwanese government", "Japan"),
    ("The US revoked the licence of Kestrel Telecom on Monday.", "United States government", "Kestrel Telecom"),
])
def test_a_measure_on_a_group_a_country_or_a_permit(text, by, target):
    found = sanctions(analyse_text(text))
    assert any(by in f["by"] and target in f["target"] for f in found), found


@pytest.mark.parametrize("text", [
    "Kestrel Foods fired five Russian officials last year.",       # not a measure
    "Police arrested three British citizens in Moscow.",            # not a measure
    "The EU sanctioned officials who visited Russia.",              # the country is not the group's own
    "Kestrel Foods cut ties with Varden Dairies.",                  # a company is no imposer
    "Britain imposed sanctions on four Iranian-American dual nationals.",   # a hyphenated demonym
    "The US sanctioned three Ukrainian officials for helping Russia.",      # aimed at another country's ally
    "Britain sanctioned two Syrian army officers who defected to Turkey.",  # a described subgroup
    # firms counted are named as a rule: the measure is on them, not on their country
    "China placed two American companies on its unreliable entity list on Tuesday.",
    # a subject that negates: no one acts
    "Neither Switzerland nor Japan has said it will close its airspace to Russian airlines.",
    "No country has sanctioned the Russian officials yet.",
])
def test_no_measure_on_a_country_from_a_group_it_does_not_own(text):
    found = sanctions(analyse_text(text))
    assert not any(t in ("Russia", "United Kingdom", "Varden Dairies", "United States", "Iran", "Ukraine", "Syria")
                   for f in found for t in f["target"]), found


def test_named_members_are_the_targets_not_their_country():
    found = sanctions(analyse_text("Britain banned nine Valdorian lawmakers, among them Dana Kell and Omar Haddad, "
                                   "from entering the country."))
    targets = set().union(*(f["target"] for f in found))
    assert {"Dana Kell", "Omar Haddad"} <= targets, found


@pytest.mark.parametrize("text,relief", [
    ("The Treasury granted Kestrel Shipping a licence to wind down its dealings.", True),
    ("The Treasury issued a licence allowing Kestrel Oil to keep pumping in Venezuela.", True),
    ("The Treasury extended a waiver for Kestrel Oil on Friday.", True),
    ("The United States revoked the licences of Kestrel Telecom and Varden Mobile.", False),
    ("The Treasury withdrew the waiver it had given Kestrel Oil.", False),
])
def test_a_permit_granted_relaxes_one_taken_away_restricts(text, relief):
    reliefs = sanctions(analyse_text(text), relief=True)
    assert bool([f for f in reliefs if f["target"] & {"Kestrel Shipping", "Kestrel Oil", "Kestrel Telecom"}]) is relief, \
        reliefs


@pytest.mark.parametrize("text,found", [
    ("Neither Switzerland nor Japan has said it will close its airspace to Russia.", False),
    ("No country has sanctioned Kestrel Oil.", False),
    # a negated subject of a verb that is not one of saying does not negate what it governs
    ("No one doubts that Norway sanctioned Kestrel Oil.", True),
    ("No official disputed that Britain had frozen the assets of Kestrel Oil.", True),
])
def test_a_negating_subject(text, found):
    assert bool([f for f in sanctions(analyse_text(text)) if f["target"] & {"Russia", "Kestrel Oil"}]) is found


@pytest.mark.parametrize("text,found", [
    ("The EU listed Dana Kell and Omar Haddad on Thursday.", True),
    # "the bloc": the union of states named before
    ("The EU imposed its first cyber sanctions on Thursday. The bloc listed Dana Kell and Omar Haddad, two "
     "Valdorian nationals it links to the attacks.", True),
    ("China imposed sanctions on Thursday. The bloc listed Dana Kell.", False),  # no bloc named
    ("Nasdaq listed Kestrel Foods in 2019.", False),                            # no imposer
    ("The EU listed Dana Kell as its envoy to the talks.", False),              # a role, not a listing
])
def test_listing_named_people_is_a_designation(text, found):
    assert bool([f for f in sanctions(analyse_text(text)) if f["target"] & {"Dana Kell", "Kestrel Foods"}]) is found

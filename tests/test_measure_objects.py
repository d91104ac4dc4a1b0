"""Whom a measure acts on when its object is not the target itself: the members of a counted group listed after a
colon or named in the next sentence ("froze the assets of three executives: A, B and C", "The three men are
..."), whose assets ("assets linked to X", "property owned by X"), whose goods ("banned food from Norway", "a ban
on wine from Georgia"), and a list phrase the parser hung on the object's last conjunct ("put A, B and two
other executives on its list"). Each shape as its own short article, with look-alikes that must give nothing.
Sentences written for this project, with invented companies and people.
"""
from __future__ import annotations

import pytest
from factlib import analyse_text, sanctions

SANCTIONS = [
    # a counted group, then its members after a colon on the same line (the parser may start a sentence there)
    ("The Treasury sanctioned three companies: Kestrel Avionics, Vorlan Shipping and Orsk Metals.",
     {"Kestrel Avionics", "Vorlan Shipping", "Orsk Metals"}),
    ("Canada froze the assets of two executives on Friday: chief executive Mara Quist and her deputy Tobias "
     "Lindqvist.", {"Mara Quist", "Tobias Lindqvist"}),
    ("The EU sanctioned three lenders: Kestrel Bank, Vorlan Bank and Orsk Bank, all state-controlled.",
     {"Kestrel Bank", "Vorlan Bank", "Orsk Bank"}),
    # the group named in a sentence of its own
    ("Japan sanctioned two companies on Monday. They are Kestrel Avionics and Vorlan Shipping.",
     {"Kestrel Avionics", "Vorlan Shipping"}),
    ("Britain froze the assets of three executives of Veltrona. The three men are Tobias Lindqvist, the finance "
     "chief; Dorian Kell, who runs its shipping arm; and his deputy, Ana Ferreira.",
     {"Tobias Lindqvist", "Dorian Kell", "Ana Ferreira"}),
    # whose assets: a participle or relative clause on the holder noun
    ("The Federal Council froze assets linked to Dorian Kell.", {"Dorian Kell"}),
    ("Switzerland froze any assets belonging to Dorian Kell and his family.", {"Dorian Kell"}),
    ("The Treasury blocked all property owned by Vorlan Shipping.", {"Vorlan Shipping"}),
    ("Britain froze accounts that belong to Dorian Kell.", {"Dorian Kell"}),
    # the parser reads the object as a second subject of a later clause
    ("On 3 May the Federal Council froze assets linked to Dorian Kell, two days after the businessman fled to Dubai.",
     {"Dorian Kell"}),
    # goods from a country, the country is acted on
    ("Russia banned food from Norway.", {"Norway"}),
    ("Russia imposed a ban on fish from Norway.", {"Norway"}),
    ("China halted beef shipments from Brazil.", {"Brazil"}),
    ("Russia banned Norwegian fish.", {"Norway"}),
    ("Russia banned food from five countries on Thursday: the United States, Australia, Canada and Norway.",
     {"United States", "Australia", "Canada", "Norway"}),
    # goods stopped or halted by a government: the country whose goods they are
    ("India halted imports of Malaysian palm oil in January.", {"Malaysia"}),
    ("Vetnadzor, the federal veterinary watchdog, had already stopped Polish meat and dairy products at the border.",
     {"Poland"}),
    ("Jakarta suspended shipments of Philippine fruit.", {"Philippines"}),
    # a list phrase hung on the last conjunct of the object
    ("On Monday the Treasury put Mara Quist, her deputy Tobias Lindqvist and two other executives on its "
     "sanctions list.", {"Mara Quist", "Tobias Lindqvist"}),
]

RELIEFS = [
    ("Moscow lifted the ban on wine from Moldova.", {"Moldova"}),
    # a part of the measures: the measures are what is lifted
    ("Washington eased some of its sanctions on Venezuela.", {"Venezuela"}),
    ("The EU lifted most of the trade and visa restrictions on Belarus in 2016.", {"Belarus"}),
    ("Canada will lift part of its sanctions on Iran, the foreign minister said.", {"Iran"}),
    ("Russia lifted its ban on Norwegian fish in 2019.", {"Norway"}),
]

NOTHING = [
    # no measure: a list, a purchase, an asset sale
    "Kestrel Avionics has three plants: Orsk Metals, Vorlan Shipping and Baltimar Lines.",
    "Russia bought food from Norway.",
    "Vorlan Shipping sold assets linked to Dorian Kell.",
    "The court put Mara Quist and two other executives on trial.",
    "Kestrel Avionics hired two executives. They are Mara Quist and Tobias Lindqvist.",
    "Norway exported fish to Russia.",
    # a company stopping its own trade takes no measure
    "Kestrel Foods stopped selling apples from Chile.",
    "Vorlan Shipping halted imports of Brazilian coffee after the price rose.",
    # stopping weapons on their way is an interdiction, not a trade measure
    "The navy stopped Iranian weapons bound for Yemen.",
    # a copula that denies the members names none
    "The EU sanctioned three men. The three men are not Mara Quist and Dorian Kell, as first reported.",
]


def _targets(found: list[dict]) -> set[str]:
    return {t for f in found for t in f["target"]}


@pytest.mark.parametrize("text,targets", SANCTIONS)
def test_whom_the_measure_acts_on(text, targets):
    found = sanctions(analyse_text(text))
    assert targets <= _targets(found), found
    assert all(f["by"] for f in found)


@pytest.mark.parametrize("text,targets", RELIEFS)
def test_whom_a_lifted_measure_acted_on(text, targets):
    assert targets <= _targets(sanctions(analyse_text(text), relief=True))


@pytest.mark.parametrize("text", NOTHING)
def test_look_alikes_give_no_measure(text):
    assert sanctions(analyse_text(text)) == []
    assert sanctions(analyse_text(text), relief=True) == []


@pytest.mark.parametrize("text,not_targets", [
    # a colon that opens a sentence, not a list: its names are not members
    ("The Treasury sanctioned three companies on Monday: Mara Quist said more would follow.", {"Mara Quist"}),
    # the copula only names a group a measure counted; "are based in" names no members
    ("Japan sanctioned two companies on Monday. The two companies are based in Osaka.", {"Osaka"}),
    # whose assets, not who froze them; "held by" names a custodian, not the owner
    ("The Treasury froze funds held by Vorlan Shipping.", {"Treasury", "Vorlan Shipping"}),
    # the owner named before a member is no member
    ("The EU imposed sanctions on two men: Quist's associates Dorian Kell and Tobias Lindqvist.", {"Quist"}),
])
def test_what_is_not_a_member(text, not_targets):
    found = sanctions(analyse_text(text))
    assert not (not_targets & _targets(found)), found


@pytest.mark.parametrize("text,by,target", [
    # a reduced relative clause the parser reads as the main verb: its subject is acted on, "by" acts
    ("Vorlan Shipping, granted a waiver by the Treasury, said on Friday it would resume sailings.",
     "Treasury", "Vorlan Shipping"),
])
def test_a_misread_reduced_relative_is_passive(text, by, target):
    found = sanctions(analyse_text(text), relief=True)
    assert any(by in f["by"] and target in f["target"] for f in found), found


@pytest.mark.parametrize("text,members", [
    # the member cue after a longer clause, and members described in apposition
    ("Russia on Friday banned eight officials from the European Union and its member states from entering the "
     "country, among them Dario Salvi, the president of the European Parliament, and Vera Jankova, a vice-president "
     "of the European Commission.", {"Dario Salvi", "Vera Jankova"}),
    ("Britain froze the assets of three men, including Ivan Petrov, a former general, and Oleg Sidorov.",
     {"Ivan Petrov", "Oleg Sidorov"}),
])
def test_members_after_a_long_clause_and_with_descriptions(text, members):
    result = analyse_text(text)
    names = {e.local_id: max(e.names, key=e.names.get) for e in result.entities if e.names}
    targets = {names.get(t) for f in result.facts if getattr(f, "kind", None) == "sanction" for t in f.entities("targets")}
    assert members <= targets, targets
    assert not targets & {"European Parliament", "European Commission"}, targets

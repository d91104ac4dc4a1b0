"""Shapes of sanctions, reliefs, deals and roles that the extractors missed or misread, each with look-alikes that
must give nothing.

- A listing sentence said with "not" names no member ("X is not on the list", "Y is not among those named").
- "it", the subject of a clause coordinated after another, is that clause's subject ("Canada has long kept X under
  sanctions, and in 2019 it sanctioned Y"); a body that keeps or places X under sanctions imposes them on X.
- A body "of ... States" or "of ... Nations" is a body of governments, which imposes and lifts sanctions; the acronym
  an article gives it in brackets is its name wherever it appears later; "lifted the sanctions that the bloc imposed
  on Mali" names its target even when the parser misreads the relative clause.
- A travel ban on "two senior managers" of a company is on the managers a later list line names ("The two men,
  both of X, are:"), not on the company.
- "presides over" a body is heading it, also in a relative clause on a title ("X, a colonel who presides over Y");
  "set up" founds a company; plural founder titles name every founder of the list ("Its founders included A and B",
  "Among the founders of Y was C").
- "took full control of X" is an acquisition; "the planned merger of A and B" is A's with B, and a regulator that
  blocks it is no party; "A, together with B, agreed to buy C": B buys too.
- A conjunct told after a relative clause is not what the clause's verb acts on ("owns the chain, which it bought in
  2017, and Lumio Bank": the bank was not bought).
- A licence of technology is the licensor's offer to the licensee, whichever way it is told ("licensed its designs
  to X", "licensed the vaccine from Y", "technology licensed from Y"); a permit to export or to operate is not.
- Names ending in a trade's word ("Kestrel Fuels", "Orvik Robotics", "Pexley Stores") are companies.

Sentences are written for this project."""
from __future__ import annotations

import pytest
from factlib import analyse_text, entity_types, offers, relations, sanctions

from kg.builder.analyse import analyse
from kg.read.article import parse_article_text

TREASURY = "Treasury imposed sanctions on the Bureau of Special Works on Monday. "


@pytest.mark.parametrize("text", [
    TREASURY + "Ivan Petrov, the oil trader, is not on the list, the ministry said.",
    TREASURY + "Omar Petrov is not among those named.",
    TREASURY + "The list does not include Rosa Klee.",
    TREASURY + "Rosa Klee was never on the list.",
    TREASURY + "Neither Kovra Energy nor Pelmar Oil is on the list.",
    TREASURY + "Rolmar Leasing was not included in the list.",
])
def test_a_negated_listing_names_no_member(text):
    found = sanctions(analyse_text("The " + text))
    assert all(s["target"] == {"Bureau of Special Works"} for s in found), found


@pytest.mark.parametrize(("text", "target"), [
    ("Canada has long kept the Tarvo Institute under sanctions, and in 2019 it sanctioned the Penrose Group.",
     "Penrose Group"),
    ("Canada has long kept the Tarvo Institute under sanctions.", "Tarvo Institute"),
    ("Ottawa placed the Kelvo Shipping Company under an embargo in 2020.", "Kelvo Shipping Company"),
])
def test_a_body_that_keeps_a_target_under_sanctions_imposes_them(text, target):
    found = sanctions(analyse_text(TREASURY.replace("Treasury", "The US Treasury") + text))
    assert any(s["by"] == {"Canadian government"} and target in s["target"] for s in found), found
    assert not any(target in s["target"] and "United States Department of the Treasury" in s["by"] for s in found), found


@pytest.mark.parametrize("text", [
    "The club has kept Jonas Berg under contract since 2019.",
    "Canada has long kept the Tarvo Institute under review.",
    "Police placed Ivan Petrov under arrest in Ottawa.",
])
def test_under_anything_but_a_measure_is_no_sanction(text):
    assert not sanctions(analyse_text(text)), sanctions(analyse_text(text))


ECOWAS = "Economic Community of West African States"


def test_a_body_of_states_lifts_the_sanctions_it_imposed():
    result = analyse_text(f"Leaders of the {ECOWAS} (ECOWAS) on Sunday lifted the economic and financial sanctions "
                          "that the bloc imposed on Mali in January, after the junta agreed to hold elections.")
    assert entity_types(result)[ECOWAS] == "GovernmentBody"
    assert any(s["by"] == {ECOWAS} and s["target"] == {"Mali"} for s in sanctions(result, relief=True)), \
        sanctions(result, relief=True)


def test_an_acronym_given_in_brackets_names_the_body_later():
    result = analyse_text(f"The {ECOWAS} (ECOWAS) met in Accra on Sunday. ECOWAS on Sunday lifted its sanctions "
                          "on Mali.")
    assert any(s["by"] == {ECOWAS} and s["target"] == {"Mali"} for s in sanctions(result, relief=True)), \
        sanctions(result, relief=True)


@pytest.mark.parametrize(("name", "kind"), [
    ("Organization of American States", "GovernmentBody"),
    ("Union of South American Nations", "GovernmentBody"),
    ("Kestrel Fuels", "Company"),
    ("Orvik Robotics", "Company"),
    ("Pexley Stores", "Company"),
])
def test_a_names_last_word_says_what_it_is(name, kind):
    result = analyse_text(f"The {name} said on Monday that it had hired advisers. The {name} gave no details.")
    assert entity_types(result).get(name) == kind, entity_types(result)


GROUP = """Australia sanctions two mining managers

CANBERRA, March 3 (Wire) -- Australia on Thursday imposed a travel ban and an asset freeze on two senior managers of Tavaro's state mining company, the first names added to the regime.

The two men, both of the Tavaro Mining Corporation, are:

* Ivo Karlsen, a vice-president of the company;
* Petr Lumov, the deputy director of its exploration department.

The ministry said the pair had been responsible for the work.
"""


def test_the_people_a_counted_group_names_later_take_its_measure():
    (result,) = analyse([parse_article_text(GROUP, source="t", file_name="group.txt")])
    targets = {t for s in sanctions(result) for t in s["target"]}
    assert {"Ivo Karlsen", "Petr Lumov"} <= targets, sanctions(result)
    assert "Tavaro Mining Corporation" not in targets, sanctions(result)


@pytest.mark.parametrize(("text", "expected"), [
    ("Lena Dahl, a colonel who presides over the Transitional Assembly, spoke on Monday.",
     ("Lena Dahl", "headOf", "Transitional Assembly")),
    ("Tarsen Capital, which was set up in 2004 by Paul Gray and Lena Moss, bought a stake in Orel Foods.",
     ("Lena Moss", "founderOf", "Tarsen Capital")),
    ("Marta Lind set up Solvik Games AB in 2009.", ("Marta Lind", "founderOf", "Solvik Games AB")),
    ("Brevik Motors AS said it would cut jobs. Its founders included Karl Vint and Ola Sund.",
     ("Ola Sund", "founderOf", "Brevik Motors AS")),
    ("Brevik Motors AS said it would cut jobs. Its founders included Karl Vint and Ola Sund.",
     ("Karl Vint", "founderOf", "Brevik Motors AS")),
    ("Halden Bank cut rates. Among the founders of Halden Bank was Lars Ek.", ("Lars Ek", "founderOf", "Halden Bank")),
    ("Among the founders of Brisk Beverages were Omar Haddad and Lina Ortez.",
     ("Lina Ortez", "founderOf", "Brisk Beverages")),
])
def test_roles_told_by_presiding_setting_up_and_plural_titles(text, expected):
    assert expected in relations(analyse_text(text)), relations(analyse_text(text))


@pytest.mark.parametrize("text", [
    "Marta Lind set up a meeting with Solvik Games AB in 2009.",
    "Halden Bank cut rates. Its chairmen included Ivo Berg.",
    "Brevik Motors AS said it would cut jobs. Its founders did not include Karl Vint.",
    "Among the speakers at Brisk Beverages was Karl Holm.",
])
def test_no_role_from_look_alikes(text):
    rels = relations(analyse_text(text))
    assert not any(p in ("founderOf", "headOf") for _, p, _ in rels), rels


@pytest.mark.parametrize(("text", "buyer", "bought"), [
    ("In 2011 Brenner Group took full control of Alpen Dairy after raising its offer.", "Brenner Group",
     "Alpen Dairy"),
    ("Halden Bank gained control of Pexley Stores in 2015.", "Halden Bank", "Pexley Stores"),
])
def test_taking_control_of_a_company_is_an_acquisition(text, buyer, bought):
    result = analyse_text(text)
    assert any(o["by"] == {buyer} and o["to"] == {bought} and o["status"] == "completed" for o in offers(result)), \
        offers(result)
    assert (bought, "subsidiaryOf", buyer) in relations(result)


@pytest.mark.parametrize("text", [
    "The rebels took control of Goma on Sunday.",
    "Orvik Group took control of the board in May.",
    "Brenner Group said it could take control of Alpen Dairy next year.",
])
def test_control_of_no_company_is_no_deal(text):
    result = analyse_text(text)
    assert not any(o["status"] == "completed" for o in offers(result)), offers(result)
    assert not any(p == "subsidiaryOf" for _, p, _ in relations(result)), relations(result)


@pytest.mark.parametrize(("text", "first", "second"), [
    ("The regulator on Thursday blocked the planned merger of Marlow Foods and Pexley Stores.", "Marlow Foods",
     "Pexley Stores"),
    ("The Competition Board blocked the planned combination of Orvik Group and Halden Bank.", "Orvik Group",
     "Halden Bank"),
])
def test_a_merger_of_two_named_is_between_them_not_its_judge(text, first, second):
    result = analyse_text(text)
    mergers = [f for f in result.facts if getattr(f, "kind", None) == "merger"]
    names = {e.local_id: e.best_name for e in result.entities}
    parties = [({names[i] for i in f.entities("acquirer")}, {names[i] for i in f.entities("acquired")}) for f in mergers]
    assert ({first}, {second}) in parties, parties


def test_a_partner_together_with_the_subject_acts_too():
    found = sanctions(analyse_text("Canada, together with Britain, sanctioned Orvik Shipping on Monday."))
    assert {s["by"] == {"British government"} for s in found} == {True, False}, found


def test_a_conjunct_after_a_relative_clause_is_not_what_the_clause_did():
    rels = relations(analyse_text("Lumio Energy also owns the Voltra charging chain, which it bought in 2017, and "
                                  "Lumio Bank. Orvik Group bought Pella Foods and Kasto Mining in 2019."))
    assert ("Kasto Mining", "subsidiaryOf", "Orvik Group") in rels, rels
    assert ("Pella Foods", "subsidiaryOf", "Orvik Group") in rels, rels
    result = analyse_text("Lumio Energy also owns the Voltra charging chain, which it bought in 2017, and Lumio Bank.")
    assert not any(o["status"] == "completed" and "Lumio Bank" in o["to"] for o in offers(result)), offers(result)


@pytest.mark.parametrize(("text", "licensor", "licensee", "item"), [
    ("Orvik Motors will build the plant using technology licensed from Kestrel Batteries, the Chinese battery maker.",
     "Kestrel Batteries", "Orvik Motors", "technology"),
    ("Kestrel Batteries will license its cell designs to Orvik Motors.", "Kestrel Batteries", "Orvik Motors",
     "cell designs"),
    ("Halden Energy licensed its solar technology to Brevik Power in 2020.", "Halden Energy", "Brevik Power",
     "solar technology"),
    ("Pella Pharma licensed the vaccine from Lumio Labs last year.", "Lumio Labs", "Pella Pharma", "vaccine"),
])
def test_a_licence_of_technology_is_the_licensors_offer(text, licensor, licensee, item):
    found = offers(analyse_text(text))
    assert any(o["by"] == {licensor} and o["to"] == {licensee} and item in o["item"] for o in found), found


@pytest.mark.parametrize("text", [
    "The ministry licensed Brevik Power to export turbines.",
    "Brevik Power is licensed to operate three mines in Chile.",
    "Kestrel Batteries did not license its patents to Tarvo Group.",
    "Halden Bank, a licensed lender, opened a branch in Oslo.",
])
def test_a_permit_or_a_denied_licence_is_no_offer(text):
    assert not offers(analyse_text(text)), offers(analyse_text(text))


@pytest.mark.parametrize(("text", "buyer", "bought", "status"), [
    ("The regulator on Thursday blocked the planned merger of Marlow Foods and Pexley Stores.", "Marlow Foods",
     "Pexley Stores", "blocked"),
    ("Halden Bank abandoned its purchase of Lumio Labs.", "Halden Bank", "Lumio Labs", "withdrawn"),
    ("Brenner Group will buy Alpen Dairy for 2 billion euros.", "Brenner Group", "Alpen Dairy", "accepted"),
    ("Kelso Capital will take a majority of Dunmore Stores in a deal that values it at about 6.8 billion pounds.",
     "Kelso Capital", "Dunmore Stores", "accepted"),
])
def test_a_deal_with_a_status_is_the_buyers_offer_in_that_state(text, buyer, bought, status):
    found = offers(analyse_text(text))
    assert [o["status"] for o in found if o["by"] == {buyer} and o["to"] == {bought}] == [status], found


def test_an_agreed_deal_told_once_is_one_offer():
    found = offers(analyse_text("Brenner Group has agreed to acquire Alpen Dairy for 2 billion euros."))
    assert len(found) == 1 and found[0]["status"] == "accepted", found


@pytest.mark.parametrize("text", [
    "Brenner Group could buy Alpen Dairy if talks go well.",
    "Brenner Group will not buy Alpen Dairy, its chief executive said.",
    "The regulator blocked the sale of 40 stores by Marlow Foods.",
])
def test_no_agreed_deal_from_look_alikes(text):
    found = offers(analyse_text(text))
    assert not any(o["status"] in ("accepted", "blocked") and o["to"] == {"Alpen Dairy"} for o in found), found


def test_a_name_cut_at_a_nationality_inside_it_is_whole():
    types = entity_types(analyse_text("The Union of South American Nations met in Quito. The Bank of England's "
                                      "American unit grew."))
    assert types.get("Union of South American Nations") == "GovernmentBody", types
    assert set(types) == {"Union of South American Nations", "Bank of England"}, types


@pytest.mark.parametrize(("text", "company", "country"), [
    ("Norvale Technology, the Boise, Idaho-based memory maker, sued.", "Norvale Technology", "United States"),
    ("Tarvik Microelectronics Corporation, the Hsinchu-based contract chipmaker, denied it.",
     "Tarvik Microelectronics Corporation", "Taiwan"),
])
def test_a_description_hung_on_the_town_of_its_place_is_the_companys(text, company, country):
    assert (company, "basedIn", country) in relations(analyse_text(text)), relations(analyse_text(text))


@pytest.mark.parametrize(("text", "person", "fact"), [
    ("Dana Motor is the chief executive of Orlan Systems.", "Dana Motor", ("Dana Motor", "ceoOf", "Orlan Systems")),
    ("Ole Bakeries, the chief executive of Nordvik Foods, resigned.", "Ole Bakeries",
     ("Ole Bakeries", "ceoOf", "Nordvik Foods")),
    ("Tomas Apparel, who founded Orsk Media, spoke on Monday.", "Tomas Apparel",
     ("Tomas Apparel", "founderOf", "Orsk Media")),
    ("Maria Payments, a teacher, was arrested in Lagos.", "Maria Payments", None),
])
def test_a_trades_word_after_a_given_name_is_a_surname(text, person, fact):
    result = analyse_text(text)
    assert entity_types(result).get(person) == "Person", entity_types(result)
    assert fact is None or fact in relations(result), relations(result)


@pytest.mark.parametrize("name", ["Cooperative Bank of the Pacific Nations", "Savings Bank of the Island Nations"])
def test_a_bank_of_nations_is_no_body_of_states(name):
    types = entity_types(analyse_text(f"The {name} was fined by the regulator on Monday."))
    assert types.get(name) != "GovernmentBody", types


@pytest.mark.parametrize("text", [
    "Ostrel Partners assumed control of the board of Kenmar Oil.",
    "Ostrel Partners gained control of Kenmar Oil's board after a proxy fight.",
])
def test_control_of_a_companys_board_is_no_acquisition(text):
    result = analyse_text(text)
    assert not offers(result) and not any(p == "subsidiaryOf" for _, p, _ in relations(result)), \
        (offers(result), relations(result))


@pytest.mark.parametrize(("text", "status"), [
    ("Delmar Bank welcomed the merger of Castell Bank and Ostra Bank.", "accepted"),
    ("Britain's competition authority opposed the combination of Trellis Media and Quorum Studios.", "accepted"),
    ("Pelman Bank hopes to take control of Sorvik Insurance next year.", None),
])
def test_a_deal_judged_by_a_third_party_is_not_done_and_the_judge_is_no_party(text, status):
    found = offers(analyse_text(text))
    assert not any(o["status"] == "completed" for o in found), found
    assert not any({"Delmar Bank"} & (o["by"] | o["to"]) for o in found), found
    assert status is None or any(o["status"] == status for o in found), found


def test_a_company_does_not_offer_to_merge_with_itself():
    assert not offers(analyse_text("Lisko Retail said it expected approval of its merger with Harbour Supermarkets."))


def test_a_partner_named_with_the_appointing_company_does_not_employ():
    rels = relations(analyse_text("Norden Air, together with its parent Velta Airways, appointed Ola Berg as chief "
                                  "executive."))
    assert ("Ola Berg", "ceoOf", "Norden Air") in rels and ("Ola Berg", "ceoOf", "Velta Airways") not in rels, rels


@pytest.mark.parametrize(("text", "status"), [
    ("Switzerland may lift the sanctions that it imposed on Delkor Finance.", "proposed"),
    ("Switzerland plans to lift the sanctions that it imposed on Delkor Finance.", "proposed"),
    ("Switzerland may lift sanctions on Delkor Finance.", "proposed"),
    ("Switzerland lifted the sanctions that it imposed on Delkor Finance.", "lifted"),
])
def test_a_relief_said_with_may_or_a_plan_is_proposed(text, status):
    found = sanctions(analyse_text(text), relief=True)
    assert found and all(s["status"] == status for s in found), found


@pytest.mark.parametrize(("text", "supplier", "buyer", "goods"), [
    ("Orvik Defence agreed in 2014 to supply Saudi Arabia with light armoured vehicles under a contract valued at "
     "about 15 billion dollars.", "Orvik Defence", "Saudi Arabia", "light armoured vehicles"),
    ("Kestrel Pharma has already agreed to supply the US government with about 1.7 million courses of the drug.",
     "Kestrel Pharma", "United States government", "courses"),
    ("Halden Wind agreed to supply 500 turbines to Brevik Power.", "Halden Wind", "Brevik Power", "500 turbines"),
])
def test_an_agreement_to_supply_is_the_suppliers_offer(text, supplier, buyer, goods):
    found = offers(analyse_text(text))
    assert any(o["by"] == {supplier} and o["to"] == {buyer} and goods in o["item"] and o["status"] == "accepted"
               for o in found), found


@pytest.mark.parametrize("text", [
    "Halden Wind supplies turbines to Brevik Power.",
    "Orvik Defence did not agree to supply Saudi Arabia with vehicles.",
    "Kestrel Pharma refused to supply Tavaro Health with the drug.",
])
def test_trade_as_a_habit_or_a_refusal_is_no_supply_offer(text):
    assert not any(o["status"] == "accepted" for o in offers(analyse_text(text))), offers(analyse_text(text))


def test_a_counted_group_of_people_stands_for_the_people_just_named():
    found = sanctions(analyse_text(
        "The General Court on Wednesday annulled the listing of Pavel Orlov and Ivan Sedov, the founders of Kestrel "
        "Bank. The judges faulted the reasons the Council of the EU gave when it froze the two men's assets and barred "
        "them from travel on 28 February 2022."))
    assert any(s["target"] == {"Pavel Orlov", "Ivan Sedov"} and "asset" in s["program"] for s in found), found


@pytest.mark.parametrize("text", [
    # one person named: "the two men" are not known
    "Pavel Orlov spoke on Monday. The Council of the EU froze the two men's assets in March.",
    # the group is named where it stands, or is another group
    "Pavel Orlov and Ivan Sedov met in Riga. The Council of the EU froze the assets of the two men at the helm of "
    "Tarvo Bank in March.",
])
def test_a_counted_group_without_its_people_before_it_names_nobody(text):
    found = sanctions(analyse_text(text))
    assert not any({"Pavel Orlov", "Ivan Sedov"} & s["target"] for s in found), found


@pytest.mark.parametrize("text", [
    "Kestrel Payments AG said sales fell. The board named Tom Reiss as interim chief executive.",
    "Kestrel Payments AG said sales fell. The company's board named Tom Reiss as chief executive.",
    "Kestrel Payments AG said sales fell. Its management board now consists of:\n\nTom Reiss -- interim chief "
    "executive\nUte Kahl -- chief financial officer\n",
    "Kestrel Payments AG said sales fell. Its management board now consists of:\n\nTom Reiss, interim chief "
    "executive\nUte Kahl, chief financial officer\n",
])
def test_a_board_the_article_names_appoints_for_its_company(text):
    (result,) = analyse([parse_article_text("Board changes\n\n" + text, source="t", file_name="board.txt")])
    assert ("Tom Reiss", "ceoOf", "Kestrel Payments AG") in relations(result), relations(result)


@pytest.mark.parametrize("text", [
    "Kestrel Payments AG and Orvik Bank said sales fell. The board named Tom Reiss as chief executive.",
    "Kestrel Payments AG said sales fell. The following people were arrested:\n\nTom Reiss, chief executive\nUte "
    "Kahl, a banker\n",
    "The board named Tom Reiss as chief executive.",
])
def test_no_company_for_a_board_or_a_list_that_names_none(text):
    (result,) = analyse([parse_article_text("Board changes\n\n" + text, source="t", file_name="board.txt")])
    assert not any(p == "ceoOf" for _, p, _ in relations(result)), relations(result)

"""Sanctions whose target is a country's goods or sector ("sanctions on Iranian oil").

The country is the target; the phrase naming the goods is kept as the restriction.
Sentences are written for this project.
"""
from __future__ import annotations

import pytest
from factlib import analyse_text, sanctions

CASES = [
    ("Washington reimposed sanctions on Iranian crude exports in November 2018.",
     {"by": {"United States government"}, "target": {"Iran"}, "restriction": "Iranian crude exports"}),
    ("The European Union agreed to ban imports of Russian coal.",
     {"by": {"European Union"}, "target": {"Russia"}, "program": "embargo"}),
    ("The US Treasury slapped an embargo on Venezuela's oil sector.",
     {"target": {"Venezuela"}, "program": "embargo", "restriction": "Venezuela's oil sector"}),
    ("Syrian oil was placed under an embargo by the European Union.",
     {"by": {"European Union"}, "target": {"Syria"}}),
]


@pytest.mark.parametrize("text,expected", CASES)
def test_a_countrys_goods_make_the_country_the_target(text, expected):
    found = sanctions(analyse_text(text))
    assert any(all(f[k] == v for k, v in expected.items()) for f in found), found


def test_a_tariff_on_a_countrys_goods_targets_the_country():
    # a tariff is its own kind of sanction (kg:Tariff, a kg:Sanction): told once, with the goods
    result = analyse_text("Ottawa imposed tariffs on Chinese steel.")
    ents = {e.local_id: e for e in result.entities}
    tariffs = [(ents[dict(f.slots)["imposed_by"][0]].gaz_id, [ents[t].gaz_id for t in dict(f.slots)["targets"]],
                dict(f.slots).get("goods")) for f in result.facts if getattr(f, "kind", None) == "tariff"]
    assert tariffs == [("canada-government", ["china"], "Chinese steel")], tariffs


def test_goods_without_a_named_country_give_no_country_target():
    found = sanctions(analyse_text("The ministry banned imports of crude oil with a high sulphur content."))
    assert all(not f["target"] for f in found), found


def test_a_country_restricting_its_own_goods_is_not_its_own_target():
    found = sanctions(analyse_text("Iran banned oil exports to the rest of the region."))
    assert all("Iran" not in f["target"] for f in found), found


# --- shapes found on held-out articles (sentences written here) ---

def test_every_named_company_of_a_listing_is_a_target():
    found = sanctions(analyse_text(
        "China added US arms makers Lockheed Martin and Raytheon Missiles & Defense to its unreliable entity list."))
    targets = {t for f in found for t in f["target"]}
    assert {"Lockheed Martin", "Raytheon Missiles & Defense"} <= targets, found


def test_companions_of_a_banned_person_are_targets_of_the_sanction_told_just_before():
    found = sanctions(analyse_text(
        "Britain froze the assets of Roman Abramovich on Thursday. "
        "Abramovich, along with Oleg Deripaska and Igor Sechin, is now banned from travelling to the UK."))
    by_target = {t: f["by"] for f in found for t in f["target"]}
    assert by_target.get("Oleg Deripaska") == {"British government"}, found
    assert by_target.get("Igor Sechin") == {"British government"}, found


def test_a_body_is_not_the_target_of_a_penalty_it_imposed():
    found = sanctions(analyse_text(
        "The US Commerce Department fined ZTE. Wilbur Ross told CNBC that the penalty was the largest "
        "the department had ever imposed."))
    assert all("US Department of Commerce" not in f["target"] for f in found), found


def test_a_passive_without_an_imposer_far_from_any_sanction_stays_unattributed():
    found = sanctions(analyse_text(
        "The US added Huawei to the Entity List in May. Its phones sold well in Europe. Sales rose in Asia. "
        "Analysts expected growth. Separately, ZTE was banned from buying parts."))
    assert all("ZTE" not in f["target"] for f in found), found


@pytest.mark.parametrize("text,expected", [
    # whom the licence lets act
    ("Britain froze the assets of the club's owner. To keep the season going, the government issued a "
     "special licence that allows Chelsea to keep playing its fixtures.",
     {"by": {"British government"}, "target": {"Chelsea"}}),
    ("Washington sanctioned PDVSA. The Treasury also issued licences allowing Chevron to keep working "
     "in Venezuela for six months.",
     {"target": {"Chevron"}}),
    # a relief that names only the measure: the sanction told before
    ("The Commerce Department imposed a denial order on ZTE in April. The denial order will be lifted "
     "once the company has paid the fine.",
     {"by": {"US Department of Commerce"}, "target": {"ZTE"}}),
])
def test_relief_shapes(text, expected):
    found = sanctions(analyse_text(text), relief=True)
    assert any(all(f[k] == v for k, v in expected.items()) for f in found), found


# --- shapes found on the second development set (sentences written here) ---

@pytest.mark.parametrize("text,expected", [
    ("European Union leaders agreed to ban imports of Russian coal arriving by sea.",
     {"by": {"European Union"}, "target": {"Russia"}}),
    ("Chinese authorities barred Acme Robotics from selling drones in the country.",
     {"by": {"Chinese government"}}),
    ("The Federal Communications Commission banned the approval of new equipment from Hikvision and Dahua.",
     {"by": {"Federal Communications Commission"}, "target": {"Hikvision", "Dahua Technology"}}),
    ("BIS added 20 Chinese firms to its Unverified List, among them Yangtze Memory Technologies.",
     {"target": {"Yangtze Memory Technologies"}, "program": "Unverified List"}),
    ("EU leaders agreed to ban imports of Russian coal. The package also removes Sberbank from the Swift "
     "payments system.", {"by": {"European Union"}, "target": {"Sberbank"}, "program": "SWIFT removal"}),
    ("Washington restricts exports of advanced chips to China", {"target": {"China"}, "program": "export controls"}),
])
def test_second_dev_set_shapes(text, expected):
    found = sanctions(analyse_text(text))
    assert any(all(f[k] == v for k, v in expected.items()) for f in found), found


@pytest.mark.parametrize("text,relief", [
    ("The Treasury removed Rusal from its sanctions list.", True),
    ("The Commerce Department removed ZTE from the Entity List.", True),
    ("Washington removed Huawei from the list of approved suppliers.", False),
    ("The EU removed Sberbank from the Swift payments system.", False),
])
def test_removal_is_relief_only_from_a_sanctions_list(text, relief):
    assert bool(sanctions(analyse_text(text), relief=True)) is relief


@pytest.mark.parametrize("text,expected", [
    # the country reacting to a measure is its target
    ("Beijing hit back at the sweeping chip export restrictions unveiled by Washington last week.",
     {"by": {"United States government"}, "target": {"China"}, "program": "export controls"}),
    ("The review was seen as retaliation for US measures targeting China's chip industry.",
     {"by": {"United States government"}, "target": {"China"}}),
    # an order to stop buying a maker's products
    ("China tells key infrastructure operators to stop buying Micron chips",
     {"by": {"Chinese government"}, "target": {"Micron Technology"}}),
    ("The Commerce Department ordered American firms to stop selling to ZTE.",
     {"by": {"US Department of Commerce"}, "target": {"ZTE"}}),
    # threatened or urged measures are kept with a status that says so
    ("The US threatened sanctions against Turkey.", {"target": {"Turkey"}, "status": "threatened"}),
    ("A senator urged the Commerce Department to add Hikvision to the Entity List.",
     {"by": {"US Department of Commerce"}, "status": "proposed"}),
])
def test_reactions_orders_and_hypotheticals(text, expected):
    found = sanctions(analyse_text(text))
    assert any(all(f[k] == v for k, v in expected.items()) for f in found), found


def test_the_department_is_the_body_named_with_that_word():
    found = sanctions(analyse_text(
        "The US Commerce Department warned the chipmaker. China's Cyberspace Administration then acted. "
        "A senator urged the department to add ChangXin Memory to the Entity List."))
    assert all(f["by"] == {"US Department of Commerce"} for f in found if "ChangXin Memory" in f["target"]), found


def test_listed_items_with_owners_are_the_targets_and_the_owners_are_not():
    found = sanctions(analyse_text(
        "India has banned 59 mobile apps developed by Chinese companies, including ByteDance's popular "
        "TikTok and Tencent's WeChat."))
    assert any(f["target"] == {"TikTok", "WeChat"} for f in found), found


def test_members_of_a_list_told_before_join_that_listing():
    found = sanctions(analyse_text(
        "The US Commerce Department put Hikvision and 27 other organisations on its Entity List on Monday. "
        "Besides Hikvision, the list includes its rival Zhejiang Dahua Technology and the start-up Megvii."))
    assert any({"Hikvision", "Megvii"} <= f["target"] and f["program"] == "Entity List"
               and f["by"] == {"US Department of Commerce"} for f in found), found


def test_a_country_that_says_it_will_restrict_exports_imposes_them():
    found = sanctions(analyse_text("Japan said on Friday it would restrict exports of chipmaking equipment to China."))
    assert any(f["by"] == {"Japanese government"} and f["target"] == {"China"} for f in found), found

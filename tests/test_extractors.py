"""Table-driven extractor tests: sentence -> expected facts, through the real spaCy model and gazetteer.

Every sentence here is written for these tests (facts may be real, wording is ours).
"""
from __future__ import annotations

import pytest
from factlib import analyse_text, entity_types, offers, relations, sanctions, statements, titles

ROLE_CASES = [
    ("Alibaba founder Jack Ma stepped back from public life in 2020.", ("Jack Ma", "founderOf", "Alibaba")),
    ("Microsoft chief executive Satya Nadella met investors in New York on Tuesday.",
     ("Satya Nadella", "ceoOf", "Microsoft")),
    ("Tim Cook, Apple's chief executive, spoke at the conference.", ("Tim Cook", "ceoOf", "Apple")),
    ("Gina Raimondo, the US Commerce Secretary, said the rules would be enforced.",
     ("Gina Raimondo", "headOf", "US Department of Commerce")),
    ("German Chancellor Olaf Scholz visited Beijing on Friday.", ("Olaf Scholz", "headOf", "German government")),
    ("Anna Petrova, a professor at Harvard University, said the sanctions were unlikely to work.",
     ("Anna Petrova", "employeeOf", "Harvard University")),
    ("\"We will not back down,\" said Ursula von der Leyen, the president of the European Commission.",
     ("Ursula von der Leyen", "headOf", "European Commission")),
    ("Huawei's founder and CEO Ren Zhengfei gave a rare interview on Monday.", ("Ren Zhengfei", "founderOf", "Huawei")),
    ("Huawei's founder and CEO Ren Zhengfei gave a rare interview on Monday.", ("Ren Zhengfei", "ceoOf", "Huawei")),
]

ROLE_CASES += [
    ("Raytheon Technologies, led by Greg Hayes, makes missiles.", ("Greg Hayes", "ceoOf", "RTX")),  # RTX: the gazetteer name; led by: its CEO
    ("Lockheed Martin, whose chief executive is James Taiclet, builds fighter jets.",
     ("James Taiclet", "ceoOf", "Lockheed Martin")),
    ("Oleg Deripaska, who founded Rusal, has called the measures unfair.", ("Oleg Deripaska", "founderOf", "Rusal")),
]

ORG_CASES = [
    ("Instagram, a unit of Meta Platforms, launched a new feature.", ("Instagram", "subsidiaryOf", "Meta")),
    ("Verizon uses equipment from Ericsson and Nokia in its network.", ("Verizon", "customerOf", "Ericsson")),
    ("Verizon uses equipment from Ericsson and Nokia in its network.", ("Verizon", "customerOf", "Nokia")),
    ("Samsung's rivals Apple and Xiaomi reported weaker sales.", ("Samsung", "competitorOf", "Apple")),
    ("Chinese chipmaker SMIC reported record revenue.", ("SMIC", "basedIn", "China")),
    ("The deal would hand control to Moscow-based Rosneft.", ("Rosneft", "basedIn", "Russia")),
    ("Regulators in Seoul fined South Korea's Samsung Electronics on Monday.",
     ("Samsung Electronics", "basedIn", "South Korea")),
]


@pytest.mark.parametrize("text,expected", ROLE_CASES + ORG_CASES)
def test_relation_is_extracted(text, expected):
    assert expected in relations(analyse_text(text))


def test_department_name_is_part_of_the_title():
    result = analyse_text("Commerce Secretary Wilbur Ross said the rule would stay.")
    assert titles(result)[("Wilbur Ross", "headOf", "US Department of Commerce")] == "Commerce Secretary"


def test_job_title_is_kept_as_written():
    result = analyse_text("Microsoft chief executive Satya Nadella met investors in New York on Tuesday.")
    assert titles(result)[("Satya Nadella", "ceoOf", "Microsoft")] == "chief executive"


def test_head_of_state_title_without_country_uses_the_country_in_the_sentence():
    result = analyse_text("President Maduro rejected the measures, Venezuela's foreign ministry said.")
    assert ("Nicolás Maduro", "headOf", "Venezuelan government") in relations(result) or \
        any(r[0].endswith("Maduro") and r[2] == "Venezuelan government" for r in relations(result))


NOT_RELATIONS = [
    ("UK orders Huawei kit stripped from 5G networks by 2027.", ("Huawei", "basedIn", "United Kingdom")),
    ("Nvidia has dropped its plan to buy the British chip designer Arm from SoftBank.", ("Nvidia", "customerOf", "Arm")),
    ("President Donald Trump said he was working with Chinese President Xi Jinping on a deal.",
     ("Donald Trump", "headOf", "Chinese government")),
]


@pytest.mark.parametrize("text,unwanted", NOT_RELATIONS)
def test_relation_is_not_extracted(text, unwanted):
    assert unwanted not in relations(analyse_text(text))


def test_no_role_from_a_verb_between_title_and_name():
    rels = relations(analyse_text("The company's chief executive said on Monday that it had hired Maria Lopez."))
    assert not any(r[0] == "Maria Lopez" for r in rels)


SANCTION_CASES = [
    ("The US Commerce Department added Hikvision to the Entity List in October 2019.",
     {"by": {"US Department of Commerce"}, "target": {"Hikvision"}, "program": "Entity List", "date": "2019-10"}),
    ("China's Ministry of Commerce added Skydio to its unreliable entity list on Thursday.",
     {"by": {"Ministry of Commerce of the People's Republic of China"}, "target": {"Skydio"},
      "program": "unreliable entity list", "date": "2020-06-11"}),
    ("The European Union imposed an asset freeze on Gazprom Neft last month.",
     {"by": {"European Union"}, "target": {"Gazprom Neft"}, "program": "asset freeze", "date": "2020-05"}),
    ("Washington imposed sanctions on Iran in 2018.",
     {"by": {"United States government"}, "target": {"Iran"}, "program": "sanctions", "date": "2018"}),
    ("Beijing retaliated by banning exports of gallium to the United States.",
     {"by": {"Chinese government"}, "target": {"United States"}, "program": "export ban"}),
    ("Lockheed Martin was placed on China's unreliable entity list in February.",
     {"by": {"Chinese government"}, "target": {"Lockheed Martin"}, "program": "unreliable entity list",
      "date": "2020-02"}),
]


@pytest.mark.parametrize("text,expected", SANCTION_CASES)
def test_sanction_is_extracted_with_its_direction(text, expected):
    found = sanctions(analyse_text(text))
    assert any(all(f[k] == v for k, v in expected.items()) for f in found), found


def test_sanction_direction_is_not_reversed():
    found = sanctions(analyse_text("China's Ministry of Commerce added Skydio to its unreliable entity list on Thursday."))
    assert all("Skydio" not in f["by"] for f in found)
    assert all("China" not in f["target"] and "Chinese government" not in f["target"] for f in found)


SANCTION_CASES += [
    ("The government placed the world's largest telecoms equipment maker on a blacklist, Huawei said. "
     "The US government placed the world's largest telecoms equipment maker on a blacklist in May.",
     {"by": {"United States government"}, "target": {"Huawei"}, "program": "blacklist"}),
    ("Huawei is on the US entity list after President Trump signed an order in May.",
     {"by": {"United States government"}, "target": {"Huawei"}, "program": "Entity List"}),
]


SANCTION_CASES += [
    ("The EU froze the assets of Russian oligarch Roman Abramovich.",
     {"by": {"European Union"}, "target": {"Roman Abramovich"}, "program": "asset freeze"}),
    ("The Biden administration imposed export controls on SMIC in December.",
     {"by": {"United States government"}, "target": {"SMIC"}, "program": "export controls", "date": "2019-12"}),
    ("The US government has barred American companies from doing business with Huawei.",
     {"by": {"United States government"}, "target": {"Huawei"}}),
]


@pytest.mark.parametrize(
    "text,name",
    [
        ("The US imposed sanctions on Iran. Treasury sanctioned Bank Melli on Tuesday.", "US Department of the Treasury"),
        ("Britain's Treasury said the rules would change.", "HM Treasury"),
        ("China's Foreign Ministry said it would respond.", "Ministry of Foreign Affairs of the People's Republic of China"),
    ],
)
def test_generic_body_names_resolve_to_the_country_in_context(text, name):
    assert entity_types(analyse_text(text)).get(name) == "GovernmentBody"


def test_reprieve_granted_to_a_company_is_relief():
    relief = sanctions(analyse_text("The Commerce Department granted Huawei a 90-day reprieve on Monday."), relief=True)
    assert relief and relief[0]["target"] == {"Huawei"} and relief[0]["by"] == {"US Department of Commerce"}


def test_urging_allies_to_block_is_not_a_sanction_by_the_urger():
    assert sanctions(analyse_text("The US urged its allies to block Huawei from their 5G networks.")) == []


def test_measure_told_as_the_object_of_the_list_is_not_its_target():
    found = sanctions(analyse_text("Huawei is on the US entity list after President Trump signed an order in May."))
    assert all("United States" not in f["target"] for f in found)


def test_relief_is_not_a_sanction():
    result = analyse_text("The Treasury Department lifted sanctions on Rusal in January 2019.")
    relief = sanctions(result, relief=True)
    assert relief and relief[0]["target"] == {"Rusal"} and relief[0]["date"] == "2019-01"
    # the sanctions it lifted are presupposed, not imposed then: undated, by the same government, on Rusal
    (lifted,) = sanctions(result)
    assert lifted["target"] == {"Rusal"} and lifted["date"] is None and lifted["by"] == relief[0]["by"]


def test_a_relief_presupposes_no_second_sanction_when_the_article_tells_it():
    result = analyse_text("The Treasury sanctioned Rusal in April 2018. The Treasury Department lifted sanctions "
                          "on Rusal in January 2019.")
    assert [s["date"] for s in sanctions(result)] == ["2018-04"], sanctions(result)


def test_ban_on_buying_from_a_supplier_targets_the_supplier():
    found = sanctions(analyse_text(
        "Mobile operators will be banned from buying new equipment from ZTE after June, the UK government announced."))
    assert any(f["target"] == {"ZTE"} and f["by"] == {"British government"} for f in found), found
    assert any("buying new equipment from ZTE" in (f["restriction"] or "") for f in found)


def test_a_company_ban_is_not_a_government_sanction():
    assert sanctions(analyse_text("Google banned the app from its store last week.")) == []


OFFER_CASES = [
    ("Exxon agreed to buy Pioneer Natural Resources for $59.5 billion in October 2023.",
     {"by": {"ExxonMobil"}, "to": {"Pioneer Natural Resources"}, "status": "accepted"}, "$59.5 billion"),
    ("Pfizer made a $100 billion offer for AstraZeneca, which the British drugmaker rejected.",
     {"by": {"Pfizer"}, "to": {"AstraZeneca"}, "item": "AstraZeneca", "status": "rejected"}, "$100 billion"),
    ("Vodafone has offered to sell its stake in Indus Towers to Bharti Airtel.",
     {"by": {"Vodafone"}, "to": {"Bharti Airtel"}, "item": "its stake in Indus Towers"}, ""),
    ("Ren Zhengfei said Huawei was willing to license its 5G technology to any American company for a one-time fee.",
     {"item": "its 5G technology", "to": {"any American company"}}, "one-time fee"),
]


OFFER_CASES += [
    ("Huawei founder Ren Zhengfei said the company is willing to share its 5G technology with a US firm.",
     {"by": {"Huawei"}, "to": {"a US firm"}, "item": "its 5G technology"}, ""),  # "the company" offers
    ("Ren Zhengfei told the New York Times he was open to selling Huawei's 5G know-how to an American company.",
     {"to": {"an American company"}, "item": "Huawei's 5G know-how"}, ""),
]


@pytest.mark.parametrize("text,expected,terms", OFFER_CASES)
def test_offer_is_extracted(text, expected, terms):
    found = offers(analyse_text(text))
    assert any(all(f[k] == v for k, v in expected.items()) and terms in f["terms"] for f in found), found


def test_offer_by_a_founder_also_names_the_company():
    found = offers(analyse_text(
        "Huawei founder Ren Zhengfei offered to sell the company's 5G know-how to a Western buyer."))
    assert found and {"Ren Zhengfei", "Huawei"} <= found[0]["by"]
    assert found[0]["to"] == {"a Western buyer"}


def test_definite_offer_noun_refers_back_to_the_offer_told_before():
    found = offers(analyse_text(
        "Broadcom made an unsolicited offer for Qualcomm in November. A week later Qualcomm's board rejected the approach."))
    assert len(found) == 2
    assert all(f["by"] == {"Broadcom"} for f in found)
    assert found[1]["status"] == "rejected" and found[1]["to"] == {"Qualcomm"}


def test_statement_has_speaker_and_quote():
    said = statements(analyse_text('"The escrow is the real leash," said Karen Whitlock, a lawyer at Bramwell & Stoke.'))
    assert ("Karen Whitlock", "The escrow is the real leash") in said


def test_entity_types():
    types = entity_types(analyse_text(
        "The Federal Trade Commission sued Nvidia, while Germany's Bundeskartellamt and Jensen Huang watched."))
    assert types["Nvidia"] == "Company"
    assert types["Jensen Huang"] == "Person"
    assert types["Federal Trade Commission"] == "GovernmentBody"
    assert types["Bundeskartellamt"] == "GovernmentBody"
    assert types["Germany"] == "Country"


def test_a_quote_that_goes_on_keeps_its_speaker():
    said = statements(analyse_text(
        "“The fine is large, but the escrow matters more,” said Karen Whitlock, a lawyer at Bramwell & Stoke. "
        "“Oleg Deripaska's companies will watch this case closely, and so will their banks.”"))
    assert [s for s, _ in said] == ["Karen Whitlock", "Karen Whitlock"]

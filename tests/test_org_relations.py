"""Organisation relations stated in appositions, "-based" and "headquartered in" phrases, and
owner/rival nouns. Sentences are written for this project.
"""
from __future__ import annotations

import pytest

from factlib import analyse_text, relations

CASES = [
    # a country's company, with words between the possessive and the name
    ("Regulators fined Brazil's state oil company Petrobras on Monday.", ("Petrobras", "basedIn", "Brazil")),
    # apposition with a possessive country or a demonym
    ("Gazprom, Russia's biggest gas exporter, cut supplies.", ("Gazprom", "basedIn", "Russia")),
    ("Infineon, the German chipmaker, reported higher sales.", ("Infineon", "basedIn", "Germany")),
    ("Toyota is a Japanese carmaker.", ("Toyota", "basedIn", "Japan")),
    # cities and regions name the country; capitals too
    ("The Hangzhou-based e-commerce group Alibaba denied the report.", ("Alibaba", "basedIn", "China")),
    ("Bosch, which is headquartered in Stuttgart, makes car parts.", ("Bosch", "basedIn", "Germany")),
    ("Reliance Industries is based in Mumbai.", ("Reliance Industries", "basedIn", "India")),
    ("Infosys is headquartered in Bengaluru.", ("Infosys", "basedIn", "India")),
    ("Rusal, a Moscow-based aluminium producer, welcomed the decision.", ("Rusal", "basedIn", "Russia")),
    # owner and parent nouns: the owned company is the subsidiary
    ("Meta, the owner of Instagram, said it would appeal.", ("Instagram", "subsidiaryOf", "Meta")),
    ("Alphabet, the parent company of YouTube, declined to comment.", ("YouTube", "subsidiaryOf", "Alphabet")),
    # "a rival of"
    ("Airbus, a rival of Boeing, won the order.", ("Airbus", "competitorOf", "Boeing")),
]


@pytest.mark.parametrize("text,triple", CASES)
def test_organisation_relation_is_extracted(text, triple):
    assert triple in relations(analyse_text(text))


@pytest.mark.parametrize("text,absent", [
    # a city where something happens is not where a company is based
    ("Huawei opened a research centre in Munich last year.", ("Huawei", "basedIn", "Germany")),
    # a person who owns a club does not make the club a subsidiary
    ("Roman Abramovich, the owner of Chelsea, was sanctioned.", ("Chelsea", "subsidiaryOf", "Roman Abramovich")),
    # a demonym outside the company's noun phrase
    ("Siemens sold turbines to a Russian utility.", ("Siemens", "basedIn", "Russia")),
])
def test_no_relation_from_look_alike_phrases(text, absent):
    assert absent not in relations(analyse_text(text))


@pytest.mark.parametrize("text,triple", [
    # a completed acquisition makes a subsidiary
    ("SoftBank bought Arm for $32 billion in 2016.", ("Arm", "subsidiaryOf", "SoftBank Group")),
    ("Broadcom has acquired VMware.", ("VMware", "subsidiaryOf", "Broadcom")),
    # "its owner": the company named just before
    ("Oracle is in talks to buy TikTok from its Chinese owner ByteDance.", ("TikTok", "subsidiaryOf", "ByteDance")),
])
def test_ownership_shapes(text, triple):
    assert triple in relations(analyse_text(text))


@pytest.mark.parametrize("text", [
    "Nvidia has agreed to buy Arm.",
    "Apple did not buy Intel.",
    "Microsoft would buy TikTok if allowed.",
    "Oracle is in talks to buy TikTok from its Chinese owner ByteDance.",
])
def test_plans_and_negations_are_not_ownership(text):
    rels = relations(analyse_text(text))
    assert not any(p == "subsidiaryOf" and s in ("Arm", "Intel", "Oracle", "Microsoft") for s, p, _ in rels), rels

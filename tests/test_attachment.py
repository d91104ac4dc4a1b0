"""Attachment precision: with two organisations in one sentence, a role, a place, a founder or an owner
goes to the organisation the syntax connects it to, in each direction (issue 13). Sentences written for
this project with invented companies and people, so no gazetteer entry decides the answer.
"""
from __future__ import annotations

import pytest
from factlib import analyse_text, relations

# text, the triples it states, triples of the same names it does not state
CASES = [
    # a description the parser hung on the verb is still the apposition of the name before its comma
    ("Halvorsen Bank chose a rival proposal from Veltrona Systems, the software firm co-founded by Mara Quist.",
     [("Mara Quist", "founderOf", "Veltrona Systems")],
     [("Mara Quist", "founderOf", "Halvorsen Bank"), ("Halvorsen Bank", "customerOf", "Veltrona Systems")]),
    ("Veltrona Systems had lined up the retailer Brenntal as a partner. Halvorsen Bank instead chose a rival "
     "proposal from Kystbank Holdings, the lender co-founded by Mara Quist.",
     [("Mara Quist", "founderOf", "Kystbank Holdings")],
     [("Mara Quist", "founderOf", "Brenntal"), ("Mara Quist", "founderOf", "Veltrona Systems")]),
    # founders by relative clause, either organisation first
    ("Kestrel Foods, which Mara Quist co-founded, rejected a bid from Almhof Group.",
     [("Mara Quist", "founderOf", "Kestrel Foods")], [("Mara Quist", "founderOf", "Almhof Group")]),
    ("Almhof Group, which was co-founded by Tobias Lindqvist, bid for Kestrel Foods.",
     [("Tobias Lindqvist", "founderOf", "Almhof Group")], [("Tobias Lindqvist", "founderOf", "Kestrel Foods")]),
    ("Almhof Group bid for Kestrel Foods, the dairy co-founded by Mara Quist.",
     [("Mara Quist", "founderOf", "Kestrel Foods")], [("Mara Quist", "founderOf", "Almhof Group")]),
    # "whose" is the name the clause hangs on, not the sentence's subject
    ("Almhof Group made an offer for Kestrel Foods, whose chief executive, Mara Quist, rejected it.",
     [("Mara Quist", "ceoOf", "Kestrel Foods")], [("Mara Quist", "ceoOf", "Almhof Group")]),
    ("Almhof Group made an offer for Kestrel Foods, whose chief executive is Mara Quist.",
     [("Mara Quist", "ceoOf", "Kestrel Foods")], [("Mara Quist", "ceoOf", "Almhof Group")]),
    ("Kestrel Foods rejected a bid from Almhof Group, whose chairman, Tobias Lindqvist, founded it in 1990.",
     [("Tobias Lindqvist", "headOf", "Almhof Group")], [("Tobias Lindqvist", "headOf", "Kestrel Foods")]),
    # titles before names, two in one sentence
    ("Kestrel Foods chief executive Mara Quist met Almhof Group chairman Tobias Lindqvist.",
     [("Mara Quist", "ceoOf", "Kestrel Foods"), ("Tobias Lindqvist", "headOf", "Almhof Group")],
     [("Mara Quist", "ceoOf", "Almhof Group"), ("Tobias Lindqvist", "headOf", "Kestrel Foods")]),
    # "-based" modifiers and "based in" clauses, each on its own name
    ("Almhof Group, the Zurich-based investor, bid for Kestrel Foods, which is based in Lyon.",
     [("Almhof Group", "basedIn", "Switzerland"), ("Kestrel Foods", "basedIn", "France")],
     [("Almhof Group", "basedIn", "France"), ("Kestrel Foods", "basedIn", "Switzerland")]),
    ("The Lyon-based Kestrel Foods rejected an offer from Almhof Group.",
     [("Kestrel Foods", "basedIn", "France")], [("Almhof Group", "basedIn", "France")]),
    # a demonym on the class noun before the name, even when the parser splits the subject in two
    ("The Finnish utility Tuulivoima said it would sue Almhof Group. Tuulivoima is one of the largest power companies.",
     [("Tuulivoima", "basedIn", "Finland")], [("Almhof Group", "basedIn", "Finland")]),
    ("The Chinese ambassador Li Wei met Almhof Group.", [], [("Li Wei", "basedIn", "China")]),
    # owners: a passive relative clause with a described owner, and a hyphenated participle
    ("Varden Dairies, which is owned by the Swiss group Almhof, declined to comment.",
     [("Varden Dairies", "subsidiaryOf", "Almhof")], [("Almhof", "subsidiaryOf", "Varden Dairies")]),
    ("The Tencent-owned studio Riot Games said it would appeal.",
     [("Riot Games", "subsidiaryOf", "Tencent")], [("Tencent", "subsidiaryOf", "Riot Games")]),
    ("Riot Games, a Tencent-owned studio, said it would appeal.",
     [("Riot Games", "subsidiaryOf", "Tencent")], [("Tencent", "subsidiaryOf", "Riot Games")]),
    # a company title with no company named: the company the paragraph is about (the subject before a sentence
    # about a person), not the one named last
    ("Varden Dairies rejected the offer. Kestrel Foods said it would complement its lines. Dana Kell, 80, "
     "still chairs the board. Day-to-day management is in the hands of president Omar Haddad.",
     [("Omar Haddad", "headOf", "Kestrel Foods")], [("Omar Haddad", "headOf", "Varden Dairies")]),
    # ... but not when the person's sentence names a company, nor when the one before names two
    ("Kestrel Foods lost the bid to Varden Dairies. Dana Kell joined Varden Dairies last year. Its chief executive, "
     "Omar Haddad, declined to comment.",
     [("Omar Haddad", "ceoOf", "Varden Dairies")], [("Omar Haddad", "ceoOf", "Kestrel Foods")]),
    ("Orlan Bank downgraded Kestrel Foods on Monday. Dana Kell said sales were weak. The company's chief executive, "
     "Omar Haddad, declined to comment.",
     [("Omar Haddad", "ceoOf", "Kestrel Foods")], [("Omar Haddad", "ceoOf", "Orlan Bank")]),
]


@pytest.mark.parametrize("text,stated,not_stated", CASES)
def test_each_relation_goes_to_the_organisation_the_syntax_names(text, stated, not_stated):
    found = relations(analyse_text(text))
    for triple in stated:
        assert triple in found, (triple, sorted(found))
    for triple in not_stated:
        assert triple not in found, (triple, sorted(found))


@pytest.mark.parametrize("text,stated,not_stated", [
    # a US party's leader in a chamber leads a caucus: a member of the chamber, not its head
    ("Senate Democratic leader Dana Whitcomb led an effort to block the sale.",
     ("Dana Whitcomb", "memberOf", "United States Senate"), ("Dana Whitcomb", "headOf", "United States Senate")),
    ("Senate Republican leader Dana Whitcomb opposed the bill.",
     ("Dana Whitcomb", "memberOf", "United States Senate"), ("Dana Whitcomb", "headOf", "United States Senate")),
])
def test_a_party_leader_in_a_chamber_is_a_member_of_it(text, stated, not_stated):
    found = relations(analyse_text(text))
    assert stated in found
    assert not_stated not in found



# a title goes to the name it stands before, and a minister's country is the one the text gives for them
TITLE_CASES = [
    ("Moscow banned 300 Canadians, among them Prime Minister Dana Whitcomb, Foreign Minister Mara Quist, Defence "
     "Minister Ana Ferreira and Tobias Lindqvist, the deputy prime minister.",
     [("Dana Whitcomb", "headOf", "Canadian government"), ("Mara Quist", "headOf", "Ministry of Foreign Affairs (Canada)"),
      ("Ana Ferreira", "headOf", "Ministry of Defence (Canada)")],
     [("Dana Whitcomb", "headOf", "Ministry of Foreign Affairs (Canada)"),
      ("Mara Quist", "headOf", "Ministry of Defence (Canada)")]),
    ("The list names Secretary of State Dana Whitcomb, national security adviser Mara Quist, CIA director Tobias "
     "Lindqvist and White House press secretary Ana Ferreira.",
     [("Tobias Lindqvist", "headOf", "Central Intelligence Agency"), ("Dana Whitcomb", "headOf", "US Department of State")],
     [("Mara Quist", "headOf", "Central Intelligence Agency"), ("Ana Ferreira", "headOf", "United States government")]),
    # the next person's own title ends the window; what comes before it is still this person's
    ("The agreement named Dana Whitcomb, Kestrel Foods' managing director and chief executive and the daughter of "
     "founder Mara Quist, as head of the combined company.",
     [("Dana Whitcomb", "ceoOf", "Kestrel Foods")], [("Dana Whitcomb", "founderOf", "Kestrel Foods")]),
    ("Dana Whitcomb, the chief executive of Kestrel Foods and the daughter of founder Mara Quist, said the deal was dead.",
     [("Dana Whitcomb", "ceoOf", "Kestrel Foods"), ("Mara Quist", "founderOf", "Kestrel Foods")],
     [("Dana Whitcomb", "founderOf", "Kestrel Foods")]),
    ("Washington sanctioned two Turkish ministries, together with Ali Demir, the Turkish defence minister, Mehmet Kaya, "
     "who runs the energy portfolio, and Suleyman Aydin, the interior minister.",
     [("Ali Demir", "headOf", "Ministry of Defence (Turkey)")],
     [("Mehmet Kaya", "headOf", "Ministry of Defence (Turkey)")]),
    # the country of an "of" phrase after the title, not another person's country in the sentence before
    ("Mara Quist, a lawyer from Lesotho, heads the division. Ana Ferreira, a former justice minister of the Gambia, "
     "has led that office since 2012.",
     [("Ana Ferreira", "memberOf", "Gambian government")], [("Ana Ferreira", "memberOf", "Lesotho government")]),
    # the body that acts in the sentence before gives its country; a country named as a destination does not
    ("Japan's Ministry of Economy, Trade and Industry said exporters to South Korea would no longer need a licence. "
     "Industry minister Kenji Morita said the review had been possible.",
     [("Kenji Morita", "memberOf", "Japanese government")], [("Kenji Morita", "memberOf", "South Korean government")]),
    # a country that acts on a president is not the president's country
    ("The United States on Monday put President Tendai Moyo under sanctions.",
     [], [("Tendai Moyo", "headOf", "United States government")]),
    ("Russia banned President Tendai Moyo from entering the country.",
     [], [("Tendai Moyo", "headOf", "Russian government")]),
    # ... but a country's own body acting on its office holder leaves it theirs
    ("France's parliament confirmed Prime Minister Lucien Arnaud after talks with Germany.",
     [("Lucien Arnaud", "headOf", "French government")], []),
    # the country named nearest in the sentence before, not the one the article names most
    ("China's exports rose in May. China's factories are busy and China is expanding abroad. Kestrel Foods opened a "
     "plant in Kenya on Monday. Trade Minister Mara Quist welcomed the investment.",
     [("Mara Quist", "memberOf", "Kenyan government")], [("Mara Quist", "memberOf", "Chinese government")]),
    # a title phrase without a capital keeps what comes before the next name
    ("Mara Quist, chief executive of Kestrel Foods and Orin Dale's successor, said sales rose.",
     [("Mara Quist", "ceoOf", "Kestrel Foods")], []),
    # a nationality ("a Russian national") names no government for the next sentence's minister
    ("Canberra sanctioned Ivan Petrov, a Russian national, on Tuesday. Foreign Minister Mara Quist announced the "
     "measure at Parliament House.",
     [("Mara Quist", "memberOf", "Australian government")], [("Mara Quist", "memberOf", "Russian government")]),
]


@pytest.mark.parametrize("text,stated,not_stated", TITLE_CASES)
def test_titles_and_their_countries_go_to_the_right_name(text, stated, not_stated):
    test_each_relation_goes_to_the_organisation_the_syntax_names(text, stated, not_stated)

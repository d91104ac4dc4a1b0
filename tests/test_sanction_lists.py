"""Members of a sanction named in a sentence of their own, after the measure ("The Treasury imposed sanctions
on 14 companies. Among those named were A and B."), in several shapes, and look-alikes that must give
nothing. Sentences written for this project, with invented companies and people.
"""
from __future__ import annotations

import pytest
from factlib import analyse_text, sanctions

MEASURES = [
    "The Treasury imposed sanctions on 14 companies on Tuesday.",
    "The Commerce Department added 12 firms to the Entity List.",
    "The Treasury designated 12 members of the group's leadership.",
]

CONTINUATIONS = [
    "Among those named were Kestrel Avionics and Vorlan Shipping.",
    "Also on the list were Kestrel Avionics and Vorlan Shipping.",
    "They include Kestrel Avionics and Vorlan Shipping.",
    "Kestrel Avionics and Vorlan Shipping were among the companies targeted.",
    "The companies targeted include Kestrel Avionics and Vorlan Shipping.",
    "Also named are Kestrel Avionics and Vorlan Shipping.",
]


def _targets(result) -> list[tuple[set, set]]:
    return [(s["by"], s["target"]) for s in sanctions(result)]


@pytest.mark.parametrize("measure", MEASURES)
@pytest.mark.parametrize("continuation", CONTINUATIONS)
def test_members_named_after_the_measure(measure, continuation):
    found = _targets(analyse_text(f"{measure} {continuation}"))
    targets = {t for _by, ts in found for t in ts}
    assert {"Kestrel Avionics", "Vorlan Shipping"} <= targets
    assert all(by for by, _ts in found)  # every measure keeps its imposer


@pytest.mark.parametrize("continuation", [
    # two people's names the parser reads as one name modifying the other ("Mara Quist" a modifier of
    # "Tobias Lindqvist", "Tobias" its conjunct): both are members
    "Among the people on the list are Mara Quist and Tobias Lindqvist.",
    "Among those named were Mara Quist and Tobias Lindqvist.",
    "Also on the list are Mara Quist and Tobias Lindqvist.",
    "Among the people on the list are the minister's brother Mara Quist, a banker from Tampere, and Tobias "
    "Lindqvist, who ran the port authority until May.",
])
def test_people_named_after_the_measure(continuation):
    text = f"Norway froze the assets of nine officials on Tuesday. {continuation}"
    targets = {t for _by, ts in _targets(analyse_text(text)) for t in ts}
    assert {"Mara Quist", "Tobias Lindqvist"} <= targets
    assert "Tampere" not in targets


def test_members_three_sentences_after_the_measure():
    text = ("Norway froze the assets of the former minister and about twenty people around him on Friday. The cabinet "
            "adopted an order that bars banks from moving the money. It did not say how much was held. Among the "
            "people on the list are the minister's son Mara Quist, a banker from Tampere, and Tobias Lindqvist, who "
            "ran the port authority until May.")
    targets = {t for _by, ts in _targets(analyse_text(text)) for t in ts}
    assert {"Mara Quist", "Tobias Lindqvist"} <= targets, targets


def test_a_group_three_sentences_on_that_names_no_list_is_no_listing():
    text = ("Norway froze the assets of nine officials on Tuesday. Valdoria's economy has shrunk. Its exports fell. "
            "Among the largest exporters are Kell Shipping and Haddad Marine.")
    targets = {t for _by, ts in _targets(analyse_text(text)) for t in ts}
    assert not {"Kell Shipping", "Haddad Marine"} & targets, targets


def test_members_too_far_from_any_measure_are_not_its_targets():
    text = ("Norway froze the assets of nine officials on Friday. Fishing stocks have fallen. Boats sail further "
            "north. Prices rose in the spring. Among those named were Mara Quist and Tobias Lindqvist.")
    targets = {t for _by, ts in _targets(analyse_text(text)) for t in ts}
    assert not {"Mara Quist", "Tobias Lindqvist"} & targets, targets


def test_members_after_a_sentence_in_between():
    text = ("The Treasury designated 12 executives of Veltrona on Friday. Any assets they hold in the US are "
            "frozen. Among those named were Mara Quist, the chief operating officer; Tobias Lindqvist, the chief "
            "legal officer; and Ana Ferreira, who runs the Nordic business.")
    targets = {t for _by, ts in _targets(analyse_text(text)) for t in ts}
    assert {"Mara Quist", "Tobias Lindqvist", "Ana Ferreira"} <= targets


def test_a_split_subject_is_still_the_target():
    found = _targets(analyse_text("The crypto mixer Tornvale Cash was sanctioned by the Treasury in 2022."))
    assert any("Tornvale Cash" in ts for _by, ts in found)


@pytest.mark.parametrize("text", [
    # no measure told before: a listing of its own is no sanction
    "The conference opened on Monday. Among those named were Kestrel Avionics and Vorlan Shipping.",
    "Analysts praised the sector. They include Kestrel Avionics and Vorlan Shipping.",
    # a group no measure named
    "The Treasury imposed sanctions on 14 companies. Among those attending the hearing were Mara Quist and "
    "Tobias Lindqvist.",
    # "designated ... as" is an appointment, not a designation
    "The government designated Mara Quist as its envoy to the talks.",
])
def test_no_sanction_from_look_alikes(text):
    found = _targets(analyse_text(text))
    assert not any({"Kestrel Avionics", "Vorlan Shipping", "Mara Quist", "Tobias Lindqvist"} & ts for _by, ts in found)


@pytest.mark.parametrize("text,imposer", [
    # a pronoun subject stands for the government the previous sentence is about
    ("China hit back on Friday. It also blacklisted Kestrel Avionics.", "Chinese government"),
    ("The foreign ministry in Beijing extended its retaliation on Saturday. It sanctioned Mara Quist, a Dutch "
     "lawmaker, and Tobias Lindqvist, a researcher.", "Chinese government"),
    ("Australia widened its measures on Monday. It imposed sanctions on Vorlan Shipping.", "Australian government"),
])
def test_a_pronoun_imposer_is_the_government_told_before(text, imposer):
    found = _targets(analyse_text(text))
    assert any(imposer in by and ts for by, ts in found), found


def test_a_pronoun_with_no_government_before_imposes_nothing():
    found = _targets(analyse_text("Kestrel Avionics posted a loss. It sanctioned two suppliers for late deliveries."))
    assert not any(by for by, _ts in found)


def test_it_as_the_subject_of_another_verb_is_no_imposer():
    text = ('"The case is a game-changer," said Tobias Lindqvist, an analyst at Kestrel Futures. "It will put '
            'further pressure on the European Union to impose significant sanctions on Russia."')
    found = _targets(analyse_text(text))
    assert not any("Tobias Lindqvist" in by for by, _ts in found)


@pytest.mark.parametrize("text,members", [
    # people or companies told beside the object are designated too
    ("The Treasury designated Mara Quist and Tobias Lindqvist, together with defence minister Ana Ferreira.",
     {"Mara Quist", "Tobias Lindqvist", "Ana Ferreira"}),
    ("The Treasury designated Mara Quist, along with Tobias Lindqvist.", {"Mara Quist", "Tobias Lindqvist"}),
    ("Britain sanctioned Kestrel Avionics alongside Vorlan Shipping on Monday.", {"Kestrel Avionics", "Vorlan Shipping"}),
])
def test_members_told_beside_the_object(text, members):
    targets = {t for _by, ts in _targets(analyse_text(text)) for t in ts}
    assert members <= targets


def test_a_government_beside_the_object_acts_with_it_and_is_no_target():
    found = _targets(analyse_text("The United States sanctioned Kestrel Avionics together with the European Union."))
    targets = {t for _by, ts in found for t in ts}
    assert "Kestrel Avionics" in targets and "European Union" not in targets


def test_a_capital_beside_the_object_acts_with_it():
    found = _targets(analyse_text("Tobias Lindqvist, whom Ottawa and Canberra sanctioned alongside London on Tuesday, "
                                  "responded on social media."))
    targets = {t for _by, ts in found for t in ts}
    assert "Tobias Lindqvist" in targets and "London" not in targets


@pytest.mark.parametrize("text", [
    # each name with its own title between commas: the parser hangs the next name on the title before it
    "The Treasury sanctioned Ali Demir, the defence minister, Mehmet Kaya, the energy minister, and Suleyman "
    "Aydin, the interior minister.",
    "Washington sanctioned two ministries, together with Ali Demir, the defence minister, Mehmet Kaya, who runs "
    "the energy portfolio, and Suleyman Aydin, the interior minister.",
])
def test_a_list_of_names_each_with_a_title(text):
    targets = {t for _by, ts in _targets(analyse_text(text)) for t in ts}
    assert {"Ali Demir", "Mehmet Kaya", "Suleyman Aydin"} <= targets


def test_also_named_after_no_measure_is_no_listing():
    text = "Kestrel Foods announced its annual results on Monday. Also named was Vorlan Shipping, its new partner."
    assert not sanctions(analyse_text(text))


# --- a counted group, then its members named by someone (sentences written here) ---

@pytest.mark.parametrize("text,members", [
    ("China said on Monday it would sanction four Canadians. Foreign ministry spokesman Ivo Marek named "
     "Dana Kell, Omar Haddad, Lise Brandt and Tom Achebe.", {"Dana Kell", "Omar Haddad", "Lise Brandt", "Tom Achebe"}),
    ("The US Treasury imposed sanctions on three shipping companies on Friday. Treasury Secretary Jane Roe named "
     "Velmar Shipping Lines, Ostrava Lines and Kestrel Freight Holdings.",
     {"Velmar Shipping Lines", "Ostrava Lines", "Kestrel Freight Holdings"}),
])
def test_a_counted_group_named_in_the_next_sentence(text, members):
    found = sanctions(analyse_text(text))
    assert members <= set().union(*(f["target"] for f in found)), found


def test_a_government_listing_the_same_group_is_its_own_measure():
    text = ("Britain imposed sanctions on four Chinese officials on Monday. The European Union listed the same four "
            "men and Velmar Shipping Lines on the same day.")
    found = sanctions(analyse_text(text))
    assert not any("British government" in f["by"] and "Velmar Shipping Lines" in f["target"] for f in found), found


def test_naming_people_with_no_counted_measure_before_sanctions_no_one():
    text = ("The Treasury imposed sanctions on Velmar Shipping. The minister later named Dana Kell and Omar Haddad "
            "to the board of the central bank.")
    found = sanctions(analyse_text(text))
    assert not any({"Dana Kell", "Omar Haddad"} & f["target"] for f in found), found


def test_members_given_as_lines_after_a_colon():
    text = ("China said on Monday it would sanction five Americans. Those named include two scholars and three "
            "heads of groups that Beijing says stirred up unrest:\n"
            "Dana Kell, director of the Halden Institute\n"
            "Omar Haddad, president of the Varden Foundation\n"
            "Lise Brandt, chair of Open Press Watch\n"
            "Ivo Marek did not say what the sanctions would involve.")
    found = sanctions(analyse_text(text))
    named = set().union(*(f["target"] for f in found if "Chinese government" in f["by"]))
    assert {"Dana Kell", "Omar Haddad", "Lise Brandt"} <= named, found
    assert "Ivo Marek" not in named, found


@pytest.mark.parametrize("text", [
    # bullets, the measure counted three sentences before the colon, another measure told in between
    ("Norway banned nine officials of the Valdorian government from entering the country on Tuesday. The foreign "
     "ministry said the ban answered the penalties Valdoria imposed last month on Norwegian fishermen. It called "
     "those penalties unlawful. The others on the list are:\n- Dana Kell, head of the port authority;\n"
     "- Omar Haddad, who runs the state fishing fleet;\n- Lise Brandt, an adviser to the prime minister.\n"),
    # the group counted as the owners of frozen assets, the list after a sentence of its own
    ("Norway froze the assets of three senior Valdorian officials. It also banned arms exports to Valdoria. "
     "The three are:\n* Dana Kell, the interior minister;\n* Omar Haddad, head of the intelligence service;\n"
     "* Lise Brandt, president of the supreme court.\n"),
    # a bullet the sentence splitter cuts from its item
    ("Norway banned three Valdorian officials from entering the country. Those named are:\n-\nDana Kell, head of "
     "the port authority;\n- Omar Haddad, who runs the state fishing fleet;\n- Lise Brandt, an adviser.\n"),
    # the colon on the measure's own line; a line naming two people, then what they are
    ("Norway froze the assets of three Valdorian officials on Friday:\n- Dana Kell, the interior minister;\n"
     "- Omar Haddad and Lise Brandt, two officers of the border police.\n"),
    # a line that opens with a count names its members after its own colon
    ("Norway sanctioned five people and one agency on Friday. They include:\n- three border police officers: Dana "
     "Kell, Omar Haddad and Lise Brandt;\n- the Valdorian Border Directorate, which runs the camps.\n"),
])
def test_bulleted_members_of_a_counted_measure(text):
    _assert_bulleted_members(text)


def test_members_of_a_group_counted_after_a_name():
    # "the assets of X and 17 other Valdorians": the count hangs on the name's conjunct; the lines are items
    _assert_bulleted_members("Norway has frozen the assets of Ivo Marek and 17 other Valdorians. The decision took "
                             "effect on Thursday. Among the 18 are:\n- Dana Kell, the former interior minister\n"
                             "- Omar Haddad, his deputy\n- Lise Brandt, prime minister until January\n")


def _assert_bulleted_members(text):
    found = sanctions(analyse_text(text))
    named = set().union(*(f["target"] for f in found if "Norwegian government" in f["by"]))
    assert {"Dana Kell", "Omar Haddad", "Lise Brandt"} <= named, found


@pytest.mark.parametrize("text", [
    "In May Norway froze the assets of four Valdorian officials, among them Dana Kell, the port chief, and Omar Haddad.",
    "Norway banned six officials from entering the country on Friday, among them Dana Kell and Omar Haddad.",
    "Norway blacklisted five companies, including Kell Shipping and Haddad Marine, over the attack.",
])
def test_named_members_beside_a_counted_group(text):
    found = sanctions(analyse_text(text))
    named = set().union(*(f["target"] for f in found if "Norwegian government" in f["by"])) if found else set()
    assert ({"Dana Kell", "Omar Haddad"} <= named) or ({"Kell Shipping", "Haddad Marine"} <= named), found


@pytest.mark.parametrize("text", [
    # a colon line whose subject is another group than the one the measure counted
    ("Norway sanctioned eight Valdorian officials on Monday. The move was expected. Markets were calm. "
     "The three speakers at the launch were:\n- Dana Kell, an economist;\n- Omar Haddad, a professor.\n"),
    ("Norway sanctioned eight officials on Monday. The two ministers who announced the move were:\n"
     "- Dana Kell, the foreign minister;\n- Omar Haddad, the trade minister.\n"),
    ("Norway sanctioned 14 companies on Monday. The top five exporters last year were:\n- Kell Shipping;\n"
     "- Haddad Marine.\n"),
])
def test_a_colon_list_of_another_group_names_no_members(text):
    found = sanctions(analyse_text(text))
    named = set().union(*(f["target"] for f in found)) if found else set()
    assert not named & {"Dana Kell", "Omar Haddad", "Kell Shipping", "Haddad Marine"}, found


def test_a_counted_line_names_only_its_members_not_what_they_belong_to():
    text = ("Norway sanctioned five people and one agency on Friday. They include:\n- three officers of the Halden "
            "Border Police: Dana Kell, Omar Haddad and Lise Brandt;\n- the Valdorian Border Directorate of the "
            "Interior Ministry.\n")
    named = set().union(*(f["target"] for f in sanctions(analyse_text(text))))
    assert {"Dana Kell", "Omar Haddad", "Lise Brandt"} <= named
    assert not {"Halden Border Police", "Interior Ministry"} & named, named


@pytest.mark.parametrize("text,members,others", [
    # the colon on the measure's line belongs to a phrase after the counted group
    ("Norway sanctioned six officials on Friday after a report by two groups:\n- Halden Watch;\n- Orlan Rights "
     "Centre.\n", set(), {"Halden Watch", "Orlan Rights Centre"}),
    ("Norway froze the assets of three officials on Friday, in a move welcomed by:\n- Lise Brandt, an opposition "
     "leader;\n- Anna Berg, a lawyer.\n", set(), {"Lise Brandt", "Anna Berg"}),
    # a heading of its own ends the list; an item with no name keeps it going
    ("Norway froze the assets of four officials:\n- Dana Kell, the port chief;\n- an unnamed deputy;\n- Omar "
     "Haddad, a general.\nReactions:\n- Lise Brandt, the opposition leader;\n- Halden Watch, a rights group.\n",
     {"Dana Kell", "Omar Haddad"}, {"Lise Brandt", "Halden Watch"}),
    # a person's line names people: the bank she uses is no member
    ("Norway froze the assets of two officials:\n- Dana Kell and Halden Bank, where she keeps her money;\n- Omar "
     "Haddad, a general.\n", {"Dana Kell", "Omar Haddad"}, {"Halden Bank"}),
])
def test_colon_lists_name_only_the_measures_members(text, members, others):
    named = set().union(*(f["target"] for f in sanctions(analyse_text(text)))) if sanctions(analyse_text(text)) else set()
    assert members <= named and not others & named, named


def test_a_colon_list_far_from_the_counted_measure_names_no_members():
    text = ("Norway banned nine Valdorian officials from entering the country. Fishing stocks have fallen for years. "
            "Boats now sail further north. Prices rose in the spring. Exports slowed. Catches were smaller. "
            "Speakers at the fishing fair in Bergen this year are:\n- Dana Kell, head of the port authority;\n"
            "- Omar Haddad, who runs a fishing fleet.\n")
    found = sanctions(analyse_text(text))
    named = set().union(*(f["target"] for f in found)) if found else set()
    assert not named & {"Dana Kell", "Omar Haddad"}, found


def test_a_list_after_a_colon_with_no_measure_before_sanctions_no_one():
    text = ("The conference drew speakers from three continents:\nDana Kell, director of the Halden Institute\n"
            "Omar Haddad, president of the Varden Foundation\n")
    assert sanctions(analyse_text(text)) == []


@pytest.mark.parametrize("text", [
    # someone naming companies or people for another reason does not complete a counted measure
    "The US sanctioned five companies on Monday. Apple chief executive Tim Cook named Samsung and Huawei as rivals.",
    "The US sanctioned 14 companies. Reporter Jane Doe named Huawei in a 2019 story about spying.",
    "Russia banned 25 British officials. Sergei Lavrov named Boris Johnson the main culprit.",
    "China imposed sanctions on four US firms. Analyst Bonnie Glaser named Lockheed Martin as the biggest loser.",
    # a colon line that does not point back at the counted group opens no list of members
    "The EU sanctioned 20 people. Shares moved sharply on the news. Top gainers were:\nShell\nBP\nTotalEnergies",
    "The EU sanctioned 20 people. Leaders attending the summit were:\nOlaf Scholz\nEmmanuel Macron",
])
def test_names_that_do_not_continue_a_measure(text):
    found = sanctions(analyse_text(text))
    named = set().union(*(f["target"] for f in found)) if found else set()
    assert not named & {"Samsung", "Huawei", "Boris Johnson", "Lockheed Martin", "Shell", "BP", "TotalEnergies",
                        "Olaf Scholz", "Emmanuel Macron"}, found


@pytest.mark.parametrize("text,target,listed", [
    # a body's bare "list" is its sanctions list when the sentence, or the one before, speaks of sanctions
    ("Ivo Marek himself was added to the EU's list in October 2020 for breaking the arms embargo.", "Ivo Marek", True),
    ("The EU imposed sanctions on Valdoria in May. Ivo Marek was added to the EU's list in June.", "Ivo Marek",
     True),
    # a body's programme or regime with no word of sanctions near is no measure
    ("Kestrel Foods was added to the EU's programme in 2020.", "Kestrel Foods", False),
])
def test_a_bare_list_near_sanctions_is_a_sanctions_list(text, target, listed):
    targets = {t for _by, ts in _targets(analyse_text(text)) for t in ts}
    assert (target in targets) == listed, targets


def test_a_body_s_regime_with_no_sanctions_near_lifts_nothing():
    assert not sanctions(analyse_text("Kestrel Foods was removed from the EU's regime in 2020."), relief=True)


@pytest.mark.parametrize("text,members", [
    # the measure's verb ends its line before the colon: the lines after it are its targets
    ("Britain froze the assets of two ministers on Monday. Besides them, the Foreign Office listed:\n\n"
     "* Tomas Varga, a banker accused of laundering their money\n* Lena Okafor, a Serbian arms dealer\n\n"
     "The ministry said more names would follow.", {"Tomas Varga", "Lena Okafor"}),
    ("The Treasury sanctioned three companies on Friday. It also designated:\n\n- Kestrel Shipping, which owns "
     "the tankers;\n- Varden Marine Ltd, its manager.\n\nThe companies did not comment.", {"Kestrel Shipping", "Varden Marine Ltd"}),
])
def test_a_list_after_the_measures_own_verb(text, members):
    found = set().union(*(t for _, t in _targets(analyse_text(text))))
    assert members <= found


@pytest.mark.parametrize("text", [
    # a verb of no measure, or no government, before the colon
    "Kestrel Foods listed:\n\n* Tomas Varga, its new chairman\n* Lena Okafor, its finance chief\n\nShares rose.",
    "The report listed:\n\n* Tomas Varga, a banker\n* Lena Okafor, an arms dealer\n\nIt was published on Monday.",
    "The Foreign Office said it would soon list:\n\n* Tomas Varga, a banker\n* Lena Okafor, an arms dealer\n\n"
    "No date was given.",
])
def test_no_list_after_a_verb_that_imposes_nothing(text):
    found = set().union(*(t for _, t in _targets(analyse_text(text)))) if _targets(analyse_text(text)) else set()
    assert not {"Tomas Varga", "Lena Okafor"} & found

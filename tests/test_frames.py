"""The predicate-argument layer and the events read from it, on sentences written for these tests.

Each fact is told in several shapes; the frame must give the same roles whatever the shape, and the event
engine the same fact. Negated and hypothetical clauses give no fact in force. The sentences are ours; the
names are real and well known, so what is tested is the shape, not entity recognition.
"""
from __future__ import annotations

import pytest
from factlib import _name, analyse_text, relations, sanctions

from kg.errors import DataError
from kg.extract import frame_events
from kg.extract.facts import EventFact
from kg.extract.frames import frames_of
from kg.nlp.pipeline import load_nlp


def _frames(text: str):
    nlp = load_nlp()
    nouns, verbs = frame_events._triggers()
    return [f for sent in nlp(text).sents for f in frames_of(sent, nouns, verbs)]


def _roles(text: str, lemma: str) -> dict[str, set[str]]:
    frame = next(f for f in _frames(text) if f.lemma == lemma)
    return {role: {t.text for t in toks} for role, toks in frame.args.items()}


@pytest.mark.parametrize("text, lemma, agent, patient", [
    ("Norway sanctioned Equinor last week.", "sanction", "Norway", "Equinor"),  # active
    ("Equinor was sanctioned by Norway last week.", "sanction", "Norway", "Equinor"),  # passive
    ("Equinor, which Norway sanctioned last week, appealed.", "sanction", "Norway", "Equinor"),  # relative
    ("Equinor, sanctioned by Norway last week, appealed.", "sanction", "Norway", "Equinor"),  # reduced relative
    ("Norway moved to sanction Equinor last week.", "sanction", "Norway", "Equinor"),  # control
    ("Norway sanctioned Equinor and Aker last week.", "sanction", "Norway", "Aker"),  # coordination
])
def test_a_verb_frame_has_the_same_roles_in_every_voice_and_clause(text, lemma, agent, patient):
    roles = _roles(text, lemma)
    assert agent in roles.get("agent", set()), roles
    assert patient in roles.get("patient", set()), roles


def test_among_gives_the_member_not_the_group():
    roles = _roles("Among the firms hit by the ban was Equinor.", "hit")
    assert "Equinor" in roles["patient"], roles


def test_an_event_noun_takes_its_possessor_phrases_and_light_verb():
    roles = _roles("Norway's sanctions on Equinor angered investors.", "sanction")
    assert roles["possessor"] == {"Norway"} and roles["patient"] == {"Equinor"}
    roles = _roles("Norway imposed sanctions on Equinor.", "sanction")
    assert roles["agent"] == {"Norway"} and "Equinor" in roles["patient"]
    roles = _roles("Equinor was hit with sanctions by Norway.", "sanction")
    assert roles["agent"] == {"Norway"} and "Equinor" in roles["patient"]


@pytest.mark.parametrize("text, negated, hypothetical", [
    ("Norway did not sanction Equinor.", True, False),
    ("Norway declined to sanction Equinor.", True, False),
    ("Norway could sanction Equinor if talks fail.", False, True),
    ("Norway sanctioned Equinor.", False, False),
])
def test_polarity_and_modality(text, negated, hypothetical):
    frame = next(f for f in _frames(text) if f.lemma == "sanction")
    assert (frame.negated, frame.hypothetical) == (negated, hypothetical), frame


def _sanctions(text: str, *, relief: bool = False) -> set[tuple[str, str, str | None]]:
    res = analyse_text(text)
    return {(_name(res, f.imposed_by[0]), _name(res, t), f.status) for f in res.facts
            if isinstance(f, EventFact) and f.kind == ("relief" if relief else "sanction") for t in f.targets}


def _offers(text: str) -> set[tuple[str, str]]:
    res = analyse_text(text)
    return {(_name(res, b), _name(res, t)) for f in res.facts if isinstance(f, EventFact) and f.kind == "offer"
            for b in f.offered_by for t in f.offered_to}


@pytest.mark.parametrize("text", [
    "Rosneft, which the European Union sanctioned in 2022, cut its dividend.",
    "Among the companies the European Union targeted with sanctions on Monday was Rosneft.",
    "Rosneft and two other oil firms were hit with sanctions by the European Union on Monday.",
    "The European Union's sanctions on Rosneft took effect on Monday.",
])
def test_a_sanction_in_any_shape(text):
    found = {(by, target) for by, target, _status in _sanctions(text)}
    assert any("European Union" in by and target == "Rosneft" for by, target in found), found


@pytest.mark.parametrize("text", [
    "The European Union did not impose sanctions on Rosneft, officials said.",
    "The European Union declined to sanction Rosneft.",
])
def test_a_negated_sanction_is_no_sanction(text):
    assert not {f for f in _sanctions(text) if f[1] == "Rosneft"}


def test_a_hypothetical_sanction_is_not_in_force():
    found = _sanctions("The European Union could impose sanctions on Rosneft if the talks fail.")
    assert found and all(status in ("threatened", "proposed") for _by, _t, status in found), found


@pytest.mark.parametrize("text", [
    "Rosneft, on which the European Union lifted sanctions in May, raised output.",
    "The European Union's easing of sanctions on Rosneft drew criticism from lawmakers.",
    "EU lifts sanctions on Rosneft",
    # a list of measures in which the tagger read "freezes" as a verb, the clause naming the target on the last
    ("The European Union on Wednesday lifted the arms embargo, asset freezes and travel bans that it had imposed on "
     "Rosneft in 2014, rewarding the company for its reforms."),
    # headlines whose verb the tagger read as a noun in a compound ("lifts Rosneft sanctions")
    "EU lifts Rosneft sanctions",
    "EU eases Rosneft sanctions",
    "European Union waives Rosneft sanctions",
])
def test_a_relief_in_any_shape(text):
    found = {(by, target) for by, target, _status in _sanctions(text, relief=True)}
    assert any("European Union" in by and target == "Rosneft" for by, target in found), found


@pytest.mark.parametrize("text", [
    "Rosneft lifts output targets",
    "Analysts question Rosneft sanctions",
    "EU weighs Rosneft sanctions",
])
def test_a_headline_that_lifts_nothing_gives_no_relief(text):
    assert not _sanctions(text, relief=True), _sanctions(text, relief=True)


@pytest.mark.parametrize("text", [
    "Unilever, which Kraft Heinz offered to buy for $143 billion, rejected the approach.",
    "Unilever was approached by Kraft Heinz with a takeover offer on Friday.",
    "Unilever and a smaller rival received takeover offers from Kraft Heinz this year.",
    "Kraft Heinz bids $143bn for Unilever",
])
def test_an_offer_in_any_shape(text):
    assert ("Kraft Heinz", "Unilever") in _offers(text), _offers(text)


def test_a_name_a_description_classes_becomes_an_entity_of_that_class():
    entities = analyse_text("The United States will ease sanctions on Belavia, the Belarusian state airline.").entities
    assert any(e.best_name == "Belavia" and e.type == "Company" for e in entities), entities


def test_a_name_filling_a_takeover_slot_is_a_company_whatever_the_model_said():
    entities = analyse_text("Microsoft offered to buy Activision Blizzard for $69 billion.").entities
    assert any(e.best_name == "Activision Blizzard" and e.type == "Company" for e in entities), entities


def test_event_kinds_are_data_and_a_non_word_is_refused(monkeypatch):
    kinds = frame_events.event_kinds()
    assert {"sanction", "relief", "offer"} <= set(kinds)
    assert all(isinstance(p, str) for k in kinds.values() for ps in k["measure_verbs"].values() for p in ps)
    from kg.extract import frame_kinds

    monkeypatch.setattr(frame_kinds, "load_data", lambda name: {"sanction": {"measure_verbs": {"put": [True]}}})
    frame_events.event_kinds.cache_clear()
    try:
        with pytest.raises(DataError, match="event_kinds.yaml"):
            frame_events.event_kinds()
    finally:
        frame_events.event_kinds.cache_clear()


@pytest.mark.parametrize("text, name, cls", [
    ("Shares of Valmora rose after Valmora, the Spanish shipping group, won the contract.", "Valmora", "Company"),
    ("The rules were drafted by Ostrava Institute, a Czech research institute.", "Ostrava Institute", "Organization"),
    ("Kyoto-based motor maker Nidec has announced a plan to buy Makino Milling Machine.", "Nidec", "Company"),
    ("The sanctions target Russian citizen Aleksandr Ermakov.", "Aleksandr Ermakov", "Person"),
])
def test_what_the_article_says_a_name_is_gives_its_class(text, name, cls):
    entities = analyse_text(text).entities
    assert any(e.best_name == name and e.type == cls for e in entities), [(e.best_name, e.type) for e in entities]


def test_a_described_company_is_not_merged_into_a_person_sharing_its_word():
    text = ("Kyoto-based motor maker Nidec has announced a plan to buy Makino Milling Machine. "
            "It bought a machine tool unit in 2021, renaming it Nidec Machine Tool.")
    entities = analyse_text(text).entities
    assert any(e.type == "Company" and "Nidec" in e.names for e in entities), [(e.names, e.type) for e in entities]


def test_a_one_word_person_named_like_an_organisation_of_the_article_is_that_organisation():
    res = analyse_text("Kyoto-based motor maker Nidec has announced a plan to buy Makino Milling Machine. "
                       "Nidec said the offer was fair.", title="Nidec launches rare unsolicited bid for Makino")
    nidec = [e for e in res.entities if "Nidec" in e.names and not e.implicit]
    assert [e.type for e in nidec] == ["Company"], [(e.names, e.type) for e in nidec]


def test_one_of_a_countrys_biggest_lenders_is_based_there():
    rels = relations(analyse_text("The United States imposed sanctions on Gazprombank, one of Russia's biggest lenders."))
    assert ("Gazprombank", "basedIn", "Russia") in rels, rels


@pytest.mark.parametrize("text, expected", [
    ("Siemens named Roland Busch as chief executive in 2021.", ("Roland Busch", "ceoOf", "Siemens AG")),
    ("The board of Unilever appointed Hein Schumacher as chief executive on Monday.",
     ("Hein Schumacher", "ceoOf", "Unilever")),
])
def test_an_appointment_gives_the_title_s_role(text, expected):
    rels = relations(analyse_text(text))
    assert any(s == expected[0] and p == expected[1] and expected[2].split()[0] in o for s, p, o in rels), rels


def test_a_hypothetical_appointment_gives_no_role():
    rels = relations(analyse_text("Siemens could name Roland Busch as chief executive if the board agrees."))
    assert not any(s == "Roland Busch" and p == "ceoOf" for s, p, o in rels), rels


# --- one measure per government, lists of targets, measures told again ------------------------------------

def _by_target(res) -> set[tuple[str, str]]:
    return {(by, t) for s in sanctions(res) for by in s["by"] for t in s["target"]}


@pytest.mark.parametrize("text, pairs", [
    # coordinated governments: one measure each
    ("Japan, Canada and Norway imposed sanctions on Rosneft on Monday.",
     {("Japanese government", "Rosneft"), ("Canadian government", "Rosneft"), ("Norwegian government", "Rosneft")}),
    ("The US, the UK and Australia sanctioned Sovcomflot over its tankers.",
     {("United States government", "Sovcomflot"), ("British government", "Sovcomflot"),
      ("Australian government", "Sovcomflot")}),
    # a list of people given by their titles
    ("Canada sanctioned two members of Russia's cabinet, the finance minister Anton Siluanov and the "
     "defence minister Sergei Shoigu.",
     {("Canadian government", "Anton Siluanov"), ("Canadian government", "Sergei Shoigu")}),
    # a verb of banning
    ("The Commerce Department banned Hikvision from buying American chips.",
     {("US Department of Commerce", "Hikvision")}),
])
def test_every_government_and_every_target_of_a_measure(text, pairs):
    got = _by_target(analyse_text(text))
    assert pairs <= got, got


@pytest.mark.parametrize("text, pair", [
    # "the sanctions" / "the measures" told again: the government of the measure told before
    ("Japan imposed sanctions on Rosneft on Monday. The sanctions also target Lukoil and Novatek.",
     ("Japanese government", "Lukoil")),
    ("Japan imposed sanctions on Rosneft on Monday. The measures also hit Lukoil.", ("Japanese government", "Lukoil")),
    # "its sanctions": the government named before the pronoun
    ("The United States delayed the day its sanctions on Naftna Industrija Srbije take full effect.",
     ("United States government", "Naftna Industrija Srbije")),
])
def test_a_measure_told_again_keeps_its_government(text, pair):
    got = _by_target(analyse_text(text))
    assert pair in got, got


@pytest.mark.parametrize("text", [
    "Sanctions were imposed on Rosneft last year. The sanctions hurt Lukoil's margins.",  # no actor, "hurt" is not a target
    "New sanctions on Rosneft are expected, analysts said.",  # indefinite: no measure told before
])
def test_no_government_is_invented_for_a_measure(text):
    assert not sanctions(analyse_text(text))


def test_a_government_does_not_sanction_its_own_country():
    res = analyse_text("China's Ministry of Commerce on Friday banned Nexperia China from exporting finished chips.")
    assert not any("China" in s["target"] for s in sanctions(res)), sanctions(res)


# --- ownership read from frames: every voice and clause type, the other way round -------------------------

@pytest.mark.parametrize("text, triple", [
    ("Helix Holdings owns Vantor Bank and two insurers.", ("Vantor Bank", "subsidiaryOf", "Helix Holdings")),
    ("Vantor Bank is owned by Helix Holdings, a Zurich-listed group.", ("Vantor Bank", "subsidiaryOf", "Helix Holdings")),
    ("Ostrava Steel, majority owned by ArcelorMittal, cut jobs on Monday.",
     ("Ostrava Steel", "subsidiaryOf", "ArcelorMittal")),
    ("Regulators fined Lumen Energy, the British unit of Iberdrola.", ("Lumen Energy", "subsidiaryOf", "Iberdrola")),
    ("Iberdrola's British subsidiary, Lumen Energy, was fined on Monday.",
     ("Lumen Energy", "subsidiaryOf", "Iberdrola")),
])
def test_ownership_in_every_shape(text, triple):
    rels = relations(analyse_text(text))
    assert triple in rels, rels


@pytest.mark.parametrize("text", [
    "Helix Holdings does not own Vantor Bank.",
    "Helix Holdings could own Vantor Bank by next year.",
    "Gazprom Neft owns about 45% of the Novi Sad refiner.",
    "Other apps on the list include Alibaba's UC Browser, the file-sharing app Shareit and Helo, a regional-language "
    "social network also owned by ByteDance.",
])
def test_no_ownership_from_negation_possibility_stakes_or_the_wrong_list_member(text):
    rels = relations(analyse_text(text))
    assert not any(p == "subsidiaryOf" and s in ("Vantor Bank", "UC Browser") for s, p, _ in rels), rels


@pytest.mark.parametrize("text, pairs", [
    # a counted plural noun announces its list after a comma, wherever the parser hung the names
    ("China's foreign ministry announced countermeasures on Friday against Anduril and two other American defence "
     "contractors, Huntington Ingalls Industries and General Dynamics, in response to arms sales to Taiwan.",
     {("Chinese government", "Anduril"), ("Chinese government", "Huntington Ingalls Industries"),
      ("Chinese government", "General Dynamics")}),
    # ... or after a member cue later in its clause
    ("The Commerce Department added 28 companies to the Entity List, including Hikvision and Megvii, on Monday.",
     {("US Department of Commerce", "Hikvision"), ("US Department of Commerce", "Megvii")}),
    ("The bureau added 31 Chinese organisations to its Unverified List, among them Yangtze Memory Technologies, the "
     "biggest maker of memory chips.", {("US Department of Commerce", "Yangtze Memory Technologies")}),
    # a nationality on the measure names its government
    ("Chinese sanctions on Anduril cut off its battery supplier.", {("Chinese government", "Anduril")}),
    ("The American sanctions on Rosneft took effect on Monday.", {("United States government", "Rosneft")}),
])
def test_countermeasures_counted_lists_and_nationalities(text, pairs):
    got = _by_target(analyse_text(text))
    assert pairs <= got, got
    assert not any(by in ("Huntington Ingalls Industries", "General Dynamics") for by, _ in got), got

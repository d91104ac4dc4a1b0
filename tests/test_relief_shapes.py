"""Reliefs and sanctions in the shapes a held-out set showed missing: a freeze on someone's assets lifted, a
designation revoked, a body named by its noun ("the Ansarallah movement", "his Fleurette group"), and an event that
makes no one an organisation when it has no actor ("any property belonging to Gaddafi" leaves Gaddafi a person).
Every text is a short article written for this project."""
from __future__ import annotations

import pytest
from factlib import analyse_text, entity_types, sanctions


@pytest.mark.parametrize("text,by,target", [
    ("The UN Security Council on Friday lifted its freeze on the assets of Libya's Orvane Oil Corporation.",
     "Security Council", "Orvane Oil Corporation"),
    ("Secretary of State Mara Quell said on Friday that she was revoking the designation of Yemen's Ansarallah "
     "movement as a terrorist organisation.", "Mara Quell", "Ansarallah"),
])
def test_a_relief_of_a_freeze_or_a_designation(text, by, target):
    found = sanctions(analyse_text(text), relief=True)
    assert any(target in " ".join(r["target"]) for r in found), found
    if by:
        assert any(by in " ".join(r["by"]) for r in found)


def test_a_freeze_on_someones_assets_targets_them():
    found = sanctions(analyse_text("The Treasury imposed a freeze on the assets of Orlan Group on Monday."))
    assert any("Orlan Group" in " ".join(r["target"]) for r in found)


def test_a_body_named_by_its_noun_is_the_target():
    found = sanctions(analyse_text(
        "The Treasury sanctioned Dan Gertler on Wednesday. The Treasury on Thursday blocked the companies of his Fleurette "
        "group, which holds his mining interests."))
    assert any("Fleurette" in " ".join(r["target"]) for r in found)


def test_property_belonging_to_a_person_leaves_the_person_a_person():
    # (a reader of "X belongs to Y" as ownership once retyped the person as a company; it was withdrawn)
    result = analyse_text("President Carla Imre signed an order that blocks any property belonging to Tomas Varga, "
                          "his government and several of his children.")
    assert entity_types(result).get("Tomas Varga") == "Person"


@pytest.mark.parametrize("text", [
    "The Interior Department is revoking the designation of Bears Ears as a national monument.",
    "The Treasury is considering revoking the designation of Orvane Group as a terrorist organisation.",
    "The Treasury could lift its freeze on the assets of Orvane Group.",
])
def test_no_relief_in_force_from_another_designation_or_a_proposal(text):
    found = sanctions(analyse_text(text), relief=True)
    assert not any(r["status"] == "lifted" for r in found)


"""Members of a sanction named in a list after the measure: a colon line whose subject is the measure ("The asset
freeze applies to these members of his family:"), a list put "on the same list:", names the model does not read as
people ("Abdul Malik al-Houthi"), and a member described after a comma whatever the description's verb ("X, long
seen as his heir"). Every text is a short article written for this project (names are invented or public)."""
from __future__ import annotations

from factlib import sanctions

from kg.builder.analyse import analyse
from kg.read.article import parse_article_text


def _targets(text: str, *, relief: bool = False) -> set[str]:
    """Targets of the sanctions of a Markdown article, read as a file is (its lists rendered)."""
    (result,) = analyse([parse_article_text("Sanctions\n\n" + text, source="t.md", file_name="t.md")])
    return {t for s in sanctions(result, relief=relief) for t in s["target"]}


FAMILY = """The UN Security Council voted on Saturday to freeze the foreign assets of Tomas Varga and five of his children.

The asset freeze applies to Varga himself and to these members of his family:

  * Ivo Varga, long seen as his heir
  * Lena Varga, his adviser
  * Petr Varga, who commands an army brigade
  * Anna Varga

All six are now cut off from their money abroad.
"""

LEADERS = """The State Department put three Kestrel movement leaders on its terrorism list:

1. Abdul Malik al-Rahim, the movement's leader;
2. Abd al-Khaliq Badr al-Din al-Rahim, his brother;
3. Abdullah Yahya al-Hakim, a senior military figure.

Any property the three hold will be blocked.
"""


def test_a_colon_line_of_the_measure_itself_opens_its_list():
    found = _targets(FAMILY)
    assert {"Ivo Varga", "Lena Varga", "Petr Varga", "Anna Varga"} <= found


def test_names_with_particles_in_a_list_of_leaders_are_people():
    found = _targets(LEADERS)
    assert {"Abdul Malik al-Rahim", "Abd al-Khaliq Badr al-Din al-Rahim", "Abdullah Yahya al-Hakim"} <= found


def test_a_list_of_something_else_after_the_measure_names_no_target():
    found = _targets("The UN Security Council froze the assets of Tomas Varga on Saturday.\n\n"
                     "The asset freeze was welcomed by these countries:\n\n  * Norway\n  * Chile\n\nTalks go on.\n")
    assert not {"Norway", "Chile"} & found


def test_a_titled_name_in_a_list_stays_the_name_the_model_read():
    found = _targets("The EU sanctioned three Iranian officers on Monday:\n\n"
                     "- Major General Mohammad Reza Nasiri, chief of staff of the army;\n"
                     "- Brigadier General Saeed Karimi, who commands the drone unit.\n")
    assert not any(t.startswith(("Major", "Brigadier")) for t in found)


def test_a_measure_line_about_something_else_opens_no_list():
    for line in ("The asset freeze was criticised by these officials:", "The asset freeze does not apply to these "
                 "members of his family:", "The embargo covers these goods:", "The asset freeze could extend to these "
                 "members of his family:"):
        found = _targets("The UN Security Council voted on Saturday to freeze the foreign assets of Tomas Varga.\n\n"
                         + line + "\n\n  * Ivo Varga, his heir\n  * Lena Varga, his adviser\n\nTalks go on.\n")
        assert not {"Ivo Varga", "Lena Varga"} & found, line


def test_an_item_that_says_it_is_not_listed_is_no_target():
    found = _targets(FAMILY.replace("  * Anna Varga", "  * Anna Varga, who was later removed from the list"))
    assert "Anna Varga" not in found and "Ivo Varga" in found


"""Reading articles: metadata from the header shapes of scraped news, and boilerplate removal."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.errors import InputError
from kg.read.article import parse_article_text
from kg.read.files import decode_bytes, load_article

ROOT = Path(__file__).resolve().parent.parent
EXPECTED = json.loads((ROOT / "examples" / "expected.json").read_text(encoding="utf-8"))

MARKDOWN = """
# Regulator clears the merger of two grid operators

Published at: **2021-03-04T08:15:00+00:00**

Author: **Lena Vogt**

Original: [Grid Weekly](https://gridweekly.example.com/news/merger-cleared)

The competition authority approved the merger on Wednesday after a six-month review of the two companies' overlapping networks.
"""

BYLINE_GLUED = """shutterstock_99887766_viewimage
2 April 2022PolicyTomas Berg

Ministers weigh a new export regime for chip tools

Ministers are weighing a licensing regime for exports of chip-making tools, officials said on Friday in a briefing to reporters.
"""

BYLINE_LINES = """Sara Quist

October 3, 2021

4 Min Read
Carmaker recalls a quarter of a million vehicles

The carmaker said on Sunday it would recall about 250,000 vehicles after regulators found a fault in the braking software.
"""

BY_PREFIX = """Port strike ends after three weeks
By Jonas Meyer and Ada Lin
March 12, 2018

Dock workers returned to work on Monday after the union accepted a revised pay offer from the port operators.
"""

BARE_WITH_JUNK = """The shipping group said on Tuesday that it would double the size of its fleet by 2030 as trade routes recover.
Its chief executive said the orders would be placed with yards in South Korea and Japan over the next two years.
Do you know all about shipping? Try our quiz!
Actor Sam Pell cast in a new role as a detective in the long-running series, after months of…
Regulator fines a payments firm over missed checks on accounts linked to…
"""

NEWSLETTER = """Wind farm approved off the coast

The planning board approved the offshore wind farm on Monday, clearing the way for construction to begin next spring.
Did you enjoy reading this story?  Sign up to our free daily newsletters and get stories like this sent straight to your inbox.
Already registered?
Login to your account
More on this story
12 May 2021   Another story about Kestrel Holdings and its chairman Ivo Brandt.
"""

BIO = """Telecom group sells tower unit

The telecom group agreed on Thursday to sell its tower unit to an infrastructure fund for about two billion dollars.
Image: Reuters/Pat Doyle
About the Author(s)
Mira Holt
Mira is the news editor of Gridline and previously worked at Coastal Analytics.
Follow her @miraholt
"""

METADATA_CASES = [
    (MARKDOWN, {"title": "Regulator clears the merger of two grid operators", "date": "2021-03-04T08:15:00+00:00",
                "authors": ("Lena Vogt",), "url": "https://gridweekly.example.com/news/merger-cleared",
                "outlet": "Grid Weekly"}),
    (BYLINE_GLUED, {"title": "Ministers weigh a new export regime for chip tools", "date": "2022-04-02",
                    "authors": ("Tomas Berg",)}),
    (BYLINE_LINES, {"title": "Carmaker recalls a quarter of a million vehicles", "date": "2021-10-03",
                    "authors": ("Sara Quist",)}),
    (BY_PREFIX, {"title": "Port strike ends after three weeks", "date": "2018-03-12",
                 "authors": ("Jonas Meyer", "Ada Lin")}),
    (BARE_WITH_JUNK, {"title": None, "date": None, "authors": ()}),
]

BODY = "\nThe port authority said on Friday that it had approved the sale of two cranes to a logistics group.\n"
METADATA_CASES += [
    # a bar between the authors and the wire, and an "Updated" stamp with the date at its end
    ("# Crane sale approved\n\nBy Ana Ruiz and Li Wei | Reuters\nUpdated 3:45 PM ET, Fri October 7, 2022\n" + BODY,
     {"title": "Crane sale approved", "date": "2022-10-07", "authors": ("Ana Ruiz", "Li Wei"), "outlet": "Reuters"}),
    # a staff line: name, then the job
    ("Crane sale approved\nAna Ruiz, Transport correspondent\n7 Oct 2022\n" + BODY,
     {"title": "Crane sale approved", "date": "2022-10-07", "authors": ("Ana Ruiz",)}),
    # YAML front matter, a quoted title, the closing fence not left in the body
    ('---\ntitle: "Crane sale approved"\ndate: 2022-10-07\nauthor: Ana Ruiz\nsource: https://news.example.org/a/1\n---\n'
     + BODY, {"title": "Crane sale approved", "date": "2022-10-07", "authors": ("Ana Ruiz",),
              "url": "https://news.example.org/a/1"}),
    # numeric dates: day first, unless a part is over 12 or a US time zone says month first
    ("Crane sale approved\nPublished: 07/10/2022 14:02 BST\n" + BODY, {"date": "2022-10-07"}),
    ("Crane sale approved\nPublished: 10/25/2022\n" + BODY, {"date": "2022-10-25"}),
    ("Crane sale approved\nPublished: 10/07/2022 9:30 AM EDT\n" + BODY, {"date": "2022-10-07"}),
]


def test_a_job_line_under_the_byline_is_not_the_author():
    text = "Crane sale approved\n\nAna Ruiz\nTransport Editor\n14 Sep 2020 • 5 min read\n" + BODY
    article = parse_article_text(text, source="t", file_name="t.txt")
    assert article.authors == ("Ana Ruiz",) and article.date == "2020-09-14"
    assert "Transport Editor" not in article.text


@pytest.mark.parametrize("junk", [
    "Download our app for live market updates and breaking business news.",
    "Also read: Port operator lines up another foreign investor for its…",
    "Read more: Crane makers brace for a slowdown",
])
def test_app_and_read_more_lines_are_boilerplate(junk):
    article = parse_article_text("Crane sale approved\n" + BODY + junk + "\n", source="t", file_name="t.txt")
    assert junk not in article.text


@pytest.mark.parametrize("header,expected", [
    # a section label above the headline, a byline with bars and a date
    ("MARKETS | PORTS\n\nCrane maker agrees sale of its port unit\n\nBy Ana Ruiz | April 15, 2022 | 6:02 PM EDT\n",
     {"title": "Crane maker agrees sale of its port unit", "date": "2022-04-15", "authors": ("Ana Ruiz",)}),
    # breadcrumbs, "Posted <date> by <name>"
    ("Home > Business > Ports\n\nCrane maker agrees sale of its port unit\n\nPosted 2022-11-26 by Ana Ruiz\n",
     {"title": "Crane maker agrees sale of its port unit", "date": "2022-11-26", "authors": ("Ana Ruiz",)}),
    # a desk label is neither the headline nor the author; the author's place is not part of the name
    ("Business News\nApril 17, 2019 / 7:15 AM / Updated 3 hours ago\n\nCrane maker agrees sale of its port unit\n\n"
     "By Ana Ruiz in Rotterdam\n",
     {"title": "Crane maker agrees sale of its port unit", "date": "2019-04-17", "authors": ("Ana Ruiz",)}),
    # a job after the name on the byline is not a second author
    ("Crane maker agrees sale of its port unit\nBy Ana Ruiz, Transport Correspondent\nPublished 23rd April 2019\n",
     {"title": "Crane maker agrees sale of its port unit", "date": "2019-04-23", "authors": ("Ana Ruiz",)}),
])
def test_more_header_shapes(header, expected):
    article = parse_article_text(header + BODY, source="t", file_name="t.txt")
    for field, value in expected.items():
        assert getattr(article, field) == value, (field, getattr(article, field))


def test_front_matter_fence_is_not_body_text():
    article = parse_article_text('---\ntitle: "Crane sale approved"\n---\n' + BODY, source="t", file_name="t.md")
    assert not article.text.startswith("---") and "---" not in article.text


@pytest.mark.parametrize("text,expected", METADATA_CASES)
def test_metadata_from_header_shapes(text, expected):
    article = parse_article_text(text, source="t", file_name="t.txt")
    for field, value in expected.items():
        assert getattr(article, field) == value, field


BOILERPLATE_CASES = [
    (BARE_WITH_JUNK, ["Sam Pell", "payments firm", "quiz"], "trade routes recover", True),
    (NEWSLETTER, ["newsletter", "Already registered", "Login", "Kestrel", "Ivo Brandt"], "offshore wind farm", True),
    (BIO, ["Mira", "Coastal Analytics", "Pat Doyle", "Follow her"], "infrastructure fund", True),
    (BYLINE_GLUED, ["viewimage", "shutterstock"], "licensing regime", False),
    (BYLINE_LINES, ["Min Read"], "braking software", False),
]


@pytest.mark.parametrize("text,gone,kept,counted", BOILERPLATE_CASES)
def test_boilerplate_is_removed(text, gone, kept, counted):
    article = parse_article_text(text, source="t", file_name="t.txt")
    for junk in gone:
        assert junk not in article.text
    assert kept in article.text
    assert (article.removed_lines > 0) == counted  # header lines are metadata, not counted as boilerplate


@pytest.mark.parametrize("text,start", [
    ("LONDON (Reuters) - Shares in the miner rose on Monday after it raised its dividend.", "Shares in the miner"),
    # a place with the day, in title case: the place is where the story was written, not an actor in it
    ("Vilnius, 12 August 2022 — China on Friday imposed sanctions on a deputy minister of transport.", "China on"),
    ("Brussels, March 3, 2021 – The bloc froze the assets of four officials over the crackdown.", "The bloc"),
    # after a standfirst in italics: the dateline opens the story's first paragraph, not the page's
    ("*The vote ends a decade of measures.*\n\nNEW YORK — The council on Tuesday lifted its embargo on the country.",
     "The vote ends"),
    # a place in capitals with its country in title case
    ("HALDEN, Norway -- Tove Lie resigned as chief executive of Orvik Foods on Friday.", "Tove Lie resigned"),
    ("KIRKENES, Norway - The government said on Monday it would close its ports to the trawlers.", "The government"),
    # a sentence that opens with a name and a dash keeps it
    ("Kestrel Foods — the dairy group — said on Monday that it would close two plants in the north.", "Kestrel Foods"),
])
def test_dateline_is_stripped(text, start):
    article = parse_article_text(text, source="t", file_name="t.txt")
    assert article.text.startswith(start)
    assert "NEW YORK" not in article.text and "LONDON" not in article.text and "Vilnius," not in article.text


@pytest.mark.parametrize("second", [
    "NATO – the Western military alliance – said it would send more ships.",
    "BP — once the largest foreign investor in Russia — sold its stake in Orlan Oil.",
    "OPEC - the oil producers' group - cut output again.",
])
def test_a_later_paragraph_that_opens_with_a_name_and_a_dash_keeps_it(second):
    text = f"The market fell for a third day on Tuesday as traders waited for news.\n\n{second}"
    assert second.split()[0] in parse_article_text(text, source="t", file_name="t.txt").text


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bundled_examples_metadata(name):
    article = load_article(ROOT / "examples" / "articles" / name)
    want = EXPECTED[name]
    assert article.title == want["title"]
    assert (article.date or "")[:10] == (want["date"] or "")
    assert list(article.authors) == want["authors"]
    if want["url"]:
        assert article.url == want["url"]
    for junk in want["boilerplate_names"]:
        assert junk not in article.text, junk


def test_html_article_drops_scripts_and_navigation():
    article = load_article(ROOT / "examples" / "articles" / "07-uk-huawei-5g-ban.html")
    assert "<script" not in article.text and "function(" not in article.text
    assert "Huawei" in article.text


@pytest.mark.parametrize(
    "data,encoding",
    [
        ("Café owners in Zürich said prices rose.".encode("cp1252"), "cp1252"),
        ("Café owners in Zürich said prices rose.".encode("utf-16"), "utf-16"),
        ("\ufeffCafé owners said prices rose.".encode("utf-8"), "utf-8"),
    ],
)
def test_decoding_fallbacks(data, encoding):
    text, used = decode_bytes(data)
    assert "Caf\u00e9 owners" in text
    assert used.startswith(encoding[:5]) or used.lower().replace("_", "-").startswith(encoding[:5])


@pytest.mark.parametrize(
    "data,reason",
    [(b"", "empty"), (b"\x89PNG\r\n\x1a\n" + bytes(100), "PNG"), (b"%PDF-1.7\n" + bytes(50), "PDF"),
     (b"PK\x03\x04" + bytes(50), "zip")],
)
def test_unusable_bytes_are_refused_with_a_reason(data, reason):
    with pytest.raises(InputError, match=reason):
        decode_bytes(data)


def test_nothing_but_boilerplate_is_refused():
    with pytest.raises(InputError, match="no article text"):
        parse_article_text("Already registered?\nLogin to your account\nMore on this story\n", source="t", file_name="t")

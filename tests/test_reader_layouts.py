"""The reader's layouts: front matter, Markdown, an HTML page's own metadata, the reading report, furniture by kind.

Every page here is written for the test; names and outlets are invented.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from kg.errors import InputError
from kg.read.article import format_reading, parse_article_text, parse_html
from kg.read.markdown import render_markdown

KG = Path(sys.executable).parent / "kg"
BODY = ("The port authority said on Friday that it had approved the sale of two harbour cranes to a logistics "
        "group based in Rotterdam, ending a year of talks.\n\nThe buyer said it would move the cranes by barge "
        "before the end of the summer and hire most of the crews who run them today.\n")


def read(text: str, name: str = "t.md"):
    return parse_article_text(text, source=name, file_name=name)


def sources(article) -> dict[str, str]:
    return {fs.field: fs.source for fs in article.read_from}


# --------------------------------------------------------------------------- front matter

@pytest.mark.parametrize("front,expected", [
    # Hugo/Jekyll YAML with lists, a date-time, a nested map: one block, whatever it holds
    ('---\ntitle: "Harbour cranes sold to Rotterdam group"\ndate: 2024-03-05T09:30:00+01:00\n'
     "tags: [Ports, Logistics]\ncategories:\n  - Business\n  - Europe\nauthor:\n  name: Ilse Brandt\n"
     "  twitter: '@ibrandt'\nurl: https://www.havenpost.example.nl/2024/03/05/cranes\n---\n",
     {"title": "Harbour cranes sold to Rotterdam group", "date": "2024-03-05T09:30:00+01:00",
      "authors": ("Ilse Brandt",), "url": "https://www.havenpost.example.nl/2024/03/05/cranes"}),
    # a YAML date without time, a list of authors, a date string in day-first form under a .co.uk canonical
    ("---\nheadline: Harbour cranes sold\npublishDate: 05/03/2024\nauthors:\n  - Ilse Brandt\n  - Tom Okafor\n"
     "canonical: https://www.harbourgazette.example.co.uk/news/cranes\nsite_name: Harbour Gazette\n---\n",
     {"title": "Harbour cranes sold", "date": "2024-03-05", "authors": ("Ilse Brandt", "Tom Okafor"),
      "outlet": "Harbour Gazette"}),
    # TOML between +++ fences, with a [params] table
    ('+++\ntitle = "Harbour cranes sold"\ndate = 2024-03-05\n[params]\nauthor = "Ilse Brandt"\n'
     'source_url = "https://example.org/cranes"\n+++\n',
     {"title": "Harbour cranes sold", "date": "2024-03-05", "authors": ("Ilse Brandt",),
      "url": "https://example.org/cranes"}),
])
def test_front_matter_of_any_shape_is_one_block(front, expected):
    article = read(front + "\n" + BODY)
    for name, value in expected.items():
        assert getattr(article, name) == value, name
    assert article.text.startswith("The port authority")
    assert set(expected) <= set(sources(article))
    assert all(src.startswith("front matter") for name, src in sources(article).items() if name in expected)
    assert "tags" not in article.text and "+++" not in article.text and "---" not in article.text


def test_front_matter_that_does_not_parse_is_still_one_block():
    article = read("---\ntitle: Harbour: cranes: sold\nauthor: [Ilse Brandt\n---\n\n" + BODY)
    assert article.text.startswith("The port authority")
    assert any(n.startswith("front matter: YAML did not parse") for n in article.notes)


def test_prose_between_two_rules_is_not_front_matter():
    article = read("---\nThe port authority approved the sale of two cranes on Friday after a long review.\n---\n\n"
                   + BODY)
    # kept (Markdown reads a line over "---" as a heading, so here it is the headline), not eaten as metadata
    assert "approved the sale of two cranes" in f"{article.title} {article.text}"
    assert article.layout != "Markdown with YAML front matter"


def test_the_heading_repeating_the_front_matter_title_is_not_body():
    article = read("---\ntitle: Harbour cranes sold\n---\n\n# Harbour cranes sold\n\n" + BODY)
    assert article.title == "Harbour cranes sold" and not article.text.startswith("Harbour cranes sold")


# --------------------------------------------------------------------------- Markdown

def test_markdown_links_keep_their_text_and_lose_their_url():
    text = ("# Cranes sold\n\nThe sale to [Maasvlakte Logistics](https://maas.example.nl/about \"About\") was "
            "approved by the [port authority][pa] on Friday, officials from [Ukraine](https://ua.example/) said.\n\n"
            "![A crane at dusk](https://img.example/crane.jpg)\n\n[pa]: https://port.example.nl/\n\n" + BODY)
    article = read(text)
    assert "Maasvlakte Logistics" in article.text and "port authority" in article.text
    assert "http" not in article.text and "](" not in article.text and "A crane at dusk" not in article.text


def test_markdown_lines_keep_their_source_positions_and_kinds():
    lines = render_markdown("## Sub\n- one\n- two\n> quoted\n\n*all italic*\n[only](https://x.example/)")
    assert [ln.text for ln in lines] == ["Sub", "one", "two", "quoted", "", "all italic", "only"]
    assert lines[0].heading == 2 and lines[1].list_item and lines[3].quote and lines[5].emphasised
    assert lines[6].only_links


# --------------------------------------------------------------------------- HTML metadata

PAGE = """<!doctype html><html lang="{lang}"><head><title>Cranes sold | Harbour Gazette</title>{head}</head>
<body><nav><a href="/">Home</a></nav><article><h1>Harbour cranes sold</h1>{byline}
<p>The port authority said on Friday that it had approved the sale of two harbour cranes to a logistics group
based in Rotterdam, ending a year of talks.</p>
<p>The buyer said it would move the cranes by barge before the end of the summer and hire most of the crews who
run them today.</p></article></body></html>"""


def test_a_url_given_only_in_json_ld_is_read():
    head = ('<script type="application/ld+json">{"@context": "https://schema.org", "@graph": [{"@type": "WebSite",'
            ' "name": "Harbour Gazette"}, {"@type": "NewsArticle", "headline": "Harbour cranes sold",'
            ' "datePublished": "2024-03-05", "author": [{"@type": "Person", "name": "Ilse Brandt"},'
            ' {"@type": "Person", "name": "Tom Okafor"}], "mainEntityOfPage": {"@id":'
            ' "https://www.harbourgazette.example.co.uk/news/cranes"}, "publisher": {"name": "Harbour Gazette"}}]}'
            "</script>")
    article = parse_html(PAGE.format(lang="en", head=head, byline=""), source="p.html", file_name="p.html")
    assert article.url == "https://www.harbourgazette.example.co.uk/news/cranes"
    assert article.authors == ("Ilse Brandt", "Tom Okafor") and article.date == "2024-03-05"
    assert sources(article) == {"title": "JSON-LD", "date": "JSON-LD", "authors": "JSON-LD", "url": "JSON-LD",
                                "outlet": "JSON-LD"}
    assert article.layout == "HTML with JSON-LD"


def test_opengraph_meta_and_time_without_json_ld():
    head = ('<meta property="og:title" content="Harbour cranes sold"><meta property="og:url" '
            'content="https://www.harbourgazette.example.com.au/cranes"><meta name="author" content="Ilse Brandt">'
            '<meta property="og:site_name" content="Harbour Gazette">')
    byline = '<p class="byline">By Ilse Brandt, <time datetime="04/03/2024">4 March</time></p>'
    article = parse_html(PAGE.format(lang="en-AU", head=head, byline=byline), source="p.html", file_name="p.html")
    assert article.url == "https://www.harbourgazette.example.com.au/cranes" and article.date == "2024-03-04"
    assert sources(article)["url"] == "OpenGraph" and sources(article)["authors"] == "HTML meta"
    assert sources(article)["date"] == "HTML <time>"
    assert "day first: .au site" in format_reading(article)


# --------------------------------------------------------------------------- furniture, one kind at a time

FURNITURE = {
    "section label": ("Home › Business › Ports\n\nMarkets\n", ["Home", "Markets"]),
    "related list": ("## Most read\n\n1. Dockers strike at Antwerp as talks with Hans Vermeulen fail\n"
                     "2. Shipping line orders six ships from Nadia Okonjo's yard\n3. Canal fees rise again\n",
                     ["Hans Vermeulen", "Nadia Okonjo", "Canal fees"]),
    "share bar": ("Share · [Facebook](https://fb.example/s) · [X](https://x.example/s) · "
                  "[LinkedIn](https://li.example/s) · Email\n", ["Facebook", "LinkedIn", "Email"]),
    "photo credit": ("![Cranes at dusk](https://img.example/c.jpg)\n*Two cranes at the terminal at dusk.*\n\n"
                     "A crane lifts a container. Photo: Pieter de Graaf / Harbour Gazette\n",
                     ["Pieter de Graaf", "terminal at dusk"]),
    "newsletter box": ("**Sign up for the Harbour Briefing**\nEnter your email address\n"
                       "By signing up you agree to our privacy policy and terms.\n",
                       ["Harbour Briefing", "privacy policy"]),
    "link list": ("[Ports](https://hg.example/ports) | [Shipping](https://hg.example/shipping) | "
                  "[Rotterdam Maersk Terminal](https://hg.example/rmt)\n", ["Rotterdam Maersk Terminal"]),
}


@pytest.mark.parametrize("kind", sorted(FURNITURE))
def test_each_kind_of_furniture_is_removed_mid_article(kind):
    block, planted = FURNITURE[kind]
    first, second = BODY.strip().split("\n\n")
    article = read(f"# Harbour cranes sold\n\nBy Ilse Brandt\n\n{first}\n\n{block}\n{second}\n")
    for name in planted:
        assert name not in article.text, (kind, name)
    assert article.text.startswith("The port authority") and article.text.endswith("run them today.")
    assert dict(article.removed_by_kind).get(kind, 0) >= 1, article.removed_by_kind


# --------------------------------------------------------------------------- the reading report

def test_explain_read_prints_the_fields_and_their_sources(tmp_path):
    page = tmp_path / "cranes.md"
    page.write_text("---\ntitle: Harbour cranes sold\nauthor: Ilse Brandt\n---\n\n"
                    "**Harbour Gazette** · Business · 5 March 2024\n\n" + BODY, encoding="utf-8")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    proc = subprocess.run([str(KG), "build", "--explain-read", str(page), str(tmp_path / "empty.txt")],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 3, proc.stderr
    out = proc.stdout
    assert "Markdown with YAML front matter" in out
    assert "from front matter (YAML)  [title: Harbour cranes sold]" in out
    assert "2024-03-05" in out and "from date line" in out
    assert "empty.txt  skipped: empty file" in out
    assert not (tmp_path / "out").exists()


def test_nothing_left_is_still_refused():
    with pytest.raises(InputError, match="no article text"):
        read("---\ntitle: Only a header\n---\n\n![x](https://img.example/x.jpg)\n")


def test_long_markdown_reads_in_linear_time():
    """20,000 paragraphs took four minutes when each paragraph looked up its heading by a list search."""
    import time

    many = "# Cranes\n\n" + "\n\n".join(f"Paragraph {i} says the port sold a crane on Friday." for i in range(20000))
    links = "# Cranes\n\n" + " ".join(f"word{i} *em* [link](https://x.example/{i})" for i in range(20000))
    for text in (many, links):
        t0 = time.perf_counter()
        read(text)
        assert time.perf_counter() - t0 < 30


@pytest.mark.parametrize("caption", [
    "<small>Image: Lena Varga / The Harbour Gazette</small>",
    "<figcaption>Photo: Lena Varga</figcaption>",
    "<small><i>Photograph: Lena Varga for The Harbour Gazette</i></small>",
])
def test_a_caption_in_presentational_tags_is_furniture_not_body(caption):
    art = read(f"# Cranes sold\n\n![cranes](https://x.org/c.jpg)\n{caption}\n\n{BODY}")
    assert "Varga" not in art.text and "<" not in art.text, art.text
    assert art.text.startswith("The port authority said"), art.text


def test_presentational_tags_inside_a_sentence_go_and_other_angle_brackets_stay():
    art = read("The port authority<sup>1</sup> said on Friday that it had <span class=\"hl\">approved</span> the sale "
               "of two cranes, and that the <script> tag in its filing was a typo.\n\n" + BODY)
    assert "authority said on Friday that it had approved the sale" in art.text, art.text
    assert "<script>" in art.text


# --------------------------------------------------------------------------- header lines seen on held-out pages

@pytest.mark.parametrize("header,title,author,date", [
    # a name, the date and the outlet between middle dots, under the headline
    ("# Harbour cranes sold to Rotterdam group\n\n*Ilse Brandt · 5 March 2024 · Haven Post*\n\n",
     "Harbour cranes sold to Rotterdam group", "Ilse Brandt", "2024-03-05"),
    # "Words by" and the date after a dash
    ("# Harbour cranes sold to Rotterdam group\n\n_Words by Ilse Brandt — 5 March 2024, 09:30 CET_\n\n",
     "Harbour cranes sold to Rotterdam group", "Ilse Brandt", "2024-03-05"),
    # an outlet and its desk between middle dots above the headline, a "Reported by:" line
    ("Haven Port Wire · Industry\nTuesday, 5 March 2024 | 09:30 CET\nReported by: Ilse Brandt\n\n"
     "Harbour cranes sold to Rotterdam group\n\n", "Harbour cranes sold to Rotterdam group", "Ilse Brandt",
     "2024-03-05"),
    # an outlet in capitals with its desk, a headline in capitals
    ("HAVEN PORT TIMES -- Companies\nDate: 05/03/2024 08:05\nWriter: Ilse Brandt\n\n"
     "HARBOUR CRANES SOLD TO ROTTERDAM GROUP\n\n", "HARBOUR CRANES SOLD TO ROTTERDAM GROUP", "Ilse Brandt",
     "2024-03-05"),
])
def test_header_lines_of_many_outlets(header, title, author, date):
    art = read(header + BODY, "h.txt" if not header.startswith("#") else "h.md")
    assert (art.title, art.authors, art.date) == (title, (author,), date), (art.title, art.authors, art.date)


@pytest.mark.parametrize("text", [
    "Board changes at Kestrel\n\nKestrel Payments AG said sales fell. The board now consists of:\nTom Reiss, chief "
    "executive\nUte Kahl, finance chief\n",
    "Board changes at Kestrel\n\nKestrel Payments AG said sales fell.\n\nThe management board now consists of:\n\nTom "
    "Reiss -- interim chief executive\n\nUte Kahl -- chief financial officer\n",
])
def test_a_list_the_text_opens_with_a_colon_is_the_texts_own(text):
    """The short lines after "... consists of:" are neither headlines nor a related-stories list."""
    art = read(text, "list.txt")
    assert art.title == "Board changes at Kestrel", art.title
    assert "Tom Reiss" in art.text and "Ute Kahl" in art.text, art.text


@pytest.mark.parametrize("opener", ["Read more:", "Top stories this week:", "Also on the Baltic Courier:"])
def test_a_teaser_list_after_the_text_still_goes(opener):
    art = read("Kestrel results\n\nKestrel Payments AG said sales fell. Shares fell 5 percent in Frankfurt trading on "
               f"Monday.\n\n{opener}\nKestrel results delayed again\nMunich prosecutors open probe\n", "t.txt")
    assert "delayed" not in art.text and "prosecutors" not in art.text, art.text

"""Property-based tests (hypothesis) over arbitrary text and bytes.

* IRI minting (kg.rdf.ids): any name gives a slug IRI that an RFC 3987 parser accepts;
  any --base is either refused with ValueError or gives parseable IRIs.
* Serialisers (kg.rdf.writer.clean_literal + kg.store.files.serialize): any text round-trips
  through every output format, read back by pyoxigraph and by rdflib.
* The article reader (kg.read.article): over arbitrary bytes, text and HTML only
  InputError may escape.
* Display of file names and reasons, and chunking of long texts.

Runs are bounded (max_examples, no deadline) to keep the suite fast.
"""
from __future__ import annotations

import re

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from rdflib import Dataset, Literal
from rdflib.namespace import RDFS
from robustlib import ALL_FORMATS, RDFLIB_FORMATS

from kg.builder.full import to_display_text
from kg.errors import InputError
from kg.nlp.pipeline import split_chunks
from kg.rdf.ids import DEFAULT_BASE, TYPE_PATHS, IdMinter, check_base, slugify
from kg.rdf.writer import bind_prefixes, clean_literal
from kg.read.article import parse_article_text, parse_html
from kg.read.files import decode_bytes
from kg.store.files import serialize

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
ANY_TEXT = st.text(alphabet=st.characters(), max_size=300)  # includes controls, surrogates, bidi, astral
OX_FORMATS = {"ttl": ox.RdfFormat.TURTLE, "trig": ox.RdfFormat.TRIG, "nq": ox.RdfFormat.N_QUADS,
              "nt": ox.RdfFormat.N_TRIPLES, "jsonld": ox.RdfFormat.JSON_LD}
HOSTILE = ['<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', "javascript:alert(1)",
           'a"""b\\', "\r\n\x7f\x85\u2028\u2029", "\u202eexe.txt\u202c", "}} @prefix : <http://evil/> .",
           "SELECT * WHERE { ?s ?p ?o } #", "x" * 5000, "\ud800 lone surrogate", "\x00NUL\x1b[31m"]


# --------------------------------------------------------------------------- IRI minting

@SETTINGS
@given(ANY_TEXT)
@example("<script>alert(1)</script>")
@example("Huawei Technologies Co., Ltd.")
@example("\ud800")
@example("")
def test_slugify_gives_a_safe_bounded_slug(text):
    slug = slugify(text)
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", slug) or re.fullmatch(r"x-[0-9a-f]{10}", slug)
    assert len(slug) <= 69
    assert slugify(text) == slug  # deterministic


@SETTINGS
@given(st.sampled_from(sorted(TYPE_PATHS)), ANY_TEXT, ANY_TEXT)
@example("Person", HOSTILE[0], HOSTILE[1])
@example("Company", "x" * 5000, "y" * 5000)
def test_minted_iris_parse_as_iris(etype, name, key):
    ids = IdMinter()
    for iri in (ids.entity(etype, name), ids.article(key, name), ids.event("offer", name, key),
                ids.node("evidence", key)):
        assert str(iri).startswith(DEFAULT_BASE)
        assert re.fullmatch(r"[a-z0-9:/.-]+", str(iri)[len("https://"):]), iri
        ox.NamedNode(str(iri))  # raises ValueError on anything RFC 3987 refuses


IRI_CHARS = st.text(alphabet=st.sampled_from(list("abcXYZ019-._~:/?#[]@!$&'()*+,;=% <>\"{}|\\^`\u00e9")), max_size=30)


@SETTINGS
@given(st.sampled_from(["http://", "https://", "ftp://", "", "javascript:"]), IRI_CHARS)
@example("https://", "x.org/[a]/")
@example("https://", "x.org/%zz/")
@example("https://", "x.org/?q#f#")
def test_base_is_refused_or_gives_parseable_iris(scheme, rest):
    try:
        base = check_base(scheme + rest)
    except ValueError as exc:
        assert str(exc).startswith("--base ")
        return
    ox.NamedNode(str(IdMinter(base).entity("Person", "Ren Zhengfei")))


# --------------------------------------------------------------------------- serialisers

def _dataset(text: str, name: str) -> tuple[Dataset, str]:
    ids = IdMinter()
    ds = Dataset()
    bind_prefixes(ds, ids.base)
    g = ds.graph(ids.article("url:" + name, name + ".txt"))
    want = clean_literal(text)
    g.add((ids.entity("Person", name), RDFS.label, Literal(want)))
    return ds, want


@SETTINGS
@given(ANY_TEXT, ANY_TEXT)
@example('a"""b\\', "x")
@example("\r\n\x7f\x85\u2028\u2029", "y")  # splitlines() used to cut N-Triples lines at U+2028
@example('ends with a quote"', "z")
@example("\\u0041 \\U00000041 \\n ${x} @base <x>", "z")
def test_any_text_round_trips_through_every_format(text, name):
    ds, want = _dataset(text, name)
    for fmt in ALL_FORMATS:
        data = serialize(ds, fmt)
        labels = [q.object.value for q in ox.parse(data, format=OX_FORMATS[fmt]) if q.predicate == ox.NamedNode(str(RDFS.label))]
        assert labels == [want], fmt
        back = Dataset()
        back.parse(data=data, format=RDFLIB_FORMATS[fmt])
        assert [str(o) for _, _, o, _ in back.quads((None, RDFS.label, None, None))] == [want], fmt


@SETTINGS
@given(ANY_TEXT, st.integers(min_value=10, max_value=3000))
@example("\ud800\udfff", 10)
def test_clean_literal_is_valid_utf8_without_controls_and_bounded(text, limit):
    cleaned = clean_literal(text, limit)
    cleaned.encode("utf-8")  # no lone surrogates
    assert not re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f]", cleaned)
    assert len(cleaned) <= max(limit, 1)


# --------------------------------------------------------------------------- the article reader

@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=4000))
@example(b"\xff\xfe")
@example(b"\xff\xfeH\x00i\x00\x00\xd8")
@example(b"\x00" * 100)
@example(b"\xef\xbb\xbf")
@example(bytes(range(256)))
def test_reader_raises_only_input_error_on_any_bytes(data):
    try:
        text, encoding = decode_bytes(data)
    except InputError as exc:
        assert "\n" not in str(exc)
        return
    assert isinstance(text, str) and encoding
    try:
        article = parse_article_text(text, source="fuzz", file_name="fuzz.txt", encoding=encoding)
    except InputError:
        return
    assert len(article.text.split()) >= 5


LINES = st.sampled_from([
    "# Title", "## Sub", "Published at: 2019-09-12", "Date: 31/02/2019", "By Jane Roe", "Author: A B and C D",
    "Original: [X](https://x.y/z)", "Original: [X](javascript:alert(1))", "13 September 2019",
    "September 12, 2019PatentsRory O'Neill", "Sign up for our newsletter", "More on this story", "", "   ",
    "The Commerce Department added Huawei to the Entity List in May.", "Photo: Getty Images", "…", "Read more",
])


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(LINES, st.text(max_size=80)), max_size=40).map("\n".join))
def test_reader_raises_only_input_error_on_any_text(text):
    try:
        article = parse_article_text(text, source="fuzz", file_name="fuzz.txt")
    except InputError:
        return
    assert article.url is None or article.url.startswith(("http://", "https://"))


HTML_PARTS = st.sampled_from([
    "<html>", "<head>", "<title>T</title>", "<script>alert(1)</script>", "<style>p{}</style>", "<body>",
    "<article>", "<p>", "</p>", "<h1>Huawei offers</h1>", "<meta property='og:url' content='javascript:alert(1)'>",
    "<link rel=canonical href='file:///etc/passwd'>", "The Commerce Department added Huawei to the Entity List. ",
    "<![CDATA[x]]>", "<!--", "-->", "&amp;", "&#0;", "&#xD800;", "\x00", "<svg onload=alert(1)>", "</html>",
])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(HTML_PARTS, st.text(max_size=40)), max_size=50).map("".join))
@example("<svg onload=alert(1)><html>")  # made trafilatura's metadata step fail an lxml assertion
def test_html_reader_raises_only_input_error(html):
    try:
        article = parse_html(html, source="fuzz", file_name="fuzz.html")
    except InputError:
        return
    assert article.url is None or article.url.startswith(("http://", "https://"))


# --------------------------------------------------------------------------- display and chunking

@SETTINGS
@given(ANY_TEXT)
@example("bad\udcff\nname\u202etxt.exe")
def test_display_text_is_one_printable_utf8_line(text):
    shown = to_display_text(text)
    shown.encode("utf-8")
    assert not re.search(r"[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]", shown)
    if not re.search(r"[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]", text):
        assert shown == text


@SETTINGS
@given(st.text(alphabet=st.sampled_from(list("ab .\n")), max_size=2000), st.integers(min_value=1, max_value=300))
def test_split_chunks_covers_the_text_in_bounded_pieces(text, max_chars):
    chunks = split_chunks(text, max_chars)
    assert "".join(chunk for _, chunk in chunks) == text
    assert all(0 < len(chunk) <= max_chars for _, chunk in chunks)
    position = 0
    for offset, chunk in chunks:
        assert offset == position
        position += len(chunk)


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_strings_survive_every_format(text):
    ds, want = _dataset(text, text)
    for fmt in ALL_FORMATS:
        labels = [q.object.value for q in ox.parse(serialize(ds, fmt), format=OX_FORMATS[fmt])
                  if q.predicate == ox.NamedNode(str(RDFS.label))]
        assert labels == [want]

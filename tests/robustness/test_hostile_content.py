"""Hostile article content: HTML/JS, Turtle/SPARQL metacharacters, bidi controls, very long strings.

A real ``kg.build`` over hostile articles writes every format; pyoxigraph (an
independent parser) and rdflib must read each one back, the hostile titles must come
back as the same text, and every minted IRI must be a plain slug under the base.
"""
from __future__ import annotations

import json
import re

import pytest
from rdflib import Literal, URIRef
from robustlib import (
    ALL_FORMATS,
    assert_graphs_parse,
    parse_with_pyoxigraph,
    parse_with_rdflib,
)

from kg.builder.full import build
from kg.rdf.writer import clean_literal
from kg.vocab import SCHEMA

SCRIPT = '<script>alert("x")</script>'
LONG_WORD = "Zh" + "e" * 6000 + "ng"
MD_TITLE = (f'Huawei {SCRIPT} offers "5G" licence \\ to </script><img src=x onerror=alert(1)> '
            "US firms > 'all' }} @prefix : <http://evil/> . ]]> \u202egnp.exe")
HOSTILE_MD = f"""# {MD_TITLE}
Published at: 12 September 2019
Author: Jane O'Roe
Original: [Evil <img src=x onerror=alert(1)> News](javascript:alert(document.cookie))

Huawei founder Ren Zhengfei said the company would license its 5G technology to any American company for a one-time fee, according to a statement from {SCRIPT} the firm.

"We are open to {SCRIPT} and </script><img src=x onerror=alert(2)> \\"escaped\\" \\\\ backslash > ends and <a href="javascript:alert(3)">links</a>," Ren said.

The Commerce Department added Huawei to the Entity List in May, said Wilbur Ross, the US Commerce Secretary.

Shares of Robert"> <Tables Inc. and Acme\u202eCorp\u202c fell after the decision, said Karim al\u2067Rahman\u2069, a trader at Evil"Corp<script> in London.

Huawei chief executive Ren {LONG_WORD} offered a deal to Microsoft on Tuesday, the company said in a statement.

Microsoft chief executive Satya Nadella said the offer was "interesting >< ]]> }} {{{{ @prefix : <http://evil/> . \\n newline", adding that the company would study it.
"""
HOSTILE_HTML = """<!doctype html><html><head>
<title>Rusal &lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt; sanctions "lifted"</title>
<meta property="og:url" content="javascript:alert(document.domain)">
<link rel="canonical" href="file:///etc/passwd">
<script>alert("head")</script></head><body><article>
<h1>Rusal &lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt; sanctions "lifted"</h1>
<p>The US Treasury Department on Sunday lifted sanctions on Rusal, the world's largest aluminium producer
outside China, ending nine months of turmoil for the Moscow-based company &lt;img src=x onerror=alert(1)&gt;.</p>
<p>Treasury's Office of Foreign Assets Control removed Rusal and its parent company En+ Group from its
sanctions list after the companies agreed to a restructuring, a spokesman said on Sunday.</p>
</article></body></html>
"""
LONG_TITLE = "# " + "Sanctions " * 400 + "\n\n" + "The Commerce Department added Huawei to the Entity List in May. " * 30

IRI = re.compile(r"^https://w3id\.org/newskg/id/(person|company|gov|org|country|offer|sanction|relief|article|"
                 r"evidence|statement)/[a-z0-9]+(-[a-z0-9]+)*$")
VOCAB = ("https://w3id.org/newskg/ontology#", "http://www.w3.org/", "https://schema.org/", "http://schema.org/",
         "http://www.w3.org/ns/prov#")


@pytest.fixture(scope="module")
def hostile_build(tmp_path_factory):
    src = tmp_path_factory.mktemp("hostile")
    (src / "hostile.md").write_text(HOSTILE_MD, encoding="utf-8")
    (src / "hostile.html").write_text(HOSTILE_HTML, encoding="utf-8")
    (src / "long-title.txt").write_text(LONG_TITLE, encoding="utf-8")
    (src / 'file "name" <svg onload=alert(1)> \\ > \u202e.txt').write_text(
        (src / "long-title.txt").read_text(encoding="utf-8").replace("# ", "# Short "), encoding="utf-8")
    out = tmp_path_factory.mktemp("hostile-out")
    result = build([str(src)], out=out, formats=ALL_FORMATS)
    return result, out


def test_every_format_parses_with_pyoxigraph_and_rdflib(hostile_build):
    result, out = hostile_build
    assert not result.skipped, result.skipped
    counts = assert_graphs_parse(out, ALL_FORMATS)
    assert counts["ttl"] == counts["nt"] == result.report["triples"]
    assert counts["trig"] == counts["nq"] == counts["jsonld"] == result.report["quads"]


def test_every_minted_iri_is_a_slug_under_the_base(hostile_build):
    _, out = hostile_build
    terms = set()
    for q in parse_with_pyoxigraph(out / "graph.nq"):
        terms.update(t for t in (q.subject, q.predicate, q.object, q.graph_name) if hasattr(t, "value")
                     and type(t).__name__ == "NamedNode")
    minted = {t.value for t in terms if not t.value.startswith(VOCAB)}
    assert minted
    assert all(IRI.match(iri) and len(iri) < 130 for iri in minted), sorted(minted, key=len)[-3:]


@pytest.mark.parametrize("fmt", ALL_FORMATS)
def test_hostile_titles_come_back_as_the_same_text(hostile_build, fmt):
    result, out = hostile_build
    ds = parse_with_rdflib(out / f"graph.{fmt}")
    headlines = {str(o) for _, _, o, _ in ds.quads((None, URIRef(str(SCHEMA.headline)), None, None))}
    # the second long-title file differs only in its headline: a copy, written with its own headline, not analysed
    titles = {r.article.title for r in result.results} | {c.copy.title for c in result.copies}
    assert clean_literal(MD_TITLE.replace("\u202e", ""), 500) in headlines
    assert {clean_literal(t, 500) for t in titles if t} == headlines
    assert any("</script><script>alert(1)</script>" in h for h in headlines)  # the HTML page's title, as text
    publishers = {str(o) for _, _, o, _ in ds.quads((None, URIRef(str(SCHEMA.publisher)), None, None))}
    assert "Evil <img src=x onerror=alert(1)> News" in publishers


def test_long_strings_are_bounded(hostile_build):
    _, out = hostile_build
    literals = [q.object.value for q in parse_with_pyoxigraph(out / "graph.nq") if type(q.object).__name__ == "Literal"]
    assert max(map(len, literals)) <= 2000
    assert any(lit.startswith("Sanctions Sanctions") and lit.endswith("…") for lit in literals)


def test_non_web_urls_are_not_taken_as_article_urls(hostile_build):
    result, out = hostile_build
    ds = parse_with_rdflib(out / "graph.trig")
    urls = [o for _, _, o, _ in ds.quads((None, URIRef(str(SCHEMA.url)), None, None))]
    assert all(isinstance(u, Literal) and str(u).startswith(("http://", "https://")) for u in urls), urls
    assert all(r.article.url is None for r in result.results)


def test_report_stays_valid_json_with_hostile_names(hostile_build):
    _, out = hostile_build
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    files = {a["file"] for a in report["articles"]}
    assert 'file "name" <svg onload=alert(1)> \\ > \\u202e.txt' in files  # bidi override shown, not obeyed

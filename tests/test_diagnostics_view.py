"""Small things a user trips on: a silent --strict -q, kg view of an Oxigraph store, --focus matching a quote,
and counts that differ between the terminal and the page without saying why.

The CLI runs as a subprocess on two short articles written for this test (facts real, sentences ours) and on
the build of the bundled examples.
"""
from __future__ import annotations

import html
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

import kg
from kg.sparql.names import fold_name

ROOT = Path(__file__).resolve().parent.parent
KG_CMD = [sys.executable, "-m", "kg.cli"]
ARTICLES = {
    "rusal.txt": """# Treasury lifts sanctions on Rusal

Published: 27 January 2019
By Dana Whitfield

The US Treasury Department lifted sanctions on Rusal, the Russian aluminium producer, on Sunday.
Treasury Secretary Steven Mnuchin said the company had cut its ties to the businessman Oleg Deripaska.
"The changes protect American workers and American industry," Mnuchin said in a statement.
""",
    "pfizer.txt": """# Pfizer walks away from AstraZeneca

Published: 26 May 2014
By Tomas Berg

Pfizer said on Monday that it would not make a new offer for AstraZeneca, the British drugmaker, after the
board of AstraZeneca rejected its bid of £55 a share. Ian Read, the chief executive of Pfizer, said the company
respected the decision.
""",
}


def kg_run(*args) -> subprocess.CompletedProcess:
    return subprocess.run([*KG_CMD, *map(str, args)], capture_output=True, text=True, cwd=ROOT, timeout=300)


@pytest.fixture(scope="module")
def inputs(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("diag-articles")
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")  # skipped: the build is partial
    return folder


@pytest.fixture(scope="module")
def built(inputs, tmp_path_factory):
    out = tmp_path_factory.mktemp("diag-build") / "out"
    return out, kg_run("build", inputs, "--out", out)


def test_strict_and_quiet_still_says_why_the_build_failed(inputs, tmp_path):
    proc = kg_run("build", inputs, "--out", tmp_path / "out", "--strict", "-q", "--no-view")
    assert proc.returncode == 1
    assert proc.stdout == ""  # -q: no summary
    assert "--strict" in proc.stderr and "empty.txt: empty file" in proc.stderr
    assert (tmp_path / "out" / "graph.trig").is_file()  # the other articles were still written


def test_quiet_alone_stays_quiet_on_a_partial_build(built, inputs, tmp_path):
    proc = kg_run("build", inputs, "--out", tmp_path / "out", "-q", "--no-view")
    assert proc.returncode == 3 and proc.stdout == "" and proc.stderr == ""


def _numbers(line: str) -> tuple[int, list[int]]:
    """The total at the start of a counts line and the numbers of its parts."""
    total, _, parts = line.partition(": ")
    parts = re.sub(r"\([^)]*\)", "", parts)  # "(2 jurisdiction, 1 partOf)" details a part
    return int(total.split()[0].replace(",", "")), [int(m) for m in re.findall(r"(?:^|, )([\d,]+) ", parts)]


def _page_counts(page: Path) -> list[str]:
    text = page.read_text(encoding="utf-8")
    data = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', text, re.S).group(1)
    return json.loads(html.unescape(data) if "&quot;" in data else data)["meta"]["counts"]


def test_the_terminal_and_the_page_count_the_same_and_say_what_the_numbers_are(built):
    out, proc = built
    assert proc.returncode == 3, proc.stderr
    summary = proc.stdout.splitlines()
    shown = next(line for line in summary if line.startswith("graph.html shows "))
    edges = summary[summary.index(shown) + 1].strip()
    node_line = shown[len("graph.html shows "):]
    edge_line = edges[len("and "):].split(" (facts above", 1)[0]
    assert "(facts above are counted once per article that states them)" in edges
    # the page says the same two lines, and so does kg view
    assert _page_counts(out / "graph.html") == [node_line, edge_line]
    view = kg_run("view", out, "-o", out / "again.html")
    assert view.returncode == 0 and [node_line, edge_line] == [s.strip() for s in view.stderr.splitlines()[1:3]]
    stats = kg_run("view", out, "--stats").stdout.splitlines()
    assert [s.strip() for s in stats[1:3]] == [node_line, edge_line]
    # every node and edge is in exactly one part
    G = kg.to_networkx(out)
    for line, total in ((node_line, G.number_of_nodes()), (edge_line, G.number_of_edges())):
        said, parts = _numbers(line)
        assert said == total == sum(parts), line
    # the summary's entities are the view's entities named in the articles
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    named = re.search(r"([\d,]+) entit(?:y|ies) named in the articles", node_line)
    assert named and int(named.group(1)) == report["entities"]
    assert f"entities: {report['entities']} (" in proc.stdout
    authors = {a for art in report["articles"] for a in art["authors"]}
    assert authors and f"{len(authors)} authors named only in bylines" in node_line


def test_kg_view_reads_an_oxigraph_store_like_the_files(examples_build, tmp_path):
    import pyoxigraph as ox

    from kg.store.oxigraph import materialize_union

    out = Path(examples_build.outputs["trig"]).parent
    store_path = tmp_path / "graph.db"
    store = ox.Store(str(store_path))
    store.load(path=str(out / "graph.trig"), format=ox.RdfFormat.TRIG)
    materialize_union(store)
    store.flush()
    del store
    from_store = kg_run("view", f"oxigraph:{store_path}", "--stats")
    from_files = kg_run("view", out, "--stats")
    assert from_store.returncode == 0, from_store.stderr
    assert from_store.stdout == from_files.stdout and "nodes:" in from_store.stdout
    page = kg_run("view", f"oxigraph:{store_path}")
    assert page.returncode == 0 and (tmp_path / "graph.html").is_file()  # beside the store, as for a folder
    assert kg_run("view", out, "-o", tmp_path / "files.html").returncode == 0
    assert _page_counts(tmp_path / "graph.html") == _page_counts(tmp_path / "files.html")


def test_focus_matches_entity_names_only_not_quotes(examples_build, tmp_path):
    out = Path(examples_build.outputs["trig"]).parent
    G = kg.to_networkx(out)
    names = " | ".join(fold_name(n) for _, a in G.nodes(data=True) if a["kind"] != "Statement"
                       for n in (a["label"], *a["aliases"]))
    quotes = [fold_name(a["label"]) for _, a in G.nodes(data=True) if a["kind"] == "Statement"]
    # a word of a quote that is in no entity's name: before, --focus found the quote by it
    word = next(w for q in quotes for w in re.findall(r"[a-z]{6,}", q) if w not in names)
    proc = kg_run("view", out, "--focus", word, "-o", tmp_path / "f.html")
    assert proc.returncode == 2 and f"no node named {word!r}" in proc.stderr
    assert not (tmp_path / "f.html").exists()
    typo = kg_run("view", out, "--focus", "Huawey", "-o", tmp_path / "h.html")
    assert typo.returncode == 2 and "did you mean: 'Huawei'" in typo.stderr
    assert kg_run("view", out, "--focus", "huawei", "-o", tmp_path / "h.html").returncode == 0

"""Three event kinds added as data only: mergers, lawsuits and tariffs, each told in several sentence shapes.

Each sentence is one short article; one real build (spaCy model, every extractor, resolution, the writer)
reads them all, and each row is checked in its own article's named graph with SPARQL: the event's class,
both participants, and a literal slot where the sentence gives one. A negated sentence gives no event; a
threatened or agreed one gives its status. The kinds come from kinds.yaml (what they are in the graph) and
event_kinds.yaml (their triggers); no Python names them. The sentences are ours, the names well known, so
what is tested is the shape, not entity recognition.
"""
from __future__ import annotations

import json

import pytest
from rdflib import RDF, RDFS

import kg
from kg.view.page import write_view
from kg.vocab import KG, PROV

PUBLISHED = "2023-05-02"

# (id, sentence, class, agent property, agent, other property, other, {literal property: value} or None,
#  status or None); class None: the sentence states no event of the kind (negated)
ROWS = [
    # mergers
    ("merger-active", "Microsoft acquired Activision Blizzard in October.",
     "Merger", "acquirer", "Microsoft", "acquired", "Activision Blizzard", None, None),
    ("merger-passive", "Activision Blizzard was acquired by Microsoft in October.",
     "Merger", "acquirer", "Microsoft", "acquired", "Activision Blizzard", None, None),
    ("merger-nominal", "Microsoft's acquisition of Activision Blizzard closed in October.",
     "Merger", "acquirer", "Microsoft", "acquired", "Activision Blizzard", None, None),
    ("merger-light-verb", "Broadcom completed its acquisition of VMware in November.",
     "Merger", "acquirer", "Broadcom", "acquired", "VMware", None, None),
    ("merger-relative", "Activision Blizzard, which Microsoft acquired in October, makes video games.",
     "Merger", "acquirer", "Microsoft", "acquired", "Activision Blizzard", None, None),
    ("merger-reduced-relative", "Activision Blizzard, acquired by Microsoft in October, makes video games.",
     "Merger", "acquirer", "Microsoft", "acquired", "Activision Blizzard", None, None),
    ("merger-agreed", "Microsoft agreed to acquire Activision Blizzard in January.",
     "Merger", "acquirer", "Microsoft", "acquired", "Activision Blizzard", None, "agreed"),
    ("merger-merge-with", "Salesforce agreed to merge with Slack last year.",
     "Merger", "acquirer", "Salesforce", "acquired", "Slack", None, "agreed"),
    ("merger-negated", "Microsoft did not acquire Activision Blizzard.",
     None, "acquirer", "Microsoft", "acquired", "Activision Blizzard", None, None),
    ("merger-bought", "BP bought Amoco in 1998.", "Merger", "acquirer", "BP", "acquired", "Amoco", None, None),
    ("merger-bought-relative", "Her career began at Amoco, which BP bought in 1998.",
     "Merger", "acquirer", "BP", "acquired", "Amoco", None, None),
    # buying from a company as a habit is no acquisition of it
    ("merger-habit", "BT said it would stop buying Huawei.", None, "acquirer", "BT Group", "acquired", "Huawei", None, None),
    # lawsuits
    ("lawsuit-active", "Oracle sued Google in a federal court in California.",
     "Lawsuit", "plaintiff", "Oracle", "defendant", "Google", {"court": "federal court in California"}, None),
    ("lawsuit-passive", "Google was sued by Oracle in a federal court in California.",
     "Lawsuit", "plaintiff", "Oracle", "defendant", "Google", {"court": "federal court in California"}, None),
    ("lawsuit-nominal", "Oracle filed a lawsuit against Google in the High Court in London.",
     "Lawsuit", "plaintiff", "Oracle", "defendant", "Google", {"court": "High Court in London"}, None),
    ("lawsuit-possessive", "Oracle's lawsuit against Google went to trial in May.",
     "Lawsuit", "plaintiff", "Oracle", "defendant", "Google", None, None),
    ("lawsuit-relative", "Google, which Oracle sued in 2010, won the case.",
     "Lawsuit", "plaintiff", "Oracle", "defendant", "Google", None, None),
    ("lawsuit-reduced-relative", "Google, sued by Oracle in 2010, won the case.",
     "Lawsuit", "plaintiff", "Oracle", "defendant", "Google", None, None),
    ("lawsuit-threatened", "Oracle threatened to sue Google over the code.",
     "Lawsuit", "plaintiff", "Oracle", "defendant", "Google", None, "threatened"),
    ("lawsuit-negated", "Oracle did not sue Google.",
     None, "plaintiff", "Oracle", "defendant", "Google", None, None),
    # tariffs: a country that acts is its government
    ("tariff-active", "The United States imposed tariffs of 25% on Canada in March.",
     "Tariff", "imposedBy", "United States government", "target", "Canada", {"rate": "25%"}, None),
    ("tariff-passive", "Canada was hit with tariffs on steel by the United States in March.",
     "Tariff", "imposedBy", "United States government", "target", "Canada", {"goods": "steel"}, None),
    ("tariff-nominal", "The United States' 25% tariffs on Canada took effect in March.",
     "Tariff", "imposedBy", "United States government", "target", "Canada", {"rate": "25%"}, None),
    ("tariff-relative", "Canada, on which the United States imposed tariffs of 25% in March, retaliated.",
     "Tariff", "imposedBy", "United States government", "target", "Canada", {"rate": "25%"}, None),
    ("tariff-with", "The United States slapped Mexico with 10 per cent tariffs on steel and aluminium.",
     "Tariff", "imposedBy", "United States government", "target", "Mexico",
     {"goods": "steel and aluminium", "rate": "10 per cent"}, None),
    ("tariff-threatened", "The United States threatened to impose tariffs on Mexico.",
     "Tariff", "imposedBy", "United States government", "target", "Mexico", None, "threatened"),
    ("tariff-negated", "The United States did not impose tariffs on Canada.",
     None, "imposedBy", "United States government", "target", "Canada", None, None),
]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    folder = tmp_path_factory.mktemp("new-kinds")
    src = folder / "articles"
    src.mkdir()
    for row in ROWS:
        (src / f"{row[0]}.md").write_text(f"# Company news in brief\n\nPublished at: **{PUBLISHED}**\n\n{row[1]}\n",
                                          encoding="utf-8")
    result = kg.build([str(src)], out=folder / "out", formats=("trig",))
    return result, write_view(result.dataset, folder / "out" / "graph.html")


def _events(dataset, row) -> list[dict]:
    """Events of the row's kind in the row's article graph whose two participants are the row's."""
    rid, _text, cls, agent_p, agent, other_p, other = row[:7]
    cls = cls or {"acquirer": "Merger", "plaintiff": "Lawsuit", "imposedBy": "Tariff"}[agent_p]
    query = f"""
        SELECT ?event ?status WHERE {{
          GRAPH ?article {{
            ?article kg:fileName {json.dumps(rid + ".md")} .
            ?event a kg:{cls} ; prov:wasDerivedFrom ?article ;
                   kg:{agent_p} [ rdfs:label {json.dumps(agent)} ] ;
                   kg:{other_p} [ rdfs:label {json.dumps(other)} ] .
            OPTIONAL {{ ?event kg:status ?status }}
          }}
        }}"""
    return [{"event": r.event, "status": r.status} for r in kg.query(dataset, query)]


@pytest.mark.parametrize("row", ROWS, ids=[r[0] for r in ROWS])
def test_each_shape_gives_the_full_fact(built, row):
    result, _page = built
    found = _events(result.dataset, row)
    cls, literals, status = row[2], row[7] or {}, row[8]
    if cls is None:
        assert not found, f"{row[1]!r} is negated but gave {found}"
        return
    assert found, f"{row[1]!r}: no kg:{cls} with both participants in its article's graph"
    event = found[0]["event"]
    for prop, value in literals.items():
        values = {str(o) for _s, _p, o, _g in result.dataset.quads((event, KG[prop], None, None))}
        assert values == {value}, (prop, values)
    assert {str(f["status"]) for f in found if f["status"] is not None} == ({status} if status else set())


def test_the_new_kinds_are_counted_and_labelled(built):
    result, _page = built
    report = result.report
    assert report["mergers"] >= 1 and report["lawsuits"] >= 1 and report["tariffs"] >= 1
    labels = {str(o) for s, _p, o, _g in result.dataset.quads((None, RDFS.label, None, None))
              if "/lawsuit/" in str(s) or "/merger/" in str(s) or "/tariff/" in str(s)}
    assert "Microsoft acquisition of Activision Blizzard" in labels
    assert "Oracle lawsuit against Google in federal court in California" in labels
    assert any(label.startswith("United States government 25% tariff on Canada") for label in labels)
    # the reports of one deal in several articles are one node with several sources
    merger = next(iter(_events(result.dataset, ROWS[0])))["event"]
    assert len({o for _s, _p, o, _g in result.dataset.quads((merger, PROV.wasDerivedFrom, None, None))}) >= 5


def test_the_view_draws_the_new_kinds_from_their_entries(built):
    from test_view import page_data

    from kg.knowledge.kinds import load_kinds

    _result, page = built
    data = page_data(page.read_text(encoding="utf-8"))
    classes = {c["term"]: c for c in data["classes"]}
    for name in ("merger", "lawsuit", "tariff"):
        kind = load_kinds()[name]
        drawn = classes[kind.cls]
        assert (drawn["label"], drawn["color"], drawn["shape"]) == (
            kind.view["label"], kind.view["color"], kind.view["shape"])
        index = list(classes).index(kind.cls)
        assert any(n["c"] == index for n in data["nodes"]), f"no {kind.cls} node drawn"
    relations = {r["name"]: r for r in data["relations"]}
    assert relations["acquirer"]["label"] == "acquires" and relations["acquirer"]["reverse"] is True
    assert relations["plaintiff"]["label"] == "sues" and relations["defendant"]["label"] == "against"
    lawsuit = next(n for n in data["nodes"] if n["c"] == list(classes).index("Lawsuit") and "d" in n)
    assert "court" in dict(lawsuit["d"])


def _names_in_code(text: str) -> set[str]:
    """String constants (not docstrings) and ``KG.<term>`` attributes of a module's code."""
    import ast

    tree = ast.parse(text)
    docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                  if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
                  and node.body and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)}
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
            out |= set(node.value.replace(":", " ").split())
        elif isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "KG":
            out.add(node.attr)
    return out


def test_no_stage_after_extraction_names_a_kind():
    """Resolution, the writer, the builds, the view and the emit point read kinds.yaml: their code names no
    kind, old or new, nor a class or slot property of one (the extractors' own rules may)."""
    from pathlib import Path

    from kg.knowledge.kinds import load_kinds

    root = Path(kg.__file__).parent
    kinds = load_kinds().values()
    words = {k.name for k in kinds} | {k.cls for k in kinds} | {s.property for k in kinds for s in k.slots}
    files = [*(root / "resolve").glob("*.py"), *(root / "rdf").glob("*.py"), *(root / "builder").glob("*.py"),
             *(root / "view").glob("*.py"), root / "extract" / "event_emit.py"]
    for path in sorted(files):
        named = sorted(words & _names_in_code(path.read_text(encoding="utf-8")))
        assert not named, f"{path.relative_to(root)} names {named}"


def test_an_incremental_build_adds_a_source_to_a_known_event(tmp_path):
    """The store's mergers, lawsuits and tariffs are read back as priors like any kind's: a second report
    in a later build joins the event instead of making a twin."""
    from kg.store.files import load_dataset

    rows = {r[0]: r for r in ROWS}
    for folder, ids in (("first", ("merger-active", "lawsuit-active", "tariff-active")),
                        ("second", ("merger-passive", "lawsuit-passive", "tariff-relative"))):
        (tmp_path / folder).mkdir()
        for rid in ids:
            (tmp_path / folder / f"{rid}.md").write_text(
                f"# Company news in brief\n\nPublished at: **{PUBLISHED}**\n\n{rows[rid][1]}\n", encoding="utf-8")
    kg.build([str(tmp_path / "first")], out=tmp_path / "out", formats=("trig",))
    result = kg.build([str(tmp_path / "second")], into=tmp_path / "out", formats=("trig",))
    # the merger, the completed offer its past-tense acquisition implies, the lawsuit and the tariff
    assert result.report["incremental"]["events_reused"] == 4
    ds = load_dataset(tmp_path / "out" / "graph.trig")
    for cls in ("Merger", "Lawsuit", "Tariff"):
        events = {s for s, _p, _o, _g in ds.quads((None, RDF.type, KG[cls], None))}
        assert len(events) == 1, (cls, events)
        sources = {o for _s, _p, o, _g in ds.quads((next(iter(events)), PROV.wasDerivedFrom, None, None))}
        assert len(sources) == 2, (cls, sources)

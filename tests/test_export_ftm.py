"""``kg export --format ftm``: every line a valid FollowTheMoney entity, every reference inside the file.

The examples' build goes through the real command line; the followthemoney library reads the result back
(re-cleaning every value from scratch), and counts are checked against SPARQL on the same graph.
"""
from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from factlib import select

import kg

ftm = pytest.importorskip("followthemoney")
from followthemoney import model, registry  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
KG_CMD = [sys.executable, "-m", "kg.cli"]


@pytest.fixture(scope="module")
def entities(trig, tmp_path_factory) -> list[dict]:
    out = tmp_path_factory.mktemp("export-ftm") / "graph.ftm.json"
    proc = subprocess.run(KG_CMD + ["export", str(trig), "--format", "ftm", "-o", str(out)],
                          capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    return [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]


def test_every_line_is_a_valid_entity_of_its_schema(entities):
    assert len({e["id"] for e in entities}) == len(entities), "ids are unique"
    for data in entities:
        schema = model.get(data["schema"])
        assert schema is not None and not schema.abstract, data["schema"]
        assert registry.entity.clean(data["id"]) == data["id"]
        assert schema.validate(data) is None
        missing = [p for p in schema.required if not data["properties"].get(p)]
        assert not missing, f"{data['id']} lacks {missing}"
        # re-read from scratch: FtM cleans every value again and must keep each one as it is
        again = model.get_proxy(data, cleaned=False).to_dict()["properties"]
        assert {k: sorted(v) for k, v in again.items()} == data["properties"], data["id"]


def test_references_point_at_entities_in_the_file(entities):
    by_id = {e["id"]: e for e in entities}
    checked = 0
    for data in entities:
        schema = model.get(data["schema"])
        for name, values in data["properties"].items():
            prop = schema.get(name)
            if prop.type != registry.entity:
                continue
            for value in values:
                assert value in by_id, f"{data['id']}.{name} -> {value} is not in the file"
                assert model.get(by_id[value]["schema"]).is_a(prop.range), f"{data['id']}.{name}"
                checked += 1
    assert checked > len(entities) / 2


def test_entities_match_the_graph(entities, examples_dataset):
    schemas = Counter(e["schema"] for e in entities)
    for cls, schema in (("Person", "Person"), ("Company", "Company"), ("GovernmentBody", "PublicBody")):
        (n,), = select(examples_dataset, f"SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE {{ ?e a kg:{cls} }}")
        assert schemas[schema] == n, cls
    (articles,), = select(examples_dataset, "SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a kg:Article }")
    assert schemas["Article"] == articles
    huawei = next(e for e in entities if e["id"] == "newskg-company-huawei")
    (country,), = select(examples_dataset, "SELECT ?l WHERE { <https://w3id.org/newskg/id/company/huawei> kg:basedIn ?c . "
                                   "?c rdfs:label ?l }")
    assert huawei["properties"]["country"] == [registry.country.clean(country)]


def test_sanctions_one_per_target_with_authority_and_sources(entities, examples_dataset):
    sanctions = [e for e in entities if e["schema"] == "Sanction"]
    pairs = select(examples_dataset, """SELECT DISTINCT ?s ?t WHERE { VALUES ?c { kg:Sanction kg:SanctionRelief }
                               ?s a ?c ; kg:target ?t . ?t rdfs:label ?l }""")
    assert len(sanctions) == len(pairs)
    by_id = {e["id"]: e for e in entities}
    urls = dict(select(examples_dataset, "SELECT ?a ?u WHERE { ?a a kg:Article ; schema:url ?u }"))
    for s in sanctions:
        (event,) = s["properties"]["recordId"]
        imposers = {label for (label,) in select(examples_dataset, f"SELECT ?l WHERE {{ <{event}> kg:imposedBy ?i . "
                                                           "?i rdfs:label ?l }")}
        assert set(s["properties"]["authority"]) == imposers
        targets = {by_id[t]["properties"]["name"][0] for t in s["properties"]["entity"]}
        assert targets <= {label for (label,) in select(examples_dataset, f"SELECT ?l WHERE {{ <{event}> kg:target ?t . "
                                                                  "?t rdfs:label ?l }")}
        derived = {a for (a,) in select(examples_dataset, f"SELECT ?a WHERE {{ <{event}> prov:wasDerivedFrom ?a }}")}
        assert set(s["properties"].get("sourceUrl", [])) == {urls[a] for a in derived if a in urls}
        assert s["properties"]["description"], "the sentences that state it"


def test_relations_become_ownership_and_directorship(entities, examples_dataset):
    def linked(schema, a, b, first, second):
        return any(e["schema"] == schema and a in e["properties"][first] and b in e["properties"][second]
                   for e in entities)

    subsidiaries = select(examples_dataset, "SELECT ?s ?o WHERE { ?s kg:subsidiaryOf ?o . ?s a kg:Company . ?o a kg:Company }")
    assert subsidiaries
    for s, o in subsidiaries:
        assert linked("Ownership", _id(s), _id(o), "asset", "owner")
    heads = select(examples_dataset, "SELECT ?p ?o WHERE { ?p kg:ceoOf ?o . ?p a kg:Person . ?o a kg:Company }")
    assert heads
    for p, o in heads:
        assert linked("Directorship", _id(p), _id(o), "director", "organization")


def _id(iri: str) -> str:
    return "newskg-" + "-".join(iri.split("/")[-2:])


def test_a_country_is_a_code_unless_it_is_a_party(tmp_path):
    from kg.export.formats import export_files

    path = tmp_path / "g.ttl"
    path.write_text("""@prefix kg: <https://w3id.org/newskg/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix id: <https://w3id.org/newskg/id/> .
<https://w3id.org/newskg/id/gov/eu> a kg:GovernmentBody ; rdfs:label "European Union" .
<https://w3id.org/newskg/id/country/iran> a kg:Country ; rdfs:label "Iran" .
<https://w3id.org/newskg/id/country/germany> a kg:Country ; rdfs:label "Germany" .
<https://w3id.org/newskg/id/company/acme> a kg:Company ; rdfs:label "Acme Trading" ;
    kg:basedIn <https://w3id.org/newskg/id/country/germany> .
<https://w3id.org/newskg/id/sanction/eu-iran> a kg:Sanction ; rdfs:label "European Union sanctions on Iran" ;
    kg:imposedBy <https://w3id.org/newskg/id/gov/eu> ; kg:target <https://w3id.org/newskg/id/country/iran> ;
    kg:program "oil embargo" ; kg:startDate "2012-07-01" .
""", encoding="utf-8")
    lines = export_files(kg.load_dataset(path), "ftm")["graph.ftm.json"].decode("utf-8").splitlines()
    by_id = {d["id"]: d for d in map(json.loads, lines)}
    assert "newskg-country-germany" not in by_id, "a country that is only a place is a code"
    assert by_id["newskg-company-acme"]["properties"]["country"] == ["de"]
    iran = by_id["newskg-country-iran"]
    assert iran["schema"] == "LegalEntity" and iran["properties"]["country"] == ["ir"]
    (sanction,) = [d for d in by_id.values() if d["schema"] == "Sanction"]
    assert sanction["properties"]["entity"] == ["newskg-country-iran"]
    assert sanction["properties"]["program"] == ["oil embargo"]
    assert sanction["properties"]["startDate"] == ["2012-07-01"]
    assert sanction["properties"]["authority"] == ["European Union"]


def test_ftm_export_is_deterministic(trig):
    from kg.export.formats import export_files

    assert export_files(kg.load_dataset(trig), "ftm") == export_files(kg.load_dataset(trig), "ftm")


def test_without_followthemoney_the_error_says_how_to_install_it(examples_dataset, monkeypatch):
    from kg.errors import KgError
    from kg.export import ftm as ftm_export

    monkeypatch.setitem(sys.modules, "followthemoney", None)
    ftm_export.load_mapping.cache_clear()
    try:
        with pytest.raises(KgError, match=r"pip install 'newskg\[export\]'"):
            ftm_export.to_ftm_lines(ftm_export.read_records(examples_dataset))
    finally:
        ftm_export.load_mapping.cache_clear()


def test_the_mapping_agrees_with_the_ontology():
    """ontology.ttl aligns classes to FtM (rdfs:subClassOf ftm:...); ftm.yaml must write them as those schemas."""
    from rdflib import RDFS, Namespace

    from kg.export.ftm import load_mapping
    from kg.vocab import KG

    FTM = Namespace("https://schema.followthemoney.tech/#")
    onto = kg.load_ontology()
    mapping = load_mapping()
    aligned = 0
    for cls, schema in mapping.entities.items():
        for parent in onto.objects(KG[cls], RDFS.subClassOf):
            if str(parent).startswith(str(FTM)):
                assert schema == str(parent)[len(str(FTM)):], cls
                aligned += 1
    assert aligned >= 4
    sanction_kinds = [k for k, spec in mapping.events.items() if spec["schema"] == "Sanction"]
    assert "sanction" in sanction_kinds and (KG.Sanction, RDFS.subClassOf, FTM.Sanction) in onto

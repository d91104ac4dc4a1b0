"""The ontology is consistent with the code: every emitted term is declared, the vocabulary is closed."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from rdflib import OWL, RDF, RDFS, Graph, URIRef

from kg.rdf.ontology import load_ontology, ontology_path
from kg.vocab import KG, NS

ROOT = Path(__file__).resolve().parent.parent


def _declared(onto: Graph) -> set[str]:
    out = set()
    for kind in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, RDF.Property, OWL.SymmetricProperty):
        for s in onto.subjects(RDF.type, kind):
            if str(s).startswith(NS):
                out.add(str(s)[len(NS):])
    return out


def test_ontology_parses_and_is_the_top_level_file():
    onto = load_ontology()
    assert len(onto) > 200
    assert ontology_path().read_text(encoding="utf-8") == (ROOT / "ontology.ttl").read_text(encoding="utf-8")


def test_vocab_module_matches_ontology_exactly():
    declared = _declared(load_ontology())
    in_code = {name for name in KG.__annotations__}
    assert in_code == declared, (in_code - declared, declared - in_code)


def test_closed_namespace_refuses_misspelt_terms():
    with pytest.raises(AttributeError):
        KG.offerdBy  # noqa: B018


def test_every_term_has_label_and_comment():
    onto = load_ontology()
    for name in _declared(onto):
        term = URIRef(NS + name)
        assert (term, RDFS.label, None) in onto, name
        assert (term, RDFS.comment, None) in onto, name


def test_required_classes_and_hierarchy():
    onto = load_ontology()
    for cls in ("Person", "Organization", "Company", "GovernmentBody", "Country", "Offer", "Sanction",
                "Article", "Statement"):
        assert (KG[cls], RDF.type, OWL.Class) in onto
    assert (KG.Company, RDFS.subClassOf, KG.Organization) in onto
    assert (KG.GovernmentBody, RDFS.subClassOf, KG.Organization) in onto


def test_alignments_to_public_vocabularies():
    onto = load_ontology()
    text = onto.serialize(format="nt")
    for ns in ("https://schema.org/", "http://xmlns.com/foaf/0.1/", "http://www.w3.org/ns/org#",
               "http://www.w3.org/ns/prov#", "https://schema.followthemoney.tech/#"):
        assert ns in text, ns


def test_every_term_the_code_emits_is_declared():
    """Scan the package for KG.<term> uses and the graph of a real build for kg: terms."""
    declared = _declared(load_ontology())
    used = set()
    for path in (ROOT / "kg").rglob("*.py"):
        used |= set(re.findall(r"\bKG\.([A-Za-z]+)", path.read_text(encoding="utf-8")))
        used |= set(re.findall(r"\bKG\[\"([A-Za-z]+)\"\]", path.read_text(encoding="utf-8")))
    assert used <= declared, used - declared


def test_every_term_in_a_real_build_is_declared(examples_build):
    declared = _declared(load_ontology())
    seen = set()
    for s, p, o, _ in examples_build.dataset.quads((None, None, None, None)):
        for term in (p, o) if p != RDF.type else (o,):
            if isinstance(term, URIRef) and str(term).startswith(NS):
                seen.add(str(term)[len(NS):])
        if isinstance(p, URIRef) and str(p).startswith(NS):
            seen.add(str(p)[len(NS):])
    assert seen and seen <= declared, seen - declared

"""The closed ``kg:`` namespace: a misspelt term raises instead of minting a new IRI.

Kept in step with ``ontology.ttl`` by ``tests/test_ontology.py`` (every term here
is declared there, and every term declared there is here).
"""
from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS, XSD, DefinedNamespace

NS = "https://w3id.org/newskg/ontology#"
SCHEMA = Namespace("https://schema.org/")
PROV = Namespace("http://www.w3.org/ns/prov#")


class KG(DefinedNamespace):
    """Terms of https://w3id.org/newskg/ontology#."""

    _fail = True
    _NS = Namespace(NS)

    # classes
    Agent: URIRef
    Person: URIRef
    Organization: URIRef
    Company: URIRef
    GovernmentBody: URIRef
    Country: URIRef
    Event: URIRef
    Offer: URIRef
    Sanction: URIRef
    SanctionRelief: URIRef
    Merger: URIRef
    Lawsuit: URIRef
    Tariff: URIRef
    Article: URIRef
    Statement: URIRef
    Evidence: URIRef
    # roles and organisation relations
    affiliatedWith: URIRef
    memberOf: URIRef
    employeeOf: URIRef
    headOf: URIRef
    ceoOf: URIRef
    founderOf: URIRef
    jobTitle: URIRef
    basedIn: URIRef
    customerOf: URIRef
    competitorOf: URIRef
    subsidiaryOf: URIRef
    partOf: URIRef
    jurisdiction: URIRef
    # offers
    offeredBy: URIRef
    offeredTo: URIRef
    item: URIRef
    terms: URIRef
    status: URIRef
    # sanctions
    imposedBy: URIRef
    target: URIRef
    program: URIRef
    restriction: URIRef
    startDate: URIRef
    endDate: URIRef
    relaxes: URIRef
    # mergers, lawsuits, tariffs
    acquirer: URIRef
    acquired: URIRef
    plaintiff: URIRef
    defendant: URIRef
    court: URIRef
    goods: URIRef
    rate: URIRef
    # dates, statements, provenance
    date: URIRef
    dateText: URIRef
    speaker: URIRef
    quote: URIRef
    about: URIRef
    evidence: URIRef
    mentionedIn: URIRef
    mentionCount: URIRef
    fileName: URIRef
    outlet: URIRef
    wordCount: URIRef
    removedLines: URIRef
    contentHash: URIRef
    copyOf: URIRef


RELATION_PROPERTIES = (
    "founderOf", "ceoOf", "headOf", "memberOf", "employeeOf", "affiliatedWith",
    "basedIn", "customerOf", "competitorOf", "subsidiaryOf",
)

# The prefixes bound in every written graph (Turtle/TriG output, stores), in this order.
OUTPUT_PREFIXES: dict[str, str] = {
    "kg": NS,
    "schema": str(SCHEMA),
    "prov": str(PROV),
    "skos": str(SKOS),
    "rdfs": str(RDFS),
    "xsd": str(XSD),
    "owl": str(OWL),
}

# The prefixes every query may use without declaring them (kg query, kg serve, stores).
QUERY_PREFIXES: dict[str, str] = {
    "kg": NS,
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "skos": str(SKOS),
    "schema": str(SCHEMA),
    "prov": str(PROV),
    "xsd": str(XSD),
    "owl": str(OWL),
}

"""RDF: resolved entities and events in, triples out.

In: a resolution and the articles' facts. Out: an rdflib ``Dataset`` (one named graph per article) written by
the one :class:`~kg.rdf.writer.GraphWriter`, with IRIs minted only by :mod:`kg.rdf.ids` and terms only from the
closed vocabulary :mod:`kg.vocab`; :mod:`kg.rdf.serialize` turns it into Turtle, TriG, N-Quads, N-Triples or
JSON-LD bytes, deterministically. :mod:`kg.rdf.ontology` loads ``ontology.ttl``.
"""

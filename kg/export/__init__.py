"""Exports: a built graph in, the files other tools open out (tables, network files, FollowTheMoney).

In: an rdflib ``Dataset`` as :func:`kg.store.files.load_dataset` gives it (a TriG file keeps each fact's
article; Turtle only its ``prov:wasDerivedFrom``). Out: :mod:`kg.export.records` reads it once into plain
records (articles, entities, relations, events, evidence); :mod:`kg.export.tables` writes them as CSV tables,
:mod:`kg.export.ftm` as FollowTheMoney entities (JSON lines), and :mod:`kg.export.formats` names every format
``kg export`` knows (the RDF ones, ``csv``, ``graphml``, ``gexf``, ``ftm``) and writes it.
"""

"""Stores: where a built graph lives, behind one small interface.

In: a store spec (a graph file or build folder, ``oxigraph:PATH``, or ``sparql+http(s)://...``). Out: an rdflib
``Dataset`` to query (:func:`~kg.store.files.load_dataset`) or a :class:`~kg.store.base.GraphStore` that an
incremental build reads from and adds to. Backends are chosen by a registry keyed on the spec
(:func:`~kg.store.registry.open_store`), the way rdflib picks plugins by name.
"""

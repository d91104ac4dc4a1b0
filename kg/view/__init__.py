"""The graph view: a built graph in, a networkx graph and one self-contained offline HTML page out.

In: an rdflib graph or dataset. Out: ``kg.to_networkx`` (entities and events as nodes, relations and roles
as edges, with their sources) and ``graph.html`` (pyvis/vis-network inlined, styles from
``kg/knowledge/data/view.yaml``, the page script in ``kg/view/templates``).
"""

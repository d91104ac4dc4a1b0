"""Queries: SPARQL text and parameters in, checked, bounded results out.

In: a query (text, a ``.rq`` file, or the name of a bundled query in ``kg/sparql/queries``) and parameters.
Out: a :class:`~kg.sparql.results.QueryResult` (rows, a boolean or a graph) and its text formats. The stages:
:mod:`~kg.sparql.catalogue` (bundled queries and their parameters), :mod:`~kg.sparql.safety` (read-only, no
SERVICE), :mod:`~kg.sparql.params` (binding values), :mod:`~kg.sparql.run` (running with a deadline and a row
cap: ``kg.query``), :mod:`~kg.sparql.formats` (JSON, XML, CSV, TSV, tables).
"""

"""SELECT rows as a pandas DataFrame, when pandas is installed (``pip install 'newskg[export]'``).

Numbers (``xsd:integer``, ``xsd:decimal``, ``xsd:double``...) become Python numbers and booleans ``bool``; every
other value its text: IRIs, labels, and dates as the graph writes them (``2020-07-14``, ``2018-04``, ``2022``:
news gives dates at every precision, so use ``pd.to_datetime`` where a column holds full dates). An unbound
variable is missing (``<NA>``). Columns get pandas' own dtypes (``convert_dtypes``): a count is ``Int64``.

>>> import kg
>>> df = kg.query("out/graph.trig", "SELECT ?label (COUNT(?a) AS ?n) WHERE { ?s a kg:Sanction ; rdfs:label ?label ; "
...               "prov:wasDerivedFrom ?a } GROUP BY ?label ORDER BY ?label").to_frame()
>>> list(df.columns), str(df["n"].dtype), len(df)
(['label', 'n'], 'Int64', 10)
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

from rdflib import BNode, Literal
from rdflib.term import Node

__all__ = ["to_frame", "to_python"]


def to_python(term: Node | None) -> Any:
    """The value a DataFrame cell gets for an RDF term: a number or bool for numeric and boolean literals,
    else the text (``_:id`` for a blank node); None stays None.

    >>> from rdflib import Literal, URIRef
    >>> [to_python(t) for t in (Literal(3), Literal("2018-04"), URIRef("https://w3id.org/x"), None)]
    [3, '2018-04', 'https://w3id.org/x', None]
    """
    if term is None:
        return None
    if isinstance(term, BNode):
        return f"_:{term}"
    if isinstance(term, Literal):
        value = term.toPython()
        if isinstance(value, bool | int | float):
            return value
        if isinstance(value, Decimal):
            return float(value)
    return str(term)


def to_frame(variables: Sequence[str], rows: Iterable[Sequence[Node | None]]):
    """A pandas DataFrame with one column per variable and one row per result row.

    Raises:
        ImportError: pandas is not installed (the message says how to install it).
    """
    try:
        import pandas as pd
    except ImportError as exc:
        raise ImportError("to_frame() needs pandas, which is not installed: pip install pandas "
                          "(or pip install 'newskg[export]')") from exc
    data = [[to_python(v) for v in row] for row in rows]
    return pd.DataFrame(data, columns=list(variables), dtype=object).convert_dtypes()

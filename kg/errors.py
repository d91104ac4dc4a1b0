"""The one small error hierarchy of newskg.

Every message says what was wrong and what to do about it. The CLI catches
:class:`KgError` at its boundary and prints the message without a traceback.
"""
from __future__ import annotations


class KgError(Exception):
    """Base class for every error newskg raises on purpose."""

    exit_code = 1


class InputError(KgError):
    """An input file or argument cannot be used (missing, binary, too large, ...)."""

    exit_code = 2


class DataError(KgError):
    """A bundled or user-supplied data file (gazetteer, lexicon) is invalid."""


class QueryError(KgError):
    """A SPARQL query is malformed, forbidden, or failed."""

    exit_code = 2


class ModelError(KgError):
    """The spaCy English model is not installed."""


class KgWarning(UserWarning):
    """Base class for what newskg warns about: the answer may not be what was meant."""


class UnknownTermWarning(KgWarning):
    """A query uses a ``kg:`` term that ``ontology.ttl`` does not define (``kg:Ofer``): it can match nothing.

    Warned before the query runs, with the nearest terms of the ontology; the query still runs.
    """


class UnmatchedNameWarning(KgWarning):
    """A query came back empty and a value it was given (``target="Huwaei"``) is no name or alias in the graph.

    ``kg.query`` warns with it, the message naming the nearest names the graph has. Silence it with
    ``warnings.filterwarnings("ignore", category=kg.errors.UnmatchedNameWarning)``, or turn it into an
    exception with ``"error"``.
    """

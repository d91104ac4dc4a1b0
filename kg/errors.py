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

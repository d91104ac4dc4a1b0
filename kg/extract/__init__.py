"""Extraction: an article's parsed Docs and local entities in, facts about them out.

In: an :class:`~kg.extract.context.ExtractContext` (the Docs, the entity registry, the article). Out: facts
(:mod:`kg.extract.facts`: relations, statements, and events of every kind of ``kinds.yaml``: offers, sanctions,
reliefs...) about *local* entities, one
:class:`~kg.extract.facts.ArticleResult` per article. One module per kind of fact, each a plain function
``(ctx) -> Iterable[Fact]``; the list below is the one place that says which run, in order. Adding one:
write ``kg/extract/<kind>.py`` with an ``extract(ctx)`` generator and add it here.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable

from kg.extract.context import ExtractContext
from kg.extract.facts import Fact

Extractor = Callable[[ExtractContext], Iterable[Fact]]


def load_extractors() -> list[tuple[str, Extractor]]:
    """The extractors to run, as (name, function) pairs."""
    from kg.extract import affiliations, frame_events, offers, organizations, roles, sanctions, statements

    return [
        ("discovery", frame_events.discover),
        ("roles", roles.extract),
        ("organizations", organizations.extract),
        ("affiliations", affiliations.extract),
        ("offers", offers.extract),
        ("sanctions", sanctions.extract),
        ("frame events", frame_events.extract),
        ("statements", statements.extract),
    ]

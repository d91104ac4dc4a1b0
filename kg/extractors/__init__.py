"""Extractors: one module per kind of fact, each a plain function ``(ctx) -> Iterable[Fact]``.

The list below is the one place that says which extractors run, in order.
Adding an extractor: write ``kg/extractors/<kind>.py`` with an ``extract(ctx)``
generator and add it here.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable

from ..facts import Fact
from .context import ExtractContext

Extractor = Callable[[ExtractContext], Iterable[Fact]]


def load_extractors() -> list[tuple[str, Extractor]]:
    """The extractors to run, as (name, function) pairs."""
    from . import offers, organizations, roles, sanctions, statements

    return [
        ("roles", roles.extract),
        ("organizations", organizations.extract),
        ("offers", offers.extract),
        ("sanctions", sanctions.extract),
        ("statements", statements.extract),
    ]

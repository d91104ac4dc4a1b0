"""Deadlines for rdflib's engine: where it checks the running query's time limit, and REGEX with a time limit.

rdflib's engine runs in Python; :func:`guard_store` makes its pattern matching check the deadline of the
query running on this thread (``DEADLINE.at``), and :func:`guard_engine` adds checks where it never reaches a
store (``VALUES``, joins) and gives ``REGEX``/``REPLACE`` the ``regex`` package's time limit. A query past its
deadline raises :class:`QueryTimeout`.
"""
from __future__ import annotations

import threading
import time

from kg.errors import QueryError


class QueryTimeout(QueryError):
    """A query ran longer than its time limit (also importable from :mod:`kg.sparql.run`).

    ``worker`` is the thread still evaluating it, when the engine could not be
    stopped (Oxigraph in this process), else None.
    """

    exit_code = 1
    worker: threading.Thread | None = None


class _Deadline(threading.local):
    at: float | None = None


DEADLINE = _Deadline()


def check_deadline() -> None:
    at = DEADLINE.at
    if at is not None and time.monotonic() > at:
        raise QueryTimeout("query took longer than its time limit and was stopped; "
                           "simplify it, add LIMIT, or raise the limit (--timeout)")


REGEX_TIMEOUT = 5.0  # seconds one REGEX or REPLACE may take when the query has no deadline


def _remaining() -> float:
    at = DEADLINE.at
    return REGEX_TIMEOUT if at is None else max(0.001, min(REGEX_TIMEOUT, at - time.monotonic()))


def _regex_flags(flags) -> int:
    import regex

    table = {"i": regex.IGNORECASE, "s": regex.DOTALL, "m": regex.MULTILINE, "x": regex.VERBOSE}
    out = 0
    for f in str(flags or ""):
        out |= table.get(f, 0)
    return out


def _bounded_regex(expr, ctx):
    """SPARQL REGEX with the ``regex`` package: a time limit, and the GIL released while it matches.

    Python's ``re`` can backtrack for hours on ``(a+)+$`` and never lets another thread
    run meanwhile: one such query froze every other query of ``kg serve``.
    """
    import regex
    from rdflib import Literal
    from rdflib.plugins.sparql.operators import string

    text, pattern = string(expr.text), string(expr.pattern)
    try:
        found = regex.search(str(pattern), str(text), _regex_flags(expr.flags), timeout=_remaining(),
                             concurrent=True)
    except TimeoutError:
        check_deadline()
        raise QueryError("a REGEX took too long to match (a pattern that backtracks without end?)") from None
    return Literal(found is not None)


def _bounded_replace(expr, ctx):
    """SPARQL REPLACE with the ``regex`` package (see :func:`_bounded_regex`)."""
    import regex
    from rdflib import Literal
    from rdflib.plugins.sparql.operators import string

    text, pattern, replacement = string(expr.arg), string(expr.pattern), string(expr.replacement)
    replacement = regex.sub(r"\$([0-9]*)", r"\\\1", str(replacement))  # XPath $1 is Python \1
    try:
        out = regex.sub(str(pattern), replacement, str(text), flags=_regex_flags(expr.flags), timeout=_remaining(),
                        concurrent=True)
    except TimeoutError:
        check_deadline()
        raise QueryError("a REPLACE took too long to match (a pattern that backtracks without end?)") from None
    return Literal(out, datatype=text.datatype, lang=text.language)


_GUARDED = False


def guard_engine() -> None:
    """Make rdflib's engine stoppable where it never reaches a store: VALUES, joins, REGEX (once per process)."""
    global _GUARDED
    if _GUARDED:
        return
    from kg.sparql import safety

    with safety._PARSE_LOCK:  # no query is parsed while the grammar's functions change
        if not _GUARDED:
            _install_guards()
            safety._prepare.cache_clear()  # an algebra parsed before holds the old functions
            _GUARDED = True


def _install_guards() -> None:
    from rdflib.plugins.sparql import evaluate, parser

    real_values = evaluate.evalValues

    def eval_values(ctx, part):
        for i, row in enumerate(real_values(ctx, part)):
            if not i & 255:
                check_deadline()
            yield row

    def join(a, b):
        n = 0
        for x in a:
            for y in b:
                n += 1
                if not n & 1023:
                    check_deadline()
                if x.compatible(y):
                    yield x.merge(y)

    evaluate.evalValues = eval_values
    evaluate._join = join
    parser.RegexExpression.setEvalFn(_bounded_regex)
    for element in _replace_elements(parser):
        element.setEvalFn(_bounded_replace)


def _replace_elements(parser) -> list:
    """The grammar elements of REPLACE (rdflib builds it inline in ``BuiltInCall``)."""
    from rdflib.plugins.sparql.operators import Builtin_REPLACE
    from rdflib.plugins.sparql.parserutils import Comp

    found = []
    stack, seen = [parser.BuiltInCall], set()
    while stack:
        el = stack.pop()
        if id(el) in seen:
            continue
        seen.add(id(el))
        if isinstance(el, Comp) and getattr(el, "evalfn", None) is Builtin_REPLACE:
            found.append(el)
        stack.extend(getattr(el, "exprs", ()) or ())
        inner = getattr(el, "expr", None)
        if inner is not None:
            stack.append(inner)
    return found


def guard_store(store) -> None:
    """Make rdflib's pattern matching check the running query's deadline (once per store)."""
    if getattr(store, "_kg_deadline_guard", False):
        return
    inner = store.triples

    def triples(triple_pattern, context=None):
        check_deadline()
        for i, item in enumerate(inner(triple_pattern, context)):
            if not i & 255:
                check_deadline()
            yield item

    store.triples = triples
    store._kg_deadline_guard = True

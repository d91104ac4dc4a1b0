"""The analysis stage on Ray (``kg build --engine ray [--ray-address ADDR]``).

What flows in: the articles the driver reads (and that no work folder shard holds), one at a time, from an iterator.
What flows out: (index, result) pairs in the order they finish, the same :class:`~kg.extract.facts.ArticleResult`
records the local engine makes; the index is the article's place in the iterator.

``workers`` Ray actors (:class:`Analyser`, one CPU each) each load the spaCy pipeline and the gazetteer once and analyse
batches of :data:`~kg.builder.analyse.BATCH_SIZE` pickled articles, as a worker of the local process pool does. The
driver keeps at most :data:`~kg.builder.analyse.IN_FLIGHT_PER_WORKER` batches queued on each actor and takes the next
articles from the iterator only when a batch comes back (``ray.wait``): that is the backpressure, and what the driver
holds of the input is those batches, never the whole corpus. (Ray Data's ``from_items`` would need every article
first.) The driver writes each result to the work folder as it arrives (``--work``), then resolution and writing run
in the driver, where the shards are.

By default a local Ray instance is started with ``workers`` CPUs; ``ray_address`` joins an existing cluster
(``auto``, ``ray://HOST:10001``), whose nodes need newskg and its spaCy model installed.
"""
from __future__ import annotations

import itertools
import logging
import pickle
from collections.abc import Iterable, Iterator

from kg.builder.analyse import BATCH_SIZE, IN_FLIGHT_PER_WORKER, analyse, prepare_worker
from kg.errors import InputError
from kg.extract.facts import ArticleResult
from kg.read.article import Article, Skipped

log = logging.getLogger(__name__)


class Analyser:
    """One actor: the spaCy pipeline, loaded once; a batch of pickled articles -> their pickled results."""

    def __init__(self) -> None:
        prepare_worker()

    def analyse(self, blob: bytes) -> bytes:
        return pickle.dumps(analyse(pickle.loads(blob)), protocol=pickle.HIGHEST_PROTOCOL)


def analyse_on_ray(articles: Iterable[Article], *, workers: int = 2, address: str | None = None,
                   batch_size: int = BATCH_SIZE) -> Iterator[tuple[int, ArticleResult | Skipped]]:
    """Analyse ``articles`` on Ray; yields (index in ``articles``, result) as results arrive.

    Raises:
        InputError: Ray is not installed, or the cluster at ``address`` cannot be reached.
    """
    numbered = enumerate(articles)
    first = list(itertools.islice(numbered, batch_size))
    if not first:
        return
    ray = _start(workers, address)
    started = ray is not None
    ray = ray or _ray()
    try:
        actor = ray.remote(num_cpus=1)(Analyser)
        pool = [actor.remote() for _ in range(max(1, workers))]
        queued = {a: 0 for a in range(len(pool))}
        running: dict = {}  # the object ref of a batch's results -> (its actor, its indices)
        batches = itertools.chain([first], iter(lambda: list(itertools.islice(numbered, batch_size)), []))
        for batch in batches:
            while min(queued.values()) >= IN_FLIGHT_PER_WORKER:
                yield from _take_one(ray, running, queued)
            a = min(queued, key=lambda k: (queued[k], k))
            ref = pool[a].analyse.remote(pickle.dumps([art for _, art in batch], protocol=pickle.HIGHEST_PROTOCOL))
            running[ref] = (a, [i for i, _ in batch])
            queued[a] += 1
        while running:
            yield from _take_one(ray, running, queued)
    finally:
        if started:
            ray.shutdown()


def _take_one(ray, running: dict, queued: dict) -> Iterator[tuple[int, ArticleResult | Skipped]]:
    """The results of the first batch to finish."""
    (ref,), _ = ray.wait(list(running), num_returns=1)
    a, indices = running.pop(ref)
    queued[a] -= 1
    yield from zip(indices, pickle.loads(ray.get(ref)))


def _ray():
    try:
        import ray
    except ImportError as exc:
        raise InputError("--engine ray needs Ray: pip install 'newskg[ray]' (or 'ray[data]')") from exc
    return ray


def _start(workers: int, address: str | None):
    """Ray, started here (a local instance of ``workers`` CPUs, or joined at ``address``); None when it already ran."""
    ray = _ray()
    if ray.is_initialized():
        return None
    try:
        if address is None:
            ray.init(num_cpus=workers, include_dashboard=False, log_to_driver=False, logging_level=logging.WARNING)
        else:
            ray.init(address=address, log_to_driver=False, logging_level=logging.WARNING)
    except (ConnectionError, RuntimeError, ValueError) as exc:
        raise InputError(f"cannot start or reach Ray at {address or 'a local instance'}: {exc}") from exc
    return ray

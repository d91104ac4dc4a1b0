"""The analysis stage on Ray Data (``kg build --engine ray [--ray-address ADDR]``).

What flows in: the articles the driver read (and that no work folder shard holds). What flows out: (index, result)
pairs in the order they finish, the same :class:`~kg.extract.facts.ArticleResult` records the local engine makes.

The articles go into a Ray dataset as pickles; ``map_batches`` runs :class:`Analyser`, a callable class, on an actor
pool of ``workers`` actors (``ActorPoolStrategy(size=workers)``, one CPU each), so each actor loads the spaCy pipeline
and the gazetteer once and analyses batches of :data:`~kg.builder.analyse.BATCH_SIZE` articles, as a worker of the
local process pool does. Ray Data's streaming executor gives backpressure: the driver pulls results with
``iter_batches`` and the actors are fed only as fast as it takes them. The driver writes each result to the work
folder as it arrives (``--work``), then resolution and writing run in the driver, where the shards are.

By default a local Ray instance is started with ``workers`` CPUs; ``ray_address`` joins an existing cluster
(``auto``, ``ray://HOST:10001``), whose nodes need newskg and its spaCy model installed.
"""
from __future__ import annotations

import logging
import pickle
import warnings
from collections.abc import Iterator, Sequence

from kg.builder.analyse import BATCH_SIZE, analyse, prepare_worker
from kg.errors import InputError
from kg.extract.facts import ArticleResult
from kg.read.article import Article, Skipped

log = logging.getLogger(__name__)


class Analyser:
    """One actor of the pool: the spaCy pipeline, loaded once; a batch of pickled articles -> pickled results."""

    def __init__(self) -> None:
        prepare_worker()

    def __call__(self, batch: dict) -> dict:
        import numpy as np

        articles = [pickle.loads(bytes(b)) for b in batch["article"]]
        results = analyse(articles)
        return {"index": batch["index"],
                "result": np.array([pickle.dumps(r, protocol=pickle.HIGHEST_PROTOCOL) for r in results], dtype=object)}


def analyse_on_ray(articles: Sequence[Article], *, workers: int = 2, address: str | None = None,
                   batch_size: int = BATCH_SIZE) -> Iterator[tuple[int, ArticleResult | Skipped]]:
    """Analyse ``articles`` on Ray Data; yields (index in ``articles``, result) as results arrive.

    Raises:
        InputError: Ray is not installed, or the cluster at ``address`` cannot be reached.
    """
    if not articles:
        return
    try:
        import ray
        import ray.data
    except ImportError as exc:
        raise InputError("--engine ray needs Ray Data: pip install 'newskg[ray]' (or 'ray[data]')") from exc
    started = not ray.is_initialized()
    if started:
        try:
            if address is None:
                ray.init(num_cpus=workers, include_dashboard=False, log_to_driver=False,
                         logging_level=logging.WARNING)
            else:
                ray.init(address=address, log_to_driver=False, logging_level=logging.WARNING)
        except (ConnectionError, RuntimeError, ValueError) as exc:
            raise InputError(f"cannot start or reach Ray at {address or 'a local instance'}: {exc}") from exc
    try:
        context = ray.data.DataContext.get_current()
        context.enable_progress_bars = False  # the build draws its own bars
        context.execution_options.preserve_order = False
        logging.getLogger("ray.data").setLevel(logging.WARNING)
        items = [{"index": i, "article": pickle.dumps(a, protocol=pickle.HIGHEST_PROTOCOL)}
                 for i, a in enumerate(articles)]
        ds = ray.data.from_items(items, override_num_blocks=max(1, -(-len(items) // batch_size)))
        analysed = ds.map_batches(Analyser, batch_size=batch_size, num_cpus=1,
                                  compute=ray.data.ActorPoolStrategy(size=max(1, workers)))
        with warnings.catch_warnings():
            # a run of fewer batches than actors is told it cannot use them all: true, and nothing to act on
            warnings.filterwarnings("ignore", message="The minimum number of concurrent actors")
            for batch in analysed.iter_batches(batch_size=None):
                for index, result in zip(batch["index"], batch["result"]):
                    yield int(index), pickle.loads(bytes(result))
    finally:
        if started:
            ray.shutdown()

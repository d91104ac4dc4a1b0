"""Builds: input paths in, graph files (or a store) and a report out.

The orchestration of the stages: :mod:`~kg.builder.analyse` runs reading's output through NLP and the
extractors per article (the per-article error boundary, worker processes); :mod:`~kg.builder.full` is
``kg.build`` (read, analyse, resolve, write atomically with ``report.json``); :mod:`~kg.builder.incremental`
adds articles to an existing build folder or store (``kg build --into``); :mod:`~kg.builder.kept_corrections`
keeps a build's corrections file beside its graph, for the builds that add to it later. A large build hands off
between its stages through a work folder (:mod:`~kg.builder.work`: each article's analysis in Parquet shards, so a
killed build resumes), may stream its graph as sorted N-Quads shards (:mod:`~kg.builder.nquads`), resolving from a
compact record of each article read once from the folder and writing each from its shard (:mod:`~kg.builder.compact`,
:mod:`~kg.builder.stream`; what is held of each article in between: :mod:`~kg.builder.records`), reads its inputs as the
analysis takes them (:mod:`~kg.builder.engine`), may run its analysis on Ray actors (:mod:`~kg.builder.ray_engine`),
and reports each stage's progress (:mod:`~kg.builder.progress`).
Nothing here knows how a fact is found or how a triple is spelt.
"""

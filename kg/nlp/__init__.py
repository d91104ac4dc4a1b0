"""Language analysis: an article's text in, spaCy ``Doc`` objects and the article's entities out.

In: text chunks of one :class:`~kg.read.article.Article`. Out: parsed ``Doc`` objects (model NER plus the
gazetteer entity ruler and paragraph sentence breaks) and an :class:`~kg.nlp.registry.EntityRegistry` of the
article's local entities (typed, cleaned, clustered mentions). Corpus-wide merging is :mod:`kg.resolve`.
"""

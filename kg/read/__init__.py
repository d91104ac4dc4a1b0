"""Reading: files, folders or stdin in, one :class:`~kg.read.article.Article` record per news article out.

In: paths (text, Markdown, HTML) with their bytes. Out: ``Article`` (headline, date, authors, URL, outlet, body
paragraphs, content hash) or ``Skipped`` (with the reason). Decoding, HTML extraction, metadata headers,
boilerplate removal and date parsing live here; no NLP.
"""

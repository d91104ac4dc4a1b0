"""Reading: files, folders or stdin in, one :class:`~kg.read.article.Article` record per news article out.

In: paths (text, Markdown, HTML) with their bytes. Out: ``Article`` (headline, date, authors, URL, outlet, body
paragraphs, content hash, and where each header field was found) or ``Skipped`` (with the reason). Decoding
(``files``), front matter (``frontmatter``), Markdown rendering (``markdown``), an HTML page's metadata
(``html``), header lines (``header``), furniture removal (``boilerplate``), dates (``dates``) and the finding of
articles that copy another's text (``copies``: records only, before any NLP) live here; the
rules are data under ``kg/knowledge/data`` (``headers.yaml``, ``dates.yaml``, ``boilerplate.yaml``); no NLP.
"""

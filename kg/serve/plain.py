"""The plain page of ``kg serve`` when there is no graph view: the endpoint, the downloads, a query form."""
from __future__ import annotations

import html

from kg.sparql.catalogue import load_bundled_queries


def plain_page(server) -> str:
    """A small HTML page: the endpoint, the downloads, a query form and the bundled queries."""
    from kg.sparql.run import run_query as _run

    try:
        counts = _run(server.dataset, "SELECT (COUNT(DISTINCT ?g) AS ?graphs) (COUNT(*) AS ?quads) "
                                      "WHERE { GRAPH ?g { ?s ?p ?o } }").rows[0]
        summary = f"{counts[0]} article graph(s), {counts[1]} quads"
    except Exception:  # noqa: BLE001 - the summary line is optional
        summary = ""
    items = "\n".join(
        f'<li><a href="/queries/{html.escape(q.name)}">{html.escape(q.name)}</a>: {html.escape(q.summary)}'
        + (" (parameters: " + ", ".join(html.escape(p.name) for p in q.params) + ")" if q.params else "")
        + "</li>"
        for q in load_bundled_queries().values())
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; form-action 'self'">
<title>newskg SPARQL endpoint</title>
<style>body{{font:15px/1.4 system-ui,sans-serif;max-width:60em;margin:2em auto;padding:0 1em}}
textarea{{width:100%;font-family:monospace}}</style></head>
<body><h1>newskg</h1>
<p>{html.escape(summary)}. SPARQL endpoint: <code>/sparql</code> (GET or POST; read-only).
Downloads: <a href="/graph.ttl">graph.ttl</a>, <a href="/graph.trig">graph.trig</a>.</p>
<form action="/sparql" method="get">
<textarea name="query" rows="8">SELECT ?offer ?label WHERE {{ ?offer a kg:Offer ; rdfs:label ?label }} LIMIT 20</textarea>
<p><select name="format"><option>json</option><option>csv</option><option>tsv</option><option>xml</option></select>
<button type="submit">Run</button></p></form>
<h2>Bundled queries</h2><ul>
{items}
</ul></body></html>
"""

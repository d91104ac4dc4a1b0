"""``kg query``: run SPARQL (inline, a .rq file, or a bundled query) against a graph, read-only."""
from __future__ import annotations

import argparse
import shutil
import sys

from kg.errors import InputError

EPILOG = """examples:
  kg query --list                                   the bundled queries, one line each
  kg query out offers                               a bundled query on a build folder
  kg query out sanctions-on-target --param target=Huawei
  kg query out/graph.trig 'SELECT ?o ?label WHERE { ?o a kg:Offer ; rdfs:label ?label }'
  kg query out my-question.rq --format csv > answer.csv
  kg query oxigraph:graph.db timeline --format json

Prefixes kg: rdf: rdfs: skos: schema: prov: xsd: owl: are predeclared. Queries see the
union of the article graphs; GRAPH ?article { ... } reaches one article's graph.
Queries are read-only: updates are refused, FROM may only name graphs of the dataset,
and SERVICE (outbound requests) needs --allow-service.

exit status: 0 the query ran, whatever it found; warnings on stderr say when a kg: term is
not in the ontology (before it runs) and when an empty result's --param value is no name or
alias in the graph (with the nearest names); 2 bad input: a malformed or refused query, a
parameter the query needs and was not given, a GRAPH that is not a graph (report.json, a
text file, an empty store).
"""


def add_parser(sub) -> None:
    p = sub.add_parser(
        "query",
        help="run a SPARQL query (inline, .rq file or bundled) against a graph",
        description="Run a read-only SPARQL query against a built graph and print the result.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=EPILOG,
    )
    p.add_argument("graph", nargs="?", metavar="GRAPH",
                   help="graph file (.trig, .ttl, .nq, .nt, .jsonld), build folder, or oxigraph:PATH")
    p.add_argument("query", nargs="?", metavar="QUERY",
                   help="SPARQL text, a .rq file, a bundled query name (see --list), or - for stdin")
    p.add_argument("--list", action="store_true", help="list the bundled queries and exit")
    p.add_argument("-p", "--param", action="append", default=[], metavar="NAME=VALUE",
                   help="bind ?NAME to VALUE (a literal; <IRI> for an IRI); repeatable")
    p.add_argument("-f", "--format", choices=["table", "csv", "tsv", "json", "ttl", "nt", "xml"], default=None,
                   help="output format (default: table; ttl for CONSTRUCT/DESCRIBE)")
    p.add_argument("--timeout", type=float, default=None, metavar="SECONDS",
                   help="stop a query running longer than this (default: 30)")
    p.add_argument("--max-rows", type=int, default=None, metavar="N",
                   help="keep at most N rows or triples (default: 100000)")
    p.add_argument("--allow-service", action="store_true",
                   help="allow SERVICE clauses, which send requests to other hosts (off by default)")
    p.add_argument("--engine", choices=["auto", "memory", "oxigraph"], default="auto",
                   help="load graph files into rdflib's memory store or into Oxigraph "
                        "(default: auto, Oxigraph for large files)")
    p.set_defaults(run=run)


def parse_params(items: list[str]) -> dict[str, str]:
    """``["target=Huawei", ...]`` as a dict.

    Raises:
        InputError: an item has no ``=``.
    """
    params: dict[str, str] = {}
    for item in items:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise InputError(f"--param {item!r}: write NAME=VALUE, e.g. --param target=Huawei")
        params[name.strip().lstrip("?$")] = value
    return params


def list_queries() -> str:
    """One line per bundled query: name, parameters, what it answers."""
    from kg.sparql.catalogue import load_bundled_queries

    queries = load_bundled_queries()
    width = max(len(q.name) for q in queries.values())
    lines = []
    for q in queries.values():
        params = " ".join(f"[{p.name}=...]" if p.optional else f"{p.name}=..." for p in q.params)
        lines.append(f"{q.name.ljust(width)}  {q.summary}" + (f"  ({params})" if params else ""))
    return "\n".join(lines)


def run(args) -> int:
    from kg.sparql.results import format_result
    from kg.sparql.run import DEFAULT_MAX_ROWS, DEFAULT_TIMEOUT, open_graph, run_query

    if args.list:
        print(list_queries())
        return 0
    if not args.graph or not args.query:
        raise InputError("give a GRAPH and a QUERY (or --list); e.g. kg query out offers")
    text = sys.stdin.read() if args.query == "-" else args.query
    params = parse_params(args.param)
    timeout = args.timeout if args.timeout is not None else DEFAULT_TIMEOUT
    max_rows = args.max_rows if args.max_rows is not None else DEFAULT_MAX_ROWS
    if timeout <= 0 or max_rows <= 0:
        raise InputError("--timeout and --max-rows must be positive")
    graph = open_graph(args.graph, engine=args.engine)
    result = run_query(graph, text, params, allow_service=args.allow_service, timeout=timeout, max_rows=max_rows,
                       on_warning=lambda note: print(f"kg query: warning: {note}", file=sys.stderr, flush=True))
    fmt = args.format or ("ttl" if result.form in ("CONSTRUCT", "DESCRIBE") else "table")
    width = None
    if fmt == "table" and sys.stdout.isatty():
        width = max(20, min(80, shutil.get_terminal_size().columns // 3))
    sys.stdout.write(format_result(result, fmt, width=width))
    if result.truncated:
        print(f"kg query: warning: result cut at {max_rows} rows; raise --max-rows to see more", file=sys.stderr)
    for miss in result.unmatched:  # why an empty result is empty; still exit 0: the query ran
        print(f"kg query: warning: {miss.message}", file=sys.stderr)
    return 0

"""``kg serve``: a read-only SPARQL endpoint and the graph view over HTTP."""
from __future__ import annotations

import argparse
import sys

EPILOG = """examples:
  kg serve out                              http://127.0.0.1:8000/ (view) and /sparql (endpoint)
  kg serve out/graph.trig --port 9000
  kg serve oxigraph:graph.db --port 0       pick a free port (printed on the first line)
  curl -H 'Accept: text/csv' --data-urlencode 'query=SELECT * WHERE { ?s a kg:Offer }' http://127.0.0.1:8000/sparql

Read-only: updates get 403; SERVICE and FROM <anything outside the dataset> get 400;
bodies over --max-body get 413; queries over --timeout get 503 (an Oxigraph query runs in a worker
process that is killed then, or when it needs more than --max-memory).
"""


def add_parser(sub) -> None:
    from kg.serve.server import DEFAULT_MAX_BODY, DEFAULT_MAX_CONCURRENT
    from kg.sparql.isolated import DEFAULT_MAX_MEMORY_MB
    from kg.sparql.run import DEFAULT_MAX_ROWS, DEFAULT_TIMEOUT

    p = sub.add_parser(
        "serve",
        help="serve a graph over HTTP: SPARQL endpoint, graph view, downloads",
        description="Serve a built graph: the SPARQL 1.1 Protocol at /sparql (read-only), the graph view at /, "
                    "and /graph.ttl, /graph.trig.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=EPILOG,
    )
    p.add_argument("graph", metavar="DIR|GRAPH", help="build folder, graph file, or oxigraph:PATH")
    p.add_argument("--host", default="127.0.0.1",
                   help="address to listen on (default: 127.0.0.1; anything else exposes the graph to the network)")
    p.add_argument("--port", type=int, default=8000, help="port (default: 8000; 0 picks a free one)")
    p.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT, metavar="SECONDS",
                   help=f"stop queries running longer than this (default: {DEFAULT_TIMEOUT:g})")
    p.add_argument("--max-rows", type=int, default=DEFAULT_MAX_ROWS, metavar="N",
                   help=f"cut results at N rows or triples (default: {DEFAULT_MAX_ROWS})")
    p.add_argument("--max-body", type=int, default=DEFAULT_MAX_BODY, metavar="BYTES",
                   help=f"largest request body accepted (default: {DEFAULT_MAX_BODY})")
    p.add_argument("--max-concurrent", type=int, default=DEFAULT_MAX_CONCURRENT, metavar="N",
                   help=f"queries running at once (default: {DEFAULT_MAX_CONCURRENT})")
    p.add_argument("--max-memory", type=int, default=DEFAULT_MAX_MEMORY_MB, metavar="MB",
                   help="memory one Oxigraph query may use, in its own worker process, killed at --timeout "
                        f"(default: {DEFAULT_MAX_MEMORY_MB})")
    p.add_argument("--engine", choices=["auto", "memory", "oxigraph"], default="auto",
                   help="load graph files into rdflib's memory store or into Oxigraph (default: auto)")
    p.set_defaults(run=run)


def run(args) -> int:
    from kg.errors import InputError
    from kg.serve.server import ServerLimits, make_server

    if not 0 <= args.port <= 65535:
        raise InputError(f"--port {args.port} is not a port number (0-65535)")
    if min(args.timeout, args.max_rows, args.max_body, args.max_concurrent, args.max_memory) <= 0:
        raise InputError("--timeout, --max-rows, --max-body, --max-concurrent and --max-memory must be positive")
    limits = ServerLimits(timeout=args.timeout, max_rows=args.max_rows, max_body=args.max_body,
                          max_concurrent=args.max_concurrent, max_memory_mb=args.max_memory)
    server = make_server(args.graph, host=args.host, port=args.port, limits=limits, engine=args.engine)
    print(f"kg serve: SPARQL endpoint {server.url}sparql, graph view {server.url} (Ctrl-C to stop)", flush=True)
    if not server.loopback_only:
        print(f"kg serve: warning: listening on {args.host}: anyone who can reach this machine can read the graph",
              file=sys.stderr, flush=True)
    import signal

    def stop(signum, frame):  # SIGTERM ends the server like Ctrl-C: its query workers and temporary store go too
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop)
    try:
        server.serve_forever(poll_interval=0.2)
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0

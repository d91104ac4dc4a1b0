"""``kg export``: convert a built graph to another RDF format."""
from __future__ import annotations

import sys
from pathlib import Path


def add_parser(sub) -> None:
    p = sub.add_parser("export", help="convert a graph file to ttl, trig, nq, nt or jsonld",
                       description="Convert a built graph (graph.trig, graph.ttl, ...) to another RDF format.")
    p.add_argument("graph", type=Path, help="graph file or build folder")
    p.add_argument("--format", "-f", required=True, choices=["ttl", "trig", "nq", "nt", "jsonld"])
    p.add_argument("-o", "--output", type=Path, help="output file (default: stdout)")
    p.set_defaults(run=run)


def run(args) -> int:
    from kg.store.files import load_dataset, serialize, write_atomic

    ds = load_dataset(args.graph)
    data = serialize(ds, args.format)
    if args.output:
        write_atomic(args.output, data)
    else:
        sys.stdout.buffer.write(data)
    return 0

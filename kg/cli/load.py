"""``kg load``: N-Quads files -> a new Oxigraph store, through Oxigraph's bulk loader."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path


def add_parser(sub) -> None:
    p = sub.add_parser(
        "load",
        help="bulk-load N-Quads (a build's graph.nq or a work folder's graph shards) into a new Oxigraph store",
        description="Load N-Quads files into a new Oxigraph store with Oxigraph's bulk loader, for large builds "
                    "(kg build ... --work DIR --format nq). The store is then queried, served and built into "
                    "like any other: kg query oxigraph:PATH, kg serve oxigraph:PATH, kg build NEW --into "
                    "oxigraph:PATH.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="example:\n  kg build articles/ --work work --format nq --out out\n"
               "  kg load out/graph.nq --into oxigraph:graph.db",
    )
    p.add_argument("files", nargs="+", type=Path, metavar="NQ",
                   help="N-Quads files, or folders whose *.nq files are loaded (a work folder's graph/ shards)")
    p.add_argument("--into", required=True, metavar="oxigraph:PATH", help="the new store (a folder)")
    p.add_argument("-q", "--quiet", action="store_true", help="print nothing but errors")
    p.set_defaults(run=run)


def run(args) -> int:
    import time

    from kg.errors import InputError
    from kg.store.base import OXIGRAPH_PREFIX
    from kg.store.oxigraph import bulk_load

    if not args.into.startswith(OXIGRAPH_PREFIX) or not args.into[len(OXIGRAPH_PREFIX):]:
        raise InputError(f"--into must be oxigraph:PATH, got {args.into!r}")
    files: list[Path] = []
    for f in args.files:
        if f.is_dir():
            files += sorted(f.glob("*.nq"))
        elif f.is_file():
            files.append(f)
        else:
            raise InputError(f"{f}: no such file or folder")
    if not files:
        raise InputError("no .nq file to load")
    t0 = time.perf_counter()
    quads = bulk_load(args.into[len(OXIGRAPH_PREFIX):], files)
    if not args.quiet:
        print(f"loaded {quads:,} quads from {len(files)} file(s) into {args.into} in {time.perf_counter() - t0:.1f} s",
              file=sys.stdout)
    return 0

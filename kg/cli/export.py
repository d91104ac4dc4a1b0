"""``kg export``: a built graph in another RDF format, as CSV tables, GraphML, GEXF or FollowTheMoney."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kg.errors import InputError, KgError
from kg.export.formats import FORMATS

EPILOG = """formats:
""" + "\n".join(f"  {f.name:<8} {f.help}" + (" (-o DIR, a folder)" if f.folder else "") for f in FORMATS.values()) + """

examples:
  kg export out --format jsonld -o graph.jsonld
  kg export out --format csv -o tables/          entities.csv, relations.csv, events.csv, evidence.csv, articles.csv
  kg export out --format graphml -o graph.graphml
  kg export out --format ftm > entities.ftm.json
"""


def add_parser(sub) -> None:
    p = sub.add_parser("export", help="convert a graph to another RDF format, CSV tables, GraphML, GEXF or FtM",
                       description="Convert a built graph (a build folder, graph.trig, graph.ttl, ...) to another "
                                   "RDF format, to CSV tables, to a network file or to FollowTheMoney entities.",
                       epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("graph", type=Path, help="graph file or build folder")
    p.add_argument("--format", "-f", required=True, choices=list(FORMATS), metavar="|".join(FORMATS))
    p.add_argument("-o", "--output", type=Path,
                   help="output file (default: stdout); for csv, the folder to write the tables in (required)")
    p.set_defaults(run=run)


def run(args) -> int:
    from kg.export.formats import export_files
    from kg.store.files import load_dataset, write_atomic_many

    fmt = FORMATS[args.format]
    out: Path | None = args.output
    if fmt.folder and out is None:
        raise InputError(f"--format {fmt.name} writes several files; give the folder to write them in with -o DIR")
    if fmt.folder and out.exists() and not out.is_dir():
        raise InputError(f"{out} is a file; --format {fmt.name} writes a folder of tables: give a folder with -o")
    if not fmt.folder and out is not None and out.is_dir():
        raise InputError(f"{out} is a folder; give a file name, e.g. -o {out / fmt.file}")
    files = export_files(load_dataset(args.graph), fmt.name)
    if out is None:
        sys.stdout.buffer.write(next(iter(files.values())))
        return 0
    targets = [(out / name if fmt.folder else out, data) for name, data in files.items()]
    try:
        write_atomic_many(targets)
    except OSError as exc:
        where = out if fmt.folder else out.parent
        raise KgError(f"cannot write {out}: {exc.strerror or exc}; choose a {'folder' if fmt.folder else 'file'} "
                      f"you can write to with -o (is {where} writable?)") from exc
    if fmt.folder:
        counts = ", ".join(f"{name} {_rows(data)} rows" for name, data in files.items())
        print(f"kg export: wrote {out}/: {counts}", file=sys.stderr)
    return 0


def _rows(data: bytes) -> int:
    """The number of rows of a CSV file, its header aside (a quoted cell may span lines)."""
    import csv
    import io

    return sum(1 for _ in csv.reader(io.StringIO(data.decode("utf-8")))) - 1

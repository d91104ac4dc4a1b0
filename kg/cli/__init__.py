"""The ``kg`` command line: the only place that prints or configures logging.

Each subcommand lives in ``kg/commands/<name>.py`` with ``add_parser(subparsers)``
and ``run(args) -> int``; this module wires them up and is the error boundary:
a :class:`~kg.errors.KgError` becomes a one-line message and an exit status,
never a traceback.

Exit status: 0 success; 1 error; 2 bad input or usage (malformed query, unknown
option); 3 partial build (some inputs were skipped: see report.json), unless
``--strict`` makes that an error (1).
"""
from __future__ import annotations

import argparse
import importlib
import logging
import signal
import sys

from kg.errors import KgError

COMMANDS = ("build", "load", "export", "query", "view", "serve")

EPILOG = """examples:
  kg build examples/articles --out out          build out/graph.ttl, graph.trig, report.json
  kg build new/ --into out                      add articles to an existing graph
  cat story.txt | kg build - --out out          read one article from stdin
  kg query out/graph.trig offers                run a bundled query (kg query --list)
  kg query out/graph.trig 'SELECT ?s WHERE { ?s a kg:Sanction }'
  kg export out/graph.trig --format jsonld -o graph.jsonld
  kg view out/graph.trig --focus Huawei --depth 2
  kg serve out                                  SPARQL endpoint and graph view on 127.0.0.1:8000
  kg build big/ --work w --format nq --out out  a streaming build: resumes after a kill
  kg load out/graph.nq --into oxigraph:g.db     bulk-load it into an Oxigraph store

exit status: 0 ok, 1 error, 2 bad input or usage, 3 partial build (some inputs skipped)
"""


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kg",
        description="newskg: build a knowledge graph of who did what to whom from news articles.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    parser.add_argument("-v", "--verbose", action="count", default=0, help="more log output (-vv for debug)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        try:
            module = importlib.import_module(f"kg.cli.{name}")
        except ModuleNotFoundError as exc:
            if exc.name == f"kg.cli.{name}":
                continue
            raise
        module.add_parser(sub)
    return parser


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("newskg")
    except PackageNotFoundError:
        return "0+unknown"


def main(argv: list[str] | None = None) -> int:
    parser = make_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.WARNING - 10 * min(args.verbose, 2),
        format="kg: %(levelname)s: %(message)s",
        stream=sys.stderr,
    )
    if args.verbose < 2:
        # third-party libraries (trafilatura, rdflib, spaCy) speak only on errors unless -vv
        for name in ("trafilatura", "htmldate", "courlan", "justext", "rdflib", "spacy", "urllib3", "charset_normalizer",
                     "ray"):
            logging.getLogger(name).setLevel(logging.ERROR)
    signal.signal(signal.SIGTERM, _terminate)
    if not args.command:
        parser.print_help()
        return 2
    try:
        return int(args.run(args) or 0)
    except KgError as exc:
        print(f"kg {args.command}: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print(f"kg {args.command}: interrupted; outputs already written are intact", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # noqa: BLE001 - the CLI boundary: a bug is one line, not a traceback
        if args.verbose >= 2:
            raise
        print(f"kg {args.command}: internal error: {type(exc).__name__}: {exc} (run with -vv for details)",
              file=sys.stderr)
        return 1


def _terminate(signum, frame) -> None:
    """SIGTERM ends the command like Ctrl-C: temporary files are removed, finished outputs kept."""
    raise KeyboardInterrupt


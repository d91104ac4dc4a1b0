"""Regenerate the outputs README.md shows, from a real build of the bundled examples, so they cannot drift.

    python docs/readme.py           # rewrite README.md in place
    python docs/readme.py --check   # exit 1 and show the difference if README.md is out of date

Every shown output sits between two markers in README.md::

    <!-- output: query offers | columns offered_by offered_to status sources | rows 2 -->
    ...generated, do not edit...
    <!-- /output -->

The first part of a marker says what to run: ``query NAME [PARAM=VALUE ...]`` (a bundled query, shown as a
Markdown table of the given columns and first rows) or ``command kg ARGS...`` (a command run in a folder
where ``out`` is the build and ``examples`` the bundled examples, its output shown as a text block). The test suite runs ``--check``.
"""
from __future__ import annotations

import argparse
import difflib
import os
import re
import shlex
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
README = REPO / "README.md"
MARKER = re.compile(r"(?P<open><!-- output: (?P<spec>.+?) -->\n)(?P<body>.*?)(?P<close><!-- /output -->)", re.S)
CELL_WIDTH = 100


def build_examples(folder: Path) -> Path:
    """Build ``examples/articles`` into ``folder/out`` (what ``make demo`` does) and return ``folder``, where
    ``examples`` is the bundled examples (as for a reader who ran ``make demo``)."""
    import kg

    kg.build([str(REPO / "examples" / "articles")], out=folder / "out")
    (folder / "examples").symlink_to(REPO / "examples", target_is_directory=True)
    return folder


def render_query(spec: str, workdir: Path) -> str:
    """A Markdown table of a bundled query's chosen columns and first rows."""
    from kg.sparql.results import term_text
    from kg.sparql.run import run_query
    from kg.store.files import load_dataset

    words, options = _split_spec(spec)
    name, params = words[0], dict(w.split("=", 1) for w in words[1:])
    result = run_query(load_dataset(workdir / "out"), name, params)
    columns = options.get("columns", " ".join(result.vars)).split()
    unknown = [c for c in columns if c not in result.vars]
    if unknown:
        raise SystemExit(f"README marker {spec!r}: no column {unknown[0]!r}; the query gives {list(result.vars)}")
    rows = result.rows[: int(options.get("rows", len(result.rows)))]
    index = [result.vars.index(c) for c in columns]
    lines = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
    for row in rows:
        cells = [term_text(row[i], result.namespaces, width=CELL_WIDTH).replace("|", "\\|") for i in index]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def render_command(spec: str, workdir: Path) -> str:
    """The output of a ``kg`` command run where ``out`` is the build, as a text block."""
    words, _ = _split_spec(spec)
    if words[0] != "kg":
        raise SystemExit(f"README marker {spec!r}: only kg commands are run")
    proc = subprocess.run([sys.executable, "-m", "kg.cli", *words[1:]], cwd=workdir, capture_output=True,
                          text=True, env={**os.environ, "COLUMNS": "120"}, check=False)
    if proc.returncode != 0:
        raise SystemExit(f"README marker {spec!r} failed ({proc.returncode}): {proc.stderr.strip()}")
    return "```text\n" + proc.stdout.rstrip("\n") + "\n```\n"


def _split_spec(spec: str) -> tuple[list[str], dict[str, str]]:
    head, *rest = [part.strip() for part in spec.split(" | ")]
    options = {}
    for part in rest:
        key, _, value = part.partition(" ")
        options[key] = value
    return shlex.split(head)[1:], options


def regenerate(text: str, workdir: Path) -> str:
    """README text with every marked output rendered afresh."""
    def render(m: re.Match) -> str:
        spec = m["spec"]
        kind = spec.split(maxsplit=1)[0]
        if kind == "query":
            body = render_query(spec, workdir)
        elif kind == "command":
            body = render_command(spec, workdir)
        else:
            raise SystemExit(f"README marker {spec!r}: say 'query' or 'command'")
        return m["open"] + body + m["close"]

    return MARKER.sub(render, text)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if README.md is not what a run gives")
    args = parser.parse_args(argv)
    text = README.read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory() as tmp:
        new = regenerate(text, build_examples(Path(tmp)))
    if args.check:
        if new != text:
            sys.stdout.writelines(difflib.unified_diff(text.splitlines(True), new.splitlines(True),
                                                       "README.md", "README.md (from a run)"))
            return 1
        return 0
    README.write_text(new, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())

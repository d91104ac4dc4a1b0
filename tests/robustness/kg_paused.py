"""Run the real ``kg`` command, announcing (and optionally holding) a known point, so a test can signal it there.

    python kg_paused.py HOLD MARKER -- KG-ARGS...

HOLD is one of:

* ``analyse``: write MARKER when the NLP step starts, then carry on (the signal lands mid-NLP);
* ``replace``: when the first finished file is about to be renamed into place (every
  output already written to its temporary file), write MARKER and wait there.

Nothing else about the run is changed: it is ``kg.cli.main`` in a fresh interpreter,
with the real spaCy model, real files and the default signal handling.
"""
from __future__ import annotations

import os
import signal
import sys
import time
from pathlib import Path


def main() -> int:
    # a user at a terminal has Python's Ctrl-C handler; a test run started as a background job inherits an ignored
    # SIGINT (POSIX shells ignore it for "&" jobs), which would make the interrupt tests meaningless
    if signal.getsignal(signal.SIGINT) == signal.SIG_IGN:
        signal.signal(signal.SIGINT, signal.default_int_handler)
    hold, marker = sys.argv[1], Path(sys.argv[2])
    args = sys.argv[sys.argv.index("--") + 1:]
    if hold == "analyse":
        import kg.builder.analyse

        real_analyse = kg.builder.analyse.analyse

        def announced_analyse(articles):
            marker.write_text("analyse")
            return real_analyse(articles)

        kg.builder.analyse.analyse = announced_analyse
    elif hold == "replace":
        real_replace = os.replace

        def held_replace(src, dst, *a, **kw):
            staged = sorted(p.name for p in Path(dst).parent.iterdir() if p.name.endswith(".tmp"))
            partial = marker.with_name(marker.name + ".part")  # the test must never read half a marker
            partial.write_text("\n".join(staged))
            real_replace(partial, marker)
            time.sleep(600)
            return real_replace(src, dst, *a, **kw)

        os.replace = held_replace
    else:
        raise SystemExit(f"unknown hold point {hold!r}")
    from kg.cli import main as kg_main

    return kg_main(args)


if __name__ == "__main__":
    sys.exit(main())

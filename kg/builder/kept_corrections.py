"""Corrections a build keeps beside its graph, so that later incremental builds still obey them.

``kg build --corrections FILE --out DIR`` keeps the file's judgements as ``DIR/graph.corrections.yaml``;
``kg build NEW --into STORE`` reads the kept file, adds the judgements of a new ``--corrections`` file (a new
entry replaces a kept one it contradicts) and keeps the result. Where it is kept: a build folder holds
``graph.corrections.yaml``; an Oxigraph store ``oxigraph:PATH`` has ``PATH.corrections.yaml`` beside it (its
own folder belongs to Oxigraph); a SPARQL endpoint keeps none, so give ``--corrections`` on every build into it.
A full build without ``--corrections`` removes a folder's kept file: the new graph was built without it.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from kg.errors import KgError
from kg.knowledge.gazetteer import Gazetteer
from kg.resolve.correcting import CorrectionRun
from kg.resolve.corrections import Correction, Corrections, load_corrections, merge_corrections
from kg.store.files import write_atomic

KEPT_NAME = "graph.corrections.yaml"


@dataclass
class CorrectionsPlan:
    """The corrections of one build: the given file's and the store's kept ones, merged."""

    given: Corrections | None
    kept_at: Path | None  # where the store keeps its corrections (None: a SPARQL endpoint)
    corrections: Corrections
    kept: tuple[Correction, ...] = ()
    replaced: list[Correction] = field(default_factory=list)

    def run(self, gaz: Gazetteer) -> CorrectionRun | None:
        """A :class:`CorrectionRun` for this build, or None when there is nothing to apply."""
        return CorrectionRun(self.corrections, gaz, kept=self.kept) if self.corrections else None

    def kept_bytes(self) -> bytes:
        """The file the store keeps after this build."""
        return self.corrections.to_yaml().encode("utf-8")

    def report(self, run: CorrectionRun | None) -> dict | None:
        """The ``corrections`` part of ``report.json`` (None when the build had none)."""
        if run is None:
            return None
        out = {"file": self.given.source if self.given else None}
        if self.kept_at is not None:
            out["kept_in"] = str(self.kept_at)
        else:
            out["kept_in"] = None
            out["note"] = "a SPARQL endpoint keeps no corrections: give --corrections on every build into it"
        if self.replaced:
            out["replaced"] = [{"entry": e.where, **e.to_dict()} for e in self.replaced]
        return {**out, **run.report()}


def kept_path(store: str | os.PathLike | None, folder: Path | None) -> Path | None:
    """Where a build folder or a store keeps its corrections (None for a SPARQL endpoint)."""
    if folder is not None:
        return folder / KEPT_NAME
    spec = str(store or "")
    if spec.startswith("oxigraph:"):
        path = Path(spec.removeprefix("oxigraph:").rstrip("/\\") or ".")
        return path.with_name(path.name + ".corrections.yaml")
    return None


def plan_corrections(given: str | os.PathLike | None, *, kept_at: Path | None, read_kept: bool) -> CorrectionsPlan:
    """Load the given corrections file and, for an incremental build, the store's kept one.

    Raises:
        InputError: a file is malformed (the message names the entry at fault).
    """
    new = load_corrections(given) if given is not None else None
    old = load_corrections(kept_at) if read_kept and kept_at is not None and kept_at.exists() else None
    if old is None:
        return CorrectionsPlan(given=new, kept_at=kept_at, corrections=new or Corrections((), ""))
    if new is None:
        return CorrectionsPlan(given=None, kept_at=kept_at, corrections=old, kept=old.entries)
    merged, replaced = merge_corrections(old, new)
    return CorrectionsPlan(given=new, kept_at=kept_at, corrections=merged,
                           kept=tuple(e for e in merged.entries if e in old.entries), replaced=replaced)


def keep_corrections(plan: CorrectionsPlan) -> None:
    """Write (or, when there are none, remove) the store's kept corrections file.

    Raises:
        KgError: the file cannot be written.
    """
    path = plan.kept_at
    if path is None:
        return
    try:
        if plan.corrections:
            write_atomic(path, plan.kept_bytes())
        elif path.exists():
            path.unlink()
    except OSError as exc:
        raise KgError(f"cannot keep the corrections in {path}: {exc.strerror or exc}") from exc

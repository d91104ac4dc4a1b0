"""Reading inputs safely: stray legacy bytes in UTF-8 text, and symbolic links that lead out of an input folder."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from kg.read.article import Skipped
from kg.read.files import decode_bytes, iter_input_paths

ROOT = Path(__file__).resolve().parent.parent
KG = Path(sys.executable).parent / "kg"
ARTICLE = ("Harbour cranes sold\n\nThe port authority said on Friday that it had approved the sale of two cranes "
           "to a logistics group based in Rotterdam.\n")


@pytest.mark.parametrize("data,text,encoding", [
    # a UTF-8 article with one curly apostrophe typed in a CP-1252 editor: the other letters stay right
    ("Zürich’s café ".encode() + b"owner\x92s plan", "Zürich’s café owner’s plan", "utf-8 (1 stray byte read as cp1252)"),
    ("Señora Müller said ".encode() + b"\x93no\x94.", "Señora Müller said “no”.", "utf-8 (2 stray bytes read as cp1252)"),
    # ASCII with one stray byte was read as hp_roman8: CP-1252 and UTF-8-with-repair give the same text
    (b"The miner\x92s board rejected the offer on Friday.", "The miner’s board rejected the offer on Friday.",
     "cp1252"),
    # a real CP-1252 file is still CP-1252, and a Cyrillic CP-1251 one still detected
    ("Señor Müller’s café closes. ".encode("cp1252") * 3, "Señor Müller’s café closes. " * 3, "cp1252"),
])
def test_stray_cp1252_bytes_do_not_turn_the_encoding(data, text, encoding):
    assert decode_bytes(data) == (text, encoding)


def test_a_cyrillic_legacy_file_is_still_detected():
    text = "Министерство финансов ввело санкции против компании в пятницу. " * 4
    assert decode_bytes(text.encode("cp1251")) == (text, "cp1251")


@pytest.fixture
def linked_folder(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "sub").mkdir()
    (folder / "sub" / "b.txt").write_text(ARTICLE.replace("Friday", "Monday"), encoding="utf-8")
    secret = tmp_path / "secret.txt"
    secret.write_text("API_TOKEN=not-for-the-graph " * 5, encoding="utf-8")
    os.symlink(secret, folder / "secret-link.txt")
    os.symlink(folder / "sub" / "b.txt", folder / "inside-link.txt")  # inside the folder: read
    if Path("/proc/self/environ").exists():
        os.symlink("/proc/self/environ", folder / "environ.txt")
    return folder, secret


def test_symlinks_out_of_the_folder_are_skipped_with_a_reason(linked_folder):
    folder, _ = linked_folder
    items = list(iter_input_paths([folder]))
    read = sorted(p.name for p in items if not isinstance(p, Skipped))
    skipped = {Path(s.source).name: s.reason for s in items if isinstance(s, Skipped)}
    assert read == ["a.txt", "b.txt", "inside-link.txt"]
    assert set(skipped) >= {"secret-link.txt"}
    for reason in skipped.values():
        assert "outside" in reason and "--follow-symlinks" in reason
    if Path("/proc/self/environ").exists():
        assert "environ.txt" in skipped


def test_follow_symlinks_and_files_named_directly_are_read(linked_folder):
    folder, secret = linked_folder
    followed = [p.name for p in iter_input_paths([folder], follow_symlinks=True) if not isinstance(p, Skipped)]
    assert "secret-link.txt" in followed
    named = list(iter_input_paths([folder / "secret-link.txt"]))
    assert named == [folder / "secret-link.txt"]


def test_the_build_lists_the_skipped_link_in_its_report(linked_folder, tmp_path):
    folder, _ = linked_folder
    os.unlink(folder / "inside-link.txt")  # a copy of b.txt would only be a duplicate to skip
    out = tmp_path / "out"
    proc = subprocess.run([str(KG), "build", str(folder), "--out", str(out), "-q", "--no-view"],
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 3, proc.stderr
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    skipped = {Path(s["source"]).name: s["reason"] for s in report["skipped"]}
    assert "secret-link.txt" in skipped and "--follow-symlinks" in skipped["secret-link.txt"]
    assert "not-for-the-graph" not in (out / "graph.trig").read_text(encoding="utf-8")

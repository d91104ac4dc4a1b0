"""Limits give clear one-line errors that name the flag lifting them; input paths never surprise.

Most checks run the reading stage in-process (no NLP); the command-line ones are
real ``kg build`` subprocesses that stop before the model loads.
"""
from __future__ import annotations

import shutil
import subprocess
import time

import pytest
from robustlib import EXAMPLES, assert_no_traceback, kg_command, run_kg

from kg.builder.steps import read_articles
from kg.errors import InputError
from kg.nlp.pipeline import MAX_CHUNK_CHARS, split_chunks
from kg.read.files import DEFAULT_MAX_FILE_BYTES, iter_input_paths

ARTICLE = EXAMPLES / "02-china-unreliable-entity-list.txt"


def test_default_file_size_limit_is_20_mb():
    assert DEFAULT_MAX_FILE_BYTES == 20_000_000


def test_file_size_limit_skips_with_the_flag_named_and_lifting_it_reads(tmp_path):
    shutil.copy(ARTICLE, tmp_path / "a.txt")
    size = (tmp_path / "a.txt").stat().st_size
    skipped = []
    assert read_articles([tmp_path], max_file_bytes=1000, skipped=skipped) == []
    assert [s.reason for s in skipped] == [
        f"file is {size:,} bytes, above the 0.001 MB limit; pass --max-file-size MB to allow more"]
    skipped = []
    assert len(read_articles([tmp_path], max_file_bytes=size, skipped=skipped)) == 1 and skipped == []


def test_fifty_megabytes_are_refused_without_being_read(tmp_path):
    huge = tmp_path / "huge.txt"
    with open(huge, "wb") as fh:
        fh.write(b"word " * 10_000_000)
    skipped = []
    t0 = time.perf_counter()
    read_articles([huge], skipped=skipped)
    assert time.perf_counter() - t0 < 1.0
    assert skipped[0].reason.startswith("file is 50,000,000 bytes, above the 20 MB limit")


def test_file_count_limit_names_the_flag(tmp_path):
    for i in range(3):
        shutil.copy(ARTICLE, tmp_path / f"{i}.txt")
    with pytest.raises(InputError, match=r"^more than 2 input files; pass --max-files N to allow more$"):
        list(iter_input_paths([tmp_path], max_files=2))
    assert len(list(iter_input_paths([tmp_path], max_files=3))) == 3


def test_cli_file_count_limit_is_a_usage_error(tmp_path):
    for i in range(3):
        shutil.copy(ARTICLE, tmp_path / f"{i}.txt")
    proc = run_kg("build", tmp_path, "--out", tmp_path / "out", "--max-files", "2")
    assert proc.returncode == 2
    assert_no_traceback(proc.stdout, proc.stderr)
    assert proc.stderr == "kg build: error: more than 2 input files; pass --max-files N to allow more\n"
    assert not (tmp_path / "out").exists()


def test_cli_file_size_flag_counts_megabytes(tmp_path):
    shutil.copy(ARTICLE, tmp_path / "a.txt")
    proc = run_kg("build", tmp_path, "--out", tmp_path / "out", "--max-file-size", "0.001")
    assert proc.returncode == 2
    assert_no_traceback(proc.stdout, proc.stderr)
    assert "above the 0.001 MB limit; pass --max-file-size MB to allow more" in proc.stderr


def test_cli_stdin_size_limit(tmp_path):
    proc = subprocess.run(kg_command("build", "-", "--out", tmp_path / "out", "--max-file-size", "0.001"),
                          input=ARTICLE.read_bytes(), capture_output=True, timeout=120, check=False)
    stderr = proc.stderr.decode()
    assert proc.returncode == 2
    assert_no_traceback(stderr)
    assert "<stdin>: stdin is larger than 0.001 MB; pass --max-file-size MB to allow more" in stderr


def test_long_article_is_chunked_not_dropped():
    text = ("The committee met again on Tuesday and adjourned without a vote. " * 17_000)[:1_048_576]
    assert "\n" not in text
    t0 = time.perf_counter()
    chunks = split_chunks(text)
    assert time.perf_counter() - t0 < 0.5
    assert "".join(c for _, c in chunks) == text
    assert len(chunks) >= 1_048_576 // MAX_CHUNK_CHARS and all(len(c) <= MAX_CHUNK_CHARS for _, c in chunks)
    assert all(c.endswith((". ", ".")) or c is chunks[-1][1] for _, c in chunks)  # cut at sentence ends


def test_output_folder_and_hidden_folders_are_never_inputs(tmp_path):
    (tmp_path / "a.txt").write_text("x")
    for folder in ("out", ".git", ".venv", "__pycache__", "sub/.cache", "older-build"):
        (tmp_path / folder).mkdir(parents=True)
        (tmp_path / folder / "inside.txt").write_text("x")
    (tmp_path / "older-build" / "report.json").write_text("{}")
    (tmp_path / "older-build" / "graph.trig").write_text("")
    (tmp_path / "sub" / "b.md").write_text("x")
    found = [p.relative_to(tmp_path).as_posix() for p in iter_input_paths([tmp_path], exclude=[tmp_path / "out"])]
    assert found == ["a.txt", "sub/b.md"]
    # The output folder is excluded however it is spelt, and even when it is the input.
    assert list(iter_input_paths([tmp_path / "out"], exclude=[tmp_path / "sub" / ".." / "out"])) == []


def test_symlinked_folder_loops_are_not_followed(tmp_path):
    (tmp_path / "a.txt").write_text("x")
    (tmp_path / "loop").symlink_to(tmp_path, target_is_directory=True)
    assert [p.name for p in iter_input_paths([tmp_path])] == ["a.txt"]


def test_input_that_is_only_the_output_folder_is_a_clear_error(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "graph.html").write_text("<html></html>")
    proc = run_kg("build", out, "--out", out)
    assert proc.returncode == 2
    assert_no_traceback(proc.stdout, proc.stderr)
    assert proc.stderr == "kg build: error: no article could be built (no input files found)\n"

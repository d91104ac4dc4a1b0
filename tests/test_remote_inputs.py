"""Inputs named by URI (object stores and other filesystems, through pyarrow.fs): a ``file://`` prefix is read like
the local folder it names, byte for byte the same graph; hidden files and other suffixes are passed over; what
cannot be opened or read is skipped with its reason, and local inputs beside it are still built."""
from __future__ import annotations

import shutil
from pathlib import Path

import kg
from kg.builder.steps import read_articles
from kg.read.remote import is_uri

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "articles"


def _copy_examples(tmp_path: Path) -> Path:
    folder = tmp_path / "news"
    shutil.copytree(EXAMPLES, folder / "2020")
    (folder / ".hidden").mkdir()
    (folder / ".hidden" / "draft.md").write_text("# A draft\n\nNot to be read.\n", encoding="utf-8")
    (folder / "notes.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    return folder


def test_a_file_uri_builds_the_same_graph_as_the_folder(tmp_path):
    folder = _copy_examples(tmp_path)
    by_uri = kg.build([folder.as_uri()], out=tmp_path / "a", formats=("nq",))
    by_path = kg.build([folder / "2020"], out=tmp_path / "b", formats=("nq",))
    assert not by_uri.skipped
    assert len(by_uri.results) == len(list(EXAMPLES.iterdir())) > 3
    assert (tmp_path / "a" / "graph.nq").read_bytes() == (tmp_path / "b" / "graph.nq").read_bytes()


def test_unreadable_uris_are_skipped_with_a_reason_and_local_inputs_still_read(tmp_path):
    skipped = []
    one = sorted(EXAMPLES.iterdir())[0]
    articles = read_articles(["nosuchscheme://bucket/news", (tmp_path / "gone").as_uri(), one], skipped=skipped)
    assert [a.file_name for a in articles] == [one.name]
    reasons = {s.source: s.reason for s in skipped}
    assert "cannot open this URI" in reasons["nosuchscheme://bucket/news"]
    assert reasons[(tmp_path / "gone").as_uri()] == "not found"


def test_the_size_limit_holds_for_remote_files(tmp_path):
    folder = _copy_examples(tmp_path)
    skipped = []
    articles = read_articles([folder.as_uri()], skipped=skipped, max_file_bytes=200)
    assert articles == []
    assert skipped and all("MB limit" in s.reason for s in skipped)


def test_what_is_a_uri():
    assert is_uri("s3://bucket/prefix/") and is_uri("file:///data/news") and is_uri("gs://b/x")
    assert not is_uri("examples/articles") and not is_uri("-") and not is_uri(Path("s3:/x"))


def test_the_cli_explains_what_it_read_from_a_uri(tmp_path):
    import subprocess
    import sys

    folder = _copy_examples(tmp_path)
    run = subprocess.run([sys.executable, "-m", "kg.cli", "build", "--explain-read", folder.as_uri(), "nosuch://x"],
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 3, run.stderr  # some read, one skipped
    assert "nosuch://x  skipped: cannot open this URI" in run.stdout
    assert run.stdout.count("  body ") == len(list(EXAMPLES.iterdir()))

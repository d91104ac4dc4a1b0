"""``kg build`` over a folder that mixes good articles with every kind of bad input.

One real ``kg build`` subprocess (module fixture) reads a folder holding good
articles, articles in awkward encodings and shapes (CP-1252, UTF-16, NUL bytes, a
1 MB single line, an HTML page with scripts), and inputs that cannot be articles
(empty, binary, 50 MB, unreadable, FIFO, device, broken and looping symlinks,
nothing but boilerplate). Every good article must be built, every bad input listed
in the summary and in report.json with a one-line reason, no traceback, exit 3.
"""
from __future__ import annotations

import json
import os
import random
import shutil
import time

import pytest
from robustlib import (
    EXAMPLES,
    assert_graphs_parse,
    assert_no_traceback,
    parse_with_pyoxigraph,
    root_reads_everything,
    run_kg,
)

from kg.errors import InputError
from kg.read.files import load_article, read_source

pytestmark = pytest.mark.slow

GOOD = ("01-microsoft-tiktok.md", "03-us-zte-denial-order.txt", "06-nvidia-arm.txt")
FILLER = "The committee met again on Tuesday to discuss the budget for the coming year and adjourned without a vote. "
MIDDLE = "Separately, the aluminium producer Rusal said its shares had recovered. "
LATE = "Late in the day Microsoft chief executive Satya Nadella said the company would not bid. "
ONE_MB = 1_048_576
LATIN1_TEXT = (
    "Señor Müller’s café closes\n\n"
    "Señor José Müller said on Tuesday that the Commerce Department had added Huawei to the Entity List, "
    "a décision that would hurt his café in Zürich. “We are très worried,” he said.\n"
)
BOILERPLATE = (
    "Sign up for our free newsletter\nSubscribe to our newsletter for free updates\nAlready a subscriber?\n"
    "Photo: Getty Images\nShare\nAdvertisement\nMore on this story\n"
)
SCRIPTED_HTML = """<!doctype html><html><head><title>Rusal relief</title>
<style>body {{ color: red }} .x::after {{ content: "STYLE-LEAK" }}</style>
<script>document.write("SCRIPT-LEAK"); alert(1)</script></head>
<body><nav>Home | World | SCRIPT-NAV</nav><article><h1>US lifts sanctions on Rusal</h1>
{paragraphs}
<script>var leak = "SCRIPT-LEAK-2";</script></article>
<footer>© Example News <script>track()</script></footer></body></html>
"""
ONLY_SCRIPT_HTML = "<html><head><script>alert('only script')</script><style>p{}</style></head><body></body></html>"

# file name -> a phrase its skip reason must contain
EXPECTED_SKIPS = {
    "empty.txt": "empty file",
    "blank.md": "empty file",
    "png-named.txt": "binary file (a PNG image)",
    "pdf-named.md": "binary file (a PDF document)",
    "zip-named.html": "binary file (a zip archive)",
    "noise.txt": "binary file",
    "random.txt": "binary file",
    "only-nul.txt": "binary file (mostly NUL bytes)",
    "bad-bom.txt": "byte-order mark",
    "huge.txt": "file is 50,000,000 bytes, above the 20 MB limit; pass --max-file-size MB to allow more",
    "fifo.txt": "not a regular file",
    "device.txt": "not a regular file",
    "broken-link.txt": "broken symbolic link",
    "loop-a.txt": "broken symbolic link",
    "loop-b.txt": "broken symbolic link",
    "boilerplate.txt": "no article text left",
    "script-only.html": "no article text",
    "name\nwith newline.txt": "empty file",
    "real.png": "binary file (a PNG image)",
}
if not root_reads_everything():
    EXPECTED_SKIPS["unreadable.txt"] = "cannot read: Permission denied"

# file name -> the encoding report.json must give
BUILT = {
    **{name: "utf-8" for name in GOOD},
    "cp1252.txt": "cp1252",
    "utf16-bom.txt": "utf-16",
    "nul-bytes.txt": "utf-8 (NUL bytes removed)",
    "one-line.txt": "utf-8",
    "scripted.html": "utf-8",
    "caf\udce9-not-utf8.txt": "utf-8",
}


def _one_mb_line() -> str:
    n = ONE_MB // len(FILLER) + 1
    half = n // 2
    line = FILLER * half + MIDDLE + FILLER * (n - half) + LATE
    assert "\n" not in line and len(line) > ONE_MB
    return line


def make_mixed_folder(folder) -> None:
    for name in GOOD:
        shutil.copy(EXAMPLES / name, folder / name)
    rusal = (EXAMPLES / "04-rusal-deripaska-sanctions.txt").read_text(encoding="utf-8")
    (folder / "cp1252.txt").write_bytes(LATIN1_TEXT.encode("cp1252"))
    (folder / "utf16-bom.txt").write_bytes(rusal.encode("utf-16"))  # Python writes the BOM
    nul_text = (EXAMPLES / "08-us-sanctions-pdvsa.txt").read_bytes().replace(b". ", b".\x00 ")
    (folder / "nul-bytes.txt").write_bytes(nul_text)
    (folder / "one-line.txt").write_text(_one_mb_line(), encoding="utf-8")
    paragraphs = "\n".join(f"<p>{p}</p>" for p in rusal.split("\n\n")[1:] if p.strip())
    (folder / "scripted.html").write_text(SCRIPTED_HTML.format(paragraphs=paragraphs), encoding="utf-8")
    (folder / os.fsdecode(b"caf\xe9-not-utf8.txt")).write_bytes((EXAMPLES / "09-pfizer-astrazeneca.md").read_bytes())

    (folder / "empty.txt").write_bytes(b"")
    (folder / "blank.md").write_bytes(b" \n\t\r\n  \n")
    (folder / "png-named.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200))
    (folder / "pdf-named.md").write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj << /Type /Catalog >> endobj\n")
    (folder / "zip-named.html").write_bytes(b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + bytes(range(256)))
    (folder / "noise.txt").write_bytes(bytes(range(1, 256)) * 40)
    (folder / "random.txt").write_bytes(random.Random(7).randbytes(64 * 1024))  # like compressed data
    (folder / "only-nul.txt").write_bytes(b"\x00" * 4096)
    (folder / "bad-bom.txt").write_bytes(b"\xff\xfeH\x00i\x00\x00\xd8")  # UTF-16 with a lone surrogate
    with open(folder / "huge.txt", "wb") as fh:  # 50 MB of real text, not a sparse file
        chunk = b"word " * 200_000
        fh.writelines(chunk for _ in range(50))
    os.mkfifo(folder / "fifo.txt")  # reading it would block forever
    os.symlink("/dev/urandom", folder / "device.txt")  # reading it would never end
    os.symlink(folder / "does-not-exist.txt", folder / "broken-link.txt")
    os.symlink(folder / "loop-b.txt", folder / "loop-a.txt")
    os.symlink(folder / "loop-a.txt", folder / "loop-b.txt")
    (folder / "boilerplate.txt").write_text(BOILERPLATE, encoding="utf-8")
    (folder / "script-only.html").write_text(ONLY_SCRIPT_HTML, encoding="utf-8")
    (folder / "name\nwith newline.txt").write_bytes(b"")
    if not root_reads_everything():
        (folder / "unreadable.txt").write_text("The Commerce Department added Huawei to the Entity List.")
        (folder / "unreadable.txt").chmod(0)

    # Never read: hidden files and folders, a previous build's folder, the output folder itself.
    (folder / ".hidden.txt").write_bytes(b"\x89PNG hidden")
    (folder / ".git" / "objects").mkdir(parents=True)
    (folder / ".git" / "COMMIT_EDITMSG.txt").write_bytes(b"")
    (folder / ".git" / "objects" / "pack.md").write_bytes(b"%PDF in git")
    (folder / "old-build").mkdir()
    (folder / "old-build" / "report.json").write_text("{}")
    (folder / "old-build" / "graph.ttl").write_text("")
    (folder / "old-build" / "graph.html").write_text("<html><body><p>Not an article.</p></body></html>")
    (folder / "out").mkdir()
    (folder / "out" / "graph.html").write_text("<html><body>stale view</body></html>")
    (folder / "out" / "notes.txt").write_bytes(b"")


@pytest.fixture(scope="module")
def mixed(tmp_path_factory):
    folder = tmp_path_factory.mktemp("mixed")
    make_mixed_folder(folder)
    png = tmp_path_factory.mktemp("explicit") / "real.png"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    t0 = time.perf_counter()
    proc = run_kg("build", folder, png, "--out", folder / "out", timeout=900)
    seconds = time.perf_counter() - t0
    report = json.loads((folder / "out" / "report.json").read_text(encoding="utf-8"))
    return folder, proc, report, seconds


def _name(source: str) -> str:
    return source.rsplit("/", 1)[-1]


def test_exit_status_is_partial_and_no_traceback(mixed):
    _, proc, _, _ = mixed
    assert proc.returncode == 3, proc.stdout + proc.stderr
    assert_no_traceback(proc.stdout, proc.stderr)
    # Only log lines may reach stderr (trafilatura logs "discarding data: None" for a page without text).
    assert all(line.startswith("kg: ") for line in proc.stderr.splitlines()), proc.stderr


def test_every_good_article_is_built(mixed):
    _, _, report, _ = mixed
    # A file name that is not UTF-8 is reported with U+FFFD for the undecodable byte.
    encodings = {a["file"]: a["encoding"] for a in report["articles"]}
    assert encodings == {name.replace("\udce9", "\ufffd"): enc for name, enc in BUILT.items()}
    assert report["articles_read"] == len(BUILT) == report["named_graphs"]


def test_every_bad_input_is_listed_with_a_one_line_reason(mixed):
    _, proc, report, _ = mixed
    skipped = {_name(s["source"]): s["reason"] for s in report["skipped"]}
    expected = {name.replace("\n", "\\n"): phrase for name, phrase in EXPECTED_SKIPS.items()}
    assert set(skipped) == set(expected)
    summary = proc.stdout.splitlines()
    for name, phrase in expected.items():
        assert phrase in skipped[name], (name, skipped[name])
        assert "\n" not in skipped[name]
        line = [ln for ln in summary if ln.startswith("  skipped ") and f"/{name}: " in ln]
        assert len(line) == 1 and line[0].endswith(skipped[name]), (name, summary)
    assert report["articles_skipped"] == len(expected)


def test_hidden_git_old_builds_and_the_output_folder_are_not_read(mixed):
    _, _, report, _ = mixed
    sources = [s["source"] for s in report["skipped"]] + [a["source"] for a in report["articles"]]
    for part in ("/.git/", "/.hidden", "/old-build/", "/out/"):
        assert not any(part in s for s in sources), part
    assert "stale view" not in (mixed[0] / "out" / "graph.ttl").read_text(encoding="utf-8")


def test_outputs_parse_with_two_independent_parsers(mixed):
    folder, _, report, _ = mixed
    counts = assert_graphs_parse(folder / "out")
    assert counts["ttl"] == report["triples"]


def test_latin1_text_is_decoded_as_cp1252(mixed):
    folder, _, _, _ = mixed
    ttl = (folder / "out" / "graph.ttl").read_text(encoding="utf-8")
    assert "Señor Müller’s café closes" in ttl
    assert "Seńor" not in ttl


def test_html_scripts_and_styles_do_not_become_text(mixed):
    folder, _, report, _ = mixed
    trig = (folder / "out" / "graph.trig").read_text(encoding="utf-8")
    assert "Rusal" in trig
    for leak in ("SCRIPT-LEAK", "STYLE-LEAK", "alert(1)", "track()", "color: red"):
        assert leak not in trig
    scripted = next(a for a in report["articles"] if a["file"] == "scripted.html")
    assert scripted["words"] > 300


def test_one_megabyte_line_is_built_in_chunks_with_late_entities(mixed):
    folder, _, report, seconds = mixed
    one_line = next(a for a in report["articles"] if a["file"] == "one-line.txt")
    assert one_line["words"] > 150_000
    import pyoxigraph as ox

    store = ox.Store()
    store.extend(parse_with_pyoxigraph(folder / "out" / "graph.trig"))
    rows = store.query("""
        PREFIX kg: <https://w3id.org/newskg/ontology#>
        PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        SELECT DISTINCT ?label WHERE {
          GRAPH ?g { ?a kg:fileName "one-line.txt" . ?e kg:mentionedIn ?a ; rdfs:label ?label }
        }""")
    labels = {row["label"].value for row in rows}
    assert "Satya Nadella" in labels  # only in the last chunk
    assert "Rusal" in labels  # only in the middle chunk
    assert seconds < 600, f"the build with a 1 MB line took {seconds:.0f} s"


def test_fifty_megabyte_file_is_refused_by_size_without_reading(mixed):
    _, _, report, _ = mixed
    assert report["seconds"]["read"] < 15


def test_strict_makes_a_partial_build_an_error(tmp_path):
    shutil.copy(EXAMPLES / "02-china-unreliable-entity-list.txt", tmp_path)
    (tmp_path / "empty.txt").write_bytes(b"")
    proc = run_kg("build", tmp_path, "--out", tmp_path / "out", "--strict")
    assert proc.returncode == 1
    assert_no_traceback(proc.stdout, proc.stderr)
    assert "skipped" in proc.stdout and "empty.txt: empty file" in proc.stdout
    assert (tmp_path / "out" / "graph.ttl").exists()  # the good article is still built and written


def test_nothing_buildable_is_a_clear_input_error(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n")
    proc = run_kg("build", tmp_path, "--out", tmp_path / "out")
    assert proc.returncode == 2
    assert_no_traceback(proc.stdout, proc.stderr)
    assert proc.stderr.startswith("kg build: error: no article could be built")
    assert "empty.txt: empty file" in proc.stderr and "image.txt: binary file (a PNG image)" in proc.stderr
    assert not (tmp_path / "out" / "graph.ttl").exists()


def test_chmod_000_file_is_skipped(mixed):
    if root_reads_everything():
        pytest.skip("running as root: file permissions do not stop reads, so the mixed build has no chmod-000 "
                    "file; the FIFO, device and PermissionError tests cover unreadable inputs")
    _, _, report, _ = mixed
    reasons = {_name(s["source"]): s["reason"] for s in report["skipped"]}
    assert reasons["unreadable.txt"] == "cannot read: Permission denied"


def test_permission_denied_is_a_one_line_reason(tmp_path):
    """What a chmod-000 file gives without root, simulated so that it holds when the tests run as root too."""
    path = tmp_path / "unreadable.txt"
    path.write_text("x")
    path.chmod(0)
    real_open = type(path).open

    def refuse(self, *args, **kwargs):
        if self == path:
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(type(path), "open", refuse)
        with pytest.raises(InputError, match=r"^cannot read: Permission denied$"):
            read_source(path)
        with pytest.raises(InputError, match="Permission denied"):
            load_article(path)

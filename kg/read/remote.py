"""Articles from object stores and other filesystems named by URI (``s3://bucket/news/``, ``gs://...``,
``hdfs://...``, ``file:///data/news``), read through pyarrow's filesystems (``pyarrow.fs``; S3, GCS and HDFS need
their credentials in the environment, as pyarrow reads them). A prefix is listed recursively for article files
(the suffixes of local folders; hidden names skipped), in a stable order; each file is read within the size
limit and parsed like a local file. What cannot be listed or read becomes a :class:`Skipped` with the reason,
never an exception that loses the other inputs.
"""
from __future__ import annotations

import re
from collections.abc import Iterator

from kg.errors import InputError
from kg.read.article import Article, Skipped
from kg.read.files import (
    ARTICLE_SUFFIXES,
    DEFAULT_MAX_FILE_BYTES,
    DEFAULT_MAX_FILES,
    article_from_bytes,
    check_size,
    read_capped,
)

_URI = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*://")


def is_uri(item) -> bool:
    """Whether an input names a filesystem by URI ("s3://bucket/prefix") rather than a local path."""
    return isinstance(item, str) and bool(_URI.match(item))


def read_uri(uri: str, *, max_bytes: int = DEFAULT_MAX_FILE_BYTES,
             max_files: int = DEFAULT_MAX_FILES) -> Iterator[Article | Skipped]:
    """Every article under ``uri`` (a file or a prefix), or a Skipped with the reason for what cannot be read.

    Raises:
        InputError: more than ``max_files`` article files under the prefix.
    """
    from pyarrow import fs as pafs

    try:
        filesystem, root = pafs.FileSystem.from_uri(uri)
        info = filesystem.get_file_info(root)
    except Exception as exc:  # noqa: BLE001 - an unknown scheme, no network, no credentials: said, not raised
        yield Skipped(uri, f"cannot open this URI: {type(exc).__name__}: {_first_line(exc)}")
        return
    if info.type == pafs.FileType.NotFound:
        yield Skipped(uri, "not found")
        return
    if info.type == pafs.FileType.File:
        files = [info]
    else:
        listed = filesystem.get_file_info(pafs.FileSelector(root, recursive=True))
        files = sorted((f for f in listed if f.type == pafs.FileType.File and _is_article(f.path, root)),
                       key=lambda f: f.path)
    if len(files) > max_files:
        raise InputError(f"{uri} holds {len(files):,} article files, above the limit of {max_files:,}; "
                         "pass --max-files N to allow more")
    prefix = uri[: len(uri) - len(uri.split("://", 1)[1])]
    for f in files:
        source = prefix + f.path.lstrip("/") if prefix != "file://" else prefix + f.path
        try:
            yield _read(filesystem, f, source, max_bytes)
        except InputError as exc:
            yield Skipped(source, str(exc))
        except Exception as exc:  # noqa: BLE001 - the per-file boundary: report, keep going
            yield Skipped(source, f"could not be read: {type(exc).__name__}: {_first_line(exc)}")


def _read(filesystem, info, source: str, max_bytes: int) -> Article:
    check_size(info.size, max_bytes)
    with filesystem.open_input_stream(info.path) as stream:
        data = read_capped(stream, max_bytes)
    name = info.path.rsplit("/", 1)[-1]
    suffix = "." + name.rsplit(".", 1)[-1] if "." in name else ""
    return article_from_bytes(data, source=source, file_name=name, suffix=suffix)


def _is_article(path: str, root: str) -> bool:
    """An article file under the prefix: an article suffix, no hidden file or folder on the way."""
    rel = path[len(root):].lstrip("/") if path.startswith(root) else path
    parts = rel.split("/")
    name = parts[-1]
    return not any(p.startswith(".") for p in parts) and ("." + name.rsplit(".", 1)[-1]).lower() in ARTICLE_SUFFIXES


def _first_line(exc: Exception) -> str:
    return (str(exc).strip().splitlines() or [""])[0][:200]

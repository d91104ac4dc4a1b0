"""Copies before analysis: the same article read twice, or a reprint of it, is found from its text before any NLP.

A news pile holds the same story many times: one file saved under several names, a wire story reprinted by
several sites with a new headline, a dateline or a byline, its last paragraph cut or a few words changed. Each
copy would cost a full analysis and count as one more source of every fact in it. :class:`CopyFinder` looks at
each article's body (:attr:`~kg.read.article.Article.text`: header, byline, dateline and page furniture are
already gone) in reading order, and says whether it copies an article seen before:

- **exact**: the same words once case, punctuation and spacing are set aside (a hash of the normalised text);
- **near**: the MinHash estimate of the Jaccard similarity of the two texts' word shingles (runs of
  :data:`SHINGLE_WORDS` words) is at least the threshold; candidates come from locality-sensitive hashing
  (datasketch's ``MinHashLSH``), so a new article is compared with a handful of earlier ones, not all of them.

The first article read is the original; a copy of a copy points at that original. Per original the finder keeps
its name, its 16-byte text hash, its signature (:data:`NUM_PERM` 32-bit values) and its LSH band keys, never its text,
and keeps them in a temporary SQLite database on disk, not in memory: its memory does not grow with the articles. The default threshold was chosen by measurement (``python -m benchmarks dedup``
and BENCHMARKS.md).
"""
from __future__ import annotations

import base64
import functools
import hashlib
import json
import re
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from kg.errors import InputError
from kg.read.article import Article

DEFAULT_THRESHOLD = 0.5
SHINGLE_WORDS = 5
NUM_PERM = 128
INDEX_VERSION = 1
_SEED = 1  # a fixed seed: the same articles give the same signatures and the same decisions on every run

_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class ArticleRef:
    """What a copy record keeps of an article: enough to name it and mint its IRI, not its text."""

    source: str
    key: str
    file_name: str


@dataclass(frozen=True)
class Copy:
    """One article found to copy an earlier one: ``kind`` is ``"exact"`` or ``"near"``; ``similarity`` is 1.0 for
    an exact copy, else the estimated Jaccard similarity of the two texts' shingles."""

    copy: Article
    original: ArticleRef
    kind: str
    similarity: float
    words: int | None = None  # the words the NLP would have read in the copy, kept when its text is let go


def to_words(text: str) -> list[str]:
    """The words of a text in lower case, without punctuation: what both kinds of match compare.

    >>> to_words("U.S. Commerce — it said: “No.”")
    ['u', 's', 'commerce', 'it', 'said', 'no']
    """
    return _WORD.findall(text.casefold())


def text_hash(text: str) -> bytes:
    """A 16-byte hash of the normalised text: equal for texts that differ only in case, punctuation and spacing.

    >>> text_hash("China adds Lockheed.") == text_hash("china  adds  LOCKHEED")
    True
    """
    return hashlib.blake2b(" ".join(to_words(text)).encode("utf-8"), digest_size=16).digest()


def shingles(words: list[str], size: int = SHINGLE_WORDS) -> set[str]:
    """The runs of ``size`` consecutive words (a text shorter than that is one shingle of all its words).

    >>> sorted(shingles(["a", "b", "c", "d"], 3))
    ['a b c', 'b c d']
    """
    if len(words) <= size:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i:i + size]) for i in range(len(words) - size + 1)}


def signature(text: str, *, num_perm: int = NUM_PERM, shingle_words: int = SHINGLE_WORDS):
    """The datasketch ``MinHash`` of a text's word shingles (deterministic: a fixed seed and hash).

    >>> a = signature("The Commerce Department added Huawei to the Entity List on Friday, officials said.")
    >>> b = signature("The Commerce Department added Huawei to the Entity List on Friday, officials told us.")
    >>> 0.5 < a.jaccard(b) < 1.0
    True
    """
    from datasketch import MinHash

    m = MinHash(num_perm=num_perm, seed=_SEED)
    m.update_batch([s.encode("utf-8") for s in sorted(shingles(to_words(text), shingle_words))])
    return m


class CopyFinder:
    """Finds exact and near copies among articles met one by one (see the module docstring).

    What it knows of the originals met so far (each one's name, text hash, signature and LSH band keys) is kept in a
    private temporary SQLite database on disk (:mod:`sqlite3`, deleted when the finder is let go), not in Python
    objects: the finder's memory stays that of SQLite's page cache (:data:`CACHE_KIB`) however many articles it has met.

    Args:
        threshold: the least estimated Jaccard similarity of two texts' shingles that makes a near copy
            (0 < threshold <= 1; 1 finds exact copies only).
        num_perm: MinHash permutations (more: a finer estimate, a larger signature).
        shingle_words: words per shingle.

    Raises:
        InputError: the threshold is outside (0, 1].

    Example:
        >>> from kg.read.article import parse_article_text
        >>> text = "The Commerce Department added Huawei and 38 of its affiliates to the Entity List on Monday."
        >>> first = parse_article_text(text, source="a.txt", file_name="a.txt")
        >>> again = parse_article_text("# Other headline\\n\\n" + text, source="b.txt", file_name="b.txt")
        >>> finder = CopyFinder()
        >>> finder.check(first) is None
        True
        >>> c = finder.check(again)
        >>> c.kind, c.original.source
        ('exact', 'a.txt')
    """

    def __init__(self, threshold: float = DEFAULT_THRESHOLD, *, num_perm: int = NUM_PERM,
                 shingle_words: int = SHINGLE_WORDS):
        if not 0 < threshold <= 1:
            raise InputError(f"the copy threshold must be above 0 and at most 1, got {threshold}")
        self.threshold = threshold
        self.num_perm = num_perm
        self.shingle_words = shingle_words
        self.bands, self.rows = lsh_bands(threshold, num_perm)
        self._lsh = threshold < 1
        self._count = 0
        self._db = _open_index()

    def __len__(self) -> int:
        return self._count

    def check(self, article: Article) -> Copy | None:
        """The :class:`Copy` record if ``article`` copies one met before, else None (and it is remembered as an
        original that later articles may copy)."""
        digest = text_hash(article.text)
        hit = self._db.execute("SELECT idx, sim FROM exact WHERE hash = ?", (digest,)).fetchone()
        if hit is not None:
            # the same words as an original, or as a near copy of one (then it is as near as that copy)
            index, similarity = hit
            return Copy(article, self._ref(index), "exact" if similarity == 1.0 else "near", similarity)
        m = None
        if self._lsh:
            m = signature(article.text, num_perm=self.num_perm, shingle_words=self.shingle_words)
            best = self._best_candidate(m)
            if best is not None:
                # a copy is not indexed: what copies it copies the original, which is
                self._db.execute("INSERT INTO exact VALUES (?, ?, ?)", (digest, best[1], best[0]))
                return Copy(article, self._ref(best[1]), "near", best[0])
        self._remember(ArticleRef(article.source, article.key, article.file_name), digest,
                       None if m is None else m.hashvalues.astype(np.uint32))
        return None

    def _remember(self, ref: ArticleRef, digest: bytes, values: np.ndarray | None) -> None:
        """Index one original: its name, text hash and signature, and its signature's LSH bands when there is one."""
        index = self._count
        self._count += 1
        db = self._db
        db.execute("INSERT OR IGNORE INTO exact VALUES (?, ?, 1.0)", (digest, index))
        db.execute("INSERT INTO originals VALUES (?, ?, ?, ?, ?, ?)",
                   (index, *(_blob(t) for t in (ref.source, ref.key, ref.file_name)), digest,
                    None if values is None else values.astype("<u4").tobytes()))
        if values is not None and self._lsh:
            db.executemany("INSERT INTO bands VALUES (?, ?, ?)",
                           [(band, key, index) for band, key in enumerate(self._band_keys(values))])

    def _ref(self, index: int) -> ArticleRef:
        row = self._db.execute("SELECT source, key, file_name FROM originals WHERE idx = ?", (index,)).fetchone()
        return ArticleRef(*(_str(b) for b in row))

    def to_bytes(self) -> bytes:
        """The originals as a copy index (JSON lines: a header, then source, key, file name, text hash and base64
        signature of each), for a later :meth:`from_bytes`; no text is in it."""
        lines = [json.dumps({"newskg_copy_index": INDEX_VERSION, "num_perm": self.num_perm,
                             "shingle_words": self.shingle_words})]
        for source, key, file_name, digest, sig in self._db.execute(
                "SELECT source, key, file_name, hash, signature FROM originals ORDER BY idx"):
            signature_b64 = base64.b64encode(sig or b"").decode("ascii") or None
            lines.append(json.dumps([_str(source), _str(key), _str(file_name), digest.hex(), signature_b64],
                                    ensure_ascii=False))
        return ("\n".join(lines) + "\n").encode("utf-8", "surrogatepass")

    @classmethod
    def from_bytes(cls, data: bytes, threshold: float = DEFAULT_THRESHOLD, *,
                   keep: Callable[[ArticleRef], bool] = lambda ref: True) -> CopyFinder | None:
        """A finder that knows the originals of a :meth:`to_bytes` index that ``keep`` accepts; None when the index
        was written with other shingles or permutations, or cannot be read (then it is not used)."""
        try:
            lines = data.decode("utf-8", "surrogatepass").splitlines()
            header = json.loads(lines[0])
            if header != {"newskg_copy_index": INDEX_VERSION, "num_perm": NUM_PERM, "shingle_words": SHINGLE_WORDS}:
                return None
            finder = cls(threshold)
            for line in lines[1:]:
                source, key, file_name, digest, signature_b64 = json.loads(line)
                ref = ArticleRef(source, key, file_name)
                if keep(ref):
                    values = None if not signature_b64 else np.frombuffer(base64.b64decode(signature_b64), "<u4")
                    finder._remember(ref, bytes.fromhex(digest), values)
            return finder
        except (ValueError, TypeError, IndexError, UnicodeDecodeError):
            return None

    def _band_keys(self, values: np.ndarray) -> list[int]:
        # Python's hash of the band's bytes: only ever compared inside this process
        raw = values.tobytes()
        step = 4 * self.rows
        return [hash(raw[b * step:(b + 1) * step]) for b in range(self.bands)]

    def _candidates(self, values: np.ndarray) -> list[tuple[int, bytes]]:
        """(index, signature) of every original that shares a band with ``values``, by index."""
        pairs = set(enumerate(self._band_keys(values)))
        keys = [key for _, key in pairs]
        found = sorted({idx for band, key, idx in self._db.execute(
            f"SELECT band, key, idx FROM bands WHERE key IN ({','.join('?' * len(keys))})", keys)
            if (band, key) in pairs})
        return [(idx, self._db.execute("SELECT signature FROM originals WHERE idx = ?", (idx,)).fetchone()[0])
                for idx in found]

    def _best_candidate(self, m) -> tuple[float, int] | None:
        """(similarity, index) of the most similar earlier original at or above the threshold (earliest on a tie)."""
        values = m.hashvalues.astype(np.uint32)
        best = None
        for index, sig in self._candidates(values):
            other = np.frombuffer(sig, dtype="<u4")
            sim = round(float(np.count_nonzero(values == other)) / len(values), 4)
            if sim >= self.threshold and (best is None or (-sim, index) < (-best[0], best[1])):
                best = (sim, index)
        return best


def _blob(text: str) -> bytes:
    return text.encode("utf-8", "surrogatepass")  # a file name's undecodable bytes are lone surrogates


def _str(blob: bytes) -> str:
    return blob.decode("utf-8", "surrogatepass")


CACHE_KIB = 4096  # SQLite's page cache of a copy finder's index, in KiB: what its memory is, whatever the articles


def _open_index() -> sqlite3.Connection:
    """A private temporary SQLite database on disk (the empty file name; deleted when closed) for a finder's index."""
    db = sqlite3.connect("", isolation_level=None, check_same_thread=False)
    db.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
    db.execute("PRAGMA journal_mode = OFF")
    db.execute("PRAGMA synchronous = OFF")
    db.execute("CREATE TABLE exact (hash BLOB PRIMARY KEY, idx INTEGER NOT NULL, sim REAL NOT NULL) WITHOUT ROWID")
    db.execute("CREATE TABLE originals (idx INTEGER PRIMARY KEY, source BLOB, key BLOB, file_name BLOB, hash BLOB, "
               "signature BLOB)")
    db.execute("CREATE TABLE bands (band INTEGER NOT NULL, key INTEGER NOT NULL, idx INTEGER NOT NULL)")
    db.execute("CREATE INDEX bands_key ON bands (key)")
    return db


@functools.lru_cache(maxsize=16)
def lsh_bands(threshold: float, num_perm: int) -> tuple[int, int]:
    """(bands, rows per band) for LSH: the split of ``num_perm`` whose chance of missing a pair at or above the
    threshold plus its chance of proposing a pair below it, integrated over the similarity, is smallest (the
    criterion of datasketch's ``MinHashLSH``, with equal weights).

    >>> lsh_bands(0.5, 128)
    (25, 5)
    """
    s = np.linspace(0, 1, 401)
    best = None
    for bands in range(1, num_perm + 1):
        for rows in range(1, num_perm // bands + 1):
            p = 1 - (1 - s ** rows) ** bands  # the chance a pair of similarity s shares a band
            false_pos = np.trapezoid(np.where(s < threshold, p, 0), s)
            false_neg = np.trapezoid(np.where(s >= threshold, 1 - p, 0), s)
            cost = (false_pos + false_neg, bands, rows)
            if best is None or cost < best:
                best = cost
    return best[1], best[2]


def split_copies(articles: list[Article], finder: CopyFinder) -> tuple[list[Article], list[Copy]]:
    """The articles to analyse (originals, in order) and the copies found among ``articles`` by ``finder``."""
    originals, copies = [], []
    for article in articles:
        found = finder.check(article)
        if found is None:
            originals.append(article)
        else:
            copies.append(found)
    return originals, copies

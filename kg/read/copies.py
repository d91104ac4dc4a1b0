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

The first article read is the original; a copy of a copy points at that original. Per article the finder keeps
its 16-byte text hash, its signature (:data:`NUM_PERM` 32-bit values) and its LSH bands, never its text, so a
million articles fit in memory. The default threshold was chosen by measurement (``python -m benchmarks dedup``
and BENCHMARKS.md).
"""
from __future__ import annotations

import base64
import functools
import hashlib
import json
import re
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
        self._exact: dict[bytes, tuple[int, float]] = {}  # text hash -> (original, similarity)
        self._refs: list[ArticleRef] = []
        self._signatures: list[bytes] = []  # uint32 values: datasketch's are below 2**32
        self.bands, self.rows = lsh_bands(threshold, num_perm)
        # one table per band: the band's hash -> the original (or originals) with that band
        self._tables: list[dict[int, int | list[int]]] = [{} for _ in range(self.bands)] if threshold < 1 else []

    def __len__(self) -> int:
        return len(self._refs)

    def check(self, article: Article) -> Copy | None:
        """The :class:`Copy` record if ``article`` copies one met before, else None (and it is remembered as an
        original that later articles may copy)."""
        digest = text_hash(article.text)
        if digest in self._exact:
            # the same words as an original, or as a near copy of one (then it is as near as that copy)
            index, similarity = self._exact[digest]
            return Copy(article, self._refs[index], "exact" if similarity == 1.0 else "near", similarity)
        m = None
        if self._tables:
            m = signature(article.text, num_perm=self.num_perm, shingle_words=self.shingle_words)
            best = self._best_candidate(m)
            if best is not None:
                # a copy is not indexed: what copies it copies the original, which is
                self._exact[digest] = (best[1], best[0])
                return Copy(article, self._refs[best[1]], "near", best[0])
        self._remember(ArticleRef(article.source, article.key, article.file_name), digest,
                       None if m is None else m.hashvalues.astype(np.uint32))
        return None

    def _remember(self, ref: ArticleRef, digest: bytes, values: np.ndarray | None) -> None:
        """Index one original: its text hash, and its signature's LSH bands when there is one."""
        index = len(self._refs)
        self._exact.setdefault(digest, (index, 1.0))
        self._refs.append(ref)
        self._signatures.append(b"" if values is None else values.astype("<u4").tobytes())
        if values is None or not self._tables:
            return
        for table, key in zip(self._tables, self._band_keys(values)):
            there = table.get(key)
            table[key] = index if there is None else [*(there if isinstance(there, list) else [there]), index]

    def to_bytes(self) -> bytes:
        """The originals as a copy index (JSON lines: a header, then source, key, file name, text hash and base64
        signature of each), for a later :meth:`from_bytes`; no text is in it."""
        hashes: dict[int, bytes] = {}
        for digest, (index, similarity) in self._exact.items():  # an original's own hash comes before its copies'
            if similarity == 1.0 and index not in hashes:
                hashes[index] = digest
        lines = [json.dumps({"newskg_copy_index": INDEX_VERSION, "num_perm": self.num_perm,
                             "shingle_words": self.shingle_words})]
        for index, ref in enumerate(self._refs):
            signature_b64 = base64.b64encode(self._signatures[index]).decode("ascii") or None
            lines.append(json.dumps([ref.source, ref.key, ref.file_name, hashes[index].hex(), signature_b64],
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

    def _candidates(self, values: np.ndarray) -> set[int]:
        found: set[int] = set()
        for table, key in zip(self._tables, self._band_keys(values)):
            there = table.get(key)
            if there is not None:
                found.update(there if isinstance(there, list) else (there,))
        return found

    def _best_candidate(self, m) -> tuple[float, int] | None:
        """(similarity, index) of the most similar earlier original at or above the threshold (earliest on a tie)."""
        values = m.hashvalues.astype(np.uint32)
        best = None
        for index in sorted(self._candidates(values)):
            other = np.frombuffer(self._signatures[index], dtype="<u4")
            sim = round(float(np.count_nonzero(values == other)) / len(values), 4)
            if sim >= self.threshold and (best is None or (-sim, index) < (-best[0], best[1])):
                best = (sim, index)
        return best


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

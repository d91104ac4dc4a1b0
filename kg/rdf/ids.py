"""The only place that mints IRIs. Every IRI is deterministic: same input, same IRI.

IRIs are built from slugs (lowercase ASCII letters, digits and hyphens) and
hashes only, so no article text can inject characters into an IRI.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata

from rdflib import URIRef

DEFAULT_BASE = "https://w3id.org/newskg/id/"
TYPE_PATHS = {
    "Person": "person",
    "Company": "company",
    "GovernmentBody": "gov",
    "Organization": "org",
    "Country": "country",
}
_MAX_SLUG = 60


def slugify(text: str) -> str:
    """A lowercase ASCII slug of ``text``; letters outside ASCII are transliterated and the slug hashed.

    Accents fall away (``Nicolás`` is ``nicolas``). A letter that has no ASCII form
    of its own (Cyrillic, Greek, CJK, ``ø``, ``ß``) is transliterated by anyascii and
    the slug gets the hash of the whole name, so that two different names never
    share a slug: ``Роснефть Holdings`` and ``Лукойл Holdings`` were both ``holdings``.

    >>> slugify("Huawei Technologies Co., Ltd.")
    'huawei-technologies-co-ltd'
    >>> slugify("<script>alert(1)</script>")
    'script-alert-1-script'
    >>> slugify("Роснефть Holdings"), slugify("Лукойл Holdings")
    ('rosneft-holdings-d7df0831', 'lukoil-holdings-8dc2b3ce')
    """
    decomposed = unicodedata.normalize("NFKD", text)
    lossy = any(ord(c) > 127 and unicodedata.category(c)[0] in "LN" for c in decomposed)
    if lossy:
        from anyascii import anyascii

        decomposed = "".join(c if ord(c) < 128 or unicodedata.category(c)[0] not in "LN" else anyascii(c)
                             for c in decomposed)
    ascii_text = decomposed.encode("ascii", "ignore").decode("ascii")
    ascii_text = ascii_text.replace("&", " and ").replace("'", "").replace("’", "")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if not slug:
        return "x-" + digest(text, 10)
    if len(slug) > _MAX_SLUG:
        return slug[:_MAX_SLUG].rstrip("-") + "-" + digest(text, 8)
    if lossy:
        return slug + "-" + digest(text, 8)
    return slug


def digest(text: str, n: int = 12) -> str:
    """The first ``n`` hex digits of the SHA-256 of ``text``."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:n]


def check_base(base: str) -> str:
    """Validate a base IRI given by the user; return it ending in '/' or '#'.

    Raises:
        ValueError: the base is not an absolute http(s) IRI or contains unsafe characters.
    """
    if not re.fullmatch(r"https?://[A-Za-z0-9._~:/?#\[\]@!$&'()*+,;=%-]+", base):
        raise ValueError(f"--base {base!r} is not an absolute http(s) IRI without spaces or <>\"{{}}|\\^`")
    given, base = base, base if base.endswith(("/", "#")) else base + "/"
    # The character check lets through IRIs no RDF parser reads back ("[" outside
    # the host, "%zz", a second "#"); ask an RFC 3987 parser about a minted IRI.
    import pyoxigraph

    try:
        pyoxigraph.NamedNode(base + "person/x")
    except ValueError as exc:
        raise ValueError(f"--base {given!r} is not a valid IRI: {exc}") from exc
    return base


class IdMinter:
    """Mints the IRIs of one build under one base."""

    def __init__(self, base: str = DEFAULT_BASE):
        self.base = check_base(base)

    def _iri(self, path: str) -> URIRef:
        return URIRef(self.base + path)

    def entity(self, etype: str, slug: str) -> URIRef:
        return self._iri(f"{TYPE_PATHS[etype]}/{slugify(slug)}")

    def article(self, key: str, file_name: str) -> URIRef:
        stem = re.sub(r"\.[A-Za-z0-9]+$", "", file_name)
        return self._iri(f"article/{slugify(stem)[:40]}-{digest(key, 8)}")

    def event(self, kind: str, label: str, key: str) -> URIRef:
        return self._iri(f"{kind}/{slugify(label)[:50]}-{digest(key, 8)}")

    def node(self, kind: str, key: str) -> URIRef:
        """An IRI for a node with no readable name (evidence, statements)."""
        return self._iri(f"{kind}/{digest(key, 16)}")

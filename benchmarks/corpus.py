"""A synthetic news corpus of any size, made from the bundled example articles with other names.

Article ``i`` is a variant of example ``i % 9`` (``examples/articles``): its header, its first paragraph
and 1-3 further paragraphs chosen at random, with every person and company name the raw spaCy model
finds in the example replaced by a name drawn from the lists below (full names and surnames alike).
Government bodies and countries stay. Everything is seeded by the article number, so the corpus is the
same on every run and the first N articles of a larger corpus are the corpus of size N.
"""
from __future__ import annotations

import functools
import random
import re
from dataclasses import dataclass
from pathlib import Path

from . import REPO

EXAMPLES = REPO / "examples" / "articles"

FIRST_NAMES = """
Ada Adrian Aisha Alan Alba Alice Amara Anders Anika Anton Ari Astrid Beatriz Bruno Camille Carlos Chiara Clara
Daniel Dara Elena Elif Emil Erik Esther Farah Felix Freya Gabriel Greta Hana Hugo Ines Ingrid Ivan Jakob Jana
Joao Jonas Julia Kai Karin Kenji Lara Leon Lina Lucas Maja Marco Maren Mateo Mei Mira Nadia Nils Noor Olga Omar
Oscar Paula Pavel Priya Rafael Rosa Ruben Sami Sara Soren Tariq Tessa Theo Valeria Viktor Yara Yusuf Zofia
""".split()
LAST_NAMES = """
Abbott Achterberg Adeyemi Alvarez Amsel Bakker Barros Bellini Berglund Brandt Castell Cerny Dahlberg Delacroix
Dimitrov Ekholm Fairbanks Falk Ferreira Fischer Galloway Gruber Haddad Halvorsen Hartmann Ibarra Iversen Jansen
Kaplan Karlsson Kowalski Lindqvist Lorenz Madsen Marchetti Moreau Nakamura Navarro Novak Okafor Olsen Pacheco
Petrov Quint Rahman Reyes Rossi Sandoval Schultz Sorensen Takahashi Thorne Ueda Valdez Vasquez Wagner Weiss
Whitlock Yilmaz Zamora Ziegler
""".split()
COMPANY_STEMS = """
Altona Borealis Calder Corvid Dunmore Ellery Fenwick Galena Harrow Ivel Juniper Kestrel Larkspur Meridian Norrland
Orrin Pellham Quarry Redwater Solent Tamar Umber Vantor Wexford Xylo Yarrow Zephyr Ashdown Brightmoor Coldharbour
""".split()
COMPANY_SUFFIXES = ["Systems", "Holdings", "Networks", "Group", "Technologies", "Energy", "Pharma", "Capital",
                    "Semiconductor", "Telecom", "Metals", "Software", "Labs", "Logistics", "Partners"]
_GOV_WORDS = re.compile(r"\b(department|ministry|treasury|commission|senate|house|council|committee|office|"
                        r"authority|union|assembly|party|government|administration|congress|parliament|court|"
                        r"agency|bureau|federal|national|european)\b", re.I)
_PARAGRAPH_SPLIT = re.compile(r"\n\s*\n")
_HTML_P = re.compile(r"<p\b[^>]*>.*?</p>", re.S | re.I)
_ARTICLE_URL = re.compile(r"(https?://[^\s\"')]+/\d{4}/[^\s\"')]+)")


@dataclass(frozen=True)
class Template:
    """One example article and the names in it that variants replace."""

    path: Path
    raw: str
    people: tuple[tuple[str, ...], ...]  # multi-word person names, as word tuples
    companies: tuple[str, ...]


@functools.lru_cache(maxsize=1)
def load_templates() -> tuple[Template, ...]:
    """The example articles and their person/company names (found once with raw spaCy)."""
    from kg.read.files import load_article
    from kg.knowledge.gazetteer import load_gazetteer

    from .systems import load_baseline

    gaz = load_gazetteer()
    nlp = load_baseline()
    templates = []
    for path in sorted(p for p in EXAMPLES.iterdir() if p.suffix in (".txt", ".md", ".html")):
        text = load_article(path).text
        people, companies = set(), set()
        for ent in nlp(text).ents:
            name = re.sub(r"^(the|The)\s+|['’]s$", "", ent.text).strip()
            words = tuple(name.split())
            if ent.label_ == "PERSON" and 2 <= len(words) <= 3 and all(w[:1].isupper() and w.isalpha() for w in words):
                people.add(words)
            elif ent.label_ == "ORG" and 1 <= len(words) <= 3 and not _GOV_WORDS.search(name):
                entry = gaz.lookup(name)
                if entry is not None and entry.type in ("GovernmentBody", "Country", "Person"):
                    continue
                if re.fullmatch(r"[A-Z][\w&+.-]*(?: [A-Z][\w&+.-]*)*", name):
                    companies.add(name)
        surnames = {p[-1] for p in people}
        companies = {c for c in companies if c not in surnames}
        templates.append(Template(path, path.read_text(encoding="utf-8"), tuple(sorted(people)),
                                  tuple(sorted(companies, key=lambda c: (-len(c), c)))))
    return tuple(templates)


def _trim(raw: str, rng: random.Random, html: bool) -> str:
    """Keep the header, the first paragraph and 1-3 more paragraphs (in order)."""
    if html:
        paras = list(_HTML_P.finditer(raw))
        if len(paras) <= 3:
            return raw
        # paragraph 0 is the byline, 1 the lede
        keep = {0, 1, *rng.sample(range(2, len(paras)), min(len(paras) - 2, rng.randint(1, 3)))}
        out, last = [], 0
        for i, m in enumerate(paras):
            out.append(raw[last:m.start()])
            if i in keep:
                out.append(m.group(0))
            last = m.end()
        out.append(raw[last:])
        return "".join(out)
    blocks = _PARAGRAPH_SPLIT.split(raw.strip())
    first_body = next((i for i, b in enumerate(blocks) if len(b.split()) >= 25), len(blocks))
    header, body = blocks[:first_body], blocks[first_body:]
    if len(body) <= 2:
        return raw
    keep = sorted({0, *rng.sample(range(1, len(body)), min(len(body) - 1, rng.randint(1, 3)))})
    return "\n\n".join(header + [body[i] for i in keep]) + "\n"


def make_article(i: int) -> tuple[str, str]:
    """Article number ``i`` of the corpus: (file name, content)."""
    templates = load_templates()
    t = templates[i % len(templates)]
    rng = random.Random(f"newskg-bench-{i}")
    text = _trim(t.raw, rng, t.path.suffix == ".html")
    pairs: list[tuple[str, str]] = []
    for words in t.people:
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        pairs.append((" ".join(words), f"{first} {last}"))
        pairs.append((words[-1], last))
    for name in t.companies:
        pairs.append((name, f"{rng.choice(COMPANY_STEMS)} {rng.choice(COMPANY_SUFFIXES)}"))
    # every article needs its own URL: the builder keeps one copy of articles with the same URL
    text = _ARTICLE_URL.sub(lambda m: f"{m.group(1)}-{i}", text)
    # longest first, so a full name is replaced before its surname
    for old, new in sorted(pairs, key=lambda p: -len(p[0])):
        text = re.sub(rf"(?<![\w/-]){re.escape(old)}(?![\w/-])", new, text)
    return f"{i:06d}-{t.path.stem}{t.path.suffix}", text


def write_corpus(folder: Path, n: int) -> Path:
    """Write articles 0..n-1 into ``folder`` (created); return it."""
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        name, text = make_article(i)
        (folder / name).write_text(text, encoding="utf-8")
    return folder

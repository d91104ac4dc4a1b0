"""Store: load and query a 1M-triple news-shaped graph in rdflib's memory store and in Oxigraph,
and the bundled queries (``kg/sparql/queries/*.rq``) on real build graphs.

The synthetic graph has the shape of newskg's output: articles with metadata; people, companies,
government bodies and countries with labels and aliases, ``kg:mentionedIn`` their articles; role,
``basedIn`` and ``subsidiaryOf`` relations each with a ``kg:Evidence`` node; sanctions with
``imposedBy``/``target`` and their sources. Each engine loads it in a fresh process.
"""
from __future__ import annotations

import random
from pathlib import Path

from .speed import run_measure, scale_graph_path

KG_NS = "https://w3id.org/newskg/ontology#"
ID = "https://w3id.org/newskg/id/"
QUERIES = {
    "type lookup (companies and labels)": "SELECT ?s ?l WHERE { ?s a kg:Company ; rdfs:label ?l }",
    "2-hop join (person headOf org basedIn country)":
        "SELECT ?p ?o ?c WHERE { ?p kg:headOf ?o . ?o kg:basedIn ?c }",
    "count by type": "SELECT ?t (COUNT(?s) AS ?n) WHERE { ?s a ?t } GROUP BY ?t",
    "sources per sanction": ("SELECT ?e (COUNT(DISTINCT ?a) AS ?n) WHERE { ?e a kg:Sanction ; "
                             "prov:wasDerivedFrom ?a } GROUP BY ?e ORDER BY DESC(?n) LIMIT 10"),
}
PREFIXES = {
    "kg": KG_NS, "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#", "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "skos": "http://www.w3.org/2004/02/skos/core#", "schema": "https://schema.org/", "prov": "http://www.w3.org/ns/prov#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}
FULL = {"triples": 1_000_000, "repeats": 5}
QUICK = {"triples": 20_000, "repeats": 3}


def write_synthetic_graph(path: Path, target_triples: int, *, seed: int = 0) -> int:
    """Write a news-shaped Turtle graph of about ``target_triples`` triples; return how many were written.

    A few are repeats (the same fact from two articles), so a store holds slightly fewer.
    """
    rng = random.Random(seed)
    n_articles = max(10, target_triples // 30)  # more than needed: the loop stops at the target
    n_people, n_companies, n_govs, n_countries = n_articles, n_articles // 3, max(20, n_articles // 50), 200
    lines = [f"@prefix {p}: <{ns}> ." for p, ns in PREFIXES.items()]
    lines += [f"@prefix id: <{ID}> ."]
    count = 0

    def add(s: str, *pos: tuple[str, str]) -> None:
        nonlocal count
        lines.append(s + " " + " ;\n    ".join(f"{p} {o}" for p, o in pos) + " .")
        count += len(pos)

    def lit(text: str) -> str:
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'

    for i in range(n_countries):
        add(f"id:country-{i}", ("a", "kg:Country"), ("rdfs:label", lit(f"Country {i}")))
    for i in range(n_govs):
        add(f"id:gov-{i}", ("a", "kg:GovernmentBody"), ("rdfs:label", lit(f"Ministry {i}")),
            ("kg:jurisdiction", f"id:country-{i % n_countries}"))
    for i in range(n_companies):
        add(f"id:company-{i}", ("a", "kg:Company"), ("rdfs:label", lit(f"Company {i} Holdings")),
            ("skos:altLabel", lit(f"Company {i}")), ("kg:basedIn", f"id:country-{rng.randrange(n_countries)}"))
    for i in range(n_people):
        add(f"id:person-{i}", ("a", "kg:Person"), ("rdfs:label", lit(f"Person {i}")))
    for a in range(n_articles):
        art = f"id:article-{a}"
        add(art, ("a", "kg:Article"), ("kg:fileName", lit(f"article-{a}.txt")), ("schema:headline", lit(f"Headline {a}")),
            ("schema:datePublished", f'"20{10 + a % 14:02d}-0{1 + a % 9}-1{a % 10}"^^xsd:date'),
            ("schema:publisher", lit(f"Outlet {a % 40}")), ("kg:wordCount", str(300 + a % 500)))
        people = rng.sample(range(n_people), 3)
        companies = rng.sample(range(n_companies), 3)
        for p in people:
            add(f"id:person-{p}", ("kg:mentionedIn", art))
        for c in companies:
            add(f"id:company-{c}", ("kg:mentionedIn", art))
        for k, (s, pred, o) in enumerate([(f"id:person-{people[0]}", "kg:headOf", f"id:company-{companies[0]}"),
                                          (f"id:person-{people[1]}", "kg:employeeOf", f"id:company-{companies[1]}"),
                                          (f"id:company-{companies[2]}", "kg:subsidiaryOf", f"id:company-{companies[0]}")]):
            add(s, (pred, o))
            add(f"id:evidence-{a}-{k}", ("a", "kg:Evidence"), ("rdf:subject", s), ("rdf:predicate", pred),
                ("rdf:object", o), ("kg:evidence", lit(f"Sentence {k} of article {a} that states the relation.")),
                ("prov:wasDerivedFrom", art))
        if a % 3 == 0:  # a sanction reported by 10 articles
            e = f"id:sanction-{a // 30}"
            if a % 30 == 0:
                add(e, ("a", "kg:Sanction"), ("kg:imposedBy", f"id:gov-{rng.randrange(n_govs)}"),
                    ("kg:target", f"id:company-{companies[0]}"))
            add(e, ("prov:wasDerivedFrom", art),
                ("kg:evidence", lit(f"The ministry sanctioned the company, article {a} said.")))
        if count >= target_triples:
            break
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return count


def run(workdir: Path, *, quick: bool = False, log=print) -> dict:
    """Run the store benchmark; return its results record."""
    cfg = QUICK if quick else FULL
    path = workdir / f"synthetic-{cfg['triples']}.ttl"
    log(f"  store: writing a synthetic graph of {cfg['triples']:,} triples")
    written = write_synthetic_graph(path, cfg["triples"])
    engines = {}
    for engine in ("oxigraph", "kg-oxigraph", "rdflib"):
        log(f"  store: {engine}: load and {len(QUERIES)} queries x {cfg['repeats']}")
        engines[engine] = run_measure("store", engine, str(path), "--repeats", str(cfg["repeats"]))
    bundled = []
    try:
        from kg.sparql.catalogue import load_bundled_queries
    except ImportError:
        bundled_note = "kg/sparql or its queries are not there: bundled query latency skipped"
    else:
        bundled_note = None
        big = scale_graph_path(workdir, quick)
        from .speed import FULL as SPEED_FULL, QUICK as SPEED_QUICK

        cfg_speed = SPEED_QUICK if quick else SPEED_FULL
        targets = []
        # rdflib's engine is slow on big graphs: the memory store gets the smallest real build
        smallest = min(cfg_speed["real_sizes"])
        small = workdir / f"out-{smallest}-w2" / "graph.trig"
        if small.is_file():
            targets += [(small, "memory", f"{smallest}-article build (graph.trig)"),
                        (small, "oxigraph", f"{smallest}-article build (graph.trig)")]
        n = cfg_speed["throughput_n"]
        medium = workdir / f"out-{n}-w2" / "graph.trig"
        if medium.is_file():
            targets.append((medium, "oxigraph", f"{n}-article build (graph.trig)"))
        if big.is_file():
            targets.append((big, "oxigraph", f"{big.stem.split('-')[-1]} replicated articles (N-Quads)"))
        if not targets:
            bundled_note = "no build graph found: run `python -m benchmarks speed` first"
        for file, engine, what in targets:
            log(f"  store: bundled queries, {engine}, {what}")
            r = run_measure("bundled", engine, str(file), "--repeats", "3")
            r["graph"] = what
            bundled.append(r)
    return {"key": "store", "config": cfg, "triples_written": written, "queries": QUERIES, "engines": engines,
            "bundled": bundled, "bundled_note": bundled_note}

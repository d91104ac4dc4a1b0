"""No false refusals: the W3C SPARQL 1.1 query-evaluation tests through kg's checks, beside the bare engines.

    python -m benchmarks.w3c_sparql [SUITE_DIR] [--json OUT]

For every ``mf:QueryEvaluationTest`` of the SPARQL 1.1 query manifest (``sparql11/manifest-sparql11-query.ttl``
of the W3C rdf-tests copy in ``../shared/bench/w3c-rdf-tests``, see its SOURCE.md), the test's data is loaded
into a dataset of each engine (rdflib's memory store, Oxigraph through kg's store class) and its query is run
twice on the same dataset: through :func:`kg.sparql.run.run_query` (the safety check, the canonical text, the
deadline guards, the result conversion) and by the bare engine (``Dataset.query`` / ``Store.query``). A test
whose query uses SERVICE, a FROM naming a graph that is not in the dataset, or an update must be refused;
every other one must be accepted and give the bare engine's answer. As kg queries do, both runs see the
union of the test's graphs as the default graph. Not a CI dependency: a benchmark (results on stdout).
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

from rdflib import BNode, Dataset, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.compare import isomorphic
from rdflib.namespace import RDF

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SUITE = ROOT.parent / "shared" / "bench" / "w3c-rdf-tests" / "sparql11"
MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
QT = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-query#")
FORMATS = {".ttl": "turtle", ".rdf": "xml", ".nt": "nt", ".trig": "trig", ".nq": "nquads"}


def load_tests(suite: Path) -> list[dict]:
    """Every QueryEvaluationTest of the SPARQL 1.1 query manifest: name, query file, data, named graph data."""
    top = Graph().parse(suite / "manifest-sparql11-query.ttl", format="turtle")
    tests = []
    for include in top.objects(None, MF.include):
        for sub in Collection(top, include):
            path = Path(str(sub).replace("file://", ""))
            manifest = Graph().parse(path, format="turtle")
            for entries in manifest.objects(None, MF.entries):
                for test in Collection(manifest, entries):
                    if (test, RDF.type, MF.QueryEvaluationTest) not in manifest:
                        continue
                    action = manifest.value(test, MF.action)
                    query = manifest.value(action, QT.query)
                    tests.append({
                        "name": f"{path.parent.name}/{manifest.value(test, MF.name)}",
                        "query": Path(str(query).replace("file://", "")),
                        "data": [Path(str(d).replace("file://", "")) for d in manifest.objects(action, QT.data)],
                        "graphs": [Path(str(d).replace("file://", "")) for d in manifest.objects(action, QT.graphData)],
                    })
    return tests


def rdflib_dataset(test: dict) -> Dataset:
    ds = Dataset(default_union=True)
    for f in test["data"]:
        ds.default_graph.parse(f, format=FORMATS.get(f.suffix, "turtle"))
    for f in test["graphs"]:
        ds.graph(URIRef(f.as_uri())).parse(f, format=FORMATS.get(f.suffix, "turtle"))
    return ds


def oxigraph_dataset(test: dict):
    import pyoxigraph as ox

    from kg.store.oxigraph import materialize_union
    from kg.store.oxigraph import oxigraph_dataset as wrap

    store = ox.Store()
    oxfmt = {".ttl": ox.RdfFormat.TURTLE, ".rdf": ox.RdfFormat.RDF_XML, ".nt": ox.RdfFormat.N_TRIPLES}
    for f in test["data"]:
        store.load(path=str(f), format=oxfmt.get(f.suffix, ox.RdfFormat.TURTLE), base_iri=f.as_uri(),
                   to_graph=ox.DefaultGraph())
    for f in test["graphs"]:
        store.load(path=str(f), format=oxfmt.get(f.suffix, ox.RdfFormat.TURTLE), base_iri=f.as_uri(),
                   to_graph=ox.NamedNode(f.as_uri()))
    materialize_union(store)  # the default graph is the union, as in a kg store
    return wrap(store), store


def must_refuse(text: str, dataset_graphs: set[str]) -> str | None:
    """Why kg must refuse this query (SERVICE, a foreign FROM, an update), else None."""
    from kg.sparql.safety import canonical_text, keywords

    words = set(keywords(canonical_text(text)))
    if "SERVICE" in words:
        return "SERVICE"
    if words & {"INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY"}:
        return "update"
    if "FROM" in words:
        import re

        for iri in re.findall(r"FROM\s+(?:NAMED\s+)?<([^>]*)>", text, flags=re.I):
            if iri not in dataset_graphs:
                return "foreign FROM"
    return None


def _mask(term) -> str:
    if term is None:
        return "UNBOUND"
    if isinstance(term, BNode):
        return "_:b"
    if isinstance(term, Literal):
        return f"{term!s}|{term.language or ''}|{term.datatype or ''}"
    return str(term)


def normalise_kg(result):
    from kg.store.oxigraph import normalize_literal

    if result.form == "ASK":
        return ("ASK", bool(result.boolean))
    if result.form in ("CONSTRUCT", "DESCRIBE"):
        return ("GRAPH", result.graph)
    idx = {v: i for i, v in enumerate(result.vars)}
    return ("ROWS", sorted(tuple(_mask(normalize_literal(row[idx[v]])) for v in sorted(result.vars))
                           for row in result.rows))


def normalise_rdflib(raw):
    from kg.store.oxigraph import normalize_literal

    if raw.type == "ASK":
        return ("ASK", bool(raw.askAnswer))
    if raw.type in ("CONSTRUCT", "DESCRIBE"):
        g = Graph()
        for s, p, o in raw.graph:
            g.add((s, p, normalize_literal(o)))
        return ("GRAPH", g)
    names = sorted(str(v) for v in raw.vars)
    from rdflib import Variable

    return ("ROWS", sorted(tuple(_mask(normalize_literal(r.get(Variable(v)))) for v in names) for r in raw))


def normalise_oxigraph(raw):
    import pyoxigraph as ox

    from kg.store.oxigraph import from_ox, normalize_literal

    if isinstance(raw, ox.QueryBoolean):
        return ("ASK", bool(raw))
    if isinstance(raw, ox.QuerySolutions):
        names = [v.value for v in raw.variables]
        order = sorted(range(len(names)), key=lambda i: names[i])
        rows = []
        for sol in raw:
            vals = [None if sol[i] is None else normalize_literal(from_ox(sol[i])) for i in range(len(names))]
            rows.append(tuple(_mask(vals[i]) for i in order))
        return ("ROWS", sorted(rows))
    g = Graph()
    for t in raw:
        g.add((from_ox(t.subject), from_ox(t.predicate), normalize_literal(from_ox(t.object))))
    return ("GRAPH", g)


def same(a, b) -> bool:
    if a[0] != b[0]:
        return False
    if a[0] == "GRAPH":
        return len(a[1]) == len(b[1]) and isomorphic(a[1], b[1])
    return a[1] == b[1]


def run_one(test: dict, engine: str) -> dict:
    from kg.errors import QueryError
    from kg.sparql.run import run_query
    from kg.vocab import QUERY_PREFIXES

    text = test["query"].read_text(encoding="utf-8")
    graphs = {f.as_uri() for f in test["graphs"]}
    out = {"name": test["name"], "engine": engine, "must_refuse": must_refuse(text, graphs)}
    try:
        if engine == "memory":
            ds = rdflib_dataset(test)
        else:
            ds, store = oxigraph_dataset(test)
    except Exception as exc:  # noqa: BLE001 - a data file the engine cannot read: not a query test
        out["status"] = "data-unreadable"
        out["detail"] = f"{type(exc).__name__}: {exc}"[:200]
        return out
    try:
        if engine == "memory":
            bare = normalise_rdflib(ds.query(text, initNs={}))
        else:
            bare = normalise_oxigraph(store.query(text))
    except Exception as exc:  # noqa: BLE001
        bare = None
        out["bare_error"] = f"{type(exc).__name__}: {exc}"[:200]
    try:
        got = normalise_kg(run_query(ds, text, timeout=30, resolve_names=False))
        accepted = True
    except QueryError as exc:
        got, accepted = None, False
        out["kg_error"] = str(exc)[:200]
    _ = QUERY_PREFIXES
    if out["must_refuse"]:
        out["status"] = "refused-as-required" if not accepted else "NOT-REFUSED"
    elif not accepted:
        out["status"] = "bare-engine-fails-too" if bare is None else "FALSE-REFUSAL"
    elif bare is None:
        out["status"] = "kg-answers-bare-fails"
    else:
        out["status"] = "same-answer" if same(got, bare) else "DIFFERENT-ANSWER"
        if out["status"] == "DIFFERENT-ANSWER":
            out["detail"] = f"kg {str(got[1])[:150]} / bare {str(bare[1])[:150]}"
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("suite", nargs="?", type=Path, default=DEFAULT_SUITE)
    ap.add_argument("--json", type=Path, help="write every test's outcome here")
    args = ap.parse_args(argv)
    if not (args.suite / "manifest-sparql11-query.ttl").is_file():
        print(f"no SPARQL 1.1 test suite at {args.suite}", file=sys.stderr)
        return 2
    tests = load_tests(args.suite)
    t0 = time.perf_counter()
    results = [run_one(t, engine) for engine in ("memory", "oxigraph") for t in tests]
    print(f"{len(tests)} query-evaluation tests, {time.perf_counter() - t0:.1f} s")
    for engine in ("memory", "oxigraph"):
        mine = [r for r in results if r["engine"] == engine]
        counts = Counter(r["status"] for r in mine)
        must_accept = [r for r in mine if not r["must_refuse"] and "bare_error" not in r
                       and r["status"] != "data-unreadable"]
        ok = sum(r["status"] == "same-answer" for r in must_accept)
        refuse = [r for r in mine if r["must_refuse"]]
        print(f"\n{engine}: accepted with the bare engine's answer {ok}/{len(must_accept)} "
              f"({100 * ok / max(1, len(must_accept)):.1f}%); refused as required "
              f"{sum(r['status'] == 'refused-as-required' for r in refuse)}/{len(refuse)}")
        for status, n in sorted(counts.items()):
            print(f"  {status:24} {n}")
        for r in mine:
            if r["status"] in ("FALSE-REFUSAL", "DIFFERENT-ANSWER", "NOT-REFUSED", "kg-answers-bare-fails"):
                print(f"    {r['status']}: {r['name']}: {r.get('kg_error') or r.get('bare_error') or r.get('detail', '')}")
    if args.json:
        args.json.write_text(json.dumps(results, indent=1, default=str), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())

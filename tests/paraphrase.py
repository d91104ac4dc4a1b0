"""The paraphrase (metamorphic) suite's logic: one fact told in many sentence shapes, which does newskg read?

Used by ``tests/test_paraphrase.py`` and ``benchmarks/paraphrase.py`` (which loads this file by path).
It uses only the public API: ``kg.build(inputs, out=..., formats=("trig",))``, then rdflib on the
written ``graph.trig``. Nothing here imports a ``kg`` submodule.

How a fact is tied to the article that states it: every variant is its own file; the article node is the
subject of ``kg:fileName "<file>"`` and its named graph is the graph that holds that triple (the
article's IRI). An event counts for a variant when its class, participants and ``prov:wasDerivedFrom``
the article are in that article's graph; a role when the person-property-organisation triple (or a
``kg:Evidence`` node restating it) is there. Names of nodes are read from every graph (an entity's
labels may be kept in the default graph), matched case-insensitively against the fact's accepted names.
"""
from __future__ import annotations

import re
import tempfile
import time
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from rdflib import RDF, RDFS, Dataset, Graph, Literal, Namespace, URIRef
from rdflib.namespace import SKOS

REPO = Path(__file__).resolve().parents[1]
DATA = Path(__file__).resolve().parent / "data" / "paraphrase.yaml"
ONTOLOGY = REPO / "ontology.ttl"

KG = Namespace("https://w3id.org/newskg/ontology#")
PROV = Namespace("http://www.w3.org/ns/prov#")
SCHEMA = Namespace("https://schema.org/")

EVENT_CLASS = {"sanction": KG.Sanction, "offer": KG.Offer, "relief": KG.SanctionRelief}
# (agent property, other property) and the fact's keys for them
EVENT_ROLES = {
    "sanction": (KG.imposedBy, KG.target, "imposer", "target"),
    "offer": (KG.offeredBy, KG.offeredTo, "offerer", "recipient"),
    "relief": (KG.imposedBy, KG.target, "reliever", "target"),
}
POSITIVE = "found"
# kg:status values that say a sanction is NOT in force (ontology: proposed, in talks, ... lifted); a
# sanction with no status, or with any other status, counts as imposed.
NOT_IMPOSED = {"proposed", "threatened", "considered", "under consideration", "in talks", "planned",
               "possible", "rejected", "withdrawn", "blocked", "lifted", "denied", "not imposed", "no takers"}
ACCEPTED = {"accepted", "agreed", "completed"}


def norm(text) -> str:
    """Case-, accent- and punctuation-insensitive form of a name, without a leading "the"."""
    text = unicodedata.normalize("NFKD", str(text))
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold().replace("’", "'")
    text = re.sub(r"[^\w&']+", " ", text.replace(".", "")).strip()
    return re.sub(r"^the ", "", text)


# ------------------------------------------------------------------ the data


@dataclass(frozen=True)
class Variant:
    id: str            # "<fact id>/<nn>-<shape>", also the test id
    fact_id: str
    kind: str          # sanction | offer | relief | role
    shape: str
    headline: str
    text: str
    expect: str        # found | none | not_accepted
    known_miss: bool
    known_false_positive: str | None
    fact: dict = field(hash=False, compare=False)

    @property
    def positive(self) -> bool:
        return self.expect == POSITIVE

    @property
    def file_name(self) -> str:
        return self.id.replace("/", "--") + ".md"

    def sentence(self) -> str:
        return self.headline if self.shape == "headline" else self.text


def load_data(path: Path = DATA) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def load_variants(data: dict | None = None) -> list[Variant]:
    data = load_data() if data is None else data
    out: list[Variant] = []
    for fact in data["facts"]:
        for i, v in enumerate(fact["variants"], 1):
            expect = v.get("expect", POSITIVE)
            if expect not in (POSITIVE, "none", "not_accepted"):
                raise ValueError(f"{fact['id']} variant {i}: unknown expect {expect!r}")
            out.append(Variant(
                id=f"{fact['id']}/{i:02d}-{v['shape']}", fact_id=fact["id"], kind=fact["kind"],
                shape=v["shape"], headline=v["headline"].strip(), text=" ".join(v["text"].split()),
                expect=expect, known_miss=bool(v.get("known_miss", False)),
                known_false_positive=v.get("known_false_positive") or None, fact=fact))
    ids = [v.id for v in out]
    if len(ids) != len(set(ids)):
        raise ValueError("duplicate variant ids in paraphrase.yaml")
    return out


def write_articles(variants: list[Variant], folder: Path, published: str) -> None:
    """One Markdown article per variant: headline, publication date, body."""
    folder.mkdir(parents=True, exist_ok=True)
    for v in variants:
        (folder / v.file_name).write_text(
            f"# {v.headline}\n\nPublished at: **{published}**\n\n{v.text}\n", encoding="utf-8")


# ------------------------------------------------------------------ reading the graph


@dataclass
class Result:
    variant: Variant
    found: bool                 # the full fact is in the article's graph
    ok: bool                    # the variant's expectation holds (found, or no imposed/accepted event)
    produced: list[str]         # what the article's graph holds of the variant's kind, for reports
    problem: str | None = None  # the article was not built, or similar
    entities_seen: bool = True  # both participants are entities mentioned in the article (else NER missed)
    partial: bool = False       # an event of the right class by the right agent, other side wrong or missing


class GraphView:
    """The written TriG, with per-article graphs found by kg:fileName."""

    def __init__(self, trig: Path):
        self.ds = Dataset()
        self.ds.parse(trig, format="trig")
        self.union = Graph()
        for s, p, o, _ in self.ds.quads((None, None, None, None)):
            self.union.add((s, p, o))
        self.articles: dict[str, tuple[URIRef, Graph]] = {}
        for s, _, name, ctx in self.ds.quads((None, KG.fileName, None, None)):
            graph = ctx if isinstance(ctx, Graph) else self.ds.graph(ctx)
            self.articles[Path(str(name)).name] = (s, graph)
        onto = Graph().parse(ONTOLOGY, format="turtle")
        self._sub_props: dict = defaultdict(set)
        for p, sup in onto.subject_objects(RDFS.subPropertyOf):
            self._sub_props[sup].add(p)
        self._names: dict = {}

    def names(self, node) -> set[str]:
        if isinstance(node, Literal):
            return {norm(node)}
        if node not in self._names:
            self._names[node] = {norm(o) for p in (RDFS.label, SKOS.altLabel, SKOS.prefLabel, SCHEMA.name)
                                 for o in self.union.objects(node, p) if isinstance(o, Literal)}
        return self._names[node]

    def label(self, node) -> str:
        if isinstance(node, Literal):
            return f'"{node}"'
        lab = next(iter(sorted(self.union.objects(node, RDFS.label))), None)
        return str(lab) if lab is not None else str(node).rsplit("/", 1)[-1]

    def matches(self, node, accepted: list[str]) -> bool:
        want = {norm(a) for a in accepted}
        if isinstance(node, Literal):  # a described group, e.g. kg:offeredTo "Unilever shareholders"
            text = f" {norm(node)} "
            return any(f" {w} " in text for w in want)
        return bool(self.names(node) & want)

    def sub_properties(self, prop) -> set:
        out, todo = set(), [prop]
        while todo:
            p = todo.pop()
            if p not in out:
                out.add(p)
                todo.extend(self._sub_props.get(p, ()))
        return out

    # -- events ------------------------------------------------------------------
    def events(self, article: URIRef, g: Graph, cls) -> list:
        """Nodes of class cls that the article's graph says come from the article."""
        return [e for e in set(g.subjects(RDF.type, cls)) if (e, PROV.wasDerivedFrom, article) in g
                or (e, PROV.wasDerivedFrom, article) in self.union]

    def describe_event(self, g: Graph, ev, kind: str) -> str:
        by_p, other_p, _, _ = EVENT_ROLES[kind]
        by = ", ".join(sorted(self.label(n) for n in g.objects(ev, by_p))) or "?"
        other = ", ".join(sorted(self.label(n) for n in g.objects(ev, other_p))) or "?"
        status = ", ".join(sorted(str(s) for s in g.objects(ev, KG.status)))
        arrow = {"sanction": "sanctions", "offer": "offers to", "relief": "relieves"}[kind]
        item = "; ".join(sorted(str(i) for i in g.objects(ev, KG.item))) if kind == "offer" else ""
        return (f"{kind}: {by} {arrow} {other}" + (f" [item: {item}]" if item else "")
                + (f" [status: {status}]" if status else ""))

    def statuses(self, g: Graph, ev) -> set[str]:
        return {norm(s) for s in g.objects(ev, KG.status)}


def check(view: GraphView, v: Variant) -> Result:
    if v.file_name not in view.articles:
        return Result(v, False, False, [], problem="article not in the graph (skipped by the build?)")
    article, g = view.articles[v.file_name]
    fact = v.fact
    mentioned = set(g.subjects(KG.mentionedIn, article))
    keys = ("person", "organisation") if v.kind == "role" else EVENT_ROLES[v.kind][2:]
    seen = all(any(view.matches(n, fact[k]) for n in mentioned) for k in keys)
    if v.kind == "role":
        props = view.sub_properties(KG[fact["property"]])
        person, org = fact["person"], fact["organisation"]
        found = False
        for p in props:
            for s, o in g.subject_objects(p):
                if view.matches(s, person) and view.matches(o, org):
                    found = True
        for ev in g.subjects(RDF.type, KG.Evidence):
            if (g.value(ev, RDF.predicate) in props and view.matches(g.value(ev, RDF.subject), person)
                    and view.matches(g.value(ev, RDF.object), org)):
                found = True
        # what the article says this person holds, for the report
        produced = sorted({f"{view.label(s)} {p.split('#')[-1]} {view.label(o)}"
                           for p in view.sub_properties(KG.affiliatedWith) for s, o in g.subject_objects(p)
                           if view.matches(s, person)})
        return Result(v, found, found, produced, entities_seen=seen)

    cls = EVENT_CLASS[v.kind]
    by_p, other_p, by_key, other_key = EVENT_ROLES[v.kind]
    evs = view.events(article, g, cls)
    produced = sorted(view.describe_event(g, e, v.kind) for e in evs)
    found = any(any(view.matches(n, fact[by_key]) for n in g.objects(e, by_p))
                and any(view.matches(n, fact[other_key]) for n in g.objects(e, other_p)) for e in evs)
    partial = not found and any(any(view.matches(n, fact[by_key]) for n in g.objects(e, by_p)) for e in evs)
    if v.expect == POSITIVE:
        return Result(v, found, found, produced, entities_seen=seen, partial=partial)
    if v.expect == "none":  # no sanction in force
        bad = [e for e in evs if not (view.statuses(g, e) and view.statuses(g, e) <= NOT_IMPOSED)]
    else:  # not_accepted: no accepted offer
        bad = [e for e in evs if view.statuses(g, e) & ACCEPTED]
    return Result(v, found, not bad, produced, entities_seen=seen)


# ------------------------------------------------------------------ running


@dataclass
class Run:
    results: list[Result]
    seconds: float
    report: dict

    def positives(self) -> list[Result]:
        return [r for r in self.results if r.variant.positive]

    def negatives(self) -> list[Result]:
        return [r for r in self.results if not r.variant.positive]

    def summary(self) -> dict:
        return summarise(self.results, self.seconds)


def run(workdir: Path | None = None, data: dict | None = None) -> Run:
    """Write every variant into one folder, build once, check each variant in its article's graph."""
    import kg  # the public API only

    data = load_data() if data is None else data
    variants = load_variants(data)
    tmp = None
    if workdir is None:
        tmp = tempfile.TemporaryDirectory(prefix="paraphrase-")
        workdir = Path(tmp.name)
    try:
        src, out = Path(workdir) / "articles", Path(workdir) / "out"
        write_articles(variants, src, data["published"])
        t0 = time.perf_counter()
        result = kg.build([str(src)], out=out, formats=("trig",))
        seconds = time.perf_counter() - t0
        view = GraphView(out / "graph.trig")
        report = dict(getattr(result, "report", {}) or {})
        return Run([check(view, v) for v in variants], seconds, report)
    finally:
        if tmp is not None:
            tmp.cleanup()


def _share(rs: list[Result]) -> dict:
    n = len(rs)
    k = sum(r.found for r in rs)
    return {"found": k, "total": n, "share": round(k / n, 3) if n else None}


def summarise(results: list[Result], seconds: float | None = None) -> dict:
    pos = [r for r in results if r.variant.positive]
    neg = [r for r in results if not r.variant.positive]
    by_kind, by_shape, by_fact = defaultdict(list), defaultdict(list), defaultdict(list)
    for r in pos:
        by_kind[r.variant.kind].append(r)
        by_shape[r.variant.shape].append(r)
        by_fact[r.variant.fact_id].append(r)
    out = {
        "overall": _share(pos),
        "by_kind": {k: _share(v) for k, v in sorted(by_kind.items())},
        "by_shape": {k: _share(v) for k, v in sorted(by_shape.items())},
        "by_fact": {k: _share(v) for k, v in by_fact.items()},
        "missed": [{"id": r.variant.id, "shape": r.variant.shape, "sentence": r.variant.sentence(),
                    "produced": r.produced, "partial": r.partial, "entities_seen": r.entities_seen}
                   for r in pos if not r.found],
        # misses where both participants were recognised as entities: the sentence shape is the cause
        "missed_with_entities_seen": sum(1 for r in pos if not r.found and r.entities_seen),
        "partial": sum(1 for r in pos if r.partial),
        "negatives": {"total": len(neg), "ok": sum(r.ok for r in neg),
                      "violations": [{"id": r.variant.id, "sentence": r.variant.text, "produced": r.produced}
                                     for r in neg if not r.ok],
                      "produced": {r.variant.id: r.produced for r in neg if r.produced}},
        "variants": len(results),
    }
    if seconds is not None:
        out["build_seconds"] = round(seconds, 1)
    return out


def update_marks(results: list[Result], path: Path = DATA) -> dict:
    """Rewrite the YAML's ``known_miss`` / ``known_false_positive`` marks and ``baseline_share`` from a run,
    keeping every comment: what a fix now reads loses its mark, what it broke gains one.

    ``python tests/paraphrase.py --update`` runs the suite and does this; review the diff before committing.
    """
    by_id = {r.variant.id: r for r in results}
    lines = path.read_text(encoding="utf-8").splitlines()
    out: list[str] = []
    fact_id, index = None, 0
    for line in lines:
        m = re.match(r"^- id: (\S+)", line)
        if m:
            fact_id, index = m[1], 0
        if re.match(r"^    (known_miss|known_false_positive):", line):
            continue  # re-derived below
        out.append(line)
        m = re.match(r"^  - shape: (\S+)", line)
        if m and fact_id:
            index += 1
            r = by_id.get(f"{fact_id}/{index:02d}-{m[1]}")
            if r is None:
                continue
            if r.variant.positive and not r.found:
                out.append("    known_miss: true")
            elif not r.variant.positive and not r.ok:
                out.append(f'    known_false_positive: "gives {"; ".join(r.produced)[:120]}"')
    pos = [r for r in results if r.variant.positive]
    share = int(100 * sum(r.found for r in pos) / len(pos)) / 100 if pos else 0.0
    text = "\n".join(out) + "\n"
    text = re.sub(r"^baseline_share: .*$", f"baseline_share: {share}", text, count=1, flags=re.M)
    path.write_text(text, encoding="utf-8")
    return {"baseline_share": share, "known_miss": sum(1 for r in pos if not r.found)}


if __name__ == "__main__":
    import sys

    if sys.argv[1:] != ["--update"]:
        sys.exit("usage: python tests/paraphrase.py --update   (run the suite and rewrite its marks)")
    print(update_marks(run().results))

"""A built graph read once into plain records: the articles, entities, relations, events and evidence.

The tables (:mod:`kg.export.tables`) and FollowTheMoney (:mod:`kg.export.ftm`) exports write these records; they
never walk the RDF themselves. What each record holds follows ``ontology.ttl``:

* an **entity** is a node typed ``kg:Person``, ``kg:Organization``, ``kg:Company``, ``kg:GovernmentBody`` or
  ``kg:Country``, with its label, aliases (``skos:altLabel``), job titles, mentions (``kg:mentionCount``
  summed over the article graphs) and the articles that mention it (``kg:mentionedIn``);
* a **relation** is a triple between two entities (``kg:headOf``, ``kg:basedIn``, ...), with the articles that
  state it (its named graphs and the ``prov:wasDerivedFrom`` of its ``kg:Evidence`` nodes) and the job titles
  its evidence gives;
* an **event** is a node of a class of ``kinds.yaml`` (offer, sanction, relief, merger, lawsuit, tariff) with
  its values by property (``imposedBy``, ``target``, ``program``, ``relaxes``...), status, dates and articles;
* an **evidence** row ties a relation, an event or a statement to one sentence and the article it comes from.

>>> import kg
>>> records = read_records(kg.load_dataset("out/graph.trig"))
>>> records.entities["https://w3id.org/newskg/id/company/huawei"].label
'Huawei'
>>> sorted({e.kind for e in records.events})
['merger', 'offer', 'relief', 'sanction']
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field

from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import SKOS
from rdflib.term import Node

from kg.knowledge.kinds import load_kinds
from kg.vocab import KG, PROV, SCHEMA

__all__ = ["ENTITY_CLASSES", "Article", "Entity", "Event", "Evidence", "Records", "Relation", "event_properties",
           "local_name", "read_records"]

# The entity classes, most specific first: an entity's ``type`` is the first of these it has.
ENTITY_CLASSES = ("Person", "Company", "GovernmentBody", "Organization", "Country")
_ENTITY_TERMS = {KG[c]: c for c in ENTITY_CLASSES}
_ARTICLE_FIELDS = {SCHEMA.url: "url", SCHEMA.headline: "headline", SCHEMA.publisher: "outlet", KG.outlet: "outlet",
                   SCHEMA.datePublished: "date", KG.fileName: "file"}
# Bookkeeping between entities that is not a relation a reader states.
_NOT_RELATIONS = frozenset({RDF.type, KG.mentionedIn, PROV.wasDerivedFrom})
# Properties of an event beside its slots: hooks of kinds.yaml write kg:relaxes and kg:startDate.
_EVENT_LINKS = ("relaxes",)


@dataclass(frozen=True)
class Article:
    """A ``kg:Article``: its IRI and what the graph says about it ("" when unknown)."""

    iri: str
    url: str = ""
    headline: str = ""
    outlet: str = ""
    date: str = ""
    file: str = ""


@dataclass(frozen=True)
class Entity:
    """A person, organisation, company, government body or country."""

    iri: str
    type: str  # the most specific of ENTITY_CLASSES
    classes: tuple[str, ...]  # every kg: class it has, sorted
    label: str
    aliases: tuple[str, ...]
    job_titles: tuple[str, ...]
    mentions: int
    articles: tuple[str, ...]  # IRIs of the articles that mention it


@dataclass(frozen=True)
class Relation:
    """One relation between two entities (``subject predicate object``), with its sources."""

    subject: str
    predicate: str  # the property's IRI
    object: str
    job_titles: tuple[str, ...]
    articles: tuple[str, ...]


@dataclass(frozen=True)
class Event:
    """An offer, sanction, relief, merger, lawsuit or tariff: its values by kg: property local name."""

    iri: str
    kind: str  # the kinds.yaml name: offer, sanction, relief...
    cls: str  # its kg: class: Offer, Sanction, SanctionRelief...
    label: str
    values: dict[str, tuple[str, ...]]  # property -> IRIs (entities, events) or literals, sorted
    articles: tuple[str, ...]

    def get(self, prop: str) -> tuple[str, ...]:
        """The values of kg:``prop`` (empty when it has none)."""
        return self.values.get(prop, ())


@dataclass(frozen=True)
class Evidence:
    """One sentence that states a fact, and the article it comes from ("" when the graph does not say)."""

    fact: str  # the event's or statement's IRI, or the relation's kg:Evidence node
    kind: str  # "relation", "statement", or the event's kind
    subject: str  # the relation's subject, the statement's speaker, or the event itself
    predicate: str  # the relation's property IRI ("" for events and statements)
    object: str  # the relation's object ("" for events and statements)
    article: str
    sentence: str


@dataclass
class Records:
    """Everything an export writes, in a deterministic order."""

    articles: dict[str, Article] = field(default_factory=dict)
    entities: dict[str, Entity] = field(default_factory=dict)
    relations: list[Relation] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)
    labels: dict[str, str] = field(default_factory=dict)  # IRI -> label, for entities, events and articles

    def label(self, iri: str) -> str:
        """The label of a node ("" for none)."""
        return self.labels.get(iri, "")


def event_properties() -> list[tuple[str, bool]]:
    """(kg: property, holds entities) for every property an event writes, in ``kinds.yaml`` order.

    >>> event_properties()[:3]
    [('offeredBy', True), ('offeredTo', True), ('item', False)]
    """
    out: dict[str, bool] = {}
    for kind in load_kinds().values():
        for slot in kind.slots:
            out[slot.property] = out.get(slot.property, False) or slot.entities
    for prop in _EVENT_LINKS:
        out.setdefault(prop, True)
    return list(out.items())


def local_name(iri: str) -> str:
    """The last part of an IRI, after ``#`` or ``/``."""
    return iri.rstrip("/#").replace("#", "/").rsplit("/", 1)[-1]


def _quads(graph: Graph) -> Iterator[tuple[Node, Node, Node, Node | None]]:
    if hasattr(graph, "quads"):
        for s, p, o, c in graph.quads((None, None, None, None)):
            yield s, p, o, getattr(c, "identifier", c)
    else:
        for s, p, o in graph:
            yield s, p, o, None


@dataclass
class _Index:
    types: dict[Node, set[URIRef]] = field(default_factory=lambda: defaultdict(set))
    literals: dict[Node, dict[URIRef, set[str]]] = field(default_factory=lambda: defaultdict(lambda: defaultdict(set)))
    links: dict[tuple[Node, URIRef, Node], set[Node | None]] = field(default_factory=lambda: defaultdict(set))
    sentences: dict[Node, dict[tuple[str, Node | None], None]] = field(default_factory=lambda: defaultdict(dict))
    derived: dict[Node, set[str]] = field(default_factory=lambda: defaultdict(set))
    mentioned: dict[Node, set[str]] = field(default_factory=lambda: defaultdict(set))
    mentions: dict[Node, set[tuple[Node | None, int]]] = field(default_factory=lambda: defaultdict(set))
    reified: dict[Node, dict[str, Node]] = field(default_factory=lambda: defaultdict(dict))


def _index(graph: Graph) -> _Index:
    ix = _Index()
    parts = {RDF.subject: "s", RDF.predicate: "p", RDF.object: "o"}
    for s, p, o, g in _quads(graph):
        if p == RDF.type:
            ix.types[s].add(o)
        elif p == KG.evidence:
            ix.sentences[s][(str(o), g)] = None
        elif p == PROV.wasDerivedFrom:
            ix.derived[s].add(str(o))
        elif p == KG.mentionedIn:
            ix.mentioned[s].add(str(o))
        elif p == KG.mentionCount:
            try:
                ix.mentions[s].add((g, int(o)))
            except (TypeError, ValueError):
                pass
        elif p in parts:
            ix.reified[s][parts[p]] = o
        elif isinstance(o, Literal):
            ix.literals[s][p].add(str(o))
        else:
            ix.links[(s, p, o)].add(g)
    return ix


def read_records(graph: Graph) -> Records:
    """Read a built graph (a Dataset with one named graph per article, or a plain Graph) into records.

    Rows come sorted by IRI (relations by subject, property, object), so the same graph gives the same records.
    """
    ix = _index(graph)
    out = Records()
    article_iris = sorted({str(n) for n, t in ix.types.items() if KG.Article in t}
                          | {a for refs in (*ix.derived.values(), *ix.mentioned.values()) for a in refs})
    for iri in article_iris:
        lits = ix.literals.get(URIRef(iri), {})
        fields = {name: min(lits[p]) for p, name in _ARTICLE_FIELDS.items() if lits.get(p)}
        out.articles[iri] = Article(iri, **fields)
        out.labels[iri] = fields.get("headline", "")
    _read_entities(ix, out)
    _read_relations(ix, out)
    _read_events(ix, out)
    _read_evidence(ix, out)
    return out


def _label(ix: _Index, node: Node) -> str:
    return min(ix.literals.get(node, {}).get(RDFS.label, ()), default="")


def _read_entities(ix: _Index, out: Records) -> None:
    for node in sorted((n for n, t in ix.types.items() if t & _ENTITY_TERMS.keys()), key=str):
        classes = ix.types[node]
        kind = next(c for c in ENTITY_CLASSES if KG[c] in classes)
        label = _label(ix, node) or local_name(str(node))
        lits = ix.literals.get(node, {})
        aliases = (lits.get(RDFS.label, set()) | lits.get(SKOS.altLabel, set())) - {label}
        out.entities[str(node)] = Entity(
            iri=str(node), type=kind, label=label,
            classes=tuple(sorted(local_name(str(c)) for c in classes if str(c).startswith(str(KG)))),
            aliases=tuple(sorted(aliases)), job_titles=tuple(sorted(lits.get(KG.jobTitle, ()))),
            mentions=sum(n for _g, n in ix.mentions.get(node, ())),
            articles=tuple(sorted(ix.mentioned.get(node, set()) & out.articles.keys())))
        out.labels[str(node)] = label


def _read_relations(ix: _Index, out: Records) -> None:
    evidence: dict[tuple[Node, Node, Node], list[Node]] = defaultdict(list)
    for ev, parts in ix.reified.items():
        if {"s", "p", "o"} <= parts.keys():
            evidence[(parts["s"], parts["p"], parts["o"])].append(ev)
    for (s, p, o), graphs in sorted(ix.links.items(), key=lambda kv: tuple(map(str, kv[0]))):
        if str(s) not in out.entities or str(o) not in out.entities or p in _NOT_RELATIONS:
            continue
        articles = {str(g) for g in graphs if g is not None and str(g) in out.articles}
        titles: set[str] = set()
        for ev in evidence.get((s, p, o), ()):
            articles |= ix.derived.get(ev, set())
            titles |= ix.literals.get(ev, {}).get(KG.jobTitle, set())
        out.relations.append(Relation(str(s), str(p), str(o), tuple(sorted(titles)), tuple(sorted(articles))))


def _read_events(ix: _Index, out: Records) -> None:
    by_class = {KG[k.cls]: k for k in load_kinds().values()}
    props = [KG[p] for p, _entities in event_properties()]
    objects: dict[Node, dict[URIRef, set[str]]] = defaultdict(lambda: defaultdict(set))
    for (s, p, o), _graphs in ix.links.items():
        objects[s][p].add(str(o))
    for node in sorted((n for n, t in ix.types.items() if t & by_class.keys()), key=str):
        kind = next(by_class[c] for c in by_class if c in ix.types[node])
        lits = ix.literals.get(node, {})
        values = {local_name(str(p)): tuple(sorted(objects[node].get(p, set()) | lits.get(p, set())))
                  for p in (*props, KG.status, KG.date, KG.startDate, KG.endDate, KG.dateText)}
        out.events.append(Event(iri=str(node), kind=kind.name, cls=kind.cls, label=_label(ix, node),
                                values={k: v for k, v in values.items() if v},
                                articles=tuple(sorted(ix.derived.get(node, set())))))
        out.labels[str(node)] = _label(ix, node)


def _sentences(ix: _Index, node: Node) -> list[tuple[str, str]]:
    """(article, sentence) for each kg:evidence sentence of ``node``: the article is the sentence's named graph,
    or the node's only prov:wasDerivedFrom when the graph has no named graphs."""
    derived = sorted(ix.derived.get(node, ()))
    found = []
    for sentence, g in ix.sentences.get(node, {}):
        if g is not None and str(g) in derived:
            found.append((str(g), sentence))
        else:
            found.append((derived[0] if len(derived) == 1 else "", sentence))
    return sorted(set(found))


def _read_evidence(ix: _Index, out: Records) -> None:
    kinds = {e.iri: e.kind for e in out.events}
    speakers: dict[Node, list[str]] = defaultdict(list)
    for (s, p, o) in ix.links:
        if p == KG.speaker:
            speakers[s].append(str(o))
    for node in sorted(ix.sentences, key=str):
        parts = ix.reified.get(node, {})
        if {"s", "p", "o"} <= parts.keys():
            row = ("relation", str(parts["s"]), str(parts["p"]), str(parts["o"]))
        elif str(node) in kinds:
            row = (kinds[str(node)], str(node), "", "")
        elif KG.Statement in ix.types.get(node, ()):
            row = ("statement", min(speakers.get(node, ()), default=""), "", "")
        else:
            continue
        for article, sentence in _sentences(ix, node):
            out.evidence.append(Evidence(str(node), *row, article=article, sentence=sentence))


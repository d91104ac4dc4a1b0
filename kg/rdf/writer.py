"""The one place that turns resolved facts into RDF, with provenance.

Each article's facts go into a named graph named after the article (its IRI);
the union of all named graphs is the whole knowledge graph.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from functools import cached_property

from rdflib import RDF, RDFS, XSD, Dataset, Graph, Literal, URIRef
from rdflib.namespace import SKOS

from kg.errors import DataError
from kg.extract.facts import ArticleResult, EventFact, Relation, StatementFact
from kg.knowledge.gazetteer import Gazetteer
from kg.knowledge.kinds import FILE, LABEL_FIELD, LABEL_OPTIONAL, EventKind, load_kinds
from kg.rdf.ids import IdMinter
from kg.read.copies import Copy
from kg.resolve.entities import NodeGids, Resolution
from kg.resolve.events import EventCluster, load_policies
from kg.vocab import KG, OUTPUT_PREFIXES, PROV, SCHEMA

_INVALID_XML = dict.fromkeys(c for c in range(32) if c not in (9, 10, 13))


def clean_literal(text: str, limit: int = 2000) -> str:
    """Text safe for every RDF syntax: no control characters or lone surrogates, bounded length."""
    text = str(text).translate(_INVALID_XML)
    # lone surrogates (from undecodable file names or bytes) become U+FFFD
    text = text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return text


def _lit(text: str, limit: int = 2000) -> Literal:
    return Literal(clean_literal(text, limit))


def _date_literal(value: str) -> Literal:
    if "T" in value:
        return Literal(value, datatype=XSD.dateTime)
    if len(value) == 10:
        return Literal(value, datatype=XSD.date)
    if len(value) == 7:
        return Literal(value, datatype=XSD.gYearMonth)
    return Literal(value, datatype=XSD.gYear)


def id_prefixes() -> dict[str, str]:
    """The prefixes of this build's IRI paths (prefix -> path): entities, the kinds of ``kinds.yaml`` that
    declare one, articles."""
    entities = {"person": "person/", "company": "company/", "gov": "gov/", "organization": "org/",
                "country": "country/"}
    kinds = {k.path: k.path + "/" for k in load_kinds().values() if k.prefix}
    return {**entities, **kinds, "article": "article/"}


def bind_prefixes(g: Graph | Dataset, base: str) -> None:
    for prefix, ns in OUTPUT_PREFIXES.items():
        g.bind(prefix, ns, override=True)
    g.bind("id", base, override=True)
    for short, path in id_prefixes().items():
        g.bind(short, base + path, override=True, replace=True)


class EventTable:
    """The event of each event fact, (article index, place among its event facts) -> (event IRI, cluster): a 4-byte
    index a fact in one array (:class:`~kg.resolve.entities.NodeGids`, ``sizes[a]`` places for article ``a``) instead of
    a dict entry a fact, and each (IRI, cluster) once.

    >>> table = EventTable([1, 2])
    >>> table[(1, 1)] = ("iri", "cluster")
    >>> table[(1, 1)], (1, 0) in table
    (('iri', 'cluster'), False)
    """

    def __init__(self, sizes: Sequence[int]):
        self._at = NodeGids(sizes)
        self._events: list[tuple[URIRef, EventCluster]] = []
        self._index: dict[tuple[URIRef, int], int] = {}

    def __setitem__(self, place: tuple[int, int], event: tuple[URIRef, EventCluster]) -> None:
        key = (event[0], id(event[1]))
        at = self._index.get(key)
        if at is None:
            at = self._index[key] = len(self._events)
            self._events.append(event)
        self._at[place] = at

    def __getitem__(self, place: tuple[int, int]) -> tuple[URIRef, EventCluster]:
        return self._events[self._at[place]]

    def __contains__(self, place: object) -> bool:
        return place in self._at


class GraphWriter:
    """Writes resolved results into an rdflib :class:`Dataset`, one named graph per article."""

    def __init__(self, results: Sequence[ArticleResult], resolution: Resolution, events: Sequence[EventCluster],
                 gaz: Gazetteer, minter: IdMinter):
        self.results = results
        self.res = resolution
        self.events = events
        self.gaz = gaz
        self.ids = minter
        self.entity_iris = [self._entity_iri(e) for e in resolution.entities]
        self.gaz_to_gid = {e.gaz_id: e.gid for e in resolution.entities if e.gaz_id}
        self.person_by_name = {n.casefold(): e.gid for e in resolution.entities if e.type == "Person"
                               for n in (e.label, *e.names) if len(n.split()) > 1}
        self.kinds = load_kinds()
        self.policies = load_policies()
        for kind in self.kinds.values():
            for hook in kind.hooks:
                if hook not in EVENT_HOOKS:
                    raise DataError(f"{FILE}: {kind.name}.hooks: {hook!r} is not one of: {', '.join(EVENT_HOOKS)}")
        # an article's event facts by their place among its event facts: (article index, k) -> its event; a
        # streaming build writes other objects (read again from the work folder) than those resolution clustered
        self.event_of_fact = EventTable([sum(isinstance(f, EventFact) for f in r.facts) for r in results])
        self._places: dict[int, dict[int, list[tuple[int, int]]]] = {}  # see event_places
        self.event_labels: dict[URIRef, str] = {}
        # kind -> global id of a participant its events share -> those events (what a relief relaxes)
        self.events_on: dict[str, dict[int, set[URIRef]]] = {k: {} for k in self.kinds}
        for cluster in events:
            iri = self._event_iri(cluster)
            self.event_labels[iri] = self._cluster_label(cluster)
            shared = self.kinds[cluster.kind].shared
            for ai, fact in cluster.facts:
                for key in self.event_places(ai, fact):
                    self.event_of_fact[key] = (iri, cluster)
                for i in fact.entities(shared):
                    self.events_on[cluster.kind].setdefault(resolution.gid(ai, i), set()).add(iri)

    def event_places(self, ai: int, fact: EventFact) -> list[tuple[int, int]]:
        """The keys of ``event_of_fact`` for this fact object of article ``ai``: (ai, k) for each place k it has among
        the article's event facts (found by identity, in the article's own list: no table of every fact is kept)."""
        places = self._places.get(ai)
        if places is None:
            facts = [f for f in self.results[ai].facts if isinstance(f, EventFact)]
            if len(facts) <= 16:
                return [(ai, k) for k, f in enumerate(facts) if f is fact]
            # an article of many event facts (an incremental build's synthetic article of the store's events): a table
            places = self._places[ai] = defaultdict(list)
            for k, f in enumerate(facts):
                places[id(f)].append((ai, k))
        return places.get(id(fact), [])

    @cached_property
    def article_iris(self) -> list[URIRef]:
        """Each article's IRI, made on first use (a streaming build's writer makes each from the whole result)."""
        return [self.ids.article(r.article.key, r.article.file_name) for r in self.results]

    # -- IRIs --------------------------------------------------------------
    def _entity_iri(self, ent) -> URIRef:
        if ent.gaz_id:
            return self.ids.entity(ent.type, ent.gaz_id)
        return self.ids.entity(ent.type, ent.label)

    def _event_iri(self, cluster: EventCluster) -> URIRef:
        slug, parts = self.policies[cluster.kind].identity(cluster, self._label_of)
        return self.ids.event(self.kinds[cluster.kind].path, "-".join(slug), "\x1f".join(parts))

    def _label_of(self, ai: int, local_id: int) -> str:
        return self.res.entities[self.res.gid(ai, local_id)].label

    # -- writing -------------------------------------------------------------
    def write(self, ds: Dataset) -> None:
        bind_prefixes(ds, self.ids.base)
        for ai in range(len(self.results)):
            self.write_article(ds, ai)

    def write_article(self, ds: Dataset, ai: int, result: ArticleResult | None = None) -> None:
        """Write the named graph of article number ``ai`` into ``ds`` (a streaming build writes a few at a time).

        ``result``: the article's whole result, when ``results[ai]`` is only what resolution read of it (a streaming
        build's compact record, :mod:`kg.builder.stream`): the same entities and event facts, in the same order.
        """
        if result is None:
            self._write_article(ds.graph(self.article_iris[ai]), ai, self.results[ai])
        else:
            self._write_article(ds.graph(self.ids.article(result.article.key, result.article.file_name)), ai, result)

    def _write_article(self, g: Graph, ai: int, result: ArticleResult) -> None:
        """Write article ``ai`` into its named graph ``g`` (named by the article's IRI)."""
        art = result.article
        a = g.identifier
        g.add((a, RDF.type, KG.Article))
        g.add((a, KG.fileName, _lit(art.file_name, 300)))
        g.add((a, KG.contentHash, Literal(art.content_hash)))
        g.add((a, KG.wordCount, Literal(result.words)))
        g.add((a, KG.removedLines, Literal(art.removed_lines)))
        if art.title:
            g.add((a, SCHEMA.headline, _lit(art.title, 500)))
        if art.date:
            g.add((a, SCHEMA.datePublished, _date_literal(art.date)))
        for author in art.authors:
            # the byline's people are Person nodes: the same IRI as the person named in any text
            person = self._person_named(author)
            g.add((a, SCHEMA.author, person))
            g.add((person, RDF.type, KG.Person))
            g.add((person, RDFS.label, _lit(self._person_label(person, author), 300)))
        if art.url:
            g.add((a, SCHEMA.url, _lit(art.url, 2000)))
        if art.outlet:
            g.add((a, SCHEMA.publisher, _lit(art.outlet, 200)))
            g.add((a, KG.outlet, _lit(art.outlet, 200)))

        used = {e.local_id for e in result.entities if not e.implicit}
        for fact in result.facts:
            used |= set(_fact_entities(fact))
        for ent in result.entities:
            if ent.local_id not in used:
                continue
            gid = self.res.gid(ai, ent.local_id)
            self._write_entity(g, gid, ent, a)
        events = 0
        for fact in result.facts:
            self._write_fact(g, ai, fact, a, events)
            events += isinstance(fact, EventFact)

    def _declare(self, g: Graph, gid: int) -> URIRef:
        ent = self.res.entities[gid]
        iri = self.entity_iris[gid]
        g.add((iri, RDF.type, KG[ent.type]))
        g.add((iri, RDFS.label, _lit(ent.label, 300)))
        if ent.gaz_id:
            entry = self.gaz.entries[ent.gaz_id]
            if entry.type == "GovernmentBody" and entry.country:
                country = self._gaz_node(g, entry.country)
                g.add((iri, KG.jurisdiction, country))
            parent = self._mentioned_parent(entry)
            if parent is not None:
                g.add((iri, KG.partOf, self._gaz_node(g, parent)))
        return iri

    def _person_named(self, name: str) -> URIRef:
        gid = self.person_by_name.get(name.casefold())
        return self.entity_iris[gid] if gid is not None else self.ids.entity("Person", name)

    def _person_label(self, iri: URIRef, name: str) -> str:
        gid = self.person_by_name.get(name.casefold())
        return self.res.entities[gid].label if gid is not None else name

    def _mentioned_parent(self, entry) -> str | None:
        """The nearest enclosing government body that the corpus mentions, else the national government.

        "House of Representatives" is partOf "United States Congress" only when the
        articles name Congress; otherwise partOf the United States government.
        """
        if entry.type != "GovernmentBody" or not entry.parent:
            return None
        parent = entry.parent
        seen = set()
        while parent and parent not in seen:
            seen.add(parent)
            pe = self.gaz.entries[parent]
            if pe.type != "GovernmentBody":
                return None
            gid = self.gaz_to_gid.get(parent)
            if (gid is not None and self.res.entities[gid].articles) or parent.endswith("-government"):
                return parent
            if not pe.parent:
                break
            parent = pe.parent
        gov = self.gaz.government_of(entry.country) if entry.country else None
        return gov.id if gov is not None and gov.id != entry.id else None

    def _gaz_node(self, g: Graph, gaz_id: str) -> URIRef:
        gid = self.gaz_to_gid.get(gaz_id)
        if gid is not None:
            iri = self.entity_iris[gid]
            ent = self.res.entities[gid]
            g.add((iri, RDF.type, KG[ent.type]))
            g.add((iri, RDFS.label, _lit(ent.label, 300)))
            return iri
        entry = self.gaz.entries[gaz_id]
        iri = self.ids.entity(entry.type, entry.id)
        g.add((iri, RDF.type, KG[entry.type]))
        g.add((iri, RDFS.label, _lit(entry.name, 300)))
        return iri

    def _write_entity(self, g: Graph, gid: int, ent, article: URIRef) -> None:
        iri = self._declare(g, gid)
        label = self.res.entities[gid].label
        for name in sorted(ent.names):
            if name != label and ent.names[name] > 0:
                g.add((iri, SKOS.altLabel, _lit(name, 300)))
        if not ent.implicit and ent.mentions:
            g.add((iri, KG.mentionedIn, article))
            g.add((iri, KG.mentionCount, Literal(ent.mentions)))

    def _iri(self, ai: int, local_id: int) -> URIRef:
        return self.entity_iris[self.res.gid(ai, local_id)]

    def _write_fact(self, g: Graph, ai: int, fact, article: URIRef, event: int) -> None:
        """Write one fact; ``event``: how many event facts of the article came before it."""
        if isinstance(fact, Relation):
            s, o = self._iri(ai, fact.subject), self._iri(ai, fact.object)
            if s == o:
                return
            p = KG[fact.predicate]
            g.add((s, p, o))
            ev = self.ids.node("evidence", f"{s}|{p}|{o}|{article}|{fact.evidence}")
            g.add((ev, RDF.type, KG.Evidence))
            g.add((ev, RDF.subject, s))
            g.add((ev, RDF.predicate, p))
            g.add((ev, RDF.object, o))
            g.add((ev, KG.evidence, _lit(fact.evidence)))
            g.add((ev, PROV.wasDerivedFrom, article))
            if fact.title:
                g.add((s, KG.jobTitle, _lit(fact.title, 200)))
                g.add((ev, KG.jobTitle, _lit(fact.title, 200)))
        elif isinstance(fact, EventFact):
            iri, _cluster = self.event_of_fact[(ai, event)]
            self._write_event(g, ai, fact, iri, article)
        elif isinstance(fact, StatementFact):
            speaker = self._iri(ai, fact.speaker)
            st = self.ids.node("statement", f"{speaker}|{fact.quote}")
            g.add((st, RDF.type, KG.Statement))
            g.add((st, KG.speaker, speaker))
            g.add((st, KG.quote, _lit(fact.quote)))
            g.add((st, KG.evidence, _lit(fact.evidence)))
            g.add((st, PROV.wasDerivedFrom, article))
            if fact.date:
                g.add((st, KG.date, _date_literal(fact.date)))
            if fact.date_text:
                g.add((st, KG.dateText, _lit(fact.date_text, 200)))

    def _write_event(self, g: Graph, ai: int, fact: EventFact, iri: URIRef, article: URIRef) -> None:
        kind = self.kinds[fact.kind]
        g.add((iri, KG.evidence, _lit(fact.evidence)))
        g.add((iri, PROV.wasDerivedFrom, article))
        if fact.date:
            g.add((iri, KG.date, _date_literal(fact.date)))
        if fact.date_text:
            g.add((iri, KG.dateText, _lit(fact.date_text, 200)))
        if fact.status:
            g.add((iri, KG.status, _lit(fact.status, 100)))
        g.add((iri, RDF.type, KG[kind.cls]))
        g.add((iri, RDFS.label, _lit(self.event_labels[iri], 300)))
        for slot in kind.slots:
            if slot.entities:
                for i in fact.entities(slot.name):
                    g.add((iri, KG[slot.property], self._iri(ai, i)))
            elif fact.text(slot.name):
                g.add((iri, KG[slot.property], _lit(fact.text(slot.name), slot.limit)))
        for hook, params in kind.hooks.items():
            EVENT_HOOKS[hook](self, g, ai, fact, iri, params)

    def related_events(self, ai: int, fact: EventFact, kind: str) -> list[URIRef]:
        """Events of ``kind`` that share a participant with this fact's ``shared`` slot."""
        out: set[URIRef] = set()
        for i in fact.entities(self.kinds[fact.kind].shared):
            out |= self.events_on[kind].get(self.res.gid(ai, i), set())
        return sorted(out)

    def _names(self, ai: int, locals_, *, prefer_orgs: bool = False) -> str:
        ents = [self.res.entities[self.res.gid(ai, i)] for i in locals_]
        if prefer_orgs and any(e.type != "Person" for e in ents):
            ents = [e for e in ents if e.type != "Person"]
        return ", ".join(sorted({e.label for e in ents}))

    def _cluster_label(self, cluster: EventCluster) -> str:
        """One readable label per event, the same in every article's graph, from its kind's template: the
        first report's parties, the value most reports give (the most told item or programme)."""
        return render_label(self.kinds[cluster.kind], cluster, self._names)


def render_label(kind: EventKind, cluster: EventCluster, names) -> str:
    """A cluster's label from its kind's template (``kinds.yaml``: label)."""
    ai, first = cluster.facts[0]

    def value(slot: str, modifier: str | None) -> str:
        if kind.slot(slot).entities:
            return names(ai, first.entities(slot), prefer_orgs=modifier == "orgs")
        told = [f.text(slot) for _, f in cluster.facts if f.text(slot)]
        return max(sorted(set(told)), key=told.count) if told else ""

    def field(m) -> str:
        return value(m.group(1), m.group(2)) or (m.group(3) or "")

    def optional(m) -> str:
        part = m.group(1)
        if any(not value(f.group(1), f.group(2)) for f in LABEL_FIELD.finditer(part)):
            return ""
        return LABEL_FIELD.sub(field, part)

    return LABEL_FIELD.sub(field, LABEL_OPTIONAL.sub(optional, kind.label))


def _start_date(writer: GraphWriter, g: Graph, ai: int, fact: EventFact, iri: URIRef, params) -> None:
    """kg:startDate: the date of a report of a measure is when it started."""
    if fact.date:
        g.add((iri, KG.startDate, _date_literal(fact.date)))


def _relaxes(writer: GraphWriter, g: Graph, ai: int, fact: EventFact, iri: URIRef, params) -> None:
    """kg:relaxes: the events of ``params["kind"]`` on the same participant (the sanctions a relief relaxes)."""
    for relaxed in writer.related_events(ai, fact, params["kind"]):
        g.add((iri, KG.relaxes, relaxed))


# The hooks a kind of kinds.yaml may name (hooks:), each (writer, graph, article index, fact, event IRI, params).
EVENT_HOOKS = {"start_date": _start_date, "relaxes": _relaxes}


def write_copies(ds: Dataset, copies: Sequence[Copy], minter: IdMinter) -> list[URIRef]:
    """Write each copy as a ``kg:Article`` in a named graph of its own, ``kg:copyOf`` its original; returns their IRIs.

    A copy has no facts (it is not analysed) and no authors (its byline names no ``kg:Person``, so a copy adds no
    entity); its headline, date, URL, outlet, file name and content hash are kept, the last so that an
    incremental build finds it unchanged next time.
    """
    iris = []
    for c in copies:
        art = c.copy
        a = minter.article(art.key, art.file_name)
        g = ds.graph(a)
        g.add((a, RDF.type, KG.Article))
        g.add((a, KG.copyOf, minter.article(c.original.key, c.original.file_name)))
        g.add((a, KG.fileName, _lit(art.file_name, 300)))
        g.add((a, KG.contentHash, Literal(art.content_hash)))
        if art.title:
            g.add((a, SCHEMA.headline, _lit(art.title, 500)))
        if art.date:
            g.add((a, SCHEMA.datePublished, _date_literal(art.date)))
        if art.url:
            g.add((a, SCHEMA.url, _lit(art.url, 2000)))
        if art.outlet:
            g.add((a, SCHEMA.publisher, _lit(art.outlet, 200)))
            g.add((a, KG.outlet, _lit(art.outlet, 200)))
        iris.append(a)
    return iris


def _fact_entities(fact) -> list[int]:
    if isinstance(fact, Relation):
        return [fact.subject, fact.object]
    if isinstance(fact, EventFact):
        return fact.entity_ids()
    if isinstance(fact, StatementFact):
        return [fact.speaker]
    return []


def output_prefixes(g: Graph | Dataset) -> dict[str, str]:
    """The prefixes written in Turtle/TriG output: the common vocabularies and the IRI paths of this build."""
    bound = {p: str(n) for p, n in g.namespaces()}
    out = dict(OUTPUT_PREFIXES)
    out.update({p: bound[p] for p in ("id", *id_prefixes()) if p in bound})
    return dict(sorted(out.items()))


def union_graph(ds: Dataset) -> Graph:
    """All triples of all named graphs in one graph (for graph.ttl)."""
    g = Graph()
    for prefix, ns in ds.namespaces():
        g.bind(prefix, ns, override=True, replace=True)
    for s, p, o, _ in ds.quads((None, None, None, None)):
        g.add((s, p, o))
    return g

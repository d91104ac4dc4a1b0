"""The graph as FollowTheMoney entities: JSON lines that OpenSanctions' and Aleph's tools read.

People, companies, organisations and government bodies become ``Person``, ``Company``, ``Organization`` and
``PublicBody``; a sanction becomes one ``Sanction`` per target (``entity``, ``authority``, ``program``,
``provisions``, dates, ``sourceUrl``); relations become ``Ownership`` (a subsidiary), ``Directorship`` (a chief
executive or head), ``Employment``, ``Membership`` or ``UnknownLink``; offers, mergers, lawsuits and tariffs
become ``Event``; every article an ``Article`` that the others cite as ``proof``. Which kg: term becomes what is
data: ``kg/knowledge/data/ftm.yaml`` (it also says what a country becomes). Entities built by the
``followthemoney`` library (``pip install 'newskg[export]'``), one JSON object a line, sorted by id; ids are
``newskg-`` and the IRI's last two parts for entities and articles (``newskg-company-huawei``), FtM's
``make_id`` hash of the parts for the rest, so the same graph gives the same bytes.

>>> import json, kg
>>> lines = to_ftm_lines(read_records(kg.load_dataset("out/graph.trig"))).decode().splitlines()
>>> huawei = next(json.loads(x) for x in lines if json.loads(x)["id"] == "newskg-company-huawei")
>>> huawei["schema"], huawei["properties"]["name"], huawei["properties"]["country"]
('Company', ['Huawei'], ['cn'])
"""
from __future__ import annotations

import functools
import json
import re
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from kg.errors import DataError, KgError
from kg.export.records import Records, local_name, read_records
from kg.knowledge.datafiles import load_data
from kg.knowledge.kinds import load_kinds

__all__ = ["FtmMapping", "load_mapping", "read_records", "to_ftm_entities", "to_ftm_lines"]

FILE = "kg/knowledge/data/ftm.yaml"
PREFIX = "newskg"


def _model():
    try:
        from followthemoney import model
    except ImportError as exc:
        raise KgError("the ftm format needs the followthemoney package: pip install 'newskg[export]' "
                      "(or pip install followthemoney)") from exc
    return model


@dataclass(frozen=True)
class FtmMapping:
    """``ftm.yaml``, checked against the FollowTheMoney model."""

    entities: dict[str, str]  # kg class -> FtM schema
    codes: dict[str, str]  # kg property -> FtM property taking the object's country code
    parent: frozenset[str]  # kg properties written as FtM `parent`
    relations: dict[str, dict[str, str]]  # kg property -> {schema, subject, object, role}
    fallback: dict[str, str]
    events: dict[str, dict[str, Any]]  # kind -> {schema, ended}


@functools.lru_cache(maxsize=1)
def load_mapping() -> FtmMapping:
    """Read and check ``ftm.yaml`` (once per process).

    Raises:
        DataError: a key, schema or property the file names does not exist (the message names it).
        KgError: followthemoney is not installed.
    """
    model = _model()
    raw = load_data("ftm.yaml")
    if not isinstance(raw, dict):
        raise DataError(f"{FILE}: expected a mapping")

    def schema(name: Any, where: str):
        found = model.get(str(name))
        if found is None or found.abstract:
            raise DataError(f"{FILE}: {where}: {name!r} is not a FollowTheMoney schema one can write")
        return found

    def prop(sch, name: Any, where: str) -> str:
        if sch.get(str(name)) is None:
            raise DataError(f"{FILE}: {where}: {sch.name} has no property {name!r}")
        return str(name)

    try:
        entities = {str(k): schema(v, f"entities.{k}").name for k, v in raw["entities"].items()}
        codes = {str(k): str(v) for k, v in raw["codes"].items()}
        for k, v in codes.items():
            prop(model.get("LegalEntity"), v, f"codes.{k}")
        relations = {}
        for k, spec in {**raw["relations"], "*": raw["fallback"]}.items():
            sch = schema(spec["schema"], f"relations.{k}")
            relations[k] = {"schema": sch.name, "subject": prop(sch, spec["subject"], f"relations.{k}"),
                            "object": prop(sch, spec["object"], f"relations.{k}"), "role": str(spec.get("role", ""))}
        kinds = load_kinds()
        events = {}
        for k, spec in raw["events"].items():
            if k not in kinds:
                raise DataError(f"{FILE}: events.{k}: no such kind in kinds.yaml; kinds: {', '.join(kinds)}")
            events[k] = {"schema": schema(spec["schema"], f"events.{k}").name, "ended": bool(spec.get("ended"))}
    except (KeyError, TypeError, AttributeError) as exc:
        raise DataError(f"{FILE}: missing or malformed key {exc}; see the comment at the top of the file") from exc
    return FtmMapping(entities=entities, codes=codes, parent=frozenset(map(str, raw.get("parent", ()))),
                      relations={k: v for k, v in relations.items() if k != "*"}, fallback=relations["*"],
                      events=events)


def entity_id(iri: str) -> str:
    """The FtM id of an entity or article: ``newskg-`` and the last two parts of its IRI.

    >>> entity_id("https://w3id.org/newskg/id/company/huawei")
    'newskg-company-huawei'
    """
    return "-".join([PREFIX, *iri.rstrip("/").split("/")[-2:]])


class _Writer:
    """Builds the proxies: one per id, entities made on first reference, so every reference is in the file."""

    def __init__(self, records: Records, mapping: FtmMapping):
        self.model = _model()
        self.rec = records
        self.map = mapping
        self.proxies: dict[str, Any] = {}
        self.codes: dict[str, str | None] = {}
        # a body's governing countries (kg:jurisdiction) and the bodies it is part of, for a sanction's `country`
        self.governs: dict[str, list[str]] = defaultdict(list)
        self.parents: dict[str, list[str]] = defaultdict(list)
        for r in records.relations:
            prop = local_name(r.predicate)
            if mapping.codes.get(prop) == "jurisdiction":
                self.governs[r.subject].append(r.object)
            elif prop in mapping.parent:
                self.parents[r.subject].append(r.object)

    def make(self, schema: str, ident: str):
        proxy = self.model.make_entity(schema)
        proxy.id = ident
        self.proxies[ident] = proxy
        return proxy

    def cite(self, proxy, articles) -> None:
        """``sourceUrl`` and ``proof`` (the Article entities) of the articles that state it."""
        for iri in articles:
            article = self.rec.articles.get(iri)
            if article is None:
                continue
            proxy.add("proof", self.article(article.iri))
            if article.url:
                proxy.add("sourceUrl", article.url)

    def article(self, iri: str) -> str:
        ident = entity_id(iri)
        if ident not in self.proxies:
            a = self.rec.articles[iri]
            proxy = self.make("Article", ident)
            proxy.add("title", a.headline or a.file or local_name(iri))
            proxy.add("publishedAt", a.date[:10] if a.date else None)
            proxy.add("publisher", a.outlet or None)
            proxy.add("sourceUrl", a.url or None)
            proxy.add("fileName", a.file or None)
        return ident

    def entity(self, iri: str) -> str:
        """The id of an entity's proxy, made now if it is not yet (a country only when it is a party)."""
        ident = entity_id(iri)
        if ident in self.proxies:
            return ident
        e = self.rec.entities[iri]
        proxy = self.make(self.map.entities[e.type], ident)
        proxy.add("name", e.label)
        proxy.add("alias", list(e.aliases))
        if e.type == "Country":
            for code_prop in ("country", "jurisdiction"):
                proxy.add(code_prop, self.code(iri))
        if e.type == "Person":
            proxy.add("position", list(e.job_titles))
        self.cite(proxy, e.articles)
        return ident

    def code(self, country_iri: str) -> str | None:
        """The country's ISO code, as FtM's country type reads its label or an alias."""
        from followthemoney import registry

        if country_iri not in self.codes:
            e = self.rec.entities[country_iri]
            self.codes[country_iri] = next(filter(None, map(registry.country.clean, (e.label, *e.aliases))), None)
        return self.codes[country_iri]

    def relation(self, r) -> None:
        prop = local_name(r.predicate)
        subject, obj = self.rec.entities[r.subject], self.rec.entities[r.object]
        if prop in self.map.codes and obj.type == "Country":
            if subject.type != "Country":
                self.proxies[self.entity(r.subject)].add(self.map.codes[prop], self.code(r.object))
            return
        if prop in self.map.parent and "Country" not in (subject.type, obj.type):
            self.proxies[self.entity(r.subject)].add("parent", self.entity(r.object))
            return
        spec = self.map.relations.get(prop, self.map.fallback)
        if not self._fits(spec, subject, obj):
            spec = self.map.fallback
        a, b = self.entity(r.subject), self.entity(r.object)
        # one interest per pair and schema: "CEO of" and "head of" the same company are one Directorship
        ident = self._hash_id(spec["schema"], r.subject, r.object)
        link = self.proxies.get(ident) or self.make(spec["schema"], ident)
        link.add(spec["subject"], a)
        link.add(spec["object"], b)
        link.add("role", list(r.job_titles) or spec["role"] or self._property_label(prop))
        self.cite(link, r.articles)

    def _fits(self, spec, subject, obj) -> bool:
        schema = self.model.get(spec["schema"])
        for name, entity in ((spec["subject"], subject), (spec["object"], obj)):
            target = self.model.get(self.map.entities[entity.type])
            if not target.is_a(schema.get(name).range):
                return False
        return True

    @staticmethod
    def _property_label(prop: str) -> str:
        return re.sub(r"(?<!^)(?=[A-Z])", " ", prop).lower()

    def _hash_id(self, *parts: str) -> str:
        proxy = self.model.make_entity("Thing")
        return f"{PREFIX}-{proxy.make_id(*parts)}"

    def event(self, e, sentences: dict[str, list[str]]) -> None:
        spec = self.map.events.get(e.kind)
        if spec is None:
            return
        kind = load_kinds()[e.kind]
        agent = kind.slot(kind.agent).property
        entities = [s.property for s in kind.entity_slots]
        if spec["schema"] == "Sanction":
            for target in e.get(kind.slot(kind.shared).property if kind.shared else "target"):
                if target in self.rec.entities:
                    self._sanction(e, target, agent, ended=spec["ended"], sentences=sentences.get(e.iri, []))
            return
        proxy = self.make(spec["schema"], entity_id(e.iri))
        proxy.add("name", e.label or local_name(e.iri))
        for prop in entities:
            for value in e.get(prop):
                if value in self.rec.entities:
                    proxy.add("organizer" if prop == agent else "involved", self.entity(value))
        self._event_common(proxy, e, sentences.get(e.iri, []))

    def _sanction(self, e, target: str, agent: str, *, ended: bool, sentences: list[str]) -> None:
        proxy = self.make("Sanction", self._hash_id("Sanction", e.iri, target))
        proxy.add("entity", self.entity(target))
        authorities = [v for v in e.get(agent) if v in self.rec.entities]
        proxy.add("authority", [self.rec.label(v) for v in authorities])
        for v in authorities:
            proxy.add("country", self._jurisdiction(v))
        proxy.add("program", list(e.get("program")))
        proxy.add("provisions", list(e.get("restriction")))
        proxy.add("startDate", list(e.get("startDate")) if not ended else None)
        proxy.add("endDate", list(e.get("endDate")) or (list(e.get("date")) if ended else None))
        self._event_common(proxy, e, sentences)

    def _event_common(self, proxy, e, sentences: list[str]) -> None:
        proxy.add("summary", e.label or None)
        proxy.add("date", list(e.get("date")))
        if proxy.schema.get("status") is not None:
            proxy.add("status", list(e.get("status")))
        else:  # FtM's Event has no status: an offer's "rejected", "withdrawn" go in its notes
            proxy.add("notes", [f"status: {s}" for s in e.get("status")])
        proxy.add("description", sentences)
        proxy.add("recordId", e.iri)
        self.cite(proxy, e.articles)

    def _jurisdiction(self, iri: str) -> list[str]:
        """The codes of the countries whose government a body is, or is part of (one step up)."""
        countries = self.governs.get(iri) or [c for p in self.parents.get(iri, ()) for c in self.governs.get(p, ())]
        return [code for code in map(self.code, countries) if code]


def to_ftm_entities(records: Records) -> list[dict]:
    """Every FtM entity of the graph as a dict (``id``, ``schema``, ``properties``), sorted by id.

    Raises:
        KgError: followthemoney is not installed.
        DataError: ``ftm.yaml`` is malformed.
    """
    writer = _Writer(records, load_mapping())
    for iri, e in records.entities.items():
        if e.type != "Country":
            writer.entity(iri)
    for r in records.relations:
        writer.relation(r)
    sentences: dict[str, list[str]] = {}
    for ev in records.evidence:
        sentences.setdefault(ev.fact, []).append(ev.sentence)
    for e in records.events:
        writer.event(e, sentences)
    out = []
    for ident in sorted(writer.proxies):
        data = writer.proxies[ident].to_dict()
        data["properties"] = {k: sorted(v) for k, v in sorted(data["properties"].items())}
        out.append(data)
    return out


def to_ftm_lines(records: Records) -> bytes:
    """The FtM entities as JSON lines (UTF-8, one entity a line, keys sorted)."""
    return b"".join(json.dumps(d, ensure_ascii=False, sort_keys=True).encode("utf-8") + b"\n"
                    for d in to_ftm_entities(records))

"""Event resolution across articles: one node per real-world event (offer, sanction, relief, ...).

Reports merge when their parties resolve to the same entities (:mod:`kg.resolve.entities`) and what else
their kind's merge policy compares agrees; distinct events stay distinct. Which policy a kind follows, and
with which slots and words, is data (``kinds.yaml``, :mod:`kg.knowledge.kinds`); the policies are the
classes registered in :data:`POLICIES`. :func:`jurisdictions` says which country each government body acts
for, so that a country and its bodies count as one party.
"""
from __future__ import annotations

import itertools
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from kg.errors import DataError
from kg.extract.facts import ArticleResult, EventFact, Relation, make_event
from kg.knowledge.gazetteer import Gazetteer
from kg.knowledge.kinds import FILE, EventKind, load_kinds
from kg.resolve.entities import Resolution


@dataclass
class EventCluster:
    """One real-world event: the facts (article index, fact) that report it."""

    kind: str  # a kind of kinds.yaml
    facts: list[tuple[int, EventFact]]
    signatures: set = field(default_factory=set)  # distinct (signature, year) of its reports
    shared: set = field(default_factory=set)  # global ids of the participants its reports share


@dataclass
class Parties:
    """Global ids of a fact's local entities, as the merge policies compare them."""

    resolution: Resolution
    jurisdiction_of: Mapping[int, int]

    def gids(self, ai: int, locals_: Iterable[int]) -> frozenset[int]:
        return frozenset(self.resolution.gid(ai, i) for i in locals_)

    def acting(self, ai: int, locals_: Iterable[int]) -> frozenset[int]:
        """The parties as the governments (or companies) they act for."""
        return frozenset(self.jurisdiction_of.get(g, g) for g in self.gids(ai, locals_))

    def organisations(self, ai: int, locals_: Iterable[int]) -> frozenset[int]:
        """A person offering for the company they lead is that company; organisations only, when there are some."""
        ents = self.resolution.entities
        orgs = frozenset(self.jurisdiction_of.get(g, g) if ents[g].type == "Person" else g
                         for g in self.gids(ai, locals_))
        return frozenset(g for g in orgs if ents[g].bucket == "Organization") or self.acting(ai, locals_)


LabelOf = Callable[[int, int], str]  # (article index, local id) -> the entity's label


def _year(date: str | None) -> str | None:
    return date[:4] if date else None


def _months(date: str) -> int:
    return int(date[:4]) * 12 + (int(date[5:7]) if len(date) >= 7 else 6)


class Measure:
    """Same agent (by jurisdiction), a participant in common, compatible signature and (optionally) year:
    a sanction, a relief. Groups that came to share a participant after the first pass merge too."""

    def __init__(self, kind: EventKind):
        m = kind.merge
        if kind.shared is None:
            raise DataError(f"{FILE}: {kind.name}: the measure policy needs a `shared` slot")
        self.kind = kind
        self.signature: str | None = m.get("signature")
        self.same_year = bool(m.get("same_year", True))
        self.iri_word = str(m.get("iri_word", kind.name))
        self.any_signature = frozenset(str(w) for w in m.get("any_signature", ())) | {""}
        self.strip = [re.compile(r"^(" + "|".join(re.escape(str(w)) for w in group) + r")\s+")
                      for group in m.get("strip_prefixes", ())]
        self._keys: dict[str | None, str] = {}

    def group_key(self, ai: int, fact: EventFact, parties: Parties):
        return parties.acting(ai, fact.entities(self.kind.agent))

    def _signature(self, fact: EventFact) -> tuple:
        return (fact.text(self.signature), _year(fact.date) if self.same_year else None)

    def _key(self, value: str | None) -> str:
        if value not in self._keys:
            p = (value or "").lower().strip()
            for pattern in self.strip:
                p = pattern.sub("", p)
            self._keys[value] = p
        return self._keys[value]

    def _compatible(self, a: tuple, b: tuple) -> bool:
        ka, kb = self._key(a[0]), self._key(b[0])
        return (ka == kb or ka in self.any_signature or kb in self.any_signature) and (
            a[1] is None or b[1] is None or a[1] == b[1])

    def join(self, group: Group, ai: int, fact: EventFact, parties: Parties) -> EventCluster:
        shared = parties.gids(ai, fact.entities(self.kind.shared))
        sig = self._signature(fact)
        # the first cluster (in the group's order) with a participant in common, and compatible with each distinct
        # (signature, year) of the cluster (not each report); the index finds the ones with a participant in common
        for at in group.sharing(shared):
            c = group[at]
            if all(self._compatible(sig, s) for s in c.signatures):
                c.facts.append((ai, fact))
                c.signatures.add(sig)
                group.note(at, shared - c.shared)
                c.shared |= shared
                return c
        c = EventCluster(self.kind.name, [(ai, fact)], signatures={sig}, shared=set(shared))
        group.append(c)
        group.note(len(group) - 1, shared)
        return c

    def across(self, groups: dict, gone: set[int], parties: Parties) -> None:
        return None  # a measure's reports are grouped by their agent alone

    def settle(self, group: list[EventCluster], gone: set[int]) -> None:
        """Clusters of one agent that came to share a participant after the greedy pass ("Huawei", "ZTE",
        then "Huawei and ZTE") are one event when their signatures agree: the result does not depend on
        the order the articles were read in.

        The first such pair (in the group's order) merges, again and again. After a merge, the pairs before the
        changed cluster that do not involve it are still apart, so only the ones that do are looked at again;
        an index of the participants finds the pairs with one in common."""
        live = Group()
        for c in group:
            if id(c) not in gone:
                live.append(c)
                live.note(len(live) - 1, c.shared)
        dead: set[int] = set()
        at = 0
        while at < len(live):
            later = self._first_match(live, at, dead, after=True) if at not in dead else None
            if later is None:
                at += 1
                continue
            self._absorb(live, at, later, dead, gone)
            earlier = self._first_match(live, at, dead, after=False)
            while earlier is not None:  # the changed cluster may now match one before it: that pair came first
                self._absorb(live, earlier, at, dead, gone)
                at, earlier = earlier, self._first_match(live, earlier, dead, after=False)

    def _first_match(self, live: Group, at: int, dead: set[int], *, after: bool) -> int | None:
        """The first cluster after (or before) place ``at`` with a participant in common and compatible signatures."""
        a = live[at]
        for k in live.sharing(a.shared):
            if k != at and (k > at) == after and k not in dead and all(
                    self._compatible(sa, sb) for sa in a.signatures for sb in live[k].signatures):
                return k
        return None

    @staticmethod
    def _absorb(live: Group, keep: int, lose: int, dead: set[int], gone: set[int]) -> None:
        a, b = live[keep], live[lose]
        a.facts.extend(b.facts)
        a.signatures |= b.signatures
        live.note(keep, b.shared - a.shared)
        a.shared |= b.shared
        dead.add(lose)
        gone.add(id(b))

    def identity(self, cluster: EventCluster, label_of: LabelOf) -> tuple[list[str], list[str]]:
        """(words of the IRI's slug, parts of its hash) of a cluster: its first report's parties, its first
        signature and year."""
        ai, first = cluster.facts[0]
        by = sorted(label_of(ai, i) for i in first.entities(self.kind.agent))
        tg = sorted(label_of(ai, i) for i in first.entities(self.kind.shared))
        sigs = sorted({(f.text(self.signature) or "").lower() for _, f in cluster.facts} - {""})
        years = sorted({f.date[:4] for _, f in cluster.facts if f.date})
        return [*by[:1], *tg[:1], *(sigs[:1] or [self.iri_word])], [cluster.kind, *by, "|", *tg, "|", *sigs[:1],
                                                                     *years[:1]]

    def prior_facts(self, roles: Mapping[str, tuple[int, ...]], literals: Mapping[str, set[str]],
                    date: str | None) -> list[EventFact]:
        """Facts standing for an event a store already holds: one per signature, since a new report must fit
        every signature the event was told with."""
        kind = self.kind
        if not roles.get(kind.agent) and not roles.get(kind.shared):
            return []
        values = sorted(literals.get(kind.slot(self.signature).property, ())) if self.signature else []
        return [make_event(kind.name, evidence="", date=date if i == 0 else None, **roles,
                           **({self.signature: value} if self.signature else {}))
                for i, value in enumerate(values or [None])]


class Bid:
    """Same organisation as agent, overlapping words, within a window of months unless an outcome: an offer."""

    def __init__(self, kind: EventKind):
        m = kind.merge
        if "words" not in m:
            raise DataError(f"{FILE}: {kind.name}.merge: the bid policy needs `words`")
        self.kind = kind
        self.words: str = m["words"]
        self.window = int(m.get("window_months", 12))
        self.outcomes = frozenset(str(w) for w in m.get("outcomes", ()))
        self.stop = frozenset(str(w) for w in m.get("stop_words", ()))
        self.iri_word = str(m.get("iri_word", kind.name))
        self._summaries: dict[int, list] = {}  # id(cluster) -> see _summary

    def group_key(self, ai: int, fact: EventFact, parties: Parties):
        return parties.organisations(ai, fact.entities(self.kind.agent))

    def _words(self, fact: EventFact) -> set[str]:
        return {w for w in re.findall(r"[a-z0-9]+", (fact.text(self.words) or "").lower())
                if w not in self.stop and len(w) > 1}

    def _month(self, fact: EventFact) -> int | None:
        """The month that binds a report to the others of its offer: revised bids in one takeover fight (November,
        then February) are one offer; an outcome ("dropped its plan", "rejected") may come years after the offer, and
        a report without a date fits any."""
        return _months(fact.date) if fact.date and fact.status not in self.outcomes else None

    def _summary(self, c: EventCluster, parties: Parties) -> list:
        """[the cluster, its facts summed up, the words of them all, the earliest and latest of their months, the
        global ids of their offerees]: what :meth:`join` compares a new report with, brought up to date with the facts
        added since it was last read, so that a cluster's reports are not read again at every join (an offer told by
        many articles)."""
        s = self._summaries.get(id(c))
        if s is None or s[0] is not c:
            s = self._summaries[id(c)] = [c, 0, set(), None, None, set()]
        for ai, f in c.facts[s[1]:]:
            s[2] |= self._words(f)
            s[5] |= self._recipients(ai, f, parties)
            month = self._month(f)
            if month is not None:
                s[3] = month if s[3] is None else min(s[3], month)
                s[4] = month if s[4] is None else max(s[4], month)
        s[1] = len(c.facts)
        return s

    def _recipients(self, ai: int, fact: EventFact, parties: Parties) -> frozenset[int]:
        """The global ids of the parties the offer is made to (every entity slot but the agent's)."""
        return frozenset(g for slot in self.kind.entity_slots if slot.name != self.kind.agent
                         for g in parties.gids(ai, fact.entities(slot.name)))

    def join(self, group: list[EventCluster], ai: int, fact: EventFact, parties: Parties) -> EventCluster:
        """The first cluster whose reports share a word with this one (or have none) and are all within the window of
        months of it; else the latest such cluster with an offeree of this one ("a combination of the two companies"
        and "its offer for Unilever", both Kraft Heinz's to Unilever; an undated outcome joins the latest offer to
        that party, not a bid of years before); else a new cluster."""
        words = self._words(fact)
        month = self._month(fact)
        to = self._recipients(ai, fact, parties)
        by_offeree = None
        for c in group:
            _c, _n, other, lo, hi, offerees = self._summary(c, parties)
            close = month is None or lo is None or (month - lo <= self.window and hi - month <= self.window)
            if (not words or not other or words & other) and close:
                c.facts.append((ai, fact))
                return c
            if to & offerees and close:
                by_offeree = c
        if by_offeree is not None:
            by_offeree.facts.append((ai, fact))
            return by_offeree
        c = EventCluster(self.kind.name, [(ai, fact)])
        group.append(c)
        return c

    def settle(self, group: list[EventCluster], gone: set[int]) -> None:
        return None

    def across(self, groups: dict, gone: set[int], parties: Parties) -> None:
        """A deal two parties make with each other, told with both as its agents ("A and B agreed to merge"), is also
        what each is told offering the other ("A's offer for B", "B's merger proposal to A"): the clusters of one
        party's offers to the other within the window of months join it. Only the groups of the parties' own subsets
        are looked at (a few dictionary lookups per joint offer, whatever the corpus)."""
        joint = [(key, group) for (kind, key), group in list(groups.items())
                 if kind == self.kind.name and 2 <= len(key) <= 4]
        for key, group in joint:
            parts = [frozenset(c) for n in range(1, len(key)) for c in itertools.combinations(sorted(key), n)]
            for mutual in (c for c in group if id(c) not in gone):
                if not key <= self._summary(mutual, parties)[5]:
                    continue  # not offered to its own offerors: a joint bid for a third party
                for part in parts:
                    for c in [c for c in groups.get((self.kind.name, part), ()) if id(c) not in gone]:
                        lo, hi = self._summary(mutual, parties)[3:5]
                        s = self._summary(c, parties)
                        close = lo is None or s[3] is None or (s[4] - lo <= self.window and hi - s[3] <= self.window)
                        if s[5] and s[5] <= key and close:
                            mutual.facts.extend(c.facts)
                            gone.add(id(c))

    def identity(self, cluster: EventCluster, label_of: LabelOf) -> tuple[list[str], list[str]]:
        """(words of the IRI's slug, parts of its hash): its first report's agent, first words and year."""
        ai, first = cluster.facts[0]
        by = sorted(label_of(ai, i) for i in first.entities(self.kind.agent))
        items = sorted({(f.text(self.words) or "") for _, f in cluster.facts})
        years = sorted({f.date[:4] for _, f in cluster.facts if f.date})
        slug = [*by[:1], *(items[0].split()[:4] if items and items[0] else [self.iri_word])]
        return slug, [cluster.kind, *by, "|", *items[:1], *years[:1]]

    def prior_facts(self, roles: Mapping[str, tuple[int, ...]], literals: Mapping[str, set[str]],
                    date: str | None) -> list[EventFact]:
        """The fact standing for an offer a store already holds: its parties and all its words."""
        if not roles.get(self.kind.agent):
            return []
        words = " ".join(sorted(literals.get(self.kind.slot(self.words).property, ()))) or None
        return [make_event(self.kind.name, evidence="", date=date, **roles, **{self.words: words})]


class Group(list):
    """The clusters of one kind and group key, in the order they were made, with the places of the clusters each
    participant (global id) is shared by: the clusters a measure may join are found without looking at the others."""

    def __init__(self) -> None:
        super().__init__()
        self.places: dict[int, list[int]] = defaultdict(list)

    def note(self, at: int, participants: Iterable[int]) -> None:
        """Record that the cluster at place ``at`` now also shares ``participants``."""
        for g in participants:
            self.places[g].append(at)

    def sharing(self, participants: Iterable[int]) -> list[int]:
        """The places, in order, of the clusters that share one of ``participants``."""
        return sorted({at for g in participants for at in self.places.get(g, ())})


# The merge policies a kind of kinds.yaml may name (merge.policy).
POLICIES: dict[str, Callable[[EventKind], Measure | Bid]] = {"measure": Measure, "bid": Bid}


def load_policies() -> dict[str, Measure | Bid]:
    """Each kind's merge policy, set up with its parameters.

    Raises:
        DataError: a kind names a policy that is not registered (the message lists them).
    """
    out = {}
    for kind in load_kinds().values():
        policy = kind.merge["policy"]
        if policy not in POLICIES:
            raise DataError(f"{FILE}: {kind.name}.merge.policy {policy!r} is not one of: {', '.join(POLICIES)}")
        out[kind.name] = POLICIES[policy](kind)
    return out


def cluster_events(results: Sequence[ArticleResult], resolution: Resolution,
                   jurisdiction_of: dict[int, int]) -> list[EventCluster]:
    """Group the event facts of all articles into real-world events, each kind by its merge policy.

    Args:
        jurisdiction_of: global entity id -> the global id of the government it
            acts for (a ministry -> its national government, a president -> the
            government he heads), so that "the Commerce Department" and "the US"
            imposing the same listing merge.
    """
    policies = load_policies()
    parties = Parties(resolution, jurisdiction_of)
    clusters: list[EventCluster] = []
    groups: dict[tuple, Group] = defaultdict(Group)
    for ai, res in enumerate(results):
        for fact in res.facts:
            if not isinstance(fact, EventFact):
                continue
            policy = policies[fact.kind]
            group = groups[(fact.kind, policy.group_key(ai, fact, parties))]
            size = len(group)
            cluster = policy.join(group, ai, fact, parties)
            if len(group) > size:
                clusters.append(cluster)
    gone: set[int] = set()
    for (kind, _key), group in groups.items():
        policies[kind].settle(group, gone)
    for policy in policies.values():
        policy.across(groups, gone, parties)
    return [c for c in clusters if id(c) not in gone]


LEADS = ("headOf", "ceoOf", "founderOf")  # the relations :func:`jurisdictions` reads


def jurisdictions(results: Sequence[ArticleResult], resolution: Resolution, gaz: Gazetteer) -> dict[int, int]:
    """Map who acts for whom: a ministry -> its national government, a head of government -> that
    government, the founder or chief executive of one company -> that company."""
    gaz_to_gid = {e.gaz_id: e.gid for e in resolution.entities if e.gaz_id}
    out: dict[int, int] = {}
    for e in resolution.entities:
        if e.type == "GovernmentBody" and e.gaz_id:
            entry = gaz.entries[e.gaz_id]
            gov = gaz.government_of(entry.country) if entry.country else None
            if gov and gov.id in gaz_to_gid:
                out[e.gid] = gaz_to_gid[gov.id]
    leads: dict[int, set[int]] = {}
    for ai, res in enumerate(results):
        for f in res.facts:
            if isinstance(f, Relation) and f.predicate in LEADS:
                s, o = resolution.gid(ai, f.subject), resolution.gid(ai, f.object)
                if resolution.entities[o].type == "GovernmentBody" and f.predicate == "headOf":
                    out.setdefault(s, out.get(o, o))
                elif resolution.entities[o].type in ("Company", "Organization"):
                    leads.setdefault(s, set()).add(o)
    for person, orgs in leads.items():
        if person not in out and len(orgs) == 1:
            out[person] = next(iter(orgs))  # the one company this person leads, across the corpus
    return out

"""News-shaped view graphs of any size, for the graph view's browser tests and its time-to-interactive benchmark.

Out: a :class:`networkx.MultiDiGraph` with exactly the node, edge and graph attributes that
:func:`kg.view.network.to_networkx` gives a real build (``tests/test_view_layout.py`` checks that they match),
so it goes through the same page code (:func:`kg.view.page.write_view`) a build's graph does. Its shape follows
what builds of real news give: stories (communities) of people, companies and government bodies around a few
hubs, events (sanctions, offers, reliefs) with an actor and a target in the story, quotes, a few countries
shared by every story, and about a third of the nodes without any relation (named once, related to nothing).
Names are made up from syllables; deterministic for a seed.
"""
from __future__ import annotations

import random

import networkx as nx

ID = "https://w3id.org/newskg/id/"
SYLLABLES = ("ka", "lor", "ven", "tri", "mar", "sol", "dex", "nor", "qua", "bel", "ri", "to", "zan", "vi", "mon",
             "el", "sta", "gra", "pe", "lin", "cor", "du", "ha", "ser")
COMPANY_SUFFIX = ("Systems", "Holdings", "Energy", "Telecom", "Semiconductor", "Bank", "Motors", "Pharma", "Group")
BODY = ("Ministry of Trade", "Treasury", "Commerce Department", "Competition Authority", "Central Bank",
        "Foreign Ministry", "Senate", "Export Control Office")
TITLES = ("chief executive", "chairman", "minister", "spokesperson", "founder", "senior analyst", "director")
# (kind, share of the nodes of a story); the rest of a story's nodes are people
STORY = (("Company", .24), ("GovernmentBody", .08), ("Organization", .05), ("Sanction", .05), ("Offer", .04),
         ("SanctionRelief", .01), ("Statement", .08))
ISOLATED = .30
NODES_PER_ARTICLE = 11  # 56 real articles gave 612 nodes


def _name(rnd: random.Random, parts: int = 2) -> str:
    return "".join(rnd.choice(SYLLABLES) for _ in range(parts)).title()


def generate_view_graph(n: int, *, seed: int = 1) -> nx.MultiDiGraph:
    """A view graph of exactly ``n`` nodes (``n`` >= 30), news-shaped (see the module docstring).

    >>> G = generate_view_graph(600)
    >>> G.number_of_nodes(), sorted(G.nodes["https://w3id.org/newskg/id/country/c0"])[:3]
    (600, ['aliases', 'articles', 'details'])
    """
    if n < 30:
        raise ValueError(f"a generated view graph needs at least 30 nodes, not {n}")
    rnd = random.Random(seed)
    arts = [f"{ID}article/a{i}" for i in range(max(3, n // NODES_PER_ARTICLE))]
    G = nx.MultiDiGraph(articles={a: {"headline": f"{_name(rnd, 3)} report {i}", "outlet": f"Outlet {i % 9}",
                                      "date": f"20{15 + i % 10}-{1 + i % 12:02d}-{1 + i % 28:02d}",
                                      "url": f"https://news.example/{i}", "file": f"a{i}.md"}
                                  for i, a in enumerate(arts)},
                        authors=[], copies={})
    events: set[str] = set()

    def add(kind: str, slug: str, label: str, articles: list[str], **extra) -> str:
        iri = f"{ID}{kind.lower()}/{slug}"
        event = kind in ("Sanction", "Offer", "SanctionRelief", "Statement")
        if event:
            events.add(iri)
        G.add_node(iri, label=label, kind=kind, aliases=[], roles=[], details=extra.get("details", {}),
                   evidence=[{"sentence": f"{label}, a sentence of {a[len(ID):]}.", "article": a}
                             for a in articles] if event else [],
                   articles=sorted(set(articles)), sources=len(set(articles)), mentions=0 if event else len(articles))
        return iri

    def relate(s: str, o: str, rel: str, articles: list[str], sentence: bool = True) -> None:
        if s in events:  # an event's role edges carry the event's sentences, as in a build
            ev = [dict(e, job_title="") for e in G.nodes[s]["evidence"]]
        else:
            ev = [{"sentence": f"{G.nodes[s]['label']} {rel} {G.nodes[o]['label']}.", "article": a, "job_title": ""}
                  for a in articles] if sentence else []
        G.add_edge(s, o, key=rel, relation=rel, predicate=f"https://w3id.org/newskg/ontology#{rel}", label=rel,
                   evidence=ev, articles=sorted(set(articles)))

    countries = [add("Country", f"c{i}", _name(rnd, 2) + "ia", []) for i in range(max(4, int(n ** .5 / 2)))]
    isolated = int(n * ISOLATED)
    story_count = max(1, (n - len(countries) - isolated) // 60)
    budget = n - len(countries) - isolated
    for st in range(story_count):
        size = budget // story_count + (1 if st < budget % story_count else 0)
        home = countries[min(len(countries) - 1, int(rnd.paretovariate(1.2)) - 1)]
        story_arts = rnd.sample(arts, min(len(arts), 2 + size // 15))
        pick_arts = lambda k=1: rnd.sample(story_arts, min(len(story_arts), k))  # noqa: E731
        members: dict[str, list[str]] = {}
        counts = {kind: max(1, round(size * share)) for kind, share in STORY}
        counts["Person"] = size - sum(counts.values())
        for kind, count in counts.items():
            for j in range(count):
                slug = f"s{st}-{kind.lower()}-{j}"
                weight = 1 + int(rnd.paretovariate(1.5))  # a few names reported far more than the others
                if kind == "Person":
                    label = f"{_name(rnd)} {_name(rnd, 3)}"
                elif kind == "Company":
                    label = f"{_name(rnd)} {rnd.choice(COMPANY_SUFFIX)}"
                elif kind == "GovernmentBody":
                    label = f"{G.nodes[home]['label']} {rnd.choice(BODY)}"
                elif kind == "Organization":
                    label = f"{_name(rnd)} Institute"
                else:
                    label = ""  # events are named after their parties below
                members.setdefault(kind, []).append(add(kind, slug, label, pick_arts(min(weight, 4))))
        hubs = members["Company"][:2] + members["GovernmentBody"][:1]
        entities = members["Person"] + members["Company"] + members["GovernmentBody"] + members["Organization"]
        orgs = members["Company"] + members["GovernmentBody"] + members["Organization"]

        def hubby(pool: list[str]) -> str:  # preferential: the story's first names are its hubs
            return pool[min(len(pool) - 1, int(rnd.paretovariate(1.1)) - 1)] if rnd.random() < .6 else rnd.choice(pool)

        for person in members["Person"]:
            org = hubby(orgs)
            rel = rnd.choice(("employeeOf", "ceoOf", "headOf", "memberOf", "founderOf"))
            relate(person, org, rel, pick_arts())
            G.nodes[person]["roles"].append({"title": rnd.choice(TITLES), "organization": org})
        for company in members["Company"]:
            relate(company, home if rnd.random() < .8 else rnd.choice(countries), "basedIn", pick_arts(), False)
            if rnd.random() < .5:
                relate(company, hubby(members["Company"]), rnd.choice(("customerOf", "competitorOf", "subsidiaryOf")),
                       pick_arts())
        for body in members["GovernmentBody"] + members["Organization"]:
            relate(body, home, "jurisdiction" if body in members["GovernmentBody"] else "basedIn", [], False)
        for kind, actor, role_a, role_t in (("Sanction", "GovernmentBody", "imposedBy", "target"),
                                            ("Offer", "Company", "offeredBy", "offeredTo"),
                                            ("SanctionRelief", "GovernmentBody", "imposedBy", "target")):
            for event in members[kind]:
                a, t = hubby(members[actor]), hubby([h for h in hubs + entities if h not in members[actor]] or hubs)
                label = G.nodes[event]["label"] = f"{G.nodes[a]['label']} {kind.lower()}: {G.nodes[t]['label']}"
                for e in G.nodes[event]["evidence"]:
                    e["sentence"] = f"{label}, as {e['article'][len(ID):]} reports it."
                G.nodes[event]["details"] = {"date": [G.graph["articles"][G.nodes[event]["articles"][0]]["date"]]}
                relate(event, a, role_a, G.nodes[event]["articles"], False)
                relate(event, t, role_t, G.nodes[event]["articles"], False)
        for quote in members["Statement"]:
            G.nodes[quote]["label"] = f"\u201c{_name(rnd, 4)} will not stand\u201d"
            for e in G.nodes[quote]["evidence"]:
                e["sentence"] = f"{G.nodes[quote]['label']}, said in {e['article'][len(ID):]}."
            relate(quote, rnd.choice(members["Person"] or entities), "speaker", G.nodes[quote]["articles"], False)
        for _ in range(max(1, size // 30)):  # stories touch: a few links across
            other = rnd.choice(entities)
            far = rnd.choice([m for m in G.nodes if G.nodes[m]["kind"] in ("Company", "GovernmentBody")])
            if far != other:
                relate(other, far, "affiliatedWith", pick_arts())
    for i in range(n - G.number_of_nodes()):  # named once, related to nothing
        kind = rnd.choice(("Person", "Person", "Company", "Organization"))
        add(kind, f"lone-{i}", f"{_name(rnd)} {_name(rnd, 3)}", [rnd.choice(arts)])
    return G

"""Entity typing and merging within and across articles, and event resolution."""
from __future__ import annotations

from rdflib import RDF, RDFS, Namespace
from rdflib.namespace import SKOS

from kg.builder.full import build
from kg.rdf.writer import union_graph

KG = Namespace("https://w3id.org/newskg/ontology#")
PROV = Namespace("http://www.w3.org/ns/prov#")

ARTICLES = {
    "a.txt": """Gadget maker Zentrix said on Monday that its founder Lorna Quayle would step down.
Quayle built Zentrix into the largest maker of smart thermostats in Europe.
Huawei founder Ren Zhengfei told reporters that Ren had no plans to retire, and Zhengfei smiled.
The US and the United States government were mentioned together.
""",
    "b.txt": """Hauwei’s phones sold well in Europe last year, the company said in a statement on Friday.
Zentrix Ltd shares rose 4% after Lorna Quayle's departure was announced.
Analysts said the United States would watch closely.
""",
}


def _write(tmp_path, articles):
    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in articles.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def _nodes_named(ds, name):
    return {s for s, p, o in ds.triples((None, None, None))
            if p in (RDFS.label, SKOS.altLabel) and str(o) == name}


def test_surface_forms_merge_within_and_across_articles(tmp_path):
    result = build([str(_write(tmp_path, ARTICLES))], out=None)
    ds = union_graph(result.dataset)
    # one node for each entity, whatever the surface form
    assert _nodes_named(ds, "Ren Zhengfei") == _nodes_named(ds, "Ren") | _nodes_named(ds, "Ren Zhengfei")
    assert len(_nodes_named(ds, "Ren Zhengfei") | _nodes_named(ds, "Zhengfei")) == 1
    assert len(_nodes_named(ds, "Huawei") | _nodes_named(ds, "Hauwei")) == 1
    assert len(_nodes_named(ds, "Lorna Quayle") | _nodes_named(ds, "Quayle")) == 1
    assert len(_nodes_named(ds, "Zentrix") | _nodes_named(ds, "Zentrix Ltd")) == 1
    countries = {s for s in _nodes_named(ds, "United States") | _nodes_named(ds, "US")
                 if (s, RDF.type, KG.Country) in ds}
    assert len(countries) == 1


def test_typos_and_types(tmp_path):
    result = build([str(_write(tmp_path, ARTICLES))], out=None)
    ds = union_graph(result.dataset)
    (huawei,) = _nodes_named(ds, "Huawei")
    assert (huawei, RDF.type, KG.Company) in ds
    assert (huawei, SKOS.altLabel, None) in ds
    (zentrix,) = _nodes_named(ds, "Zentrix") | _nodes_named(ds, "Zentrix Ltd")
    assert (zentrix, RDF.type, KG.Company) in ds
    # the company is mentioned by both articles: two sources
    assert len(set(ds.objects(zentrix, KG.mentionedIn))) == 2


OFFER_STORIES = {
    "x1.md": """# Oreland offers its battery patents to rivals

Published at: **2021-05-10T09:00:00+00:00**

Oreland founder Pia Lund offered on Monday to license the company's battery patents to any European carmaker for a one-time fee.
""",
    "x2.txt": """Oreland's chief executive Pia Lund has offered to share its battery patents with rivals.
The Swedish firm made the offer in May, the company said.
""",
    "x3.txt": """Separately, Oreland made an offer for Voltra, a small charging network, in 2023.
The US Commerce Department added Oreland to the Entity List in 2019.
In 2020 the Commerce Department imposed a new chip rule on Oreland.
""",
}


def test_one_offer_told_by_several_articles_is_one_node(tmp_path):
    result = build([str(_write(tmp_path, OFFER_STORIES))], out=None)
    ds = union_graph(result.dataset)
    offers = set(ds.subjects(RDF.type, KG.Offer))
    patent_offers = [o for o in offers if any("patent" in str(i) for i in ds.objects(o, KG.item))]
    assert len(patent_offers) == 1
    (offer,) = patent_offers
    assert len(set(ds.objects(offer, PROV.wasDerivedFrom))) == 2
    # a different offer by the same company stays distinct
    assert any(any("Voltra" in str(i) for i in ds.objects(o, KG.item)) for o in offers - {offer})


def test_distinct_sanctions_on_one_target_stay_distinct(tmp_path):
    result = build([str(_write(tmp_path, OFFER_STORIES))], out=None)
    ds = union_graph(result.dataset)
    sanctions = set(ds.subjects(RDF.type, KG.Sanction))
    years = sorted(str(d)[:4] for s in sanctions for d in ds.objects(s, KG.startDate))
    assert len(sanctions) == 2, years
    assert years == ["2019", "2020"]


def test_countries_acting_are_their_governments(tmp_path):
    articles = {"g.txt": "Washington imposed sanctions on Iran in 2018, and Beijing retaliated by banning exports "
                         "of gallium to the United States in 2023."}
    ds = union_graph(build([str(_write(tmp_path, articles))], out=None).dataset)
    for sanction in ds.subjects(RDF.type, KG.Sanction):
        for body in ds.objects(sanction, KG.imposedBy):
            assert (body, RDF.type, KG.GovernmentBody) in ds
            assert (body, KG.jurisdiction, None) in ds


BID_STORIES = {
    "b1.txt": "Kestrel Foods made an offer for Brightwell Dairy in November 2017, valuing it at $2 billion.\n",
    "b2.txt": "Kestrel Foods raised its bid for Brightwell Dairy in February 2018 to $2.4 billion.\n",
    "b3.txt": "Kestrel Foods dropped its plan to buy Brightwell Dairy in March 2020, ending the long fight.\n",
    "b4.txt": "Kestrel Foods made a new offer for Brightwell Dairy in June 2024, its first in years.\n",
}


def test_revised_bids_and_their_outcome_are_one_offer_a_new_offer_years_later_is_another(tmp_path):
    ds = union_graph(build([str(_write(tmp_path, BID_STORIES))], out=None).dataset)
    offers = set(ds.subjects(RDF.type, KG.Offer))
    sizes = sorted(len(set(ds.objects(o, PROV.wasDerivedFrom))) for o in offers)
    assert sizes == [1, 3], sizes


def test_one_listing_of_several_targets_is_one_sanction_across_articles(tmp_path):
    """Articles naming one, the other, or both targets of the same listing give one node."""
    from kg.builder.full import build

    texts = {
        "a.txt": "Regulator bans gear\n\nThe Federal Communications Commission banned new equipment from Hikvision "
                 "and Dahua on Friday, citing national security.\n",
        "b.txt": "Camera maker hit\n\nThe Federal Communications Commission banned new equipment from Hikvision on "
                 "Friday. The company said it would appeal.\n",
        "c.txt": "Second camera maker hit\n\nThe Federal Communications Commission banned new equipment from Dahua "
                 "on Friday. Dahua declined to comment.\n",
    }
    for name, text in texts.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    result = build([str(tmp_path / n) for n in ("b.txt", "c.txt", "a.txt")], out=tmp_path / "out")
    rows = list(result.dataset.query(
        "SELECT ?s (COUNT(DISTINCT ?t) AS ?n) WHERE { GRAPH ?g { ?s a kg:Sanction ; kg:target ?t } } GROUP BY ?s",
        initNs={"kg": "https://w3id.org/newskg/ontology#"}))
    assert len(rows) == 1 and int(rows[0][1]) == 2, rows


def test_an_entity_left_without_a_name_is_labelled_by_its_key_not_a_crash():
    # a name tagged as a person in a headline and as a company in the body is merged into one entity; the
    # shell left behind has no name of its own (a 2,000-article build once stopped on one)
    from kg.knowledge.gazetteer import load_gazetteer
    from kg.nlp.registry import LocalEntity
    from kg.resolve.entities import merge_entities

    shell = LocalEntity(local_id=3, type="Person", key="Person:corvid energy", implicit=True)
    merged = merge_entities(0, [shell], [0], load_gazetteer())
    assert merged.label == "corvid energy"


def test_tellings_of_one_offer_in_other_words_merge_by_their_offeree(tmp_path):
    # the same bidder, the same target, the same month: one offer whatever words name what is offered
    articles = {
        "w1.txt": "Orvane Brands offered Halberd Foods a combination of the two companies on Friday.\n",
        "w2.txt": "Orvane Brands withdrew its offer for Halberd Foods on Sunday, two days after Halberd Foods "
                  "rejected it.\n",
        "w3.txt": "Orvane Brands agreed to sell its frozen pizza unit to Tamsin Dairy on Friday for $2 billion.\n",
    }
    ds = union_graph(build([str(_write(tmp_path, articles))], out=None).dataset)
    to_halberd = [o for o in ds.subjects(RDF.type, KG.Offer)
                  if any("Halberd" in str(ds.value(t, RDFS.label)) for t in ds.objects(o, KG.offeredTo))]
    assert len(to_halberd) == 1
    assert len(set(ds.objects(to_halberd[0], PROV.wasDerivedFrom))) == 2
    # an offer of the same bidder to another party stays its own
    assert any(any("Tamsin" in str(ds.value(t, RDFS.label)) for t in ds.objects(o, KG.offeredTo))
               for o in set(ds.subjects(RDF.type, KG.Offer)) - set(to_halberd))

"""Organisations the text describes rather than names, and names the model took for places: "Syngenta's board"
with "Syngenta" tagged as a place, "the Uxbridge-based confectioner", "the St. Louis seed group". Cities come
from the GeoNames table (kg/knowledge/data/gazetteer/cities.tsv), only where the words already say "place".
Sentences are written for this project.
"""
from __future__ import annotations

import pytest
from factlib import analyse_text, entity_types, relations

from kg.knowledge.places import country_of_city, country_of_place


@pytest.mark.parametrize("name,near,country", [
    ("Allentown", (), "united-states"),
    ("The Woodlands", (), "united-states"),
    ("St. Louis", (), "united-states"),
    ("Saint Louis", (), "united-states"),
    ("Toyota City", (), "japan"),  # the city's own name is "Toyota"
    ("Levallois-Perret", (), "france"),
    ("Uxbridge", (), "united-kingdom"),  # the larger of two Uxbridges
    ("Uxbridge", ("canada",), "canada"),  # ... unless the article is about Canada
    ("Cambridge", ("united-states",), "united-states"),  # the article names only the US
    ("Cambridge", ("canada", "united-states"), "canada"),  # of those it names, the most populous
    ("Uxbridge", ("united-states",), "united-kingdom"),  # none there: the one with 3 times the people of the other
])
def test_a_city_of_the_geonames_table_gives_its_country(name, near, country):
    assert country_of_city(name, frozenset(near)) == country


@pytest.mark.parametrize("name", ["Kestrel", "Varden Petroleum", "Board", "", "Hamilton", "Cambridge"])
def test_a_name_that_is_no_city_or_many_gives_none(name):
    # Hamilton and Cambridge: cities in several countries, none three times the size of the others
    assert country_of_city(name) is None


@pytest.mark.parametrize("name", ["Nokia", "Toyota", "Reading", "Mobile"])
def test_the_city_table_never_makes_a_name_a_place_by_itself(name):
    # cities that share a company's name: only the words around them may say "place"
    assert country_of_place(name) is None


@pytest.mark.parametrize("text,name", [
    # names the model tags as places (GPE) in these sentences, told to be organisations by what they own or do
    ("Orlan Energy tried to take over Syngenta. Syngenta's board refused even to open talks.", "Syngenta"),
    ("Syngenta, which is based in Basel and is led by chief executive Mike Mack, makes crop chemicals.", "Syngenta"),
    ("Ravelsby Foods said on Monday that Quenta's directors had approved the deal.", "Quenta"),
])
def test_an_organisation_the_model_took_for_a_place_is_found(text, name):
    assert entity_types(analyse_text(text)).get(name) in ("Company", "Organization")


@pytest.mark.parametrize("text,name", [
    # a product after "the maker of" is no organisation
    ("Kraft agreed to buy Cadbury, valuing the maker of Dairy Milk at about £11.5bn.", "Dairy Milk"),
    # a place that a "which" clause describes with another verb stays a place
    ("Talks moved to Lausanne, which hosted the last round in May.", "Lausanne"),
    ("The Thames, which runs through London, flooded parts of Oxfordshire.", "Thames"),
    ("Kerala, which is led by the Communist Party of India, reported heavy rains on Monday.", "Kerala"),
    ("Gdynia, which employs thousands at its port, wants a new terminal.", "Gdynia"),
    ("Zermatt, which is based around tourism, banned cars decades ago.", "Zermatt"),
    ("Kestrel Ltd opened a plant in Zamosc, which is run by a new mayor.", "Zamosc"),
])
def test_look_alikes_of_an_organisation_stay_out(text, name):
    assert name not in entity_types(analyse_text(text))


@pytest.mark.parametrize("text,triple", [
    ("Syngenta, which is based in Basel and is led by chief executive Mike Mack, makes crop chemicals. Its shares "
     "rose after the company rejected a takeover bid.", ("Mike Mack", "ceoOf", "Syngenta")),
    # a definite description with a city the table knows, going on from the topic
    ("Orlan Energy agreed to buy Varden Petroleum. The Woodlands-based producer will pay $40 a share.",
     ("Orlan Energy", "basedIn", "United States")),
    ("Halvard Chemicals dropped its bid for Perrin. The Allentown-based company said it would not raise the price.",
     ("Halvard Chemicals", "basedIn", "United States")),
    ("Merrow Motors named a new chief. The Toyota City-based group said the change takes effect in April.",
     ("Merrow Motors", "basedIn", "Japan")),
    ("Kestrel Foods said on Monday it had raised its offer for Varden Petroleum. The St. Louis seed group said the "
     "new price was final.", ("Kestrel Foods", "basedIn", "United States")),
    ("Pellan Oil, which is headquartered in San Ramon, reported results.", ("Pellan Oil", "basedIn", "United States")),
    # a street a city owns
    ("Credit Suisse named a new chief. The bank, headquartered on Zurich's Paradeplatz, said profits fell.",
     ("Credit Suisse", "basedIn", "Switzerland")),
    # "Its head, X" of a government body the sentence before names
    ("The ban was announced by Rosselkhoznadzor, the food safety agency. Its head, Sergei Dankvert, said checks would "
     "continue.", ("Sergei Dankvert", "headOf", "Rosselkhoznadzor")),
    # a copula with a seat noun
    ("Renault's headquarters are in Boulogne-Billancourt, west of Paris.", ("Renault", "basedIn", "France")),
    # a description of another country than the topic's: the other company of the sentence before
    ("Bayer bought Monsanto. The St. Louis seed group had resisted for months.", ("Monsanto", "basedIn", "United States")),
    ("Kestrel Ltd lost a contract to Harrow Ltd. The Leeds-based rival won with a lower price.",
     ("Harrow Ltd.", "basedIn", "United Kingdom")),
    # the board of a described company, and who chairs it
    # (the topic going on: which of two companies a description means is not said otherwise)
    ("Cadbury received a higher offer from Kraft. The board of the Uxbridge-based confectioner, chaired by Roger "
     "Carr, said it would recommend the terms.", ("Roger Carr", "headOf", "Cadbury")),
    ("Cadbury received a higher offer from Kraft. The board of the Uxbridge-based confectioner, chaired by Roger "
     "Carr, said it would recommend the terms.", ("Cadbury", "basedIn", "United Kingdom")),
    # a misparse that leaves the first sentence no main subject: the subject that opens it is the topic
    ("Britvic has rejected two takeover proposals from Carlsberg, saying the Danish brewer's latest price, which "
     "values the soft drinks group at about £3.1bn, significantly undervalues the business. The Hemel Hempstead-based "
     "company said Carlsberg had first approached it on June 6.", ("Britvic", "basedIn", "United Kingdom")),
])
def test_a_described_organisation_gets_its_facts(text, triple):
    assert triple in relations(analyse_text(text))


@pytest.mark.parametrize("text,absent", [
    # an apposition describes the name it follows, not the topic
    ("Canadian National lost the vote. TCI Fund Management, the London hedge fund run by Chris Hohn, opposed the deal.",
     ("Chris Hohn", "ceoOf", "Canadian National")),
    # a person's description with a place is no organisation's
    ("Kraft raised its offer for Cadbury. The London-based analyst said the price was fair.",
     ("Kraft", "basedIn", "United Kingdom")),
    # a government body's description is not a company's seat, nor are a museum's, a club's, a team's
    ("Kestrel Foods was fined. The Brussels-based commission said it would appeal nothing.",
     ("Kestrel Foods", "basedIn", "Belgium")),
    ("Kestrel said profits rose. The Leeds-based museum said visitors fell.", ("Kestrel", "basedIn", "United Kingdom")),
    ("Kestrel Ltd said profits rose. The Leeds-based team won the cup.", ("Kestrel Ltd", "basedIn", "United Kingdom")),
    ("Kestrel Ltd said profits rose. The board of the Leeds-based club, chaired by Ann Marsh, sacked the manager.",
     ("Ann Marsh", "headOf", "Kestrel Ltd")),
    ("Holloway made an offer for Brightwater. The board of the Leeds-based charity, chaired by Ann Marsh, rejected "
     "it.", ("Ann Marsh", "headOf", "Holloway")),
    # a party's description is the other side, not the topic
    ("Orlan Energy agreed to buy Varden Oil for $3 billion. The Calgary-based target has 400 staff.",
     ("Orlan Energy", "basedIn", "Canada")),
    ("Kestrel Ltd sued Harrow Ltd. The Leeds-based defendant denied the claims.",
     ("Kestrel Ltd", "basedIn", "United Kingdom")),
    ("Kestrel Ltd bought Harrow Ltd. The Leeds-based seller had 200 staff.", ("Kestrel Ltd", "basedIn", "United Kingdom")),
    # a seat to come, denied, or a plant's place
    ("Renault's headquarters will be in Lyon after the merger.", ("Renault", "basedIn", "France")),
    ("Renault's headquarters are not in Spain.", ("Renault", "basedIn", "Spain")),
    ("Renault's new plant is in Spain.", ("Renault", "basedIn", "Spain")),
    ("Kestrel Foods' headquarters were in Lyon until 2010.", ("Kestrel Foods", "basedIn", "France")),
    ("Kestrel Foods' headquarters are no longer in Lyon.", ("Kestrel Foods", "basedIn", "France")),
    ("Kestrel Foods' former headquarters are in Lyon.", ("Kestrel Foods", "basedIn", "France")),
    ("Kestrel Foods' European headquarters are in Dublin.", ("Kestrel Foods", "basedIn", "Ireland")),
    # a place after a comma qualifies the one before
    ("Kestrel Foods' headquarters are in Paris, Texas.", ("Kestrel Foods", "basedIn", "France")),
    # a city of many countries, none much larger than the others
    ("Halvorsen Foods is based in Hamilton.", ("Halvorsen Foods", "basedIn", "Canada")),
    # a company the article places elsewhere is not the one a description of another country means
    ("Carlsberg, the Copenhagen-based brewer, bid for Britvic. The Danish group later said the Hemel Hempstead-based "
     "company had refused.", ("Carlsberg", "basedIn", "United Kingdom")),
])
def test_descriptions_that_mean_no_such_fact(text, absent):
    assert absent not in relations(analyse_text(text))

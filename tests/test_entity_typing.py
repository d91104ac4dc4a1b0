"""Typing and clustering entities within one article: people named like organisations, a leader's
government, short names, guessed government bodies, boilerplate that names no one, and the entity
ruler's patterns. Sentences are written here; none is taken from a corpus.
"""
from __future__ import annotations

import pytest
from factlib import analyse_text, entity_types, sanctions

from kg.knowledge.gazetteer import load_gazetteer
from kg.nlp.names import merge_article_aliases
from kg.nlp.pipeline import build_patterns, generated_ministries
from kg.nlp.registry import EntityRegistry
from kg.read.article import parse_article_text


def _organisation_names(result) -> set[str]:
    return {n for e in result.entities if e.bucket == "Organization" for n in e.names if e.names[n] > 0}


# -- a person's name tagged as an organisation or a place --------------------------------------

@pytest.mark.parametrize("title,text,person,word", [
    # the headline names him before the body gives his full name
    ("Regulators meet Trump over chip exports",
     "President Donald Trump met the heads of three chipmakers at the White House on Thursday.",
     "Donald Trump", "Trump"),
    # no full name anywhere: the surname of one gazetteer person
    (None, "Trump said on Monday that he would meet the Chinese leader.", "Donald Trump", "Trump"),
    (None, "Negotiators for Maduro and the opposition met in Oslo on Monday.", "Nicolás Maduro", "Maduro"),
    (None, "Erdogan said the talks would continue.", "Recep Tayyip Erdoğan", "Erdogan"),
    # a full name after a title, whatever the model called it
    (None, "Culture Secretary Jane Holloway said the club could keep playing.", "Jane Holloway", "Jane Holloway"),
])
def test_a_persons_name_is_that_person_not_an_organisation(title, text, person, word):
    result = analyse_text(text, title=title)
    assert entity_types(result).get(person) == "Person", entity_types(result)
    assert word not in _organisation_names(result)


@pytest.mark.parametrize("text,name,etype", [
    ("Morrison shares fell as the retailer Morrison warned on profits.", "Morrison", "Company"),
    ("The Food and Drug Administration approved the drug on Monday.", "Food and Drug Administration", "GovernmentBody"),
])
def test_organisations_named_like_people_stay_organisations(text, name, etype):
    assert entity_types(analyse_text(text)).get(name) == etype


def test_a_place_named_like_a_known_person_is_no_person():
    assert "Person" not in entity_types(analyse_text("The company opened an office in Austin, Texas.")).values()


# -- "the X administration" -----------------------------------------------------------------------

@pytest.mark.parametrize("text,government", [
    ("The Kishida administration said on Monday it would respond.", "Japanese government"),
    ("Officials in the Erdogan government rejected the plan.", "Turkish government"),
    ("The Scholz cabinet approved the budget on Wednesday.", "German government"),
    ("The Biden administration added the firm to a trade blacklist on Tuesday.", "United States government"),
])
def test_a_leaders_administration_is_the_government_they_head(text, government):
    types = entity_types(analyse_text(text))
    assert types.get(government) == "GovernmentBody", types
    assert "Organization" not in types.values() and "Company" not in types.values()


def test_the_government_of_a_leader_with_no_known_office_is_no_organisation():
    result = analyse_text("Prime Minister Anna Lindqvist said on Monday that the Lindqvist government would not go.")
    assert entity_types(result) == {"Anna Lindqvist": "Person"}


# -- one article: clusters that name the same entity ----------------------------------------------

def _registry(*clusters):
    """A registry holding (key, type, names, gaz id, guessed) clusters, each with one token."""
    reg = EntityRegistry(load_gazetteer())
    for i, (key, etype, names, gaz_id, guessed) in enumerate(clusters):
        ent = reg.add_gaz(gaz_id, implicit=False) if gaz_id else reg.get_or_add(key, etype)
        ent.names.update(names)
        ent.mentions += sum(names.values())
        reg.token_entity[(0, i)] = ent.local_id
        if guessed:
            reg.guessed_bodies.add(ent.local_id)
    return reg


@pytest.mark.parametrize("clusters,merged", [
    # a surname called an organisation is the article's person of that name
    ([("Organization:varga", "Organization", {"Varga": 1}, None, False),
      ("Person:tomas varga", "Person", {"Tomas Varga": 2}, None, False)], {0: 1}),
    # "the Treasury" given the article's main country is the Treasury the article names
    ([("Organization:treasury:venezuela", "GovernmentBody", {"Treasury": 2}, None, True),
      ("", "GovernmentBody", {"Treasury Department": 1}, "us-treasury", False)], {0: 1}),
    # a short name is the company named in full with a corporate suffix, not its unit
    ([("", "Company", {"Raytheon": 1}, "raytheon", False),
      ("", "Company", {"Raytheon Missiles & Defense": 1}, "raytheon-missiles-defense", False),
      ("", "Company", {"Raytheon Technologies": 1}, "rtx", False)], {0: 2}),
])
def test_clusters_naming_one_entity_merge(clusters, merged):
    reg = _registry(*clusters)
    merge_article_aliases(reg)
    for src, dst in merged.items():
        assert reg.token_entity[(0, src)] == dst
        assert reg.entities[src].key == reg.entities[dst].key
        assert reg.entities[src].implicit and not reg.entities[src].names
        assert reg.entities[dst].mentions == sum(c[2][n] for c in (clusters[src], clusters[dst]) for n in c[2])


@pytest.mark.parametrize("clusters", [
    # a company is not a person whose name does not contain it
    [("Organization:bluefinch", "Company", {"Bluefinch": 1}, None, False),
     ("Person:tomas varga", "Person", {"Tomas Varga": 1}, None, False)],
    # two people share the surname: no way to tell
    [("Organization:varga", "Organization", {"Varga": 1}, None, False),
     ("Person:tomas varga", "Person", {"Tomas Varga": 1}, None, False),
     ("Person:ilona varga", "Person", {"Ilona Varga": 1}, None, False)],
    # a body named with its country is not guessed, and two candidate bodies are ambiguous
    [("Organization:treasury:venezuela", "GovernmentBody", {"Treasury": 1}, None, False),
     ("", "GovernmentBody", {"Treasury Department": 1}, "us-treasury", False)],
    [("Organization:treasury:?", "GovernmentBody", {"Treasury": 1}, None, True),
     ("", "GovernmentBody", {"US Treasury": 1}, "us-treasury", False),
     ("", "GovernmentBody", {"HM Treasury": 1}, "uk-treasury", False)],
    # a unit's name is no corporate suffix
    [("", "Company", {"Raytheon": 1}, "raytheon", False),
     ("", "Company", {"Raytheon Missiles & Defense": 1}, "raytheon-missiles-defense", False)],
])
def test_clusters_naming_different_entities_stay_apart(clusters):
    reg = _registry(*clusters)
    keys = [e.key for e in reg.entities]
    merge_article_aliases(reg)
    assert [e.key for e in reg.entities] == keys
    assert all(reg.token_entity[(0, i)] == i for i in range(len(clusters)))


def test_whole_articles_give_one_node_per_entity():
    result = analyse_text("The Pentagon awarded Raytheon Technologies a $2 billion radar contract on Tuesday.",
                          title="Pentagon picks Raytheon for radar deal")
    named = {e.key for e in result.entities if {"Raytheon", "Raytheon Technologies"} & set(e.names)}
    assert named == {"gaz:rtx"}
    result = analyse_text("The Treasury said on Monday that the sanctions on Venezuela would stay. "
                          "The Treasury Department added the oil company Petrovalia to its list.")
    bodies = {e.key for e in result.entities if any("Treasury" in n for n in e.names)}
    assert bodies == {"gaz:us-treasury"}


# -- boilerplate names no one ---------------------------------------------------------------------

BODY = "The regulator fined the bank on Monday for breaking the rules on lending to small firms."


@pytest.mark.parametrize("line", [
    "Reporting by Jane Roe in Oslo; Additional reporting by Tom Poe; Editing by Ann Doe",
    "Writing by Tom Poe; Editing by Ann Doe",
    "Our Standards: The Quillfeather Wire Trust Principles.",
    "The Quillfeather Wire Trust Principles.",
    "Subscribe to Quillfeather Metals Weekly for the stories that move markets, every Monday.",
    "Get the Quillfeather Tech newsletter: the week's biggest stories, every Friday.",
    "The Quillfeather Daily newsletter",
])
def test_credit_standards_and_newsletter_lines_are_boilerplate(line):
    article = parse_article_text(f"{BODY}\n{line}\nThe bank said it would appeal.\n", source="t", file_name="t.txt")
    assert line not in article.text and "appeal" in article.text


@pytest.mark.parametrize("line", [
    "Reporters said the daily briefing was cancelled.",
    "The company said in its weekly newsletter that sales rose.",
    "Analysts said reporting by the bank had been late for years.",
])
def test_prose_about_reporting_and_newsletters_is_kept(line):
    article = parse_article_text(f"{BODY}\n{line}\n", source="t", file_name="t.txt")
    assert line in article.text


# -- entity ruler patterns ------------------------------------------------------------------------

def test_generated_ministries_get_no_pattern_but_stay_in_the_gazetteer():
    gaz = load_gazetteer()
    generated = generated_ministries(gaz)
    ids = {p["id"] for p in build_patterns(gaz)}
    india_finance = gaz.ministry_of("india", "finance")
    assert india_finance.id in generated and f"gaz:{india_finance.id}" not in ids
    # listed bodies keep their patterns
    assert "uk-treasury" not in generated and "gaz:uk-treasury" in ids
    assert "us-treasury" not in generated and "gaz:us-treasury" in ids
    # and a country-qualified ministry still finds the generated body
    assert entity_types(analyse_text("India's Finance Ministry said on Monday it would cut taxes.")).get(
        india_finance.name) == "GovernmentBody"


def test_an_unknown_organisation_in_business_news_is_a_company_and_in_other_news_is_not():
    from factlib import analyse_text, entity_types

    business = ("Cisco agreed to buy Nutanix for $2 billion. The deal values the firm at twice its annual sales, "
                "and shares of the company rose. The chief executive said the acquisition made sense. "
                "Nutanix declined to comment.")
    sport = ("Nutanix beat Harrowgate Rovers 2-1 on Saturday. The fans celebrated the win in the rain. "
             "Nutanix will play again next week.")
    assert entity_types(analyse_text(business)).get("Nutanix") == "Company"
    assert entity_types(analyse_text(sport)).get("Nutanix") == "Organization"


# --- names built on a country word, places before "-based", nationalities, capitalised nouns -----------------

@pytest.mark.parametrize("text, name", [
    ("Nippon Steel agreed to buy a steel mill in Ohio.", "Nippon Steel"),
    ("The board of U.S. Steel backed the sale on Monday.", "U.S. Steel"),
    ("Air China reported profits on Monday.", "Air China"),
    ("Shares of British American Tobacco fell on Monday.", "British American Tobacco"),
    ("Analysts said American Express would gain from the rule.", "American Express"),
])
def test_a_name_built_on_a_country_word_is_an_organisation(text, name):
    types = entity_types(analyse_text(text))
    assert types.get(name) in ("Company", "Organization"), types


@pytest.mark.parametrize("text, not_org", [
    ("US President Joe Biden met Chinese Premier Li Qiang on Monday.", "US President"),
    ("Ships crossed the South China Sea on Monday.", "South China Sea"),
    ("The company was added to the US Entity List in May.", "US Entity List"),
    ("US Blacklists Chinese Chipmaker Over Military Ties", "Chinese Chipmaker"),
    ("Traffic was light in New York and Hong Kong on Monday.", "New York"),
])
def test_places_titles_lists_and_title_case_headlines_are_not_organisations(text, not_org):
    types = entity_types(analyse_text(text))
    assert types.get(not_org) not in ("Company", "Organization"), types


def test_the_place_before_based_is_not_an_organisation_and_the_described_name_is():
    types = entity_types(analyse_text("Three governments moved against Kestrelnet, a Perm-based hosting company that "
                                      "rented servers to ransomware gangs."))
    assert types.get("Kestrelnet") == "Company" and "Perm" not in types, types


@pytest.mark.parametrize("text,word", [
    ("The listing froze his assets and barred Americans from dealing with him.", "Americans"),
    ("The new rules bar Uzbeks and Tajiks from the scheme.", "Uzbeks"),
    ("The ministry imposed sanctions on Venezuelans who had helped the regime.", "Venezuelans"),
    # a party member or a faith named like a nationality
    ("Dana Kell, a Republican from Ohio, backed the sanctions.", "Republican"),
    ("Omar Haddad, a Democrat from Maine, opposed the ban on Kestrel Avionics.", "Democrat"),
])
def test_a_nationality_is_not_discovered_as_an_organisation(text, word):
    types = entity_types(analyse_text(text))
    assert word not in types, types


def test_a_one_word_name_the_model_took_for_a_nationality_is_discovered():
    # the model tags the potash producer's name a nationality (it starts with a country's name); the measure
    # says it is a party
    result = analyse_text("The EU eased the sanctions it had imposed on Belaruskali in 2021.")
    assert entity_types(result).get("Belaruskali") in ("Company", "Organization")
    assert any("Belaruskali" in s["target"] for s in sanctions(result, relief=True))


# Classes from context, for names the model tagged wrongly or not at all (sentences written for this project).
@pytest.mark.parametrize("text,name,cls", [
    # an apposition the parser made a conjunct still describes the name
    ("Tobias Lindqvist, Veltrona's chair and chief executive, said the companies disagreed with the regulators "
     "but had decided to move on.", "Tobias Lindqvist", "Person"),
    # a name that owns a company title is a company
    ("Mara Quist, Kestrelsoft's chief executive, will join the board.", "Kestrelsoft", "Company"),
    # what the subject steps down as
    ("Veltrona said on Tuesday that Ana Ferreira would step down as president and chief executive in March.",
     "Ana Ferreira", "Person"),
    # a "who" clause describes a person
    ("Dylan Halvorsen, who co-founded Veltrona in 2012 and is its chief executive, wrote in a blog post that the "
     "outcome was disappointing.", "Dylan Halvorsen", "Person"),
    # an agency that the model took for a person
    ("Rosvalstvo, the federal agency that manages state property, will run the plants.", "Rosvalstvo",
     "GovernmentBody"),
])
def test_class_from_context(text, name, cls):
    from factlib import analyse_text, entity_types
    assert entity_types(analyse_text(text)).get(name) == cls


def test_business_news_is_judged_per_article_not_per_headline():
    """A headline, read as a text of its own, is business news when its article is: an organisation first named
    there is typed with the whole article's evidence."""
    from kg.nlp.org_typing import is_business_text, mark_business_text
    from kg.knowledge.entity_rules import load_entity_rules
    from kg.nlp.pipeline import load_nlp

    nlp = load_nlp()
    headline = nlp("Adobe and Figmora part ways")
    body = nlp("The company said shares of the firm rose after the acquisition, and its chief executive praised "
               "the bid.")
    mark_business_text([headline, body])
    rules = load_entity_rules()
    assert is_business_text(headline, rules) and is_business_text(body, rules)
    sport = [nlp("Ostfold win the cup"), nlp("The team scored twice in the second half.")]
    mark_business_text(sport)
    assert not any(is_business_text(d, rules) for d in sport)


@pytest.mark.parametrize("text,person,company", [
    # a person who shares a listed company's one-word name is a person, the company stays a company
    ("Kaspersky was founded in Moscow in 1997 and is still led by its co-founder and chief executive, Eugene "
     "Kaspersky.", "Eugene Kaspersky", "Kaspersky"),
    ("Michael Dell said Dell would cut jobs.", "Michael Dell", "Dell Technologies"),
])
def test_a_person_named_like_a_company(text, person, company):
    types = entity_types(analyse_text(text))
    assert types.get(person) == "Person" and types.get(company) == "Company", types


@pytest.mark.parametrize("text", [
    "Regulators Block Nvidia Arm Deal",  # a title-case headline
    "Late on Friday Huawei said it would appeal.",  # a date before the name
    "Chairman Huawei said nothing.",  # a title word is no given name
    "Chipmaker Nvidia said on Monday that its revenue doubled.",  # nor is a class noun
    "Planemaker Boeing halted production of the jet.",
])
def test_no_person_from_a_word_before_a_company(text):
    assert "Person" not in entity_types(analyse_text(text)).values()


@pytest.mark.parametrize("text,unit", [
    # a company's national unit named by the company and a country is one organisation
    ("Veltrona is a Dutch chipmaker. China banned Veltrona China, the group's Chinese subsidiary, from exporting "
     "components.", "Veltrona China"),
    ("Huawei UK said it would appeal the decision.", "Huawei UK"),
])
def test_a_national_unit_is_one_organisation(text, unit):
    types = entity_types(analyse_text(text))
    assert types.get(unit) in ("Company", "Organization"), types


@pytest.mark.parametrize("text", [
    "A Kremlin spokesman told Reuters China would impose sanctions on Kestrel Foods.",  # an outlet, then a clause
    "The deal made Xiaomi China's second-largest phone maker.",  # the country's possessive
    "In an interview with Bloomberg China's commerce minister Mara Quist said the talks would continue.",
    "Sales by Huawei in China fell last year.",
    "Regulators In Britain Block Huawei China Deal",  # a title-case headline
])
def test_no_unit_from_a_company_and_a_country_apart(text):
    assert not any(name.endswith("China") and name != "China" for name in entity_types(analyse_text(text)))


@pytest.mark.parametrize("text,unit", [
    # a listed company's name and a word of its own name a unit ("Siemens Energy"); a title word does not
    ("Siemens Energy listed its shares on Monday.", "Siemens Energy"),
])
def test_a_unit_named_by_the_company_and_a_word(text, unit):
    assert entity_types(analyse_text(text)).get(unit) in ("Company", "Organization")


def test_a_product_after_a_company_is_no_unit():
    types = entity_types(analyse_text("The US banned sales of Nvidia Blackwell chips to China."))
    assert "Nvidia Blackwell" not in types and types.get("Nvidia") == "Company", types


def test_a_title_after_a_company_is_no_unit():
    types = entity_types(analyse_text("Microsoft President Brad Smith said the company would appeal."))
    assert "Microsoft President" not in types and types.get("Brad Smith") == "Person", types


# -- a name the model tags as a person but whose last word names an organisation (sentences written here) --

@pytest.mark.parametrize("text,name,etype", [
    ("Ostrava Rail ended its bid for Corvell Freight after two proposals were turned down.", "Ostrava Rail", "Company"),
    ("Officials met Zara Holdings' chief executive in Madrid.", "Zara Holdings", "Company"),
    ("Imre Kovacs Foundation said the grant would be repaid.", "Imre Kovacs Foundation", "Organization"),
])
def test_a_name_ending_in_an_organisation_word_is_no_person(text, name, etype):
    assert entity_types(analyse_text(text)).get(name) == etype, entity_types(analyse_text(text))


@pytest.mark.parametrize("text,person", [
    ("Ostrava Rail's chief executive, Jana Novakova, said the railway would appeal.", "Jana Novakova"),
    ("Mark Bank, a retired judge, chaired the inquiry.", "Mark Bank"),
])
def test_people_stay_people_beside_the_rule(text, person):
    assert entity_types(analyse_text(text)).get(person) == "Person", entity_types(analyse_text(text))


@pytest.mark.parametrize("text,name,etype", [
    ("Dana Weiss leads the New Hope party in parliament.", "New Hope", "Organization"),
])
def test_a_name_modifying_a_class_noun_takes_its_class(text, name, etype):
    assert entity_types(analyse_text(text)).get(name) == etype, entity_types(analyse_text(text))


@pytest.mark.parametrize("text,name", [
    ("Russia has placed the local businesses of Germany's Uniper and Finland's Fortum under state control.", "Uniper"),
    ("Russia has placed the local businesses of Germany's Uniper and Finland's Fortum under state control.", "Fortum"),
])
def test_a_name_a_country_owns_is_an_organisation(text, name):
    assert entity_types(analyse_text(text)).get(name) in ("Company", "Organization"), entity_types(analyse_text(text))


@pytest.mark.parametrize("text,place", [
    ("Factories in China's Guangdong province shut down.", "Guangdong"),
    ("Troops moved into Ukraine's Donbas region.", "Donbas"),
    ("Russia's Putin met China's Xi in Moscow.", "Xi"),
])
def test_places_and_people_a_country_owns_are_not_organisations(text, place):
    types = entity_types(analyse_text(text))
    assert not any(place in name and t in ("Company", "Organization") for name, t in types.items()), types


# -- the head word of an unknown organisation's name decides its class ------------------------------

@pytest.mark.parametrize("name,etype", [
    ("International Skating Federation", "Organization"),   # not "international" -> company
    ("Oil Producers Association", "Organization"),
    ("Halden Capital Research", "Company"),                 # a research house: "research" is no strong head
    ("Energy Research Institute", "Organization"),
    ("Union Pacific Railroad", "Company"),                 # "union" inside, a railroad at the head
    ("Federation Mining Holdings", "Company"),
    ("Society Capital Partners", "Company"),
    ("Northwind Energy", "Company"),
    ("Harbour Trust Foundation", "Organization"),
    ("Ministry of Mines and Energy", "GovernmentBody"),      # a body "of" its portfolio
    ("Department for Transport", "GovernmentBody"),
    ("Energy Regulatory Commission", "GovernmentBody"),
    ("Treasury Vineyard Estates", "Company"),               # a government word inside a company's name
    ("Federal Parcel Logistics", "Company"),
    ("Customs Intelligence Group", "GovernmentBody"),       # a weak head yields to the body's word
    ("Kremlin Media", "GovernmentBody"),
])
def test_the_head_word_of_an_unknown_name_decides_its_class(name, etype):
    from kg.knowledge.entity_rules import load_entity_rules, type_org

    assert type_org(name, set(), load_entity_rules()) == etype


@pytest.mark.parametrize("text,name", [
    # the model tags the opening word (a body's name) apart from the rest of the company's name
    ("Shares in Treasury Orchard Estates rose 4 percent on Tuesday.", "Treasury Orchard Estates"),
    ("Lena Ortiz, who has run Treasury Orchard Estates since 2019, said the company would expand.",
     "Treasury Orchard Estates"),
    ("Customs Freight Logistics, the Rotterdam-based carrier, was fined on Monday.", "Customs Freight Logistics"),
    ("Investors sold Kremlin Pipe Industries after the ruling.", "Kremlin Pipe Industries"),
])
def test_a_company_name_opening_with_a_bodys_word_is_one_company(text, name):
    types = entity_types(analyse_text(text))
    assert types.get(name) == "Company", types


# -- names the model cut or mistook: an acronym that opens a company's name, a street --------------------------

def _doc_with_ents(text: str, ents: list[tuple[str, str]]):
    """The model's parse of ``text`` with the entity spans set by hand (the model's own tags vary by name)."""
    from spacy.tokens import Span

    from kg.nlp.pipeline import load_nlp

    doc = load_nlp()(text)
    spans = []
    for name, label in ents:
        start = text.index(name)
        span = doc.char_span(start, start + len(name))
        spans.append(Span(doc, span.start, span.end, label=label))
    doc.ents = spans
    return doc


@pytest.mark.parametrize("text,ents,name", [
    # a "person" whose name opens with an acronym, and the names the model cut after it
    ("ZRVK Moravia Holdings Brandt agreed to buy Kestrel.", [("ZRVK Moravia", "PERSON"), ("Kestrel", "ORG")],
     "ZRVK Moravia Holdings Brandt"),
    ("ZRVK Louise Brandt met Kestrel.", [("ZRVK Louise Brandt", "PERSON"), ("Kestrel", "ORG")], None),  # given name
    ("Shares of ZRVK Moravia fell.", [("ZRVK Moravia", "PERSON")], "ZRVK Moravia"),
    ("UBS Chief Ralph Hamers quit.", [("UBS Chief Ralph Hamers", "PERSON")], None),           # a title word
    ("JOHN BRANDT reports from Vienna.", [("JOHN BRANDT", "PERSON")], None),                  # a byline in capitals
])
def test_a_person_tag_opening_with_an_acronym_is_an_organisation(text, ents, name):
    from kg.nlp.pipeline import _acronym_led_names

    doc = _acronym_led_names(_doc_with_ents(text, ents))
    orgs = [e.text for e in doc.ents if e.label_ == "ORG" and e.text != "Kestrel"]
    assert orgs == ([name] if name else []), [(e.text, e.label_) for e in doc.ents]


def test_an_acronym_is_the_longer_name_it_opens_in_the_same_article():
    result = analyse_text("LVMH Moët Hennessy Louis Vuitton agreed to buy Tiffany & Co on Monday. "
                          "LVMH said the deal would close in January. Tiffany shares rose 6 percent.")
    orgs = [e for e in result.entities if e.bucket == "Organization" and e.names and not e.implicit]
    assert len(orgs) == 2, [dict(e.names) for e in orgs]


@pytest.mark.parametrize("text,kept", [
    ("The group has its headquarters on Avenue Montaigne in Paris.", None),
    ("Protesters gathered on Harrow Road in west London.", None),
    ("Avenue Capital bought the bonds on Friday.", "Avenue Capital"),
    ("Harrow Road Holdings sold its stake.", "Harrow Road Holdings"),
    ("Downing Street said the talks would resume.", "British government"),  # a listed metonym
    ("Road Haulage Association members protested on Monday.", "Road Haulage Association"),
])
def test_a_street_is_no_organisation(text, kept):
    types = entity_types(analyse_text(text))
    names = {n for n, t in types.items() if t in ("Company", "Organization", "GovernmentBody")}
    assert names == ({kept} if kept else set()), types


# -- a one-word name no full name explains, said of an organisation ----------------------------------------

@pytest.mark.parametrize("text,name,etype", [
    ("Robert Calder, Vantor's executive chairman, had driven the pursuit.", "Vantor", "Company"),
    ("Kestrel Foods rejected the offer. Vantor said it would return.", "Vantor", "Company"),
    ("Mylos made an offer. Vantor's board, led by chairman Ian Rand, rejected it.", "Vantor", "Company"),
    # look-alikes: a person's surname, and what people own too
    ("Marta Lindqvist met investors. Lindqvist said she would stay.", "Marta Lindqvist", "Person"),
    ("The singer Ade Okoye sued his label. Okoye's earnings fell by half.", "Ade Okoye", "Person"),
])
def test_a_one_word_name_said_of_an_organisation_is_one(text, name, etype):
    types = entity_types(analyse_text(text))
    assert types.get(name) == etype, types


def test_a_table_label_before_a_wide_gap_is_no_part_of_the_name():
    types = entity_types(analyse_text("Brisk Holdings agreed to the deal.\n\nTarget        Vantor Company plc (Dublin) | "
                                      "CEO: Ian Rand"))
    assert types.get("Vantor Company plc") == "Company", types
    assert not any(n.startswith("Target") for n in types), types


@pytest.mark.parametrize("text,ceo,company", [
    # "the company's" is the company named earlier in the sentence, as "its" is
    ("Robert Calder, Vantor's executive chairman, had driven the pursuit; Helen Brisk is the company's chief executive.",
     "Helen Brisk", "Vantor"),
    # else the subject of the sentence before
    ("Vantor approached Kestrel Foods in January. The company's chief executive, Ian Rand, said talks were over.",
     "Ian Rand", "Vantor"),
])
def test_the_companys_title_is_of_the_company_named_before(text, ceo, company):
    result = analyse_text(text)
    names = {e.local_id: max(e.names, key=e.names.get) for e in result.entities if e.names}
    roles = {(names.get(f.subject), names.get(f.object)) for f in result.facts if getattr(f, "predicate", "") == "ceoOf"}
    assert roles == {(ceo, company)}, roles


def test_an_owner_named_before_a_title_is_not_replaced_by_the_topic():
    # "Lindqvist's board, led by chairman X": whatever Lindqvist is, X chairs no other company of the story
    result = analyse_text("Mylos made an offer for the group. Lindqvist's board, led by chairman Ian Rand, rejected it.")
    names = {e.local_id: max(e.names, key=e.names.get) for e in result.entities if e.names}
    heads = {(names.get(f.subject), names.get(f.object)) for f in result.facts if getattr(f, "predicate", "") == "headOf"}
    assert ("Ian Rand", "Mylos") not in heads, heads


@pytest.mark.parametrize("text,ents,person", [
    # the model took the given name for a place or an organisation and cut the name in two
    ("The EU sanctioned Alisher Vardanov in March.", [("Alisher", "GPE"), ("Vardanov", "PERSON")], "Alisher Vardanov"),
    ("Sandra Okafor said the deal was off.", [("Sandra", "ORG"), ("Okafor", "PERSON")], "Sandra Okafor"),
    # no given name, or two names side by side that are not one
    ("Kestrel Vardanov said the deal was off.", [("Kestrel", "ORG"), ("Vardanov", "PERSON")], None),
    ("Jordan, Vardanov said, would not sign.", [("Jordan", "GPE"), ("Vardanov", "PERSON")], None),
])
def test_a_given_name_the_model_cut_off_joins_the_persons_name(text, ents, person):
    from kg.nlp.pipeline import _given_name_cut

    doc = _given_name_cut(_doc_with_ents(text, ents))
    joined = [e.text for e in doc.ents if e.label_ == "PERSON" and len(e) > 1]
    assert joined == ([person] if person else []), [(e.text, e.label_) for e in doc.ents]


def test_a_programme_acronym_is_no_organisation():
    types = entity_types(analyse_text("Washington put Kestrel Mining on its SDN list a day later."))
    assert "SDN" not in types, types


@pytest.mark.parametrize("text,names", [
    # a gerund of trade or a company word after "<organisation> and", ending the name, belongs to it
    ("The exchange rejected a proposal from Hong Kong Exchanges and Clearing, saying it had doubts.",
     {"Hong Kong Exchanges and Clearing"}),
    ("Kestrel Oil and Trading bought a tanker.", {"Kestrel Oil and Trading"}),
    # two names of their own, and a company word that opens a noun phrase
    ("Varden Holdings and Kestrel Trading merged.", {"Varden Holdings", "Kestrel Trading"}),
    ("Shares of Kestrel Foods and Shipping companies fell.", {"Kestrel Foods"}),
])
def test_an_organisation_named_with_and(text, names):
    types = entity_types(analyse_text(text))
    found = {n for n, t in types.items() if t in ("Company", "Organization")}
    assert found == names, types


@pytest.mark.parametrize("text,acronym,etype", [
    # an acronym of a name told before in full is that name's, though the gazetteer lists another body under it
    ("Fiat Chrysler Automobiles withdrew its offer for Renault. FCA said the political conditions were missing.",
     "FCA", "Organization"),  # (typed by the full name's words and the article's: no more said here)
    # with no such name before, the gazetteer's body
    ("The FCA fined Barclays on Monday. The regulator said the bank had misled customers.", "FCA", "GovernmentBody"),
])
def test_an_acronym_spelt_out_before_is_that_organisation(text, acronym, etype):
    result = analyse_text(text)
    ents = [e for e in result.entities if acronym in e.names]
    assert len(ents) == 1 and ents[0].type == etype


def test_an_acronym_of_a_name_no_list_knows_joins_it():
    result = analyse_text("Kestrel Orlan Foods reported results. KOF said sales rose.")
    assert [e for e in result.entities if "KOF" in e.names and "Kestrel Orlan Foods" in e.names]


def test_an_acronym_the_model_did_not_tag_joins_the_name_it_spells():
    result = analyse_text("Canadian Pacific is paying $300 a share. CP had first agreed to buy the railroad in March.")
    assert [e for e in result.entities if "CP" in e.names and "Canadian Pacific" in e.names]


def test_a_two_letter_country_code_is_not_read_as_an_acronym():
    # "Ural Steel" spells "US" but the US is the country
    result = analyse_text("Ural Steel shipped coils to Ohio. The US imposed duties on them on Friday.")
    assert "Ural Steel" not in [n for e in result.entities if "US" in e.names for n in e.names]


@pytest.mark.parametrize("text,first,second", [
    ("Syngenta agreed to be bought by China National Chemical Corporation, the state-owned group known as ChemChina. "
     "ChemChina is offering $465 a share.", "China National Chemical Corporation", "ChemChina"),
    ("Naftna Industrija Srbije, known as NIS, is Serbia's only refiner. NIS is majority-owned by Gazprom Neft.",
     "Naftna Industrija Srbije", "NIS"),
    ("The Sovcomflot group, also known as SCF Group, was sanctioned.", "Sovcomflot", "SCF Group"),
    # after "of" with a comma: the name of the "of" phrase
    ("The EU listed the head of Russia's National Guard, known as Rosgvardiya, on Monday.", "National Guard",
     "Rosgvardiya"),
])
def test_a_name_known_as_another_is_one_entity(text, first, second):
    result = analyse_text(text)
    assert [e for e in result.entities if first in e.names and second in e.names]


@pytest.mark.parametrize("text,first,second", [
    # "known for", and a person's nickname that names no entity, join nothing
    ("Kestrel Holdings sued Varden Oil, known for its tankers.", "Kestrel Holdings", "Varden Oil"),
    ("Dana Kell, known as the queen of cod, sued Kestrel Holdings.", "Dana Kell", "Kestrel Holdings"),
    # a unit known by its own name is not its parent; "known as" after "of" is most likely the unit's
    ("The Kestrel Foods subsidiary known as Orlan Energy rose.", "Kestrel Foods", "Orlan Energy"),
    ("Kestrel Foods, a unit of Varden Petroleum known as KF, rose.", "Varden Petroleum", "KF"),
])
def test_known_for_or_a_nickname_joins_no_two_entities(text, first, second):
    result = analyse_text(text)
    assert not [e for e in result.entities if first in e.names and second in e.names]


def test_a_name_with_a_possessive_inside_is_one_organisation():
    text = ("Jos. A. Bank agreed to be bought by Men's Wearhouse on Tuesday. Men's Wearhouse rejected an earlier "
            "approach. The deal makes Men's Wearhouse the fourth-largest menswear chain.")
    result = analyse_text(text)
    assert [e for e in result.entities if "Men's Wearhouse" in e.names]
    assert not [e for e in result.entities if "Men" in e.names or "Wearhouse" in e.names]


@pytest.mark.parametrize("text,owned", [
    # an owner named alone as often: the owner and what it owns
    ("China's Huawei sold phones. China's Huawei also sold routers. China said it would help. China agreed.", "Huawei"),
    # written once: nothing says it is one name
    ("Kestrel's Varden unit was sold on Monday.", "Varden"),
])
def test_an_owner_and_what_it_owns_stay_apart(text, owned):
    result = analyse_text(text)
    assert not [e for e in result.entities if any("'s " in n for n in e.names)]


def test_a_person_the_model_names_that_is_based_somewhere_is_an_organisation():
    text = ("Dollar Tree agreed to buy Family Dollar in July. Dollar Tree said it remained committed to the deal. "
            "Dollar Tree, which is based in Chesapeake, Virginia, runs 5,000 stores. Analysts expect Dollar Tree to win.")
    assert entity_types(analyse_text(text)).get("Dollar Tree") in ("Company", "Organization")


def test_a_person_a_who_clause_describes_stays_a_person():
    text = "Anna Berg, who is based in Oslo, said the deal was fair. Anna Berg has run the fund since 2019."
    assert entity_types(analyse_text(text)).get("Anna Berg") == "Person"

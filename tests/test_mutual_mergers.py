"""Deals two parties make with each other, and the names that tell what a company is.

- A merger of two told with both as the subject ("X and Y agreed to merge", "agreed on Monday to combine in an
  all-share merger of equals", "called off their planned merger") is one offer: both offered it, each to the other,
  and its item names both. "A merger of equals" says what kind of merger it is, never what it is for; one company
  combining its own divisions makes no deal.
- An event noun that is the subject of its clause is told as done only under a verb of happening ("the purchase was
  completed", "the merger created ..."), not "its merger with Y was off".
- Legal forms and "group" in other languages end companies' names ("Publicis Groupe", "Volvo AB", "Nokia Oyj"), so
  a name the model took for a person's is a company's, with the legal form it left out ("Brenner Halvik SE"); a name
  opened by a number word is whole ("One 97 Communications", not "Communications"); a table row's cells never describe a name across a cell
  ("BBDO | Omnicom | creative agency"), and a row another cell says is "owned by" someone is a company's even when a
  given name opens it ("Leo Burnett").

Sentences and tables are written for this project."""
from __future__ import annotations

import pytest
from factlib import analyse_text, entity_types, offers, relations

from kg.builder.analyse import analyse
from kg.read.article import parse_article_text

BOTH = {"Kestrel Holdings", "Ostmark Group"}
MERGER = "merger of Kestrel Holdings and Ostmark Group"
MUTUAL = [
    ("Kestrel Holdings and Ostmark Group agreed to merge on Monday.", "accepted", MERGER),
    ("Kestrel Holdings and Ostmark Group agreed on Monday to combine in an all-share merger of equals.", "accepted",
     MERGER),
    ("Kestrel Holdings and Ostmark Group agreed in principle to merge their businesses.", "accepted",
     "their businesses"),
    ("Kestrel Holdings and Ostmark Group agreed on Monday to call off their merger.", "withdrawn", MERGER),
    ("Kestrel Holdings and Ostmark Group have called off their planned $5bn merger.", "withdrawn", MERGER),
]


@pytest.mark.parametrize(("text", "status", "item"), MUTUAL)
def test_a_merger_of_two_told_with_both_as_subject_is_one_mutual_offer(text, status, item):
    found = [o for o in offers(analyse_text(text)) if o["by"] == BOTH]
    assert found, offers(analyse_text(text))
    assert all(o["to"] == BOTH and o["status"] == status for o in found), found
    assert any(o["item"] == item for o in found), found


@pytest.mark.parametrize("text", [
    "Kestrel Holdings and Ostmark Group agreed on Monday to combine in an all-share merger of equals.",
    "Kestrel Holdings announced a merger of equals with Ostmark Group.",
])
def test_of_equals_is_no_item(text):
    assert not any(o["item"] == "equals" for o in offers(analyse_text(text))), offers(analyse_text(text))


@pytest.mark.parametrize("text", [
    "Kestrel Holdings plans to combine its two divisions next year.",
    "Kestrel Holdings combined its retail and wholesale arms in 2019.",
    "Kestrel Holdings and Ostmark Group agreed to combine forces on electric batteries.",
    "Kestrel Holdings and Ostmark Group agreed to combine their marketing teams.",
    "Anna Berg and Markus Brenner agreed to combine their fortunes.",
    "Anna Berg and Ostmark Group agreed to combine.",
])
def test_combining_what_is_no_company_makes_no_deal(text):
    assert offers(analyse_text(text)) == [], offers(analyse_text(text))


def test_a_merger_with_one_partner_stays_offered_to_the_partner_only():
    found = offers(analyse_text("Kestrel Holdings agreed to combine with Ostmark Group."))
    assert any(o["by"] == {"Kestrel Holdings"} and o["to"] == {"Ostmark Group"} for o in found), found


@pytest.mark.parametrize(("text", "done"), [
    ("Kestrel Holdings said its merger with Ostmark Group was off.", False),
    ("Kestrel Holdings said its purchase of Ostmark Group was blocked by regulators.", False),
    ("Kestrel Holdings said its purchase of Ostmark Group was completed in May.", True),
    ("The 2016 purchase of Ostmark Group by Kestrel Holdings created the largest lender in Norway.", True),
])
def test_an_event_noun_as_subject_is_done_only_under_a_verb_of_happening(text, done):
    result = analyse_text(text)
    completed = any(o["status"] == "completed" for o in offers(result))
    owned = ("Ostmark Group", "subsidiaryOf", "Kestrel Holdings") in relations(result)
    assert (completed, owned) == (done, done), (offers(result), relations(result))


@pytest.mark.parametrize("name", ["Publicis Groupe", "Volkmar Gruppe", "Grupo Televisa", "Volvo AB", "Nokia Oyj",
                                  "Equinor ASA", "Sime Darby Bhd", "Allianz SE", "Brenner Halvik SE",
                                  "Kestrel Foods Pty", "One 97 Communications"])
def test_foreign_legal_forms_end_company_names(name):
    # the model may leave the legal form out of the name ("Nokia"): whatever it kept is a company, never a person
    types = entity_types(analyse_text(f"{name} reported higher profits on Tuesday, and its shares rose 4 percent."))
    named = {n: t for n, t in types.items() if set(n.split()) & set(name.split())}
    assert named and set(named.values()) == {"Company"}, types


def _read(text: str):
    art = parse_article_text(text, source="t.md", file_name="t.md")
    return analyse([art])[0]


TABLE = """# Two ad groups combine

Kestrel Holdings and Ostmark Group agreed to merge on Monday, creating the largest advertising company.

The two groups own many well-known agencies:

| Network | Owner today | Kind |
|---|---|---|
| Brandt Wexler | Ostmark Group | creative agency |
| Halvorsen Digital | Ostmark Group | media buying |
| Leo Vasquez | Kestrel Holdings | creative agency |
"""


def test_a_table_row_is_not_described_across_its_cells():
    types = entity_types(_read(TABLE))
    assert types.get("Ostmark Group") == "Company" and types.get("Kestrel Holdings") == "Company", types


def test_an_owned_row_is_a_company_even_with_a_given_name():
    result = _read(TABLE)
    assert ("Leo Vasquez", "subsidiaryOf", "Kestrel Holdings") in relations(result), relations(result)
    assert ("Halvorsen Digital", "subsidiaryOf", "Ostmark Group") in relations(result), relations(result)
    assert entity_types(result).get("Leo Vasquez") == "Company", entity_types(result)


@pytest.mark.parametrize(("text", "name"), [
    ("One 97 Communications, the Noida-based company that owns the Paytm brand, fell 5 percent.",
     "One 97 Communications"),
    ("Shares of One 97 Communications fell on Monday.", "One 97 Communications"),
    ("Brenner Halvik SE said on Monday it had sold its stake.", "Brenner Halvik SE"),
])
def test_the_whole_name_is_kept(text, name):
    types = entity_types(analyse_text(text))
    assert types.get(name) == "Company", types


@pytest.mark.parametrize("text", [
    "The company sold 97 Communications units last year.",
    "Revenue rose 7 percent at the two Holdings units.",
])
def test_numbers_before_lower_case_words_make_no_name(text):
    assert not any(n[:1].isdigit() or n.split()[0].lower() in ("two", "one") for n in entity_types(analyse_text(text)))


@pytest.mark.parametrize(("text", "status"), [
    ("Kestrel Holdings agreed on Monday to withdraw its offer for Ostmark Group.", "withdrawn"),
    ("Kestrel Holdings agreed last year to buy Ostmark Group, then walked away.", "withdrawn"),
    ("Kestrel Holdings agreed on Monday to drop its bid for Ostmark Group.", "withdrawn"),
    ("Kestrel Holdings agreed on Monday to buy Ostmark Group.", "accepted"),
    ("Kestrel Holdings agreed in principle to buy Ostmark Group.", "accepted"),
])
def test_an_agreement_takes_the_fate_it_ends_in(text, status):
    found = [o for o in offers(analyse_text(text)) if o["by"] == {"Kestrel Holdings"}]
    assert found and all(o["status"] == status for o in found), found


@pytest.mark.parametrize("text", [
    "Kestrel Holdings agreed not to buy Ostmark Group.",
    "Kestrel Holdings and Ostmark Group agreed on Monday not to merge.",
])
def test_agreeing_not_to_is_no_acceptance(text):
    assert not any(o["status"] == "accepted" for o in offers(analyse_text(text))), offers(analyse_text(text))


@pytest.mark.parametrize("text", ["Markus Brenner SE said he would resign."])
def test_a_persons_full_name_keeps_no_legal_form(text):
    types = entity_types(analyse_text(text))
    assert "Person" in types.values() and "Company" not in types.values(), types


@pytest.mark.parametrize("text", [
    # the model reads "Publicis" alone as a person's name
    "Publicis and Omnicom agreed on Sunday to combine in a merger of equals.",
    "Publicis of France and Omnicom have agreed to merge, creating the largest advertising group.",
])
def test_one_word_parties_of_a_merger_are_companies(text):
    result = analyse_text(text)
    assert any(o["by"] == {"Publicis", "Omnicom"} and o["to"] == {"Publicis", "Omnicom"} for o in offers(result)), \
        offers(result)
    types = entity_types(result)
    assert types.get("Publicis") == "Company" and types.get("Omnicom") == "Company", types


def test_a_partys_offer_to_the_other_joins_their_merger_across_articles(tmp_path):
    from rdflib import RDF, Namespace

    from kg.builder.full import build
    from kg.rdf.writer import union_graph

    kg_ns, prov = Namespace("https://w3id.org/newskg/ontology#"), Namespace("http://www.w3.org/ns/prov#")
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("Kestrel Holdings and Ostmark Group agreed to merge on Monday, creating the "
                                  "largest maker of ferries in Europe.\n", encoding="utf-8")
    (folder / "b.txt").write_text("Kestrel Holdings made an offer for Ostmark Group on Monday, the ferry maker "
                                  "said.\n", encoding="utf-8")
    ds = union_graph(build([str(folder)], out=None).dataset)
    offers = set(ds.subjects(RDF.type, kg_ns.Offer))
    assert len(offers) == 1, offers
    assert len(set(ds.objects(next(iter(offers)), prov.wasDerivedFrom))) == 2


def test_a_founders_full_name_is_never_made_the_merging_company():
    result = analyse_text("Halvik Group and Lafont agreed on Monday to combine in a merger of equals. Lafont traces its "
                          "roots to the lime works that Jean-Baptiste Armand de Lafont set up in 1833.")
    types = entity_types(result)
    assert types.get("Jean-Baptiste Armand de Lafont", "Person") == "Person", types

"""Event kinds are data: kinds.yaml is validated at load, with the file, kind and key named."""
from __future__ import annotations

import copy

import pytest

from kg.errors import DataError
from kg.knowledge.datafiles import load_data
from kg.knowledge.kinds import load_kinds, parse_kinds


def test_bundled_kinds_are_valid():
    kinds = load_kinds()
    assert {"offer", "sanction", "relief"} <= set(kinds)
    for kind in kinds.values():
        assert kind.slot(kind.agent).entities
        assert kind.shared is None or kind.slot(kind.shared).entities


def _broken(mutate):
    data = copy.deepcopy(load_data("kinds.yaml"))
    mutate(data)
    return data


@pytest.mark.parametrize("mutate, message", [
    (lambda d: d["offer"].__setitem__("class", "Ofer"), r"offer.class: 'Ofer' is not a kg: term"),
    (lambda d: d["offer"]["slots"]["item"].__setitem__("property", "itm"), r"offer.slots.item.property: 'itm'"),
    (lambda d: d["offer"].__setitem__("agent", "item"), r"offer.agent: 'item' is not one of its entity slots"),
    (lambda d: d["sanction"].__setitem__("label", "{imposer} on {targets}"), r"sanction.label: \{imposer\}"),
    (lambda d: d["sanction"].__setitem__("label", "{targets:people}"), r"modifier 'people'"),
    (lambda d: d["relief"].pop("report"), r"relief: report is missing"),
    (lambda d: d["relief"].__setitem__("colour", "red"), r"relief: unknown key 'colour'"),
    (lambda d: d["relief"].__setitem__("path", "offer"), r"relief.path 'offer' is already the path of offer"),
    (lambda d: d["relief"]["hooks"]["relaxes"].__setitem__("kind", "sanctions"), r"relaxes.kind 'sanctions'"),
    (lambda d: d["offer"]["merge"].__setitem__("words", "offered_by"), r"offer.merge.words: 'offered_by'"),
    (lambda d: d["offer"]["slots"]["terms"].__setitem__("limit", 0), r"offer.slots.terms.limit"),
])
def test_a_broken_kind_names_file_kind_and_key(mutate, message):
    with pytest.raises(DataError, match=message) as info:
        parse_kinds(_broken(mutate))
    assert "kg/knowledge/data/kinds.yaml" in str(info.value)


# -- the one event record -----------------------------------------------------------------------------------

def test_an_event_fact_is_canonical_picklable_and_hashable():
    import pickle

    from kg.extract.facts import EventFact, make_event

    a = make_event("sanction", evidence="s", targets=[4, 2], imposed_by=(1,), program="Entity List", restriction="")
    b = EventFact("sanction", (("program", "Entity List"), ("imposed_by", (1,)), ("targets", (4, 2))), "s")
    assert a == b and hash(a) == hash(b)
    assert a.slots == (("imposed_by", (1,)), ("targets", (4, 2)), ("program", "Entity List"))
    assert pickle.loads(pickle.dumps(a)) == a
    assert (a.imposed_by, a.targets, a.restriction, a.entity_ids()) == ((1,), (4, 2), None, [1, 4, 2])
    assert a.with_slots(targets=()).targets == () and a.targets == (4, 2)


def test_an_event_fact_refuses_what_its_kind_does_not_have():
    from kg.extract.facts import make_event

    with pytest.raises(ValueError, match="offer has no slot 'targets'; its slots: offered_by"):
        make_event("offer", evidence="", offered_by=(0,), targets=(1,))
    with pytest.raises(ValueError, match="unknown event kind 'bid'"):
        make_event("bid", evidence="")
    with pytest.raises(AttributeError):
        make_event("offer", evidence="", offered_by=(0,)).targets  # noqa: B018


def test_every_policy_hook_and_emit_entry_a_kind_names_is_registered():
    from kg.extract.event_emit import emit_spec, event_slots, record_kind
    from kg.extract.frame_events import event_kinds
    from kg.rdf.writer import EVENT_HOOKS
    from kg.resolve.events import load_policies

    kinds = load_kinds()
    assert set(load_policies()) == set(kinds)
    assert {h for k in kinds.values() for h in k.hooks} <= set(EVENT_HOOKS)
    # each event kind read from frames records a kind of kinds.yaml: its own, or the one its emit names (a sale is
    # the seller's offer)
    extracted = {name: record_kind(name, spec) for name, spec in event_kinds().items() if spec.get("record") is None}
    assert set(extracted.values()) <= set(kinds)
    assert extracted["sale"] == "offer"
    for name, recorded in extracted.items():
        assert event_slots(name, event_kinds()[name])
        assert emit_spec(name, event_kinds()[name]["emit"])["agent"] == kinds[recorded].agent


@pytest.mark.parametrize("emit, message", [
    ({"agent": "offered_by"}, r"offer.emit.patient: None is not one of the entity slots"),
    ({"agent": "offered_by", "patient": "offered_to", "fill": {"item": "guess"}}, r"'guess' is not one of"),
    ({"agent": "offered_by", "patient": "offered_to", "fill": {"offered_by": "program"}}, r"'offered_by' is not one"),
    ({"agent": "offered_by", "patient": "offered_to", "emit_all": True}, r"unknown key 'emit_all'"),
])
def test_a_broken_emit_entry_names_the_kind_and_key(emit, message):
    from kg.extract.event_emit import emit_spec

    with pytest.raises(DataError, match=message):
        emit_spec("offer", emit)


# -- the view draws every kind from its entry -----------------------------------------------------------------

def test_the_view_draws_each_kind_as_its_entry_says():
    from kg.view.style import load_style

    style = load_style()
    for kind in load_kinds().values():
        drawn = next(c for c in style.classes if c.term == kind.cls)
        assert (drawn.label, drawn.color, drawn.shape, drawn.event) == (
            kind.view["label"], kind.view["color"], kind.view["shape"], True)
        for prop, edge in (kind.view.get("edges") or {}).items():
            assert style.relation(prop).label == edge["label"]
        for slot in kind.literal_slots:
            assert slot.property in dict(style.details)


def test_a_kind_listed_only_when_present_is_left_out_of_an_empty_legend():
    import dataclasses

    import networkx as nx

    from kg.view.page import to_view_data
    from kg.view.style import kind_class_style, load_style

    assert kind_class_style("Offer", {"label": "Offer", "color": "#F0E442", "shape": "star"}).listed is False
    style = load_style()
    quiet = dataclasses.replace(style, classes=tuple(dataclasses.replace(c, listed=c.term != "Offer")
                                                     for c in style.classes))
    empty = nx.MultiDiGraph(articles={})
    assert "Offer" not in [c["term"] for c in to_view_data(empty, style=quiet)["classes"]]
    one = nx.MultiDiGraph(articles={})
    one.add_node("o", label="o", kind="Offer", aliases=[], roles=[], details={}, evidence=[], articles=[],
                 sources=0, mentions=0)
    assert "Offer" in [c["term"] for c in to_view_data(one, style=quiet)["classes"]]


def test_the_emit_options_are_checked():
    from kg.extract.event_emit import emit_spec

    base = {"agent": "imposed_by", "patient": "targets"}
    assert emit_spec("sanction", {**base, "date": "clause", "agent_as": "government", "patient_as": "country"})
    for key, value in (("date", "week"), ("agent_as", "country"), ("patient_as", "government")):
        with pytest.raises(DataError, match=f"sanction.emit.{key}: '{value}' is not one of"):
            emit_spec("sanction", {**base, key: value})

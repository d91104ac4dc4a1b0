"""Event clustering finds the clusters a measure may join through an index of participants (kg.resolve.events.Group):
the same clusters as comparing every pair, which took minutes at 30,000 articles."""
from __future__ import annotations

import copy
import random

import pytest

from kg.resolve.events import EventCluster, Group, load_policies


def _pairwise_settle(policy, group: list[EventCluster], gone: set[int]) -> None:
    """Measure.settle as it was: the first mergeable pair of all pairs merges, then the search starts again."""
    changed = len(group) > 1
    while changed:
        changed = False
        live = [c for c in group if id(c) not in gone]
        for i, a in enumerate(live):
            for b in live[i + 1:]:
                if a.shared & b.shared and all(policy._compatible(sa, sb)
                                               for sa in a.signatures for sb in b.signatures):
                    a.facts.extend(b.facts)
                    a.signatures |= b.signatures
                    a.shared |= b.shared
                    gone.add(id(b))
                    changed = True
                    break
            if changed:
                break


def _clusters(rng: random.Random, n: int) -> list[EventCluster]:
    programs = ["entity list", "", "export ban", "asset freeze"]
    years = ["2019", "2020", None]
    return [EventCluster("sanction", [(i, None)],
                         signatures={(rng.choice(programs), rng.choice(years)) for _ in range(rng.randint(1, 2))},
                         shared={rng.randrange(12) for _ in range(rng.randint(1, 3))}) for i in range(n)]


def _state(group: list[EventCluster], gone: set[int]) -> list:
    return [([ai for ai, _ in c.facts], sorted(c.shared), sorted(map(repr, c.signatures)))
            for c in group if id(c) not in gone]


@pytest.mark.parametrize("seed", range(40))
def test_settling_through_the_index_merges_what_comparing_every_pair_merges(seed):
    policy = load_policies()["sanction"]
    rng = random.Random(seed)
    group = _clusters(rng, rng.randint(2, 30))
    reference = copy.deepcopy(group)
    gone: set[int] = set()
    ref_gone: set[int] = set()
    policy.settle(group, gone)
    _pairwise_settle(policy, reference, ref_gone)
    assert _state(group, gone) == _state(reference, ref_gone)


def test_a_group_lists_the_clusters_sharing_a_participant_in_order():
    group = Group()
    for at, shared in enumerate([{1, 2}, {3}, {2, 3}]):
        group.append(EventCluster("sanction", [], shared=set(shared)))
        group.note(at, shared)
    assert group.sharing({2}) == [0, 2] and group.sharing({3, 1}) == [0, 1, 2] and group.sharing({9}) == []

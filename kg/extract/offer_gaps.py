"""What one telling of an offer leaves out, taken from another telling of it in the same article: "made an
unsolicited offer of $70 a share" is the offer for Qualcomm the article names elsewhere. Used by
:mod:`kg.extract.offers` on the offers of one article."""
from __future__ import annotations

from kg.extract.context import ORG_TYPES, ExtractContext
from kg.extract.facts import EventFact
from kg.nlp.registry import LocalEntity


def surface_name(ent: LocalEntity) -> str:
    """The name the article uses most for an entity ("Twitter", not the gazetteer's "X Corp")."""
    used = [(c, n) for n, c in ent.names.items() if c > 0]
    return max(used, key=lambda cn: (cn[0], len(cn[1])))[1] if used else ent.best_name


def fill_gaps(ctx: ExtractContext, facts: list[EventFact]) -> list[EventFact]:
    """Give an offer without an item or recipient those of another telling of it in the article
    (same offeror, compatible item): "made an unsolicited offer of $70 a share" is the offer for Qualcomm."""
    out = []
    for f in facts:
        same = [g for g in facts if g is not f and set(g.offered_by) & set(f.offered_by)]
        if f.item is None:
            # another telling's item, when it is an offer to the same party in the same state ("accepted Kestrel's
            # raised offer" is neither the rejected first deal nor the offer of its pizza unit to Varden)
            items = list(dict.fromkeys(g.item for g in same if g.item and (
                not f.offered_to or set(g.offered_to) & set(f.offered_to)) and f.status == g.status
                and not _names_another_party(ctx, f, g)))
            if len(items) > 1:  # two such offers: the one this telling names ("backs Kraft's offer" for Cadbury)
                items = [i for i in items if i.lower() in f.evidence.lower()]
            if len(items) == 1:
                f = f.with_slots(item=items[0])
        if not f.offered_to and not f.offered_to_text:
            donor = next((g for g in same if g.item == f.item and (g.offered_to or g.offered_to_text)), None)
            if donor is not None:
                f = f.with_slots(offered_to=tuple(i for i in donor.offered_to if i not in f.offered_by),
                                 offered_to_text=donor.offered_to_text)
        if f.item is None:
            # a takeover bid with a known target: the target is what is bid for
            targets = [ctx.entities[i] for i in f.offered_to if ctx.entities[i].type in ("Company", "Organization")]
            if targets:
                f = f.with_slots(item=surface_name(targets[0]))
        out.append(f)
    return out


def _names_another_party(ctx: ExtractContext, f: EventFact, donor: EventFact) -> bool:
    """Whether ``f``'s sentence names an organisation that is neither its offeror nor ``donor``'s recipient: "Cadbury
    agreed to be taken over by Kraft" is not Kraft's offer of its pizza unit to Nestle, whatever their states."""
    low = f.evidence.lower()
    for ent in ctx.entities:
        if ent.local_id in f.offered_by or ent.local_id in donor.offered_to or ent.type not in ORG_TYPES:
            continue
        if any(n.lower() in low for n, c in ent.names.items() if c > 0 and len(n) > 2):
            return True
    return False

"""How synthetic entities are linked: a latent-community model with popularity and noise.

The model
---------
Every entity belongs to one hidden community (``population.py``): a small cluster of
sibling fields with a home region, a home chain segment and often a home park. A link
from an entity picks its partner

* from the entity's own community with probability ``p_in`` (0.55–0.8 by link type),
  uniformly among the community's members of the partner kind;
* otherwise from the whole population, by a fixed popularity weight (a Zipf-like weight
  given to each entity at random, exponent 0.9): preferential attachment, so a few
  investors, agencies and societies attract many ties;
* and in ``NOISE`` (10%, ``picker.py``) of draws, uniformly at random from the whole population.

Years run 2015–2025 and respect order (an achievement is transferred after it exists, and
an enterprise passes a technology on only after it received one, ``ONWARD``). Last come the
ties to the seed's own organisations (``seed_ties.py``), drawn among the entities of their
places.

How it differs from the recommender
-----------------------------------
The recommender (issue 4) scores visible evidence: field overlap through the taxonomy,
shared societies/parks/collaborators, region, credibility, stage fit, complementarity.
This generator never computes any of those: partners come from a hidden community and a
hidden popularity, and visible fields are themselves noisy draws from the community
(``HOMOPHILY`` 0.75 in ``population.py``). So structure exists to be learned, but no
score formula reproduces the generator, and a share of every link type is pure noise.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from graph_service.domain.records import RelationRecord
from graph_service.ontology import EntityKind, RelationType
from graph_service.synthetic import seed_ties
from graph_service.synthetic.picker import Draw, Picker
from graph_service.synthetic.population import Population
from graph_service.synthetic.reference import PARTNER_PROGRAMME, Reference

K, R = EntityKind, RelationType
ROUNDS = ("angel", "pre-A", "A", "B", "C")
# Share of transfers whose achievement an earlier receiving enterprise co-developed.
ONWARD = 0.25
# Kinds that may sit in a park; everyone else is LOCATED_IN its region.
PARKED = (K.ENTERPRISE, K.SERVICE_AGENCY, K.INSTITUTION, K.WORKSTATION)


def fields_and_place(
    population: Population, reference: Reference, kind: EntityKind, i: int, rng: random.Random
) -> list[RelationRecord]:
    """An actor's fields (its own, and half the time a second from its community) and where it is.

    It sits in its community's park when it lives in the park's region (a park lies in its
    community's region), else it is LOCATED_IN its region: the one its ``region`` names.
    """
    uid = population.uid(kind, i)
    community = population.communities[population.community_of[kind][i]]
    region = reference.regions[population.region_of[kind][i]]
    items = [RelationRecord(R.IN_FIELD, uid, reference.leaf_fields[population.field_of[kind][i]], {"weight": 1.0})]
    if rng.random() < 0.5:
        second = rng.choice(community.fields)
        items.append(RelationRecord(R.IN_FIELD, uid, second, {"weight": round(rng.uniform(0.3, 0.9), 2)}))
    home_park = community.park if region == community.region else None
    if kind in PARKED and home_park and rng.random() < 0.6:
        items.append(RelationRecord(R.LOCATED_IN, uid, home_park))
    else:
        items.append(RelationRecord(R.LOCATED_IN, uid, reference.region_uids[region]))
    return items


def _rel(type_: RelationType, source: str, target: str, **props: Any) -> RelationRecord:
    return RelationRecord(type_, source, target, props)


Items = list[RelationRecord]


def actor_places(d: Draw, kind: EntityKind, i: int) -> Items:
    return fields_and_place(d.population, d.reference, kind, i, d.rng)


def scientist_ties(d: Draw, kind: EntityKind, i: int) -> Items:
    """Where a scientist works, its societies and station, and its collaborators."""
    rng, uid, c = d.rng, d.population.uid(kind, i), d.population.community_of[kind][i]
    if rng.random() < 0.75:
        items = [_rel(R.AFFILIATED_WITH, uid, d.partner(K.INSTITUTION, c, 0.7), since=d.year(2000))]
    else:
        items = [_rel(R.AFFILIATED_WITH, uid, d.partner(K.ENTERPRISE, c, 0.7), since=d.year(2005))]
    for _ in range(rng.choice((0, 1, 1, 2))):
        items.append(_rel(R.MEMBER_OF, uid, d.partner(K.SOCIETY, c, 0.6), since=d.year(2005)))
    if d.reference.societies and rng.random() < 0.05:
        items.append(_rel(R.MEMBER_OF, uid, rng.choice(d.seed_societies(kind, i)), since=d.year()))
    if rng.random() < 0.12:
        items.append(_rel(R.STATIONED_AT, uid, d.partner(K.WORKSTATION, c, 0.7), year=d.year()))
    return items + _collaborators(d, i, c)


def _collaborators(d: Draw, i: int, c: int) -> Items:
    sci, n, items = d.pickers[K.SCIENTIST], d.population.counts[K.SCIENTIST], []
    for _ in range(d.rng.choice((0, 1, 1, 2))):
        j = sci.pick(c, 0.8)
        a, b = min(i, j), max(i, j)
        if a != b and a * n + b not in d.collaborations:
            d.collaborations.add(a * n + b)
            items.append(_rel(R.COLLABORATED_WITH, sci.uid(a), sci.uid(b), collaboration="research", year=d.year()))
    return items


def enterprise_ties(d: Draw, kind: EntityKind, i: int) -> Items:
    """An enterprise's needs, segment, society, investors, service agency, partners."""
    rng, uid, c = d.rng, d.population.uid(kind, i), d.population.community_of[kind][i]
    community = d.population.communities[c]
    items = []
    for _ in range(rng.choice((1, 1, 2))):
        need = rng.choice(community.fields) if rng.random() < 0.7 else rng.choice(d.reference.leaf_fields)
        items.append(_rel(R.NEEDS, uid, need, priority=rng.randint(1, 5), year=d.year(2020)))
    if rng.random() < 0.8:
        segment: str | None = community.segment
    else:
        segment = rng.choice(d.reference.segments) if d.reference.segments else None
    if segment:
        items.append(_rel(R.IN_SEGMENT, uid, segment, role=rng.choice(("supplier", "manufacturer", "integrator"))))
    if rng.random() < 0.25:
        items.append(_rel(R.MEMBER_OF, uid, d.partner(K.SOCIETY, c, 0.6), since=d.year()))
    if rng.random() < 0.35:
        items += _investments(d, uid, c)
    if rng.random() < 0.4:
        items.append(_rel(R.SERVES, d.partner(K.SERVICE_AGENCY, c, 0.6), uid, service="consulting", year=d.year()))
    if rng.random() < 0.15:
        partner = d.partner(K.INSTITUTION, c, 0.7)
        items.append(_rel(R.COLLABORATED_WITH, uid, partner, collaboration="joint research", year=d.year()))
    if rng.random() < 0.02:
        items.append(_rel(R.PARTNER_OF, uid, PARTNER_PROGRAMME, role="partner", year=d.year(2022)))
    return items


def _investments(d: Draw, uid: str, c: int) -> Items:
    rng, items = d.rng, []
    for _ in range(rng.choice((1, 1, 2))):
        year = d.year(2016)
        investor = d.partner(K.INVESTOR, c, 0.55)
        # Drawn in this order (round, amount, month): the stream fixes every later draw.
        props = {"round": rng.choice(ROUNDS), "amount": float(rng.randint(1, 500) * 100), "year": year}
        items.append(_rel(R.INVESTED_IN, investor, uid, **props, date=f"{year}-{rng.randint(1, 12):02d}-01"))
    return items


def achievement_ties(d: Draw, kind: EntityKind, i: int) -> Items:
    """Who developed an achievement, and where a transferred one went, through whom.

    Now and then (``ONWARD``) an enterprise of the community that took in a technology
    earlier co-develops the achievement and passes it on to another enterprise: a transfer
    chain of two steps or more.
    """
    rng, uid, c = d.rng, d.population.uid(kind, i), d.population.community_of[kind][i]
    year = d.year(2015)
    items = [_rel(R.IN_FIELD, uid, d.reference.leaf_fields[d.population.field_of[kind][i]], weight=1.0)]
    for _ in range(rng.choice((1, 1, 2))):
        items.append(_rel(R.DEVELOPED, d.partner(K.SCIENTIST, c, 0.8), uid, year=year))
    if rng.random() < 0.5:
        items.append(_rel(R.DEVELOPED, d.partner(K.INSTITUTION, c, 0.7), uid, year=year))
    if d.population.transferred[i]:
        moved = min(2025, year + rng.randint(0, 3))
        onward = _onward(d, c, year)
        target = d.partner(K.ENTERPRISE, c, 0.7)
        for _ in range(3):
            if target != onward:
                break
            target = d.partner(K.ENTERPRISE, c, 0.7)
        if onward and onward != target:
            items.append(_rel(R.DEVELOPED, onward, uid, year=year))
        d.received.setdefault(c, []).append((target, moved))
        props = {"mode": rng.choice(("transfer", "license", "equity")), "value": float(rng.randint(5, 2000) * 10)}
        items.append(
            _rel(R.TRANSFERRED_TO, uid, target, **props, year=moved, date=f"{moved}-{rng.randint(1, 12):02d}-15")
        )
        if rng.random() < 0.6:
            items.append(_rel(R.BROKERED, d.partner(K.SERVICE_AGENCY, c, 0.6), uid, year=moved))
    return items


def _onward(d: Draw, community: int, year: int) -> str | None:
    """An enterprise of ``community`` that received a technology by ``year``, sometimes."""
    received = [uid for uid, moved in d.received.get(community, ()) if moved <= year]
    if received and d.rng.random() < ONWARD:
        return d.rng.choice(received)
    return None


def workstation_host(d: Draw, kind: EntityKind, i: int) -> Items:
    c = d.population.community_of[kind][i]
    host = d.partner(K.ENTERPRISE, c, 0.8) if d.rng.random() < 0.6 else d.partner(K.INSTITUTION, c, 0.8)
    return [_rel(R.HOSTED_BY, d.population.uid(kind, i), host)]


def network_ties(d: Draw, kind: EntityKind, i: int) -> Items:
    """Societies in the seed's societies; now and then an organisation in the partner programme."""
    uid, items = d.population.uid(kind, i), []
    if kind is K.SOCIETY and d.reference.societies:
        items.append(_rel(R.MEMBER_OF, uid, d.rng.choice(d.seed_societies(kind, i)), since=d.year(2000)))
    if d.rng.random() < 0.05:
        items.append(_rel(R.PARTNER_OF, uid, PARTNER_PROGRAMME, role="partner", year=d.year(2022)))
    return items


def agency_services(d: Draw, kind: EntityKind, i: int) -> Items:
    if d.rng.random() >= 0.3:
        return []
    target = d.partner(K.INSTITUTION, d.population.community_of[kind][i], 0.7)
    return [_rel(R.SERVES, d.population.uid(kind, i), target, service="transfer", year=d.year())]


def park_focus(d: Draw, kind: EntityKind, i: int) -> Items:
    chains = d.reference.chains
    return [_rel(R.FOCUSES_ON, d.population.uid(kind, i), d.rng.choice(chains))] if chains else []


@dataclass(frozen=True)
class Family:
    """One relationship family: the kinds it runs over, in order, and what it draws for one entity."""

    kinds: tuple[EntityKind, ...]
    draw: Callable[[Draw, EntityKind, int], Items]
    # Drop repeated (source, type, target) and self-loops within one entity's draw.
    once: bool = True


# The order is part of the output: every family draws from the same random stream.
FAMILIES: tuple[Family, ...] = (
    Family(
        (K.SCIENTIST, K.ENTERPRISE, K.INSTITUTION, K.SERVICE_AGENCY, K.INVESTOR, K.SOCIETY, K.WORKSTATION, K.PARK),
        actor_places,
    ),
    Family((K.SCIENTIST,), scientist_ties),
    Family((K.ENTERPRISE,), enterprise_ties),
    Family((K.ACHIEVEMENT,), achievement_ties),
    Family((K.WORKSTATION,), workstation_host, once=False),
    Family((K.SOCIETY, K.SERVICE_AGENCY, K.INSTITUTION, K.INVESTOR), network_ties, once=False),
    Family((K.SERVICE_AGENCY,), agency_services, once=False),
    Family((K.PARK,), park_focus, once=False),
)


def _once(items: Items) -> Iterator[RelationRecord]:
    seen: set[tuple[str, str, str]] = set()
    for item in items:
        if item.key not in seen and item.source != item.target:
            seen.add(item.key)
            yield item


def relationships(population: Population, reference: Reference, rng: random.Random) -> Iterator[RelationRecord]:
    """Every relationship, each (source, type, target) once, family by family (``FAMILIES``),
    then the ties to the seed's organisations (``seed_ties.py``)."""
    draw = Draw(population, reference, rng, {kind: Picker(population, kind, rng) for kind in population.counts})
    for family in FAMILIES:
        for kind in family.kinds:
            for i in range(population.counts[kind]):
                items = family.draw(draw, kind, i)
                yield from _once(items) if family.once else items
    yield from seed_ties.relationships(population, reference, rng)

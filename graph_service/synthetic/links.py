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
* and in ``NOISE`` (10%) of draws, uniformly at random from the whole population.

Years run 2015–2025 and respect order (an achievement is transferred after it exists).

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

import bisect
import itertools
import random
from collections.abc import Iterator
from typing import Any

from graph_service.domain.records import RelationRecord
from graph_service.ontology import EntityKind, RelationType
from graph_service.synthetic.population import Population
from graph_service.synthetic.reference import PARTNER_PROGRAMME, Reference

K, R = EntityKind, RelationType
NOISE = 0.10
ZIPF = 0.9
ROUNDS = ("angel", "pre-A", "A", "B", "C")


class Picker:
    """Draws partners of one kind: same community, popular, or random."""

    def __init__(self, population: Population, kind: EntityKind, rng: random.Random) -> None:
        self.population = population
        self.kind = kind
        self.rng = rng
        self.count = population.counts[kind]
        ranks = list(range(self.count))
        rng.shuffle(ranks)
        self.cumulative = list(itertools.accumulate(1.0 / (rank + 1) ** ZIPF for rank in ranks))

    def popular(self) -> int:
        return bisect.bisect_left(self.cumulative, self.rng.random() * self.cumulative[-1])

    def pick(self, community: int, p_in: float) -> int:
        draw = self.rng.random()
        if draw < NOISE:
            return self.rng.randrange(self.count)
        members = self.population.members[self.kind][community]
        if draw < NOISE + p_in * (1 - NOISE) and len(members):
            return members[self.rng.randrange(len(members))]
        return self.popular()

    def uid(self, index: int) -> str:
        return self.population.uid(self.kind, index)


def fields_and_place(
    population: Population, reference: Reference, kind: EntityKind, i: int, rng: random.Random
) -> list[RelationRecord]:
    """An actor's fields (its own, and half the time a second from its community) and its park or region."""
    uid = population.uid(kind, i)
    community = population.communities[population.community_of[kind][i]]
    items = [RelationRecord(R.IN_FIELD, uid, reference.leaf_fields[population.field_of[kind][i]], {"weight": 1.0})]
    if rng.random() < 0.5:
        second = rng.choice(community.fields)
        items.append(RelationRecord(R.IN_FIELD, uid, second, {"weight": round(rng.uniform(0.3, 0.9), 2)}))
    if kind in (K.ENTERPRISE, K.SERVICE_AGENCY, K.INSTITUTION, K.WORKSTATION) and community.park and rng.random() < 0.6:
        items.append(RelationRecord(R.LOCATED_IN, uid, community.park))
    elif kind is not K.SCIENTIST and community.region in reference.region_uids:
        items.append(RelationRecord(R.LOCATED_IN, uid, reference.region_uids[community.region]))
    return items


def _year(rng: random.Random, start: int = 2015) -> int:
    return rng.randint(start, 2025)


def relationships(population: Population, reference: Reference, rng: random.Random) -> Iterator[RelationRecord]:
    """Every relationship, each (source, type, target) once."""
    pickers = {kind: Picker(population, kind, rng) for kind in population.counts}
    comm = population.community_of
    leaf = reference.leaf_fields

    def field_uid(kind: EntityKind, i: int) -> str:
        return leaf[population.field_of[kind][i]]

    def community_field(kind: EntityKind, i: int) -> str:
        return rng.choice(population.communities[comm[kind][i]].fields)

    def once(items: list[RelationRecord]) -> Iterator[RelationRecord]:
        seen: set[tuple[str, str, str]] = set()
        for item in items:
            if item.key not in seen and item.source != item.target:
                seen.add(item.key)
                yield item

    def rel(type_: RelationType, source: str, target: str, **props: Any) -> RelationRecord:
        return RelationRecord(type_, source, target, props)

    # Every actor: its fields and where it is.
    for kind in (
        K.SCIENTIST,
        K.ENTERPRISE,
        K.INSTITUTION,
        K.SERVICE_AGENCY,
        K.INVESTOR,
        K.SOCIETY,
        K.WORKSTATION,
        K.PARK,
    ):
        for i in range(population.counts[kind]):
            yield from once(fields_and_place(population, reference, kind, i, rng))

    sci, ent, ins, agy = pickers[K.SCIENTIST], pickers[K.ENTERPRISE], pickers[K.INSTITUTION], pickers[K.SERVICE_AGENCY]
    inv, soc, wks = pickers[K.INVESTOR], pickers[K.SOCIETY], pickers[K.WORKSTATION]
    seed_societies = reference.societies

    # Scientists: where they work, their societies, stations and collaborators.
    collaborations: set[int] = set()
    n_sci = population.counts[K.SCIENTIST]
    for i in range(n_sci):
        uid, c = population.uid(K.SCIENTIST, i), comm[K.SCIENTIST][i]
        items = []
        if rng.random() < 0.75:
            items.append(rel(R.AFFILIATED_WITH, uid, ins.uid(ins.pick(c, 0.7)), since=_year(rng, 2000)))
        else:
            items.append(rel(R.AFFILIATED_WITH, uid, ent.uid(ent.pick(c, 0.7)), since=_year(rng, 2005)))
        for _ in range(rng.choice((0, 1, 1, 2))):
            items.append(rel(R.MEMBER_OF, uid, soc.uid(soc.pick(c, 0.6)), since=_year(rng, 2005)))
        if seed_societies and rng.random() < 0.05:
            items.append(rel(R.MEMBER_OF, uid, rng.choice(seed_societies), since=_year(rng)))
        if rng.random() < 0.12:
            items.append(rel(R.STATIONED_AT, uid, wks.uid(wks.pick(c, 0.7)), year=_year(rng)))
        for _ in range(rng.choice((0, 1, 1, 2))):
            j = sci.pick(c, 0.8)
            a, b = min(i, j), max(i, j)
            if a != b and a * n_sci + b not in collaborations:
                collaborations.add(a * n_sci + b)
                items.append(
                    rel(R.COLLABORATED_WITH, sci.uid(a), sci.uid(b), collaboration="research", year=_year(rng))
                )
        yield from once(items)
    collaborations.clear()

    # Enterprises: needs, segment, societies, investors, service agencies, partners.
    for i in range(population.counts[K.ENTERPRISE]):
        uid, c = population.uid(K.ENTERPRISE, i), comm[K.ENTERPRISE][i]
        community = population.communities[c]
        items = []
        for _ in range(rng.choice((1, 1, 2))):
            need = community_field(K.ENTERPRISE, i) if rng.random() < 0.7 else rng.choice(leaf)
            items.append(rel(R.NEEDS, uid, need, priority=rng.randint(1, 5), year=_year(rng, 2020)))
        segment = (
            community.segment
            if rng.random() < 0.8
            else (rng.choice(reference.segments) if reference.segments else None)
        )
        if segment:
            items.append(rel(R.IN_SEGMENT, uid, segment, role=rng.choice(("supplier", "manufacturer", "integrator"))))
        if rng.random() < 0.25:
            items.append(rel(R.MEMBER_OF, uid, soc.uid(soc.pick(c, 0.6)), since=_year(rng)))
        if rng.random() < 0.35:
            for _ in range(rng.choice((1, 1, 2))):
                year = _year(rng, 2016)
                items.append(
                    rel(
                        R.INVESTED_IN,
                        inv.uid(inv.pick(c, 0.55)),
                        uid,
                        round=rng.choice(ROUNDS),
                        amount=float(rng.randint(1, 500) * 100),
                        year=year,
                        date=f"{year}-{rng.randint(1, 12):02d}-01",
                    )
                )
        if rng.random() < 0.4:
            items.append(rel(R.SERVES, agy.uid(agy.pick(c, 0.6)), uid, service="consulting", year=_year(rng)))
        if rng.random() < 0.15:
            items.append(
                rel(
                    R.COLLABORATED_WITH, uid, ins.uid(ins.pick(c, 0.7)), collaboration="joint research", year=_year(rng)
                )
            )
        if rng.random() < 0.02:
            items.append(rel(R.PARTNER_OF, uid, PARTNER_PROGRAMME, role="partner", year=_year(rng, 2022)))
        yield from once(items)

    # Achievements: who developed them, and where the transferred ones went, through whom.
    for i in range(population.counts[K.ACHIEVEMENT]):
        uid, c = population.uid(K.ACHIEVEMENT, i), comm[K.ACHIEVEMENT][i]
        year = _year(rng, 2015)
        items = [rel(R.IN_FIELD, uid, field_uid(K.ACHIEVEMENT, i), weight=1.0)]
        for _ in range(rng.choice((1, 1, 2))):
            items.append(rel(R.DEVELOPED, sci.uid(sci.pick(c, 0.8)), uid, year=year))
        if rng.random() < 0.5:
            items.append(rel(R.DEVELOPED, ins.uid(ins.pick(c, 0.7)), uid, year=year))
        if population.transferred[i]:
            moved = min(2025, year + rng.randint(0, 3))
            items.append(
                rel(
                    R.TRANSFERRED_TO,
                    uid,
                    ent.uid(ent.pick(c, 0.7)),
                    mode=rng.choice(("transfer", "license", "equity")),
                    value=float(rng.randint(5, 2000) * 10),
                    year=moved,
                    date=f"{moved}-{rng.randint(1, 12):02d}-15",
                )
            )
            if rng.random() < 0.6:
                items.append(rel(R.BROKERED, agy.uid(agy.pick(c, 0.6)), uid, year=moved))
        yield from once(items)

    # Organisations: hosts of workstations, societies and parks in the wider network.
    for i in range(population.counts[K.WORKSTATION]):
        c = comm[K.WORKSTATION][i]
        host = ent.uid(ent.pick(c, 0.8)) if rng.random() < 0.6 else ins.uid(ins.pick(c, 0.8))
        yield rel(R.HOSTED_BY, population.uid(K.WORKSTATION, i), host)
    for kind in (K.SOCIETY, K.SERVICE_AGENCY, K.INSTITUTION, K.INVESTOR):
        for i in range(population.counts[kind]):
            uid = population.uid(kind, i)
            if kind is K.SOCIETY and seed_societies:
                yield rel(R.MEMBER_OF, uid, rng.choice(seed_societies), since=_year(rng, 2000))
            if rng.random() < 0.05:
                yield rel(R.PARTNER_OF, uid, PARTNER_PROGRAMME, role="partner", year=_year(rng, 2022))
    for i in range(population.counts[K.SERVICE_AGENCY]):
        c = comm[K.SERVICE_AGENCY][i]
        if rng.random() < 0.3:
            yield rel(
                R.SERVES,
                population.uid(K.SERVICE_AGENCY, i),
                ins.uid(ins.pick(c, 0.7)),
                service="transfer",
                year=_year(rng),
            )
    if reference.chains:
        for i in range(population.counts[K.PARK]):
            yield rel(R.FOCUSES_ON, population.uid(K.PARK, i), rng.choice(reference.chains))

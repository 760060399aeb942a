"""How synthetic entities are linked when only the network carries signal: triadic closure and popularity.

The model
---------
The entities are the community model's (``population.py``: the same kinds, counts, fields,
regions, needs and segments); only their ties are drawn differently. Every partnership tie
is an event with a year (2015–2025; affiliations and memberships may be older), and the
events are played in time order on a growing graph of the ties made so far. The entity a
tie belongs to (the scientist who collaborates, the enterprise that takes an investor, the
achievement that is transferred) picks its partner of the needed kind

* in ``NOISE`` (10%) of draws uniformly at random;
* otherwise, with probability ``P_CLOSE`` (0.6), by closing a triangle: a random
  neighbour's random neighbour of the partner kind, so a partner is the likelier the more
  two-step paths lead to it through sparsely connected middles. Where no two-step path
  reaches the kind (an enterprise and its next investor share no neighbour that invests),
  three steps close a square instead: an investor of a company one of its investors backs;
* else by preferential attachment: an entity of the partner kind with probability
  proportional to its degree + 1.

A draw that is the entity itself or already its neighbour is drawn again, a few times,
then the tie is dropped. Profile ties (IN_FIELD, NEEDS, LOCATED_IN, IN_SEGMENT) and entity
properties still come from each entity's hidden community, but no partner is drawn from
it: fields, regions and segments are independent of who links to whom.

How it differs from the community model and the recommender
-----------------------------------------------------------
``links.py`` draws most partners from the asker's hidden community, which also shapes its
fields and region, so the recommender's topic and geography components predict its ties.
Here they predict nothing; the network is the only evidence, and the model is made of the
topological baselines' own ideas (common neighbours weighted by how connected they are,
popularity). A recommender that leans on attributes should lose on it: the data set checks
that network evidence is used, and weighed, where attributes say nothing. For the same reason
it draws none of the community model's ties to the seed's organisations (``seed_ties.py``
picks partners by region) and no onward transfers.
"""

from __future__ import annotations

import random
from array import array
from collections.abc import Iterator
from typing import Any, NamedTuple

from graph_service.domain.records import PropertyValue, RelationRecord
from graph_service.ontology import EntityKind, RelationType
from graph_service.synthetic.links import fields_and_place
from graph_service.synthetic.population import Population
from graph_service.synthetic.reference import PARTNER_PROGRAMME, Reference

K, R = EntityKind, RelationType
NOISE = 0.10
P_CLOSE = 0.6
TRIES = 6
# Neighbours looked at in the last step of a walk: bounded work at a hub of thousands.
SAMPLE = 24
ROUNDS = ("angel", "pre-A", "A", "B", "C")
# Hosts and affiliations exist before anyone's ties of the same year build on them.
FIRST, LATER = 0, 1


class Tie(NamedTuple):
    """One tie to be made: ``owner`` picks a partner of ``kind``; ``owner_is_source`` orients it."""

    year: int
    phase: int
    order: float
    type: RelationType
    owner: int
    kind: EntityKind
    owner_is_source: bool
    props: dict[str, Any]


class Network:
    """The ties made so far: neighbour lists, and one token per entity and tie end for popularity draws."""

    def __init__(self, population: Population, rng: random.Random) -> None:
        self.population = population
        self.rng = rng
        self.start: dict[EntityKind, int] = {}
        self.kind_of: list[EntityKind] = []
        for kind, count in population.counts.items():
            self.start[kind] = len(self.kind_of)
            self.kind_of += [kind] * count
        self.neighbours: list[list[int]] = [[] for _ in self.kind_of]
        # Drawing a token uniformly draws an entity with probability proportional to degree + 1.
        self.tokens = {
            kind: array("i", range(self.start[kind], self.start[kind] + count))
            for kind, count in population.counts.items()
        }

    def node(self, kind: EntityKind, index: int) -> int:
        return self.start[kind] + index

    def uid(self, node: int) -> str:
        kind = self.kind_of[node]
        return self.population.uid(kind, node - self.start[kind])

    def linked(self, a: int, b: int) -> bool:
        small, other = (a, b) if len(self.neighbours[a]) <= len(self.neighbours[b]) else (b, a)
        return other in self.neighbours[small]

    def link(self, a: int, b: int) -> None:
        self.neighbours[a].append(b)
        self.neighbours[b].append(a)
        self.tokens[self.kind_of[a]].append(a)
        self.tokens[self.kind_of[b]].append(b)

    def uniform(self, kind: EntityKind) -> int:
        return self.start[kind] + self.rng.randrange(self.population.counts[kind])

    def popular(self, kind: EntityKind) -> int:
        tokens = self.tokens[kind]
        return tokens[self.rng.randrange(len(tokens))]

    def close(self, owner: int, kind: EntityKind) -> int | None:
        """A fresh partner of ``kind`` at the end of a random walk of two steps, else of three."""
        rng = self.rng
        if not self.neighbours[owner]:
            return None
        for steps in (2, 3):
            for _ in range(TRIES):
                node = owner
                for _ in range(steps - 1):
                    around = self.neighbours[node]
                    if not around:
                        break
                    node = around[rng.randrange(len(around))]
                else:
                    around = self.neighbours[node]
                    seen = around if len(around) <= SAMPLE else rng.sample(around, SAMPLE)
                    options = [n for n in seen if self.kind_of[n] is kind and n != owner and not self.linked(owner, n)]
                    if options:
                        return options[rng.randrange(len(options))]
        return None

    def pick(self, owner: int, kind: EntityKind) -> int | None:
        """The partner ``owner`` ties to next: noise, closure or popularity; ``None`` after ``TRIES`` repeats."""
        for _ in range(TRIES):
            draw = self.rng.random()
            if draw < NOISE:
                partner = self.uniform(kind)
            elif draw < NOISE + (1 - NOISE) * P_CLOSE:
                closing = self.close(owner, kind)
                partner = self.popular(kind) if closing is None else closing
            else:
                partner = self.popular(kind)
            if partner != owner and not self.linked(owner, partner):
                return partner
        return None


def _year(rng: random.Random, start: int = 2015) -> int:
    return rng.randint(start, 2025)


def _profiles(population: Population, reference: Reference, rng: random.Random) -> Iterator[RelationRecord]:
    """Fields, needs, places and segments: each entity's own attributes, as in the community model."""
    leaf = reference.leaf_fields
    for kind in population.counts:
        for i in range(population.counts[kind]):
            uid = population.uid(kind, i)
            community = population.communities[population.community_of[kind][i]]
            if kind is K.ACHIEVEMENT:
                yield RelationRecord(R.IN_FIELD, uid, leaf[population.field_of[kind][i]], {"weight": 1.0})
                continue
            items = fields_and_place(population, reference, kind, i, rng)
            if kind is K.ENTERPRISE:
                for _ in range(rng.choice((1, 1, 2))):
                    need = rng.choice(community.fields) if rng.random() < 0.7 else rng.choice(leaf)
                    items.append(
                        RelationRecord(R.NEEDS, uid, need, {"priority": rng.randint(1, 5), "year": _year(rng, 2020)})
                    )
                segment = community.segment if rng.random() < 0.8 else None
                if segment is None and reference.segments:
                    segment = rng.choice(reference.segments)
                if segment:
                    role = rng.choice(("supplier", "manufacturer", "integrator"))
                    items.append(RelationRecord(R.IN_SEGMENT, uid, segment, {"role": role}))
            seen: set[tuple[str, str, str]] = set()
            for item in items:
                if item.key not in seen:
                    seen.add(item.key)
                    yield item


def _ties(population: Population, network: Network, rng: random.Random) -> list[Tie]:
    """Every partnership tie to be made, with its year, in no particular order."""
    ties: list[Tie] = []
    counts = population.counts

    def tie(year: int, type_: RelationType, owner: int, kind: EntityKind, source: bool, **props: Any) -> None:
        phase = FIRST if type_ in (R.AFFILIATED_WITH, R.HOSTED_BY, R.DEVELOPED) else LATER
        ties.append(Tie(year, phase, rng.random(), type_, owner, kind, source, props))

    for i in range(counts[K.WORKSTATION]):
        host = K.ENTERPRISE if rng.random() < 0.6 else K.INSTITUTION
        tie(2012, R.HOSTED_BY, network.node(K.WORKSTATION, i), host, True)
    for i in range(counts[K.SCIENTIST]):
        me = network.node(K.SCIENTIST, i)
        if rng.random() < 0.75:
            tie(_year(rng, 2000), R.AFFILIATED_WITH, me, K.INSTITUTION, True)
        else:
            tie(_year(rng, 2005), R.AFFILIATED_WITH, me, K.ENTERPRISE, True)
        for _ in range(rng.choice((0, 1, 1, 2))):
            tie(_year(rng, 2005), R.MEMBER_OF, me, K.SOCIETY, True)
        if rng.random() < 0.12:
            tie(_year(rng), R.STATIONED_AT, me, K.WORKSTATION, True)
        for _ in range(rng.choice((0, 1, 1, 2))):
            tie(_year(rng), R.COLLABORATED_WITH, me, K.SCIENTIST, True, collaboration="research")
    for i in range(counts[K.ENTERPRISE]):
        me = network.node(K.ENTERPRISE, i)
        if rng.random() < 0.25:
            tie(_year(rng), R.MEMBER_OF, me, K.SOCIETY, True)
        if rng.random() < 0.35:
            for _ in range(rng.choice((1, 1, 2))):
                year = _year(rng, 2016)
                amount = float(rng.randint(1, 500) * 100)
                date = f"{year}-{rng.randint(1, 12):02d}-01"
                tie(year, R.INVESTED_IN, me, K.INVESTOR, False, round=rng.choice(ROUNDS), amount=amount, date=date)
        if rng.random() < 0.4:
            tie(_year(rng), R.SERVES, me, K.SERVICE_AGENCY, False, service="consulting")
        if rng.random() < 0.15:
            tie(_year(rng), R.COLLABORATED_WITH, me, K.INSTITUTION, True, collaboration="joint research")
    for i in range(counts[K.ACHIEVEMENT]):
        me, year = network.node(K.ACHIEVEMENT, i), _year(rng)
        for _ in range(rng.choice((1, 1, 2))):
            tie(year, R.DEVELOPED, me, K.SCIENTIST, False)
        if rng.random() < 0.5:
            tie(year, R.DEVELOPED, me, K.INSTITUTION, False)
        if population.transferred[i]:
            moved = min(2025, year + rng.randint(0, 3))
            mode = rng.choice(("transfer", "license", "equity"))
            value = float(rng.randint(5, 2000) * 10)
            date = f"{moved}-{rng.randint(1, 12):02d}-15"
            tie(moved, R.TRANSFERRED_TO, me, K.ENTERPRISE, True, mode=mode, value=value, date=date)
            if rng.random() < 0.6:
                tie(moved, R.BROKERED, me, K.SERVICE_AGENCY, False)
    for i in range(counts[K.SERVICE_AGENCY]):
        if rng.random() < 0.3:
            tie(_year(rng), R.SERVES, network.node(K.SERVICE_AGENCY, i), K.INSTITUTION, True, service="transfer")
    return ties


def _dated(type_: RelationType, year: int, props: dict[str, Any]) -> dict[str, Any]:
    """The tie's properties with its year under the name the ontology gives it (HOSTED_BY has none)."""
    if type_ in (R.AFFILIATED_WITH, R.MEMBER_OF):
        return {"since": year, **props}
    if type_ is R.HOSTED_BY:
        return props
    return {**props, "year": year}


def _outside(population: Population, reference: Reference, rng: random.Random) -> Iterator[RelationRecord]:
    """Ties to the seed's societies, the partner programme and chains: few, drawn at random (noise)."""
    seed_societies = reference.societies
    for i in range(population.counts[K.SCIENTIST]):
        if seed_societies and rng.random() < 0.05:
            uid = population.uid(K.SCIENTIST, i)
            yield RelationRecord(R.MEMBER_OF, uid, rng.choice(seed_societies), {"since": _year(rng)})
    partners = (
        (K.ENTERPRISE, 0.02),
        (K.SOCIETY, 0.05),
        (K.SERVICE_AGENCY, 0.05),
        (K.INSTITUTION, 0.05),
        (K.INVESTOR, 0.05),
    )
    for kind, share in partners:
        for i in range(population.counts[kind]):
            uid = population.uid(kind, i)
            if kind is K.SOCIETY and seed_societies:
                yield RelationRecord(R.MEMBER_OF, uid, rng.choice(seed_societies), {"since": _year(rng, 2000)})
            if rng.random() < share:
                partner: dict[str, PropertyValue] = {"role": "partner", "year": _year(rng, 2022)}
                yield RelationRecord(R.PARTNER_OF, uid, PARTNER_PROGRAMME, partner)
    if reference.chains:
        for i in range(population.counts[K.PARK]):
            yield RelationRecord(R.FOCUSES_ON, population.uid(K.PARK, i), rng.choice(reference.chains))


def relationships(population: Population, reference: Reference, rng: random.Random) -> Iterator[RelationRecord]:
    """Every relationship, each (source, type, target) once: profiles, then the ties in time order."""
    yield from _profiles(population, reference, rng)
    network = Network(population, rng)
    for t in sorted(_ties(population, network, rng), key=lambda t: (t.year, t.phase, t.order)):
        partner = network.pick(t.owner, t.kind)
        if partner is None:
            continue
        network.link(t.owner, partner)
        source, target = (t.owner, partner) if t.owner_is_source else (partner, t.owner)
        yield RelationRecord(t.type, network.uid(source), network.uid(target), _dated(t.type, t.year, t.props))
    yield from _outside(population, reference, rng)

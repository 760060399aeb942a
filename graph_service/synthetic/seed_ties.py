"""Ties from the synthetic population to the seed's own organisations, so the real records are woven in.

The seed holds organisations the source documents describe at work (四川大学, the
workstations, the expert service teams 天府青百会 and 百博服务团, the programmes); alone they
would stand apart from the synthetic population. Here each gets people and partners from
the places it is in (its region and the places within it; anywhere when it has none):

* a university or research institute: affiliated scientists (2% of its places' scientists,
  at least 5) and enterprises doing joint research with it (1%, at least 3);
* a workstation: 3–8 stationed experts, academicians first at an academician station,
  overseas scientists at a 海智 station or offshore base, young ones at a 青年科学家工作室
  (its host is in the seed);
* an expert service team: members (young scientists first at 天府青百会) and enterprises it
  serves. The ontology lets only a society have members (MEMBER_OF) and only a service agency
  SERVE, so the half its kind lacks is a COLLABORATED_WITH of collaboration "expert service";
* a programme other than 科创生态伙伴计划 (whose partners the link models draw): 2–5
  partner organisations, more in a large population.

Partners are drawn uniformly among the entities of their kind in those places, from the
shared random stream, after every other tie. No other synthetic tie points at these
organisations (``reference.SERVICE_TEAMS``, ``PARTNER_PROGRAMME``), so none is drawn twice.
"""

from __future__ import annotations

import random
from array import array
from collections.abc import Iterator
from typing import Any

from graph_service.domain.records import RelationRecord
from graph_service.ontology import EntityKind, RelationType
from graph_service.synthetic.population import ACADEMICIAN, OVERSEAS, YOUNG, Population
from graph_service.synthetic.reference import (
    PARTNER_PROGRAMME,
    SERVICE_TEAMS,
    Reference,
    SeedActor,
    research_institutions,
)

K, R = EntityKind, RelationType
# Who a workstation of each station_kind takes first.
STATION_TRAITS = {"academician": ACADEMICIAN, "overseas": OVERSEAS, "offshore_base": OVERSEAS, "young_scientist": YOUNG}
TEAM_TRAITS = {"society:tianfu-qingbai": YOUNG}
PARTNER_KINDS = (K.ENTERPRISE, K.INSTITUTION, K.SOCIETY, K.SERVICE_AGENCY, K.INVESTOR)
EXPERT_SERVICE = "expert service"


class Locals:
    """The synthetic entities of a kind by the place they live in, indexed on first use."""

    def __init__(self, population: Population, reference: Reference) -> None:
        self.population = population
        self.reference = reference
        self._by_place: dict[EntityKind, dict[str, array[int]]] = {}

    def of(self, kind: EntityKind, region: str | None) -> list[int]:
        """Indices of ``kind`` living in ``region`` or a place within it, place by place in name order."""
        if kind not in self._by_place:
            index: dict[str, array[int]] = {}
            for i, r in enumerate(self.population.region_of.get(kind, array("h"))):
                index.setdefault(self.reference.regions[r], array("i")).append(i)
            self._by_place[kind] = index
        by_place = self._by_place[kind]
        return [i for place in sorted(self.reference.within(region)) for i in by_place.get(place, ())]


def _scaled(pool: int, rate: float, least: int) -> int:
    return min(pool, max(least, round(pool * rate)))


def _some(rng: random.Random, pool: list[int], n: int, first: list[int] | None = None) -> list[int]:
    """``n`` distinct members of ``pool``, drawn from ``first`` (a part of it) before the rest."""
    chosen = rng.sample(first, min(n, len(first))) if first else []
    taken = set(chosen)
    rest = [i for i in pool if i not in taken]
    return chosen + rng.sample(rest, min(n - len(chosen), len(rest)))


def _rel(type_: RelationType, source: str, target: str, **props: Any) -> RelationRecord:
    return RelationRecord(type_, source, target, props)


def _scientists(population: Population, pool: list[int], trait: int) -> list[int] | None:
    return [i for i in pool if population.traits[i] & trait] if trait else None


def _institution(p: Population, near: Locals, rng: random.Random, seed: SeedActor) -> Iterator[RelationRecord]:
    staff = near.of(K.SCIENTIST, seed.region)
    for i in _some(rng, staff, _scaled(len(staff), 0.02, 5)):
        yield _rel(R.AFFILIATED_WITH, p.uid(K.SCIENTIST, i), seed.uid, since=rng.randint(2000, 2025))
    firms = near.of(K.ENTERPRISE, seed.region)
    for i in _some(rng, firms, _scaled(len(firms), 0.01, 3)):
        year = rng.randint(2015, 2025)
        yield _rel(R.COLLABORATED_WITH, p.uid(K.ENTERPRISE, i), seed.uid, collaboration="joint research", year=year)


def _workstation(p: Population, near: Locals, rng: random.Random, seed: SeedActor) -> Iterator[RelationRecord]:
    pool = near.of(K.SCIENTIST, seed.region)
    first = _scientists(p, pool, STATION_TRAITS.get(seed.detail or "", 0))
    for i in _some(rng, pool, rng.randint(3, 8), first):
        yield _rel(R.STATIONED_AT, p.uid(K.SCIENTIST, i), seed.uid, year=rng.randint(2015, 2025))


def _team(p: Population, near: Locals, rng: random.Random, seed: SeedActor) -> Iterator[RelationRecord]:
    pool = near.of(K.SCIENTIST, seed.region)
    first = _scientists(p, pool, TEAM_TRAITS.get(seed.uid, 0))
    for i in _some(rng, pool, _scaled(len(pool), 0.02, 8), first):
        member, year = p.uid(K.SCIENTIST, i), rng.randint(2016, 2025)
        if seed.kind is K.SOCIETY:
            yield _rel(R.MEMBER_OF, member, seed.uid, since=year)
        else:
            yield _rel(R.COLLABORATED_WITH, member, seed.uid, collaboration=EXPERT_SERVICE, year=year)
    firms = near.of(K.ENTERPRISE, seed.region)
    for i in _some(rng, firms, _scaled(len(firms), 0.01, 5)):
        client, year = p.uid(K.ENTERPRISE, i), rng.randint(2018, 2025)
        if seed.kind is K.SERVICE_AGENCY:
            yield _rel(R.SERVES, seed.uid, client, service="consulting", year=year)
        else:
            yield _rel(R.COLLABORATED_WITH, seed.uid, client, collaboration=EXPERT_SERVICE, year=year)


def _programme(p: Population, near: Locals, rng: random.Random, seed: SeedActor) -> Iterator[RelationRecord]:
    pools = {kind: near.of(kind, seed.region) for kind in PARTNER_KINDS}
    kinds = [kind for kind in PARTNER_KINDS if pools[kind]]
    wanted = max(rng.randint(2, 5), round(sum(map(len, pools.values())) * 0.002))
    seen: set[tuple[EntityKind, int]] = set()
    for _ in range(3 * wanted if kinds else 0):
        kind = rng.choice(kinds)
        pick = (kind, rng.choice(pools[kind]))
        if pick not in seen:
            seen.add(pick)
            yield _rel(R.PARTNER_OF, p.uid(*pick), seed.uid, role="partner", year=rng.randint(2018, 2025))
        if len(seen) == wanted:
            return


def relationships(population: Population, reference: Reference, rng: random.Random) -> Iterator[RelationRecord]:
    """Every tie to a seed organisation, organisation by organisation in uid order."""
    near = Locals(population, reference)
    for seed in research_institutions(reference):
        yield from _institution(population, near, rng, seed)
    for seed in reference.seed(K.WORKSTATION):
        yield from _workstation(population, near, rng, seed)
    for seed in reference.actors:
        if seed.uid in SERVICE_TEAMS:
            yield from _team(population, near, rng, seed)
    for seed in reference.seed(K.PROGRAMME):
        if seed.uid != PARTNER_PROGRAMME:
            yield from _programme(population, near, rng, seed)

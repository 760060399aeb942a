"""The demo ecosystem holds together: names, regions and parks agree, and the seed's records are woven in."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import cache

import pytest

from graph_service.domain.records import EntityRecord, RelationRecord
from graph_service.ontology import ACTOR_KINDS, EntityKind, RelationType
from graph_service.services.seed import DEMO_SEED, load_demo, read_seed
from graph_service.store import GraphStore
from graph_service.synthetic import Reference, generate, names
from tests.api_client import api_client, graphql_post
from tests.raw_cypher import read_raw

K, R = EntityKind, RelationType
SIZE = 3000
UNIVERSITY = "institution:sichuan-university"
TEAMS = ("society:tianfu-qingbai", "agency:baibo")


@dataclass(frozen=True)
class Demo:
    entities: dict[str, EntityRecord]
    relations: dict[RelationType, list[RelationRecord]]

    def ties(self, type_: RelationType, *, source: str | None = None, target: str | None = None) -> list[str]:
        """The other ends of the ``type_`` ties from ``source`` or to ``target``."""
        if source is not None:
            return [r.target for r in self.relations[type_] if r.source == source]
        return [r.source for r in self.relations[type_] if r.target == target]

    def kind(self, uid: str) -> EntityKind:
        return self.entities[uid].kind

    def region(self, uid: str) -> str | None:
        value = self.entities[uid].properties.get("region")
        return str(value) if value else None


@cache
def demo(link_model: str = "community") -> Demo:
    """The seed and a synthetic population of the demo's size and seed, as records."""
    seed = read_seed()
    records = [*seed, *generate(SIZE, DEMO_SEED, Reference.from_records(seed), link_model=link_model)]
    relations: dict[RelationType, list[RelationRecord]] = defaultdict(list)
    for r in records:
        if isinstance(r, RelationRecord):
            relations[r.type].append(r)
    return Demo({r.uid: r for r in records if isinstance(r, EntityRecord)}, relations)


@pytest.mark.parametrize("link_model", ["community", "structural"])
def test_every_actor_is_located_in_the_region_it_names(link_model: str) -> None:
    d = demo(link_model)
    actors = [e for e in d.entities.values() if e.kind in ACTOR_KINDS]
    # 中国科协 is national: the seed places it in no region of the ecosystem.
    assert [e.uid for e in actors if not d.region(e.uid)] == ["society:cast"]
    wrong = []
    for actor in actors:
        places = d.ties(R.LOCATED_IN, source=actor.uid)
        regions = [p if d.kind(p) is K.REGION else d.ties(R.LOCATED_IN, source=p)[0] for p in places]
        if actor.uid != "society:cast" and [d.entities[r].name for r in regions] != [d.region(actor.uid)]:
            wrong.append((actor.uid, d.region(actor.uid), regions))
    assert wrong == []


def test_parks_lie_in_their_own_region_and_so_do_their_residents() -> None:
    d = demo()
    parks = [e.uid for e in d.entities.values() if e.kind is K.PARK]
    for park in parks:
        (region,) = d.ties(R.LOCATED_IN, source=park)
        assert d.kind(region) is K.REGION
        assert d.entities[region].name == d.region(park), park
    residents = [(r.source, r.target) for r in d.relations[R.LOCATED_IN] if d.kind(r.target) is K.PARK]
    per_park = Counter(park for _, park in residents)
    real = [p for p in parks if not d.entities[p].properties.get("synthetic")]
    assert [p for p in real if per_park[p] < 5] == [], "the seed's parks are not left empty"
    assert len(per_park) > len(real) + 4, "synthetic parks have residents too"
    assert [(s, p) for s, p in residents if d.region(s) != d.region(p)] == []
    # A resident sits in its park only: no second, contradicting place.
    assert max(Counter(r.source for r in d.relations[R.LOCATED_IN]).values()) == 1


def test_organisation_names_carry_a_place_word_of_their_region() -> None:
    d = demo()
    checked = 0
    for e in d.entities.values():
        if e.properties.get("synthetic") and e.kind not in (K.SCIENTIST, K.ACHIEVEMENT):
            words = [cn for cn, _ in names.places(d.region(e.uid))]
            assert any(e.name.startswith(f"示例·{w}") for w in words), (e.name, d.region(e.uid))
            checked += 1
    assert checked > 1000


def test_the_seed_university_has_scientists_and_partners_of_its_city() -> None:
    d = demo()
    city = Reference.from_records(read_seed()).within(d.region(UNIVERSITY))
    staff = d.ties(R.AFFILIATED_WITH, target=UNIVERSITY)
    partners = [
        r.source if r.target == UNIVERSITY else r.target
        for r in d.relations[R.COLLABORATED_WITH]
        if UNIVERSITY in (r.source, r.target)
    ]
    assert len(staff) >= 5
    assert len(partners) >= 3
    assert {d.kind(u) for u in staff} == {K.SCIENTIST}
    assert {d.kind(u) for u in partners} == {K.ENTERPRISE}
    assert {d.region(u) for u in staff + partners} <= city


def test_every_real_workstation_has_a_host_and_stationed_experts() -> None:
    d = demo()
    stations = [e for e in d.entities.values() if e.kind is K.WORKSTATION and not e.properties.get("synthetic")]
    assert len(stations) == 10
    for station in stations:
        assert len(d.ties(R.HOSTED_BY, source=station.uid)) == 1, station.uid
        experts = d.ties(R.STATIONED_AT, target=station.uid)
        assert len(experts) >= 3, station.uid
        assert {d.kind(u) for u in experts} == {K.SCIENTIST}
    academicians = d.ties(R.STATIONED_AT, target="workstation:chengdu-academician")
    assert any(d.entities[u].properties["is_academician"] for u in academicians)


def test_the_expert_service_teams_have_members_and_serve_enterprises() -> None:
    d = demo()
    for team in TEAMS:
        collaborators = [
            r.source if r.target == team else r.target
            for r in d.relations[R.COLLABORATED_WITH]
            if team in (r.source, r.target)
        ]
        if d.kind(team) is K.SOCIETY:
            # A society cannot SERVE (the ontology): it works with enterprises.
            members, clients = d.ties(R.MEMBER_OF, target=team), collaborators
        else:
            # A service agency has no MEMBER_OF: its experts work with it.
            members, clients = collaborators, d.ties(R.SERVES, source=team)
        assert len(members) >= 8, team
        assert {d.kind(u) for u in members} == {K.SCIENTIST}, team
        assert len([u for u in clients if d.kind(u) is K.ENTERPRISE]) >= 5, team


def test_every_programme_has_partners() -> None:
    d = demo()
    programmes = [e.uid for e in d.entities.values() if e.kind is K.PROGRAMME]
    partners = Counter(r.target for r in d.relations[R.PARTNER_OF])
    assert [p for p in programmes if partners[p] < 2] == []


def _onward(d: Demo) -> list[tuple[str, str, str]]:
    """(first achievement, enterprise, second): the enterprise took in the first, passed the second on."""
    received = defaultdict(list)
    for r in d.relations[R.TRANSFERRED_TO]:
        received[r.target].append(r.source)
    return [
        (first, r.source, r.target)
        for r in d.relations[R.DEVELOPED]
        if d.kind(r.source) is K.ENTERPRISE
        for first in received[r.source]
        if set(d.ties(R.TRANSFERRED_TO, source=r.target)) - {r.source}
    ]


def test_enterprises_pass_technology_on() -> None:
    d = demo()
    chains = _onward(d)
    assert len({(via, second) for _, via, second in chains}) >= 5
    # In time order: the enterprise had a technology before the one it passed on existed.
    moved = {(r.source, r.target): int(str(r.properties["year"])) for r in d.relations[R.TRANSFERRED_TO]}
    made = {(r.source, r.target): int(str(r.properties["year"])) for r in d.relations[R.DEVELOPED]}
    earliest: dict[tuple[str, str], int] = {}
    for first, via, second in chains:
        earliest[via, second] = min(earliest.get((via, second), 9999), moved[first, via])
    assert all(year <= made[pair] for pair, year in earliest.items())


@pytest.fixture(scope="module")
def loaded(module_store: GraphStore) -> GraphStore:
    load_demo(module_store, synthetic_size=SIZE)
    return module_store


def test_the_loaded_demo_places_every_actor(loaded: GraphStore) -> None:
    rows = read_raw(
        loaded,
        "MATCH (n:Entity) WHERE n.kind IN $kinds AND n.uid <> 'society:cast' "
        "OPTIONAL MATCH (n)-[:LOCATED_IN]->(:Park)-[:LOCATED_IN]->(viaPark:Region) "
        "OPTIONAL MATCH (n)-[:LOCATED_IN]->(direct:Region) "
        "WITH n, coalesce(direct, viaPark) AS place "
        "RETURN count(n) AS actors, sum(CASE WHEN place.name = n.region THEN 1 ELSE 0 END) AS placed",
        {"kinds": sorted(k.value for k in ACTOR_KINDS)},
    )
    assert rows[0]["actors"] > 2500
    assert int(rows[0]["placed"]) == rows[0]["actors"]


def test_transfer_chains_follow_a_technology_on_through_an_enterprise(loaded: GraphStore) -> None:
    first, via, second = sorted(_onward(demo()))[0]
    with api_client(store=loaded) as client:
        body = graphql_post(
            client,
            "query($a: String!) { transferChains(from: $a, maxHops: 2, first: 50) { hops steps { role uid hop } } }",
            {"a": first},
        )
    assert "errors" not in body, body.get("errors")
    two_step = [c for c in body["data"]["transferChains"] if c["hops"] == 2]
    assert two_step
    steps = [(s["role"], s["uid"], s["hop"]) for s in two_step[0]["steps"]]
    assert ("enterprise", via, 1) in steps
    assert ("achievement", second, 2) in steps

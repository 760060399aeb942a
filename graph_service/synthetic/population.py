"""Who is in a synthetic ecosystem: how many of each kind, their hidden community, and their records.

Every entity is assigned a latent community (a cluster of fields, a home region, a home
chain segment and often a home park in that region, all hidden from the graph); its visible
properties and, later, its links are drawn mostly from its community and partly at random.
Every entity has a region (its community's, or at random): its name's place word, its
``region`` and the place it is LOCATED_IN agree, and a park it sits in lies in that region.
Only compact per-entity attributes are kept (community, field and region indices), so a
million entities fit in little memory.
"""

from __future__ import annotations

import random
from array import array
from collections.abc import Iterator
from dataclasses import dataclass, field, replace

from graph_service.domain.records import EntityRecord
from graph_service.ontology import EntityKind
from graph_service.synthetic import names
from graph_service.synthetic.reference import Reference

K = EntityKind

# Shares of each kind in a population; parks and societies get at least a few.
SHARES: dict[EntityKind, float] = {
    K.SCIENTIST: 0.40,
    K.ENTERPRISE: 0.28,
    K.ACHIEVEMENT: 0.14,
    K.SERVICE_AGENCY: 0.04,
    K.INSTITUTION: 0.03,
    K.INVESTOR: 0.03,
    K.WORKSTATION: 0.03,
    K.SOCIETY: 0.02,
    K.PARK: 0.01,
}
PREFIX = {
    K.SCIENTIST: "sci",
    K.ENTERPRISE: "ent",
    K.ACHIEVEMENT: "ach",
    K.SERVICE_AGENCY: "agy",
    K.INSTITUTION: "ins",
    K.INVESTOR: "inv",
    K.WORKSTATION: "wks",
    K.SOCIETY: "soc",
    K.PARK: "prk",
}
# Home field in the community with this probability; otherwise any field (noise).
HOMOPHILY = 0.75
COMMUNITY_SIZE = 120
TRANSFER_RATE = 0.35
STAGES = ("seed", "angel", "a", "b", "c", "growth")
# A community has a home park (one in its region) with this probability.
PARK_RATE = 0.6
SEED_PARK_WEIGHT = 2
# Bits of ``Population.traits``: what a scientist is, for the seed's workstations to choose by.
ACADEMICIAN, OVERSEAS, YOUNG = 1, 2, 4


@dataclass(frozen=True, slots=True)
class Community:
    fields: tuple[str, ...]
    region: str
    segment: str | None
    park: str | None


@dataclass
class Population:
    """Counts by kind and each entity's hidden community, main field and region (by index)."""

    counts: dict[EntityKind, int]
    communities: list[Community]
    community_of: dict[EntityKind, array[int]] = field(default_factory=dict)
    field_of: dict[EntityKind, array[int]] = field(default_factory=dict)
    members: dict[EntityKind, list[array[int]]] = field(default_factory=dict)
    region_of: dict[EntityKind, array[int]] = field(default_factory=dict)
    transferred: array[int] = field(default_factory=lambda: array("b"))
    traits: array[int] = field(default_factory=lambda: array("b"))

    def uid(self, kind: EntityKind, index: int) -> str:
        return f"syn:{PREFIX[kind]}:{index:07d}"


def plan(size: int, reference: Reference, rng: random.Random) -> Population:
    """How many of each kind, and the communities they fall into."""
    counts = {kind: max(2, round(size * share)) for kind, share in SHARES.items()}
    communities = []
    for _ in range(max(4, size // COMMUNITY_SIZE)):
        home = rng.choice(reference.leaf_fields)
        near = reference.siblings(home)
        fields = tuple(dict.fromkeys([home, *rng.sample(near, min(2, len(near)))]))
        segments = [s for s in reference.segments if set(reference.segment_fields.get(s, ())) & set(fields)]
        segment = rng.choice(segments or reference.segments) if reference.segments else None
        # The home park is chosen once the synthetic parks have their regions (``_assign``).
        communities.append(Community(fields, rng.choice(reference.regions), segment, None))
    return Population(counts, communities)


def _assign(population: Population, reference: Reference, rng: random.Random) -> None:
    field_index = {f: i for i, f in enumerate(reference.leaf_fields)}
    region_index = {r: i for i, r in enumerate(reference.regions)}
    n_comm = len(population.communities)
    for kind, count in population.counts.items():
        communities = array("i", (rng.randrange(n_comm) for _ in range(count)))
        fields, regions = array("i"), array("h")
        for c in communities:
            community = population.communities[c]
            pick = rng.choice(community.fields) if rng.random() < HOMOPHILY else rng.choice(reference.leaf_fields)
            fields.append(field_index[pick])
            home = community.region if rng.random() < HOMOPHILY else rng.choice(reference.regions)
            regions.append(region_index[home])
        members: list[array[int]] = [array("i") for _ in range(n_comm)]
        for i, c in enumerate(communities):
            members[c].append(i)
        population.community_of[kind] = communities
        population.field_of[kind] = fields
        population.members[kind] = members
        population.region_of[kind] = regions
    _home_parks(population, reference, rng)


def _home_parks(population: Population, reference: Reference, rng: random.Random) -> None:
    """Give a share of the communities a home park that lies in their region.

    Each of the seed's parks (成都高新区 …) is the home of the first community of its region,
    and weighs twice a synthetic park in the draw for the others: the real parks are never
    empty and are among the largest.
    """
    parks: dict[str, list[str]] = {}
    for uid, region in reference.parks:
        parks.setdefault(region, []).extend([uid] * SEED_PARK_WEIGHT)
    for i, r in enumerate(population.region_of.get(K.PARK, array("h"))):
        parks.setdefault(reference.regions[r], []).append(population.uid(K.PARK, i))
    communities = population.communities
    for uid, region in reference.parks:
        first = next((c for c, home in enumerate(communities) if home.region == region and home.park is None), None)
        if first is not None:
            communities[first] = replace(communities[first], park=uid)
    for c, community in enumerate(communities):
        local = parks.get(community.region)
        if community.park is None and local and rng.random() < PARK_RATE:
            communities[c] = replace(community, park=rng.choice(local))


def _properties(
    kind: EntityKind, index: int, region: str, field_name: tuple[str, str], rng: random.Random, count: int
) -> dict[str, object]:
    """Properties of one synthetic entity; ``field_name`` is its field's name in Chinese and English."""
    props: dict[str, object] = {}
    if kind is K.SCIENTIST:
        name, name_en = names.person(rng)
        props = {
            "title": rng.choice(("研究员", "教授", "高级工程师", "副教授", "工程师")),
            "is_academician": rng.random() < 0.01,
            "overseas": rng.random() < 0.08,
            "young": rng.random() < 0.3,
            "email": f"scientist{index}@example.invalid",
            "phone": f"000-0000-{index % 10000:04d}",
        }
    elif kind is K.ENTERPRISE:
        name, name_en = names.enterprise(rng, field_name[0], index, count, region)
        props = {
            "chain_leader": rng.random() < 0.01,
            "specialised": rng.random() < 0.12,
            "high_tech": rng.random() < 0.35,
            "tech_sme": rng.random() < 0.5,
            "stage": rng.choice(STAGES),
            "size": rng.choice(("micro", "small", "small", "medium", "large")),
            "founded": rng.randint(1995, 2024),
        }
    elif kind is K.ACHIEVEMENT:
        name, name_en = names.achievement(rng, *field_name)
        props = {
            "achievement_type": rng.choice(("patent", "patent", "technology", "software")),
            "trl": rng.randint(2, 8),
            "year": rng.randint(2015, 2025),
            "status": "available",
        }
    elif kind is K.INSTITUTION:
        cn, en, itype = rng.choice(names.INSTITUTION_TYPES)
        name, name_en = names.organisation(rng, cn, en, index, count, region)
        props = {"institution_type": itype}
    elif kind is K.SERVICE_AGENCY:
        cn, en, service = rng.choice(names.AGENCY_TYPES)
        name, name_en = names.organisation(rng, cn, en, index, count, region)
        extra = rng.choice(("transfer", "consulting", "ip", "training"))
        props = {"services": sorted({service, extra})}
    elif kind is K.INVESTOR:
        cn, en, fund = rng.choice(names.INVESTOR_TYPES)
        name, name_en = names.organisation(rng, cn, en, index, count, region)
        start = rng.randrange(len(STAGES) - 2)
        props = {
            "fund_type": fund,
            "stages": list(STAGES[start : start + 3]),
            "fund_size": float(rng.randint(1, 200) * 1000),
        }
    elif kind is K.WORKSTATION:
        station = rng.choice(("academician", "expert", "expert", "overseas", "young_scientist"))
        label = {
            "academician": "院士创新工作站",
            "expert": "专家工作站",
            "overseas": "海智工作站",
            "young_scientist": "青年科学家工作室",
        }
        name, name_en = names.organisation(rng, label[station], "Workstation", index, count, region)
        props = {
            "station_kind": station,
            "level": "municipal",
            "established": rng.randint(2012, 2024),
            "status": "active",
        }
    elif kind is K.SOCIETY:
        name, name_en = names.organisation(rng, f"{field_name[0]}学会", "Society", index, count, region)
        props = {"level": rng.choice(("municipal", "municipal", "provincial", "district")), "category": "society"}
        if rng.random() < 0.1:
            props["rating"] = "5A"
    else:
        name, name_en = names.organisation(rng, "产业园", "Industrial Park", index, count, region)
        props = {"level": rng.choice(("municipal", "district", "provincial"))}
    props.update({"name": name, "name_en": name_en, "region": region, "source": "synthetic", "synthetic": True})
    return props


def entities(population: Population, reference: Reference, rng: random.Random) -> Iterator[EntityRecord]:
    """Every entity record, kind by kind in index order."""
    _assign(population, reference, rng)
    for kind, count in population.counts.items():
        fields, regions = population.field_of[kind], population.region_of[kind]
        for i in range(count):
            uid = population.uid(kind, i)
            leaf = reference.leaf_fields[fields[i]]
            field_name = (reference.field_names.get(leaf, "技术"), reference.field_names_en.get(leaf, "technology"))
            props = _properties(kind, i, reference.regions[regions[i]], field_name, rng, count)
            props["uid"] = uid
            if kind is K.SCIENTIST:
                traits = ACADEMICIAN * bool(props["is_academician"]) + OVERSEAS * bool(props["overseas"])
                population.traits.append(traits + YOUNG * bool(props["young"]))
            if kind is K.ACHIEVEMENT:
                moved = rng.random() < TRANSFER_RATE
                population.transferred.append(1 if moved else 0)
                props["status"] = rng.choice(("transferred", "licensed")) if moved else "available"
            yield EntityRecord(kind, uid, props)  # type: ignore[arg-type]

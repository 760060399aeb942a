"""The fixed reference data a synthetic population hangs on, taken from the seed records."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from graph_service.domain.records import EntityRecord, RelationRecord
from graph_service.ontology import EntityKind, RelationType

# Where synthetic actors live: the seed's cities and districts (a Region needs a level).
_PLACE_LEVELS = ("city", "district", "zone")
PARTNER_PROGRAMME = "programme:kechuang-partner"
# The seed's two expert service teams (科技专家服务团): they get members and clients, and no
# other synthetic membership points at them.
SERVICE_TEAMS = ("society:tianfu-qingbai", "agency:baibo")
# Seed institutions that employ researchers (a platform such as a 科普教育基地 does not).
_RESEARCH_TYPES = ("university", "institute")


@dataclass(frozen=True, slots=True)
class SeedActor:
    """A seed organisation the synthetic population is tied to, and where it is."""

    uid: str
    kind: EntityKind
    region: str | None
    detail: str | None = None  # a workstation's station_kind, an institution's type


@dataclass
class Reference:
    """Taxonomy, chains, places and organisations of the seed, in a stable order."""

    leaf_fields: list[str] = field(default_factory=list)
    field_names: dict[str, str] = field(default_factory=dict)
    field_names_en: dict[str, str] = field(default_factory=dict)
    parent_of: dict[str, str] = field(default_factory=dict)
    segments: list[str] = field(default_factory=list)
    segment_fields: dict[str, list[str]] = field(default_factory=dict)
    chains: list[str] = field(default_factory=list)
    regions: list[str] = field(default_factory=list)
    region_uids: dict[str, str] = field(default_factory=dict)
    # Region name -> the names of the regions it contains, itself included (成都市 -> 天府新区 …).
    region_tree: dict[str, frozenset[str]] = field(default_factory=dict)
    parks: list[tuple[str, str]] = field(default_factory=list)
    societies: list[str] = field(default_factory=list)
    programmes: list[str] = field(default_factory=list)
    actors: list[SeedActor] = field(default_factory=list)
    # Place -> the seed societies of the places containing it (a 成都 actor joins 成都市科协).
    joinable: dict[str, list[str]] = field(default_factory=dict)

    @classmethod
    def from_records(cls, records: Iterable[EntityRecord | RelationRecord]) -> Reference:
        ref = cls()
        fields: list[str] = []
        children: dict[str, int] = defaultdict(int)
        region_names: dict[str, str] = {}
        within: list[tuple[str, str]] = []
        for record in records:
            if isinstance(record, EntityRecord):
                ref._add_entity(record, fields, region_names)
            elif record.type is RelationType.BROADER:
                ref.parent_of[record.source] = record.target
                children[record.target] += 1
            elif record.type is RelationType.REQUIRES:
                ref.segment_fields.setdefault(record.source, []).append(record.target)
            elif record.type is RelationType.WITHIN:
                within.append((record.source, record.target))
        ref.leaf_fields = sorted(f for f in fields if children[f] == 0)
        for name in ("leaf_fields", "segments", "chains", "regions", "parks", "societies", "programmes"):
            getattr(ref, name).sort()
        ref.actors.sort(key=lambda actor: actor.uid)
        ref.region_tree = _tree(region_names, within)
        societies = [a for a in ref.seed(EntityKind.SOCIETY) if a.uid in ref.societies and a.region]
        ref.joinable = {place: [a.uid for a in societies if place in ref.within(a.region)] for place in ref.regions}
        if not ref.leaf_fields or not ref.regions:
            raise ValueError("the reference needs fields and regions (load the seed data)")
        return ref

    def _add_entity(self, record: EntityRecord, fields: list[str], region_names: dict[str, str]) -> None:
        props, kind = record.properties, record.kind
        region = str(props["region"]) if props.get("region") else None
        if kind is EntityKind.FIELD:
            fields.append(record.uid)
            self.field_names[record.uid] = str(props.get("name", record.uid))
            self.field_names_en[record.uid] = str(props.get("name_en") or "technology")
        elif kind is EntityKind.CHAIN_SEGMENT:
            self.segments.append(record.uid)
        elif kind is EntityKind.INDUSTRY_CHAIN:
            self.chains.append(record.uid)
        elif kind is EntityKind.REGION:
            region_names[record.uid] = str(props["name"])
            if props.get("level") in _PLACE_LEVELS and record.uid != "region:chengyu":
                self.regions.append(str(props["name"]))
                self.region_uids[str(props["name"])] = record.uid
        elif kind is EntityKind.PARK:
            self.parks.append((record.uid, region or ""))
        elif kind is EntityKind.SOCIETY and record.uid not in SERVICE_TEAMS:
            self.societies.append(record.uid)
        elif kind is EntityKind.PROGRAMME:
            self.programmes.append(record.uid)
        detail = props.get("station_kind") or props.get("institution_type")
        if kind in (EntityKind.SOCIETY, EntityKind.SERVICE_AGENCY, EntityKind.INSTITUTION, EntityKind.WORKSTATION):
            self.actors.append(SeedActor(record.uid, kind, region, str(detail) if detail else None))
        elif kind is EntityKind.PROGRAMME:
            self.actors.append(SeedActor(record.uid, kind, region))

    def siblings(self, field_uid: str) -> list[str]:
        """Leaf fields sharing ``field_uid``'s parent (itself included)."""
        parent = self.parent_of.get(field_uid)
        return [f for f in self.leaf_fields if self.parent_of.get(f) == parent] or [field_uid]

    def within(self, region: str | None) -> frozenset[str]:
        """The places synthetic actors live in that lie in ``region`` (all of them for none)."""
        if region is None:
            return frozenset(self.regions)
        return self.region_tree.get(region, frozenset({region})) & frozenset(self.regions)

    def seed(self, kind: EntityKind, *details: str) -> list[SeedActor]:
        """Seed organisations of ``kind`` (with one of ``details``, if given), in uid order."""
        return [a for a in self.actors if a.kind is kind and (not details or a.detail in details)]

    def local_societies(self, region: str) -> list[str]:
        """The seed societies an actor in ``region`` may join: those of a place containing it, else any."""
        return self.joinable.get(region) or self.societies


def research_institutions(reference: Reference) -> list[SeedActor]:
    """The seed's universities and research institutes."""
    return reference.seed(EntityKind.INSTITUTION, *_RESEARCH_TYPES)


def _tree(names: dict[str, str], within: list[tuple[str, str]]) -> dict[str, frozenset[str]]:
    inside: dict[str, set[str]] = defaultdict(set)
    for child, parent in within:
        if child in names and parent in names:
            inside[names[parent]].add(names[child])
    tree: dict[str, frozenset[str]] = {}
    for name in names.values():
        seen, todo = {name}, [name]
        while todo:
            for child in inside[todo.pop()] - seen:
                seen.add(child)
                todo.append(child)
        tree[name] = frozenset(seen)
    return tree

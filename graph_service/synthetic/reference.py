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
    parks: list[tuple[str, str]] = field(default_factory=list)
    societies: list[str] = field(default_factory=list)
    programmes: list[str] = field(default_factory=list)

    @classmethod
    def from_records(cls, records: Iterable[EntityRecord | RelationRecord]) -> Reference:
        ref = cls()
        fields: list[str] = []
        children: dict[str, int] = defaultdict(int)
        for record in records:
            if isinstance(record, EntityRecord):
                props = record.properties
                if record.kind is EntityKind.FIELD:
                    fields.append(record.uid)
                    ref.field_names[record.uid] = str(props.get("name", record.uid))
                    ref.field_names_en[record.uid] = str(props.get("name_en") or "technology")
                elif record.kind is EntityKind.CHAIN_SEGMENT:
                    ref.segments.append(record.uid)
                elif record.kind is EntityKind.INDUSTRY_CHAIN:
                    ref.chains.append(record.uid)
                elif record.kind is EntityKind.REGION and props.get("level") in _PLACE_LEVELS:
                    if record.uid != "region:chengyu":
                        ref.regions.append(str(props["name"]))
                        ref.region_uids[str(props["name"])] = record.uid
                elif record.kind is EntityKind.PARK:
                    ref.parks.append((record.uid, str(props.get("region", ""))))
                elif record.kind is EntityKind.SOCIETY:
                    ref.societies.append(record.uid)
                elif record.kind is EntityKind.PROGRAMME:
                    ref.programmes.append(record.uid)
            elif record.type is RelationType.BROADER:
                ref.parent_of[record.source] = record.target
                children[record.target] += 1
            elif record.type is RelationType.REQUIRES:
                ref.segment_fields.setdefault(record.source, []).append(record.target)
        ref.leaf_fields = sorted(f for f in fields if children[f] == 0)
        for name in ("leaf_fields", "segments", "chains", "regions", "parks", "societies", "programmes"):
            getattr(ref, name).sort()
        if not ref.leaf_fields or not ref.regions:
            raise ValueError("the reference needs fields and regions (load the seed data)")
        return ref

    def siblings(self, field_uid: str) -> list[str]:
        """Leaf fields sharing ``field_uid``'s parent (itself included)."""
        parent = self.parent_of.get(field_uid)
        return [f for f in self.leaf_fields if self.parent_of.get(f) == parent] or [field_uid]

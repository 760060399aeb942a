"""Managers' edits: upsert and delete entities, link and unlink them, validated by the ontology.

Each edit is one engine statement after validation, so it is written whole or not at all.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from graph_service.domain.entities import Entity
from graph_service.domain.records import EntityRecord, RelationRecord
from graph_service.errors import FieldProblem, InvalidInputError, NotFoundError
from graph_service.ontology import (
    RELATION_SPECS,
    EntityKind,
    RelationType,
    allowed_pairs_text,
    parse_kind,
)
from graph_service.ontology.validation import validate_entity, validate_relation_properties, validate_uid
from graph_service.services.access import policy
from graph_service.services.derived.segment_tallies import (
    SCOPE_TIES,
    TALLY_TIES,
    rebuild_all_tallies,
    refresh_tallies,
    segments_near,
)
from graph_service.services.explore.entities import get_entity
from graph_service.services.explore.paths import WARM_TIES
from graph_service.services.ingest.writer import write_entities, write_relations
from graph_service.services.match.popular import refresh_popular
from graph_service.services.match.rosters import rebuild_rosters, rebuild_rosters_holding
from graph_service.store import GraphStore


def _kinds_of(store: GraphStore, uids: list[str]) -> dict[str, EntityKind]:
    rows = store.read("entity_kinds", {"uids": uids})
    found: dict[str, EntityKind] = {}
    for row in rows:
        kind = parse_kind(str(row["kind"]))
        if kind is not None:
            found[str(row["uid"])] = kind
    return found


def upsert_entity(store: GraphStore, kind: EntityKind, properties: Mapping[str, Any]) -> Entity:
    """Create the entity or update the properties given; others are kept."""
    policy.require_write()
    props, problems = validate_entity(kind, properties)
    uid = str(props.get("uid", properties.get("uid", "")))
    if problems:
        raise InvalidInputError(f"invalid {kind.value} '{uid}' / 实体数据有误", problems)
    existing = _kinds_of(store, [uid]).get(uid)
    if existing is not None and existing is not kind:
        raise InvalidInputError(
            f"uid '{uid}' already belongs to a {existing.value} / 该标识已属于其他类型",
            [FieldProblem("kind", f"'{uid}' is a {existing.value}, not a {kind.value}", uid)],
        )
    write_entities(store, [EntityRecord(kind, uid, props)])
    entity = get_entity(store, uid)
    assert entity is not None
    return entity


def link(
    store: GraphStore, rel: RelationType, source: str, target: str, properties: Mapping[str, Any] | None = None
) -> None:
    """Create or update the relationship ``(source)-[rel]->(target)``."""
    policy.require_relation_write(rel, source)
    problems = validate_uid(source, "source") + validate_uid(target, "target")
    props, prop_problems = validate_relation_properties(rel, properties or {})
    problems += prop_problems
    if problems:
        raise InvalidInputError(f"invalid {rel.value} relationship / 关系数据有误", problems)
    kinds = _kinds_of(store, [source, target])
    for name, uid in (("source", source), ("target", target)):
        if uid not in kinds:
            problems.append(FieldProblem(name, f"no entity with uid '{uid}' / 不存在该实体", uid))
    if problems:
        raise InvalidInputError("relationship endpoints not found / 关系端点不存在", problems)
    spec = RELATION_SPECS[rel]
    if not spec.allows(kinds[source], kinds[target]):
        raise InvalidInputError(
            f"{rel.value} cannot connect {kinds[source].value} to {kinds[target].value}; it allows "
            f"{allowed_pairs_text(rel)} / 本体不允许该关系",
            [FieldProblem("type", f"{kinds[source].value} -[{rel.value}]-> {kinds[target].value} is not allowed")],
        )
    write_relations(store, [RelationRecord(rel, source, target, props)])


def unlink(store: GraphStore, rel: RelationType, source: str, target: str) -> bool:
    """Delete the relationship; False when there was none."""
    policy.require_relation_write(rel, source)
    rows = store.write("relation_delete", {"source": source, "target": target}, slots={"rel": rel})
    deleted = bool(rows and int(rows[0]["deleted"]) > 0)
    if deleted and rel is RelationType.IN_FIELD:
        rebuild_rosters(store, [target])
    if deleted and rel in WARM_TIES:
        refresh_popular(store, {source, target})
    if deleted and rel in SCOPE_TIES:
        rebuild_all_tallies(store)
    elif deleted and rel in TALLY_TIES:
        refresh_tallies(store, segments_near(store, [source, target]))
    return deleted


def delete_entity(store: GraphStore, uid: str) -> None:
    """Delete the entity and its relationships; NotFoundError when there is none."""
    policy.require_write()
    # Found before the delete: afterwards nothing leads from the entity to its segments.
    near = segments_near(store, [uid])
    near.actors.discard(uid)
    near.talent.discard(uid)
    region = _kinds_of(store, [uid]).get(uid) is EntityKind.REGION
    rows = store.write("entity_delete", {"uid": uid})
    if not rows or int(rows[0]["deleted"]) == 0:
        raise NotFoundError(f"no entity with uid '{uid}' / 不存在标识为「{uid}」的实体", uid=uid)
    rebuild_rosters_holding(store, uid)
    refresh_popular(store, {uid})
    if region:
        rebuild_all_tallies(store)
    else:
        refresh_tallies(store, near)

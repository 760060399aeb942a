"""The synthetic population: deterministic, valid against the ontology, sized, plainly fictional."""

from __future__ import annotations

from collections import Counter
from functools import cache

import pytest

from graph_service.domain.records import EntityRecord, RelationRecord
from graph_service.ontology import RELATION_SPECS, EntityKind
from graph_service.ontology.validation import validate_entity, validate_relation_properties
from graph_service.services.seed import read_seed
from graph_service.synthetic import Reference, generate, names


@cache
def reference() -> Reference:
    return Reference.from_records(read_seed())


@cache
def population(size: int, seed: int) -> tuple[list[EntityRecord], list[RelationRecord]]:
    records = list(generate(size, seed, reference()))
    entities = [r for r in records if isinstance(r, EntityRecord)]
    relations = [r for r in records if isinstance(r, RelationRecord)]
    # All entities come before any relationship, so loaders can stream them in one pass.
    assert records[: len(entities)] == entities
    return entities, relations


def test_same_seed_same_population_other_seed_differs() -> None:
    assert list(generate(500, 3, reference())) == list(generate(500, 3, reference()))
    assert list(generate(500, 3, reference())) != list(generate(500, 4, reference()))


def test_every_record_is_valid_against_the_ontology() -> None:
    entities, relations = population(2000, 1)
    kinds = {seed.uid: seed.kind for seed in read_seed() if isinstance(seed, EntityRecord)}
    for entity in entities:
        props, problems = validate_entity(entity.kind, entity.properties)
        assert problems == [], (entity.uid, problems)
        assert props == entity.properties
        kinds[entity.uid] = entity.kind
    for relation in relations:
        _, problems = validate_relation_properties(relation.type, relation.properties)
        assert problems == [], (relation.key, problems)
        assert relation.source in kinds, relation.key
        assert relation.target in kinds, relation.key
        assert RELATION_SPECS[relation.type].allows(kinds[relation.source], kinds[relation.target]), relation.key


def test_no_duplicate_uids_or_relationships() -> None:
    entities, relations = population(2000, 1)
    assert len({e.uid for e in entities}) == len(entities)
    keys = Counter(r.key for r in relations)
    assert keys.most_common(1)[0][1] == 1
    collaborations = {frozenset((r.source, r.target)) for r in relations if r.type.value == "COLLABORATED_WITH"}
    assert len(collaborations) == sum(1 for r in relations if r.type.value == "COLLABORATED_WITH")


@pytest.mark.parametrize("size", [300, 2000, 10_000])
def test_size_is_honoured_and_links_are_plausible(size: int) -> None:
    entities, relations = population(size, 1)
    assert abs(len(entities) - size) <= size * 0.1
    assert 3.5 <= len(relations) / len(entities) <= 6.5
    kinds = Counter(e.kind for e in entities)
    assert kinds[EntityKind.SCIENTIST] > kinds[EntityKind.ENTERPRISE] > kinds[EntityKind.INVESTOR] > 0
    types = {r.type.value for r in relations}
    for expected in (
        "TRANSFERRED_TO",
        "BROKERED",
        "INVESTED_IN",
        "SERVES",
        "STATIONED_AT",
        "COLLABORATED_WITH",
        "NEEDS",
    ):
        assert expected in types


def test_names_are_plainly_fictional_and_contacts_reserved() -> None:
    entities, _ = population(2000, 1)
    for entity in entities:
        props = entity.properties
        assert props["synthetic"] is True
        assert props["source"] == "synthetic"
        name = str(props["name"])
        if entity.kind is EntityKind.SCIENTIST:
            assert name.endswith("（虚构）")
            assert str(props["email"]).endswith("@example.invalid")
            assert str(props["phone"]).startswith("000-0000-")
        else:
            assert name.startswith("示例·") or name.endswith("（示例）"), name


def test_no_two_organisations_of_a_kind_share_a_name_and_names_fit_fields() -> None:
    entities, relations = population(3000, 2024)
    organisations = [e for e in entities if e.kind not in (EntityKind.SCIENTIST, EntityKind.ACHIEVEMENT)]
    by_kind = Counter((e.kind, e.properties["name"]) for e in organisations)
    assert [key for key, n in by_kind.items() if n > 1] == []
    field_names = reference().field_names
    works_in: dict[str, set[str]] = {}
    for r in relations:
        if r.type.value == "IN_FIELD" and r.properties.get("weight") == 1.0:  # its own field, not a second
            works_in.setdefault(r.source, set()).add(names.trade_of(field_names.get(r.target, ""))[2])
    fitting = checked = 0
    for e in entities:
        trades = works_in.get(e.uid, set()) - {names.GENERIC_TRADE[2]}
        if e.kind is EntityKind.ENTERPRISE and trades:
            checked += 1
            fitting += any(trade in str(e.properties["name"]) for trade in trades)
    assert checked > 50
    assert fitting == checked, "an enterprise is named for the trade of the field it was drawn in"

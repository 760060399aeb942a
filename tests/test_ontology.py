"""The ontology's own consistency: what import and the schema rely on."""

from __future__ import annotations

from graph_service.ontology import KIND_SPECS, RELATION_SPECS, EntityKind, kind_properties, parse_kind, parse_relation
from graph_service.ontology.navigation import LINKS
from graph_service.ontology.vocabulary import choice_properties, value_label, vocabulary
from graph_service.services.ingest.headers import entity_headers, normalise, relation_headers

# Keys that tell an entity line from a relationship line in JSON Lines and CSV.
RESERVED_FOR_ENTITIES = {"kind", "type", "target"}
RESERVED_FOR_RELATIONS = {"kind", "type", "source", "target"}


def test_no_property_shadows_a_record_key() -> None:
    for kind in EntityKind:
        names = {spec.name for spec in kind_properties(kind)}
        assert not names & RESERVED_FOR_ENTITIES, kind
    for rel, spec in RELATION_SPECS.items():
        assert not {p.name for p in spec.properties} & RESERVED_FOR_RELATIONS, rel


def test_headers_of_one_kind_never_mean_two_properties() -> None:
    for kind in EntityKind:
        seen: dict[str, str] = {}
        for spec in kind_properties(kind):
            for header in (spec.name, spec.zh, spec.en, *spec.headers):
                key = normalise(header)
                assert seen.setdefault(key, spec.name) == spec.name, (kind, header)
    assert entity_headers(None)[normalise("类型")] == "kind"
    assert relation_headers(None)[normalise("起点")] == "source"


def test_names_resolve_in_both_languages() -> None:
    for kind, spec in KIND_SPECS.items():
        assert parse_kind(spec.zh) is kind
        assert parse_kind(kind.value.lower()) is kind
    for rel, rspec in RELATION_SPECS.items():
        assert parse_relation(rspec.en) is rel


def test_every_link_is_named_once_per_kind() -> None:
    names = [(link.kind, link.field) for link in LINKS]
    assert len(names) == len(set(names))


def test_every_closed_vocabulary_value_is_named_in_both_languages() -> None:
    unnamed = sorted(
        (prop.name, value)
        for prop in choice_properties()
        for value in prop.choices
        if value_label(prop.name, value) == (value, value)
    )
    assert unnamed == [], "each value a user may see needs its Chinese and English name"
    names = vocabulary()
    assert names["level"]["national"] == ("国家级", "National")
    assert names["station_kind"]["academician"][0] == "院士（专家）工作站"

"""The ontology: the single declaration of entity kinds and relationship types.

Validation, import headers, Cypher label whitelists and GraphQL enums all derive from here.
"""

from graph_service.ontology.kinds import (
    ACTOR_KINDS,
    COMMON_PROPERTIES,
    ENTITY_LABEL,
    KIND_SPECS,
    ORGANISATION_KINDS,
    STAGES,
    EntityKind,
    KindSpec,
    kind_properties,
)
from graph_service.ontology.lookup import parse_kind, parse_relation
from graph_service.ontology.properties import PropertySpec, PropertyType
from graph_service.ontology.relations import (
    RELATION_SPECS,
    RelationSpec,
    RelationType,
    allowed_pairs_text,
)

__all__ = [
    "ACTOR_KINDS",
    "COMMON_PROPERTIES",
    "ENTITY_LABEL",
    "KIND_SPECS",
    "ORGANISATION_KINDS",
    "RELATION_SPECS",
    "STAGES",
    "EntityKind",
    "KindSpec",
    "PropertySpec",
    "PropertyType",
    "RelationSpec",
    "RelationType",
    "allowed_pairs_text",
    "kind_properties",
    "parse_kind",
    "parse_relation",
]

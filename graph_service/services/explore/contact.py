"""Personal contact details (phone, e-mail): only for the roles allowed to see them."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from graph_service.ontology import EntityKind, kind_properties
from graph_service.services.access import policy


def contact_details(kind: EntityKind, properties: Mapping[str, Any]) -> dict[str, str] | None:
    """The entity's contact properties, or None when its kind has none or none is stored.

    Asking for them about a person is itself what needs the right, whether or not any are
    stored: the answer "none on file" is also personal information.
    """
    personal = [p.name for p in kind_properties(kind) if p.personal]
    if not personal:
        return None
    policy.require_contact()
    found = {name: str(properties[name]) for name in personal if properties.get(name)}
    return found or None

"""A partner's contact details as an introduction shows them: to brokers, and to the enterprise once agreed.

Elsewhere contact details are for admins and managers only (``services/explore/contact.py``).
An agreed introduction is the one place an enterprise gets them: the partner has agreed to
work with it, which is what the broker asked the partner before agreeing.
"""

from __future__ import annotations

from graph_service.domain.workflow import Introduction
from graph_service.ontology import EntityKind, kind_properties
from graph_service.services.access.principal import current
from graph_service.services.workflow.visibility import may_see_partner_contact
from graph_service.store import GraphStore


def partner_contact(store: GraphStore, introduction: Introduction) -> dict[str, str] | None:
    """The partner's contact properties, or None when the caller may not see them here or none are stored."""
    if not may_see_partner_contact(current(), introduction):
        return None
    rows = store.read("entity_get", {"uid": introduction.partner})
    if not rows:
        return None
    props = rows[0]["entity"]
    personal = (p.name for p in kind_properties(EntityKind(introduction.partner_kind)) if p.personal)
    found = {name: str(props[name]) for name in personal if props.get(name)}
    return found or None

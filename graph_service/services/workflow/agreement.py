"""What an agreed introduction becomes in the graph: one relationship of the ontology.

| agreement     | relationship        | direction              | partner kinds (the ontology's ends) |
|---------------|---------------------|------------------------|-------------------------------------|
| collaboration | ``COLLABORATED_WITH`` | enterprise → partner | any actor                           |
| service       | ``SERVES``          | partner → enterprise   | service agency                      |
| investment    | ``INVESTED_IN``     | partner → enterprise   | investor                            |
| transfer      | ``TRANSFERRED_TO``  | partner → enterprise   | achievement                         |

The ends are checked against ``RELATION_SPECS``, so an agreement the ontology would not
allow (an investment from a scientist) is refused before anything is written. The
relationship carries the agreement's year (and date, where the type has one) and nothing
else: the introduction keeps the rest.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from graph_service.domain.workflow import AgreementKind, label
from graph_service.errors import FieldProblem, InvalidInputError
from graph_service.ontology import RELATION_SPECS, EntityKind, RelationType, allowed_pairs_text

_TYPES: dict[AgreementKind, tuple[RelationType, bool]] = {
    # kind -> (relationship, whether it runs from the enterprise to the partner)
    AgreementKind.COLLABORATION: (RelationType.COLLABORATED_WITH, True),
    AgreementKind.SERVICE: (RelationType.SERVES, False),
    AgreementKind.INVESTMENT: (RelationType.INVESTED_IN, False),
    AgreementKind.TRANSFER: (RelationType.TRANSFERRED_TO, False),
}


@dataclass(frozen=True, slots=True)
class Plan:
    """The relationship to write: ``(source)-[type]->(target)`` with ``props``."""

    type: RelationType
    source: str
    target: str
    props: dict[str, Any]


def plan(
    kind: AgreementKind, enterprise: str, partner: str, partner_kind: EntityKind, moment: datetime, record: str
) -> Plan:
    """The relationship ``kind`` means between the two, or ``InvalidInputError`` when the ontology forbids it."""
    rel, outward = _TYPES[kind]
    source, target = (enterprise, partner) if outward else (partner, enterprise)
    kinds = (EntityKind.ENTERPRISE, partner_kind) if outward else (partner_kind, EntityKind.ENTERPRISE)
    spec = RELATION_SPECS[rel]
    if not spec.allows(*kinds):
        raise InvalidInputError(
            f"introduction {record}: a {label(kind)} is {rel.value}, which cannot connect {kinds[0].value} to "
            f"{kinds[1].value}; it allows {allowed_pairs_text(rel)} / 对接引荐「{record}」：本体不允许以该方式达成合作",
            [FieldProblem("agreement", f"{kinds[0].value} -[{rel.value}]-> {kinds[1].value} is not allowed", record)],
        )
    names = {p.name for p in spec.properties}
    props: dict[str, Any] = {}
    if "year" in names:
        props["year"] = moment.year
    if "date" in names:
        props["date"] = moment.date().isoformat()
    return Plan(rel, source, target, props)

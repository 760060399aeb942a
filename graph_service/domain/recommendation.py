"""Recommendations as the matchmaking service returns them: scores, reasons and evidence."""

from __future__ import annotations

from dataclasses import dataclass, field

from graph_service.domain.entities import Entity


@dataclass(frozen=True, slots=True)
class Evidence:
    """A path in the graph behind a reason: node uids in order and the ties between them."""

    nodes: tuple[str, ...]
    edges: tuple[tuple[str, str, str], ...] = ()  # (source uid, type, target uid)


@dataclass(frozen=True, slots=True)
class Reason:
    component: str
    zh: str
    en: str
    evidence: tuple[Evidence, ...] = ()


@dataclass(frozen=True, slots=True)
class Component:
    name: str
    score: float
    weight: float


@dataclass(frozen=True, slots=True)
class Recommendation:
    partner: Entity
    score: float
    components: tuple[Component, ...]
    reasons: tuple[Reason, ...]
    existing: bool = False


@dataclass(frozen=True, slots=True)
class Team:
    """A four-party set: the asking enterprise plus a scientist, an agency and an investor (and more)."""

    members: tuple[Recommendation, ...]
    score: float
    cohesion: float
    reasons: tuple[Reason, ...] = field(default=())

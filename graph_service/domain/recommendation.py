"""Recommendations as the matchmaking service returns them: scores, reasons and evidence."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from graph_service.domain.entities import Entity


class Component(StrEnum):
    """The named parts of a partner score, shared by scoring, weights, features, reasons and the API."""

    TOPIC = "topic"
    NETWORK = "network"
    GEOGRAPHY = "geography"
    CREDIBILITY = "credibility"
    STAGE = "stage"
    COMPLEMENTARITY = "complementarity"


@dataclass(frozen=True, slots=True)
class Evidence:
    """A path in the graph behind a reason: node uids in order and the ties between them."""

    nodes: tuple[str, ...]
    edges: tuple[tuple[str, str, str], ...] = ()  # (source uid, type, target uid)


@dataclass(frozen=True, slots=True)
class Attribute:
    """A recorded value an attribute reason rests on: whose, which property, what value."""

    entity: str
    name: str
    value: str


@dataclass(frozen=True, slots=True)
class Reason:
    """Why, in both languages: backed by graph paths, or (``attributes`` given) by recorded values."""

    component: str
    zh: str
    en: str
    evidence: tuple[Evidence, ...] = ()
    attributes: tuple[Attribute, ...] = ()

    @property
    def basis(self) -> str:
        """ "paths" when the evidence is ties in the graph, "attributes" when it is recorded values."""
        return "attributes" if self.attributes else "paths"


@dataclass(frozen=True, slots=True)
class ComponentScore:
    """One component of a score: its value in [0, 1], its weight, and its share of the total."""

    name: str
    score: float
    weight: float
    contribution: float = 0.0


# Which scorer ranked a list: the hand-weighted mean of the components, or the model
# trained on the graph's history (with its version).
HAND_WEIGHTED = "hand-weighted"


@dataclass(frozen=True, slots=True)
class Recommendation:
    partner: Entity
    score: float
    components: tuple[ComponentScore, ...]
    reasons: tuple[Reason, ...]
    existing: bool = False
    scorer: str = HAND_WEIGHTED


@dataclass(frozen=True, slots=True)
class Team:
    """A four-party set: the asking enterprise plus a scientist, an agency and an investor (and more)."""

    members: tuple[Recommendation, ...]
    score: float
    cohesion: float
    reasons: tuple[Reason, ...] = field(default=())
    # Roles no candidate could fill (kind names): the team is the best partial one.
    missing: tuple[str, ...] = ()

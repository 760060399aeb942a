"""Partners for synthetic links: a picker per kind (community, popularity, noise) and the shared draw.

``links.py`` describes the model; the random stream is shared, so the order of every
draw here is part of the generator's output for a seed.
"""

from __future__ import annotations

import bisect
import itertools
import random
from dataclasses import dataclass, field

from graph_service.ontology import EntityKind
from graph_service.synthetic.population import Population
from graph_service.synthetic.reference import Reference

NOISE = 0.10
ZIPF = 0.9


class Picker:
    """Draws partners of one kind: same community, popular, or random."""

    def __init__(self, population: Population, kind: EntityKind, rng: random.Random) -> None:
        self.population = population
        self.kind = kind
        self.rng = rng
        self.count = population.counts[kind]
        ranks = list(range(self.count))
        rng.shuffle(ranks)
        self.cumulative = list(itertools.accumulate(1.0 / (rank + 1) ** ZIPF for rank in ranks))

    def popular(self) -> int:
        return bisect.bisect_left(self.cumulative, self.rng.random() * self.cumulative[-1])

    def pick(self, community: int, p_in: float) -> int:
        draw = self.rng.random()
        if draw < NOISE:
            return self.rng.randrange(self.count)
        members = self.population.members[self.kind][community]
        if draw < NOISE + p_in * (1 - NOISE) and len(members):
            return members[self.rng.randrange(len(members))]
        return self.popular()

    def uid(self, index: int) -> str:
        return self.population.uid(self.kind, index)


@dataclass
class Draw:
    """What every family draws from: the population, the seed, the random stream and one picker per kind."""

    population: Population
    reference: Reference
    rng: random.Random
    pickers: dict[EntityKind, Picker]
    # Scientist pairs already linked (a * n + b, a < b), so a collaboration is drawn once.
    collaborations: set[int] = field(default_factory=set)
    # Enterprises that took in a technology, and the year, by community: who may pass one on.
    received: dict[int, list[tuple[str, int]]] = field(default_factory=dict)

    def partner(self, kind: EntityKind, community: int, p_in: float) -> str:
        picker = self.pickers[kind]
        return picker.uid(picker.pick(community, p_in))

    def year(self, start: int = 2015) -> int:
        return self.rng.randint(start, 2025)

    def seed_societies(self, kind: EntityKind, index: int) -> list[str]:
        """The seed societies an entity may join: those of the places it lives in."""
        return self.reference.local_societies(self.reference.regions[self.population.region_of[kind][index]])

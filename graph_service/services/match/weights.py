"""The named score components and their weights (per call, or GRAPH_SERVICE_WEIGHTS)."""

from __future__ import annotations

import json
import os
from collections.abc import Mapping

from graph_service.domain.recommendation import Component
from graph_service.errors import FieldProblem, InvalidInputError

COMPONENTS = tuple(Component)
DEFAULT_WEIGHTS: dict[str, float] = {
    Component.TOPIC: 0.35,
    Component.NETWORK: 0.20,
    Component.GEOGRAPHY: 0.15,
    Component.CREDIBILITY: 0.15,
    Component.STAGE: 0.10,
    Component.COMPLEMENTARITY: 0.05,
}


def configured_weights() -> dict[str, float]:
    """The defaults, overridden by ``GRAPH_SERVICE_WEIGHTS`` (a JSON object) when set."""
    text = os.environ.get("GRAPH_SERVICE_WEIGHTS")
    if not text:
        return dict(DEFAULT_WEIGHTS)
    return resolve_weights(json.loads(text), dict(DEFAULT_WEIGHTS))


def resolve_weights(given: Mapping[str, float] | None, base: Mapping[str, float] | None = None) -> dict[str, float]:
    """``base`` (the configured weights) with ``given`` on top; each weight in [0, 10].

    >>> resolve_weights({"topic": 1.0}, {"topic": 0.35, "network": 0.2})
    {'topic': 1.0, 'network': 0.2}
    """
    weights = dict(base if base is not None else configured_weights())
    problems = []
    for name, value in (given or {}).items():
        if name not in COMPONENTS:
            problems.append(
                FieldProblem(f"weights.{name}", f"unknown component; use {', '.join(COMPONENTS)} / 未知评分项")
            )
        elif not 0 <= value <= 10:
            problems.append(FieldProblem(f"weights.{name}", "weight must be between 0 and 10 / 权重须在 0 到 10 之间"))
        else:
            weights[name] = float(value)
    if problems:
        raise InvalidInputError("invalid weights / 权重无效", problems)
    if sum(weights.values()) <= 0:
        raise InvalidInputError("at least one weight must be positive / 至少一个权重须大于 0")
    return weights

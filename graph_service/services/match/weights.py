"""The named score components and their weights (per call, or the operator's ``Settings.weights``)."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Mapping
from contextvars import ContextVar

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


# The operator's weights for this request or command: set from the settings by the app and the
# command line, as the acting principal is, so that no service reads the environment.
_operator: ContextVar[Mapping[str, float] | None] = ContextVar("graph_service_weights", default=None)


@contextlib.contextmanager
def operator_weights(weights: Mapping[str, float] | None) -> Iterator[None]:
    """Within the block, ``configured_weights`` puts ``weights`` over the defaults."""
    token = _operator.set(weights)
    try:
        yield
    finally:
        _operator.reset(token)


def configured_weights() -> dict[str, float]:
    """The defaults, overridden by the operator's weights when there are any."""
    given = _operator.get()
    if not given:
        return dict(DEFAULT_WEIGHTS)
    return resolve_weights(given, dict(DEFAULT_WEIGHTS))


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

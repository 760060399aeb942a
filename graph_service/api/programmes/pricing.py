"""What a programme field costs under the query-cost rule: it grows with the pairs to be scored."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from graph_service.services.match.candidates import POOL

# Pairs scored per unit of cost: a recommendation (a pool of up to ``POOL``) costs a few units.
PAIRS_PER_UNIT = 100


def _count(value: Any) -> int:
    return len(value) if isinstance(value, list) else 1


def event_work(arguments: Mapping[str, Any]) -> int:
    """The cost of planning an event: enterprises times the partners given (or a recommender pool each).

    >>> event_work({"enterprises": ["e1", "e2"], "partners": ["p"] * 500})
    10
    >>> event_work({"enterprises": ["e"] * 200})
    500
    """
    partners = arguments.get("partners")  # absent, null or a variable not sent: the recommender's pool
    per_enterprise = len(partners) if isinstance(partners, list) else POOL
    return max(1, _count(arguments.get("enterprises")) * per_enterprise // PAIRS_PER_UNIT)


# The programme fields the query-cost rule prices by their arguments, by GraphQL name.
PRICES = {"planMatchmakingEvent": event_work}

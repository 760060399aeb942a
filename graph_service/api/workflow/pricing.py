"""What the workflow's fields cost under the query-cost rule beyond their pages."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from graph_service.api.programmes.pricing import PAIRS_PER_UNIT
from graph_service.services.match.candidates import POOL


def candidates_work(arguments: Mapping[str, Any]) -> int:
    """A need's best candidates run the recommender once: a pool scored, whatever ``first`` is.

    >>> candidates_work({"first": 3})
    2
    """
    return max(1, POOL // PAIRS_PER_UNIT)


# The workflow fields the query-cost rule prices by their work, by GraphQL name.
PRICES = {"bestCandidates": candidates_work}

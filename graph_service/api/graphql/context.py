"""The typed per-request context resolvers receive."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any

from strawberry.types import Info as StrawberryInfo

from graph_service.api.graphql.loaders import Loaders
from graph_service.store import GraphStore


@dataclass
class RequestContext:
    """What a resolver may use: the store opened once at start-up, this request's loaders and id."""

    store: GraphStore
    request: Any = None
    response: Any = None
    request_id: str = field(default_factory=lambda: uuid.uuid4().hex[:16])
    loaders: Loaders = field(init=False)

    def __post_init__(self) -> None:
        self.loaders = Loaders(self.store)


Info = StrawberryInfo[RequestContext, None]

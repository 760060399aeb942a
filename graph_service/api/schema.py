"""The root schema, composed of the feature slices, with its limits."""

from __future__ import annotations

from collections.abc import Callable

import strawberry
from graphql import GraphQLError
from strawberry.extensions import DisableIntrospection, MaxTokensLimiter, ParserCache, SchemaExtension
from strawberry.schema.config import StrawberryConfig
from strawberry.types import ExecutionContext

from graph_service.api.analytics.queries import AnalyticsQuery
from graph_service.api.chains.queries import ChainsQuery
from graph_service.api.edit.handlers import EXCEPTION_HANDLERS
from graph_service.api.edit.mutations import EditMutation
from graph_service.api.explore.queries import ExploreQuery
from graph_service.api.explore.types import KIND_TYPES
from graph_service.api.graphql.cost import query_cost_limit
from graph_service.api.graphql.errors import ErrorCodes
from graph_service.api.graphql.limits import alias_limit, depth_limit
from graph_service.api.graphql.rate_limit import RateLimiter
from graph_service.api.match.queries import MatchQuery
from graph_service.api.programmes.event_queries import EventQuery
from graph_service.api.programmes.partner_expansion_queries import PartnerExpansionQuery
from graph_service.api.programmes.pricing import PRICES
from graph_service.api.programmes.service_team_queries import ServiceTeamQuery
from graph_service.api.programmes.talent_queries import TalentQuery
from graph_service.api.programmes.workstation_queries import WorkstationQuery
from graph_service.api.workflow.kpis import WorkflowKpiQuery
from graph_service.api.workflow.mutations import WorkflowMutation
from graph_service.api.workflow.pricing import PRICES as WORKFLOW_PRICES
from graph_service.api.workflow.queries import WorkflowQuery
from graph_service.config import Settings
from graph_service.errors import GraphServiceError


@strawberry.type(description="查询 / Queries")
class Query(
    ExploreQuery,
    MatchQuery,
    ChainsQuery,
    AnalyticsQuery,
    ServiceTeamQuery,
    PartnerExpansionQuery,
    TalentQuery,
    WorkstationQuery,
    EventQuery,
    WorkflowQuery,
    WorkflowKpiQuery,
):
    pass


@strawberry.type(description="修改 / Mutations")
class Mutation(EditMutation, WorkflowMutation):
    pass


class EcosystemSchema(strawberry.Schema):
    """Logs only what went wrong on our side: a client's mistake or a denial is an answer, not an incident."""

    def process_errors(self, errors: list[GraphQLError], execution_context: ExecutionContext | None = None) -> None:
        unexpected = [e for e in errors if e.original_error is not None and not _expected(e.original_error)]
        if unexpected:
            super().process_errors(unexpected, execution_context)


def _expected(error: BaseException) -> bool:
    return isinstance(error, GraphServiceError | GraphQLError)


def build_schema(settings: Settings | None = None, limiter: RateLimiter | None = None) -> strawberry.Schema:
    """The schema with the limits of ``settings`` (and callers' buckets in ``limiter``); built once per app."""
    settings = settings or Settings()
    # Classes or factories only: strawberry makes one extension per request from each.
    extensions: list[type[SchemaExtension] | Callable[[], SchemaExtension]] = [
        ErrorCodes,
        lambda: ParserCache(maxsize=1024),
        lambda: MaxTokensLimiter(max_token_count=settings.max_tokens),
        depth_limit(settings.max_depth),
        alias_limit(settings.max_aliases),
        # Prices, then validates (cached): a document priced past the limits is refused unvalidated.
        query_cost_limit(settings.max_cost, limiter, {**PRICES, **WORKFLOW_PRICES}),
    ]
    if not settings.introspection:
        extensions.append(DisableIntrospection)
    return EcosystemSchema(
        query=Query,
        mutation=Mutation,
        types=list(KIND_TYPES.values()),
        extensions=extensions,
        # Expected errors of the edits become their result types (InvalidInput, NotFound).
        exception_handlers=EXCEPTION_HANDLERS,
        config=StrawberryConfig(disable_field_suggestions=not settings.field_suggestions),
    )


schema = build_schema()

"""Query fields for industry chains."""

from __future__ import annotations

import strawberry

from graph_service.api.chains.types import ChainGapReport
from graph_service.api.context import Info
from graph_service.api.threads import run_sync
from graph_service.services.chains.gaps import chain_gaps


@strawberry.type
class ChainsQuery:
    @strawberry.field(
        description="产业链各环节的覆盖与缺口（补链强链）/ Coverage and gaps of each segment of an industry chain"
    )
    async def chain_gaps(self, info: Info, chain: str, region: str | None = None) -> ChainGapReport:
        report = await run_sync(chain_gaps, info.context.store, chain, region)
        return ChainGapReport.from_domain(report)

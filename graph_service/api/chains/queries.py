"""Query fields for industry chains."""

from __future__ import annotations

import functools
from typing import Annotated

import strawberry

from graph_service.api.chains.types import BrokenChainsType, ChainGapReport, GapRecruit, TransferChainType
from graph_service.api.graphql.context import Info
from graph_service.api.http.threads import run_sync
from graph_service.errors import LimitExceededError
from graph_service.services.chains.broken import broken_chains
from graph_service.services.chains.gaps import cached_chain_gaps
from graph_service.services.chains.recruit import close_gaps, suggestions
from graph_service.services.chains.transfers import transfer_chains

MAX_SUGGEST = 10


@strawberry.type
class ChainsQuery:
    @strawberry.field(
        description="产业链各环节的覆盖与缺口（补链强链）/ Coverage and gaps of each segment of an industry chain"
    )
    async def chain_gaps(
        self,
        info: Info,
        chain: str,
        region: str | None = None,
        suggest: int = 3,
        everywhere: Annotated[
            bool,
            strawberry.argument(
                description="不限地区（默认按产业链所在城市统计）/ Count every region (by default a chain of one "
                "city is counted within it)"
            ),
        ] = False,
    ) -> ChainGapReport:
        if not 0 <= suggest <= MAX_SUGGEST:
            raise LimitExceededError(
                f"suggest must be between 0 and {MAX_SUGGEST} / 建议数须在 0 到 {MAX_SUGGEST} 之间"
            )
        report = await run_sync(
            functools.partial(cached_chain_gaps, everywhere=everywhere), info.context.store, chain, region
        )
        offered = await run_sync(suggestions, info.context.store, report, suggest) if suggest else {}
        return ChainGapReport.from_domain(report, offered)

    @strawberry.field(
        description="在预算内选出弥补最多缺口的引进对象（贪心，显示边际收益）/ The recruits, within a budget, that "
        "close the most gap severity, chosen greedily with each pick's marginal gain"
    )
    async def close_gaps(self, info: Info, chain: str, region: str | None = None, budget: int = 5) -> list[GapRecruit]:
        picks = await run_sync(close_gaps, info.context.store, chain, region, budget)
        return [GapRecruit.from_domain(p) for p in picks]

    @strawberry.field(
        description="科技成果转化链：自科学家向前、自企业向后或两者之间 / Technology-transfer chains forward, backward "
        "or between two entities"
    )
    async def transfer_chains(
        self,
        info: Info,
        from_: Annotated[
            str | None, strawberry.argument(name="from", description="起点 / Scientist, institution or achievement")
        ] = None,
        to: Annotated[str | None, strawberry.argument(description="终点企业 / Receiving enterprise")] = None,
        field: Annotated[
            str | None,
            strawberry.argument(description="成果所属领域（含下级）/ Achievements in this field or under it"),
        ] = None,
        chain: Annotated[
            str | None,
            strawberry.argument(description="涉及该产业链的领域或环节 / Touching the chain's fields or segments"),
        ] = None,
        max_hops: Annotated[
            int, strawberry.argument(description="最多连续转化次数（1–3）/ Transfers followed in a row, 1 to 3")
        ] = 1,
        complete: bool | None = None,
        first: int = 20,
    ) -> list[TransferChainType]:
        chains = await run_sync(
            transfer_chains,
            info.context.store,
            source=from_,
            target=to,
            field_uid=field,
            chain=chain,
            max_hops=max_hops,
            complete=complete,
            first=first,
        )
        return [TransferChainType.from_domain(c) for c in chains]

    @strawberry.field(
        description="断链：从未转化的成果、需求未被满足的企业 / Broken chains: technology never moved, needs never met"
    )
    async def broken_chains(self, info: Info, chain: str, first: int = 50) -> BrokenChainsType:
        return BrokenChainsType.from_domain(await run_sync(broken_chains, info.context.store, chain, first))

"""The managers' queue: open needs by region and by industry chain, and each need's best candidates.

A need belongs to a chain when one of its fields is a field a segment of the chain requires
(``REQUIRES``), or a narrower field under one (``BROADER``), as ``cypher/chain_segments.cypher``
reads them for the gap analysis. Candidates come from the recommender, asked for the need's
enterprise with the need's text and fields; they are computed only for the needs whose
``bestCandidates`` a caller selects, so a plain queue costs one query.
"""

from __future__ import annotations

from graph_service.domain.recommendation import Recommendation
from graph_service.domain.workflow import NeedStatus, RecordPage, TechNeed
from graph_service.errors import InvalidInputError, LimitExceededError, NotFoundError
from graph_service.services.access.principal import current
from graph_service.services.match.candidates import Need
from graph_service.services.match.need_text import MAX_TEXT
from graph_service.services.match.recommend import recommend_partners
from graph_service.services.stats import region_names
from graph_service.services.workflow.needs import list_needs
from graph_service.services.workflow.records import check_first
from graph_service.services.workflow.visibility import may_see_need, require_queue
from graph_service.store import GraphStore

MAX_CANDIDATES = 10


def chain_fields(store: GraphStore, chain: str) -> list[str]:
    """The fields the chain's segments require, with the narrower ones; NotFoundError for no such chain."""
    rows = store.read("chain_segments", {"chain": chain})
    if not rows:
        missing = f"no industry chain '{chain}' with segments / 不存在产业链「{chain}」或其没有环节"
        raise NotFoundError(missing, uid=chain)
    return sorted({str(f) for row in rows for f in row["fields"] or []})


def need_queue(
    store: GraphStore,
    *,
    region: str | None = None,
    chain: str | None = None,
    first: int = 20,
    after: str | None = None,
) -> RecordPage[TechNeed]:
    """Open needs, newest first, in ``region`` (and the places within it) and on ``chain``."""
    require_queue()
    check_first(first)
    regions = region_names(store, region) if region else None
    fields = chain_fields(store, chain) if chain else None
    if fields == []:
        return RecordPage()  # a chain whose segments require no field holds no need
    return list_needs(store, statuses=[NeedStatus.OPEN], regions=regions, fields=fields, first=first, after=after)


def best_candidates(store: GraphStore, need: TechNeed, *, first: int = 3) -> list[Recommendation]:
    """The recommender's best partners for ``need``: its enterprise asking with the need's text and fields.

    Empty when the recommender cannot read the need (a text that names no field, and no
    field given): the need is still worth brokering by hand.
    """
    if not 1 <= first <= MAX_CANDIDATES:
        raise LimitExceededError(f"first must be between 1 and {MAX_CANDIDATES} / 候选最多 {MAX_CANDIDATES} 个")
    if not may_see_need(current(), need):
        return []
    asked = Need(fields=list(need.fields), text=need.text[:MAX_TEXT])
    try:
        return recommend_partners(store, need.enterprise, need=asked, region=need.region, first=first)
    except NotFoundError:
        return []  # the enterprise has been deleted since it posted the need
    except InvalidInputError:
        if not need.fields:
            return []
        raise

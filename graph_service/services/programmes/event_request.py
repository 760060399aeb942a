"""What a matchmaking event is asked for, checked before any scoring, each problem naming its argument."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from graph_service.domain.entities import Entity
from graph_service.errors import FieldProblem, InvalidInputError, NotFoundError
from graph_service.ontology import ACTOR_KINDS, KIND_SPECS, EntityKind
from graph_service.services.access import policy
from graph_service.services.explore.entities import get_entities
from graph_service.services.match.ranking import PARTNER_KINDS
from graph_service.store import GraphStore

MAX_ROUNDS = 20
MAX_ENTERPRISES = 500
MAX_PARTNERS = 2000
UIDS_TOLD = 10


@dataclass(frozen=True, slots=True)
class EventRequest:
    """A checked request: distinct uids in the order given, and each side's quota."""

    enterprises: tuple[str, ...]
    partners: tuple[str, ...] | None
    kinds: tuple[EntityKind, ...]
    rounds: int
    meetings: int  # each enterprise's quota: per_enterprise, at most one a round
    partner_meetings: int  # each partner's quota: capacity, at most one a round


def _invalid(argument: str, en: str, zh: str) -> InvalidInputError:
    return InvalidInputError(f"{argument}: {en} / {zh}", [FieldProblem(argument, f"{en} / {zh}")])


def _distinct(uids: Sequence[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(u.strip() for u in uids if u.strip()))


def check_request(
    enterprises: Sequence[str],
    *,
    partners: Sequence[str] | None = None,
    kinds: Sequence[EntityKind] | None = None,
    rounds: int,
    capacity: int | None = None,
    per_enterprise: int | None = None,
) -> EventRequest:
    """The request, or an InvalidInputError naming the first argument that cannot be planned."""
    firms = _distinct(enterprises)
    if not firms:
        raise _invalid("enterprises", "give at least one enterprise", "请至少给出一家企业")
    if len(firms) > MAX_ENTERPRISES:
        raise _invalid("enterprises", f"at most {MAX_ENTERPRISES}, not {len(firms)}", f"最多 {MAX_ENTERPRISES} 家企业")
    given = None if partners is None else _distinct(partners)
    if given is not None and not given:
        raise _invalid("partners", "the list is empty: leave it out to let the recommender choose", "列表为空")
    if given is not None and len(given) > MAX_PARTNERS:
        raise _invalid("partners", f"at most {MAX_PARTNERS}, not {len(given)}", f"最多 {MAX_PARTNERS} 个合作伙伴")
    if not 1 <= rounds <= MAX_ROUNDS:
        raise _invalid(
            "rounds", f"must be between 1 and {MAX_ROUNDS}, not {rounds}", f"轮次须在 1 到 {MAX_ROUNDS} 之间"
        )
    if capacity is not None and capacity < 1:
        raise _invalid("capacity", f"must be at least 1, not {capacity}", "每个合作伙伴至少安排 1 场")
    if per_enterprise is not None and per_enterprise < 1:
        raise _invalid("perEnterprise", f"must be at least 1, not {per_enterprise}", "每家企业至少安排 1 场")
    if kinds:
        chosen = tuple(dict.fromkeys(kinds))
    else:  # a list given is the organiser's choice: any actor may sit at a table
        chosen = PARTNER_KINDS if given is None else tuple(sorted(ACTOR_KINDS, key=lambda k: k.value))
    absent = [k for k in chosen if k not in ACTOR_KINDS]
    if absent:
        en = ", ".join(k.value for k in absent)
        zh = "、".join(KIND_SPECS[k].zh for k in absent)
        raise _invalid("kinds", f"{en} cannot attend a meeting", f"{zh}不能参加对接会谈")
    return EventRequest(
        firms,
        given,
        chosen,
        rounds,
        min(per_enterprise or rounds, rounds),
        min(capacity or rounds, rounds),
    )


def _told(uids: Sequence[str]) -> str:
    shown = ", ".join(uids[:UIDS_TOLD])
    return shown + (f" (+{len(uids) - UIDS_TOLD})" if len(uids) > UIDS_TOLD else "")


def resolve(store: GraphStore, request: EventRequest) -> tuple[dict[str, Entity], dict[str, Entity] | None]:
    """The enterprises and the given partners as entities, after the access check for each enterprise."""
    for uid in request.enterprises:
        policy.require_recommend_for(uid)
    found = get_entities(store, [*request.enterprises, *(request.partners or ())])
    for argument, uids in (("enterprises", request.enterprises), ("partners", request.partners or ())):
        unknown = [u for u in uids if u not in found]
        if unknown:
            message = f"no entity with uid {_told(unknown)} / 不存在标识为 {_told(unknown)} 的实体"
            raise NotFoundError(f"{argument}: {message}")
    not_firms = [u for u in request.enterprises if found[u].kind is not EntityKind.ENTERPRISE]
    if not_firms:
        raise _invalid("enterprises", f"not enterprises: {_told(not_firms)}", f"以下实体不是企业：{_told(not_firms)}")
    firms = {u: found[u] for u in request.enterprises}
    if request.partners is None:
        return firms, None
    wrong = [u for u in request.partners if found[u].kind not in request.kinds]
    if wrong:
        kinds = ", ".join(k.value for k in request.kinds)
        raise _invalid(
            "partners", f"not of the kinds asked ({kinds}): {_told(wrong)}", f"以下实体不属于所选类型：{_told(wrong)}"
        )
    return firms, {u: found[u] for u in request.partners}

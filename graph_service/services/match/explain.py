"""The reasons of one returned recommendation, from its assessment.

Only what is returned is explained. Reasons follow the components that carry weight for
this candidate: the best topic matches, the strongest shared neighbours (hubs last; paths
of three where shared neighbours are too few),
the shared park or region, standing, stage and what the partner adds.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from graph_service.domain.entities import Entity
from graph_service.domain.recommendation import Component as C
from graph_service.domain.recommendation import Reason
from graph_service.services.match import reasons as why
from graph_service.services.match.candidates import Candidate, Focus
from graph_service.services.match.records import TrackRecord
from graph_service.services.match.scoring import DEGREE_CAP, distinct_bridges, distinct_vias

if TYPE_CHECKING:
    from graph_service.services.match.ranking import Assessment

# Reasons of each kind a recommendation shows at most.
TOPIC_REASONS = 2
NETWORK_REASONS = 2
# Below these a component is too weak to be worth a reason.
GEOGRAPHY_FLOOR = 0.6
STAGE_FLOOR = 0.5


def reasons(
    focus: Focus,
    entity: Entity,
    row: Mapping[str, Any],
    candidate: Candidate | None,
    assessed: Assessment,
    record: TrackRecord,
) -> tuple[Reason, ...]:
    asker, cand = focus.entity.uid, entity.uid
    kind, props = entity.kind.value, entity.properties
    scores = assessed.scores
    out: list[Reason] = []
    names = {**{str(f["uid"]): str(f["name"]) for f in row["fields"] if f.get("uid")}, **focus.names}
    names_en = {str(f["uid"]): str(f["name_en"]) for f in row["fields"] if f.get("uid") and f.get("name_en")}
    names_en |= focus.names_en
    for m in assessed.matches[:TOPIC_REASONS]:
        out.append(why.topic_reason(asker, cand, m, focus.families, names, names_en, focus.need_edges))
    shared = distinct_vias(candidate.vias if candidate else [])[:NETWORK_REASONS]
    for via in shared:
        out.append(why.network_reason(asker, cand, via, via.name_en, DEGREE_CAP))
    # Paths of three are told only where too few shared neighbours are.
    for bridge in distinct_bridges(candidate.bridges if candidate else [])[: NETWORK_REASONS - len(shared)]:
        out.append(why.bridge_reason(asker, cand, bridge, DEGREE_CAP))
    geography = _geography(focus, cand, props, assessed)
    if geography is not None:
        out.append(geography)
    standing = why.credibility_reason(
        cand,
        kind,
        props,
        record.transfers,
        record.portfolio,
        record.portfolio_sample,
        int(row.get("degree") or 0),
        DEGREE_CAP,
    )
    if standing is not None:
        out.append(standing)
    stage = scores[C.STAGE]
    if stage is not None and stage >= STAGE_FLOOR:
        stages = [str(s) for s in props.get("stages") or []]
        out.append(why.stage_reason(asker, cand, str(focus.entity.properties.get("stage")), stages, stage))
    complement = scores[C.COMPLEMENTARITY]
    if complement is not None and complement >= 1.0:
        out.append(why.complementarity_reason(asker, kind))
    degree = int(row.get("degree") or 0)
    if not out and degree:
        out.append(why.ties_reason(cand, degree, DEGREE_CAP))  # came in by popularity alone
    return tuple(out)


def _geography(focus: Focus, cand: str, props: Mapping[str, Any], assessed: Assessment) -> Reason | None:
    place, geo = assessed.place, assessed.scores[C.GEOGRAPHY]
    if not place or geo is None or geo < GEOGRAPHY_FLOOR:
        return None
    if place in assessed.parks:
        name, name_en = assessed.parks[place]
        return why.park_reason(focus.entity.uid, cand, place, name, why.english(name, name_en))
    place_en = why.english(place, focus.region_names_en.get(place))
    return why.region_reason(focus.entity.uid, cand, place, place_en, str(focus.region), str(props.get("region")))

"""Readable reasons in Chinese and English, each with the graph paths behind it."""

from __future__ import annotations

from collections.abc import Mapping

from graph_service.domain.recommendation import Evidence, Reason
from graph_service.ontology import KIND_SPECS, parse_kind
from graph_service.services.match.scoring import FieldFamily, TopicMatch, Via

_CLOSE = {
    "same": ("一致", "matches"),
    "narrower": ("相近（细分方向）", "is a branch of"),
    "broader": ("相近（上位方向）", "is the wider field of"),
    "sibling": ("相近（同属一类）", "is a sister field of"),
}


def _kind_names(kind: str) -> tuple[str, str]:
    parsed = parse_kind(kind)
    if parsed is None:
        return kind, kind
    return KIND_SPECS[parsed].zh, KIND_SPECS[parsed].en.lower()


def topic_reason(
    asker: str,
    candidate: str,
    match: TopicMatch,
    families: Mapping[str, FieldFamily],
    names: Mapping[str, str],
    need_edges: Mapping[str, str],
) -> Reason:
    """「方向与需求一致」, with the candidate's IN_FIELD tie and the taxonomy step between the fields."""
    need_name = names.get(match.need, match.need)
    field_name = names.get(match.field, match.field)
    zh_close, en_close = _CLOSE[match.relation]
    nodes: list[str] = []
    edges: list[tuple[str, str, str]] = []
    if match.need in need_edges:
        nodes.append(asker)
        edges.append((asker, need_edges[match.need], match.need))
    nodes.append(match.need)
    family = families.get(match.need)
    if match.relation == "narrower":
        edges.append((match.field, "BROADER", match.need))
        nodes.append(match.field)
    elif match.relation == "broader":
        edges.append((match.need, "BROADER", match.field))
        nodes.append(match.field)
    elif match.relation == "sibling" and family and family.parent:
        edges += [(match.need, "BROADER", family.parent), (match.field, "BROADER", family.parent)]
        nodes += [family.parent, match.field]
    nodes.append(candidate)
    edges.append((candidate, "IN_FIELD", match.field))
    if match.relation == "same":
        zh = f"研究方向「{field_name}」与需求「{need_name}」一致"
        en = f"Works on {field_name}, which is what you need"
    else:
        zh = f"研究方向「{field_name}」与需求「{need_name}」{zh_close}"
        en = f"Works on {field_name}, which {en_close} {need_name} that you need"
    return Reason("topic", zh, en, (Evidence(tuple(nodes), tuple(edges)),))


def _via_text(via: Via) -> tuple[str, str]:
    if via.kind == "Society" and via.first_type == via.second_type == "MEMBER_OF":
        return f"同属{via.name}", f"Both members of {via.name}"
    if via.kind == "Programme":
        return f"同为{via.name}的伙伴", f"Both partners of {via.name}"
    if via.kind == "Scientist":
        return f"通过共同联系人{via.name}可引荐", f"Can be introduced through {via.name}, whom you both know"
    if via.kind == "Workstation":
        return f"通过{via.name}相连", f"Connected through {via.name}"
    return f"通过{via.name}相连", f"Connected through {via.name}"


def network_reason(asker: str, candidate: str, via: Via) -> Reason:
    first = (asker, via.first_type, via.uid) if via.first_outgoing else (via.uid, via.first_type, asker)
    second = (via.uid, via.second_type, candidate) if via.second_outgoing else (candidate, via.second_type, via.uid)
    zh, en = _via_text(via)
    return Reason("network", zh, en, (Evidence((asker, via.uid, candidate), (first, second)),))


def geography_reason(asker: str, candidate: str, place: str, place_uid: str | None, park: bool) -> Reason:
    if park:
        edges = ((asker, "LOCATED_IN", place_uid or place), (candidate, "LOCATED_IN", place_uid or place))
        evidence = Evidence((asker, place_uid or place, candidate), edges)
        return Reason("geography", f"同在{place}", f"Both in {place}", (evidence,))
    nodes = (asker, place_uid, candidate) if place_uid else (asker, candidate)
    return Reason("geography", f"同在{place}地区", f"Both in the {place} area", (Evidence(nodes),))


def credibility_reason(
    candidate: str, kind: str, props: Mapping[str, object], transfers: list[dict[str, str]], portfolio: int
) -> Reason | None:
    evidence = tuple(
        Evidence((candidate, t["achievement"]), ((candidate, t["type"], t["achievement"]),)) for t in transfers[:3]
    )
    if kind == "Scientist" and props.get("is_academician"):
        return Reason("credibility", "院士", "An academician", (Evidence((candidate,)),))
    if kind == "Society" and props.get("rating") == "5A":
        return Reason("credibility", "5A级学会", "A 5A-rated society", (Evidence((candidate,)),))
    if transfers:
        verb_zh = "促成" if kind == "ServiceAgency" else "完成"
        return Reason(
            "credibility",
            f"已{verb_zh}{len(transfers)}项科技成果转化",
            f"Has {'brokered' if kind == 'ServiceAgency' else 'developed'} {len(transfers)} transferred technologies",
            evidence,
        )
    if kind == "Investor" and portfolio:
        return Reason(
            "credibility",
            f"已投资{portfolio}家企业",
            f"Has invested in {portfolio} enterprises",
            (Evidence((candidate,)),),
        )
    return None


STAGE_NAMES = {
    "seed": ("种子期", "seed"),
    "angel": ("天使轮", "angel"),
    "a": ("A轮", "series A"),
    "b": ("B轮", "series B"),
    "c": ("C轮", "series C"),
    "growth": ("成长期", "growth"),
    "pre_ipo": ("Pre-IPO", "pre-IPO"),
    "listed": ("上市", "listed"),
}


def stage_reason(asker: str, candidate: str, stage: str, fit: float) -> Reason:
    zh, en = STAGE_NAMES.get(stage, (stage, stage))
    evidence = (Evidence((asker, candidate)),)
    if fit >= 1.0:
        return Reason("stage", f"投资阶段覆盖贵企业所处的{zh}", f"Invests at your stage ({en})", evidence)
    return Reason("stage", f"投资阶段与贵企业所处的{zh}相邻", f"Invests next to your stage ({en})", evidence)


def complementarity_reason(asker: str, candidate: str, kind: str) -> Reason:
    zh, en = _kind_names(kind)
    return Reason(
        "complementarity",
        f"尚无{zh}类合作伙伴，可补齐",
        f"You have no {en} partner yet",
        (Evidence((asker, candidate)),),
    )

"""Readable reasons, all Chinese in ``zh`` and all English in ``en``, each with what it rests on.

A reason rests either on graph paths (a shared neighbour, a field tie, a transfer) or on
recorded values (a region, a rating, an investment stage), which it then shows. Entities
are named, never shown by uid; English text takes English names where the graph has them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from graph_service.domain.recommendation import Attribute, Evidence, Reason
from graph_service.domain.recommendation import Component as C
from graph_service.ontology import KIND_SPECS, parse_kind
from graph_service.services.match.scoring import Bridge, FieldFamily, TopicMatch, Via

_CLOSE = {
    "same": ("一致", "matches"),
    "narrower": ("相近（细分方向）", "is a branch of"),
    "broader": ("相近（上位方向）", "is the wider field of"),
    "sibling": ("相近（同属一类）", "is a sister field of"),
}


def kind_names(kind: str) -> tuple[str, str]:
    """A kind's Chinese name and its English name in lower case."""
    parsed = parse_kind(kind)
    if parsed is None:
        return kind, kind
    return KIND_SPECS[parsed].zh, KIND_SPECS[parsed].en.lower()


def english(name: str, name_en: object) -> str:
    """The English name where one is recorded, else the name itself (a proper noun)."""
    return str(name_en) if name_en else name


def topic_reason(
    asker: str,
    candidate: str,
    match: TopicMatch,
    families: Mapping[str, FieldFamily],
    names: Mapping[str, str],
    names_en: Mapping[str, str],
    need_edges: Mapping[str, str],
) -> Reason:
    """「方向与需求一致」, with the candidate's IN_FIELD tie and the taxonomy step between the fields."""
    need_zh, field_zh = names.get(match.need, match.need), names.get(match.field, match.field)
    need_en, field_en = names_en.get(match.need, need_zh), names_en.get(match.field, field_zh)
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
        zh = f"研究方向「{field_zh}」与需求「{need_zh}」一致"
        en = f"Works on {field_en}, which is what you need"
    else:
        zh = f"研究方向「{field_zh}」与需求「{need_zh}」{zh_close}"
        en = f"Works on {field_en}, which {en_close} {need_en} that you need"
    return Reason(C.TOPIC, zh, en, (Evidence(tuple(nodes), tuple(edges)),))


def _ties(degree: int, degree_cap: int) -> tuple[str, str]:
    # Degrees are counted up to the cap: past it the text says "more than", not a number it does not know.
    if degree >= degree_cap:
        return f"逾{degree_cap}个联系", f"over {degree_cap} ties"
    return f"{degree}个联系", f"{degree} ties in all"


def _hop(start: str, via: Via, end: str) -> tuple[tuple[str, str, str], tuple[str, str, str]]:
    """The two ties through ``via`` as (source, type, target), in their recorded directions."""
    first = (start, via.first_type, via.uid) if via.first_outgoing else (via.uid, via.first_type, start)
    second = (via.uid, via.second_type, end) if via.second_outgoing else (end, via.second_type, via.uid)
    return first, second


def _via_text(via: Via, name_en: str, degree_cap: int) -> tuple[str, str]:
    ties_zh, ties_en = _ties(via.degree, degree_cap)
    if via.kind == "Society" and via.first_type == via.second_type == "MEMBER_OF":
        return f"同属{via.name}（共{ties_zh}）", f"Both members of {name_en} ({ties_en})"
    if via.kind == "Programme":
        return f"同为{via.name}的伙伴（共{ties_zh}）", f"Both partners of {name_en} ({ties_en})"
    if via.kind == "Scientist":
        return (
            f"通过共同联系人{via.name}可引荐（其共有{ties_zh}）",
            f"Can be introduced through {name_en}, whom you both know ({ties_en})",
        )
    return f"通过{via.name}相连（其共有{ties_zh}）", f"Connected through {name_en} ({ties_en})"


def network_reason(asker: str, candidate: str, via: Via, name_en: str | None, degree_cap: int) -> Reason:
    """A shared neighbour, named, with how connected it is (a hub says less than a friend)."""
    zh, en = _via_text(via, english(via.name, name_en), degree_cap)
    return Reason(C.NETWORK, zh, en, (Evidence((asker, via.uid, candidate), _hop(asker, via, candidate)),))


def bridge_reason(asker: str, candidate: str, bridge: Bridge, degree_cap: int) -> Reason:
    """「经由A与B相连」: three ties, through the asker's neighbour and the candidate's."""
    near, far = bridge.near, bridge.far
    first, second = _hop(asker, near, far.uid)
    _, third = _hop(near.uid, far, candidate)
    near_zh, near_en = _ties(near.degree, degree_cap)
    far_zh, far_en = _ties(far.degree, degree_cap)
    near_name, far_name = english(near.name, near.name_en), english(far.name, far.name_en)
    zh = f"经由{near.name}（共{near_zh}）与{far.name}（共{far_zh}）相连，相隔三层关系"
    en = f"Three ties away: through {near_name} ({near_en}) and {far_name} ({far_en})"
    nodes = (asker, near.uid, far.uid, candidate)
    return Reason(C.NETWORK, zh, en, (Evidence(nodes, (first, second, third)),))


def park_reason(asker: str, candidate: str, park: str, name: str, name_en: str) -> Reason:
    edges = ((asker, "LOCATED_IN", park), (candidate, "LOCATED_IN", park))
    return Reason(C.GEOGRAPHY, f"同在{name}", f"Both in {name_en}", (Evidence((asker, park, candidate), edges),))


def region_reason(
    asker: str, candidate: str, place: str, place_en: str, asker_region: str, candidate_region: str
) -> Reason:
    """Geography by the recorded regions of both, shown as the values it rests on."""
    attributes = (Attribute(asker, "region", asker_region), Attribute(candidate, "region", candidate_region))
    if asker_region == candidate_region:
        return Reason(C.GEOGRAPHY, f"同在{place}", f"Both in {place_en}", attributes=attributes)
    return Reason(C.GEOGRAPHY, f"同属{place}地区", f"Both in the {place_en} area", attributes=attributes)


# Below this many ties, connectedness is not worth a reason.
STANDING_REASON_DEGREE = 10


def credibility_reason(
    candidate: str,
    kind: str,
    props: Mapping[str, object],
    transfers: Sequence[Mapping[str, object]],
    portfolio: int,
    portfolio_sample: Sequence[str],
    degree: int = 0,
    degree_cap: int = 0,
) -> Reason | None:
    """Standing: an academician, a 5A rating, transfers done, investments made, or many ties."""
    if kind == "Scientist" and props.get("is_academician"):
        return Reason(
            C.CREDIBILITY, "院士", "An academician", attributes=(Attribute(candidate, "is_academician", "true"),)
        )
    if kind == "Society" and props.get("rating") == "5A":
        return Reason(
            C.CREDIBILITY, "5A级学会", "A 5A-rated society", attributes=(Attribute(candidate, "rating", "5A"),)
        )
    if transfers:
        evidence = tuple(
            Evidence(
                (candidate, str(t["achievement"]), str(t["to"])),
                (
                    (candidate, str(t["type"]), str(t["achievement"])),
                    (str(t["achievement"]), "TRANSFERRED_TO", str(t["to"])),
                ),
            )
            for t in transfers[:3]
        )
        n = len(transfers)
        if kind == "ServiceAgency":
            return Reason(C.CREDIBILITY, f"已促成{n}项科技成果转化", f"Has brokered {n} technology transfers", evidence)
        return Reason(
            C.CREDIBILITY, f"已有{n}项成果实现转化", f"{n} of its achievements have been transferred", evidence
        )
    if kind == "Investor" and portfolio:
        evidence = tuple(Evidence((candidate, e), ((candidate, "INVESTED_IN", e),)) for e in portfolio_sample[:3])
        return Reason(C.CREDIBILITY, f"已投资{portfolio}家企业", f"Has invested in {portfolio} enterprises", evidence)
    if degree >= STANDING_REASON_DEGREE:
        return ties_reason(candidate, degree, degree_cap)
    return None


def ties_reason(candidate: str, degree: int, degree_cap: int) -> Reason:
    """How many ties the candidate has, the value popularity rests on."""
    # Counted up to the cap: past it the text says "over", not a number it does not know.
    if degree >= degree_cap:
        zh, en, count = (
            f"联系广泛：逾{degree_cap}个合作联系",
            f"Well connected: over {degree_cap} ties",
            f"{degree_cap}+",
        )
    elif degree >= STANDING_REASON_DEGREE:
        zh, en, count = f"联系广泛：共{degree}个合作联系", f"Well connected: {degree} ties", str(degree)
    else:
        zh, en, count = f"已有{degree}个合作联系", f"Has {degree} ties", str(degree)
    return Reason(C.CREDIBILITY, zh, en, attributes=(Attribute(candidate, "ties", count),))


STAGE_NAMES = {
    "seed": ("种子期", "seed"),
    "angel": ("天使轮", "angel"),
    "a": ("A轮", "series A"),
    "b": ("B轮", "series B"),
    "c": ("C轮", "series C"),
    "growth": ("成长期", "growth"),
    "pre_ipo": ("拟上市阶段", "pre-IPO"),
    "listed": ("上市", "listed"),
}


def stage_reason(asker: str, candidate: str, stage: str, stages: Sequence[str], fit: float) -> Reason:
    zh, en = STAGE_NAMES.get(stage, (stage, stage))
    attributes = (Attribute(asker, "stage", stage), Attribute(candidate, "stages", ", ".join(stages)))
    if fit >= 1.0:
        return Reason(C.STAGE, f"投资阶段覆盖贵企业所处的{zh}", f"Invests at your stage ({en})", attributes=attributes)
    return Reason(
        C.STAGE, f"投资阶段与贵企业所处的{zh}相邻", f"Invests next to your stage ({en})", attributes=attributes
    )


def complementarity_reason(asker: str, kind: str) -> Reason:
    """The asker has no partner of this kind yet: a count of its ties, shown as the value."""
    zh, en = kind_names(kind)
    return Reason(
        C.COMPLEMENTARITY,
        f"贵单位尚无{zh}类合作伙伴，可补齐",
        f"You have no {en} partner yet",
        attributes=(Attribute(asker, f"partners of kind {kind}", "0"),),
    )

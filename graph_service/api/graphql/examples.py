"""Example queries for each use case, opened as tabs in GraphiQL and run by the tests."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class Example:
    title: str
    query: str
    variables: dict[str, Any] = field(default_factory=dict)


EXAMPLES: tuple[Example, ...] = (
    Example(
        "搜索：按名称片段检索 / Search by a name fragment",
        """
query Search($text: String!) {
  search(text: $text, first: 5) { score entity { uid kind name nameEn region } }
}""",
        {"text": "高新"},
    ),
    Example(
        "实体详情与关系 / An entity with its relationships",
        """
query Entity($uid: String!) {
  entity(uid: $uid) {
    uid kind name nameEn region description source
    ... on Society { level rating members(first: 5) { totalCount edges { properties node { uid name kind } } } }
    ... on Park { enterprises(first: 5) { totalCount edges { node { uid name } } } }
  }
}""",
        {"uid": "society:chengdu-cast"},
    ),
    Example(
        "周边子图（两跳）/ A two-hop neighbourhood",
        """
query Neighborhood($uid: String!) {
  neighborhood(uid: $uid, depth: 2, limit: 50) {
    truncated
    nodes { uid kind name depth }
    edges { source target type properties }
  }
}""",
        {"uid": "society:chengdu-cast"},
    ),
    Example(
        "引荐路径 / Warm-introduction paths",
        """
query Paths($from: String!, $to: String!) {
  paths(from: $from, to: $to, maxHops: 4, first: 3) {
    length
    nodes { uid kind name }
    edges { source target type }
  }
}""",
        {"from": "society:chengdu-cast", "to": "programme:kechuang-partner"},
    ),
    Example(
        "按类型分页 / Entities of one kind, page by page",
        """
query Enterprises($after: String) {
  entities(kind: ENTERPRISE, first: 10, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node { uid name region ... on Enterprise { chainLeader specialised investors(first: 3) { totalCount } } } }
  }
}""",
    ),
    Example(
        "统计 / Statistics",
        """
query Stats($region: String) {
  stats(region: $region) { entities relationships byKind { key total synthetic } byRelation { key total } }
}""",
        {"region": "成都市"},
    ),
    Example(
        "合作伙伴推荐（用日常中文描述需求）/ Partner recommendations for a need in everyday words",
        """
query Partners($for: String!, $need: NeedInput) {
  recommendPartners(for: $for, need: $need, kinds: [SCIENTIST, INSTITUTION, SERVICE_AGENCY], first: 5) {
    score
    partner { uid kind name region }
    components { component score weight contribution }
    reasons { component zh en basis evidence { nodes } }
  }
}""",
        {"for": "enterprise:sci-pop-group", "need": {"text": "需要电池管理系统专家"}},
    ),
    Example(
        "四方团队：科学家+科服机构+创投机构 / A four-party team",
        """
query Team($for: String!) {
  recommendTeam(for: $for, first: 2) {
    score cohesion missing
    members { score partner { uid kind name } }
    reasons { zh en }
  }
}""",
        {"for": "enterprise:sci-pop-group"},
    ),
    Example(
        "产业链缺口与建议引进（补链强链）/ Chain gaps and suggested recruits",
        """
query Gaps($chain: String!) {
  chainGaps(chain: $chain, suggest: 2) {
    name region scopeZh scopeEn
    gaps { kind severity zh en }
    segments {
      position name
      coverage { enterprises chainLeaders scientists investors agencies transfers }
      gaps { kind severity zh en suggestions { score partner { uid kind name } } }
    }
  }
}""",
        {"chain": "chain:ic"},
    ),
    Example(
        "在预算内补缺口 / The recruits that close the most gaps within a budget",
        """
query CloseGaps($chain: String!) {
  closeGaps(chain: $chain, budget: 3) {
    gain
    recruit { partner { uid kind name } }
    closes { segment kind severity }
  }
}""",
        {"chain": "chain:ic"},
    ),
    Example(
        "科技成果转化链：成果如何到达一家企业 / Technology-transfer chains into an enterprise",
        """
query Transfers($to: String!) {
  transferChains(to: $to, maxHops: 2, first: 5) {
    hops complete parties missing
    steps { role uid name kind relation hop }
  }
}""",
        # A demo enterprise that technology reached (the seed records hold no transfers).
        {"to": "syn:ent:0000131"},
    ),
    Example(
        "区域生态报告：桥梁角色与社群 / An ecosystem report: brokers and communities",
        """
query Report($region: String) {
  ecosystemReport(region: $region) {
    region entities ties
    brokers { uid name kind value }
    communities { size leaders }
  }
}""",
        {"region": "成都"},
    ),
    Example(
        "对接工作指标：按月统计需求与引荐（经理）/ Workflow KPIs by month (managers)",
        """
query Kpis($region: String, $from: String, $to: String) {
  workflowKpis(region: $region, from: $from, to: $to) {
    region firstMonth lastMonth
    months { month needsPosted needsDocked needsMet introductionsProposed introductionsAgreed conversionRate }
    totals { needsPosted introductionsProposed introductionsAgreed conversionRate medianDaysToAgreement }
    declineReasons { nameZh nameEn count }
  }
}""",
        {"region": "成都市"},
    ),
    Example(
        "新建实体（管理员）/ Create an entity (managers)",
        """
mutation Upsert {
  upsertEntity(input: {kind: ENTERPRISE, uid: "ent:example", name: "示例科技有限公司",
                       properties: {region: "成都市", specialised: true}}) {
    ... on EntityPayload { entity { uid name } }
    ... on InvalidInput { code message problems { field message } }
  }
}""",
    ),
)

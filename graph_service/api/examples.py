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

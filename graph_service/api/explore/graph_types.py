"""GraphQL types for subgraphs, paths, search hits and statistics."""

from __future__ import annotations

from enum import Enum
from typing import cast

import strawberry
from strawberry.scalars import JSON

from graph_service.api.explore.types import EntityInterface, entity_from_domain
from graph_service.domain.subgraph import GraphEdge, GraphNode, GraphPath, Subgraph
from graph_service.ontology import EntityKind, RelationType, parse_kind
from graph_service.services.explore.search import SearchHit
from graph_service.services.stats import GraphStats


@strawberry.type(description="图中的节点（绘图用）/ A node of a drawn subgraph")
class Node:
    uid: str = strawberry.field(description="唯一标识 / Uid")
    kind: EntityKind = strawberry.field(description="实体类型 / Kind")
    name: str = strawberry.field(description="名称 / Name")
    name_en: str | None = strawberry.field(description="英文名称 / English name")
    region: str | None = strawberry.field(description="所属地区 / Region")
    synthetic: bool = strawberry.field(description="是否合成 / Synthetic")
    depth: int = strawberry.field(description="与中心的跳数 / Hops from the centre")

    @classmethod
    def from_domain(cls, node: GraphNode) -> Node:
        kind = parse_kind(node.kind) or EntityKind.FIELD
        return cls(
            uid=node.uid,
            kind=kind,
            name=node.name,
            name_en=node.name_en,
            region=node.region,
            synthetic=node.synthetic,
            depth=node.depth,
        )


@strawberry.type(description="图中的边（绘图用）/ An edge of a drawn subgraph")
class Edge:
    source: str = strawberry.field(description="起点标识 / Source uid")
    target: str = strawberry.field(description="终点标识 / Target uid")
    type: RelationType = strawberry.field(description="关系类型 / Relationship type")
    properties: JSON = strawberry.field(description="关系属性 / Relationship properties")

    @classmethod
    def from_domain(cls, edge: GraphEdge) -> Edge:
        return cls(
            source=edge.source, target=edge.target, type=RelationType(edge.type), properties=cast(JSON, edge.properties)
        )


@strawberry.type(description="子图 / A subgraph ready to draw")
class GraphView:
    nodes: list[Node] = strawberry.field(description="节点 / Nodes")
    edges: list[Edge] = strawberry.field(description="边 / Edges")
    truncated: bool = strawberry.field(
        description="是否有可达实体未列出（达到节点数上限，或第 1 层以外的领域、地区、产业链环节、计划未展开）"
        " / True when something within reach was left out: the node limit was reached, or fields, regions, "
        "chain segments, chains or programmes beyond depth 1 were not expanded"
    )

    @classmethod
    def from_domain(cls, graph: Subgraph) -> GraphView:
        return cls(
            nodes=[Node.from_domain(n) for n in graph.nodes],
            edges=[Edge.from_domain(e) for e in graph.edges],
            truncated=graph.truncated,
        )


@strawberry.type(description="一条引荐路径 / A warm-introduction path")
class Path:
    length: int = strawberry.field(description="跳数 / Number of ties")
    nodes: list[Node] = strawberry.field(description="依次经过的实体 / Entities in order")
    edges: list[Edge] = strawberry.field(description="依次经过的关系 / Ties in order")

    @classmethod
    def from_domain(cls, path: GraphPath) -> Path:
        return cls(
            length=path.length,
            nodes=[Node.from_domain(n) for n in path.nodes],
            edges=[Edge.from_domain(e) for e in path.edges],
        )


@strawberry.type(description="搜索结果 / A search hit")
class SearchResult:
    entity: EntityInterface = strawberry.field(description="实体 / The entity")
    score: float = strawberry.field(description="全文检索得分 / Full-text score")
    matched_by: SearchMatch = strawberry.field(
        description="命中方式：字词、拼音或近似（可提示“您是否要找”）/ How it matched: terms, pinyin or a near miss"
    )

    @classmethod
    def from_domain(cls, hit: SearchHit) -> SearchResult:
        return cls(entity=entity_from_domain(hit.entity), score=hit.score, matched_by=SearchMatch[hit.reading.name])


@strawberry.enum(description="检索命中方式 / How a search hit matched the text")
class SearchMatch(Enum):
    TERMS = "terms"
    PINYIN = "pinyin"
    NEAR_MISS = "near_miss"


@strawberry.type(description="计数 / A count")
class Count:
    key: str = strawberry.field(description="类型、关系或地区 / Kind, relationship type or region")
    total: int = strawberry.field(description="数量 / Count")
    synthetic: int | None = strawberry.field(description="其中合成数据 / Of which synthetic")


@strawberry.type(description="统计 / Statistics")
class Stats:
    entities: int = strawberry.field(description="实体总数 / Entities")
    relationships: int = strawberry.field(description="关系总数 / Relationships")
    by_kind: list[Count] = strawberry.field(description="按实体类型 / By kind")
    by_relation: list[Count] = strawberry.field(description="按关系类型 / By relationship type")
    by_region: list[Count] = strawberry.field(description="按地区 / By region")

    @classmethod
    def from_domain(cls, stats: GraphStats) -> Stats:
        return cls(
            entities=stats.entity_total,
            relationships=stats.relation_total,
            by_kind=[Count(key=k.kind, total=k.total, synthetic=k.synthetic) for k in stats.kinds],
            by_relation=[Count(key=t, total=n, synthetic=None) for t, n in sorted(stats.relations.items())],
            by_region=[Count(key=r, total=n, synthetic=None) for r, n in stats.regions.items()],
        )

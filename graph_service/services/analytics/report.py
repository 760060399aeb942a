"""ecosystem_report: the ecosystem's shape, computed with networkx on a projection exported by Cypher.

Brokers (betweenness centrality: who connects otherwise separate parts), communities
(modularity), isolated people and organisations (outreach targets), how complete each
enterprise's four-party set is (科学家, 创投家, 科服机构 around the 企业家), and how far the
科创生态伙伴计划 reaches. Reports are cached per region and recomputed when the graph changes.
"""

from __future__ import annotations

import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field

import networkx as nx

from graph_service.errors import LimitExceededError
from graph_service.ontology import ACTOR_KINDS, EntityKind, RelationType
from graph_service.services.access import policy
from graph_service.services.cache import VersionedCache
from graph_service.services.stats import region_names
from graph_service.store import GraphStore

R = RelationType
SOCIAL_TIES = (
    R.AFFILIATED_WITH,
    R.MEMBER_OF,
    R.INVESTED_IN,
    R.SERVES,
    R.STATIONED_AT,
    R.HOSTED_BY,
    R.COLLABORATED_WITH,
    R.LOCATED_IN,
    R.PARTNER_OF,
    R.DEVELOPED,
    R.TRANSFERRED_TO,
    R.BROKERED,
)
PROJECTED_KINDS = sorted(k.value for k in (*ACTOR_KINDS, EntityKind.ACHIEVEMENT, EntityKind.PROGRAMME))
PARTNER_PROGRAMME = "programme:kechuang-partner"
BETWEENNESS_SAMPLE = 300
# Over the API a report must come back within a request's patience: about a minute for
# 300,000 entities (a large city); beyond that, a region or the command line.
INTERACTIVE_NODES = 300_000
# Sampled betweenness costs one breadth-first pass per source; bound the passes' total
# edge visits so a large graph gets fewer sources instead of an hour-long report.
BETWEENNESS_WORK = 2_000_000
MIN_SAMPLE = 8
TOP = 10


@dataclass(frozen=True, slots=True)
class Ranked:
    uid: str
    name: str
    kind: str
    value: float


@dataclass(frozen=True, slots=True)
class EcosystemReport:
    region: str | None
    entities: int
    ties: int
    brokers: tuple[Ranked, ...]
    communities: tuple[tuple[int, tuple[str, ...]], ...]  # (size, a few member names)
    isolated: tuple[Ranked, ...]
    isolated_count: int
    four_party: dict[int, int] = field(default_factory=dict)  # parties present (1-4) -> enterprises
    partner_coverage: dict[str, int] = field(default_factory=dict)
    computed_seconds: float = 0.0


def projection(
    store: GraphStore, regions: list[str], *, max_nodes: int | None = None
) -> tuple[nx.MultiGraph, dict[str, tuple[str, str]]]:
    """The people, organisations and achievements of ``regions`` (all when empty) and their social ties.

    With ``max_nodes``, a larger projection is refused before its ties are read.
    """
    nodes = {
        str(r["uid"]): (str(r["kind"]), str(r["name"]))
        for r in store.read("analytics_nodes", {"kinds": PROJECTED_KINDS, "regions": regions})
    }
    if max_nodes is not None and len(nodes) > max_nodes:
        raise LimitExceededError(
            f"{len(nodes):,} entities are too many for an interactive report (at most {max_nodes:,}); give a region, "
            f"or run `graph-service report ecosystem` / 实体过多，请指定地区或使用命令行生成报告"
        )
    graph = nx.MultiGraph()
    graph.add_nodes_from(sorted(nodes))
    rows = store.read(
        "analytics_edges", {"types": [t.value for t in SOCIAL_TIES], "kinds": PROJECTED_KINDS, "regions": regions}
    )
    for row in rows:
        if row["source"] in nodes and row["target"] in nodes:
            graph.add_edge(str(row["source"]), str(row["target"]), type=str(row["type"]))
    return graph, nodes


def _four_party(graph: nx.MultiGraph, nodes: dict[str, tuple[str, str]]) -> dict[int, int]:
    """For each enterprise, how many of the four parties it has (itself counting as the 企业家)."""
    out: Counter[int] = Counter()
    for uid, (kind, _) in nodes.items():
        if kind != "Enterprise":
            continue
        kinds = set()
        for neighbour in graph[uid]:
            nkind = nodes[neighbour][0]
            kinds.add(nkind)
            if nkind == "Achievement":  # a scientist behind a transferred technology
                kinds |= {nodes[d][0] for d in graph[neighbour]}
        parties = (
            1 + ("Scientist" in kinds or "Institution" in kinds) + ("Investor" in kinds) + ("ServiceAgency" in kinds)
        )
        out[parties] += 1
    return dict(sorted(out.items()))


def compute(
    store: GraphStore, region: str | None = None, *, seed: int = 7, top: int = TOP, max_nodes: int | None = None
) -> EcosystemReport:
    """The report for ``region`` (all when None), listing ``top`` brokers, communities and isolated entities."""
    policy.require_reports()
    started = time.perf_counter()
    regions = region_names(store, region) if region else []
    graph, nodes = projection(store, regions, max_nodes=max_nodes)
    simple = nx.Graph(graph)
    actors = [u for u, (k, _) in nodes.items() if k in {a.value for a in ACTOR_KINDS}]
    actor_set = set(actors)
    budget = max(MIN_SAMPLE, BETWEENNESS_WORK // max(simple.number_of_edges(), 1))
    sample = min(BETWEENNESS_SAMPLE, budget, simple.number_of_nodes())
    centrality = nx.betweenness_centrality(simple, k=sample or None, seed=seed) if sample else {}
    brokers = sorted(
        (Ranked(u, nodes[u][1], nodes[u][0], round(v, 6)) for u, v in centrality.items() if v > 0 and u in actor_set),
        key=lambda r: (-r.value, r.uid),
    )[:top]
    groups = nx.community.louvain_communities(simple, seed=seed) if simple.number_of_edges() else []

    def leaders(group: set[str]) -> tuple[str, ...]:
        members = sorted((u for u in group if u in actor_set), key=lambda u: (-simple.degree(u), u))
        return tuple(nodes[u][1] for u in members[:3])

    communities = sorted(((len(g), leaders(g)) for g in groups if len(g) > 1), key=lambda c: (-c[0], c[1]))[:top]
    isolated_all = sorted(u for u in actors if simple.degree(u) == 0)
    isolated = tuple(Ranked(u, nodes[u][1], nodes[u][0], 0.0) for u in isolated_all[:top])
    coverage: dict[str, int] = defaultdict(int)
    if PARTNER_PROGRAMME in graph:
        partners = set(graph[PARTNER_PROGRAMME])
        for uid in partners:
            coverage[nodes[uid][0]] += 1
        reached = {n for p in partners for n in graph[p]} - partners - {PARTNER_PROGRAMME}
        coverage["reached_within_one_tie"] = len(reached)
    return EcosystemReport(
        region=region,
        entities=graph.number_of_nodes(),
        ties=graph.number_of_edges(),
        brokers=tuple(brokers),
        communities=tuple(communities),
        isolated=isolated,
        isolated_count=len(isolated_all),
        four_party=_four_party(graph, nodes),
        partner_coverage=dict(sorted(coverage.items())),
        computed_seconds=round(time.perf_counter() - started, 3),
    )


class ReportCache:
    """Reports by (graph, region), recomputed when the store's version token changes."""

    def __init__(self) -> None:
        self._cache: VersionedCache[EcosystemReport] = VersionedCache(size=32)

    def get(self, store: GraphStore, region: str | None = None) -> EcosystemReport:
        policy.require_reports()  # before the cache: a cached report is no less private
        return self._cache.get(store, (region,), lambda: compute(store, region, max_nodes=INTERACTIVE_NODES))


CACHE = ReportCache()

"""DataLoaders, created per request, so a page of entities with their relationships
costs a bounded number of store round trips whatever the page size."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from strawberry.dataloader import DataLoader

from graph_service.api.http.threads import run_sync
from graph_service.domain.entities import Entity
from graph_service.domain.workflow import TechNeed
from graph_service.ontology.navigation import LINKS, Link
from graph_service.services.explore.entities import get_entities
from graph_service.services.explore.links import LinkPage, link_counts, link_pages
from graph_service.services.workflow.needs import get_needs
from graph_service.store import GraphStore

# (link index in LINKS, parent uid, first, after)
PageKey = tuple[int, str, int, str | None]
CountKey = tuple[int, str]


@dataclass
class Loaders:
    """The request's loaders; each batches the keys asked for in one tick into one query."""

    store: GraphStore
    entity: DataLoader[str, Entity | None] = field(init=False)
    link_page: DataLoader[PageKey, LinkPage] = field(init=False)
    link_count: DataLoader[CountKey, int] = field(init=False)
    need: DataLoader[str, TechNeed | None] = field(init=False)

    def __post_init__(self) -> None:
        self.entity = DataLoader(load_fn=self._load_entities)
        self.link_page = DataLoader(load_fn=self._load_link_pages)
        self.link_count = DataLoader(load_fn=self._load_link_counts)
        self.need = DataLoader(load_fn=self._load_needs)

    async def _load_entities(self, uids: Sequence[str]) -> list[Entity | None]:
        found = await run_sync(get_entities, self.store, list(uids))
        return [found.get(uid) for uid in uids]

    async def _load_needs(self, ids: Sequence[str]) -> list[TechNeed | None]:
        found = await run_sync(get_needs, self.store, list(ids))
        return [found.get(need_id) for need_id in ids]

    async def _load_link_pages(self, keys: Sequence[PageKey]) -> list[LinkPage]:
        groups: dict[tuple[int, int, str | None], list[str]] = defaultdict(list)
        for link_index, parent, first, after in keys:
            groups[(link_index, first, after)].append(parent)
        results: dict[PageKey, LinkPage] = {}
        for (link_index, first, after), parents in groups.items():
            pages = await run_sync(link_pages, self.store, LINKS[link_index], parents, first=first, after=after)
            for parent, page in pages.items():
                results[(link_index, parent, first, after)] = page
        return [results[key] for key in keys]

    async def _load_link_counts(self, keys: Sequence[CountKey]) -> list[int]:
        groups: dict[int, list[str]] = defaultdict(list)
        for link_index, parent in keys:
            groups[link_index].append(parent)
        results: dict[CountKey, int] = {}
        for link_index, parents in groups.items():
            counts = await run_sync(link_counts, self.store, LINKS[link_index], parents)
            results.update({(link_index, parent): total for parent, total in counts.items()})
        return [results[key] for key in keys]


def link_index(link: Link) -> int:
    return LINKS.index(link)

"""Search terms re-derived where they were stored by an earlier derivation.

Terms are derived when an entity is written (``writer.entity_row``). When the derivation
changes (pinyin was added to it), a graph written before holds the old terms, and search
would miss what it now promises; :func:`refresh_search_terms` re-derives them once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import Any

from graph_service.domain.search_text import search_terms
from graph_service.ontology import EntityKind
from graph_service.services.export.reading import entities_of
from graph_service.store import GraphStore

SAMPLE = 50


def _terms(props: Mapping[str, Any]) -> str:
    aliases = props.get("aliases")
    texts = [str(props.get("name") or ""), str(props.get("name_en") or "")]
    texts += [str(a) for a in aliases] if isinstance(aliases, list) else []
    return search_terms(texts)


def search_terms_stale(store: GraphStore) -> bool:
    """Whether a sample of stored terms differs from what this version derives."""
    rows = store.read("entity_search_sample", {"limit": SAMPLE})
    return any(row["search_text"] != _terms(row) for row in rows)


def refresh_search_terms(store: GraphStore, *, progress: Callable[[int], None] | None = None) -> int:
    """Re-derive every entity's search terms; returns how many entities were rewritten."""

    def rows() -> Iterator[dict[str, str]]:
        for kind in EntityKind:
            for props in entities_of(store, kind):
                yield {"uid": str(props["uid"]), "search_text": _terms(props)}

    return store.write_batches("entity_search_text_set", rows(), key=lambda row: row["uid"], progress=progress)

"""What ``EmbeddedStore`` needs of its engine: one local engine, or a replicated one behind Sentinels."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any, LiteralString, Protocol

from graph_service.store.protocol import Row

if TYPE_CHECKING:
    from graph_service.store.embedded.connection import PreparedQuery


class EngineLink(Protocol):
    """``EngineConnection`` (a child process on a unix socket) and ``ReplicatedConnection`` both are one."""

    query_timeout_ms: int

    def run(
        self,
        graph_name: str,
        text: LiteralString | PreparedQuery,
        params: Mapping[str, Any] | None,
        *,
        read_only: bool,
    ) -> list[Row]: ...

    def plan(self, graph_name: str, text: LiteralString, params: Mapping[str, Any] | None = None) -> list[str]: ...

    def delete_graph(self, graph_name: str) -> None: ...

    def rename_graph(self, source: str, target: str) -> None: ...

    def bump_version(self, graph_name: str) -> None: ...

    def version(self, graph_name: str) -> str: ...

    def ensure_unique(self, graph_name: str, label: str, prop: str) -> None: ...

    def graph_names(self) -> list[str]: ...

    def compact(self, timeout: float = 600.0) -> None: ...

    def ping(self) -> bool: ...

    def memory(self) -> dict[str, Any]: ...

    def bookmarks(self) -> tuple[str, ...]: ...

    def catch_up(self, bookmarks: Iterable[str]) -> None: ...

    def close(self) -> None: ...

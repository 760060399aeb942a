"""``Neo4jStore``: the ``GraphStore`` on Neo4j 5 through the official ``neo4j`` driver.

Reads are routed to readers (secondaries in a cluster); writes go to the leader. The
driver's ``execute_query`` retries transient failures and carries bookmarks, so a read
after a write sees it (read-your-writes) across a cluster.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Mapping
from typing import Any, LiteralString

import neo4j
from neo4j import RoutingControl

from graph_service.store.batching import send_batches
from graph_service.store.neo4j.errors import translate
from graph_service.store.protocol import Row, Slots
from graph_service.store.queries import QueryLibrary


class Neo4jStore:
    """Named queries on one Neo4j database."""

    engine = "neo4j"

    def __init__(
        self,
        uri: str,
        *,
        user: str = "neo4j",
        password: str = "",
        database: str = "neo4j",
        query_timeout_ms: int = 30_000,
        queries: QueryLibrary | None = None,
    ) -> None:
        self.queries = queries or QueryLibrary(self.engine)
        self.database = database
        self.round_trips = 0
        self._timeout_s = query_timeout_ms / 1000
        try:
            self._driver = neo4j.GraphDatabase.driver(uri, auth=(user, password))
        except Exception as exc:
            raise translate(exc) from exc

    def _run(self, text: LiteralString, params: Mapping[str, Any] | None, routing: RoutingControl) -> list[Row]:
        self.round_trips += 1
        query = neo4j.Query(text, timeout=self._timeout_s)
        try:
            records, _, _ = self._driver.execute_query(
                query, dict(params or {}), routing_=routing, database_=self.database
            )
        except Exception as exc:
            raise translate(exc) from exc
        return [record.data() for record in records]

    def read(self, name: str, params: Mapping[str, Any] | None = None, *, slots: Slots | None = None) -> list[Row]:
        return self._run(self.queries[name].render(slots), params, RoutingControl.READ)

    def write(self, name: str, params: Mapping[str, Any] | None = None, *, slots: Slots | None = None) -> list[Row]:
        return self._run(self.queries[name].render(slots), params, RoutingControl.WRITE)

    def write_batches(
        self,
        name: str,
        rows: Iterable[Mapping[str, Any]],
        *,
        key: Callable[[Mapping[str, Any]], Hashable],
        slots: Slots | None = None,
        batch_size: int = 2000,
        progress: Callable[[int], None] | None = None,
    ) -> int:
        text = self.queries[name].render(slots)
        return send_batches(
            lambda batch: self._run(text, {"rows": batch}, RoutingControl.WRITE), rows, key, batch_size, progress
        )

    def ensure_schema(self) -> None:
        for statement in self.queries["schema"].statements():
            self._run(statement, None, RoutingControl.WRITE)

    def clear(self) -> None:
        self.round_trips += 1
        try:
            with self._driver.session(database=self.database) as session:
                session.run(self.queries["graph_clear"].render()).consume()
        except Exception as exc:
            raise translate(exc) from exc
        self.ensure_schema()

    def compact(self) -> None:
        """Neo4j manages its own transaction logs."""

    def version(self) -> str:
        # Counts come from Neo4j's count store and the latest change from the updated_at
        # range index, so this stays cheap on a large graph.
        row = self.read("graph_version")[0]
        return f"{row['nodes']}:{row['changed']}:{row['relationships']}"

    def ping(self) -> bool:
        try:
            self._driver.verify_connectivity()
        except Exception:
            return False
        return True

    def engine_info(self) -> dict[str, Any]:
        return {"engine": self.engine, "database": self.database}

    def close(self) -> None:
        self._driver.close()

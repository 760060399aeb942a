"""``Neo4jStore``: the ``GraphStore`` on Neo4j 5 through the official ``neo4j`` driver.

With a ``neo4j://`` URI, reads are routed to readers (in a cluster, every server hosting the
database except the leader) and writes to the leader. ``execute_query`` retries transient
failures, leader switches included, and chains every call through the driver's bookmark
manager, so within one process a read sees every write made before it (read-your-writes).
Another process has its own driver and bookmarks: it reads its own writes across processes
once it has caught up with the writer's ``bookmarks()`` (see docs/neo4j-cluster.md).
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Hashable, Iterable, Mapping
from contextlib import AbstractContextManager
from typing import Any, LiteralString

import neo4j
from neo4j import RoutingControl
from neo4j import exceptions as neo

from graph_service.errors import StoreError
from graph_service.store.batching import unique_write_batches, write_in_order
from graph_service.store.neo4j.errors import translate
from graph_service.store.protocol import (
    ClosingContext,
    GraphStore,
    Row,
    ScratchGraphUnsupportedError,
    Slots,
    WriteBatch,
)
from graph_service.store.queries import QueryLibrary
from graph_service.store.unstorable import holds_unstorable, unstorable_error

# Seconds to wait before each retry of clear(); a leader election usually ends within them.
_CLEAR_RETRY_DELAYS = (1.0, 2.0, 4.0, 8.0)
# "Already there" answers to a schema statement: several workers starting together may all
# pass IF NOT EXISTS before any has created the rule; the rule then exists, as wanted.
_SCHEMA_EXISTS = frozenset(
    {
        "Neo.ClientError.Schema.EquivalentSchemaRuleAlreadyExists",
        "Neo.ClientError.Schema.ConstraintAlreadyExists",
        "Neo.ClientError.Schema.IndexAlreadyExists",
    }
)


# The name a schema statement gives its rule: "CREATE [FULLTEXT] INDEX|CONSTRAINT name IF NOT EXISTS".
_SCHEMA_RULE_NAME = re.compile(r"^CREATE\s+(?:\w+\s+)?(?:INDEX|CONSTRAINT)\s+(\w+)\s+IF\s+NOT\s+EXISTS", re.IGNORECASE)


class Neo4jStore(ClosingContext):
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
            # Notifications off: Neo4j warns on every query naming a label or property not yet
            # in the graph (an empty kind) and on CALL subqueries without a scope clause, which
            # FalkorDB needs; logged for each query, they drowned the service's own log.
            self._driver = neo4j.GraphDatabase.driver(
                uri, auth=(user, password), notifications_min_severity=neo4j.NotificationMinimumSeverity.OFF
            )
        except Exception as exc:
            raise translate(exc) from exc

    @property
    def graph_name(self) -> str:
        """The database: Neo4j keeps one graph in each."""
        return self.database

    def _execute(self, text: LiteralString, params: Mapping[str, Any] | None, routing: RoutingControl) -> list[Row]:
        """One query in a managed transaction; driver errors are left to the caller."""
        self.round_trips += 1
        query = neo4j.Query(text, timeout=self._timeout_s)
        records, _, _ = self._driver.execute_query(query, dict(params or {}), routing_=routing, database_=self.database)
        return [record.data() for record in records]

    def _run(self, text: LiteralString, params: Mapping[str, Any] | None, routing: RoutingControl) -> list[Row]:
        try:
            return self._execute(text, params, routing)
        except Exception as exc:
            raise translate(exc) from exc

    def read(self, name: str, params: Mapping[str, Any] | None = None, *, slots: Slots | None = None) -> list[Row]:
        if params and holds_unstorable(params):
            raise unstorable_error()
        return self._run(self.queries[name].render(slots), params, RoutingControl.READ)

    def write(self, name: str, params: Mapping[str, Any] | None = None, *, slots: Slots | None = None) -> list[Row]:
        if params and holds_unstorable(params):
            raise unstorable_error()
        return self._run(self.queries[name].render(slots), params, RoutingControl.WRITE)

    def write_records(self, name: str, params: Mapping[str, Any] | None = None) -> list[Row]:
        # Neo4j's version counts entities and ties only: any write leaves it alone when they stay.
        return self.write(name, params)

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
        return self.write_all(unique_write_batches(name, rows, key, batch_size, slots), progress=progress)

    def write_all(self, batches: Iterable[WriteBatch], *, progress: Callable[[int], None] | None = None) -> int:
        def prepare(batch: WriteBatch) -> tuple[LiteralString, list[Mapping[str, Any]]]:
            # Checked here, on the preparing thread: about 14 ms for 2,000 entity rows.
            if holds_unstorable(batch.rows):
                raise unstorable_error()
            return self.queries[batch.query].render(batch.slots), list(batch.rows)

        def send(prepared: tuple[LiteralString, list[Mapping[str, Any]]]) -> list[Row]:
            text, rows = prepared
            try:
                return self._run(text, {"rows": rows}, RoutingControl.WRITE)
            finally:
                # The driver's result keeps its parameters (for its summary) in a reference
                # cycle with its callbacks, which only the cyclic collector frees: every batch
                # of an import stayed in memory until a full collection happened to run (traced
                # peak 3.8 MB at 5k ties, 14.4 MB at 40k). Emptied, this copy holds no rows.
                rows.clear()

        # The driver packs and sends on the sender thread; the caller makes the next batch meanwhile.
        return write_in_order(batches, prepare, send, progress)

    def bookmarks(self) -> tuple[str, ...]:
        """The state this store has written or read, as bookmarks another store can wait for.

        Opaque strings: hand them to another worker's ``catch_up`` (a queue message, a
        response header) so its next queries see at least what this store has seen.
        """
        return tuple(sorted(self._driver.execute_query_bookmark_manager.get_bookmarks()))

    def catch_up(self, bookmarks: Iterable[str]) -> None:
        """Return once a reader of this database serves a state at least as new as ``bookmarks``.

        Another store's ``bookmarks()``: a write through that store is then seen by every
        later read through this one, on whichever reader it is routed to. Bookmarks the
        server refuses (or has not reached when the driver's retries end) raise here and
        are not kept, so the store's later queries are not held by them.
        """
        given = [b for b in bookmarks if b]
        if not given:
            return
        manager = self._driver.execute_query_bookmark_manager
        own = manager.get_bookmarks()
        # One read now waits for them, under a manager of its own: bookmarks the server
        # refuses never reach the store's (the driver's drops a bookmark only for another).
        probe = neo4j.GraphDatabase.bookmark_manager(initial_bookmarks=neo4j.Bookmarks.from_raw_values([*own, *given]))
        self.round_trips += 1
        try:
            self._driver.execute_query(
                neo4j.Query(self.queries["ping"].render(), timeout=self._timeout_s),
                routing_=RoutingControl.READ,
                database_=self.database,
                bookmark_manager_=probe,
            )
        except Exception as exc:
            raise translate(exc) from exc
        # The probe's bookmark names a state at least as new as each it waited for.
        manager.update_bookmarks(own, probe.get_bookmarks())

    def ensure_schema(self) -> None:
        # Schema statements are writes: routed to the leader, which replicates them, and the
        # leader is asked what it holds. A rule already there is not sent again: 19 round
        # trips were a third of each clear().
        names = self._run(self.queries["schema_names"].render(), None, RoutingControl.WRITE)
        present = {str(r["name"]) for r in names}
        for statement in self.queries["schema"].statements():
            named = _SCHEMA_RULE_NAME.search(statement)
            if named and named.group(1) in present:
                continue
            try:
                self._execute(statement, None, RoutingControl.WRITE)
            except neo.Neo4jError as exc:
                if exc.code not in _SCHEMA_EXISTS:
                    raise translate(exc) from exc
            except Exception as exc:
                raise translate(exc) from exc

    def clear(self) -> None:
        # CALL … IN TRANSACTIONS needs an auto-commit transaction, which execute_query cannot
        # run and the driver does not retry; deleting everything again is harmless, so this
        # retries by itself. The session shares execute_query's bookmark manager, so the
        # reads that follow (on any reader) wait until the deletes have reached it.
        text = self.queries["graph_clear"].render()
        for delay in (*_CLEAR_RETRY_DELAYS, None):
            self.round_trips += 1
            try:
                with self._driver.session(
                    database=self.database,
                    default_access_mode=neo4j.WRITE_ACCESS,
                    bookmark_manager=self._driver.execute_query_bookmark_manager,
                ) as session:
                    session.run(text).consume()
                break
            except (neo.ServiceUnavailable, neo.SessionExpired, neo.TransientError) as exc:
                if delay is None:
                    raise translate(exc) from exc
                time.sleep(delay)
            except Exception as exc:
                raise translate(exc) from exc
        self.ensure_schema()

    def compact(self) -> None:
        """Neo4j manages its own transaction logs."""

    def version(self) -> str:
        # Every server hosting the database holds the same data, so any reader gives the same
        # token for the same state; a lagging reader gives an older one (docs/neo4j-cluster.md).
        row = self.read("graph_version")[0]
        return f"{row['nodes']}:{row['changed']}:{row['relationships']}"

    def ping(self) -> bool:
        # True when a reader serves this database now. verify_connectivity() would ask about
        # the user's home database instead, and execute_query would retry for up to 30 s.
        # No bookmarks: a probe must not wait for a lagging reader to catch up.
        try:
            with self._driver.session(database=self.database, default_access_mode=neo4j.READ_ACCESS) as session:
                session.run(self.queries["ping"].render()).consume()
        except Exception:
            return False
        return True

    def engine_info(self) -> dict[str, Any]:
        info: dict[str, Any] = {"engine": self.engine, "database": self.database}
        try:
            heap = self.read("jvm_heap")
        except StoreError:
            # A managed server may refuse JMX to this user: memory is then simply not reported.
            return info
        if heap:
            info["used_memory_bytes"] = heap[0]["used"]
            info["heap_max_bytes"] = heap[0]["max"]
        return info

    def exists(self) -> bool:
        """A database is there before anything is written to it."""
        return True

    def sibling(self, suffix: str) -> None:
        """None: Neo4j Community holds one database, so there is no graph beside this one."""

    def scratch_graph(self, suffix: str) -> AbstractContextManager[GraphStore]:
        """Refused: a scratch graph would need a second database, which Neo4j Community lacks."""
        raise ScratchGraphUnsupportedError(
            f"no scratch graph on Neo4j: the database {self.database!r} is the only graph, and a working copy "
            "must not mix with it; use the embedded engine / Neo4j 上无法创建临时图：数据库只有一个图谱，"
            "工作副本不能与之混合；请使用内置引擎"
        )

    def close(self) -> None:
        self._driver.close()

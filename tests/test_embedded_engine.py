"""The embedded engine's life cycle on a real FalkorDB process: persistence, crashes, ownership."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest
import redis

from graph_service.errors import DataDirectoryLockedError
from graph_service.ontology import EntityKind
from graph_service.store.embedded import EmbeddedStore
from graph_service.store.embedded.connection import EngineConnection
from graph_service.store.embedded.engine import EngineProcess
from tests.api_client import api_client

SCIENTIST = {"kind": EntityKind.SCIENTIST}


def _row(uid: str) -> dict[str, object]:
    return {
        "uid": uid,
        "kind": "Scientist",
        "now": "2026-01-01T00:00:00Z",
        "fingerprint": uid,
        "props": {"uid": uid, "name": f"测试 {uid}"},
    }


def _write_one(store: EmbeddedStore, uid: str) -> None:
    store.write("entity_upsert", {"rows": [_row(uid)]}, slots=SCIENTIST)


def _count(store: EmbeddedStore) -> int:
    rows = store.read("stats_kinds", {"regions": []})
    return sum(int(row["total"]) for row in rows if row["kind"] == "Scientist")


def _process(store: EmbeddedStore) -> EngineProcess:
    assert isinstance(store.connection, EngineConnection)
    return store.connection.process


def _kill_engine(store: EmbeddedStore) -> int:
    pid = _process(store).pid
    assert pid is not None
    os.kill(pid, signal.SIGKILL)
    return pid


def test_data_survives_a_restart_of_the_service(data_dir: Path) -> None:
    store = EmbeddedStore.open(data_dir)
    store.ensure_schema()
    for i in range(50):
        _write_one(store, f"s{i}")
    store.close()

    reopened = EmbeddedStore.open(data_dir)
    try:
        assert _count(reopened) == 50
        assert reopened.read("entity_get", {"uid": "s7"})[0]["entity"]["name"] == "测试 s7"
    finally:
        reopened.close()


def test_engine_listens_on_a_unix_socket_only(data_dir: Path) -> None:
    store = EmbeddedStore.open(data_dir)
    try:
        client = redis.Redis(unix_socket_path=str(_process(store).socket_path))
        assert client.config_get("port") == {"port": "0"}
        assert client.config_get("appendonly") == {"appendonly": "yes"}
        client.close()
    finally:
        store.close()


def test_killed_engine_is_restarted_and_keeps_acknowledged_writes(data_dir: Path) -> None:
    store = EmbeddedStore.open(data_dir)
    store.ensure_schema()
    try:
        for i in range(200):
            _write_one(store, f"a{i}")
        old_pid = _kill_engine(store)
        # The very next request succeeds: the store restarts the engine and retries.
        assert _count(store) == 200
        assert _process(store).pid != old_pid
        assert _process(store).restarts >= 1
        _write_one(store, "after")
        assert _count(store) == 201
    finally:
        store.close()


def test_writes_acknowledged_during_repeated_engine_kills_are_all_kept(data_dir: Path) -> None:
    store = EmbeddedStore.open(data_dir)
    store.ensure_schema()
    acknowledged: list[str] = []
    stop = threading.Event()

    failures: list[BaseException] = []

    def writer() -> None:
        i = 0
        try:
            while not stop.is_set():
                uid = f"w{i}"
                _write_one(store, uid)
                acknowledged.append(uid)
                i += 1
        except BaseException as exc:  # re-raised by the test below, not lost with the thread
            failures.append(exc)

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        for _ in range(3):
            time.sleep(0.3)
            _kill_engine(store)
        time.sleep(0.3)
    finally:
        stop.set()
        thread.join(timeout=60)
    try:
        assert not thread.is_alive()
        if failures:
            raise AssertionError(f"the writer failed: {failures[0]!r}") from failures[0]
        assert len(acknowledged) > 50
        stored = {row["uid"] for row in store.read("entity_kinds", {"uids": acknowledged})}
        assert stored == set(acknowledged)
        # Nothing duplicated: one node per uid.
        assert _count(store) == len(acknowledged)
    finally:
        store.close()


_HOLD_ENGINE = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from graph_service.store.embedded import EmbeddedStore
    store = EmbeddedStore.open(Path(sys.argv[1]))
    store.ensure_schema()
    store.write("entity_upsert", {"rows": [{"uid": "held", "kind": "Scientist", "now": "t",
        "fingerprint": "f", "props": {"uid": "held", "name": "held"}}]}, slots={"kind": __import__(
        "graph_service.ontology", fromlist=["EntityKind"]).EntityKind.SCIENTIST})
    print("ready", store.connection.process.pid, flush=True)
    time.sleep(600)
    """
)


def _start_holder(data_dir: Path) -> tuple[subprocess.Popen[str], int]:
    holder = subprocess.Popen([sys.executable, "-c", _HOLD_ENGINE, str(data_dir)], stdout=subprocess.PIPE, text=True)
    assert holder.stdout is not None
    line = holder.stdout.readline().split()
    assert line, "the holder process did not start its engine"
    assert line[0] == "ready"
    return holder, int(line[1])


def _stop_holder(holder: subprocess.Popen[str], engine_pid: int) -> None:
    holder.terminate()
    holder.wait(30)
    assert holder.stdout is not None
    holder.stdout.close()
    # A script holding a store has no shutdown hook; stop the engine it leaves behind.
    with contextlib.suppress(ProcessLookupError):
        os.kill(engine_pid, signal.SIGTERM)


def test_second_service_on_the_same_data_directory_gets_a_clear_error(data_dir: Path) -> None:
    holder, engine_pid = _start_holder(data_dir)
    try:
        with pytest.raises(DataDirectoryLockedError, match="in use by another graph-service process"):
            EmbeddedStore.open(data_dir)
        # A command-line tool may still share the running engine as a client.
        tool = EmbeddedStore.open(data_dir, attach=True)
        assert tool.read("entity_get", {"uid": "held"})[0]["entity"]["name"] == "held"
        tool.close()
        assert holder.poll() is None
    finally:
        _stop_holder(holder, engine_pid)


def test_engine_left_behind_by_a_killed_service_is_replaced(data_dir: Path) -> None:
    holder, engine_pid = _start_holder(data_dir)
    holder.kill()
    holder.wait(30)
    assert holder.stdout is not None
    holder.stdout.close()
    # The service is gone, its engine lives on as an orphan holding the files.
    os.kill(engine_pid, 0)
    store = EmbeddedStore.open(data_dir)
    try:
        assert _process(store).pid != engine_pid
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and Path(f"/proc/{engine_pid}").exists():
            time.sleep(0.05)
        assert not Path(f"/proc/{engine_pid}").exists(), "the orphaned engine was not stopped"
        assert store.read("entity_get", {"uid": "held"})[0]["entity"]["name"] == "held"
    finally:
        store.close()


def test_service_answers_the_next_request_after_the_engine_is_killed(data_dir: Path) -> None:

    store = EmbeddedStore.open(data_dir)
    store.ensure_schema()
    _write_one(store, "before")
    with api_client(store=store, close_store=True) as client:
        _kill_engine(store)
        body = client.post("/graphql", json={"query": '{ entity(uid: "before") { name } }'}).json()
        assert body["data"] == {"entity": {"name": "测试 before"}}
        assert client.get("/health").status_code == 200

"""Fault tests: kill -9 of the engine, of the service and of an import, on real processes.

A writer streams acknowledged upserts through the GraphQL API of a real ``graph-service
serve`` while the engine and then the service itself are killed with SIGKILL; afterwards
every acknowledged write is in the graph exactly once. An import killed mid-way and run
again ends equal to a clean import.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from graph_service.store.embedded import EmbeddedStore
from tests.service_process import (
    BackgroundWriter,
    ServiceProcess,
    engine_pid,
    graph_service,
    graphql,
    wait_for,
)

# Under everysec the engine may reply while its once-a-second fsync still runs, holding the
# write in memory for up to 2 s (Redis's aof_flush_postponed_start); a kill then loses it.
# 0.5 s more covers a reply read just after the kill was sent.
EVERYSEC_EXPOSURE_S = 2.5
UPSERT = """mutation($input: EntityInput!) { upsertEntity(input: $input) { __typename } }"""


def _upsert(service: ServiceProcess, uid: str) -> bool:
    """True only when the service acknowledged the write."""
    variables = {"input": {"kind": "SCIENTIST", "uid": uid, "name": f"写入 {uid}"}}
    try:
        body = graphql(service.port, UPSERT, variables, service.token)
    except OSError:
        return False
    if "errors" in body:
        codes = {e.get("extensions", {}).get("code") for e in body["errors"]}
        # Only an unavailable engine is an expected failure here; anything else is a bug.
        assert codes == {"STORE_UNAVAILABLE"}, body
        return False
    return bool(body["data"]["upsertEntity"]["__typename"] == "EntityPayload")


class Writer(BackgroundWriter):
    """Writes dur:00000, dur:00001, … in order, retrying a uid until it is acknowledged."""

    def __init__(self, service: ServiceProcess) -> None:
        super().__init__(service)
        self.acked: list[str] = []
        self.acked_at: dict[str, float] = {}
        self.failures = 0

    def write(self, stop: threading.Event) -> None:
        i = 0
        while not stop.is_set():
            uid = f"dur:{i:05d}"
            if _upsert(self.service, uid):
                self.acked_at[uid] = time.monotonic()
                self.acked.append(uid)
                i += 1
            else:
                self.failures += 1
                stop.wait(0.05)

    def more(self, n: int) -> Callable[[], bool]:
        """A condition: ``n`` more writes acknowledged than now (raises the writer's failure)."""
        target = len(self.acked) + n
        return self.until(lambda: len(self.acked) >= target)


def _all_uids(store: EmbeddedStore) -> list[str]:
    uids: list[str] = []
    after = ""
    while True:
        from graph_service.ontology import EntityKind

        rows = store.read("entities_page", {"after": after, "limit": 5000}, slots={"kind": EntityKind.SCIENTIST})
        uids += [str(r["entity"]["uid"]) for r in rows]
        if len(rows) < 5000:
            return uids
        after = uids[-1]


@pytest.fixture(params=["everysec", "always"])
def fsync(request: pytest.FixtureRequest) -> str:
    """Each fsync policy the configuration offers."""
    return str(request.param)


@pytest.fixture
def service(data_dir: Path, monkeypatch: pytest.MonkeyPatch, fsync: str) -> Iterator[ServiceProcess]:
    """The service under ``fsync``."""
    monkeypatch.setenv("GRAPH_SERVICE_FSYNC", fsync)
    proc = ServiceProcess(data_dir)
    proc.start()
    yield proc
    proc.stop()


def _kill_engine(data_dir: Path, kills: list[float]) -> None:
    kills.append(time.monotonic())
    os.kill(engine_pid(data_dir), signal.SIGKILL)


def test_acknowledged_writes_survive_kill_9_of_engine_and_service(
    service: ServiceProcess, data_dir: Path, fsync: str
) -> None:
    kills: list[float] = []
    with Writer(service) as writer:
        wait_for(writer.more(20), "first writes")
        for _ in range(3):
            _kill_engine(data_dir, kills)
            wait_for(writer.more(20), "writes after the engine was killed")
        service.kill()
        service.start()
        wait_for(writer.more(20), "writes after the service was killed and restarted")
        _kill_engine(data_dir, kills)
        wait_for(writer.more(20), "writes after the restarted service's engine was killed")
    acked = list(writer.acked)
    service.stop()

    store = EmbeddedStore.open(data_dir)
    try:
        uids = _all_uids(store)
    finally:
        store.close()
    assert len(uids) == len(set(uids)), "a uid is stored twice"
    missing = set(acked) - set(uids)
    if fsync == "everysec":
        # The documented exception: only writes acknowledged just before a kill may go.
        exposed = {
            uid
            for uid in missing
            if any(0 <= kill + 0.5 - writer.acked_at[uid] <= EVERYSEC_EXPOSURE_S for kill in kills)
        }
        missing -= exposed
    assert not missing, f"{len(missing)} acknowledged writes lost: {sorted(missing)[:5]}"
    # Unacknowledged attempts may or may not have landed; nothing else may appear.
    assert set(uids) <= {f"dur:{i:05d}" for i in range(len(acked) + 1)}
    assert writer.failures > 0, "the kills never interrupted a write: the test proved nothing"


def _stats(data_dir: Path) -> dict[str, object]:
    out = graph_service(data_dir, "stats", "--json")
    stats: dict[str, object] = json.loads(out)
    return stats


def test_import_killed_mid_way_completes_exactly_when_run_again(tmp_path: Path) -> None:
    files = tmp_path / "files"
    graph_service(tmp_path / "unused", "generate", "--entities", "3000", "--seed", "5", "--out", str(files))
    paths = sorted(str(p) for p in files.iterdir())

    clean, dirty = tmp_path / "clean", tmp_path / "dirty"
    for target in (clean, dirty):
        graph_service(target, "load-seed", "--synthetic", "0")
    graph_service(clean, "import", *paths)
    seeded = _stats(dirty)

    # Small batches: many separate writes, so the kill lands between two of them.
    importer = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "graph_service.cli.main",
            "--data-dir",
            str(dirty),
            "import",
            "--batch-size",
            "50",
            *paths,
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    watcher: EmbeddedStore | None = None
    try:
        wait_for(lambda: (dirty / "engine.socket").exists() and importer.poll() is None, "import engine")
        watcher = EmbeddedStore.open(dirty, attach=True)
        seed_nodes = watcher.read("graph_version")[0]["nodes"]
        w = watcher
        wait_for(lambda: w.read("graph_version")[0]["nodes"] > seed_nodes + 500, "import under way")
        importer.send_signal(signal.SIGKILL)
        importer.wait()
        at_kill = w.read("graph_version")[0]
    finally:
        if watcher is not None:
            watcher.close()
        if importer.poll() is None:
            importer.kill()
            importer.wait()

    clean_stats = _stats(clean)
    assert seeded != clean_stats
    kinds = clean_stats["kinds"]
    assert isinstance(kinds, list), clean_stats
    total = sum(int(k["total"]) for k in kinds)
    assert at_kill["nodes"] < total, "the import finished before it was killed: the test proved nothing"

    graph_service(dirty, "import", *paths)
    assert _stats(dirty) == clean_stats
    store = EmbeddedStore.open(dirty)
    try:
        version = store.read("graph_version")[0]
    finally:
        store.close()
    assert version["nodes"] == total

"""``graph-service neo4j``: the project's own Neo4j (tools/neo4j), for trying the service on Neo4j."""

from __future__ import annotations

import argparse
import contextlib
import signal
import sys
import threading
from pathlib import Path

from graph_service.cli.context import Subparsers
from graph_service.errors import StoreUnavailableError
from graph_service.ops.local_neo4j import local_neo4j, missing, write_env_file


def register(sub: Subparsers) -> None:
    neo = sub.add_parser(
        "neo4j",
        help="run the local Neo4j Community 5.26 (tools/neo4j, `make neo4j`) until stopped / 运行本地 Neo4j",
    )
    neo.add_argument("--data", default="var/neo4j", help="its data directory (default var/neo4j) / 数据目录")
    neo.add_argument("--port", type=int, default=7687, help="Bolt port on 127.0.0.1 (0: a free one) / Bolt 端口")
    neo.add_argument("--heap", default="1g", help="the JVM's maximum heap (default 1g) / JVM 最大堆")
    neo.set_defaults(func=cmd_neo4j)


def cmd_neo4j(args: argparse.Namespace) -> int:
    why = missing()
    if why is not None:
        raise StoreUnavailableError(f"{why} / 本地 Neo4j 无法运行：需要 Java 17，并先执行 `make neo4j`")
    data = Path(args.data)
    data.mkdir(parents=True, exist_ok=True)
    env_file = data / "neo4j.env"
    stop = threading.Event()
    # SIGTERM stops it as Ctrl-C does: the launcher shuts Neo4j down cleanly either way.
    signal.signal(signal.SIGTERM, lambda signum, frame: stop.set())
    try:
        with local_neo4j(data, heap=args.heap, port=args.port) as server:
            write_env_file(env_file, server)
            print(
                f"Neo4j ready on {server.uri}; its settings are in {env_file}. In another shell:\n"
                f"  set -a; . {env_file}; set +a; graph-service serve --demo\n"
                f"Neo4j 已就绪，连接设置见 {env_file}；Ctrl-C 停止",
                flush=True,
            )
            with contextlib.suppress(KeyboardInterrupt):
                stop.wait()
    finally:
        # The password changes at the next start: a stale file would only mislead.
        env_file.unlink(missing_ok=True)
    print("Neo4j stopped / Neo4j 已停止", file=sys.stderr)
    return 0

"""``graph-service drill failover``: kill the primary of a replicated engine while it serves, count losses."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from graph_service.cli.context import Subparsers


def register(sub: Subparsers) -> None:
    drill = sub.add_parser("drill", help="fault drills on a throw-away engine / 故障演练")
    kinds = drill.add_subparsers(dest="drill", required=True)
    failover = kinds.add_parser(
        "failover",
        help="a replicated engine on loopback, its primary killed with -9 again and again under writes "
        "and reads / 本机复制部署下反复 kill -9 主节点",
    )
    failover.add_argument("--seconds", type=float, default=60.0, help="how long writers run / 演练时长（秒）")
    failover.add_argument("--replicas", type=int, default=2, help="replicas beside the primary / 副本数")
    failover.add_argument("--writers", type=int, default=4, help="writer threads / 写入线程数")
    failover.add_argument("--readers", type=int, default=2, help="reader threads / 读取线程数")
    failover.add_argument(
        "--dir", help="keep the engines' files here (default: a temporary directory) / 保留引擎文件的目录"
    )
    failover.set_defaults(func=cmd_failover)


def cmd_failover(args: argparse.Namespace) -> int:
    from graph_service.ops.failover_drill import Latency, failover_drill
    from graph_service.store.replicated.topology import QUORUM, FailoverTimings

    if args.seconds <= 0 or args.replicas < 1 or args.writers < 1 or args.readers < 0:
        print(
            "error: --seconds must be positive, --replicas and --writers at least 1, --readers at least 0 / "
            "--seconds 须为正数，--replicas 与 --writers 至少为 1，--readers 不得为负",
            file=sys.stderr,
        )
        return 2
    timings = FailoverTimings()
    timings_note = (
        f"quorum {QUORUM}, down-after {timings.down_after_ms} ms, failover-timeout {timings.failover_timeout_ms} ms"
    )
    print(
        f"failover drill / 故障转移演练: a primary, {args.replicas} replicas, 3 sentinels ({timings_note}); "
        f"{args.writers} writers, {args.readers} readers, {args.seconds:g} s",
        flush=True,
    )
    report = failover_drill(
        args.seconds,
        replicas=args.replicas,
        writers=args.writers,
        readers=args.readers,
        timings=timings,
        directory=Path(args.dir) if args.dir else None,
        say=lambda line: print(line, flush=True),
    )

    def row(name: str, latency: Latency | None) -> str:
        if latency is None:
            return f"  {name:<34} -"
        return (
            f"  {name:<34} {latency.p50_ms:>7.3f} {latency.p95_ms:>7.3f} {latency.p99_ms:>7.3f} "
            f"{latency.max_ms:>9.1f} {latency.count:>8}"
        )

    print(f"write latency / 写入延迟 (ms) {'':<5} {'p50':>7} {'p95':>7} {'p99':>7} {'max':>9} {'writes':>8}")
    print(row("single engine, 1 writer", report.single_engine))
    print(row("replicated (WAIT 1), 1 writer", report.replicated_steady))
    load = f"{args.writers}w+{args.readers}r"
    print(row(f"single engine, {load}", report.single_engine_loaded))
    print(row(f"replicated, {load}, no kills", report.replicated_loaded))
    print(row(f"replicated, {load}, during drill", report.replicated_drill))
    print(
        f"reads / 读取: {report.reads} (replica {report.reads_replica}, primary {report.reads_primary}); "
        f"unavailable attempts: {report.write_errors} writes, {report.read_errors} reads; "
        f"writes resent: {report.resends}"
    )
    if report.primary_changes > report.failovers:
        print(
            f"warning: the store followed {report.primary_changes} changes of primary for {report.failovers} kills: "
            "a live primary was failed over / 警告：主节点切换次数多于 kill 次数，存活的主节点被切换"
        )
    if report.failovers < 2:
        print("note: fewer than 2 failovers; give the drill more --seconds / 故障转移少于 2 次，请加长 --seconds")
    print(report.last_line())
    return 0 if report.lost == 0 and report.stale_reads == 0 else 1

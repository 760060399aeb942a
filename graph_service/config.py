"""Service settings: the one module that reads the environment (``GRAPH_SERVICE_*``, ``NEO4J_*``).

``Settings.from_env()`` reads every variable once, at start-up, and checks each value;
one that does not parse or is out of range stops the start with a ``SettingsError``
naming the variable. An empty variable counts as unset. Code that runs without the
settings at hand (a store opened by a test or a benchmark, the seed read by a tool)
asks for the one value it needs through ``cypher_dir()`` or ``seed_dir()``, and a
process that starts others hands its settings on with ``hand_down`` or
``environment_with``, so nothing outside this module touches ``os.environ``.
"""

from __future__ import annotations

import json
import math
import os
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Literal, get_args

from graph_service.domain.recommendation import Component
from graph_service.errors import SettingsError

Engine = Literal["embedded", "neo4j"]
Fsync = Literal["always", "everysec"]
ENGINES: tuple[Engine, ...] = get_args(Engine)
FSYNC_POLICIES: tuple[Fsync, ...] = get_args(Fsync)
PROJECT_DIR = Path(__file__).resolve().parents[1]
# The parent's settings, passed whole to service workers: each serves exactly what the parent was asked for.
WORKER_SETTINGS = "GRAPH_SERVICE_WORKER_SETTINGS"
MAX_WEIGHT = 10.0


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything configurable, with the defaults of a local demo; checked whenever one is made.

    ``engine`` is ``embedded`` (FalkorDB child process) or ``neo4j``. ``fsync`` is the
    embedded engine's append-only-file policy: ``everysec`` survives a crash of the engine
    or the service with nothing acknowledged lost (the file is written before the reply),
    except when the disk falls behind: while a background fsync is still running the
    engine may hold writes back for up to 2 s yet still reply (INFO ``aof_delayed_fsync``
    counts these); ``always`` writes and fsyncs before every reply, so it also survives a
    power cut, at about half the write rate. tests/test_durability.py kills both.
    ``weights`` are the operator's score weights over the recommender's defaults.

    ``sentinels`` (``host:port`` list) makes the embedded engine a replicated one: the
    store finds its primary and replicas through those Sentinels, authenticating with
    ``engine_user`` / ``engine_password`` (and ``sentinel_user`` / ``sentinel_password``
    for the Sentinels), over TLS with ``engine_tls``. A write is acknowledged once
    ``replica_acks`` replicas hold it (``WAIT``, ``replica_ack_timeout_ms`` a time);
    queries are retried through a failover for up to ``failover_retry_ms``. See
    docs/replication.md.

    ``workflow_sweep_seconds`` is how often the service expires overdue needs and looks for
    new candidates of open needs (``services/workflow/sweep.py``); 0 runs no sweeper, for
    deployments where cron runs ``graph-service workflow sweep`` instead.
    """

    engine: Engine = "embedded"
    data_dir: Path = field(default_factory=lambda: Path("var/data"))
    graph_name: str = "ecosystem"
    fsync: Fsync = "everysec"
    query_timeout_ms: int = 30_000
    neo4j_uri: str = ""
    neo4j_user: str = "neo4j"
    neo4j_password: str = ""
    neo4j_database: str = "neo4j"
    host: str = "127.0.0.1"
    port: int = 8000
    max_depth: int = 12
    max_aliases: int = 20
    max_tokens: int = 5_000
    max_cost: int = 20_000
    max_body_bytes: int = 1_048_576  # larger request bodies are answered 413
    introspection: bool = True
    field_suggestions: bool = True
    demo: bool = False
    tokens_file: Path | None = None
    rate_capacity: int = 100_000
    rate_refill_per_second: float = 2_000.0
    workers: int = 1
    weights: Mapping[str, float] | None = field(default=None, hash=False)
    sentinels: str = ""
    sentinel_service: str = "ecosystem"
    engine_user: str = ""
    engine_password: str = ""
    sentinel_user: str = ""
    sentinel_password: str = ""
    engine_tls: bool = False
    engine_tls_ca: Path | None = None
    engine_tls_cert: Path | None = None
    engine_tls_key: Path | None = None
    replica_acks: int = 1
    replica_ack_timeout_ms: int = 1_000
    failover_retry_ms: int = 15_000
    workflow_sweep_seconds: float = 300.0  # 0: no sweeper in the service (cron runs `workflow sweep`)
    seed_dir: Path = field(default_factory=lambda: PROJECT_DIR / "seed_data")
    cypher_dir: Path = field(default_factory=lambda: PROJECT_DIR / "cypher")

    def __post_init__(self) -> None:
        _one_of("engine", self.engine, ENGINES)
        _one_of("fsync", self.fsync, FSYNC_POLICIES)
        if self.engine == "neo4j" and not self.neo4j_uri:
            raise SettingsError(
                "NEO4J_URI", "is needed with GRAPH_SERVICE_ENGINE=neo4j", "在 GRAPH_SERVICE_ENGINE=neo4j 时必须设置"
            )
        _at_least("port", self.port, 0)
        if self.port > 65_535:
            raise SettingsError(VARIABLES["port"], f"must be a port up to 65535, not {self.port}", "须为 0–65535")
        _at_least("query_timeout_ms", self.query_timeout_ms, 0)
        for name in ("max_depth", "max_aliases", "max_tokens", "max_cost", "max_body_bytes", "rate_capacity"):
            _at_least(name, getattr(self, name), 1)
        _at_least("rate_refill_per_second", self.rate_refill_per_second, 0)
        _at_least("workers", self.workers, 1)
        if self.weights is not None:
            _check_weights(self.weights)
        if self.sentinels and self.engine != "embedded":
            raise SettingsError(
                VARIABLES["sentinels"],
                "names the Sentinels of a replicated embedded engine; unset it with GRAPH_SERVICE_ENGINE=neo4j",
                "用于复制部署的嵌入式引擎；GRAPH_SERVICE_ENGINE=neo4j 时请勿设置",
            )
        # Parsed here, so a wrong address stops the start, named.
        _ = self.sentinel_addresses
        _at_least("replica_acks", self.replica_acks, 0)
        _at_least("replica_ack_timeout_ms", self.replica_ack_timeout_ms, 1)
        _at_least("failover_retry_ms", self.failover_retry_ms, 0)
        _at_least("workflow_sweep_seconds", self.workflow_sweep_seconds, 0)

    @property
    def sentinel_addresses(self) -> tuple[tuple[str, int], ...]:
        """``sentinels`` as (host, port) pairs: ``host:port`` separated by commas, ``[::1]:26379`` for IPv6.

        >>> Settings(sentinels="10.0.0.5:26379, [::1]:26380").sentinel_addresses
        (('10.0.0.5', 26379), ('::1', 26380))
        """
        return tuple(
            _address(VARIABLES["sentinels"], part.strip()) for part in self.sentinels.split(",") if part.strip()
        )

    @property
    def token_path(self) -> Path:
        """Where API tokens are kept (hashes only): beside the data unless set."""
        return self.tokens_file or self.data_dir / "tokens.json"

    @classmethod
    def from_env(cls) -> Settings:
        """The settings the environment names, every value checked; a wrong one raises SettingsError."""
        given = {name: _read(name) for name in VARIABLES}
        return cls(**{name: value for name, value in given.items() if value is not None})

    def to_json(self) -> str:
        """These settings exactly, for a worker process to read back with ``from_json``."""
        return json.dumps({k: str(v) if isinstance(v, Path) else v for k, v in asdict(self).items()})

    @classmethod
    def from_json(cls, text: str) -> Settings:
        values = json.loads(text)
        for name in _PATHS:
            if values.get(name) is not None:
                values[name] = Path(values[name])
        return cls(**values)

    def hand_down(self) -> None:
        """Leave these settings in the environment for the worker processes this one starts."""
        os.environ[WORKER_SETTINGS] = self.to_json()

    @classmethod
    def handed_down(cls) -> Settings:
        """In a worker process: the settings its parent handed down."""
        return cls.from_json(os.environ[WORKER_SETTINGS])


# Each setting's variable. The Neo4j ones keep the driver's own names.
VARIABLES: dict[str, str] = {
    "engine": "GRAPH_SERVICE_ENGINE",
    "data_dir": "GRAPH_SERVICE_DATA_DIR",
    "graph_name": "GRAPH_SERVICE_GRAPH",
    "fsync": "GRAPH_SERVICE_FSYNC",
    "query_timeout_ms": "GRAPH_SERVICE_QUERY_TIMEOUT_MS",
    "neo4j_uri": "NEO4J_URI",
    "neo4j_user": "NEO4J_USER",
    "neo4j_password": "NEO4J_PASSWORD",
    "neo4j_database": "NEO4J_DATABASE",
    "host": "GRAPH_SERVICE_HOST",
    "port": "GRAPH_SERVICE_PORT",
    "max_depth": "GRAPH_SERVICE_MAX_DEPTH",
    "max_aliases": "GRAPH_SERVICE_MAX_ALIASES",
    "max_tokens": "GRAPH_SERVICE_MAX_TOKENS",
    "max_cost": "GRAPH_SERVICE_MAX_COST",
    "max_body_bytes": "GRAPH_SERVICE_MAX_BODY_BYTES",
    "introspection": "GRAPH_SERVICE_INTROSPECTION",
    "field_suggestions": "GRAPH_SERVICE_FIELD_SUGGESTIONS",
    "demo": "GRAPH_SERVICE_DEMO",
    "tokens_file": "GRAPH_SERVICE_TOKENS",
    "rate_capacity": "GRAPH_SERVICE_RATE_CAPACITY",
    "rate_refill_per_second": "GRAPH_SERVICE_RATE_REFILL",
    "workers": "GRAPH_SERVICE_WORKERS",
    "weights": "GRAPH_SERVICE_WEIGHTS",
    "sentinels": "GRAPH_SERVICE_SENTINELS",
    "sentinel_service": "GRAPH_SERVICE_SENTINEL_SERVICE",
    "engine_user": "GRAPH_SERVICE_ENGINE_USER",
    "engine_password": "GRAPH_SERVICE_ENGINE_PASSWORD",
    "sentinel_user": "GRAPH_SERVICE_SENTINEL_USER",
    "sentinel_password": "GRAPH_SERVICE_SENTINEL_PASSWORD",
    "engine_tls": "GRAPH_SERVICE_ENGINE_TLS",
    "engine_tls_ca": "GRAPH_SERVICE_ENGINE_TLS_CA",
    "engine_tls_cert": "GRAPH_SERVICE_ENGINE_TLS_CERT",
    "engine_tls_key": "GRAPH_SERVICE_ENGINE_TLS_KEY",
    "replica_acks": "GRAPH_SERVICE_REPLICA_ACKS",
    "replica_ack_timeout_ms": "GRAPH_SERVICE_REPLICA_ACK_TIMEOUT_MS",
    "failover_retry_ms": "GRAPH_SERVICE_FAILOVER_RETRY_MS",
    "workflow_sweep_seconds": "GRAPH_SERVICE_WORKFLOW_SWEEP_SECONDS",
    "seed_dir": "GRAPH_SERVICE_SEED_DIR",
    "cypher_dir": "GRAPH_SERVICE_CYPHER_DIR",
}


def _integer(variable: str, text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise SettingsError(variable, f"must be a whole number, not {text!r}", f"须为整数，而非 {text!r}") from None


def _number(variable: str, text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not math.isfinite(value):
        raise SettingsError(variable, f"must be a number, not {text!r}", f"须为数值，而非 {text!r}")
    return value


def _flag(variable: str, text: str) -> bool:
    word = text.strip().lower()
    if word not in ("1", "true", "yes", "on", "0", "false", "no", "off"):
        raise SettingsError(
            variable, f"must be true or false (1/0, yes/no, on/off), not {text!r}", f"须为 true 或 false，而非 {text!r}"
        )
    return word in ("1", "true", "yes", "on")


def _file(variable: str, text: str) -> Path:
    path = Path(text)
    if not path.is_file():
        raise SettingsError(variable, f"must name a file, and {text!r} is none", f"须为已有文件，{text!r} 不是")
    return path


def _address(variable: str, text: str) -> tuple[str, int]:
    host, _, port = text.rpartition(":")
    host = host.removeprefix("[").removesuffix("]")
    if not host or not port.isdigit() or not 0 < int(port) <= 65_535:
        raise SettingsError(
            variable,
            f"must list host:port pairs separated by commas, not {text!r}",
            f"须为逗号分隔的 host:port，而非 {text!r}",
        )
    return host, int(port)


def _directory(variable: str, text: str) -> Path:
    path = Path(text)
    if not path.is_dir():
        raise SettingsError(variable, f"must name a directory, and {text!r} is none", f"须为已有目录，{text!r} 不是")
    return path


def _weights(variable: str, text: str) -> dict[str, float]:
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        raise SettingsError(
            variable, f"is not JSON ({exc.msg}, column {exc.colno}): {text[:80]!r}", f"不是有效的 JSON：{text[:80]!r}"
        ) from None
    if not isinstance(value, dict):
        raise SettingsError(
            variable, 'must be a JSON object such as {"topic": 0.5}', '须为 JSON 对象，例如 {"topic": 0.5}'
        )
    return value


_TLS_FILES = ("engine_tls_ca", "engine_tls_cert", "engine_tls_key")
_PATHS = ("data_dir", "tokens_file", "seed_dir", "cypher_dir", *_TLS_FILES)
_INTEGERS = (
    "query_timeout_ms",
    "port",
    "max_depth",
    "max_aliases",
    "max_tokens",
    "max_cost",
    "max_body_bytes",
    "replica_acks",
    "replica_ack_timeout_ms",
    "failover_retry_ms",
)
# How each setting's text becomes its value; a setting not named here is the text itself.
_PARSERS: dict[str, Callable[[str, str], Any]] = {
    "data_dir": lambda _, text: Path(text),
    "tokens_file": lambda _, text: Path(text),
    "seed_dir": _directory,
    "cypher_dir": _directory,
    "weights": _weights,
    **dict.fromkeys((*_INTEGERS, "rate_capacity", "workers"), _integer),
    **dict.fromkeys(("rate_refill_per_second", "workflow_sweep_seconds"), _number),
    **dict.fromkeys(_TLS_FILES, _file),
    **dict.fromkeys(("introspection", "field_suggestions", "demo", "engine_tls"), _flag),
}


def _read(name: str) -> Any:
    """The setting ``name`` as its variable gives it, parsed; None when the variable is unset or empty."""
    variable = VARIABLES[name]
    text = os.environ.get(variable, "")
    if not text:
        return None
    parse = _PARSERS.get(name)
    return parse(variable, text) if parse else text


def _one_of(name: str, value: object, allowed: tuple[str, ...]) -> None:
    if value not in allowed:
        english, chinese = " or ".join(map(repr, allowed)), " 或 ".join(map(repr, allowed))
        raise SettingsError(VARIABLES[name], f"must be {english}, not {value!r}", f"须为 {chinese}，而非 {value!r}")


def _at_least(name: str, value: float, least: float) -> None:
    if value < least:
        raise SettingsError(
            VARIABLES[name], f"must be at least {least}, not {value}", f"不得小于 {least}，而非 {value}"
        )


def _check_weights(weights: Mapping[str, float]) -> None:
    variable = VARIABLES["weights"]
    names = [c.value for c in Component]
    for name, value in weights.items():
        if name not in names:
            raise SettingsError(
                variable,
                f"names no score component {name!r}; use {', '.join(names)}",
                f"中的 {name!r} 不是评分项，可用：{', '.join(names)}",
            )
        if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= MAX_WEIGHT:
            raise SettingsError(
                variable,
                f"gives {name!r} the weight {value!r}; a weight is a number from 0 to 10",
                f"中 {name} 的权重须为 0 到 10 之间的数，而非 {value!r}",
            )
    if set(weights) >= set(names) and not any(weights.values()):
        raise SettingsError(
            variable, "gives every component the weight 0", "把所有评分项的权重都设为 0，至少一个须大于 0"
        )


def cypher_dir() -> Path:
    """Where the query files live: ``GRAPH_SERVICE_CYPHER_DIR`` or the project's ``cypher/``."""
    return _read("cypher_dir") or PROJECT_DIR / "cypher"


def seed_dir() -> Path:
    """Where the seed data lives: ``GRAPH_SERVICE_SEED_DIR`` or the project's ``seed_data/``."""
    return _read("seed_dir") or PROJECT_DIR / "seed_data"


def environment_with(**settings: object) -> dict[str, str]:
    """This process's environment with some settings replaced, for a child process started with it.

    >>> environment_with(workers=2)["GRAPH_SERVICE_WORKERS"]
    '2'
    """
    return {**os.environ, **{VARIABLES[name]: str(value) for name, value in settings.items()}}

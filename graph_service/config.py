"""Service settings, read once from the environment (``GRAPH_SERVICE_*``)."""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path

FSYNC_POLICIES = ("always", "everysec")


def _env(name: str, default: str) -> str:
    return os.environ.get(f"GRAPH_SERVICE_{name}", default)


def _flag(value: str) -> bool:
    return value.strip().lower() in ("1", "true", "yes", "on")


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything configurable, with the defaults of a local demo.

    ``engine`` is ``embedded`` (FalkorDB child process) or ``neo4j``. ``fsync`` is the
    embedded engine's append-only-file policy: ``everysec`` survives a crash of the engine
    or the service with nothing acknowledged lost (the file is written before the reply),
    except when the disk falls behind: while a background fsync is still running the
    engine may hold writes back for up to 2 s yet still reply (INFO ``aof_delayed_fsync``
    counts these); ``always`` writes and fsyncs before every reply, so it also survives a
    power cut, at about half the write rate. tests/test_durability.py kills both.
    """

    engine: str = "embedded"
    data_dir: Path = field(default_factory=lambda: Path("var/data"))
    graph_name: str = "ecosystem"
    fsync: str = "everysec"
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

    def __post_init__(self) -> None:
        if self.engine not in ("embedded", "neo4j"):
            raise ValueError(f"GRAPH_SERVICE_ENGINE must be 'embedded' or 'neo4j', not {self.engine!r}")
        if self.fsync not in FSYNC_POLICIES:
            raise ValueError(f"GRAPH_SERVICE_FSYNC must be one of {FSYNC_POLICIES}, not {self.fsync!r}")
        if self.workers < 1:
            raise ValueError(f"GRAPH_SERVICE_WORKERS must be at least 1, not {self.workers}")

    @property
    def token_path(self) -> Path:
        """Where API tokens are kept (hashes only): beside the data unless set."""
        return self.tokens_file or self.data_dir / "tokens.json"

    @classmethod
    def from_env(cls) -> Settings:
        return cls(
            engine=_env("ENGINE", "embedded"),
            data_dir=Path(_env("DATA_DIR", "var/data")),
            graph_name=_env("GRAPH", "ecosystem"),
            fsync=_env("FSYNC", "everysec"),
            query_timeout_ms=int(_env("QUERY_TIMEOUT_MS", "30000")),
            neo4j_uri=os.environ.get("NEO4J_URI", ""),
            neo4j_user=os.environ.get("NEO4J_USER", "neo4j"),
            neo4j_password=os.environ.get("NEO4J_PASSWORD", ""),
            neo4j_database=os.environ.get("NEO4J_DATABASE", "neo4j"),
            host=_env("HOST", "127.0.0.1"),
            port=int(_env("PORT", "8000")),
            max_depth=int(_env("MAX_DEPTH", "12")),
            max_aliases=int(_env("MAX_ALIASES", "20")),
            max_tokens=int(_env("MAX_TOKENS", "5000")),
            max_cost=int(_env("MAX_COST", "20000")),
            max_body_bytes=int(_env("MAX_BODY_BYTES", "1048576")),
            introspection=_flag(_env("INTROSPECTION", "true")),
            field_suggestions=_flag(_env("FIELD_SUGGESTIONS", "true")),
            demo=_flag(_env("DEMO", "false")),
            tokens_file=Path(_env("TOKENS", "")) if _env("TOKENS", "") else None,
            rate_capacity=int(_env("RATE_CAPACITY", "100000")),
            rate_refill_per_second=float(_env("RATE_REFILL", "2000")),
            workers=int(_env("WORKERS", "1")),
        )

    def to_json(self) -> str:
        """These settings exactly, for a worker process to read back with ``from_json``."""
        return json.dumps({k: str(v) if isinstance(v, Path) else v for k, v in asdict(self).items()})

    @classmethod
    def from_json(cls, text: str) -> Settings:
        values = json.loads(text)
        for name in ("data_dir", "tokens_file"):
            if values.get(name) is not None:
                values[name] = Path(values[name])
        return cls(**values)

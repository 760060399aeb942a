"""Service settings, read once from the environment (``GRAPH_SERVICE_*``)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
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
    or the service with nothing acknowledged lost (the file is written before the reply);
    ``always`` also survives a power cut, at about half the write rate.
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
    introspection: bool = True
    field_suggestions: bool = True

    def __post_init__(self) -> None:
        if self.engine not in ("embedded", "neo4j"):
            raise ValueError(f"GRAPH_SERVICE_ENGINE must be 'embedded' or 'neo4j', not {self.engine!r}")
        if self.fsync not in FSYNC_POLICIES:
            raise ValueError(f"GRAPH_SERVICE_FSYNC must be one of {FSYNC_POLICIES}, not {self.fsync!r}")

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
            introspection=_flag(_env("INTROSPECTION", "true")),
            field_suggestions=_flag(_env("FIELD_SUGGESTIONS", "true")),
        )

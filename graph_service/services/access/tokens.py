"""API tokens: created and revoked from the command line, stored only as hashes.

A token is ``egt_<id>_<secret>``; the file keeps the id, the SHA-256 of the whole token,
the role and the bound entity. Tokens carry 256 random bits, so a plain hash is as safe as
a slow one and lets every request be checked in microseconds. The file is re-read when it
changes, so a revocation reaches every worker on its next request.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
import threading
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

from graph_service.errors import InvalidInputError, NotFoundError
from graph_service.services.access.principal import Principal, Role

PREFIX = "egt_"


@dataclass(frozen=True, slots=True)
class TokenRecord:
    id: str
    hash: str
    role: str
    entity: str | None
    name: str
    created_at: str
    revoked_at: str | None = None


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class TokenStore:
    """The token file of one data directory."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._stamp: tuple[int, int] | None = None
        self._records: dict[str, TokenRecord] = {}

    def _load(self) -> dict[str, TokenRecord]:
        try:
            stat = self.path.stat()
        except FileNotFoundError:
            self._stamp, self._records = None, {}
            return self._records
        stamp = (stat.st_mtime_ns, stat.st_size)
        if stamp != self._stamp:
            rows = json.loads(self.path.read_text(encoding="utf-8"))
            self._records = {r["id"]: TokenRecord(**r) for r in rows}
            self._stamp = stamp
        return self._records

    def _save(self, records: dict[str, TokenRecord]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_suffix(".tmp")
        tmp.write_text(json.dumps([asdict(r) for r in records.values()], ensure_ascii=False, indent=1), "utf-8")
        os.chmod(tmp, 0o600)
        os.replace(tmp, self.path)

    def create(self, role: Role, entity: str | None = None, name: str = "") -> tuple[str, TokenRecord]:
        """A new token (shown once) and its record."""
        if role is Role.ANONYMOUS:
            raise InvalidInputError("anonymous needs no token / 匿名访问无需令牌")
        if (role is Role.ENTERPRISE) != bool(entity):
            raise InvalidInputError("--entity goes with --role enterprise, and only with it / 企业角色须绑定企业标识")
        token_id = secrets.token_hex(4)
        token = f"{PREFIX}{token_id}_{secrets.token_urlsafe(32)}"
        now = datetime.now(UTC).isoformat(timespec="seconds")
        record = TokenRecord(token_id, _digest(token), role.value, entity, name, now)
        with self._lock:
            records = dict(self._load())
            records[token_id] = record
            self._save(records)
        return token, record

    def revoke(self, token_id: str) -> TokenRecord:
        with self._lock:
            records = dict(self._load())
            if token_id not in records:
                raise NotFoundError(f"no token '{token_id}' / 不存在该令牌")
            record = records[token_id]
            if record.revoked_at is None:
                revoked = datetime.now(UTC).isoformat(timespec="seconds")
                record = TokenRecord(**{**asdict(record), "revoked_at": revoked})
                records[token_id] = record
                self._save(records)
            return record

    def list(self) -> list[TokenRecord]:
        with self._lock:
            return sorted(self._load().values(), key=lambda r: r.created_at)

    def verify(self, token: str) -> Principal | None:
        """The principal a presented token stands for, or None (unknown, malformed or revoked)."""
        if not token.startswith(PREFIX) or token.count("_") < 2:
            return None
        token_id = token[len(PREFIX) :].split("_", 1)[0]
        with self._lock:
            record = self._load().get(token_id)
        if record is None or record.revoked_at is not None:
            return None
        if not hmac.compare_digest(record.hash, _digest(token)):
            return None
        return Principal(Role(record.role), record.entity, record.id)

"""API tokens: created and revoked from the command line, stored only as hashes.

A token is ``egt_<id>_<secret>``; the file keeps the id, the SHA-256 of the whole token,
the role and the bound entity. Tokens carry 256 random bits, so a plain hash is as safe as
a slow one and lets every request be checked in microseconds. The file is re-read when it
changes, so a revocation reaches every worker on its next request.

**Feed keys.** Feed readers and 企业微信 or e-mail gateways often cannot send an
``Authorization`` header, so a token may have a feed key, ``egf_<id>_<secret>``, that is
given in a feed's URL (``?key=``) instead. It is not the token: it opens the token's feeds
(``/feeds/…``) and nothing else, so a URL copied into a reader's settings or a proxy's log
does not hand out the token. It is random, stored as a hash beside the token like the token
itself, replaced when issued again, and dies with the token when the token is revoked.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
import threading
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

from graph_service.errors import InvalidInputError, NotFoundError
from graph_service.services.access.principal import Principal, Role

PREFIX = "egt_"
FEED_PREFIX = "egf_"


@dataclass(frozen=True, slots=True)
class TokenRecord:
    id: str
    hash: str
    role: str
    entity: str | None
    name: str
    created_at: str
    revoked_at: str | None = None
    feed_hash: str | None = None  # the SHA-256 of the token's feed key, when one was issued


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

    def issue_feed_key(self, token_id: str) -> str:
        """A new feed key for the token (shown once); it replaces the token's earlier one."""
        with self._lock:
            records = dict(self._load())
            record = records.get(token_id)
            if record is None or record.revoked_at is not None:
                raise NotFoundError(f"no active token '{token_id}' / 不存在有效的令牌「{token_id}」")
            key = f"{FEED_PREFIX}{token_id}_{secrets.token_urlsafe(32)}"
            records[token_id] = TokenRecord(**{**asdict(record), "feed_hash": _digest(key)})
            self._save(records)
        return key

    def verify_feed_key(self, key: str) -> Principal | None:
        """The principal whose feeds a presented feed key opens, or None (unknown, malformed, revoked)."""
        return self._check(key, FEED_PREFIX, lambda record: record.feed_hash)

    def verify(self, token: str) -> Principal | None:
        """The principal a presented token stands for, or None (unknown, malformed or revoked)."""
        return self._check(token, PREFIX, lambda record: record.hash)

    def _check(self, secret: str, prefix: str, stored: Callable[[TokenRecord], str | None]) -> Principal | None:
        if not secret.startswith(prefix) or secret.count("_") < 2:
            return None
        token_id = secret[len(prefix) :].split("_", 1)[0]
        with self._lock:
            record = self._load().get(token_id)
        if record is None or record.revoked_at is not None:
            return None
        expected = stored(record)
        if expected is None or not hmac.compare_digest(expected, _digest(secret)):
            return None
        return Principal(Role(record.role), record.entity, record.id)

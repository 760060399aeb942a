"""The access services one by one: principals, who is acting, the policy's refusals, tokens.

tests/test_access_roles.py asks the API the whole role matrix; these call the services
directly, so a refusal's exact words, a boundary of the token format or the state a
context is left in fails here by name.
"""

from __future__ import annotations

import contextvars
import hashlib
import json
import os
import re
import stat
from collections.abc import Callable
from contextlib import nullcontext
from pathlib import Path
from typing import Any, TypeVar

import pytest

from graph_service.errors import ForbiddenError, InvalidInputError, NotFoundError
from graph_service.ontology import RelationType
from graph_service.services.access import policy
from graph_service.services.access.issuing import issue_token, require_enterprise
from graph_service.services.access.principal import (
    LOCAL_OPERATOR,
    Principal,
    Role,
    acting,
    acting_as,
    current,
    set_acting,
)
from graph_service.services.access.tokens import TokenRecord, TokenStore
from graph_service.store import GraphStore
from tests import ecosystem

OWN, OTHER = "ent:x", "ent:y"
ENTERPRISE = Principal(Role.ENTERPRISE, OWN)
T = TypeVar("T")
BY_ROLE = {role: Principal(role, OWN if role is Role.ENTERPRISE else None) for role in Role}


def _nobody(call: Callable[[], T]) -> T:
    """``call`` in a fresh context, where nobody has been named yet."""
    return contextvars.Context().run(call)


def _error(kind: type[Exception], call: Callable[[], object]) -> str:
    """The message of the ``kind`` of error ``call`` raises (the test fails if it raises none)."""
    with pytest.raises(kind) as raised:
        call()
    return str(raised.value)


def _as(principal: Principal, call: Callable[[], T]) -> T:
    with acting_as(principal):
        return call()


# Principals and who is acting.


def test_each_role_has_its_chinese_name() -> None:
    assert {role.value: role.zh for role in Role} == {
        "admin": "管理员",
        "manager": "生态伙伴经理",
        "analyst": "分析人员",
        "enterprise": "企业",
        "anonymous": "匿名",
    }


@pytest.mark.parametrize("role", [r for r in Role if r is not Role.ENTERPRISE], ids=lambda r: r.value)
def test_only_an_enterprise_principal_is_bound_to_an_entity(role: Role) -> None:
    message = "an enterprise principal, and only it, is bound to an entity uid"
    assert _error(ValueError, lambda: Principal(role, OWN)) == message
    assert _error(ValueError, lambda: Principal(Role.ENTERPRISE)) == message
    assert Principal(role).entity is None
    assert Principal(Role.ENTERPRISE, OWN).entity == OWN


def test_a_principal_is_labelled_by_role_and_entity() -> None:
    assert ENTERPRISE.label == "enterprise:ent:x"
    assert Principal(Role.ANALYST, token_id="t1").label == "analyst"
    assert Principal(Role.ANALYST).token_id is None


def test_the_local_operator_is_an_unbound_admin() -> None:
    assert (LOCAL_OPERATOR.role, LOCAL_OPERATOR.entity, LOCAL_OPERATOR.token_id) == (Role.ADMIN, None, "local")


def test_nobody_acts_by_default() -> None:
    assert _nobody(acting) is None
    assert _error(ForbiddenError, lambda: _nobody(current)) == "no identity for this operation / 未识别调用者身份"


def test_acting_as_names_the_principal_and_restores_the_one_before() -> None:
    def scene() -> list[Principal | None]:
        seen = [acting()]
        with acting_as(ENTERPRISE) as named:
            seen += [named, acting(), current()]
            with pytest.raises(RuntimeError), acting_as(BY_ROLE[Role.ANALYST]):
                raise RuntimeError("restored on the way out of an error too")
            seen.append(current())
        seen.append(acting())
        return seen

    assert _nobody(scene) == [None, ENTERPRISE, ENTERPRISE, ENTERPRISE, ENTERPRISE, None]


def test_set_acting_names_the_principal_for_the_rest_of_the_context() -> None:
    def scene() -> tuple[Principal | None, Principal | None]:
        set_acting(ENTERPRISE)
        first = acting()
        set_acting(None)
        return first, acting()

    assert _nobody(scene) == (ENTERPRISE, None)


# The policy: who is let through, and the words of each refusal.


def _refusal(principal: Principal, call: Callable[[], Any]) -> str:
    with pytest.raises(ForbiddenError) as refused:
        _as(principal, call)
    assert refused.value.code == "FORBIDDEN"
    return str(refused.value)


def test_a_refusal_names_the_role_and_what_was_asked_in_both_languages() -> None:
    refused = policy.deny(BY_ROLE[Role.ANALYST], "修改图谱", "change the graph")
    assert isinstance(refused, ForbiddenError)
    assert str(refused) == "role analyst may not change the graph / 分析人员无权修改图谱"


def test_nobody_is_refused_everything() -> None:
    for check in (policy.require_read, policy.may_see_contact, policy.require_write, policy.require_reports):
        with pytest.raises(ForbiddenError, match="no identity"):
            _nobody(check)


@pytest.mark.parametrize("role", list(Role), ids=lambda r: r.value)
def test_require_role_returns_the_principal_of_an_allowed_role(role: Role) -> None:
    principal = BY_ROLE[role]
    assert _as(principal, lambda: policy.require_role({role}, "做", "do")) is principal
    others = set(Role) - {role}
    assert _refusal(principal, lambda: policy.require_role(others, "做事", "do it")) == (
        f"role {role.value} may not do it / {role.zh}无权做事"
    )
    assert _as(principal, policy.require_read) is principal


CONTACT = {Role.ADMIN, Role.MANAGER}
WRITE = {Role.ADMIN, Role.MANAGER}
REPORTS = {Role.ADMIN, Role.MANAGER, Role.ANALYST, Role.ANONYMOUS}


@pytest.mark.parametrize("role", list(Role), ids=lambda r: r.value)
def test_contact_details_writes_and_reports_by_role(role: Role) -> None:
    principal = BY_ROLE[role]
    assert _as(principal, policy.may_see_contact) is (role in CONTACT)
    cases = [
        (policy.require_contact, CONTACT, "see contact details", "查看联系方式"),
        (policy.require_write, WRITE, "change the graph", "修改图谱"),
        (policy.require_reports, REPORTS, "read reports or exports", "查看分析报告或导出"),
    ]
    for check, allowed, en, zh in cases:
        if role in allowed:
            assert _as(principal, check) is principal, check
        else:
            assert _refusal(principal, check) == f"role {role.value} may not {en} / {role.zh}无权{zh}", check


@pytest.mark.parametrize("role", [Role.ADMIN, Role.MANAGER], ids=lambda r: r.value)
def test_a_writer_changes_any_relationship(role: Role) -> None:
    principal = BY_ROLE[role]
    for rel in (RelationType.NEEDS, RelationType.MEMBER_OF):
        for source in (OWN, OTHER):
            assert _as(principal, lambda: policy.require_relation_write(rel, source)) is principal  # noqa: B023


def test_an_enterprise_changes_only_its_own_needs() -> None:
    assert _as(ENTERPRISE, lambda: policy.require_relation_write(RelationType.NEEDS, OWN)) is ENTERPRISE
    assert _refusal(ENTERPRISE, lambda: policy.require_relation_write(RelationType.NEEDS, OTHER)) == (
        "role enterprise may not change NEEDS relationships of ent:y / 企业无权修改该关系"
    )
    assert _refusal(ENTERPRISE, lambda: policy.require_relation_write(RelationType.MEMBER_OF, OWN)) == (
        "role enterprise may not change MEMBER_OF relationships of ent:x / 企业无权修改该关系"
    )


@pytest.mark.parametrize("role", [Role.ANALYST, Role.ANONYMOUS], ids=lambda r: r.value)
def test_a_reader_changes_no_relationship_not_even_needs(role: Role) -> None:
    refused = _refusal(BY_ROLE[role], lambda: policy.require_relation_write(RelationType.NEEDS, OWN))
    assert refused == f"role {role.value} may not change NEEDS relationships of ent:x / {role.zh}无权修改该关系"


def test_an_enterprise_asks_recommendations_only_for_itself() -> None:
    assert _as(ENTERPRISE, lambda: policy.require_recommend_for(OWN)) is ENTERPRISE
    assert _refusal(ENTERPRISE, lambda: policy.require_recommend_for(OTHER)) == (
        "role enterprise may not ask recommendations for ent:y / 企业无权为其他实体请求推荐"
    )
    for role in set(Role) - {Role.ENTERPRISE}:
        assert _as(BY_ROLE[role], lambda: policy.require_recommend_for(OTHER)) is BY_ROLE[role]
    with pytest.raises(ForbiddenError, match="no identity"):
        _nobody(lambda: policy.require_recommend_for(OWN))


# Tokens.

TOKEN_ID = "0a1b2c3d"
TOKEN = f"egt_{TOKEN_ID}_secret"  # exactly two underscores: the fewest a token has
NOW = "2026-11-02T09:00:00+00:00"


def _digest(secret: str) -> str:
    """What the file keeps of a token or feed key: the SHA-256 of all of it, in hex."""
    return hashlib.sha256(secret.encode()).hexdigest()


def _record(token_id: str = TOKEN_ID, token: str = TOKEN, **fields: Any) -> dict[str, Any]:
    values = {"hash": _digest(token), "role": "analyst", "entity": None, "name": "", "created_at": NOW}
    return {"id": token_id, **values, **fields}


def _token_file(path: Path, *records: dict[str, Any]) -> TokenStore:
    path.write_text(json.dumps(list(records)), encoding="utf-8")
    return TokenStore(path)


def test_a_token_is_shown_once_and_only_its_hash_is_kept(tmp_path: Path) -> None:
    path = tmp_path / "not" / "yet" / "tokens.json"  # its directories are made when needed
    tokens = TokenStore(path)
    token, record = tokens.create(Role.ENTERPRISE, OWN, "蓉芯 ERP")
    match = re.fullmatch(r"egt_([0-9a-f]{8})_([A-Za-z0-9_-]{43})", token)
    assert match, token
    assert record.id == match[1]
    assert (record.hash, record.role, record.entity, record.name) == (_digest(token), "enterprise", OWN, "蓉芯 ERP")
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00", record.created_at), record.created_at
    assert (record.revoked_at, record.feed_hash) == (None, None)
    text = path.read_text(encoding="utf-8")
    assert token not in text
    assert '"name": "蓉芯 ERP"' in text  # written as it reads, one space after each colon
    assert text.startswith('[\n {\n  "id": ')  # an indent of one
    assert json.loads(text) == [
        {
            "id": record.id,
            "hash": record.hash,
            "role": "enterprise",
            "entity": OWN,
            "name": "蓉芯 ERP",
            "created_at": record.created_at,
            "revoked_at": None,
            "feed_hash": None,
        }
    ]
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert sorted(p.name for p in path.parent.iterdir()) == ["tokens.json"]  # no .tmp left behind
    assert tokens.verify(token) == Principal(Role.ENTERPRISE, OWN, record.id)


def test_tokens_are_added_to_the_file_and_the_default_name_is_empty(tmp_path: Path) -> None:
    tokens = TokenStore(tmp_path / "tokens.json")
    first, one = tokens.create(Role.ADMIN)
    second, two = tokens.create(Role.ANALYST)
    assert one.id != two.id
    assert (one.entity, one.name) == (None, "")
    assert {r.id for r in TokenStore(tmp_path / "tokens.json").list()} == {one.id, two.id}
    assert tokens.verify(first) == Principal(Role.ADMIN, None, one.id)
    assert tokens.verify(second) == Principal(Role.ANALYST, None, two.id)


def test_a_token_is_refused_for_anonymous_and_an_entity_goes_with_enterprise_only(tmp_path: Path) -> None:
    tokens = TokenStore(tmp_path / "tokens.json")
    assert (
        _error(InvalidInputError, lambda: tokens.create(Role.ANONYMOUS))
        == "anonymous needs no token / 匿名访问无需令牌"
    )
    entity = "--entity goes with --role enterprise, and only with it / 企业角色须绑定企业标识"
    assert _error(InvalidInputError, lambda: tokens.create(Role.ENTERPRISE)) == entity
    assert _error(InvalidInputError, lambda: tokens.create(Role.ENTERPRISE, "")) == entity
    assert _error(InvalidInputError, lambda: tokens.create(Role.MANAGER, OWN)) == entity
    assert not (tmp_path / "tokens.json").exists()
    assert tokens.list() == []


def test_the_token_format_is_checked_before_the_file(tmp_path: Path) -> None:
    short = "egt_ffff0000"  # one underscore: malformed, even though its id and hash are on file
    tokens = _token_file(tmp_path / "tokens.json", _record(), _record(token_id="ffff0000", token=short))
    assert tokens.verify(TOKEN) == Principal(Role.ANALYST, None, TOKEN_ID)
    assert tokens.verify(short) is None
    assert tokens.verify(f"egT_{TOKEN_ID}_secret") is None
    assert tokens.verify(f"xegt_{TOKEN_ID}_secret") is None
    assert tokens.verify(f"egt_{TOKEN_ID}_secreT") is None  # the right id, the wrong secret
    assert tokens.verify(f"egt_{TOKEN_ID}_secret_") is None
    assert tokens.verify("egt_unknown_secret") is None
    assert tokens.verify("") is None


def test_the_id_is_the_part_before_the_second_underscore(tmp_path: Path) -> None:
    token = f"egt_{TOKEN_ID}_sec_ret_"  # the secret may hold underscores of its own
    tokens = _token_file(tmp_path / "tokens.json", _record(token=token, role="manager"))
    assert tokens.verify(token) == Principal(Role.MANAGER, None, TOKEN_ID)


def test_a_missing_file_holds_no_tokens(tmp_path: Path) -> None:
    tokens = TokenStore(tmp_path / "tokens.json")
    assert tokens.list() == []
    assert tokens.verify(TOKEN) is None
    _token_file(tmp_path / "tokens.json", _record())
    assert tokens.verify(TOKEN) is not None
    (tmp_path / "tokens.json").unlink()  # a file removed takes its tokens with it
    assert tokens.verify(TOKEN) is None
    assert tokens.list() == []


def test_the_file_is_read_again_when_another_handle_changes_it(tmp_path: Path) -> None:
    path = tmp_path / "tokens.json"
    tokens = TokenStore(path)
    token, record = tokens.create(Role.ANALYST)
    assert tokens.verify(token) is not None
    other, _ = TokenStore(path).create(Role.MANAGER)  # the size changes, whatever the clock does
    assert tokens.verify(other) is not None
    TokenStore(path).revoke(record.id)
    assert tokens.verify(token) is None


def test_tokens_are_listed_oldest_first(tmp_path: Path) -> None:
    rows = [
        _record("00000003", created_at="2026-03-01T00:00:00+00:00"),
        _record("00000001", created_at="2026-01-01T00:00:00+00:00"),
        _record("00000002", created_at="2026-02-01T00:00:00+00:00"),
    ]
    tokens = _token_file(tmp_path / "tokens.json", *rows)
    assert [r.id for r in tokens.list()] == ["00000001", "00000002", "00000003"]
    assert all(isinstance(r, TokenRecord) for r in tokens.list())


def test_a_revocation_is_stamped_once_and_refuses_the_token(tmp_path: Path) -> None:
    path = tmp_path / "tokens.json"
    tokens = _token_file(path, _record(), _record("00000009", token="egt_00000009_other"))
    revoked = tokens.revoke(TOKEN_ID)
    assert revoked.revoked_at is not None
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00", revoked.revoked_at), revoked.revoked_at
    assert revoked == TokenRecord(**{**_record(), "revoked_at": revoked.revoked_at})
    assert tokens.verify(TOKEN) is None
    assert TokenStore(path).verify(TOKEN) is None  # on file, not only in this handle
    assert TokenStore(path).verify("egt_00000009_other") is not None  # the other token lives on
    before = path.read_bytes(), path.stat().st_mtime_ns
    os.utime(path, ns=(1, 1))  # an earlier stamp: a second save would move it
    again = tokens.revoke(TOKEN_ID)
    assert again == revoked
    assert path.stat().st_mtime_ns == 1
    assert path.read_bytes() == before[0]


def test_an_unknown_token_cannot_be_revoked(tmp_path: Path) -> None:
    tokens = _token_file(tmp_path / "tokens.json", _record())
    assert _error(NotFoundError, lambda: tokens.revoke("nope")) == "no token 'nope' / 不存在该令牌"


def test_a_feed_key_opens_feeds_only_and_a_new_one_replaces_the_old(tmp_path: Path) -> None:
    path = tmp_path / "tokens.json"
    tokens = _token_file(path, _record(role="enterprise", entity=OWN))
    assert tokens.verify_feed_key(f"egf_{TOKEN_ID}_secret") is None  # none issued yet
    key = tokens.issue_feed_key(TOKEN_ID)
    match = re.fullmatch(r"egf_([0-9a-f]{8})_([A-Za-z0-9_-]{43})", key)
    assert match, key
    assert match[1] == TOKEN_ID
    assert key not in path.read_text(encoding="utf-8")
    assert json.loads(path.read_text(encoding="utf-8"))[0]["feed_hash"] == _digest(key)
    assert tokens.verify_feed_key(key) == Principal(Role.ENTERPRISE, OWN, TOKEN_ID)
    assert tokens.verify(key) is None  # a feed key is not the token
    assert tokens.verify_feed_key(TOKEN) is None  # nor the token a feed key
    assert tokens.verify(TOKEN) == Principal(Role.ENTERPRISE, OWN, TOKEN_ID)  # the token is untouched
    newer = tokens.issue_feed_key(TOKEN_ID)
    assert newer != key
    assert tokens.verify_feed_key(key) is None
    assert TokenStore(path).verify_feed_key(newer) == Principal(Role.ENTERPRISE, OWN, TOKEN_ID)


def test_a_feed_key_is_issued_only_for_an_active_token(tmp_path: Path) -> None:
    tokens = _token_file(tmp_path / "tokens.json", _record(), _record("00000009", token="egt_00000009_other"))
    assert (
        _error(NotFoundError, lambda: tokens.issue_feed_key("nope"))
        == "no active token 'nope' / 不存在有效的令牌「nope」"
    )
    key = tokens.issue_feed_key(TOKEN_ID)
    tokens.revoke(TOKEN_ID)
    assert tokens.verify_feed_key(key) is None
    assert _error(NotFoundError, lambda: tokens.issue_feed_key(TOKEN_ID)) == (
        f"no active token '{TOKEN_ID}' / 不存在有效的令牌「{TOKEN_ID}」"
    )
    assert tokens.issue_feed_key("00000009").startswith("egf_00000009_")


def test_a_feed_key_of_the_wrong_form_opens_nothing(tmp_path: Path) -> None:
    key = f"egf_{TOKEN_ID}_feed"
    tokens = _token_file(tmp_path / "tokens.json", _record(feed_hash=_digest(key)))
    assert tokens.verify_feed_key(key) == Principal(Role.ANALYST, None, TOKEN_ID)
    assert tokens.verify_feed_key(f"egt_{TOKEN_ID}_feed") is None
    assert tokens.verify_feed_key(f"egf_{TOKEN_ID}") is None
    assert tokens.verify_feed_key(f"egf_{TOKEN_ID}_feeD") is None


# Issuing: an enterprise token is bound to an enterprise of the graph.


def test_an_enterprise_token_names_an_enterprise_of_the_graph(store: GraphStore, tmp_path: Path) -> None:
    ecosystem.build(store)
    require_enterprise(store, OWN)
    for uid in ("sci:a", "ent:missing"):
        refused = _error(InvalidInputError, lambda: require_enterprise(store, uid))  # noqa: B023
        assert refused == f"'{uid}' is not an enterprise / 「{uid}」不是企业"
    tokens = TokenStore(tmp_path / "tokens.json")
    token, record = issue_token(tokens, Role.ENTERPRISE, OTHER, "储能", graph=lambda: nullcontext(store))
    assert (record.role, record.entity, record.name) == ("enterprise", OTHER, "储能")
    assert tokens.verify(token) == Principal(Role.ENTERPRISE, OTHER, record.id)
    with pytest.raises(InvalidInputError, match="not an enterprise"):
        issue_token(tokens, Role.ENTERPRISE, "sci:a", "", graph=lambda: nullcontext(store))
    assert [r.entity for r in tokens.list()] == [OTHER]


def test_a_token_without_an_entity_is_issued_with_no_graph(tmp_path: Path) -> None:
    def no_graph() -> nullcontext[GraphStore]:
        raise AssertionError("no engine is needed for a token without an entity")

    tokens = TokenStore(tmp_path / "tokens.json")
    token, record = issue_token(tokens, Role.MANAGER, None, "ops", graph=no_graph)
    assert (record.role, record.entity, record.name) == ("manager", None, "ops")
    assert tokens.verify(token) == Principal(Role.MANAGER, None, record.id)
    with pytest.raises(InvalidInputError, match="--entity goes with --role enterprise"):
        issue_token(tokens, Role.ENTERPRISE, "", "", graph=no_graph)

"""``graph-service token create | revoke | list | feed-key``: API tokens, kept as hashes beside the data."""

from __future__ import annotations

import argparse
from functools import partial

from graph_service.cli.context import Subparsers, open_graph, settings_of
from graph_service.services.access.issuing import issue_token
from graph_service.services.access.principal import Role
from graph_service.services.access.tokens import TokenStore


def register(sub: Subparsers) -> None:
    token = sub.add_parser("token", help="API tokens: create, revoke, list / 访问令牌")
    token_sub = token.add_subparsers(dest="token", required=True)
    create = token_sub.add_parser("create", help="create a token (printed once) / 创建令牌")
    create.add_argument("--role", required=True, choices=[r.value for r in Role if r is not Role.ANONYMOUS])
    create.add_argument("--entity", help="the enterprise uid an enterprise token speaks for / 企业角色绑定的企业")
    create.add_argument("--name", help="who or what the token is for / 用途说明")
    create.set_defaults(func=cmd_token_create)
    revoke = token_sub.add_parser("revoke", help="revoke a token by its id / 吊销令牌")
    revoke.add_argument("id")
    revoke.set_defaults(func=cmd_token_revoke)
    token_sub.add_parser("list", help="list tokens (never their secrets) / 列出令牌").set_defaults(func=cmd_token_list)
    feed = token_sub.add_parser(
        "feed-key",
        help="issue (or replace) the key a token's feed URLs carry (printed once) / 签发订阅链接密钥",
    )
    feed.add_argument("id")
    feed.set_defaults(func=cmd_token_feed_key)


def _tokens(args: argparse.Namespace) -> TokenStore:
    return TokenStore(settings_of(args).token_path)


def cmd_token_create(args: argparse.Namespace) -> int:
    token, record = issue_token(
        _tokens(args), Role(args.role), args.entity, args.name or "", graph=partial(open_graph, args)
    )
    print(
        f"token {record.id} ({record.role}{', ' + record.entity if record.entity else ''}) — shown once / 仅显示一次:"
    )
    print(token)
    return 0


def cmd_token_revoke(args: argparse.Namespace) -> int:
    record = _tokens(args).revoke(args.id)
    print(f"token {record.id} revoked at {record.revoked_at} / 已吊销")
    return 0


def cmd_token_list(args: argparse.Namespace) -> int:
    for r in _tokens(args).list():
        state = f"revoked {r.revoked_at}" if r.revoked_at else "active"
        print(f"{r.id}  {r.role:<10} {r.entity or '-':<24} {r.name or '-':<16} created {r.created_at}  {state}")
    return 0


def cmd_token_feed_key(args: argparse.Namespace) -> int:
    key = _tokens(args).issue_feed_key(args.id)
    print(f"feed key of token {args.id} — shown once; append ?key=… to /feeds/changes.atom or .json / 仅显示一次:")
    print(key)
    return 0

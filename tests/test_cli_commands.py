"""The command line's layout (one module per command group, all wired) and the rules it leaves to services."""

from __future__ import annotations

import pkgutil
from contextlib import nullcontext
from pathlib import Path

import pytest

from graph_service.cli import commands
from graph_service.cli.main import COMMANDS, build_parser, main
from graph_service.errors import InvalidInputError
from graph_service.services.access.issuing import issue_token
from graph_service.services.access.principal import Role
from graph_service.services.access.tokens import TokenStore
from graph_service.store import GraphStore
from tests import ecosystem

MAIN = Path(commands.__file__).parents[1] / "main.py"


def test_every_command_module_is_registered() -> None:
    """A module is a command of main's, or a group of sub-commands one of them registers."""
    modules = {info.name for info in pkgutil.iter_modules(commands.__path__)}
    top = {module.__name__.rpartition(".")[2] for module in COMMANDS}
    groups = {
        name for module in COMMANDS for name, value in vars(module).items() if getattr(value, "register", None)
    } & modules
    assert modules == top | groups
    assert all(callable(module.register) for module in COMMANDS)


def test_main_only_wires_the_commands() -> None:
    assert len(MAIN.read_text(encoding="utf-8").splitlines()) <= 200


def test_each_command_keeps_its_handler_beside_its_options() -> None:
    for argv in (["serve"], ["token", "list"], ["stats"], ["bench", "import"], ["backup", "--to", "b"], ["schema"]):
        handler = build_parser().parse_args(argv).func
        owners = [m for m in COMMANDS if getattr(m, handler.__name__, None) is handler]
        assert len(owners) == 1, argv


def test_an_enterprise_token_is_bound_to_an_enterprise_of_the_graph(store: GraphStore, tmp_path: Path) -> None:
    ecosystem.build(store)
    tokens = TokenStore(tmp_path / "tokens.json")
    _, record = issue_token(tokens, Role.ENTERPRISE, "ent:x", "", graph=lambda: nullcontext(store))
    assert (record.role, record.entity) == ("enterprise", "ent:x")
    with pytest.raises(InvalidInputError, match="not an enterprise / 「sci:a」不是企业"):
        issue_token(tokens, Role.ENTERPRISE, "sci:a", "", graph=lambda: nullcontext(store))
    with pytest.raises(InvalidInputError, match="not an enterprise"):
        issue_token(tokens, Role.ENTERPRISE, "ent:missing", "", graph=lambda: nullcontext(store))
    assert [r.entity for r in tokens.list()] == ["ent:x"]


def test_a_token_without_an_entity_opens_no_graph(tmp_path: Path) -> None:
    def no_graph() -> nullcontext[GraphStore]:
        raise AssertionError("no engine is needed for a token without an entity")

    _, record = issue_token(TokenStore(tmp_path / "tokens.json"), Role.ANALYST, None, "a", graph=no_graph)
    assert (record.role, record.name) == ("analyst", "a")


def test_the_command_refuses_a_token_for_what_is_no_enterprise(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["--data-dir", str(data_dir), "token", "create", "--role", "enterprise", "--entity", "ent:none"])
    assert code == 2
    assert "'ent:none' is not an enterprise / 「ent:none」不是企业" in capsys.readouterr().err
    assert not (data_dir / "tokens.json").exists()

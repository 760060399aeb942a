"""One Settings, read from the environment and checked at start-up; a wrong value names its variable."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from graph_service import config
from graph_service.cli.main import main
from graph_service.config import VARIABLES, Settings
from graph_service.errors import SettingsError
from graph_service.services.match.weights import DEFAULT_WEIGHTS, configured_weights, operator_weights
from graph_service.store import GraphStore
from tests import ecosystem
from tests.api_client import api_client, graphql_post

CHINESE = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture
def environ(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    """No setting of the outer environment leaks into a test."""
    for variable in (*VARIABLES.values(), config.WORKER_SETTINGS):
        monkeypatch.delenv(variable, raising=False)
    return monkeypatch


def test_an_empty_environment_gives_the_defaults(environ: pytest.MonkeyPatch) -> None:
    assert Settings.from_env() == Settings()


def test_every_setting_has_one_variable() -> None:
    assert set(VARIABLES) == set(Settings.__dataclass_fields__)
    assert len(set(VARIABLES.values())) == len(VARIABLES)


def test_values_are_typed(environ: pytest.MonkeyPatch, tmp_path: Path) -> None:
    values = {
        "GRAPH_SERVICE_ENGINE": "neo4j",
        "NEO4J_URI": "neo4j://db:7687",
        "GRAPH_SERVICE_FSYNC": "always",
        "GRAPH_SERVICE_PORT": "0",
        "GRAPH_SERVICE_RATE_REFILL": "0.5",
        "GRAPH_SERVICE_INTROSPECTION": "off",
        "GRAPH_SERVICE_DEMO": "Yes",
        "GRAPH_SERVICE_TOKENS": str(tmp_path / "t.json"),
        "GRAPH_SERVICE_WEIGHTS": '{"topic": 1, "network": 0.5}',
        "GRAPH_SERVICE_SEED_DIR": str(tmp_path),
        "GRAPH_SERVICE_GRAPH": "",  # empty counts as unset
    }
    for variable, value in values.items():
        environ.setenv(variable, value)
    settings = Settings.from_env()
    assert (settings.engine, settings.fsync, settings.port, settings.rate_refill_per_second) == (
        "neo4j",
        "always",
        0,
        0.5,
    )
    assert (settings.introspection, settings.demo, settings.graph_name) == (False, True, "ecosystem")
    assert settings.tokens_file == tmp_path / "t.json"
    assert settings.seed_dir == tmp_path
    assert settings.weights == {"topic": 1, "network": 0.5}


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("GRAPH_SERVICE_WEIGHTS", "{topic: 1}"),
        ("GRAPH_SERVICE_WEIGHTS", "[0.5]"),
        ("GRAPH_SERVICE_WEIGHTS", '{"topics": 1}'),
        ("GRAPH_SERVICE_WEIGHTS", '{"topic": 10.5}'),
        ("GRAPH_SERVICE_WEIGHTS", '{"topic": -1}'),
        ("GRAPH_SERVICE_WEIGHTS", '{"topic": "high"}'),
        ("GRAPH_SERVICE_WEIGHTS", '{"topic": true}'),
        (
            "GRAPH_SERVICE_WEIGHTS",
            '{"topic": 0, "network": 0, "geography": 0, "credibility": 0, "stage": 0, "complementarity": 0}',
        ),
        ("GRAPH_SERVICE_ENGINE", "mysql"),
        ("GRAPH_SERVICE_FSYNC", "never"),
        ("GRAPH_SERVICE_PORT", "http"),
        ("GRAPH_SERVICE_PORT", "70000"),
        ("GRAPH_SERVICE_WORKERS", "0"),
        ("GRAPH_SERVICE_MAX_DEPTH", "1.5"),
        ("GRAPH_SERVICE_MAX_COST", "0"),
        ("GRAPH_SERVICE_RATE_REFILL", "fast"),
        ("GRAPH_SERVICE_RATE_REFILL", "nan"),
        ("GRAPH_SERVICE_DEMO", "maybe"),
        ("GRAPH_SERVICE_SEED_DIR", "/no/such/directory"),
        ("GRAPH_SERVICE_CYPHER_DIR", "/no/such/directory"),
    ],
)
def test_a_wrong_value_names_its_variable(environ: pytest.MonkeyPatch, variable: str, value: str) -> None:
    environ.setenv(variable, value)
    with pytest.raises(SettingsError) as caught:
        Settings.from_env()
    assert caught.value.variable == variable
    english, chinese = str(caught.value).split(" / ")
    assert english.startswith(variable)
    assert chinese.startswith(variable)
    assert CHINESE.search(chinese)


def test_neo4j_needs_its_uri(environ: pytest.MonkeyPatch) -> None:
    environ.setenv("GRAPH_SERVICE_ENGINE", "neo4j")
    with pytest.raises(SettingsError, match="NEO4J_URI"):
        Settings.from_env()


def test_settings_made_in_code_are_checked_too() -> None:
    with pytest.raises(SettingsError, match="GRAPH_SERVICE_WORKERS"):
        Settings(workers=0)
    with pytest.raises(SettingsError, match="GRAPH_SERVICE_WEIGHTS"):
        Settings(weights={"nope": 1.0})


def test_workers_get_the_parents_settings_whole(environ: pytest.MonkeyPatch, tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path, weights={"topic": 2.0}, seed_dir=tmp_path, workers=3)
    settings.hand_down()
    assert Settings.handed_down() == settings
    assert config.environment_with(rate_capacity=5)["GRAPH_SERVICE_RATE_CAPACITY"] == "5"


def test_directories_without_settings_at_hand(environ: pytest.MonkeyPatch, tmp_path: Path) -> None:
    assert config.cypher_dir() == Settings().cypher_dir
    assert config.seed_dir() == Settings().seed_dir
    environ.setenv("GRAPH_SERVICE_SEED_DIR", str(tmp_path))
    assert config.seed_dir() == tmp_path


def test_operator_weights_go_over_the_defaults() -> None:
    assert configured_weights() == DEFAULT_WEIGHTS
    with operator_weights({"topic": 2.0}):
        assert configured_weights() == {**DEFAULT_WEIGHTS, "topic": 2.0}
    assert configured_weights() == DEFAULT_WEIGHTS


NETWORK_WEIGHT = '{ recommendPartners(for: "ent:x", first: 1) { scorer components { name weight } } }'


def _network_weight(body: dict[str, object]) -> float:
    rec = body["data"]["recommendPartners"][0]  # type: ignore[index]
    assert rec["scorer"] == "hand-weighted"
    return float(next(c["weight"] for c in rec["components"] if c["name"] == "network"))


def test_the_app_recommends_with_the_operators_weights(store: GraphStore) -> None:
    ecosystem.build(store)
    with api_client(Settings(weights={"network": 2.5}), store=store) as client:
        assert _network_weight(graphql_post(client, NETWORK_WEIGHT)) == 2.5
    with api_client(Settings(), store=store) as client:
        assert _network_weight(graphql_post(client, NETWORK_WEIGHT)) == DEFAULT_WEIGHTS["network"]


def test_a_command_stops_before_it_starts(
    environ: pytest.MonkeyPatch, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    environ.setenv("GRAPH_SERVICE_WEIGHTS", "topic=1")
    assert main(["--data-dir", str(data_dir / "graph"), "stats"]) == 2
    assert "error [INVALID_SETTINGS]: GRAPH_SERVICE_WEIGHTS is not JSON" in capsys.readouterr().err
    assert not (data_dir / "graph").exists()  # no engine was started


def test_serve_stops_at_start_up_on_malformed_weights(data_dir: Path) -> None:
    env = {**os.environ, "GRAPH_SERVICE_WEIGHTS": '{"topic": 0.5,}'}
    command = [sys.executable, "-m", "graph_service.cli.main", "--data-dir", str(data_dir / "graph")]
    done = subprocess.run(
        [*command, "serve", "--port", "0"], env=env, capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 2
    assert "GRAPH_SERVICE_WEIGHTS is not JSON" in done.stderr
    assert "GRAPH_SERVICE_WEIGHTS 不是有效的 JSON" in done.stderr
    assert "Traceback" not in done.stderr
    assert "serving on" not in done.stderr
    assert not (data_dir / "graph").exists()

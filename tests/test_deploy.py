"""deploy/: the systemd units name commands, options and paths that exist in the project, the
example environment file names every variable they and deploy/dagster.yaml read, and the
app started by its unit answers on its health endpoint. (tests/test_production_services.py
runs the Dagster units against PostgreSQL.)"""

import re
import subprocess
from pathlib import Path

import pytest
import yaml

from tests.support.network import free_port, wait_for_http
from tests.support.systemd_units import (
    DEPLOY,
    ENVIRONMENT_FILE,
    INSTALL_DIR,
    REPO,
    UNITS,
    Service,
    in_checkout,
    read_environment_file,
    read_unit,
    service_environment,
)

EXAMPLE = read_environment_file(DEPLOY / "sjuharad.env.example")


def env_references(text: str) -> set[str]:
    return set(re.findall(r"\$\{(\w+)\}", text))


@pytest.mark.parametrize("name", sorted(UNITS))
def test_unit_runs_as_its_user_from_the_checkout_with_the_environment_file_and_restarts(name):
    service = read_unit(UNITS[name])["Service"]
    assert service["User"] == "sjuharad"
    assert service["Restart"] in {"always", "on-failure"}
    assert in_checkout(service["WorkingDirectory"]) == REPO
    assert service["EnvironmentFile"] == ENVIRONMENT_FILE
    assert read_unit(UNITS[name])["Install"]["WantedBy"] == "multi-user.target"


@pytest.mark.parametrize("name", sorted(UNITS))
def test_unit_command_options_and_paths_exist_in_the_project(name):
    exec_start = read_unit(UNITS[name])["Service"]["ExecStart"]
    words = exec_start.split()
    executable = in_checkout(words[0])
    assert executable.is_file() and executable.stat().st_mode & 0o111, f"{words[0]}: no such command in {REPO}"
    for word in words[1:]:
        if word.startswith(INSTALL_DIR):
            assert in_checkout(word).exists(), f"{word}: not in the project"
    assert env_references(exec_start) <= set(EXAMPLE), "every ${NAME} of the unit is in sjuharad.env.example"
    subcommand = [w for w in words[1:2] if not w.startswith("-")]
    help_text = subprocess.run(
        [str(executable), *subcommand, "--help"], capture_output=True, text=True, timeout=120
    ).stdout
    for option in (w for w in words if w.startswith("--")):
        assert option in help_text, f"{words[0]} {' '.join(subcommand)} has no option {option}"


def test_workspace_loads_the_project_definitions():
    workspace = yaml.safe_load((DEPLOY / "workspace.yaml").read_text())
    [location] = workspace["load_from"]
    module = location["python_module"]
    assert (DEPLOY / module["working_directory"]).resolve() == REPO
    assert (REPO / Path(*module["module_name"].split("."))).with_suffix(".py").is_file()


def test_production_instance_uses_postgres_from_the_environment_and_the_development_pool_limits():
    production = yaml.safe_load((DEPLOY / "dagster.yaml").read_text())
    development = yaml.safe_load((REPO / "dagster_project" / "dagster.yaml").read_text())
    connection = production["storage"]["postgres"]["postgres_db"]
    assert {field["env"] for field in connection.values() if isinstance(field, dict)} <= set(EXAMPLE)
    assert set(connection) - {"scheme"} == {"hostname", "port", "db_name", "username", "password"}
    assert production["concurrency"] == development["concurrency"]
    assert production["run_coordinator"]["class"] == "QueuedRunCoordinator"
    assert "run_launcher" not in production and "instance_class" not in production
    assert production["telemetry"] == {"enabled": False}


def test_no_secret_in_the_example_environment_file():
    assert EXAMPLE["DAGSTER_PG_PASSWORD"] == "CHANGE-ME"
    assert EXAMPLE["SJUHARAD_SMTP_PASSWORD"] == ""
    assert EXAMPLE["DAGSTER_HOST"] == EXAMPLE["APP_HOST"] == "127.0.0.1"


@pytest.mark.service
def test_the_app_started_by_its_unit_answers_its_health_endpoint(tmp_path):
    port = free_port()
    environment = service_environment(
        {
            "APP_HOST": "127.0.0.1",
            "APP_PORT": str(port),
            "SJUHARAD_WAREHOUSE": str(tmp_path / "warehouse" / "sjuharad.duckdb"),
            "SJUHARAD_RAW_DIR": str(tmp_path / "raw"),
        }
    )
    app = Service("app", environment, tmp_path)
    app.start()
    try:
        answer = wait_for_http(f"http://127.0.0.1:{port}/_stcore/health", timeout=180)
        assert answer == (200, "ok"), app.output()[-3000:]
    finally:
        app.stop()

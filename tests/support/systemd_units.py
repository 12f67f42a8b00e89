"""The deploy/ files as the tests read them: systemd units, the example environment file,
and each unit's command as systemd would run it, with the checkout in place of the
install folder (/opt/sjuharad-insyn)."""

import os
import re
import shlex
import signal
import subprocess
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent.parent
DEPLOY = REPO / "deploy"
INSTALL_DIR = "/opt/sjuharad-insyn"
ENVIRONMENT_FILE = "/etc/sjuharad-insyn/sjuharad.env"
UNITS = {
    "webserver": DEPLOY / "sjuharad-dagster-webserver.service",
    "daemon": DEPLOY / "sjuharad-dagster-daemon.service",
    "app": DEPLOY / "sjuharad-app.service",
}


def read_unit(path: Path) -> dict[str, dict[str, str]]:
    sections: dict[str, dict[str, str]] = {}
    current = None
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith(("#", ";")):
            continue
        if line.startswith("[") and line.endswith("]"):
            current = sections.setdefault(line[1:-1], {})
            continue
        key, _, value = line.partition("=")
        current[key.strip()] = value.strip()
    return sections


def read_environment_file(path: Path) -> dict[str, str]:
    values = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            key, _, value = line.partition("=")
            values[key.strip()] = value.strip()
    return values


def in_checkout(path: str) -> Path:
    """An install-folder path as the path in this checkout."""
    assert path.startswith(INSTALL_DIR), f"{path} is not under {INSTALL_DIR}"
    return REPO / path.removeprefix(INSTALL_DIR).lstrip("/")


def command(unit: dict[str, dict[str, str]], environment: dict[str, str]) -> list[str]:
    """ExecStart as systemd runs it: ${NAME} replaced from the environment file, each word one argument."""
    words = shlex.split(unit["Service"]["ExecStart"].replace(INSTALL_DIR, str(REPO)))
    return [re.sub(r"\$\{(\w+)\}", lambda match: environment[match.group(1)], word) for word in words]


def service_environment(overrides: dict[str, str]) -> dict[str, str]:
    """The example environment file with the test's values; every value set must be one the example names."""
    example = read_environment_file(DEPLOY / "sjuharad.env.example")
    unknown = sorted(set(overrides) - set(example))
    assert not unknown, f"deploy/sjuharad.env.example does not name {unknown}"
    return {**os.environ, **example, **overrides}


class Service:
    """A unit's command started the way systemd would (own process group), its output in a log file."""

    def __init__(self, name: str, environment: dict[str, str], log_folder: Path):
        self.name = name
        self.unit = read_unit(UNITS[name])
        self.environment = environment
        self.log = log_folder / f"{name}.log"
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        with self.log.open("a") as log:
            self.process = subprocess.Popen(
                command(self.unit, self.environment),
                cwd=in_checkout(self.unit["Service"]["WorkingDirectory"]),
                env=self.environment,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    def stop(self, timeout: float = 60) -> None:
        """SIGTERM to the service's process group (as systemd stops a unit), SIGKILL after the timeout."""
        if self.process is None:
            return
        group = self.process.pid
        try:
            os.killpg(group, signal.SIGTERM)
        except ProcessLookupError:
            pass
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and group_alive(group):
            self.process.poll()  # the leader, once it ends, is no zombie left in the group
            time.sleep(0.5)
        if group_alive(group):
            os.killpg(group, signal.SIGKILL)
        self.process.wait(timeout=30)
        self.process = None

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace") if self.log.exists() else ""


def group_alive(group: int) -> bool:
    try:
        os.killpg(group, 0)
    except ProcessLookupError:
        return False
    return True

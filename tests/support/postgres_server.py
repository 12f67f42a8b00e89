"""A throwaway PostgreSQL server: Debian's server binaries, a temporary folder, 127.0.0.1 and a free port.

Used by tests/test_production_services.py and the PostgreSQL benchmark. PostgreSQL refuses
to run as root, so as root initdb and pg_ctl run as the `postgres` user (which Debian's
package creates) in a folder that user owns. The server is stopped and its folder removed
at the end, also when the test fails.
"""

import os
import pwd
import re
import secrets
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from tests.support.network import free_port

SERVER_BINARIES = Path("/usr/lib/postgresql")
SERVER_USER = "postgres"
START_TIMEOUT_SECONDS = 120


class PostgresNotInstalled(RuntimeError):
    pass


@dataclass(frozen=True)
class PostgresServer:
    host: str
    port: int
    username: str
    password: str
    db_name: str
    folder: Path

    def environment(self) -> dict[str, str]:
        """The variables deploy/dagster.yaml reads."""
        return {
            "DAGSTER_PG_HOST": self.host,
            "DAGSTER_PG_PORT": str(self.port),
            "DAGSTER_PG_DB": self.db_name,
            "DAGSTER_PG_USERNAME": self.username,
            "DAGSTER_PG_PASSWORD": self.password,
        }

    def pid(self) -> int:
        """The server's main process (postmaster.pid, first line)."""
        return int((self.folder / "data" / "postmaster.pid").read_text().split()[0])

    def connect(self, db_name: str | None = None):
        import psycopg2

        return psycopg2.connect(
            host=self.host, port=self.port, user=self.username, password=self.password, dbname=db_name or self.db_name
        )

    def query(self, sql: str, parameters: tuple = ()) -> list[tuple]:
        con = self.connect()
        try:
            with con.cursor() as cursor:
                cursor.execute(sql, parameters)
                return cursor.fetchall()
        finally:
            con.close()

    def recreate_database(self) -> None:
        """An empty database for Dagster (drops every run and event of the last one)."""
        con = self.connect("postgres")
        con.autocommit = True
        try:
            with con.cursor() as cursor:
                cursor.execute(f'drop database if exists "{self.db_name}" with (force)')
                cursor.execute(f'create database "{self.db_name}"')
        finally:
            con.close()


def server_binaries() -> Path:
    """The newest installed server's bin folder (Debian: /usr/lib/postgresql/<major>/bin)."""
    found = sorted(
        (int(match.group(1)), path.parent)
        for path in SERVER_BINARIES.glob("*/bin/initdb")
        if (match := re.fullmatch(r"(\d+)", path.parent.parent.name))
    )
    if not found:
        raise PostgresNotInstalled(
            f"PostgreSQL's server binaries are not installed (no {SERVER_BINARIES}/<version>/bin/initdb): "
            "run `make postgres` (Debian package postgresql) or `make test`, which does."
        )
    return found[-1][1]


def _as_server_user(command: list[str]) -> list[str]:
    return ["runuser", "-u", SERVER_USER, "--", *command] if os.geteuid() == 0 else command


def _run(command: list[str], folder: Path) -> None:
    result = subprocess.run(_as_server_user(command), cwd=folder, capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed ({result.returncode}):\n{result.stdout}\n{result.stderr}")


def _give_to_server_user(folder: Path) -> None:
    if os.geteuid() != 0:
        return
    user = pwd.getpwnam(SERVER_USER)
    for path in [folder, *folder.rglob("*")]:
        os.chown(path, user.pw_uid, user.pw_gid)


@contextmanager
def throwaway_postgres(db_name: str = "dagster", username: str = "dagster") -> Iterator[PostgresServer]:
    binaries = server_binaries()
    folder = Path(tempfile.mkdtemp(prefix="sjuharad_pg_"))
    data = folder / "data"
    try:
        password = secrets.token_urlsafe(16)
        (folder / "password").write_text(password)
        _give_to_server_user(folder)
        _run(
            [
                str(binaries / "initdb"),
                "--pgdata",
                str(data),
                "--username",
                username,
                "--pwfile",
                str(folder / "password"),
                "--auth",
                "scram-sha-256",
                "--encoding",
                "UTF8",
                "--locale",
                "C",
            ],
            folder,
        )
        (folder / "password").unlink()
        port = free_port()
        options = f"-c listen_addresses=127.0.0.1 -c port={port} -c unix_socket_directories={folder}"
        _run(
            [
                str(binaries / "pg_ctl"),
                "--pgdata",
                str(data),
                "--log",
                str(folder / "server.log"),
                "--wait",
                "--timeout",
                str(START_TIMEOUT_SECONDS),
                "--options",
                options,
                "start",
            ],
            folder,
        )
        server = PostgresServer("127.0.0.1", port, username, password, db_name, folder)
        server.recreate_database()
        yield server
    finally:
        try:
            if (data / "postmaster.pid").exists():  # also a server whose start timed out
                _run([str(binaries / "pg_ctl"), "--pgdata", str(data), "--mode", "fast", "--wait", "stop"], folder)
        finally:
            shutil.rmtree(folder, ignore_errors=True)

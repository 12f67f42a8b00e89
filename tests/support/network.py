"""Ports and HTTP waits for the tests that start servers of their own."""

import socket
import time
import urllib.request


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_http(url: str, timeout: float) -> tuple[int, str] | None:
    """(status, body) of the first answer from url within timeout, or None when nothing answered."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return response.status, response.read().decode(errors="replace")
        except OSError:
            time.sleep(1)
    return None

"""The machine the benchmarks ran on, from /proc (Linux)."""

import os
import platform
from pathlib import Path


def _first(path: str, prefix: str) -> str:
    for line in Path(path).read_text().splitlines():
        if line.startswith(prefix):
            return line.split(":", 1)[1].strip()
    return "unknown"


def describe() -> dict[str, str]:
    memory_kb = int(_first("/proc/meminfo", "MemTotal").split()[0])
    load = ", ".join(f"{value:.2f}" for value in os.getloadavg())
    return {
        "CPU": _first("/proc/cpuinfo", "model name"),
        "cores": str(os.cpu_count()),
        "memory": f"{memory_kb / 1024 / 1024:.1f} GiB",
        "Python": platform.python_version(),
        "load average (1, 5, 15 min) at start": load,
    }


def load_now() -> str:
    return f"{os.getloadavg()[0]:.2f}"

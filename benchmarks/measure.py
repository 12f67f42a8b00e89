"""Running a command while sampling the resident memory of its whole process tree."""

import os
import statistics
import subprocess
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PYTHON = str(REPO / ".venv" / "bin" / "python")


@dataclass
class Measured:
    seconds: float
    peak_rss_mb: float
    returncode: int
    output: str = ""
    # The peak of other process trees the command works with (a database server), sampled alike.
    others_peak_mb: float = 0.0


@dataclass
class Series:
    runs: list[float] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(self.runs)

    @property
    def spread(self) -> str:
        if len(self.runs) < 2:
            return "1 run"
        return f"{min(self.runs):.1f} to {max(self.runs):.1f} ({len(self.runs)} runs)"


def environment(**overrides: str) -> dict[str, str]:
    """The benchmark's environment: bytecode caching on (a warm install), no telemetry."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env |= {
        "DO_NOT_TRACK": "1",
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
        "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false",
        "GX_ANALYTICS_ENABLED": "false",
    }
    return env | overrides


def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        parent = int(stat.rsplit(")", 1)[1].split()[1])
        tree.setdefault(parent, []).append(int(entry.name))
    return tree


def _rss_kb(pid: int) -> int:
    """The process's proportional set size: pages it shares with another process (the GX
    worker and its fork share most of theirs) count once across them, not once each."""
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def tree_rss_mb(root: int) -> float:
    tree, total, pending = _children(), 0, [root]
    while pending:
        pid = pending.pop()
        total += _rss_kb(pid)
        pending.extend(tree.get(pid, []))
    return total / 1024


def run(command: list[str], env: dict[str, str], timeout: float = 1800, others: tuple[int, ...] = ()) -> Measured:
    """Wall time and peak memory (PSS) of the process tree (sampled every 0.2 s); others: roots of trees sampled beside it."""
    peak = others_peak = 0.0
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    output: list[str] = []
    reader = threading.Thread(target=lambda: output.extend(process.stdout), daemon=True)
    reader.start()
    while process.poll() is None:
        peak = max(peak, tree_rss_mb(process.pid))
        others_peak = max(others_peak, sum(tree_rss_mb(root) for root in others))
        if time.perf_counter() - started > timeout:
            process.kill()
        time.sleep(0.2)
    seconds = time.perf_counter() - started
    reader.join(5)
    return Measured(seconds, peak, process.returncode, "".join(output), others_peak)

"""What Dagster's stock run and event storage costs a build: the same build in one process, on the
workspace's SQLite instance (as `make build`) and on an in-memory one, taking turns.

Run as `python -m benchmarks.bookkeeping RUNS` with the workspace's environment; prints one JSON
object: each storage's wall and CPU seconds (this process, dbt's excluded) per build. The first
build of the process imports everything and is left out.
"""

import json
import resource
import sys
import time

STORAGES = ("SQLite", "in memory")


def _process_cpu() -> float:
    used = resource.getrusage(resource.RUSAGE_SELF)
    return used.ru_utime + used.ru_stime


def main(runs: int) -> int:
    import dagster as dg

    from benchmarks.check_scope import widen_for_synthetic_data

    widen_for_synthetic_data()
    from dagster_project.build import build_all

    def instance(storage: str) -> dg.DagsterInstance:
        return dg.DagsterInstance.get() if storage == "SQLite" else dg.DagsterInstance.ephemeral()

    measured: dict[str, dict[str, list[float]]] = {s: {"wall": [], "cpu": []} for s in STORAGES}
    for number in range(runs + 1):
        for storage in STORAGES:
            started, cpu = time.perf_counter(), _process_cpu()
            with instance(storage) as chosen:
                if not build_all(chosen):
                    print(json.dumps({"error": f"the build on {storage} storage failed"}))
                    return 1
            if number:
                measured[storage]["wall"].append(time.perf_counter() - started)
                measured[storage]["cpu"].append(_process_cpu() - cpu)
    print(json.dumps(measured))
    return 0


if __name__ == "__main__":
    sys.exit(main(int(sys.argv[1])))

"""One new report on an existing warehouse, the way the sensor runs it: report_pipeline for that report.

Run as `python -m benchmarks.event_path REPORT_ID` with the workspace's environment;
evaluates the sensor (as the daemon would), launches what it requests in this process.
"""

import sys

import dagster as dg

from benchmarks.check_scope import widen_for_synthetic_data


def main(report_id: str) -> int:
    widen_for_synthetic_data()
    from dagster_project.definitions import defs
    from dagster_project.defs.automation import raw_folder_sensor as sensor_module

    sensor_module.SETTLE_SECONDS = 0.0
    instance = dg.DagsterInstance.get()
    sensor = defs.resolve_sensor_def("raw_folder_sensor")
    cursor, requests = None, []
    resources = {"warehouse": defs.resources["warehouse"]}
    for _ in range(2):
        result = sensor(
            dg.build_sensor_context(instance=instance, cursor=cursor, definitions=defs, resources=resources)
        )
        cursor = result.cursor
        requests += [r for r in result.run_requests if r.tags.get("sjuharad/report") == report_id]
    if not requests:
        print(f"the sensor requested no run for {report_id}")
        return 1
    run = defs.resolve_job_def("report_pipeline").execute_in_process(
        instance=instance, run_config=requests[0].run_config, tags=requests[0].tags, raise_on_error=False
    )
    return 0 if run.success else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))

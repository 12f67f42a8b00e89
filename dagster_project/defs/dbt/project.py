"""The single owner of the dbt project object."""

from dagster_dbt import DagsterDbtProjectPreparer, DbtCliResource, DbtProject

from dagster_project import paths

dbt_project = DbtProject(project_dir=paths.dbt_project_dir(), profiles_dir=paths.dbt_project_dir())


def prepare_if_dev(project: DbtProject) -> None:
    """What `DbtProject.prepare_if_dev` does under `dagster dev` and `dg`: parse the project for
    its manifest. dagster-dbt's own looks for `dbt` on PATH; this one uses this environment's
    dbt (`dbt_executable`), so it works from a shell where the environment is not activated."""
    if DagsterDbtProjectPreparer().using_dagster_dev():
        dbt = DbtCliResource(project_dir=project, dbt_executable=str(paths.dbt_command()))
        dbt.cli(["parse", "--quiet"], target_path=project.target_path).wait()


prepare_if_dev(dbt_project)

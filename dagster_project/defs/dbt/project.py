"""The single owner of the dbt project object."""

from dagster_dbt import DbtProject

from dagster_project import paths

dbt_project = DbtProject(project_dir=paths.dbt_project_dir(), profiles_dir=paths.dbt_project_dir())
dbt_project.prepare_if_dev()

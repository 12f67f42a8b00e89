"""The app shows a newly published version without a restart."""

import json
import shutil

from dagster_project.duckdb_connection import connect
from dagster_project.publishing.publish import _swap_in, read_publication
from tests.support.app_pages import assert_no_error, open_page, shown_text


def republish_with_version(published, version_id: str) -> None:
    """Swap in a copy of the published file whose record names another version."""
    prepared = published.parent / ".next.tmp"
    shutil.copyfile(published, prepared)
    con = connect(prepared)
    try:
        record = {
            **json.loads(con.execute("select record from meta.publication").fetchone()[0]),
            "version_id": version_id,
        }
        con.execute("update meta.publication set version_id = ?, record = ?", [version_id, json.dumps(record)])
        con.execute("checkpoint")
    finally:
        con.close()
    _swap_in(prepared, published)


def test_a_new_publication_shows_on_the_next_page_load(published_2012, tmp_path, monkeypatch):
    warehouse = tmp_path / "sjuharad.duckdb"
    shutil.copyfile(published_2012, warehouse)
    monkeypatch.setenv("SJUHARAD_WAREHOUSE", str(warehouse))
    first_version = read_publication(warehouse)["version_id"]

    app = open_page()
    assert_no_error(app)
    assert first_version in shown_text(app)

    republish_with_version(warehouse, "20991231T000000000000Z")
    app.run()
    assert_no_error(app)
    assert "20991231T000000000000Z" in shown_text(app)
    assert first_version not in shown_text(app)

"""raw/report.schema.json: the JSON Schema of report.yml, from the pydantic models.

`make schema` (python -m dagster_project.raw_format.manifest_schema) writes it after a change
to the models; a test fails while the committed file differs from what they give.
"""

import json
import sys

from dagster_project import paths
from dagster_project.raw_format.manifest_model import ManifestModel

# The first line of a report.yml: editors with the YAML language server check the manifest while it is typed.
EDITOR_MODELINE = f"# yaml-language-server: $schema=../{paths.report_schema().name}"


def schema_text() -> str:
    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", **ManifestModel.model_json_schema()}
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def main() -> int:
    path = paths.report_schema()
    path.write_text(schema_text(), encoding="utf-8")
    print(f"Wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

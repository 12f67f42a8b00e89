"""The fields of report.yml as pydantic models.

Each type carries its description: the phrase a problem message gives as what was expected,
and what an editor shows for the field through the JSON Schema (manifest_schema.py).
"""

from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, SkipValidation, StringConstraints

from dagster_project.raw_format.specs import TABLE_SPECS

# Not blank; a pattern rather than a length, so that the JSON Schema rejects "   " too.
_NotBlank = Annotated[str, StringConstraints(strip_whitespace=True, pattern=r"\S")]

Text = Annotated[_NotBlank, Field(description="text")]
TextOrNothing = Annotated[_NotBlank | None, Field(description="text or nothing")]
WholeNumber = Annotated[int, Field(description="a whole number")]
WholeNumberOrNothing = Annotated[int | None, Field(description="a whole number or nothing")]
Number = Annotated[float, Field(description="a number")]
TableType = Annotated[Literal[tuple(TABLE_SPECS)], Field(description=f"one of {', '.join(TABLE_SPECS)}")]
# No folder, no "..", not hidden, no drive letter: the file lies in the report folder.
PlainCsvName = Annotated[
    str,
    Field(
        pattern=r"^[^./\\:\x00-\x1f](?:\.?[^./\\:\x00-\x1f])*\.csv$",
        description="a plain file name in the report folder ending in .csv, such as not_03.csv",
    ),
]


def _number_as_text(value: object) -> object:
    """A line or column named by a bare number (column: 2) is that number's text."""
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


CellName = Annotated[Text, BeforeValidator(_number_as_text, json_schema_input_type=str | int)]

_STRICT = {"strict": True, "extra": "forbid"}


class TableEntryModel(BaseModel):
    """a mapping with file, table_id, table_type and title"""

    model_config = ConfigDict(**_STRICT, title="table")

    file: PlainCsvName
    table_id: Text
    table_type: TableType
    title: Text
    note: WholeNumberOrNothing = None
    page: WholeNumberOrNothing = None
    unit: TextOrNothing = None
    period_year: WholeNumberOrNothing = None
    comment: TextOrNothing = None


class AcknowledgementModel(BaseModel):
    """a mapping with check, table_id, line, column, printed, computed and comment"""

    model_config = ConfigDict(**_STRICT, title="acknowledged discrepancy")

    check: Text
    table_id: Text
    line: CellName
    column: CellName
    printed: Number
    computed: Number
    comment: Text


class ManifestModel(BaseModel):
    """a YAML manifest (report.yml) describing the report"""

    model_config = ConfigDict(**_STRICT, title="report.yml")

    organisation: Text
    report_year: WholeNumber
    title: Text
    unit: Text
    source_document: Text
    # The entries are validated one by one (manifest.check_manifest), so that a bad entry
    # drops only itself; the schema still describes them.
    tables: Annotated[
        list[SkipValidation[TableEntryModel]], Field(min_length=1, description="a non-empty list of tables")
    ]
    acknowledged_discrepancies: Annotated[
        list[SkipValidation[AcknowledgementModel]] | None, Field(description="a list")
    ] = None

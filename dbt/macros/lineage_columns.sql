{#- The lineage columns every raw table carries, renamed and cast for staging. -#}
{% macro lineage_columns() -%}
        cast(report_id as varchar) as report_id,
        cast(table_id as varchar) as table_id,
        cast(source_file as varchar) as source_file,
        cast(file_sha256 as varchar) as file_sha256,
        cast("row_number" as integer) as source_row_number,
        cast(loaded_at as timestamp) as loaded_at
{%- endmacro %}

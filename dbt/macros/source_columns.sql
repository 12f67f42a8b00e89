{#- The source columns every fact row carries, taken from int_source_tables aliased as `relation_alias`. -#}
{% macro source_columns(relation_alias) -%}
        {{ relation_alias }}.report_id as source_report,
        {{ relation_alias }}.report_year,
        {{ relation_alias }}.source_ref,
        {{ relation_alias }}.table_id as source_table,
        {{ relation_alias }}.note as source_note,
        {{ relation_alias }}.page as source_page
{%- endmacro %}

{#- The source columns cast to their contract types, for the final select of a mart. -#}
{% macro select_source_columns() -%}
        cast(source_report as varchar) as source_report,
        cast(source_ref as varchar) as source_ref,
        cast(source_table as varchar) as source_table,
        cast(source_note as integer) as source_note,
        cast(source_page as integer) as source_page
{%- endmacro %}

{#-
  Every printed table the warehouse is built from, with its report: what the app lists as
  the sources (title, note, page, file) and what every fact's source_table refers to.
-#}
with source_tables as (

    select * from {{ ref('int_source_tables') }}

),

report_tables as (

    select * from {{ ref('stg_raw__report_tables') }}

),

reports as (

    select * from {{ ref('stg_raw__reports') }}

)

select
    cast(source_tables.report_id as varchar) as report_id,
    cast(source_tables.report_title as varchar) as report_title,
    cast(source_tables.report_year as integer) as report_year,
    cast(source_tables.table_id as varchar) as table_id,
    cast(source_tables.table_type as varchar) as table_type,
    cast(source_tables.table_title as varchar) as title,
    cast(source_tables.note as integer) as note,
    cast(source_tables.page as integer) as page,
    cast(source_tables.unit as varchar) as unit,
    cast(source_tables.period_year as integer) as period_year,
    cast(report_tables.file as varchar) as file,
    cast(report_tables.comment as varchar) as comment,
    cast(reports.source_document as varchar) as source_document,
    cast(source_tables.source_ref as varchar) as source_ref
from source_tables
inner join report_tables
    on source_tables.report_id = report_tables.report_id
        and source_tables.table_id = report_tables.table_id
inner join reports
    on source_tables.report_id = reports.report_id

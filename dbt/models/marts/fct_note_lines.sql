with statement_lines as (

    select * from {{ ref('int_statement_lines') }}
    where source_note is not null

),

latest as (

    select *
    from statement_lines
    {{ latest_report_wins(['year', 'source_note', 'line_id']) }}

)

select
    cast(year as integer) as year,
    cast(source_note as integer) as note,
    cast(table_title as varchar) as note_title,
    cast(line_id as varchar) as line_id,
    cast(label as varchar) as label,
    cast(line_kind as varchar) as line_kind,
    cast(part_of as varchar) as part_of,
    cast(amount_tkr as double) as amount_tkr,
    cast(source_row_number as integer) as print_order,
    {{ select_source_columns() }}
from latest

with statement_lines as (

    select * from {{ ref('int_statement_lines') }}
    where source_table = 'resultatrakning'

),

latest as (

    select *
    from statement_lines
    {{ latest_report_wins(['year', 'line_id']) }}

)

select
    cast(year as integer) as year,
    cast(line_id as varchar) as line_id,
    cast(label as varchar) as label,
    cast(line_kind as varchar) as line_kind,
    cast(part_of as varchar) as part_of,
    cast(note as integer) as note,
    cast(amount_tkr as double) as amount_tkr,
    {{ select_source_columns() }}
from latest

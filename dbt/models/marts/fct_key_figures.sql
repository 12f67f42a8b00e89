with key_figures as (

    select * from {{ ref('int_key_figures') }}

),

latest as (

    select *
    from key_figures
    {{ latest_report_wins(['year', 'figure_id']) }}

)

select
    cast(year as integer) as year,
    cast(figure_id as varchar) as figure_id,
    cast(section as varchar) as section,
    cast(label as varchar) as label,
    cast(value as double) as value,
    cast(unit as varchar) as unit,
    cast(qualifier as varchar) as qualifier,
    cast(printed_text as varchar) as printed_text,
    {{ select_source_columns() }}
from latest

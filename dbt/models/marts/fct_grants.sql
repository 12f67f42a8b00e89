with grants as (

    select * from {{ ref('int_grants') }}

),

latest as (

    select *
    from grants
    {{ latest_report_wins(['year', 'grant_source', 'flow', 'origin', 'figure_id']) }}

)

select
    cast(year as integer) as year,
    cast(grant_source as varchar) as grant_source,
    cast(flow as varchar) as flow,
    cast(origin as varchar) as origin,
    cast(figure_id as varchar) as figure_id,
    cast(label as varchar) as label,
    cast(amount_tkr as double) as amount_tkr,
    cast(amount_as_printed as double) as amount_as_printed,
    cast(unit_as_printed as varchar) as unit_as_printed,
    cast(qualifier as varchar) as qualifier,
    cast(printed_text as varchar) as printed_text,
    {{ select_source_columns() }}
from latest

with history as (

    select * from {{ ref('fct_figure_history') }}

),

paired as (

    select
        fact,
        grain,
        year,
        source_report as earlier_report,
        value as earlier_value,
        lead(source_report) over by_report as later_report,
        lead(value) over by_report as later_value
    from history
    window by_report as (
        partition by fact, grain, year
        order by report_year, source_report
    )

)

select
    cast(fact as varchar) as fact,
    cast(grain as varchar) as grain,
    cast(year as integer) as year,
    cast(earlier_report as varchar) as earlier_report,
    cast(earlier_value as double) as earlier_value,
    cast(later_report as varchar) as later_report,
    cast(later_value as double) as later_value,
    cast(later_value - earlier_value as double) as difference
from paired
where later_report is not null
    and earlier_value <> later_value

with history as (

    select * from {{ ref('fct_figure_history') }}

),

reports as (

    select * from {{ ref('stg_raw__reports') }}

),

years_with_figures as (

    select
        year,
        source_report as latest_report
    from history
    {{ latest_report_wins(['year']) }}

),

report_years as (

    select
        report_year as year,
        report_id
    from reports
    {{ latest_report_wins(['report_year'], report_id='report_id') }}

),

all_years as (

    select year from years_with_figures
    union
    select year from report_years

)

select
    cast(all_years.year as integer) as year,
    cast(coalesce(years_with_figures.latest_report, report_years.report_id) as varchar) as latest_report,
    cast(report_years.year is not null as boolean) as is_report_year
from all_years
left join years_with_figures
    on all_years.year = years_with_figures.year
left join report_years
    on all_years.year = report_years.year

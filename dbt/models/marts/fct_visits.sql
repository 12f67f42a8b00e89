with visits as (

    select * from {{ ref('int_visits') }}

),

latest as (

    select *
    from visits
    {{ latest_report_wins(['year', 'visitor_group', 'visit_category']) }}

)

select
    cast(year as integer) as year,
    cast(visitor_group as varchar) as visitor_group,
    cast(conformed_group as varchar) as conformed_group,
    cast(municipality_code as varchar) as municipality_code,
    cast(visit_category as varchar) as visit_category,
    cast(visits as integer) as visits,
    {{ select_source_columns() }}
from latest
-- Stored in year order: the app reads a range of years, and DuckDB skips the row groups outside it.
order by year, visitor_group, visit_category

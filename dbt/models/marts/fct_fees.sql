with fees as (

    select * from {{ ref('int_fees') }}

),

latest as (

    select *
    from fees
    {{ latest_report_wins(['year', 'municipality_code', 'fee_type']) }}

)

select
    cast(year as integer) as year,
    cast(municipality_code as varchar) as municipality_code,
    cast(fee_type as varchar) as fee_type,
    cast(amount_tkr as double) as amount_tkr,
    {{ select_source_columns() }}
from latest
-- Stored in year order: the app reads a range of years, and DuckDB skips the row groups outside it.
order by year, municipality_code, fee_type

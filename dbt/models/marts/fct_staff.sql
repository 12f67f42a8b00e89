with staff as (

    select * from {{ ref('int_staff') }}

),

latest as (

    select *
    from staff
    {{ latest_report_wins(['year', 'unit', 'role']) }}

)

select
    cast(year as integer) as year,
    cast(unit as varchar) as unit,
    cast(role as varchar) as role,
    cast(line_kind as varchar) as line_kind,
    cast(persons as double) as persons,
    cast(fte as double) as fte,
    {{ select_source_columns() }}
from latest

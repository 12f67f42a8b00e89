with goals as (

    select * from {{ ref('int_navet_goals') }}

),

latest as (

    select *
    from goals
    {{ latest_report_wins(['year', 'goal_no']) }}

)

select
    cast(year as integer) as year,
    cast(goal_no as integer) as goal_no,
    cast(planned as varchar) as planned,
    cast(achieved as varchar) as achieved,
    cast(planned_value as double) as planned_value,
    cast(achieved_value as double) as achieved_value,
    cast(value_unit as varchar) as value_unit,
    {{ select_source_columns() }}
from latest

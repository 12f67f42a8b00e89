with goals as (

    select * from {{ ref('stg_raw__navet_goals') }}

),

source_tables as (

    select * from {{ ref('int_source_tables') }}

),

final as (

    select
        coalesce(source_tables.period_year, source_tables.report_year) as year,
        goals.goal_no,
        goals.planned,
        goals.achieved,
        goals.planned_value,
        goals.achieved_value,
        goals.value_unit,
        {{ source_columns('source_tables') }}
    from goals
    inner join source_tables
        on goals.report_id = source_tables.report_id
            and goals.table_id = source_tables.table_id

)

select * from final

with source as (

    select * from {{ source('raw', 'navet_goals') }}

),

renamed as (

    select
        {{ lineage_columns() }},
        cast(goal_no as integer) as goal_no,
        cast(planned as varchar) as planned,
        cast(achieved as varchar) as achieved,
        cast(planned_value as double) as planned_value,
        cast(achieved_value as double) as achieved_value,
        cast(nullif(trim(value_unit), '') as varchar) as value_unit
    from source

)

select * from renamed

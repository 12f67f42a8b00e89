with source as (

    select * from {{ source('raw', 'mc_positive_changes') }}

),

renamed as (

    select
        {{ lineage_columns() }},
        cast(outcome as varchar) as outcome,
        cast(line_kind as varchar) as line_kind,
        cast(column_no as integer) as column_no,
        cast(nullif(trim(column_header), '') as varchar) as column_header,
        cast(column_kind as varchar) as column_kind,
        cast(count as integer) as count
    from source

)

select * from renamed

with source as (

    select * from {{ source('raw', 'mc_case_statistics') }}

),

renamed as (

    select
        {{ lineage_columns() }},
        cast(measure as varchar) as measure,
        cast(column_no as integer) as column_no,
        cast(nullif(trim(column_header), '') as varchar) as column_header,
        cast(value as double) as value
    from source

)

select * from renamed

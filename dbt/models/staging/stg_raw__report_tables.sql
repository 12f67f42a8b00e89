with source as (

    select * from {{ source('raw', 'report_tables') }}

),

renamed as (

    select
        cast(report_id as varchar) as report_id,
        cast(table_id as varchar) as table_id,
        cast(table_type as varchar) as table_type,
        cast(file as varchar) as file,
        cast(title as varchar) as table_title,
        cast(note as integer) as note,
        cast(page as integer) as page,
        cast(unit as varchar) as unit,
        cast(period_year as integer) as period_year,
        cast(file_sha256 as varchar) as file_sha256,
        cast(comment as varchar) as comment
    from source

)

select * from renamed

with source as (

    select * from {{ source('raw', 'reports') }}

),

renamed as (

    select
        cast(report_id as varchar) as report_id,
        cast(organisation as varchar) as organisation,
        cast(report_year as integer) as report_year,
        cast(title as varchar) as report_title,
        cast(unit as varchar) as unit,
        cast(source_document as varchar) as source_document,
        cast(loaded_at as timestamp) as loaded_at
    from source

)

select * from renamed

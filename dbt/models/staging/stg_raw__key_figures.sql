with source as (

    select * from {{ source('raw', 'key_figures') }}

),

renamed as (

    select
        {{ lineage_columns() }},
        cast(figure_id as varchar) as figure_id,
        cast(section as varchar) as section,
        cast(label as varchar) as label,
        cast(year as integer) as year,
        cast(value as double) as value,
        cast(nullif(trim(unit), '') as varchar) as unit,
        cast(nullif(trim(qualifier), '') as varchar) as qualifier,
        cast(as_printed as varchar) as as_printed
    from source

)

select * from renamed

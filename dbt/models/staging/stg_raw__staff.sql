with source as (

    select * from {{ source('raw', 'staff') }}

),

renamed as (

    select
        {{ lineage_columns() }},
        cast(role as varchar) as role,
        cast(line_kind as varchar) as line_kind,
        cast(persons as double) as persons,
        cast(fte as double) as fte
    from source

)

select * from renamed

with source as (

    select * from {{ source('raw', 'statement_lines') }}

),

renamed as (

    select
        {{ lineage_columns() }},
        cast(line_id as varchar) as line_id,
        cast(label as varchar) as label,
        cast(line_kind as varchar) as line_kind,
        cast(part_of as varchar) as part_of,
        cast(note as integer) as note,
        cast(amount_current as double) as amount_current,
        cast(amount_prior as double) as amount_prior
    from source

)

select * from renamed

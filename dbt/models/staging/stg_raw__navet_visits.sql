with source as (

    select * from {{ source('raw', 'navet_visits') }}

),

renamed as (

    select
        {{ lineage_columns() }},
        cast(nullif(trim(visitor_group), '') as varchar) as visitor_group,
        cast(line_kind as varchar) as line_kind,
        cast(tema_elever as integer) as tema_elever,
        cast(tema_larare as integer) as tema_larare,
        cast(kompetensutveckling_larare as integer) as kompetensutveckling_larare,
        cast(allmanhet_barn as integer) as allmanhet_barn,
        cast(allmanhet_vuxna as integer) as allmanhet_vuxna,
        cast(konferenser as integer) as konferenser,
        cast(summa as integer) as summa
    from source

)

select * from renamed

with visits as (

    select * from {{ ref('stg_raw__navet_visits') }}

),

source_tables as (

    select * from {{ ref('int_source_tables') }}

),

visitor_groups as (

    select * from {{ ref('visitor_groups') }}

),

items as (

    select
        coalesce(source_tables.period_year, source_tables.report_year) as year,
        visits.visitor_group,
        visits.tema_elever,
        visits.tema_larare,
        visits.kompetensutveckling_larare,
        visits.allmanhet_barn,
        visits.allmanhet_vuxna,
        visits.konferenser,
        {{ source_columns('source_tables') }}
    from visits
    inner join source_tables
        on visits.report_id = source_tables.report_id
            and visits.table_id = source_tables.table_id
    where visits.line_kind = 'item'

),

unpivoted as (

    select *
    from items
    unpivot (
        visits for visit_category in (
            tema_elever,
            tema_larare,
            kompetensutveckling_larare,
            allmanhet_barn,
            allmanhet_vuxna,
            konferenser
        )
    )

),

final as (

    select
        unpivoted.year,
        unpivoted.visitor_group,
        visitor_groups.conformed_group,
        visitor_groups.municipality_code,
        unpivoted.visit_category,
        unpivoted.visits,
        unpivoted.source_report,
        unpivoted.report_year,
        unpivoted.source_ref,
        unpivoted.source_table,
        unpivoted.source_note,
        unpivoted.source_page
    from unpivoted
    left join visitor_groups
        on unpivoted.visitor_group = visitor_groups.visitor_group

)

select * from final

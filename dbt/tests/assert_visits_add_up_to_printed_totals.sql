-- The visits of every visit table add up, per category, to the table's printed total row.
with visits as (

    select source_report, source_table, visit_category, sum(visits) as sum_of_visits
    from {{ ref('int_visits') }}
    group by source_report, source_table, visit_category

),

totals as (

    select report_id as source_report, table_id as source_table, visit_category, printed_total
    from {{ ref('stg_raw__navet_visits') }}
    unpivot (
        printed_total for visit_category in (
            tema_elever,
            tema_larare,
            kompetensutveckling_larare,
            allmanhet_barn,
            allmanhet_vuxna,
            konferenser
        )
    )
    where line_kind = 'total'

)

select totals.*, visits.sum_of_visits
from totals
left join visits
    on totals.source_report = visits.source_report
    and totals.source_table = visits.source_table
    and totals.visit_category = visits.visit_category
where visits.sum_of_visits is distinct from totals.printed_total

{#-
  What each municipality pays and what it gets back that can be attributed to it, per year:
  its share of all fees (and of each service's fees) next to its share of Navet's visits by
  municipal visitor groups and of Medarbetarcentrum's positive changes in the columns whose
  municipality is printed or documented as inferred. Derived from fct_municipality_figures
  (fees, visits) and fct_cases (the printed total row of each column); the denominators are
  the sums over the municipalities that have a figure, so that a share never counts what
  cannot be attributed. What is not attributed (Navet's other visitor groups) is kept per
  year in visits_not_attributed.
-#}
with figures as (

    select * from {{ ref('fct_municipality_figures') }}

),

municipalities as (

    select * from {{ ref('dim_municipality') }}

),

positive_change_totals as (

    {#- The total row of each column: in a municipality's column the only total cells. -#}
    select
        cases.year,
        cases.column_no,
        cases.value,
        cases.source_ref,
        coalesce(printed.municipality_code, cases.inferred_municipality_code) as municipality_code,
        case
            when printed.municipality_code is not null then 'printed'
            when cases.inferred_municipality_code is not null then 'inferred'
        end as attribution
    from {{ ref('fct_cases') }} as cases
    left join municipalities as printed
        on cases.header_status = 'printed'
            and cases.column_header = printed.municipality_name
    where cases.case_table = 'positive_changes'
        and cases.is_total

),

positive_changes as (

    select
        year,
        municipality_code,
        max(value) as positive_changes,
        max(attribution) as attribution,
        string_agg(distinct source_ref, '; ' order by source_ref) as source_ref
    from positive_change_totals
    where municipality_code is not null
    group by year, municipality_code

),

unattributed_visits as (

    select
        year,
        sum(visits) as visits
    from {{ ref('fct_visits') }}
    where municipality_code is null
    group by year

),

year_totals as (

    select
        figures.year,
        sum(figures.fees_total_tkr) as all_fees_tkr,
        sum(figures.forbundsbidrag_tkr) as all_forbundsbidrag_tkr,
        sum(figures.navet_tkr) as all_navet_tkr,
        sum(figures.medarbetarcentrum_tkr) as all_medarbetarcentrum_tkr,
        sum(figures.visits) as municipal_visits,
        sum(positive_changes.positive_changes) as attributed_positive_changes
    from figures
    left join positive_changes
        on figures.year = positive_changes.year
            and figures.municipality_code = positive_changes.municipality_code
    group by figures.year

)

select
    cast(figures.year as integer) as year,
    cast(figures.municipality_code as varchar) as municipality_code,
    cast(figures.membership as varchar) as membership,
    cast(figures.fees_total_tkr as double) as fees_total_tkr,
    cast(year_totals.all_fees_tkr as double) as all_fees_tkr,
    cast(figures.fees_total_tkr / nullif(year_totals.all_fees_tkr, 0) as double) as fee_share,
    cast(figures.forbundsbidrag_tkr as double) as forbundsbidrag_tkr,
    cast(figures.forbundsbidrag_tkr / nullif(year_totals.all_forbundsbidrag_tkr, 0) as double) as forbundsbidrag_fee_share,
    cast(figures.navet_tkr as double) as navet_tkr,
    cast(figures.navet_tkr / nullif(year_totals.all_navet_tkr, 0) as double) as navet_fee_share,
    cast(figures.medarbetarcentrum_tkr as double) as medarbetarcentrum_tkr,
    cast(figures.medarbetarcentrum_tkr / nullif(year_totals.all_medarbetarcentrum_tkr, 0) as double)
        as medarbetarcentrum_fee_share,
    cast(figures.visits as bigint) as visits,
    cast(year_totals.municipal_visits as bigint) as municipal_visits,
    cast(figures.visits / nullif(year_totals.municipal_visits, 0) as double) as visit_share,
    cast(unattributed_visits.visits as bigint) as visits_not_attributed,
    cast(positive_changes.positive_changes as bigint) as positive_changes,
    cast(year_totals.attributed_positive_changes as bigint) as attributed_positive_changes,
    cast(positive_changes.positive_changes / nullif(year_totals.attributed_positive_changes, 0) as double)
        as positive_change_share,
    cast(positive_changes.attribution as varchar) as positive_change_attribution,
    cast(figures.fees_source_ref as varchar) as fees_source_ref,
    cast(figures.visits_source_ref as varchar) as visits_source_ref,
    cast(positive_changes.source_ref as varchar) as positive_changes_source_ref
from figures
inner join year_totals
    on figures.year = year_totals.year
left join positive_changes
    on figures.year = positive_changes.year
        and figures.municipality_code = positive_changes.municipality_code
left join unattributed_visits
    on figures.year = unattributed_visits.year
-- Stored in year order: the app reads a range of years, and DuckDB skips the row groups outside it.
order by figures.year, figures.municipality_code

{#-
  The population basis (invånarunderlag) each municipality's förbundsbidrag implies:
  förbundsbidrag (tkr) × 1000 / the fee per inhabitant (kr) the report states for that year.
  Members pay medlemsavgift_per_invanare, Varberg and Falkenberg bidrag_per_invanare_adjungerade.
  Only years for which the report states a rate get a row; a fee of 0 gives none.
  The fee is printed rounded to whole tkr, so the basis is uncertain by ± 500 kr / rate.
-#}
with fees as (

    select * from {{ ref('fct_fees') }}
    where fee_type = 'forbundsbidrag' and amount_tkr > 0

),

municipalities as (

    select
        municipality_code,
        membership
    from {{ ref('dim_municipality') }}

),

rates as (

    select
        year,
        figure_id,
        value as kr_per_inhabitant,
        source_ref,
        case figure_id
            when 'medlemsavgift_per_invanare' then 'member'
            when 'bidrag_per_invanare_adjungerade' then 'adjoined'
        end as membership
    from {{ ref('fct_key_figures') }}
    where figure_id in ('medlemsavgift_per_invanare', 'bidrag_per_invanare_adjungerade')
        and unit = 'kr/invånare'
        and value > 0

)

select
    cast(fees.year as integer) as year,
    cast(fees.municipality_code as varchar) as municipality_code,
    cast(municipalities.membership as varchar) as membership,
    cast(fees.amount_tkr as double) as forbundsbidrag_tkr,
    cast(rates.kr_per_inhabitant as double) as kr_per_inhabitant,
    cast(rates.figure_id as varchar) as rate_figure_id,
    cast(fees.amount_tkr * 1000 / rates.kr_per_inhabitant as double) as population_basis,
    cast(500 / rates.kr_per_inhabitant as double) as rounding_margin,
    cast(rates.source_ref as varchar) as rate_source_ref,
    cast(fees.source_report as varchar) as source_report,
    cast(fees.source_ref as varchar) as source_ref,
    cast(fees.source_table as varchar) as source_table,
    cast(fees.source_note as integer) as source_note,
    cast(fees.source_page as integer) as source_page
from fees
inner join municipalities
    on fees.municipality_code = municipalities.municipality_code
inner join rates
    on fees.year = rates.year
        and municipalities.membership = rates.membership
-- Stored in year order: the app reads a range of years, and DuckDB skips the row groups outside it.
order by fees.year, fees.municipality_code

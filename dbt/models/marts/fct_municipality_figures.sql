{#-
  One row per municipality and year with the figures the app compares municipalities by:
  the fees per type, the visits of the municipality's own visitor groups, and what the derived
  population basis (fct_population_basis) makes of them. Computed once per build so that a page
  reads rows instead of joining three facts over decades. Every figure comes from rows of
  fct_fees, fct_visits and fct_population_basis for the same year and municipality, and the
  row names their sources.
-#}
with fees as (

    select
        year,
        municipality_code,
        sum(amount_tkr) filter (where fee_type = 'forbundsbidrag') as forbundsbidrag_tkr,
        sum(amount_tkr) filter (where fee_type = 'navet') as navet_tkr,
        sum(amount_tkr) filter (where fee_type = 'medarbetarcentrum') as medarbetarcentrum_tkr,
        string_agg(distinct source_ref, '; ' order by source_ref) as fees_source_ref
    from {{ ref('fct_fees') }}
    group by year, municipality_code

),

visits as (

    select
        year,
        municipality_code,
        sum(visits) as visits,
        string_agg(distinct source_ref, '; ' order by source_ref) as visits_source_ref
    from {{ ref('fct_visits') }}
    where municipality_code is not null
    group by year, municipality_code

),

combined as (

    select
        year,
        municipality_code,
        fees.forbundsbidrag_tkr,
        fees.navet_tkr,
        fees.medarbetarcentrum_tkr,
        case
            when coalesce(fees.forbundsbidrag_tkr, fees.navet_tkr, fees.medarbetarcentrum_tkr) is not null
                then coalesce(fees.forbundsbidrag_tkr, 0) + coalesce(fees.navet_tkr, 0) + coalesce(fees.medarbetarcentrum_tkr, 0)
        end as fees_total_tkr,
        visits.visits,
        fees.fees_source_ref,
        visits.visits_source_ref
    from fees
    -- A full join: `using` merges the keys of both sides.
    full join visits using (year, municipality_code)  -- noqa: ST07

)

select
    cast(combined.year as integer) as year,
    cast(combined.municipality_code as varchar) as municipality_code,
    cast(municipalities.membership as varchar) as membership,
    cast(combined.forbundsbidrag_tkr as double) as forbundsbidrag_tkr,
    cast(combined.navet_tkr as double) as navet_tkr,
    cast(combined.medarbetarcentrum_tkr as double) as medarbetarcentrum_tkr,
    cast(combined.fees_total_tkr as double) as fees_total_tkr,
    cast(combined.visits as bigint) as visits,
    cast(basis.kr_per_inhabitant as double) as stated_kr_per_inhabitant,
    cast(basis.population_basis as double) as population_basis,
    cast(basis.rounding_margin as double) as rounding_margin,
    cast(coalesce(combined.navet_tkr, 0) * 1000 / basis.population_basis as double) as navet_kr_per_inhabitant,
    cast(coalesce(combined.medarbetarcentrum_tkr, 0) * 1000 / basis.population_basis as double)
        as medarbetarcentrum_kr_per_inhabitant,
    cast(combined.fees_total_tkr * 1000 / basis.population_basis as double) as fees_kr_per_inhabitant,
    cast(combined.visits / basis.population_basis * 1000 as double) as visits_per_thousand,
    cast(case when combined.visits > 0 then combined.navet_tkr * 1000 / combined.visits end as double) as navet_kr_per_visit,
    cast(combined.fees_source_ref as varchar) as fees_source_ref,
    cast(combined.visits_source_ref as varchar) as visits_source_ref,
    cast(basis.rate_source_ref as varchar) as rate_source_ref
from combined
inner join {{ ref('dim_municipality') }} as municipalities
    on combined.municipality_code = municipalities.municipality_code
left join {{ ref('fct_population_basis') }} as basis
    on
        combined.year = basis.year
        and combined.municipality_code = basis.municipality_code
-- Stored in year order: the app reads a range of years, and DuckDB skips the row groups outside it.
order by combined.year, combined.municipality_code

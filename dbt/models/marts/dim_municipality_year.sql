with municipalities as (

    select * from {{ ref('dim_municipality') }}

),

fees as (

    select * from {{ ref('fct_fees') }}

),

years as (

    select distinct year from fees

),

fees_by_municipality_year as (

    select
        municipality_code,
        year,
        bool_or(fee_type = 'forbundsbidrag' and amount_tkr > 0) as pays_forbundsbidrag,
        bool_or(fee_type = 'navet' and amount_tkr > 0) as takes_navet,
        bool_or(fee_type = 'medarbetarcentrum' and amount_tkr > 0) as takes_medarbetarcentrum
    from fees
    group by municipality_code, year

)

select
    cast(municipalities.municipality_code as varchar) as municipality_code,
    cast(years.year as integer) as year,
    cast(municipalities.membership as varchar) as membership,
    cast(coalesce(fees_by_municipality_year.pays_forbundsbidrag, false) as boolean) as pays_forbundsbidrag,
    cast(coalesce(fees_by_municipality_year.takes_navet, false) as boolean) as takes_navet,
    cast(coalesce(fees_by_municipality_year.takes_medarbetarcentrum, false) as boolean) as takes_medarbetarcentrum
from municipalities
cross join years
left join fees_by_municipality_year
    on municipalities.municipality_code = fees_by_municipality_year.municipality_code
        and years.year = fees_by_municipality_year.year

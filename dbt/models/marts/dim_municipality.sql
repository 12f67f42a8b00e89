with municipalities as (

    select * from {{ ref('municipalities') }}

)

select
    cast(municipality_code as varchar) as municipality_code,
    cast(municipality_name as varchar) as municipality_name,
    cast(county_code as varchar) as county_code,
    cast(county_name as varchar) as county_name,
    cast(membership as varchar) as membership,
    cast(name_in_report as varchar) as name_in_report
from municipalities

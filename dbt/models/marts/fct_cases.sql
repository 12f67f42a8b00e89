with cases as (

    select * from {{ ref('int_cases') }}

),

latest as (

    select *
    from cases
    {{ latest_report_wins(['year', 'case_table', 'measure', 'column_no']) }}

)

select
    cast(year as integer) as year,
    cast(case_table as varchar) as case_table,
    cast(measure as varchar) as measure,
    cast(column_no as integer) as column_no,
    cast(column_header as varchar) as column_header,
    cast(header_status as varchar) as header_status,
    cast(inferred_municipality_code as varchar) as inferred_municipality_code,
    cast(inference_evidence as varchar) as inference_evidence,
    cast(is_total as boolean) as is_total,
    cast(value as double) as value,
    {{ select_source_columns() }}
from latest

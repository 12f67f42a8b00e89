with report_tables as (

    select * from {{ ref('stg_raw__report_tables') }}

),

reports as (

    select * from {{ ref('stg_raw__reports') }}

),

units as (

    select * from {{ ref('units') }}

),

joined as (

    select
        report_tables.report_id,
        report_tables.table_id,
        report_tables.table_type,
        report_tables.table_title,
        report_tables.note,
        report_tables.page,
        report_tables.period_year,
        reports.report_year,
        reports.report_title,
        coalesce(report_tables.unit, reports.unit) as unit,
        units.factor_to_tkr as unit_factor_to_tkr,
        reports.report_title
        || ', '
        || coalesce('Not ' || cast(report_tables.note as varchar) || ' ', '')
        || report_tables.table_title
        || coalesce(', s. ' || cast(report_tables.page as varchar), '') as source_ref
    from report_tables
    inner join reports
        on report_tables.report_id = reports.report_id
    left join units
        on lower(coalesce(report_tables.unit, reports.unit)) = units.unit

)

select * from joined

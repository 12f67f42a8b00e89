with statement_lines as (

    select * from {{ ref('int_statement_lines') }}

),

fee_tables as (

    select * from {{ ref('fee_tables') }}

),

municipalities as (

    select * from {{ ref('municipalities') }}

),

final as (

    select
        statement_lines.year,
        municipalities.municipality_code,
        statement_lines.label as name_in_report,
        fee_tables.fee_type,
        statement_lines.amount_tkr,
        statement_lines.source_report,
        statement_lines.report_year,
        statement_lines.source_ref,
        statement_lines.source_table,
        statement_lines.source_note,
        statement_lines.source_page
    from statement_lines
    inner join fee_tables
        on statement_lines.source_table = fee_tables.table_id
    left join municipalities
        on statement_lines.label = municipalities.name_in_report
    where statement_lines.line_kind = 'item'
        and statement_lines.amount_tkr is not null

)

select * from final

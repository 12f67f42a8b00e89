with lines as (

    select * from {{ ref('stg_raw__statement_lines') }}

),

source_tables as (

    select * from {{ ref('int_source_tables') }}

),

joined as (

    select
        lines.*,
        source_tables.table_title,
        source_tables.unit,
        source_tables.unit_factor_to_tkr,
        {{ source_columns('source_tables') }}
    from lines
    inner join source_tables
        on lines.report_id = source_tables.report_id
            and lines.table_id = source_tables.table_id

),

by_year as (

    select
        *,
        'current' as period,
        report_year as year,
        amount_current as amount_as_printed
    from joined

    union all

    select
        *,
        'prior' as period,
        report_year - 1 as year,
        amount_prior as amount_as_printed
    from joined

),

final as (

    select
        year,
        period,
        line_id,
        label,
        line_kind,
        part_of,
        note,
        amount_as_printed,
        unit as unit_as_printed,
        amount_as_printed * unit_factor_to_tkr as amount_tkr,
        table_title,
        source_row_number,
        source_report,
        report_year,
        source_ref,
        source_table,
        source_note,
        source_page
    from by_year
    where amount_as_printed is not null
        or line_kind = 'heading'

)

select * from final

with statement_lines as (

    select * from {{ ref('int_statement_lines') }}

),

grant_lines as (

    select * from {{ ref('grant_lines') }}

),

key_figures as (

    select * from {{ ref('int_key_figures') }}

),

grant_key_figures as (

    select * from {{ ref('grant_key_figures') }}

),

units as (

    select * from {{ ref('units') }}

),

from_notes as (

    select
        statement_lines.year,
        grant_lines.grant_source,
        grant_lines.flow,
        'note' as origin,
        statement_lines.line_id as figure_id,
        statement_lines.label,
        statement_lines.amount_tkr,
        statement_lines.amount_as_printed,
        statement_lines.unit_as_printed,
        cast(null as varchar) as qualifier,
        {{ printed_figure('statement_lines.amount_as_printed', 'statement_lines.unit_as_printed') }} as printed_text,
        statement_lines.source_report,
        statement_lines.report_year,
        statement_lines.source_ref,
        statement_lines.source_table,
        statement_lines.source_note,
        statement_lines.source_page
    from statement_lines
    inner join grant_lines
        on statement_lines.source_table = grant_lines.table_id
            and statement_lines.line_id = grant_lines.line_id
    where statement_lines.amount_as_printed is not null

),

from_text as (

    select
        key_figures.year,
        grant_key_figures.grant_source,
        grant_key_figures.flow,
        'text' as origin,
        key_figures.figure_id,
        key_figures.label,
        key_figures.value * units.factor_to_tkr as amount_tkr,
        key_figures.value as amount_as_printed,
        key_figures.unit as unit_as_printed,
        key_figures.qualifier,
        key_figures.printed_text,
        key_figures.source_report,
        key_figures.report_year,
        key_figures.source_ref,
        key_figures.source_table,
        key_figures.source_note,
        key_figures.source_page
    from key_figures
    inner join grant_key_figures
        on key_figures.figure_id = grant_key_figures.figure_id
    left join units
        on lower(key_figures.unit) = units.unit

),

unioned as (

    select * from from_notes
    union all
    select * from from_text

)

select * from unioned

with key_figures as (

    select * from {{ ref('stg_raw__key_figures') }}

),

source_tables as (

    select * from {{ ref('int_source_tables') }}

),

final as (

    select
        key_figures.year,
        key_figures.figure_id,
        key_figures.section,
        key_figures.label,
        key_figures.value,
        key_figures.unit,
        key_figures.qualifier,
        key_figures.as_printed as printed_text,
        source_tables.report_id as source_report,
        source_tables.report_year,
        -- A figure from the running text is found by its section, not by the keyed table.
        source_tables.report_title || ', avsnitt ' || key_figures.section as source_ref,
        source_tables.table_id as source_table,
        source_tables.note as source_note,
        source_tables.page as source_page
    from key_figures
    inner join source_tables
        on key_figures.report_id = source_tables.report_id
            and key_figures.table_id = source_tables.table_id

)

select * from final

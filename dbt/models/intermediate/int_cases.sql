with case_statistics as (

    select * from {{ ref('stg_raw__mc_case_statistics') }}

),

positive_changes as (

    select * from {{ ref('stg_raw__mc_positive_changes') }}

),

source_tables as (

    select * from {{ ref('int_source_tables') }}

),

inferred_columns as (

    select * from {{ ref('mc_inferred_columns') }}

),

unioned as (

    select
        report_id,
        table_id,
        'case_statistics' as case_table,
        measure,
        column_no,
        column_header,
        false as is_total,
        value
    from case_statistics

    union all

    select
        report_id,
        table_id,
        'positive_changes' as case_table,
        outcome as measure,
        column_no,
        column_header,
        line_kind = 'total' or column_kind = 'total' as is_total,
        cast(count as double) as value
    from positive_changes

),

final as (

    select
        coalesce(source_tables.period_year, source_tables.report_year) as year,
        unioned.case_table,
        unioned.measure,
        unioned.column_no,
        unioned.column_header,
        case when unioned.column_header is null then 'lost' else 'printed' end as header_status,
        inferred_columns.municipality_code as inferred_municipality_code,
        inferred_columns.evidence as inference_evidence,
        unioned.is_total,
        unioned.value,
        {{ source_columns('source_tables') }}
    from unioned
    inner join source_tables
        on unioned.report_id = source_tables.report_id
            and unioned.table_id = source_tables.table_id
    left join inferred_columns
        on unioned.case_table = 'positive_changes'
            and unioned.report_id = inferred_columns.report_id
            and unioned.column_no = inferred_columns.column_no

)

select * from final

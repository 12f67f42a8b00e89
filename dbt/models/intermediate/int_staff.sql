with staff as (

    select * from {{ ref('stg_raw__staff') }}

),

source_tables as (

    select * from {{ ref('int_source_tables') }}

),

final as (

    select
        coalesce(source_tables.period_year, source_tables.report_year) as year,
        case
            when staff.table_id like 'navet\_%' escape '\' then 'navet'
            when staff.table_id like 'mc\_%' escape '\' then 'medarbetarcentrum'
        end as unit,
        staff.role,
        staff.line_kind,
        staff.persons,
        staff.fte,
        {{ source_columns('source_tables') }}
    from staff
    inner join source_tables
        on staff.report_id = source_tables.report_id
            and staff.table_id = source_tables.table_id

)

select * from final

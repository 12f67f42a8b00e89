-- The fees of every fee note add up to the note's printed total, per report and year.
with fees as (

    select source_report, source_table, year, sum(amount_tkr) as sum_of_fees
    from {{ ref('int_fees') }}
    group by source_report, source_table, year

),

totals as (

    select statement_lines.source_report, statement_lines.source_table, statement_lines.year, statement_lines.amount_tkr as printed_total
    from {{ ref('int_statement_lines') }} as statement_lines
    inner join {{ ref('fee_tables') }} as fee_tables
        on statement_lines.source_table = fee_tables.table_id
    where statement_lines.line_kind = 'total'

)

select totals.*, fees.sum_of_fees
from totals
left join fees
    on totals.source_report = fees.source_report
    and totals.source_table = fees.source_table
    and totals.year = fees.year
where fees.sum_of_fees is distinct from totals.printed_total

{#- The two generic tests named and with the arguments of their dbt_utils versions (dbt_utils
    itself cannot be installed here: see dbt/README.md), and the project's own. -#}
{% test unique_combination_of_columns(model, combination_of_columns) %}
    {%- set columns = combination_of_columns | join(', ') %}
    select {{ columns }}, count(*) as n_rows
    from {{ model }}
    group by {{ columns }}
    having count(*) > 1
{% endtest %}

{% test expression_is_true(model, expression, column_name=none) %}
    select *
    from {{ model }}
    where not coalesce(
        {%- if column_name is not none %} {{ column_name }} {% endif %}{{ expression }}, false)
{% endtest %}

{#- Navet's visits per year and group add up to the total row of the printed table they come
    from: no group is lost between the printed labels and the groups the app charts. One row per
    year and table whose groups do not add up, with both sums. -#}
{% test groups_add_up_to_printed_total(model, group_column) %}
    with grouped as (
        select year, source_report, source_table, sum(visits) as grouped_visits
        from {{ model }}
        where {{ group_column }} is not null
        group by all
    ),

    printed as (
        select
            coalesce(tables.period_year, tables.report_year) as year,
            visits.report_id as source_report,
            visits.table_id as source_table,
            visits.summa as printed_total
        from {{ ref('stg_raw__navet_visits') }} as visits
        inner join {{ ref('int_source_tables') }} as tables
            on visits.report_id = tables.report_id and visits.table_id = tables.table_id
        where visits.line_kind = 'total'
    )

    select grouped.year, grouped.source_table, grouped.grouped_visits, printed.printed_total
    from grouped
    left join printed using (year, source_report, source_table)
    where grouped.grouped_visits is distinct from printed.printed_total
{% endtest %}

{%- set facts = [
    {'fact': 'fct_income_statement', 'model': 'int_statement_lines', 'grain': ['line_id'], 'value': 'amount_tkr', 'where': "source_table = 'resultatrakning'"},
    {'fact': 'fct_balance_sheet', 'model': 'int_statement_lines', 'grain': ['line_id'], 'value': 'amount_tkr', 'where': "source_table = 'balansrakning'"},
    {'fact': 'fct_note_lines', 'model': 'int_statement_lines', 'grain': ['source_note', 'line_id'], 'value': 'amount_tkr', 'where': 'source_note is not null'},
    {'fact': 'fct_fees', 'model': 'int_fees', 'grain': ['municipality_code', 'fee_type'], 'value': 'amount_tkr'},
    {'fact': 'fct_grants', 'model': 'int_grants', 'grain': ['grant_source', 'flow', 'origin', 'figure_id'], 'value': 'amount_tkr'},
    {'fact': 'fct_visits', 'model': 'int_visits', 'grain': ['visitor_group', 'visit_category'], 'value': 'visits'},
    {'fact': 'fct_cases', 'model': 'int_cases', 'grain': ['case_table', 'measure', 'column_no'], 'value': 'value'},
    {'fact': 'fct_navet_goals.planned_value', 'model': 'int_navet_goals', 'grain': ['goal_no'], 'value': 'planned_value'},
    {'fact': 'fct_navet_goals.achieved_value', 'model': 'int_navet_goals', 'grain': ['goal_no'], 'value': 'achieved_value'},
    {'fact': 'fct_staff.persons', 'model': 'int_staff', 'grain': ['unit', 'role'], 'value': 'persons'},
    {'fact': 'fct_staff.fte', 'model': 'int_staff', 'grain': ['unit', 'role'], 'value': 'fte'},
    {'fact': 'fct_key_figures', 'model': 'int_key_figures', 'grain': ['figure_id'], 'value': 'value'},
] -%}

with

{% for fact in facts %}
    {{ fact.fact | replace('.', '__') }} as (

        select
            '{{ fact.fact }}' as fact,
            {{ grain_key(fact.grain) }} as grain,
            year,
            source_report,
            report_year,
            cast({{ fact.value }} as double) as value,
            source_ref,
            source_table
        from {{ ref(fact.model) }}
        {%- if fact.where %}
            where {{ fact.where }}
        {%- endif %}

    ),

{% endfor %}
unioned as (

    {% for fact in facts -%}
        select * from {{ fact.fact | replace('.', '__') }}
        {% if not loop.last %}union all
        {% endif %}
    {%- endfor %}

),

ranked as (

    select
        *,
        {{ is_latest_report(['fact', 'grain', 'year']) }} as is_latest
    from unioned

)

select
    cast(fact as varchar) as fact,
    cast(grain as varchar) as grain,
    cast(year as integer) as year,
    cast(source_report as varchar) as source_report,
    cast(value as double) as value,
    cast(is_latest as boolean) as is_latest,
    cast(report_year as integer) as report_year,
    cast(source_ref as varchar) as source_ref,
    cast(source_table as varchar) as source_table
from ranked
where value is not null

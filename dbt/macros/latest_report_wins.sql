{#- The one rule for a figure that several reports give: the report with the highest report
    year wins; between reports of the same year, the last report_id. -#}
{% macro is_latest_report(grain, report_id='source_report') -%}
    row_number() over (
        partition by {{ grain | join(', ') }}
        order by report_year desc, {{ report_id }} desc
    ) = 1
{%- endmacro %}

{#- Keep, for each grain, only the row of the latest report. -#}
{% macro latest_report_wins(grain, report_id='source_report') -%}
    qualify {{ is_latest_report(grain, report_id) }}
{%- endmacro %}

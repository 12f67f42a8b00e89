{#- Keep, for each grain and year, the row from the report with the highest report year. -#}
{% macro latest_report_wins(grain) -%}
    qualify row_number() over (
        partition by {{ grain | join(', ') }}
        order by report_year desc, source_report desc
    ) = 1
{%- endmacro %}

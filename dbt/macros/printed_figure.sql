{#- A table line's amount as the report prints it: the number in Swedish (no-break space
    between thousands, decimal comma, minus sign U+2212) with as many decimals as it has (at
    most two), and the table's unit: '17 500 tkr'. Figures of the running text are keyed as
    printed instead (raw column as_printed). -#}
{% macro printed_figure(value, unit) -%}
    replace(replace(replace(
        case
            when abs({{ value }} - round({{ value }})) < 1e-9 then format('{:,.0f}', {{ value }})
            when abs({{ value }} * 10 - round({{ value }} * 10)) < 1e-9 then format('{:,.1f}', {{ value }})
            else format('{:,.2f}', {{ value }})
        end,
        ',', chr(160)), '.', ','), '-', chr(8722))
    || coalesce(chr(160) || {{ unit }}, '')
{%- endmacro %}

{#- A text key for a grain: the columns' values joined with '|' (a null becomes an empty part). -#}
{% macro grain_key(columns) -%}
    {%- for column in columns -%}
        coalesce(cast({{ column }} as varchar), '')
        {%- if not loop.last %} || '|' || {% endif -%}
    {%- endfor -%}
{%- endmacro %}

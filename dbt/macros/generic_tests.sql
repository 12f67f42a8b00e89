{#- The two generic tests this project uses, named and with the arguments of their dbt_utils
    versions (dbt_utils itself cannot be installed here: see dbt/README.md). -#}
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

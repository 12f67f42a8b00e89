{% test unique_combination(model, combination_of_columns) %}
    {%- set columns = combination_of_columns | join(', ') %}
    select {{ columns }}, count(*) as n_rows
    from {{ model }}
    group by {{ columns }}
    having count(*) > 1
{% endtest %}

{% test accepted_range(model, column_name, min_value=none, max_value=none, inclusive=true) %}
    select *
    from {{ model }}
    where {{ column_name }} is not null
      and not (
        true
        {%- if min_value is not none %}
        and {{ column_name }} {{ '>=' if inclusive else '>' }} {{ min_value }}
        {%- endif %}
        {%- if max_value is not none %}
        and {{ column_name }} {{ '<=' if inclusive else '<' }} {{ max_value }}
        {%- endif %}
      )
{% endtest %}

{% test expression_is_true(model, expression, column_name=none) %}
    select *
    from {{ model }}
    where not coalesce(
        {%- if column_name is not none %} {{ column_name }} {% endif %}{{ expression }}, false)
{% endtest %}

{% test equal_rowcount(model, compare_model) %}
    with a as (select count(*) as n_rows from {{ model }}),
    b as (select count(*) as n_rows from {{ compare_model }})
    select a.n_rows as model_rows, b.n_rows as compare_rows
    from a cross join b
    where a.n_rows <> b.n_rows
{% endtest %}

{#- A boolean column that must be true in exactly one row (a single default). Fails with the count. -#}
{% test true_in_exactly_one_row(model, column_name) %}
select count(*) filter (where {{ column_name }}) as n_true
from {{ model }}
having count(*) filter (where {{ column_name }}) <> 1
{% endtest %}

{#- Ordering that puts the nearest span first: a span in the same clause before any other, then the
    character distance between the two spans, and on a tie the span that stands before the other. -#}
{% macro nearest_first(start_a, end_a, clause_a, start_b, end_b, clause_b) -%}
    case when {{ clause_a }} = {{ clause_b }} then 0 else 1 end,
    case
        when {{ end_a }} <= {{ start_b }} then {{ start_b }} - {{ end_a }}
        when {{ start_a }} >= {{ end_b }} then {{ start_a }} - {{ end_b }}
        else 0
    end,
    case when {{ end_b }} <= {{ start_a }} then 0 else 1 end
{%- endmacro %}

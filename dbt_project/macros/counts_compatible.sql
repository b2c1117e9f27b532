{#- Two counts of one outcome agree when either is unknown or their ranges overlap, widened by the
    configured tolerance. An open range ("at least 33") is read as its stated figure, because outlets
    say "at least" about the figure they have: 33 and "at least 60" do not describe one toll. -#}
{% macro counts_compatible(low_a, best_a, high_a, low_b, best_b, high_b) -%}
    (
        {{ best_a }} is null or {{ best_b }} is null
        or (
            {{ low_a }} <= coalesce({{ high_b }}, {{ best_b }}) * (1 + {{ var('count_tolerance_ratio') }})
            and {{ low_b }} <= coalesce({{ high_a }}, {{ best_a }}) * (1 + {{ var('count_tolerance_ratio') }})
        )
    )
{%- endmacro %}

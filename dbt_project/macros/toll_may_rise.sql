{#- Whether one count may be a later report of the other as the dead are counted: the larger is at most
    var('toll_rise_max_ratio') times the smaller, or var('toll_rise_slack') more for small tolls. Either
    unknown is no objection. "3 killed" in the morning and "7 killed" by night is one toll rising; "at least
    one killed" and "43 killed" on the same day are two events. -#}
{% macro toll_may_rise(count_a, count_b) -%}
    (
        {{ count_a }} is null or {{ count_b }} is null
        or greatest({{ count_a }}, {{ count_b }}) <= greatest(
            least({{ count_a }}, {{ count_b }}) * {{ var('toll_rise_max_ratio') }},
            least({{ count_a }}, {{ count_b }}) + {{ var('toll_rise_slack') }}
        )
    )
{%- endmacro %}

{#- One figure per outcome out of several that describe the same toll (the statements of an article event,
    the article events of one article in one event): the smallest low and the largest best and high. A
    figure repeated counts once, and an article's figure for an event is the largest it gives. -#}
{% macro largest_figures(relation) -%}
    {%- for outcome in ['killed', 'injured'] %}
        min({{ relation }}.{{ outcome }}_low) as {{ outcome }}_low,
        max({{ relation }}.{{ outcome }}_best) as {{ outcome }}_best,
        max({{ relation }}.{{ outcome }}_high) as {{ outcome }}_high{{ ',' if not loop.last }}
    {%- endfor %}
{%- endmacro %}

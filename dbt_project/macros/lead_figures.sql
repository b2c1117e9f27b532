{#- An article's figure for one event, per outcome: the first it gives, in reading order (the headline and the
    lead, where news puts its count), unless it reports the toll rising ("rose to 34"), when the highest update
    wins. Low and high keep the range of every figure it gives, so a later source's figure ("Radio Okapi
    reported a higher death toll of 43") widens the range instead of replacing the count the article leads
    with. `reading_order` is an expression that sorts the relation's rows as the text reads. -#}
{% macro lead_figures(relation, reading_order) -%}
    {%- for outcome in ['killed', 'injured'] %}
        min({{ relation }}.{{ outcome }}_low) as {{ outcome }}_low,
        coalesce(
            max({{ relation }}.{{ outcome }}_best) filter (where {{ relation }}.has_toll_update),
            arg_min({{ relation }}.{{ outcome }}_best, {{ reading_order }})
                filter (where {{ relation }}.{{ outcome }}_best is not null)
        ) as {{ outcome }}_best,
        max({{ relation }}.{{ outcome }}_high) as {{ outcome }}_high{{ ',' if not loop.last }}
    {%- endfor %}
{%- endmacro %}

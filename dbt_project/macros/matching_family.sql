{#- The family two reports must share to be one event. Strikes, clashes and other violence match each
    other (one outlet's "shooting" is another's "attack"); talks, prisoner exchanges and interceptions
    match only themselves. The event keeps its most specific type. -#}
{% macro matching_family(family) -%}
    case when {{ family }} in ('strike', 'armed_clash', 'armed_violence') then 'violence' else {{ family }} end
{%- endmacro %}

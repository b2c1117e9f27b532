{#- A deterministic identifier: the same inputs always give the same ID, across builds and machines. -#}
{% macro stable_id(prefix, columns) -%}
    '{{ prefix }}_' || substr(md5(concat_ws('|', {% for column in columns %}coalesce(cast({{ column }} as varchar), '∅'){% if not loop.last %}, {% endif %}{% endfor %})), 1, 16)
{%- endmacro %}

{#- Inside an incremental model keyed by article: keep only articles (re-)extracted since the model
    last ran. A table built before the model had extracted_at is rebuilt whole (the filter is left
    out and on_schema_change adds the column). -#}
{% macro extracted_since_last_run(mentions_relation) %}
    {%- set existing = adapter.get_columns_in_relation(this) | map(attribute='name') | map('lower') | list -%}
    {%- if 'extracted_at' in existing %}
        and article_id in (
            select article_id from {{ mentions_relation }}
            where extracted_at > (
                select coalesce(max(previous.extracted_at), '1900-01-01'::timestamp) from {{ this }} as previous
            )
        )
    {%- endif %}
{% endmacro %}

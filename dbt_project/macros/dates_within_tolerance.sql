{#- Two dated reports can be one event when their dates are within what their precision allows: a
    week-precision date (only the publication date is known) may be up to 7 days off, a month 31, a
    relative day ("overnight", a weekday) the configured tolerance, an exact day none. -#}
{% macro dates_within_tolerance(a, b) -%}
    abs(date_diff('day', {{ a }}.event_date, {{ b }}.event_date)) <= case
        when 'month' in ({{ a }}.date_precision, {{ b }}.date_precision) then 31
        when 'week' in ({{ a }}.date_precision, {{ b }}.date_precision) then 7
        when {{ a }}.is_date_relative or {{ b }}.is_date_relative then {{ var('date_tolerance_days') }}
        else 0
    end
{%- endmacro %}

{#- A low/best/high triple is valid when no figure is negative and low <= best <= high wherever both
    sides are known (an open high is NULL). Returns the offending rows. -#}
{% test casualty_range_valid(model, low, best, high) %}
select *
from {{ model }}
where {{ low }} < 0 or {{ best }} < 0 or {{ high }} < 0
    or {{ low }} > {{ best }} or {{ best }} > {{ high }} or {{ low }} > {{ high }}
{% endtest %}

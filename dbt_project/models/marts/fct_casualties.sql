-- Casualties per event, outcome and victim group. The 'all' row carries the event's reconciled
-- totals; other groups ("children", "civilians") carry what the articles say about them, which is
-- part of the total, never added to it.

with events as (
    select * from {{ ref('fct_events') }}
),

reports as (
    select * from {{ ref('fct_casualty_reports') }}
),

totals as (
    {% for outcome in ['killed', 'injured'] %}
    select
        events.event_id,
        '{{ outcome }}' as outcome,
        'all' as victim_group,
        events.{{ outcome }}_low as count_low,
        events.{{ outcome }}_best as count_best,
        events.{{ outcome }}_high as count_high,
        (select count(*) from reports
         where reports.event_id = events.event_id and reports.outcome = '{{ outcome }}'
           and reports.victim_group = 'all' and reports.count_best is not null) as n_reports
    from events
    where events.{{ outcome }}_best is not null
    {% if not loop.last %}union all{% endif %}
    {% endfor %}
),

per_article_groups as (
    select
        event_id, article_id, outcome, victim_group,
        min(count_low) as count_low, max(count_best) as count_best, max(coalesce(count_high, count_best)) as count_high,
        count(*) as n_reports
    from reports
    where victim_group <> 'all' and count_best is not null
    group by all
),

groups as (
    select
        event_id, outcome, victim_group,
        min(count_low) as count_low, max(count_best) as count_best, max(count_high) as count_high,
        sum(n_reports) as n_reports
    from per_article_groups
    group by all
)

select
    cast(event_id as varchar) as event_id,
    cast(outcome as varchar) as outcome,
    cast(victim_group as varchar) as victim_group,
    cast(count_low as bigint) as count_low,
    cast(count_best as bigint) as count_best,
    cast(count_high as bigint) as count_high,
    cast(n_reports as bigint) as n_reports
from (select * from totals union all select * from groups)

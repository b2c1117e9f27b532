-- Casualties per event, outcome and victim group. The 'all' row carries the event's reconciled figures
-- (int_event_figures_reconciled); other groups ("children", "civilians") carry what the articles say
-- about them (each article's largest figure, then low/best/high across articles), which is part of
-- the total, never added to it.

with reports as (
    select * from {{ ref('int_casualty_reports_assigned') }}
    where count_best is not null
),

figures as (
    select * from {{ ref('int_event_figures_reconciled') }}
),

totals as (
    {% for outcome in ['killed', 'injured'] %}
    select
        figures.event_id,
        '{{ outcome }}' as outcome,
        'all' as victim_group,
        figures.{{ outcome }}_low as count_low,
        figures.{{ outcome }}_best as count_best,
        figures.{{ outcome }}_high as count_high,
        (select count(*) from reports
         where reports.event_id = figures.event_id and reports.outcome = '{{ outcome }}'
           and reports.victim_group = 'all') as n_reports
    from figures
    where figures.{{ outcome }}_best is not null
    {% if not loop.last %}union all{% endif %}
    {% endfor %}
),

per_article_groups as (
    select
        event_id, article_id, outcome, victim_group,
        min(count_low) as count_low, max(count_best) as count_best, max(coalesce(count_high, count_best)) as count_high,
        count(*) as n_reports
    from reports
    where victim_group <> 'all'
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

select * from totals
union all
select * from groups

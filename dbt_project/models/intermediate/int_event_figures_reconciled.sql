-- The one place an event's casualty figures are reconciled across articles, UCDP-style (see the
-- `casualty_figures` doc block). Each article gives the event one figure per outcome (its article
-- events' largest, int_article_events_summarised). Across articles:
--
-- * low is the smallest low and high the largest high (an open "at least N" counts as N);
-- * best is the figure most articles give, the larger on a tie; a toll reported as rising ("rose to
--   34") makes the rising figure the best;
-- * articles that give different figures make the event's casualties disputed, unless a toll rose.

with article_figures as (
    select
        clustered.event_id,
        events.article_id,
        {{ largest_figures('events') }},
        bool_or(events.has_toll_update) as has_toll_update
    from {{ ref('int_article_events_summarised') }} as events
    inner join (
        select distinct article_event_id, event_id from {{ ref('int_events_clustered') }}
    ) as clustered using (article_event_id)
    group by clustered.event_id, events.article_id
),

{% for outcome in ['killed', 'injured'] %}
{{ outcome }}_best as (
    select event_id, {{ outcome }}_best as best
    from article_figures
    where {{ outcome }}_best is not null
    group by event_id, {{ outcome }}_best
    qualify row_number() over (
        partition by event_id
        order by bool_or(has_toll_update) desc, count(*) desc, {{ outcome }}_best desc
    ) = 1
),
{% endfor %}

figures as (
    select
        article_figures.event_id,
        min(killed_low) as killed_low,
        any_value(killed_best.best) as killed_best,
        max(coalesce(killed_high, killed_best)) as killed_high,
        min(injured_low) as injured_low,
        any_value(injured_best.best) as injured_best,
        max(coalesce(injured_high, injured_best)) as injured_high,
        count(distinct article_figures.killed_best) > 1 or count(distinct article_figures.injured_best) > 1
            as figures_differ,
        bool_or(has_toll_update) as has_toll_update
    from article_figures
    left join killed_best using (event_id)
    left join injured_best using (event_id)
    group by article_figures.event_id
)

select
    event_id,
    least(killed_low, killed_best) as killed_low,
    killed_best,
    greatest(killed_high, killed_best) as killed_high,
    least(injured_low, injured_best) as injured_low,
    injured_best,
    greatest(injured_high, injured_best) as injured_high,
    figures_differ and not has_toll_update as casualties_disputed,
    has_toll_update
from figures

-- One row per event with its reconciled attributes: type and mode, the most precise place, the
-- date, the initiator (and whether outlets dispute it), and UCDP-style low/best/high counts.
--
-- Counts: each article's figure for the event is its largest claim (a claim repeated in the
-- article counts once). Across articles, low is the smallest and high the largest figure; best is
-- the figure most articles give (the larger on a tie), except that a toll reported as rising
-- ("rose to 34") makes the rising figure the best. Figures that differ set casualties_disputed.
--
-- Initiator: the actor the articles name. Outlets that name different actors set
-- attribution_disputed and leave the initiator empty. An attribution of a strike to the state whose
-- own territory was hit needs every reporting outlet to agree; when others leave the strike
-- unattributed it is treated as disputed too.

with clustered as (
    select * from {{ ref('int_events_clustered') }}
),

reports as (
    select clustered.event_id, reports.*
    from {{ ref('int_event_reports_grouped') }} as reports
    inner join clustered using (report_id, article_id)
),

articles as (
    select article_id, outlet_key, published_date from {{ ref('stg_news__articles') }}
),

locations as (
    select * from {{ ref('int_locations_resolved') }}
),

actors as (
    select actor_id, country_code from {{ ref('actors') }}
),

event_types as (
    select
        event_id,
        event_family,
        event_type,
        sub_event_type,
        event_mode,
        row_number() over (
            partition by event_id
            order by event_mode is null, count(*) desc, is_trigger_carried_any, event_type, sub_event_type, event_mode
        ) as preference
    from (
        select *, bool_or(is_trigger_carried) over (partition by event_id, event_type, sub_event_type, event_mode)
            as is_trigger_carried_any
        from reports
    )
    group by event_id, event_family, event_type, sub_event_type, event_mode, is_trigger_carried_any
),

event_places as (
    select
        reports.event_id,
        reports.location_id,
        row_number() over (
            partition by reports.event_id
            order by reports.location_id is null, locations.geo_precision, count(*) desc, reports.location_id
        ) as preference
    from reports
    left join locations using (location_id)
    group by reports.event_id, reports.location_id, locations.geo_precision
),

event_dates as (
    select
        event_id,
        min(event_date) filter (where date_precision = 'day') as day_date,
        min(event_date) as any_date,
        min(case date_precision when 'day' then 1 when 'week' then 2 when 'month' then 3 else 4 end) as precision_rank
    from reports
    group by event_id
),

article_figures as (
    select
        event_id,
        article_id,
        min(killed_low) as killed_low,
        max(killed_best) as killed_best,
        max(killed_high) as killed_high,
        min(injured_low) as injured_low,
        max(injured_best) as injured_best,
        max(injured_high) as injured_high,
        bool_or(has_toll_update) as has_toll_update,
        count(distinct initiator_actor_id) as n_initiators,
        min(initiator_actor_id) as initiator_actor_id
    from reports
    group by event_id, article_id
),

{% for outcome in ['killed', 'injured'] %}
{{ outcome }}_best as (
    select event_id, {{ outcome }}_best as best
    from (
        select
            event_id,
            {{ outcome }}_best,
            row_number() over (
                partition by event_id
                order by bool_or(has_toll_update) desc, count(*) desc, {{ outcome }}_best desc
            ) as preference
        from article_figures
        where {{ outcome }}_best is not null
        group by event_id, {{ outcome }}_best
    )
    where preference = 1
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
),

attribution as (
    select
        article_figures.event_id,
        count(distinct article_figures.initiator_actor_id) as n_named_initiators,
        min(article_figures.initiator_actor_id) as named_initiator,
        bool_or(article_figures.n_initiators > 1) as article_names_several,
        count(*) filter (where article_figures.initiator_actor_id is null) as n_silent_articles
    from article_figures
    group by article_figures.event_id
),

sources as (
    select
        reports.event_id,
        count(distinct reports.article_id) as n_articles,
        count(distinct articles.outlet_key) as n_sources,
        bool_or(reports.is_aggregate) as is_aggregate,
        bool_or(reports.mentions_civilian_victims) as mentions_civilian_victims
    from reports
    inner join articles using (article_id)
    group by reports.event_id
)

select
    sources.event_id,
    event_types.event_family,
    event_types.event_type,
    event_types.sub_event_type,
    event_types.event_mode,
    event_places.location_id,
    coalesce(event_dates.day_date, event_dates.any_date) as event_date,
    case event_dates.precision_rank when 1 then 'day' when 2 then 'week' when 3 then 'month' else 'unknown' end
        as date_precision,
    case
        when attribution.n_named_initiators <> 1 or attribution.article_names_several then null
        when initiator_actor.country_code = locations.country_code and attribution.n_silent_articles > 0 then null
        else attribution.named_initiator
    end as initiator_actor_id,
    attribution.n_named_initiators > 1
        or attribution.article_names_several
        or (attribution.n_named_initiators = 1 and initiator_actor.country_code = locations.country_code
            and attribution.n_silent_articles > 0)
        as attribution_disputed,
    least(figures.killed_low, figures.killed_best) as killed_low,
    figures.killed_best,
    greatest(figures.killed_high, figures.killed_best) as killed_high,
    least(figures.injured_low, figures.injured_best) as injured_low,
    figures.injured_best,
    greatest(figures.injured_high, figures.injured_best) as injured_high,
    figures.figures_differ and not figures.has_toll_update as casualties_disputed,
    sources.is_aggregate,
    sources.mentions_civilian_victims,
    sources.n_articles,
    sources.n_sources
from sources
inner join event_types on sources.event_id = event_types.event_id and event_types.preference = 1
inner join event_places on sources.event_id = event_places.event_id and event_places.preference = 1
inner join event_dates on sources.event_id = event_dates.event_id
inner join figures on sources.event_id = figures.event_id
inner join attribution on sources.event_id = attribution.event_id
left join locations on event_places.location_id = locations.location_id
left join actors as initiator_actor on attribution.named_initiator = initiator_actor.actor_id

with events as (
    select * from {{ ref('int_events_reconciled') }}
),

locations as (
    select * from {{ ref('int_locations_resolved') }}
),

actors as (
    select * from {{ ref('actors') }}
),

-- The state whose territory was struck is the target of a strike it did not launch itself.
targets as (
    select
        events.event_id,
        min(state.actor_id) as target_actor_id
    from events
    inner join locations using (location_id)
    inner join actors as state on state.country_code = locations.country_code and state.actor_type = 'state'
    left join actors as initiator on initiator.actor_id = events.initiator_actor_id
    where events.event_family in ('strike', 'armed_clash', 'armed_violence')
        and state.actor_id is distinct from events.initiator_actor_id
        and state.actor_id is distinct from initiator.parent_actor_id
    group by events.event_id
)

select
    cast(events.event_id as varchar) as event_id,
    cast(events.event_family as varchar) as event_family,
    cast(events.event_type as varchar) as event_type,
    cast(events.sub_event_type as varchar) as sub_event_type,
    cast(coalesce(events.event_mode, replace(events.event_family, '_', ' ')) as varchar) as event_subtype,
    cast(events.event_date as date) as event_date,
    cast(events.date_precision as varchar) as date_precision,
    cast(events.location_id as varchar) as location_id,
    cast(locations.location_name as varchar) as location_name,
    cast(locations.admin1_name as varchar) as admin1_name,
    cast(locations.country_code as varchar) as country_code,
    cast(locations.latitude as double) as latitude,
    cast(locations.longitude as double) as longitude,
    cast(locations.geo_precision as integer) as geo_precision,
    cast(events.initiator_actor_id as varchar) as initiator_actor_id,
    cast(targets.target_actor_id as varchar) as target_actor_id,
    cast(events.mentions_civilian_victims as boolean) as civilian_targeting,
    cast(events.killed_low as bigint) as killed_low,
    cast(events.killed_best as bigint) as killed_best,
    cast(events.killed_high as bigint) as killed_high,
    cast(events.injured_low as bigint) as injured_low,
    cast(events.injured_best as bigint) as injured_best,
    cast(events.injured_high as bigint) as injured_high,
    cast(events.is_aggregate as boolean) as is_aggregate,
    cast(events.attribution_disputed as boolean) as attribution_disputed,
    cast(events.casualties_disputed as boolean) as casualties_disputed,
    cast(events.n_articles as bigint) as n_articles,
    cast(events.n_sources as bigint) as n_sources,
    cast(
        case when events.is_aggregate then 'Aggregate of several events: ' else '' end
        || events.sub_event_type
        || coalesce(' (' || events.event_mode || ')', '')
        || coalesce(' in ' || locations.location_name, '')
        || coalesce(', ' || locations.admin1_name, '')
        || coalesce(' (' || locations.country_code || ')', '')
        || coalesce(' by ' || initiator.actor_name, '')
        || coalesce(' on ' || strftime(events.event_date, '%Y-%m-%d'), '')
        || coalesce(': ' || events.killed_best || ' killed', '')
        || coalesce(case when events.killed_best is null then ': ' else ', ' end || events.injured_best || ' injured', '')
        || '; ' || events.n_articles || case when events.n_articles = 1 then ' article' else ' articles' end
        as varchar
    ) as summary
from events
left join locations using (location_id)
left join targets using (event_id)
left join actors as initiator on initiator.actor_id = events.initiator_actor_id

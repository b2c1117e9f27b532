-- One row per real-world event, reconciled across the articles that report it: its type (the most
-- specific one most statements give), date (the earliest day-precision date, else the earliest date),
-- outlets, and the figures, place and actors reconciled in int_event_figures_reconciled,
-- int_event_places_chosen and int_event_actors_reconciled; with a one-line summary.

with statements as (
    select clustered.event_id, statements.*
    from {{ ref('int_statements_assembled') }} as statements
    inner join {{ ref('int_events_clustered') }} as clustered using (statement_id)
),

types as (
    select event_id, event_family, event_type, sub_event_type, event_mode
    from (
        select
            *,
            bool_or(is_trigger_carried) over (partition by event_id, event_type, sub_event_type, event_mode)
                as is_trigger_carried_any
        from statements
    )
    group by event_id, event_family, event_type, sub_event_type, event_mode, is_trigger_carried_any
    qualify row_number() over (
        partition by event_id
        order by event_mode is null, count(*) desc, is_trigger_carried_any, event_type, sub_event_type, event_mode
    ) = 1
),

dates_and_sources as (
    select
        statements.event_id,
        coalesce(
            min(statements.event_date) filter (where statements.date_precision = 'day'), min(statements.event_date)
        ) as event_date,
        case min(case statements.date_precision when 'day' then 1 when 'week' then 2 when 'month' then 3 else 4 end)
            when 1 then 'day' when 2 then 'week' when 3 then 'month' else 'unknown'
        end as date_precision,
        count(distinct statements.article_id) as n_articles,
        count(distinct outlets.outlet_key) as n_sources,
        bool_or(statements.is_aggregate) as is_aggregate,
        min(statements.aggregate_reason) as aggregate_reason,
        bool_or(statements.mentions_civilian_victims) as mentions_civilian_victims
    from statements
    inner join {{ ref('int_article_outlets_identified') }} as outlets using (article_id)
    group by statements.event_id
),

events as (
    select
        types.*,
        coalesce(types.event_mode, replace(types.event_family, '_', ' ')) as event_subtype,
        dates_and_sources.* exclude (event_id),
        places.* exclude (event_id),
        actors.* exclude (event_id),
        figures.* exclude (event_id, has_toll_update)
    from types
    inner join dates_and_sources using (event_id)
    inner join {{ ref('int_event_places_chosen') }} as places using (event_id)
    inner join {{ ref('int_event_actors_reconciled') }} as actors using (event_id)
    inner join {{ ref('int_event_figures_reconciled') }} as figures using (event_id)
)

select
    *,
    case when is_aggregate then 'Aggregate of several events: ' else '' end
    || sub_event_type
    || coalesce(' (' || event_mode || ')', '')
    || coalesce(' in ' || location_name, '')
    || coalesce(', ' || admin1_name, '')
    || coalesce(' (' || country_code || ')', '')
    || coalesce(' by ' || initiator_name, '')
    || coalesce(' on ' || strftime(event_date, '%Y-%m-%d'), '')
    || coalesce(': ' || killed_best || ' killed', '')
    || coalesce(case when killed_best is null then ': ' else ', ' end || injured_best || ' injured', '')
    || '; ' || n_articles || case when n_articles = 1 then ' article' else ' articles' end
        as summary
from events

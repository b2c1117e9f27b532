-- One row per article event (the statements of one article about one event): its match group, its most
-- precise place (a village before its region), date and figures as that article gives them. A figure
-- repeated in the article counts once: low is the smallest, best and high the largest of its statements'.

with statements as (
    select statements.*, coalesce(locations.geo_precision, 9) as geo_precision
    from {{ ref('int_statements_assembled') }} as statements
    left join {{ ref('int_locations_resolved') }} as locations using (location_id)
),

membership as (
    select * from {{ ref('int_article_events_grouped') }}
),

summarised as (
    select
        membership.article_event_id,
        any_value(statements.article_id) as article_id,
        any_value(statements.match_group) as match_group,
        arg_min(statements.location_id, (statements.geo_precision, statements.location_id)) as location_id,
        bool_or(statements.is_aggregate) as is_aggregate,
        min(statements.event_date) as event_date,
        bool_and(statements.is_date_relative) as is_date_relative,
        arg_min(statements.date_precision,
                case statements.date_precision when 'day' then 1 when 'week' then 2 when 'month' then 3 else 4 end)
            as date_precision,
        {{ largest_figures('statements') }},
        bool_or(statements.has_toll_update) as has_toll_update,
        arg_min(statements.event_type, (statements.sentence_index, statements.event_type)) as event_type
    from statements
    inner join membership using (statement_id)
    group by membership.article_event_id
)

select
    summarised.*,
    locations.feature_class,
    locations.admin1_id,
    locations.country_code,
    summarised.killed_best is not null or summarised.injured_best is not null as has_figures
from summarised
left join {{ ref('int_locations_resolved') }} as locations using (location_id)

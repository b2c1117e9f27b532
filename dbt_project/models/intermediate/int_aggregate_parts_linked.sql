-- Which events an aggregate sums. An aggregate ("killing five and injuring dozens", "two on each
-- side") is linked to the non-aggregate events reported in the same article that give a figure for an
-- outcome it counts and no larger than its own; its figures are never added to theirs.

with events as (
    select event_id, is_aggregate, killed_best, injured_best from {{ ref('int_events_reconciled') }}
),

event_articles as (
    select distinct event_id, article_id from {{ ref('int_events_clustered') }}
)

select distinct
    aggregate.event_id as aggregate_event_id,
    part.event_id as part_event_id
from events as aggregate
inner join event_articles as aggregate_article on aggregate_article.event_id = aggregate.event_id
inner join event_articles as part_article on part_article.article_id = aggregate_article.article_id
inner join events as part on part.event_id = part_article.event_id
where aggregate.is_aggregate
    and not part.is_aggregate
    and (
        (aggregate.killed_best > 0 and part.killed_best > 0 and part.killed_best <= aggregate.killed_best)
        or (aggregate.injured_best > 0 and part.injured_best > 0 and part.injured_best <= aggregate.injured_best)
    )

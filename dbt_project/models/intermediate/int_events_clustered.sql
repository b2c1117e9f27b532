-- Which article events describe one real-world event: connected groups of article events from
-- different articles with the same match group, neither an aggregate (an aggregate is one article's
-- summary), compatible dates (both unknown, or within their precision), compatible figures (none on
-- either side, or at least one figure both give and none in conflict; a toll reported as rising joins
-- the earlier, lower toll) and compatible places (the same place, or one inside the region the other
-- names when a figure agrees too). A whole country is too coarse to say two reports are one event, and
-- unplaced article events never merge across articles.
--
-- A shared city name alone never merges: Kharkiv with 2 killed / 7 injured and Kharkiv with
-- 2 killed / 60 injured stay apart.

with recursive

article_events as (
    select * from {{ ref('int_article_events_summarised') }}
),

edges as (
    select a.article_event_id as node_a, b.article_event_id as node_b
    from article_events as a
    inner join article_events as b
        on a.article_id <> b.article_id
        and a.article_event_id < b.article_event_id
        and a.match_group = b.match_group
        and not a.is_aggregate and not b.is_aggregate
        and a.location_id is not null and b.location_id is not null
    where
        ((a.event_date is null and b.event_date is null) or {{ dates_within_tolerance('a', 'b') }})
        and (
            (not a.has_figures and not b.has_figures)
            or (
                ((a.killed_best is not null and b.killed_best is not null)
                    or (a.injured_best is not null and b.injured_best is not null))
                and (
                    {{ counts_compatible('a.killed_low', 'a.killed_best', 'a.killed_high', 'b.killed_low', 'b.killed_best', 'b.killed_high') }}
                    or (a.has_toll_update and a.killed_best >= b.killed_best)
                    or (b.has_toll_update and b.killed_best >= a.killed_best)
                )
                and (
                    {{ counts_compatible('a.injured_low', 'a.injured_best', 'a.injured_high', 'b.injured_low', 'b.injured_best', 'b.injured_high') }}
                    or (a.has_toll_update and a.injured_best >= b.injured_best)
                    or (b.has_toll_update and b.injured_best >= a.injured_best)
                )
            )
        )
        and (
            a.location_id = b.location_id
            or (a.has_figures and b.has_figures and (
                (a.feature_class = 'admin1' and b.admin1_id = a.location_id)
                or (b.feature_class = 'admin1' and a.admin1_id = b.location_id)
            ))
        )
),

walk(node, label) as (
    {{ connected_components('walk', 'select article_event_id from article_events', 'edges') }}
),

clusters as (
    select node as article_event_id, min(label) as cluster_key
    from walk
    group by node
)

select
    membership.statement_id,
    membership.article_id,
    membership.article_event_id,
    clusters.cluster_key,
    {{ stable_id('evt', ['clusters.cluster_key']) }} as event_id
from {{ ref('int_article_events_grouped') }} as membership
inner join clusters using (article_event_id)

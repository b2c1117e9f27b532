-- Which article events describe one real-world event: connected groups of article events from
-- different articles with the same match group, neither an aggregate (an aggregate is one article's
-- summary), compatible dates, compatible figures and compatible places (the same place, or one inside the
-- region the other names when a figure agrees too). A whole country is too coarse to say two reports are
-- one event, and unplaced article events never merge across articles.
--
-- Figures are compatible when neither side gives one, or at least one figure both give and none in
-- conflict. Tolls rise as the dead are counted: between two reports of the same ACLED event type dated to
-- the same day, the one whose every shared figure is at least the other's is the later count of the same
-- event ("3 killed, 8 injured" in the morning, "7 killed, 36 injured" by night), as long as no figure rose more
-- than var('toll_rise_max_ratio') times ("at least one killed" and "43 killed" the same day are two events);
-- a toll reported as rising joins the earlier, lower one.
--
-- Dates are compatible when both are known and within their precision, or both unknown. A report with no
-- date joins dated reports of the same place only when a figure both give agrees (or neither gives one)
-- and they all fall on one day (within the date tolerance): it cannot join two strikes on different days
-- into one, nor a figure to a report that gives none.
--
-- A shared city name alone never merges: Kharkiv with 2 killed / 7 injured and Kharkiv with
-- 2 killed / 60 injured, neither dated, stay apart.

with recursive

article_events as (
    select * from {{ ref('int_article_events_summarised') }}
),

-- Blocking, so that the work grows with the reports of one place and season rather than with the square of
-- the table. Each report that can merge offers the place keys it matches on (its own place; for a region
-- with figures, the places inside it; for a place with figures, the region around it) and the keys it is
-- found by; its date falls in a block of 32 days, and the widest date tolerance (31 days, a month's
-- precision) never reaches past the neighbouring block. Undated reports are compared with every report of
-- their place, dated or not, as the rules below need.
mergeable as (
    select
        article_event_id,
        article_id,
        match_group,
        floor(date_diff('day', date '1970-01-01', event_date) / 32)::bigint as date_block,
        list_distinct(list_filter([
            'at:' || location_id,
            case when feature_class = 'admin1' and has_figures then 'region:' || location_id end,
            case when has_figures and admin1_id is not null then 'in:' || admin1_id end
        ], lambda key: key is not null)) as probe_keys,
        list_distinct(list_filter([
            'at:' || location_id,
            case when has_figures and admin1_id is not null then 'region:' || admin1_id end,
            case when feature_class = 'admin1' and has_figures then 'in:' || location_id end
        ], lambda key: key is not null)) as index_keys
    from article_events
    where not is_aggregate and location_id is not null
),

probes as (
    select article_event_id, article_id, match_group, date_block, unnest(probe_keys) as place_key
    from mergeable
),

index_entries as (
    select article_event_id, article_id, match_group, date_block, unnest(index_keys) as place_key
    from mergeable
),

candidates as (
    select distinct probe.article_event_id as node_a, entry.article_event_id as node_b
    from (select *, unnest([date_block - 1, date_block, date_block + 1]) as near_block
          from probes where date_block is not null) as probe
    inner join index_entries as entry
        on probe.match_group = entry.match_group
        and probe.place_key = entry.place_key
        and probe.near_block = entry.date_block
        and probe.article_id <> entry.article_id
    union
    select probe.article_event_id, entry.article_event_id
    from probes as probe
    inner join index_entries as entry
        on probe.match_group = entry.match_group
        and probe.place_key = entry.place_key
        and probe.article_id <> entry.article_id
    where probe.date_block is null or entry.date_block is null
),

pairs as (
    select
        a.article_event_id as node_a,
        b.article_event_id as node_b,
        a.event_date as date_a,
        b.event_date as date_b,
        a.event_date is not null and b.event_date is not null as are_both_dated,
        coalesce({{ dates_within_tolerance('a', 'b') }}, false) as are_dates_compatible,
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
        ) as are_figures_compatible,
        (a.killed_best is not null and b.killed_best is not null)
            or (a.injured_best is not null and b.injured_best is not null) as gives_a_shared_figure,
        a.has_figures or b.has_figures as has_figures,
        a.event_type = b.event_type
        and ((a.killed_best is not null and b.killed_best is not null)
            or (a.injured_best is not null and b.injured_best is not null))
        and (
            (coalesce(a.killed_best >= b.killed_best, true) and coalesce(a.injured_best >= b.injured_best, true))
            or (coalesce(b.killed_best >= a.killed_best, true) and coalesce(b.injured_best >= a.injured_best, true))
        )
        and {{ toll_may_rise('a.killed_best', 'b.killed_best') }}
        and {{ toll_may_rise('a.injured_best', 'b.injured_best') }} as is_one_toll_rising
    from candidates
    inner join article_events as a on candidates.node_a = a.article_event_id
    inner join article_events as b on candidates.node_b = b.article_event_id
),

-- an undated report and the dated reports it fits, kept only when those all fall on one day
undated_fits as (
    select node_a, node_b
    from pairs
    where date_a is null and date_b is not null and are_figures_compatible and (gives_a_shared_figure or not has_figures)
    qualify date_diff('day', min(date_b) over (partition by node_a), max(date_b) over (partition by node_a))
        <= {{ var('date_tolerance_days') }}
),

edges as (
    select node_a, node_b
    from pairs
    where node_a < node_b and (
        (are_both_dated and are_dates_compatible and (are_figures_compatible or is_one_toll_rising))
        or (date_a is null and date_b is null and are_figures_compatible)
    )
    union all
    select node_a, node_b from undated_fits
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

-- Which reports describe one real-world event. Two passes, each joining compatible reports into
-- connected groups:
--
-- 1. inside one article: same event family (strikes, clashes and other violence match), same place, same day (+-1 for relative dates, +-7
--    when only the publication week is known),
--    counts that do not conflict (a report may give only one of the figures);
-- 2. across articles (never for aggregates): same family, compatible place (the same known place, or a place inside the region
--    or country the other names, but only when a casualty figure agrees too), compatible date
--    (both unknown, or within the tolerance), and counts that agree on at least one figure both
--    give; two reports that give no figure at all may match on place and date alone.
--
-- A shared city name alone never merges: Kharkiv with 2 killed / 7 injured and Kharkiv with
-- 2 killed / 60 injured stay apart. Aggregates only ever merge with aggregates.

with recursive

reports as (
    select * from {{ ref('int_event_reports_grouped') }}
),

locations as (
    select * from {{ ref('int_locations_resolved') }}
),

within_article_edges as (
    select a.report_id as node_a, b.report_id as node_b
    from reports as a
    inner join reports as b
        on a.article_id = b.article_id
        and a.report_id < b.report_id
        and {{ matching_family('a.event_family') }} = {{ matching_family('b.event_family') }}
        and a.is_aggregate = b.is_aggregate
        and a.location_id is not distinct from b.location_id
    where (a.event_date is null or b.event_date is null or {{ dates_within_tolerance('a', 'b') }})
        and {{ counts_compatible('a.killed_low', 'a.killed_best', 'a.killed_high', 'b.killed_low', 'b.killed_best', 'b.killed_high') }}
        and {{ counts_compatible('a.injured_low', 'a.injured_best', 'a.injured_high', 'b.injured_low', 'b.injured_best', 'b.injured_high') }}
),

within_article_walk(node, label) as (
    {{ connected_components('within_article_walk', 'select report_id from reports', 'within_article_edges') }}
),

article_event_of_report as (
    select node as report_id, min(label) as article_event_id
    from within_article_walk
    group by node
),

article_events as (
    select
        membership.article_event_id,
        any_value(reports.article_id) as article_id,
        any_value({{ matching_family('reports.event_family') }}) as event_family,
        any_value(reports.location_id) as location_id,
        bool_or(reports.is_aggregate) as is_aggregate,
        min(reports.event_date) as event_date,
        bool_and(reports.is_date_relative) as is_date_relative,
        arg_min(reports.date_precision,
                case reports.date_precision when 'day' then 1 when 'week' then 2 when 'month' then 3 else 4 end)
            as date_precision,
        min(reports.killed_low) as killed_low,
        max(reports.killed_best) as killed_best,
        max(reports.killed_high) as killed_high,
        min(reports.injured_low) as injured_low,
        max(reports.injured_best) as injured_best,
        max(reports.injured_high) as injured_high,
        bool_or(reports.has_toll_update) as has_toll_update
    from reports
    inner join article_event_of_report as membership using (report_id)
    group by membership.article_event_id
),

located as (
    select
        article_events.*,
        locations.feature_class,
        locations.admin1_id,
        locations.country_code,
        killed_best is not null or injured_best is not null as has_figures
    from article_events
    left join locations using (location_id)
),

across_article_edges as (
    select a.article_event_id as node_a, b.article_event_id as node_b
    from located as a
    inner join located as b
        on a.article_id <> b.article_id
        and a.article_event_id < b.article_event_id
        and {{ matching_family('a.event_family') }} = {{ matching_family('b.event_family') }}
        -- an aggregate is one article's summary: it is never merged across articles
        and not a.is_aggregate and not b.is_aggregate
    where
        -- dates: both unknown, or both known and close
        ((a.event_date is null and b.event_date is null) or {{ dates_within_tolerance('a', 'b') }})
        -- figures: none on either side, or at least one figure both give and no figure in conflict
        and (
            (not a.has_figures and not b.has_figures)
            or (
                ((a.killed_best is not null and b.killed_best is not null)
                    or (a.injured_best is not null and b.injured_best is not null))
                and (
                    {{ counts_compatible('a.killed_low', 'a.killed_best', 'a.killed_high', 'b.killed_low', 'b.killed_best', 'b.killed_high') }}
                    -- a toll that rises ("rose to 34") is the same event as the earlier, lower toll
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
        -- places: the same, or one inside the other when figures agree; two unplaced reports from
        -- different articles share nothing that says they are one event
        and a.location_id is not null and b.location_id is not null
        and (
            a.location_id is not distinct from b.location_id
            or (a.has_figures and b.has_figures and (
                (a.feature_class = 'admin1' and b.admin1_id = a.location_id)
                or (b.feature_class = 'admin1' and a.admin1_id = b.location_id)
                or (a.feature_class = 'country' and b.country_code = a.country_code)
                or (b.feature_class = 'country' and a.country_code = b.country_code)
            ))
        )
),

across_article_walk(node, label) as (
    {{ connected_components('across_article_walk', 'select article_event_id from located', 'across_article_edges') }}
),

event_of_article_event as (
    select node as article_event_id, min(label) as cluster_key
    from across_article_walk
    group by node
)

select
    reports.report_id,
    reports.article_id,
    membership.article_event_id,
    clusters.cluster_key,
    {{ stable_id('evt', ['clusters.cluster_key']) }} as event_id
from reports
inner join article_event_of_report as membership using (report_id)
inner join event_of_article_event as clusters using (article_event_id)

-- Which statements of one article describe one event: connected groups of statements of the same
-- article with the same match group (strikes, clashes and other violence match each other; see the
-- event_families seed), both aggregates or both not, dates within their precision (same day, +-1 for
-- relative dates, +-7 when only the publication week is known), counts that do not conflict (a statement
-- may give only one of the figures), and
--   * the same place (or both unplaced), or
--   * a region or country and the one place inside it that the article reports compatibly, when a figure
--     both give agrees or the place's statement gives none: "a missile hit the village of Hroza" and "51
--     killed in the Kharkiv region" are one event; "3 killed in the Kharkiv region" and "33 injured in
--     Kharkiv" are two; a region whose figures fit two of its towns joins neither.

with recursive

statements as (
    select statements.*, locations.feature_class, locations.admin1_id, locations.country_code
    from {{ ref('int_statements_assembled') }} as statements
    left join {{ ref('int_locations_resolved') }} as locations using (location_id)
),

compatible as (
    select a.statement_id as node_a, b.statement_id as node_b, a.location_id as place_a, b.location_id as place_b,
        (
            (a.feature_class = 'admin1' and b.admin1_id = a.location_id)
            or (a.feature_class = 'country' and b.feature_class <> 'country' and b.country_code = a.country_code)
        ) and (
            (b.killed_best is null and b.injured_best is null)
            or (a.killed_best is not null and b.killed_best is not null)
            or (a.injured_best is not null and b.injured_best is not null)
        ) as a_contains_b
    from statements as a
    inner join statements as b
        on a.article_id = b.article_id
        and a.statement_id <> b.statement_id
        and a.match_group = b.match_group
        and a.is_aggregate = b.is_aggregate
    where (a.event_date is null or b.event_date is null or {{ dates_within_tolerance('a', 'b') }})
        and {{ counts_compatible('a.killed_low', 'a.killed_best', 'a.killed_high', 'b.killed_low', 'b.killed_best', 'b.killed_high') }}
        and {{ counts_compatible('a.injured_low', 'a.injured_best', 'a.injured_high', 'b.injured_low', 'b.injured_best', 'b.injured_high') }}
),

-- a region or country joins the places inside it only when it fits exactly one of them
containers_with_one_place as (
    select node_a
    from compatible
    where a_contains_b and not (select bool_or(s.is_aggregate) from statements as s where s.statement_id = node_a)
    group by node_a
    having count(distinct place_b) = 1
),

edges as (
    select node_a, node_b from compatible
    where node_a < node_b and place_a is not distinct from place_b
    union all
    select node_a, node_b from compatible
    where a_contains_b and node_a in (select node_a from containers_with_one_place)
),

walk(node, label) as (
    {{ connected_components('walk', 'select statement_id from statements', 'edges') }}
)

select
    statements.statement_id,
    statements.article_id,
    min(walk.label) as article_event_id
from statements
inner join walk on statements.statement_id = walk.node
group by statements.statement_id, statements.article_id

-- Which statements of one article describe one event: connected groups of statements of the same
-- article with the same match group (strikes, clashes and other violence match each other; see the
-- event_families seed), both aggregates or both not, dates within their precision (same day, +-1 for
-- relative dates, +-7 when only the publication week is known), counts that do not conflict (a statement
-- may give only one of the figures), and
--   * the same place (or both unplaced), or
--   * a region, a country or no place, and one place inside it that the article reports compatibly (a figure
--     both give agrees, or the place's statement gives none): "a missile hit the village of Hroza" and "51
--     killed in the Kharkiv region" are one event; "3 killed in the Kharkiv region" and "33 injured in
--     Kharkiv" are two. When the figures fit several places, they join the first one the article names,
--     the lead's place ("At least 16 killed and dozens injured in western Ukraine" joins the strike on
--     Ternopil the article opens with, not Kharkiv named later with "more than 30 wounded").

with recursive

statements as (
    select statements.*, locations.feature_class, locations.admin1_id, locations.country_code
    from {{ ref('int_statements_assembled') }} as statements
    left join {{ ref('int_locations_resolved') }} as locations using (location_id)
),

compatible as (
    select a.statement_id as node_a, b.statement_id as node_b, a.location_id as place_a, b.location_id as place_b,
        b.sentence_index as sentence_b,
        not a.is_aggregate and a.location_id is distinct from b.location_id and (
            (a.location_id is null and b.feature_class <> 'country')
            or (a.feature_class = 'admin1' and b.admin1_id = a.location_id)
            -- a village the text named, of no known region, may lie in its country's region
            or (a.feature_class = 'admin1' and b.feature_class = 'P' and b.admin1_id is null
                and b.country_code = a.country_code)
            or (a.feature_class = 'country' and b.feature_class <> 'country' and b.country_code = a.country_code)
        ) and (
            a.location_id is null
            or
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

places_a_container_fits as (
    select node_a, place_b, min(sentence_b) as first_sentence
    from compatible
    where a_contains_b
    group by node_a, place_b
),

-- the one place a container (or a statement with no place) joins: the first one it fits that the article
-- names, the lead's place
container_places as (
    select node_a, place_b
    from places_a_container_fits
    qualify row_number() over (partition by node_a order by first_sentence, place_b) = 1
),

edges as (
    select node_a, node_b from compatible
    where node_a < node_b and place_a is not distinct from place_b
    union all
    select compatible.node_a, compatible.node_b
    from compatible
    inner join container_places
        on compatible.node_a = container_places.node_a and compatible.place_b = container_places.place_b
    where compatible.a_contains_b
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

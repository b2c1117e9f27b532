-- Which statements of one article describe one event: connected groups of statements of the same
-- article with the same match group (strikes, clashes and other violence match each other; see the
-- event_families seed), both aggregates or both not, the same place (or both unplaced), dates within
-- their precision (same day, +-1 for relative dates, +-7 when only the publication week is known) and
-- counts that do not conflict (a statement may give only one of the figures).

with recursive

statements as (
    select * from {{ ref('int_statements_assembled') }}
),

edges as (
    select a.statement_id as node_a, b.statement_id as node_b
    from statements as a
    inner join statements as b
        on a.article_id = b.article_id
        and a.statement_id < b.statement_id
        and a.match_group = b.match_group
        and a.is_aggregate = b.is_aggregate
        and a.location_id is not distinct from b.location_id
    where (a.event_date is null or b.event_date is null or {{ dates_within_tolerance('a', 'b') }})
        and {{ counts_compatible('a.killed_low', 'a.killed_best', 'a.killed_high', 'b.killed_low', 'b.killed_best', 'b.killed_high') }}
        and {{ counts_compatible('a.injured_low', 'a.injured_best', 'a.injured_high', 'b.injured_low', 'b.injured_best', 'b.injured_high') }}
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

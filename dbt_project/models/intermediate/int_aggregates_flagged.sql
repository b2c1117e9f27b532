-- The one place an aggregate is decided: one row per statement whose figures sum several events, with
-- the reason. An aggregate is kept for traceability, linked to its parts, never merged across articles
-- and never added to other events' totals. The reasons, first that applies:
--
-- * background toll: its sentence names an earlier year than the article's ("killed 10,000 in 1998");
-- * summary cue: its figure comes with a cue the extractor saw ("two on each side", "nationwide",
--   "since the war began");
-- * spread over several places: its figure is given for a group ("attacks on Cherkasy and Zaporizhzhia
--   wounded several");
-- * one of several countries: its figure is tied to a country while its sentence names several
--   ("two dead in Russia and three in Ukraine");
-- * sum of other places: its figure equals the sum of two other places' figures for the same outcome in
--   the same article ("killing five" where three died in the Kharkiv region and two in Sochi).

with reports as (
    select * from {{ ref('int_casualty_reports_located') }}
    where count_best is not null
),

figures as (
    select * from {{ ref('int_statement_figures_chosen') }}
),

statements as (
    select * from {{ ref('int_statements_anchored') }}
),

stated as (
    select
        statement_id,
        case
            when bool_or(anchor_kind = 'background') then 'background toll'
            when bool_or(anchor_kind = 'summary') then 'summary cue'
            when bool_or(anchor_kind = 'group') then 'spread over several places'
            when bool_or(is_group_country_level and n_sentence_countries > 1) then 'one of several countries'
        end as aggregate_reason
    from reports
    group by statement_id
),

place_figures as (
    select statements.statement_id, statements.article_id, statements.location_id, outcome.name, outcome.figure
    from statements
    inner join figures using (statement_id)
    cross join lateral (values ('killed', figures.killed_best), ('injured', figures.injured_best))
        as outcome(name, figure)
    left join stated using (statement_id)
    where statements.location_id is not null and outcome.figure > 0 and stated.aggregate_reason is null
),

sums_of_parts as (
    select distinct total.statement_id, 'sum of other places' as aggregate_reason
    from place_figures as total
    inner join place_figures as part_a
        on total.article_id = part_a.article_id and total.name = part_a.name
        and part_a.location_id <> total.location_id
    inner join place_figures as part_b
        on total.article_id = part_b.article_id and total.name = part_b.name
        and part_b.location_id <> total.location_id
        and part_b.location_id > part_a.location_id
    where part_a.figure + part_b.figure = total.figure
)

select statement_id, aggregate_reason from stated where aggregate_reason is not null
union all
select statement_id, aggregate_reason from sums_of_parts

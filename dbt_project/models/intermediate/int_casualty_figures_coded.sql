{{ config(materialized='view') }}

-- The one place a casualty figure is coded: every claim the extractor read, as a low/best/high
-- figure per outcome. See the `casualty_figures` doc block (models/docs.md) for the rules.
--
-- The extractor records what the sentence states: the number as written, the upper end of a range,
-- a vague word, and a qualifier. Here they become UCDP-style figures:
--   exact N          -> N / N / N
--   at least N       -> N / N / open
--   over N           -> N+1 / N+1 / open
--   about N          -> N / N / N*(1+r), r = var('about_range_ratio'), rounded up: the stated figure is the
--                       conservative count, as ACLED and UCDP code "around 50"; the high end keeps the doubt
--   N to M           -> N / N / M
--   a vague word     -> its row in the vague_numbers seed (ACLED: several 3, dozens 12 ...), plus any
--                       exact part counted with it ("dozens of men and three children")
--   no number        -> NULL ("experienced injuries"); 0 only for an explicit negation
-- A claim about "casualties" (outcome `both`) speaks of the killed and the injured: one row each. Only "no
-- casualties" gives them a figure (0 each): "50 casualties", "over 200 dead and wounded" is a combined toll that
-- no one can split, so its rows carry no figure (the claim and its number stay traceable).
-- A headline's claim stands in for the body only: headlines round and compress ("over 150 dead" where the
-- body says "at least 150", "kill many, several injured" over the body's 33 and 102), so a claim read from a
-- headline the loader put before the body is a report only for an outcome the body gives no figure for (a
-- figure in a sentence that names a year of its own, "In June 2021, 160 people were killed", is background and
-- does not count as the body's). It stays in raw.mentions either way.

with claims as (
    select * from {{ ref('int_mentions_filtered') }}
    where mention_type = 'casualty'
),

vague_numbers as (
    select term, count_low, count_best, count_high from {{ ref('vague_numbers') }}
),

outcomes as (
    select claims.*, claims.outcome as coded_outcome, false as is_combined_toll
    from claims where claims.outcome <> 'both'
    union all
    select claims.*, both_outcomes.outcome, coalesce(claims.count_stated, -1) <> 0
    from claims
    cross join (values ('killed'), ('injured')) as both_outcomes(outcome)
    where claims.outcome = 'both'
),

outcomes_the_body_counts as (
    select distinct article_id, coded_outcome
    from outcomes
    where not coalesce(is_headline, false)
        and not coalesce(is_hypothetical, false) and not coalesce(is_subset, false)
        and not coalesce(is_earlier_report, false) and year_stated is null
        and (count_stated is not null or vague_term is not null or coalesce(is_negated, false))
        and not is_combined_toll
),

reports as (
    select outcomes.*
    from outcomes
    where not (
        coalesce(outcomes.is_headline, false)
        and exists (
            select 1 from outcomes_the_body_counts as body
            where body.article_id = outcomes.article_id and body.coded_outcome = outcomes.coded_outcome
        )
    )
)

select
    {{ stable_id('cas', ['reports.mention_id', 'reports.coded_outcome']) }} as report_id,
    reports.mention_id,
    reports.article_id,
    reports.sentence_index,
    reports.paragraph_index,
    reports.clause_index,
    reports.sentence_start,
    reports.sentence_end,
    reports.char_start,
    reports.char_end,
    reports.mention_text as claim_text,
    reports.coded_outcome as outcome,
    reports.victim_group,
    reports.count_stated,
    reports.count_stated_high,
    reports.vague_term,
    reports.qualifier,
    case
        when reports.is_combined_toll then null
        when reports.vague_term is not null then vague_numbers.count_low + coalesce(reports.count_stated, 0)
        when reports.count_stated_high is not null then reports.count_stated
        when reports.qualifier = 'over' then reports.count_stated + 1
        else reports.count_stated
    end::bigint as count_low,
    case
        when reports.is_combined_toll then null
        when reports.vague_term is not null then vague_numbers.count_best + coalesce(reports.count_stated, 0)
        when reports.qualifier = 'over' and reports.count_stated_high is null then reports.count_stated + 1
        else reports.count_stated
    end::bigint as count_best,
    case
        when reports.is_combined_toll then null
        when reports.vague_term is not null then vague_numbers.count_high + coalesce(reports.count_stated, 0)
        when reports.count_stated_high is not null then reports.count_stated_high
        when reports.qualifier in ('at_least', 'over') then null
        when reports.qualifier = 'about'
            then ceil(reports.count_stated * (1 + {{ var('about_range_ratio') }}))
        else reports.count_stated
    end::bigint as count_high,
    reports.is_subset,
    reports.is_negated,
    reports.has_summary_cue,
    reports.is_toll_update,
    reports.cause,
    reports.is_hypothetical,
    reports.year_stated,
    reports.is_earlier_report,
    reports.extracted_at
from reports
left join vague_numbers on reports.vague_term = vague_numbers.term

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
-- A claim about "casualties" (outcome `both`) speaks of the killed and the injured: one row each.

with claims as (
    select * from {{ ref('int_mentions_filtered') }}
    where mention_type = 'casualty'
),

vague_numbers as (
    select term, count_low, count_best, count_high from {{ ref('vague_numbers') }}
),

outcomes as (
    select claims.*, claims.outcome as coded_outcome from claims where claims.outcome <> 'both'
    union all
    select claims.*, both_outcomes.outcome
    from claims
    cross join (values ('killed'), ('injured')) as both_outcomes(outcome)
    where claims.outcome = 'both'
)

select
    {{ stable_id('cas', ['outcomes.mention_id', 'outcomes.coded_outcome']) }} as report_id,
    outcomes.mention_id,
    outcomes.article_id,
    outcomes.sentence_index,
    outcomes.paragraph_index,
    outcomes.clause_index,
    outcomes.sentence_start,
    outcomes.sentence_end,
    outcomes.char_start,
    outcomes.char_end,
    outcomes.mention_text as claim_text,
    outcomes.coded_outcome as outcome,
    outcomes.victim_group,
    outcomes.count_stated,
    outcomes.count_stated_high,
    outcomes.vague_term,
    outcomes.qualifier,
    case
        when outcomes.vague_term is not null then vague_numbers.count_low + coalesce(outcomes.count_stated, 0)
        when outcomes.count_stated_high is not null then outcomes.count_stated
        when outcomes.qualifier = 'over' then outcomes.count_stated + 1
        else outcomes.count_stated
    end::bigint as count_low,
    case
        when outcomes.vague_term is not null then vague_numbers.count_best + coalesce(outcomes.count_stated, 0)
        when outcomes.qualifier = 'over' and outcomes.count_stated_high is null then outcomes.count_stated + 1
        else outcomes.count_stated
    end::bigint as count_best,
    case
        when outcomes.vague_term is not null then vague_numbers.count_high + coalesce(outcomes.count_stated, 0)
        when outcomes.count_stated_high is not null then outcomes.count_stated_high
        when outcomes.qualifier in ('at_least', 'over') then null
        when outcomes.qualifier = 'about'
            then ceil(outcomes.count_stated * (1 + {{ var('about_range_ratio') }}))
        else outcomes.count_stated
    end::bigint as count_high,
    outcomes.is_subset,
    outcomes.is_negated,
    outcomes.has_summary_cue,
    outcomes.is_toll_update,
    outcomes.cause,
    outcomes.is_hypothetical,
    outcomes.year_stated,
    outcomes.is_earlier_report,
    outcomes.extracted_at
from outcomes
left join vague_numbers on outcomes.vague_term = vague_numbers.term

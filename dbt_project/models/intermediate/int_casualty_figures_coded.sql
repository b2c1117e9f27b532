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
-- A headline's claim stands in for the body only: headlines round and compress ("over 90 dead" where the
-- body says "at least 90", "strikes kill many" over the body's 27), so a claim read from a headline the loader
-- put before the body is a report only when it states a larger number than any the body gives for its outcome
-- ("4 injured" over a body that names only the one critically injured), or the body gives none. A figure in a
-- sentence that names a year of its own ("In May 2019, 40 people were killed") is background and does not
-- count as the body's. The claim stays in raw.mentions either way.

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

-- each claim with its vague word's seed row, and the number it states (a vague word read as its seed's low,
-- "several" 3) to weigh a headline against its body
outcomes_stated as (
    select
        outcomes.*,
        vague_numbers.count_low as vague_low,
        vague_numbers.count_best as vague_best,
        vague_numbers.count_high as vague_high,
        case
            when outcomes.vague_term is not null then vague_numbers.count_low + coalesce(outcomes.count_stated, 0)
            else outcomes.count_stated
        end as stated_number
    from outcomes
    left join vague_numbers on outcomes.vague_term = vague_numbers.term
),

body_figures as (
    select article_id, coded_outcome, max(stated_number) as largest_stated_number
    from outcomes_stated
    where not coalesce(is_headline, false)
        and not coalesce(is_hypothetical, false) and not coalesce(is_subset, false)
        and not coalesce(is_earlier_report, false) and year_stated is null
        and stated_number is not null
        and not is_combined_toll
    group by article_id, coded_outcome
),

reports as (
    select outcomes_stated.*
    from outcomes_stated
    left join body_figures
        on outcomes_stated.article_id = body_figures.article_id
        and outcomes_stated.coded_outcome = body_figures.coded_outcome
    where not coalesce(outcomes_stated.is_headline, false)
        or body_figures.largest_stated_number is null
        or outcomes_stated.stated_number > body_figures.largest_stated_number
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
        when reports.vague_term is not null then reports.vague_low + coalesce(reports.count_stated, 0)
        when reports.count_stated_high is not null then reports.count_stated
        when reports.qualifier = 'over' then reports.count_stated + 1
        else reports.count_stated
    end::bigint as count_low,
    case
        when reports.is_combined_toll then null
        when reports.vague_term is not null then reports.vague_best + coalesce(reports.count_stated, 0)
        when reports.qualifier = 'over' and reports.count_stated_high is null then reports.count_stated + 1
        else reports.count_stated
    end::bigint as count_best,
    case
        when reports.is_combined_toll then null
        when reports.vague_term is not null then reports.vague_high + coalesce(reports.count_stated, 0)
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

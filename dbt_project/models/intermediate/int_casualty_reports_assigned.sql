-- Every casualty report that belongs to an event, with the event and whether it is part of an
-- aggregate (int_aggregates_flagged). victim_group is 'all' for a report about everyone hurt and the
-- group a subset counts otherwise ("including nine children": children).

select
    reports.report_id,
    clustered.event_id,
    reports.article_id,
    reports.outcome,
    case when reports.is_subset then reports.victim_group else 'all' end as victim_group,
    reports.victim_group as victim_description,
    reports.count_stated,
    reports.vague_term,
    reports.count_low,
    reports.count_best,
    reports.count_high,
    reports.qualifier,
    reports.is_subset,
    aggregates.statement_id is not null as is_aggregate,
    reports.is_negated,
    reports.is_toll_update,
    reports.claim_text,
    reports.sentence_text,
    reports.char_start,
    reports.char_end
from {{ ref('int_casualty_reports_located') }} as reports
inner join {{ ref('int_events_clustered') }} as clustered using (statement_id)
left join {{ ref('int_aggregates_flagged') }} as aggregates using (statement_id)

-- Every casualty claim that belongs to an event, with the sentence it came from.

select
    cast(claims.claim_id as varchar) as report_id,
    cast(clustered.event_id as varchar) as event_id,
    cast(claims.article_id as varchar) as article_id,
    cast(claims.outcome as varchar) as outcome,
    cast(case when claims.is_subset then claims.victim_group else 'all' end as varchar) as victim_group,
    cast(claims.victim_group as varchar) as victim_description,
    cast(claims.count_low as bigint) as count_low,
    cast(claims.count_best as bigint) as count_best,
    cast(claims.count_high as bigint) as count_high,
    cast(claims.qualifier as varchar) as qualifier,
    cast(claims.is_subset as boolean) as is_subset,
    cast(claims.is_aggregate or reports.is_aggregate as boolean) as is_aggregate,
    cast(claims.is_negated as boolean) as is_negated,
    cast(claims.is_toll_update as boolean) as is_toll_update,
    cast(claims.claim_text as varchar) as claim_text,
    cast(claims.sentence_text as varchar) as sentence_text,
    cast(claims.char_start as integer) as char_start,
    cast(claims.char_end as integer) as char_end
from {{ ref('int_casualty_claims_resolved') }} as claims
inner join {{ ref('int_events_clustered') }} as clustered using (report_id)
inner join {{ ref('int_event_reports_grouped') }} as reports using (report_id)

select
    cast(event_id as varchar) as event_id,
    cast(outcome as varchar) as outcome,
    cast(victim_group as varchar) as victim_group,
    cast(count_low as bigint) as count_low,
    cast(count_best as bigint) as count_best,
    cast(count_high as bigint) as count_high,
    cast(n_reports as bigint) as n_reports
from {{ ref('int_casualties_grouped') }}

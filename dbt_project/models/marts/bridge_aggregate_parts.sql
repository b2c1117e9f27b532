select
    cast(aggregate_event_id as varchar) as aggregate_event_id,
    cast(part_event_id as varchar) as part_event_id
from {{ ref('int_aggregate_parts_linked') }}

select
    cast(event_id as varchar) as event_id,
    cast(actor_id as varchar) as actor_id,
    cast(role as varchar) as role
from {{ ref('int_event_actors_assigned') }}

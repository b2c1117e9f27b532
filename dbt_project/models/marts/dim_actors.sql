select
    cast(actor_id as varchar) as actor_id,
    cast(actor_name as varchar) as actor_name,
    cast(actor_type as varchar) as actor_type,
    cast(nullif(country_code, '') as varchar) as country_code,
    cast(nullif(parent_actor_id, '') as varchar) as parent_actor_id
from {{ ref('actors') }}

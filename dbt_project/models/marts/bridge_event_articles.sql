select distinct
    cast(event_id as varchar) as event_id,
    cast(article_id as varchar) as article_id
from {{ ref('int_events_clustered') }}

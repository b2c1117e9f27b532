select
    article_id,
    source_uri,
    record_number,
    title,
    source_name,
    url,
    published_date,
    external_id,
    first_seen_at
from {{ source('news', 'article_sources') }}

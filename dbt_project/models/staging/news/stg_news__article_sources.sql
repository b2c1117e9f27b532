select
    article_id,
    source_uri,
    record_number,
    title,
    source_name,
    url,
    published_date,
    published_at,
    published_text,
    external_id,
    first_seen_at
from {{ source('news', 'article_sources') }}

with source as (
    select * from {{ source('news', 'articles') }}
)

select
    article_id,
    content_hash,
    nullif(trim(title), '') as title,
    nullif(trim(source_name), '') as source_name,
    source_uri,
    record_number,
    url,
    published_date,
    clean_text,
    raw_text,
    lines_removed,
    paragraphs_removed,
    encoding,
    duplicate_of_article_id,
    near_duplicate_similarity,
    extractor_version,
    ingested_at,
    -- An outlet is the named source, else the web host, else the article itself: two articles
    -- with no outlet information are never assumed to share an outlet.
    coalesce(
        lower(nullif(trim(source_name), '')),
        nullif(regexp_extract(url, '^[a-z]+://(www\.)?([^/:]+)', 2), ''),
        'unknown:' || article_id
    ) as outlet_key
from source

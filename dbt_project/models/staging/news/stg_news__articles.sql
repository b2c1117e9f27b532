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
    language,
    extraction_skipped_reason,
    duplicate_of_article_id,
    near_duplicate_similarity,
    extractor_version,
    ingested_at
from source

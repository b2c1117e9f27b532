-- Only current articles: an earlier version superseded by a correction (same URL or source id) and an
-- article removed by the exclusion list stay in raw.articles, marked by the loader, and are left out here.

with everything as (
    select * from {{ source('news', 'articles') }}
),

source as (
    select * from everything
    where superseded_by_article_id is null and removed_at is null
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
    published_at,
    clean_text,
    -- older warehouses wrote no headline length: their bodies were read without one
    coalesce(headline_length, 0) as headline_length,
    raw_text,
    lines_removed,
    paragraphs_removed,
    encoding,
    language,
    extraction_skipped_reason,
    -- a rewrite of an article that has left the models is no longer anyone's duplicate
    case when duplicate_of_article_id in (select article_id from source) then duplicate_of_article_id end
        as duplicate_of_article_id,
    near_duplicate_similarity,
    extractor_version,
    ingested_at
from source

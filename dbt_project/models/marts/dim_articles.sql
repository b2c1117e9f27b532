select
    cast(article_id as varchar) as article_id,
    cast(title as varchar) as title,
    cast(source_name as varchar) as source_name,
    cast(source_uri as varchar) as source_uri,
    cast(url as varchar) as url,
    cast(published_date as date) as published_date,
    cast(published_at as timestamp) as published_at,
    cast(content_hash as varchar) as content_hash,
    cast(duplicate_of_article_id as varchar) as duplicate_of_article_id,
    cast(ingested_at as timestamp) as ingested_at,
    cast(n_source_records as bigint) as n_source_records,
    cast(lines_removed as integer) as lines_removed,
    cast(paragraphs_removed as integer) as paragraphs_removed,
    cast(outlet_key as varchar) as outlet_key,
    cast(language as varchar) as language,
    cast(extraction_skipped_reason as varchar) as extraction_skipped_reason
from {{ ref('int_article_outlets_identified') }}

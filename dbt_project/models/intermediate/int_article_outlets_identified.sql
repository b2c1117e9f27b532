-- One row per article with the outlet it counts for and the number of files or records it was found in.
-- An outlet is the named source, else the web host, else the article itself: two articles with no
-- outlet information are never assumed to share an outlet (n_sources would be understated).

with articles as (
    select * from {{ ref('stg_news__articles') }}
),

source_records as (
    select article_id, count(*) as n_source_records
    from {{ ref('stg_news__article_sources') }}
    group by article_id
)

select
    articles.article_id,
    articles.title,
    articles.source_name,
    articles.source_uri,
    articles.url,
    articles.published_date,
    articles.published_at,
    articles.content_hash,
    articles.duplicate_of_article_id,
    articles.ingested_at,
    articles.lines_removed,
    articles.paragraphs_removed,
    articles.language,
    articles.extraction_skipped_reason,
    coalesce(source_records.n_source_records, 1) as n_source_records,
    coalesce(
        lower(articles.source_name),
        nullif(regexp_extract(articles.url, '^[a-z]+://(www\.)?([^/:]+)', 2), ''),
        'unknown:' || articles.article_id
    ) as outlet_key
from articles
left join source_records using (article_id)

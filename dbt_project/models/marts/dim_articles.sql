with articles as (
    select * from {{ ref('stg_news__articles') }}
),

sources as (
    select article_id, count(*) as n_source_records
    from {{ ref('stg_news__article_sources') }}
    group by article_id
)

select
    cast(articles.article_id as varchar) as article_id,
    cast(articles.title as varchar) as title,
    cast(articles.source_name as varchar) as source_name,
    cast(articles.source_uri as varchar) as source_uri,
    cast(articles.url as varchar) as url,
    cast(articles.published_date as date) as published_date,
    cast(articles.content_hash as varchar) as content_hash,
    cast(articles.duplicate_of_article_id as varchar) as duplicate_of_article_id,
    cast(articles.ingested_at as timestamp) as ingested_at,
    cast(coalesce(sources.n_source_records, 1) as bigint) as n_source_records,
    cast(articles.lines_removed as integer) as lines_removed,
    cast(articles.paragraphs_removed as integer) as paragraphs_removed
from articles
left join sources using (article_id)

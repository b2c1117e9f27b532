{{ config(materialized='view') }}

-- The mentions every model reads: those of current articles only. An earlier version superseded by a
-- correction and an article removed by the exclusion list keep their mentions in raw.mentions; this is the
-- one place they are left out (stg_news__articles leaves out the articles themselves).
-- A mention read from a headline the loader put before the body (its sentence starts inside the article's
-- headline_length) is marked, so that the rules that weigh a headline against its body can tell it.

select
    mentions.*,
    mentions.sentence_start < articles.headline_length as is_headline
from {{ ref('stg_news__mentions') }} as mentions
inner join {{ ref('stg_news__articles') }} as articles on mentions.article_id = articles.article_id

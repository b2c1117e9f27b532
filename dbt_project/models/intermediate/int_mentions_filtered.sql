{{ config(materialized='view') }}

-- The mentions every model reads: those of current articles only. An earlier version superseded by a
-- correction and an article removed by the exclusion list keep their mentions in raw.mentions; this is the
-- one place they are left out (stg_news__articles leaves out the articles themselves).

select mentions.*
from {{ ref('stg_news__mentions') }} as mentions
where mentions.article_id in (select article_id from {{ ref('stg_news__articles') }})

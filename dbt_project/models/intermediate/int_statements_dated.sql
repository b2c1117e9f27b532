-- The date of each statement: a date in its own sentence, else the date its article leads with
-- ("... exchanged drone salvos Wednesday"), else the article's publication date at week precision.
-- Nothing is dated without one of them: an undated article gives date_precision 'unknown'.

with statements as (
    select statement_id, article_id, sentence_index from {{ ref('int_statements_anchored') }}
),

articles as (
    select article_id, published_date from {{ ref('stg_news__articles') }}
),

dates as (
    select * from {{ ref('int_mentions_filtered') }}
    where mention_type = 'date' and resolved_date is not null
),

sentence_dates as (
    select
        article_id,
        sentence_index,
        arg_min(resolved_date, (char_start, char_end, resolved_date, date_precision)) as event_date,
        arg_min(date_precision, (char_start, char_end, resolved_date, date_precision)) as date_precision,
        -- a weekday is read against the publication date too, and may be a day off in the event's time zone
        bool_or(label in ('relative', 'weekday')) as is_relative
    from dates
    group by all
),

lead_dates as (
    select
        article_id,
        arg_min(resolved_date, (sentence_index, char_start, char_end, resolved_date, date_precision)) as event_date,
        arg_min(date_precision, (sentence_index, char_start, char_end, resolved_date, date_precision))
            as date_precision
    from dates
    where paragraph_index = 0
    group by article_id
)

select
    statements.statement_id,
    coalesce(sentence_dates.event_date, lead_dates.event_date, articles.published_date) as event_date,
    case
        when sentence_dates.event_date is not null then sentence_dates.date_precision
        when lead_dates.event_date is not null then lead_dates.date_precision
        when articles.published_date is not null then 'week'
        else 'unknown'
    end as date_precision,
    -- an inherited date is as loose as a relative one
    coalesce(sentence_dates.is_relative, true) as is_date_relative
from statements
inner join articles using (article_id)
left join sentence_dates using (article_id, sentence_index)
left join lead_dates using (article_id)

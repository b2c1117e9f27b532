{{ config(materialized='incremental', unique_key='article_id', incremental_strategy='delete+insert',
          on_schema_change='sync_all_columns',
          post_hook="{{ delete_articles_no_longer_current() }}") }}

-- Places that can anchor an event report, one row per place mention, with the coordination group
-- it belongs to inside its sentence ("the cities of Cherkasy and Zaporizhzhia" is one group of two).
-- A place that contains another place named in the same sentence ("In Ukraine, ... the Kharkiv
-- region") is context for the finer place, not a place of its own.
-- A place an attack came from ("rocket fire from Lebanon", place_role 'origin') is not where it struck, and a
-- place that only says where another lies ("Ramenskoye, a Moscow suburb", place_role 'context') is not either.

with places as (
    select * from {{ ref('int_mentions_filtered') }}
    where mention_type = 'place'
        and place_role is null
    {% if is_incremental() %}
        -- only articles (re-)extracted since the last run; their rows are replaced whole
        {{ extracted_since_last_run(ref('int_mentions_filtered')) }}
    {% endif %}
),

articles as (
    select article_id, clean_text from {{ ref('stg_news__articles') }}
),

containers as (
    select distinct outer_place.mention_id
    from places as outer_place
    inner join places as inner_place
        on outer_place.article_id = inner_place.article_id
        and outer_place.sentence_index = inner_place.sentence_index
        and outer_place.mention_id <> inner_place.mention_id
        and outer_place.location_id <> inner_place.location_id
    where (outer_place.feature_class = 'admin1' and inner_place.admin1_id = outer_place.location_id)
        or (outer_place.feature_class = 'country' and inner_place.feature_class <> 'country'
            and inner_place.country_code = outer_place.country_code)
),

kept as (
    select places.*
    from places
    where mention_id not in (select mention_id from containers)
),

with_gap as (
    select
        kept.*,
        lag(kept.char_end) over sentence_order as previous_end,
        substring(
            articles.clean_text,
            lag(kept.char_end) over sentence_order + 1,
            kept.char_start - lag(kept.char_end) over sentence_order
        ) as text_since_previous
    from kept
    inner join articles using (article_id)
    window sentence_order as (partition by kept.article_id, kept.sentence_index order by kept.char_start)
),

flagged as (
    select
        *,
        -- A new group starts unless only list glue (commas, 'and', 'or') separates this place from the last.
        case
            when previous_end is null then 1
            when regexp_full_match(lower(text_since_previous), '[\s,]*(and|or|as well as)?[\s,]*(the )?') then 0
            else 1
        end as starts_group
    from with_gap
)

select
    mention_id,
    article_id,
    sentence_index,
    paragraph_index,
    clause_index,
    char_start,
    char_end,
    location_id,
    location_name,
    feature_class,
    admin1_id,
    admin1_name,
    country_code,
    latitude,
    longitude,
    geonames_id,
    geo_precision,
    extracted_at,
    sum(starts_group) over (
        partition by article_id, sentence_index order by char_start rows unbounded preceding
    ) as place_group_index
from flagged

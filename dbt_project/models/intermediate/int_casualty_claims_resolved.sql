{{ config(materialized='incremental', unique_key='article_id', incremental_strategy='delete+insert',
          on_schema_change='sync_all_columns') }}

-- One row per casualty claim, tied to the place it is about and flagged when it is an aggregate.
--
-- * A claim is about the nearest group of places in its sentence (ties go to the place before it).
-- * A claim in a sentence with no place carries the last single place named in the previous
--   few sentences of the article ("Synegubov said two people were killed in the attack").
-- * A claim is an aggregate (kept, never added to events) when the extractor saw a summary cue
--   ("two on each side", "nationwide"), when it is spread over several places ("attacks on Cherkasy
--   and Zaporizhzhia wounded several"), or when it is tied to one of several countries named in its
--   sentence ("two dead in Russia and three in Ukraine"). A total that equals the sum of other
--   places' figures is found later, in int_event_reports_grouped.

with claims as (
    select * from {{ ref('stg_news__mentions') }}
    where mention_type = 'casualty'
    {% if is_incremental() %}
        -- only articles (re-)extracted since the last run; their rows are replaced whole
        {{ extracted_since_last_run(ref('stg_news__mentions')) }}
    {% endif %}
),

articles as (
    select article_id, clean_text from {{ ref('stg_news__articles') }}
),

groups as (
    select * from {{ ref('int_place_groups_summarised') }}
),

places as (
    select * from {{ ref('int_places_grouped') }}
),

sentence_countries as (
    select article_id, sentence_index, count(distinct country_code) as n_countries
    from {{ ref('stg_news__mentions') }}
    where mention_type = 'place'
    group by all
),

distances as (
    select
        claims.mention_id,
        groups.place_group_index,
        groups.n_locations,
        groups.first_location_id,
        groups.is_country_level,
        row_number() over (
            partition by claims.mention_id
            order by {{ nearest_first('claims.char_start', 'claims.char_end', 'claims.clause_index', 'groups.group_start', 'groups.group_end', 'groups.group_clause') }}
        ) as nearness
    from claims
    inner join groups
        on claims.article_id = groups.article_id
        and claims.sentence_index = groups.sentence_index
),

nearest as (
    select * from distances where nearness = 1
),

-- The last place named in the few sentences before the claim, and whether it stood alone.
previous_places as (
    select
        claims.mention_id,
        arg_max(places.location_id, places.sentence_index * 1000000 + places.char_start) as location_id,
        arg_max(groups.n_locations, places.sentence_index * 1000000 + places.char_start) as n_locations
    from claims
    inner join places
        on claims.article_id = places.article_id
        and places.sentence_index between claims.sentence_index - {{ var('place_carry_sentences') }}
            and claims.sentence_index - 1
    inner join groups
        on places.article_id = groups.article_id
        and places.sentence_index = groups.sentence_index
        and places.place_group_index = groups.place_group_index
    group by claims.mention_id
),

resolved as (
    select
        claims.mention_id as claim_id,
        claims.article_id,
        claims.sentence_index,
        claims.paragraph_index,
        claims.sentence_start,
        claims.sentence_end,
        substring(articles.clean_text, claims.sentence_start + 1, claims.sentence_end - claims.sentence_start)
            as sentence_text,
        claims.char_start,
        claims.char_end,
        claims.mention_text as claim_text,
        claims.outcome,
        claims.victim_group,
        claims.count_low,
        claims.count_best,
        claims.count_high,
        claims.qualifier,
        claims.is_subset,
        claims.is_negated,
        claims.is_toll_update,
        claims.extracted_at,
        nearest.place_group_index,
        coalesce(nearest.n_locations, 0) as n_group_locations,
        case
            when claims.count_best is null then null  -- no figure, nothing to add up
            when claims.is_aggregate_hint then 'summary cue'
            when nearest.n_locations > 1 then 'spread over several places'
            when nearest.is_country_level and sentence_countries.n_countries > 1 then 'one of several countries'
        end as aggregate_reason,
        case
            when nearest.n_locations = 1 then nearest.first_location_id
            when nearest.place_group_index is null and not claims.is_aggregate_hint and previous_places.n_locations = 1
                then previous_places.location_id
        end as location_id,
        coalesce(nearest.place_group_index is null and not claims.is_aggregate_hint
            and previous_places.n_locations = 1, false) as is_location_carried
    from claims
    inner join articles using (article_id)
    left join nearest on claims.mention_id = nearest.mention_id
    left join previous_places on claims.mention_id = previous_places.mention_id
    left join sentence_countries
        on claims.article_id = sentence_countries.article_id
        and claims.sentence_index = sentence_countries.sentence_index
)

select
    *,
    aggregate_reason is not null as is_aggregate,
    case
        when aggregate_reason is not null
            then {{ stable_id('rep', ['article_id', 'sentence_index', "'aggregate'", 'place_group_index']) }}
        else {{ stable_id('rep', ['article_id', 'sentence_index', 'location_id']) }}
    end as report_id
from resolved

with source as (
    select * from {{ source('news', 'mentions') }}
)

select
    mention_id,
    article_id,
    sentence_index,
    paragraph_index,
    clause_index,
    sentence_start,
    sentence_end,
    char_start,
    char_end,
    mention_type,
    label,
    text as mention_text,
    -- place
    case when mention_type = 'place' then value_text end as location_id,
    case when mention_type = 'place' then attributes ->> 'location_name' end as location_name,
    case when mention_type = 'place' then attributes ->> 'feature_class' end as feature_class,
    case when mention_type = 'place' then attributes ->> 'admin1_id' end as admin1_id,
    case when mention_type = 'place' then attributes ->> 'admin1_name' end as admin1_name,
    case when mention_type = 'place' then attributes ->> 'country_code' end as country_code,
    case when mention_type = 'place' then try_cast(attributes ->> 'latitude' as double) end as latitude,
    case when mention_type = 'place' then try_cast(attributes ->> 'longitude' as double) end as longitude,
    case when mention_type = 'place' then try_cast(attributes ->> 'geonames_id' as bigint) end as geonames_id,
    case when mention_type = 'place' then try_cast(attributes ->> 'geo_precision' as integer) end as geo_precision,
    case when mention_type = 'place' then attributes ->> 'role' end as place_role,
    -- actor
    case when mention_type = 'actor' then value_text end as actor_id,
    case when mention_type = 'actor' then attributes ->> 'alias_kind' end as actor_alias_kind,
    -- trigger
    case when mention_type = 'trigger' then value_text end as event_family,
    case when mention_type = 'trigger' then attributes ->> 'event_type' end as event_type,
    case when mention_type = 'trigger' then attributes ->> 'sub_event_type' end as sub_event_type,
    case when mention_type = 'trigger' then attributes ->> 'mode' end as event_mode,
    case when mention_type = 'trigger' then attributes ->> 'initiator_actor_id' end as initiator_actor_id,
    coalesce(mention_type = 'trigger' and (attributes ->> 'is_background')::boolean, false) as is_background,
    -- date
    case when mention_type = 'date' then try_cast(value_text as date) end as resolved_date,
    case when mention_type = 'date' then coalesce(attributes ->> 'precision', 'unknown') end as date_precision,
    -- casualty claim
    outcome,
    victim_group,
    count_stated,
    count_stated_high,
    vague_term,
    qualifier,
    is_subset,
    is_negated,
    has_summary_cue,
    cause,
    is_hypothetical,
    year_stated,
    coalesce(try_cast(attributes ->> 'is_earlier_report' as boolean), false) as is_earlier_report,
    is_toll_update,
    extractor_version,
    extracted_at
from source

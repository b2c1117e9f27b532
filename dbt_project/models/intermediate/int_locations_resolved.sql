-- One row per place the articles name, with its hierarchy. Every spelling resolves to one location_id.
-- A town is called as the articles most often spell it ("Mykolaiv", where the gazetteer has "Mykolayiv");
-- a region or country keeps its gazetteer name ("Kharkiv Oblast", not "Kharkiv region").

with places as (
    select * from {{ ref('int_mentions_filtered') }}
    where mention_type = 'place'
),

spellings as (
    select location_id, mention_text, count(*) as n_mentions
    from places
    group by location_id, mention_text
    qualify row_number() over (partition by location_id order by count(*) desc, mention_text) = 1
)

select
    places.location_id,
    case when any_value(places.feature_class) = 'P' then any_value(spellings.mention_text)
        else any_value(places.location_name) end as location_name,
    any_value(places.location_name) as gazetteer_name,
    any_value(places.feature_class) as feature_class,
    any_value(places.admin1_id) as admin1_id,
    any_value(places.admin1_name) as admin1_name,
    any_value(places.country_code) as country_code,
    any_value(places.latitude) as latitude,
    any_value(places.longitude) as longitude,
    any_value(places.geonames_id) as geonames_id,
    any_value(places.geo_precision) as geo_precision
from places
inner join spellings using (location_id)
group by places.location_id

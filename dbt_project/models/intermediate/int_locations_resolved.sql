-- One row per place the articles name, with its hierarchy. Every spelling resolves to one location_id.

select
    location_id,
    arg_max(location_name, char_start) as location_name,
    any_value(feature_class) as feature_class,
    any_value(admin1_id) as admin1_id,
    any_value(admin1_name) as admin1_name,
    any_value(country_code) as country_code,
    any_value(latitude) as latitude,
    any_value(longitude) as longitude,
    any_value(geonames_id) as geonames_id,
    any_value(geo_precision) as geo_precision
from {{ ref('stg_news__mentions') }}
where mention_type = 'place'
group by location_id

select
    cast(location_id as varchar) as location_id,
    cast(location_name as varchar) as location_name,
    cast(gazetteer_name as varchar) as gazetteer_name,
    cast(feature_class as varchar) as feature_class,
    cast(admin1_name as varchar) as admin1_name,
    cast(country_code as varchar) as country_code,
    cast(latitude as double) as latitude,
    cast(longitude as double) as longitude,
    cast(geonames_id as bigint) as geonames_id
from {{ ref('int_locations_resolved') }}

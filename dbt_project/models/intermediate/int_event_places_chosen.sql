-- The place of each event: the most precise place its statements name (a town before a region before a
-- country), the most often named on a tie; NULL when no statement names one.

with places as (
    select
        clustered.event_id,
        statements.location_id,
        locations.geo_precision,
        count(*) as n_statements
    from {{ ref('int_events_clustered') }} as clustered
    inner join {{ ref('int_statements_assembled') }} as statements using (statement_id)
    left join {{ ref('int_locations_resolved') }} as locations using (location_id)
    group by clustered.event_id, statements.location_id, locations.geo_precision
    qualify row_number() over (
        partition by clustered.event_id
        order by statements.location_id is null, locations.geo_precision, count(*) desc, statements.location_id
    ) = 1
)

select
    places.event_id,
    places.location_id,
    locations.location_name,
    locations.admin1_name,
    locations.country_code,
    locations.latitude,
    locations.longitude,
    locations.geo_precision
from places
left join {{ ref('int_locations_resolved') }} as locations using (location_id)

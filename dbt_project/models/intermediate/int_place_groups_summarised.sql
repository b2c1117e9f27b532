-- One row per coordination group of places in a sentence, with its extent in the text.

select
    article_id,
    sentence_index,
    place_group_index,
    min(char_start) as group_start,
    max(char_end) as group_end,
    min(clause_index) as group_clause,
    count(distinct location_id) as n_locations,
    min(location_id) as first_location_id,
    bool_and(feature_class = 'country') as is_country_level
from {{ ref('int_places_grouped') }}
group by all

{{ config(materialized='incremental', unique_key='article_id', incremental_strategy='delete+insert',
          on_schema_change='sync_all_columns',
          post_hook="{{ delete_articles_no_longer_current() }}") }}

-- One row per casualty report (a coded claim), tied to the place it is about and to the statement it
-- belongs to: what its sentence says about that place.
--
-- * A report is about the nearest group of places in its sentence (same clause first; ties go to the
--   place before it).
-- * A report in a sentence with no place carries the last single place named in the previous few
--   sentences of the article ("Synegubov said two people were killed in the attack").
-- * A figure given for a group of places ("attacks on Cherkasy and Zaporizhzhia wounded several") is
--   about the group, a figure with a summary cue ("two on each side", "nationwide") about no single
--   place, and a figure in a sentence that names an earlier year than the article's ("Mitch killed
--   about 10,000 people in 1998"; any year when the article is undated) is background, and so is a figure a
--   later report replaced ("he had previously reported two dead"): each is a
--   statement of its own, which int_aggregates_flagged marks as an aggregate.
-- The facts int_aggregates_flagged needs (group size, countries in the sentence) are carried along.

with reports as (
    select * from {{ ref('int_casualty_figures_coded') }}
    where true
    {% if is_incremental() %}
        -- only articles (re-)extracted since the last run; their rows are replaced whole
        {{ extracted_since_last_run(ref('int_casualty_figures_coded')) }}
    {% endif %}
),

articles as (
    select article_id, clean_text, published_date from {{ ref('stg_news__articles') }}
),

places as (
    select * from {{ ref('int_places_grouped') }}
),

groups as (
    select * from {{ ref('int_place_groups_summarised') }}
),

sentence_countries as (
    select article_id, sentence_index, count(distinct country_code) as n_countries
    from {{ ref('int_places_grouped') }}
    group by all
),

nearest as (
    select reports.report_id, groups.*
    from reports
    inner join groups
        on reports.article_id = groups.article_id
        and reports.sentence_index = groups.sentence_index
    qualify row_number() over (
        partition by reports.report_id
        order by {{ nearest_first('reports.char_start', 'reports.char_end', 'reports.clause_index', 'groups.group_start', 'groups.group_end', 'groups.group_clause') }},
            groups.place_group_index
    ) = 1
),

-- The last place named in the few sentences before the report, and whether it stood alone.
previous_places as (
    select
        reports.report_id,
        arg_max(places.location_id, (places.sentence_index, places.char_start, places.location_id)) as location_id,
        arg_max(groups.n_locations, (places.sentence_index, places.char_start, places.location_id)) as n_locations
    from reports
    inner join places
        on reports.article_id = places.article_id
        and places.sentence_index between reports.sentence_index - {{ var('place_carry_sentences') }}
            and reports.sentence_index - 1
    inner join groups
        on places.article_id = groups.article_id
        and places.sentence_index = groups.sentence_index
        and places.place_group_index = groups.place_group_index
    group by reports.report_id
),

located as (
    select
        reports.*,
        substring(articles.clean_text, reports.sentence_start + 1, reports.sentence_end - reports.sentence_start)
            as sentence_text,
        nearest.place_group_index,
        coalesce(nearest.n_locations, 0) as n_group_locations,
        coalesce(nearest.is_country_level, false) as is_group_country_level,
        coalesce(sentence_countries.n_countries, 0) as n_sentence_countries,
        case
            when reports.count_best is null then null
            when reports.year_stated < coalesce(year(articles.published_date), 9999) then 'background'
            when reports.is_earlier_report then 'background'
            when reports.has_summary_cue then 'summary'
            when nearest.n_locations > 1 then 'group'
        end as pooled_anchor,
        nearest.place_group_index is null and not reports.has_summary_cue and previous_places.n_locations = 1
            as is_location_carried,
        case
            when nearest.n_locations = 1 then nearest.first_location_id
            when nearest.place_group_index is null and not reports.has_summary_cue and previous_places.n_locations = 1
                then previous_places.location_id
        end as place_location_id
    from reports
    inner join articles using (article_id)
    left join nearest on reports.report_id = nearest.report_id
    left join previous_places on reports.report_id = previous_places.report_id
    left join sentence_countries
        on reports.article_id = sentence_countries.article_id
        and reports.sentence_index = sentence_countries.sentence_index
)

select
    located.* exclude (pooled_anchor, place_location_id, is_location_carried),
    case when pooled_anchor is null then place_location_id end as location_id,
    coalesce(is_location_carried, false) as is_location_carried,
    coalesce(pooled_anchor, case when place_location_id is null then 'none' else 'place' end) as anchor_kind,
    {{ stable_id('stm', ['article_id', 'sentence_index',
        "coalesce(pooled_anchor || ':' || coalesce(place_group_index, 0), place_location_id)"]) }} as statement_id
from located

-- One row per statement: what one sentence of one article says about one place, with the stretch of
-- the sentence that anchors it (used to find the trigger nearest to it).
--
-- A statement is anchored where a trigger stands next to a place in its own clause ("Russian drone
-- strikes ... in Kharkiv"), or where a casualty report is: at its place (own or carried), at the
-- group or summary it pools, or nowhere. A trigger whose only place is a whole country ("drone strikes
-- in Ukraine and Russia") anchors nothing; a report without a figure about several places ("Cherkasy
-- and Zaporizhzhia experienced injuries") anchors a statement at each of them.

with triggers as (
    select * from {{ ref('int_mentions_filtered') }}
    where mention_type = 'trigger' and not is_background
),

reports as (
    select * from {{ ref('int_casualty_reports_located') }}
),

places as (
    select * from {{ ref('int_places_grouped') }}
),

groups as (
    select * from {{ ref('int_place_groups_summarised') }}
),

trigger_groups as (
    select triggers.article_id, triggers.sentence_index, groups.place_group_index
    from triggers
    inner join groups using (article_id, sentence_index)
    where groups.group_clause = triggers.clause_index
    qualify row_number() over (
        partition by triggers.mention_id
        order by {{ nearest_first('triggers.char_start', 'triggers.char_end', 'triggers.clause_index', 'groups.group_start', 'groups.group_end', 'groups.group_clause') }},
            groups.place_group_index
    ) = 1
),

anchors as (
    -- every place of the group a trigger points at
    select places.article_id, places.sentence_index, places.location_id, 'place' as anchor_kind,
        places.place_group_index, {{ stable_id('stm', ['places.article_id', 'places.sentence_index', 'places.location_id']) }} as statement_id
    from trigger_groups
    inner join places using (article_id, sentence_index, place_group_index)
    where places.feature_class <> 'country'
    union all
    -- each place of a group that a report without a figure speaks of
    select places.article_id, places.sentence_index, places.location_id, 'place', null,
        {{ stable_id('stm', ['places.article_id', 'places.sentence_index', 'places.location_id']) }}
    from reports
    inner join places using (article_id, sentence_index, place_group_index)
    where reports.count_best is null and reports.n_group_locations > 1
    union all
    -- a report's own statement; a report without a figure only where it names a place
    select article_id, sentence_index, location_id, anchor_kind,
        case when anchor_kind in ('group', 'summary', 'background') then place_group_index end, statement_id
    from reports
    where count_best is not null or location_id is not null
),

report_extent as (
    select
        article_id,
        sentence_index,
        min(char_start) as reports_start,
        max(char_end) as reports_end,
        min(clause_index) as reports_clause
    from reports
    group by all
),

statements as (
    select
        statement_id,
        article_id,
        sentence_index,
        any_value(location_id) as location_id,
        -- a trigger's place and a report can make one statement: what the report says of its figure wins
        arg_min(anchor_kind, case anchor_kind when 'background' then 1 when 'summary' then 2 when 'group' then 3
            when 'place' then 4 else 5 end) as anchor_kind,
        min(place_group_index) as place_group_index
    from anchors
    group by statement_id, article_id, sentence_index
)

select
    statements.*,
    coalesce(groups.group_start, report_extent.reports_start) as anchor_start,
    coalesce(groups.group_end, report_extent.reports_end) as anchor_end,
    coalesce(groups.group_clause, report_extent.reports_clause) as anchor_clause,
    coalesce(statement_figures.has_figures, false) as has_figures,
    coalesce(statement_figures.has_victims, false) as has_victims
from statements
left join groups
    on statements.article_id = groups.article_id
    and statements.sentence_index = groups.sentence_index
    and statements.place_group_index = groups.place_group_index
left join report_extent
    on statements.article_id = report_extent.article_id
    and statements.sentence_index = report_extent.sentence_index
left join (
    select statement_id, bool_or(count_best is not null) as has_figures, bool_or(count_best > 0) as has_victims
    from reports group by statement_id
) as statement_figures on statements.statement_id = statement_figures.statement_id

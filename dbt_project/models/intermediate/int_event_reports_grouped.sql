-- One row per event report: what one sentence of one article says about one place (or, for an
-- aggregate, about several), with the event type read from the nearest trigger, the date, the
-- initiator and the casualty counts of its claims.
--
-- A report exists where a trigger stands next to a place ("Russian drone strikes ... in Kharkiv"),
-- or where a casualty claim does (its own place, a carried place, or none). Triggers with no place
-- and no claim ("The attacks come as the war drags on") report nothing; nor does a trigger that
-- refers back to an earlier event ("recent negotiations in Istanbul"), nor a trigger whose only place
-- is a whole country ("drone strikes in Ukraine and Russia") unless a casualty figure comes with it.
-- Casualty figures are typed by the nearest violent trigger: talks do not kill.

with mentions as (
    select * from {{ ref('stg_news__mentions') }}
),

articles as (
    select article_id, published_date from {{ ref('stg_news__articles') }}
),

claims as (
    select * from {{ ref('int_casualty_claims_resolved') }}
),

places as (
    select * from {{ ref('int_places_grouped') }}
),

groups as (
    select * from {{ ref('int_place_groups_summarised') }}
),

triggers as (
    select
        *,
        event_family in ('strike', 'armed_clash', 'armed_violence') as is_violent
    from mentions
    where mention_type = 'trigger' and not is_background
),

trigger_groups as (
    select
        triggers.mention_id,
        groups.place_group_index,
        row_number() over (
            partition by triggers.mention_id
            order by {{ nearest_first('triggers.char_start', 'triggers.char_end', 'triggers.clause_index', 'groups.group_start', 'groups.group_end', 'groups.group_clause') }}
        ) as nearness
    from triggers
    inner join groups using (article_id, sentence_index)
    -- a trigger locates only what its own clause names
    where groups.group_clause = triggers.clause_index
),

-- Every place of a group that a trigger points at anchors a report of its own.
anchors_from_triggers as (
    select distinct
        places.article_id,
        places.sentence_index,
        places.location_id,
        false as is_aggregate_claim_report,
        places.place_group_index
    from trigger_groups
    inner join triggers using (mention_id)
    inner join places
        on triggers.article_id = places.article_id
        and triggers.sentence_index = places.sentence_index
        and trigger_groups.place_group_index = places.place_group_index
    where trigger_groups.nearness = 1
        and places.feature_class <> 'country'
),

-- A claim anchors a report at its place; a claim without a figure spread over several places
-- ("Cherkasy and Zaporizhzhia experienced injuries") anchors one at each of them.
anchors_from_claims as (
    select distinct
        claims.article_id,
        claims.sentence_index,
        case
            when claims.is_aggregate then null
            when claims.n_group_locations > 1 then places.location_id
            else claims.location_id
        end as location_id,
        claims.is_aggregate as is_aggregate_claim_report,
        case when claims.is_aggregate then claims.place_group_index end as place_group_index
    from claims
    left join places
        on claims.article_id = places.article_id
        and claims.sentence_index = places.sentence_index
        and claims.place_group_index = places.place_group_index
    -- a claim without a figure anchors a report only at a place
    where claims.count_best is not null or claims.location_id is not null or claims.n_group_locations > 1
),

anchors as (
    select
        article_id,
        sentence_index,
        location_id,
        is_aggregate_claim_report,
        min(place_group_index) as place_group_index
    from (select * from anchors_from_triggers union all select * from anchors_from_claims)
    group by all
),

reports as (
    select
        case
            when anchors.is_aggregate_claim_report
                then {{ stable_id('rep', ['anchors.article_id', 'anchors.sentence_index', "'aggregate'", 'anchors.place_group_index']) }}
            else {{ stable_id('rep', ['anchors.article_id', 'anchors.sentence_index', 'anchors.location_id']) }}
        end as report_id,
        anchors.*,
        coalesce(groups.group_start, claim_extent.claims_start) as anchor_start,
        coalesce(groups.group_end, claim_extent.claims_end) as anchor_end,
        coalesce(groups.group_clause, claim_extent.claims_clause) as anchor_clause,
        coalesce(report_figures.has_figures, false) as has_figures
    from anchors
    left join groups
        on anchors.article_id = groups.article_id
        and anchors.sentence_index = groups.sentence_index
        and anchors.place_group_index = groups.place_group_index
    left join (
        select report_id, bool_or(count_best is not null) as has_figures from claims group by report_id
    ) as report_figures
        on report_figures.report_id = case
            when anchors.is_aggregate_claim_report
                then {{ stable_id('rep', ['anchors.article_id', 'anchors.sentence_index', "'aggregate'", 'anchors.place_group_index']) }}
            else {{ stable_id('rep', ['anchors.article_id', 'anchors.sentence_index', 'anchors.location_id']) }}
        end
    left join (
        select
            article_id,
            sentence_index,
            min(char_start) as claims_start,
            max(char_end) as claims_end,
            min(clause_index) as claims_clause
        from (
            select claims.*, mentions.clause_index
            from claims inner join mentions on claims.claim_id = mentions.mention_id
        )
        group by all
    ) as claim_extent
        on anchors.article_id = claim_extent.article_id
        and anchors.sentence_index = claim_extent.sentence_index
),

-- The trigger that types a report: the nearest one in its sentence, else the last one in the
-- few sentences before it ("... drone strikes killed two. Three women and four men were hospitalized").
same_sentence_trigger as (
    select
        reports.report_id,
        triggers.mention_id as trigger_id,
        row_number() over (
            partition by reports.report_id
            order by
                reports.has_figures and not triggers.is_violent,
                {{ nearest_first('triggers.char_start', 'triggers.char_end', 'triggers.clause_index', 'reports.anchor_start', 'reports.anchor_end', 'reports.anchor_clause') }}
        ) as nearness
    from reports
    inner join triggers
        on reports.article_id = triggers.article_id
        and reports.sentence_index = triggers.sentence_index
),

earlier_trigger as (
    select
        reports.report_id,
        arg_max(triggers.mention_id, triggers.sentence_index * 1000000 + triggers.char_start) as trigger_id
    from reports
    inner join triggers
        on reports.article_id = triggers.article_id
        and triggers.sentence_index between reports.sentence_index - {{ var('place_carry_sentences') }}
            and reports.sentence_index - 1
        and (triggers.is_violent or not reports.has_figures)
    group by reports.report_id
),

chosen_trigger as (
    select
        reports.report_id,
        coalesce(same_sentence_trigger.trigger_id, earlier_trigger.trigger_id) as trigger_id,
        same_sentence_trigger.trigger_id is null as is_trigger_carried
    from reports
    left join same_sentence_trigger
        on reports.report_id = same_sentence_trigger.report_id and same_sentence_trigger.nearness = 1
    left join earlier_trigger on reports.report_id = earlier_trigger.report_id
),

-- Attribution and mode set up by a general statement (no place of its own) in the sentence before,
-- in the same paragraph: "Ukraine has ramped up drone attacks against Russian territory. On Tuesday,
-- a strike destroyed a minimarket in Belgorod."
previous_sentence_setup as (
    select
        reports.report_id,
        min(triggers.initiator_actor_id) as initiator_actor_id,
        count(distinct triggers.initiator_actor_id) as n_initiators,
        min(triggers.event_mode) filter (where triggers.is_violent) as event_mode,
        count(distinct triggers.event_mode) filter (where triggers.is_violent) as n_modes
    from reports
    inner join triggers
        on reports.article_id = triggers.article_id
        and triggers.sentence_index = reports.sentence_index - 1
        and triggers.paragraph_index = (
            select min(m.paragraph_index) from mentions as m
            where m.article_id = reports.article_id and m.sentence_index = reports.sentence_index
        )
    -- only a general statement with no place of its own sets up the next sentence
    where not exists (
            select 1 from places
            where places.article_id = triggers.article_id and places.sentence_index = triggers.sentence_index
        )
    group by reports.report_id
),

sentence_dates as (
    select
        article_id,
        sentence_index,
        arg_min(resolved_date, char_start) as event_date,
        arg_min(date_precision, char_start) as date_precision,
        bool_or(label = 'relative') as is_relative
    from mentions
    where mention_type = 'date' and resolved_date is not null
    group by all
),

-- The date an article leads with ("... exchanged drone salvos Wednesday") dates what it reports
-- without a date of its own.
lead_dates as (
    select
        article_id,
        arg_min(resolved_date, sentence_index * 1000000 + char_start) as event_date,
        arg_min(date_precision, sentence_index * 1000000 + char_start) as date_precision
    from mentions
    where mention_type = 'date' and resolved_date is not null and paragraph_index = 0
    group by article_id
),

report_counts as (
    select
        report_id,
        max(case when outcome = 'killed' then count_low end) as killed_low,
        max(case when outcome = 'killed' then count_best end) as killed_best,
        max(case when outcome = 'killed' then coalesce(count_high, count_best) end) as killed_high,
        max(case when outcome = 'injured' then count_low end) as injured_low,
        max(case when outcome = 'injured' then count_best end) as injured_best,
        max(case when outcome = 'injured' then coalesce(count_high, count_best) end) as injured_high,
        bool_or(is_toll_update) as has_toll_update,
        bool_or(victim_group in ('civilians', 'children', 'women')) as mentions_civilian_victims,
        min(aggregate_reason) as aggregate_reason
    from claims
    where not is_subset
    group by report_id
),

assembled as (
    select
        reports.report_id,
        reports.article_id,
        reports.sentence_index,
        reports.location_id,
        reports.is_aggregate_claim_report,
        coalesce(triggers.event_family, 'armed_violence') as event_family,
        coalesce(triggers.event_type, 'Violence against civilians') as event_type,
        coalesce(triggers.sub_event_type, 'Attack') as sub_event_type,
        coalesce(
            triggers.event_mode,
            case
                when previous_sentence_setup.n_modes = 1 and triggers.is_violent
                    then previous_sentence_setup.event_mode
            end
        ) as event_mode,
        chosen_trigger.is_trigger_carried,
        -- a trigger carried from an earlier sentence types the report but does not attribute it
        case
            when not chosen_trigger.is_trigger_carried then triggers.initiator_actor_id
        end as own_initiator_actor_id,
        coalesce(
            case when not chosen_trigger.is_trigger_carried then triggers.initiator_actor_id end,
            case when previous_sentence_setup.n_initiators = 1 then previous_sentence_setup.initiator_actor_id end
        ) as initiator_actor_id,
        coalesce(sentence_dates.event_date, lead_dates.event_date, articles.published_date) as event_date,
        case
            when sentence_dates.event_date is not null then sentence_dates.date_precision
            when lead_dates.event_date is not null then lead_dates.date_precision
            when articles.published_date is not null then 'week'
            else 'unknown'
        end as date_precision,
        coalesce(sentence_dates.is_relative, true) as is_date_relative,
        report_counts.killed_low,
        report_counts.killed_best,
        report_counts.killed_high,
        report_counts.injured_low,
        report_counts.injured_best,
        report_counts.injured_high,
        coalesce(report_counts.has_toll_update, false) as has_toll_update,
        coalesce(report_counts.mentions_civilian_victims, false) as mentions_civilian_victims,
        report_counts.aggregate_reason
    from reports
    inner join articles using (article_id)
    left join chosen_trigger on reports.report_id = chosen_trigger.report_id
    left join triggers on chosen_trigger.trigger_id = triggers.mention_id
    left join previous_sentence_setup on reports.report_id = previous_sentence_setup.report_id
    left join sentence_dates
        on reports.article_id = sentence_dates.article_id and reports.sentence_index = sentence_dates.sentence_index
    left join lead_dates on reports.article_id = lead_dates.article_id
    left join report_counts on reports.report_id = report_counts.report_id
    -- a report needs an event type: a trigger, or a figure (typed as violence)
    where triggers.mention_id is not null or report_counts.killed_best is not null
        or report_counts.injured_best is not null
),

-- A total that equals the sum of the figures for two other places in the same article is their
-- aggregate ("killing five" where three died in Kharkiv region and two in Sochi).
place_figures as (
    select report_id, article_id, location_id, 'killed' as outcome, killed_best as figure
    from assembled where not is_aggregate_claim_report and location_id is not null and killed_best > 0
    union all
    select report_id, article_id, location_id, 'injured', injured_best
    from assembled where not is_aggregate_claim_report and location_id is not null and injured_best > 0
),

sums_of_parts as (
    select distinct total.report_id
    from place_figures as total
    inner join place_figures as part_a
        on total.article_id = part_a.article_id and total.outcome = part_a.outcome
        and part_a.location_id <> total.location_id
    inner join place_figures as part_b
        on total.article_id = part_b.article_id and total.outcome = part_b.outcome
        and part_b.location_id <> total.location_id
        and part_b.location_id > part_a.location_id
    where part_a.figure + part_b.figure = total.figure
)

select
    assembled.* exclude (is_aggregate_claim_report, aggregate_reason, own_initiator_actor_id),
    assembled.is_aggregate_claim_report or sums_of_parts.report_id is not null as is_aggregate,
    case
        when sums_of_parts.report_id is not null then 'sum of other places'
        else assembled.aggregate_reason
    end as aggregate_reason
from assembled
left join sums_of_parts on assembled.report_id = sums_of_parts.report_id

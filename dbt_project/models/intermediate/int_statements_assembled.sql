-- One row per statement that reports a conflict event: its place, type, date, initiator, figures and
-- whether it is an aggregate. A statement reports an event when a trigger types it or it gives a casualty
-- figure ("The attacks come as the war drags on" names no place and no figure, and reports nothing), and
-- its family is a conflict family (a tsunami's toll is not; its claims stay in int_casualty_reports_located).

with typed as (
    select * from {{ ref('int_statements_typed') }}
),

dated as (
    select * from {{ ref('int_statements_dated') }}
),

figures as (
    select * from {{ ref('int_statement_figures_chosen') }}
),

aggregates as (
    select * from {{ ref('int_aggregates_flagged') }}
)

select
    typed.statement_id,
    typed.article_id,
    typed.sentence_index,
    typed.location_id,
    typed.event_family,
    typed.match_group,
    typed.is_violent,
    typed.event_type,
    typed.sub_event_type,
    typed.event_mode,
    typed.is_trigger_carried,
    typed.initiator_actor_id,
    dated.event_date,
    dated.date_precision,
    dated.is_date_relative,
    figures.killed_low,
    figures.killed_best,
    figures.killed_high,
    figures.injured_low,
    figures.injured_best,
    figures.injured_high,
    coalesce(figures.has_toll_update, false) as has_toll_update,
    coalesce(figures.mentions_civilian_victims, false) as mentions_civilian_victims,
    aggregates.statement_id is not null as is_aggregate,
    aggregates.aggregate_reason
from typed
inner join dated using (statement_id)
left join figures using (statement_id)
left join aggregates using (statement_id)
where typed.is_conflict
    and (typed.trigger_id is not null or figures.killed_best is not null or figures.injured_best is not null)

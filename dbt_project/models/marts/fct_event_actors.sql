-- Who took part in each event and how: the initiator and target the event names, negotiators in
-- talks, and every other actor the event's sentences mention.

with events as (
    select event_id, event_family, initiator_actor_id, target_actor_id from {{ ref('fct_events') }}
),

event_sentences as (
    select distinct clustered.event_id, reports.article_id, reports.sentence_index
    from {{ ref('int_events_clustered') }} as clustered
    inner join {{ ref('int_event_reports_grouped') }} as reports using (report_id)
),

mentioned as (
    select distinct event_sentences.event_id, mentions.actor_id
    from event_sentences
    inner join {{ ref('stg_news__mentions') }} as mentions
        on mentions.article_id = event_sentences.article_id
        and mentions.sentence_index = event_sentences.sentence_index
        and mentions.mention_type = 'actor'
),

roles as (
    select event_id, initiator_actor_id as actor_id, 'initiator' as role, 1 as rank from events
    where initiator_actor_id is not null
    union all
    select event_id, target_actor_id, 'target', 2 from events where target_actor_id is not null
    union all
    select mentioned.event_id, mentioned.actor_id,
        case when events.event_family in ('talks', 'ceasefire', 'prisoner_exchange') then 'negotiator' else 'mentioned' end,
        3
    from mentioned inner join events using (event_id)
),

ranked as (
    select *, min(rank) over (partition by event_id, actor_id) as best_rank
    from roles
)

select distinct
    cast(event_id as varchar) as event_id,
    cast(actor_id as varchar) as actor_id,
    cast(role as varchar) as role
from ranked
-- a 'mentioned' row adds nothing when the actor already has a named role in the event
where rank < 3 or best_rank = 3

-- Who took part in each event and how: the initiator and target reconciled for the event, and every
-- other actor its statements' sentences mention, in the role the event_families seed gives mentioned
-- actors of the event's family (negotiators in talks and exchanges). A mentioned actor that already has
-- a named role in the event is not listed again.

with events as (
    select events.event_id, events.event_family, actors.initiator_actor_id, actors.target_actor_id
    from {{ ref('int_events_reconciled') }} as events
    inner join {{ ref('int_event_actors_reconciled') }} as actors using (event_id)
),

event_sentences as (
    select distinct clustered.event_id, statements.article_id, statements.sentence_index
    from {{ ref('int_events_clustered') }} as clustered
    inner join {{ ref('int_statements_assembled') }} as statements using (statement_id)
),

mentioned as (
    select distinct event_sentences.event_id, mentions.actor_id
    from event_sentences
    inner join {{ ref('int_mentions_filtered') }} as mentions
        on mentions.article_id = event_sentences.article_id
        and mentions.sentence_index = event_sentences.sentence_index
        and mentions.mention_type = 'actor'
),

roles as (
    select event_id, initiator_actor_id as actor_id, 'initiator' as role, 1 as rank
    from events where initiator_actor_id is not null
    union all
    select event_id, target_actor_id, 'target', 2
    from events where target_actor_id is not null
    union all
    select mentioned.event_id, mentioned.actor_id, families.mentioned_actor_role, 3
    from mentioned
    inner join events using (event_id)
    inner join {{ ref('event_families') }} as families using (event_family)
)

select distinct event_id, actor_id, role
from roles
qualify rank < 3 or min(rank) over (partition by event_id, actor_id) = 3

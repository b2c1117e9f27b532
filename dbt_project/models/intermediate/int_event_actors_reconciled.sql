-- Who did it to whom, per event.
--
-- * Initiator: the actor the articles name. Outlets that name different actors (or one article naming
--   several) set attribution_disputed and leave the initiator empty. An attribution of a strike to the
--   state whose own territory was hit needs every reporting outlet to agree: when other articles leave
--   it unattributed, it is disputed too.
-- * Target: for violent events (event_families.is_violent), the state whose territory was hit, when it
--   is neither the initiator nor the initiator's parent.

with statements as (
    select clustered.event_id, statements.*
    from {{ ref('int_statements_assembled') }} as statements
    inner join {{ ref('int_events_clustered') }} as clustered using (statement_id)
),

places as (
    select * from {{ ref('int_event_places_chosen') }}
),

actors as (
    select * from {{ ref('actors') }}
),

article_initiators as (
    select
        event_id,
        article_id,
        count(distinct initiator_actor_id) as n_initiators,
        min(initiator_actor_id) as initiator_actor_id
    from statements
    group by event_id, article_id
),

attribution as (
    select
        article_initiators.event_id,
        count(distinct article_initiators.initiator_actor_id) as n_named_initiators,
        min(article_initiators.initiator_actor_id) as named_initiator,
        bool_or(article_initiators.n_initiators > 1) as article_names_several,
        count(*) filter (where article_initiators.initiator_actor_id is null) as n_silent_articles
    from article_initiators
    group by article_initiators.event_id
),

reconciled as (
    select
        attribution.event_id,
        places.country_code,
        (select bool_or(s.is_violent) from statements as s where s.event_id = attribution.event_id) as is_violent,
        coalesce(
            attribution.n_named_initiators > 1 or attribution.article_names_several
            or (attribution.n_named_initiators = 1 and named.country_code = places.country_code
                and attribution.n_silent_articles > 0),
            false
        ) as attribution_disputed,
        attribution.named_initiator
    from attribution
    inner join places using (event_id)
    left join actors as named on attribution.named_initiator = named.actor_id
)

select
    reconciled.event_id,
    case when not reconciled.attribution_disputed then reconciled.named_initiator end as initiator_actor_id,
    initiator.actor_name as initiator_name,
    reconciled.attribution_disputed,
    (
        select min(state.actor_id) from actors as state
        where reconciled.is_violent
            and state.country_code = reconciled.country_code and state.actor_type = 'state'
            and state.actor_id is distinct from initiator.actor_id
            and state.actor_id is distinct from initiator.parent_actor_id
    ) as target_actor_id
from reconciled
left join actors as initiator
    on initiator.actor_id = case when not reconciled.attribution_disputed then reconciled.named_initiator end

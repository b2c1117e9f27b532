-- The event type of each statement, read from the trigger that types it, and its initiator.
--
-- * The typing trigger is the nearest one in the statement's sentence, else the last one in the few
--   sentences before it ("... drone strikes killed two. Three women and four men were hospitalized").
--   A statement with victims prefers a violent trigger: talks do not kill (but "no casualties" may well
--   follow an interception).
-- * A trigger carried from an earlier sentence types the statement but does not attribute it.
-- * A general statement with no place of its own in the sentence before, in the same paragraph, sets
--   up attribution and mode ("Ukraine has ramped up drone attacks against Russian territory. On
--   Tuesday, a strike destroyed a minimarket in Belgorod.").
-- * The weapon decides the ACLED type (event_modes seed): "an attack" by drones is an air/drone strike, and
--   a strike that names no weapon takes the family's default, never "Remote explosive/landmine/IED".
-- * A statement with no trigger at all is typed as the family the event_families seed marks for
--   untriggered figures; what a family means (violent, match group, default ACLED type) is that seed's.
-- * Figures whose sentence puts them down to a disaster, an accident, disease, drugs or crime, with no
--   trigger in their own sentence that names a weapon, are of the non-conflict family: not a conflict
--   event ("an earthquake hit the coast, killing 23,000").

with statements as (
    select * from {{ ref('int_statements_anchored') }}
),

families as (
    select * from {{ ref('event_families') }}
),

triggers as (
    select mentions.*, families.is_violent
    from {{ ref('int_mentions_filtered') }} as mentions
    inner join families using (event_family)
    where mentions.mention_type = 'trigger' and not mentions.is_background
),

same_sentence_trigger as (
    select statements.statement_id, triggers.mention_id as trigger_id
    from statements
    inner join triggers using (article_id, sentence_index)
    qualify row_number() over (
        partition by statements.statement_id
        order by
            statements.has_victims and not triggers.is_violent,
            {{ nearest_first('triggers.char_start', 'triggers.char_end', 'triggers.clause_index', 'statements.anchor_start', 'statements.anchor_end', 'statements.anchor_clause') }},
            triggers.mention_id
    ) = 1
),

earlier_trigger as (
    select
        statements.statement_id,
        arg_max(triggers.mention_id, (triggers.sentence_index, triggers.char_start, triggers.mention_id)) as trigger_id
    from statements
    inner join triggers
        on statements.article_id = triggers.article_id
        and triggers.sentence_index between statements.sentence_index - {{ var('trigger_carry_sentences') }}
            and statements.sentence_index - 1
        and (triggers.is_violent or not statements.has_victims)
    group by statements.statement_id
),

previous_sentence_setup as (
    select
        statements.statement_id,
        min(triggers.initiator_actor_id) as initiator_actor_id,
        count(distinct triggers.initiator_actor_id) as n_initiators,
        min(triggers.event_mode) filter (where triggers.is_violent) as event_mode,
        count(distinct triggers.event_mode) filter (where triggers.is_violent) as n_modes
    from statements
    inner join triggers
        on statements.article_id = triggers.article_id
        and triggers.sentence_index = statements.sentence_index - 1
        and triggers.paragraph_index = (
            select min(m.paragraph_index) from {{ ref('int_mentions_filtered') }} as m
            where m.article_id = statements.article_id and m.sentence_index = statements.sentence_index
        )
    -- only a general statement with no place of its own sets up the next sentence
    where not exists (
        select 1 from {{ ref('int_places_grouped') }} as places
        where places.article_id = triggers.article_id and places.sentence_index = triggers.sentence_index
    )
    group by statements.statement_id
),

-- every figure of the statement has a non-conflict cause in its sentence
non_conflict_figures as (
    select statement_id
    from {{ ref('int_casualty_reports_located') }}
    where count_best is not null
    group by statement_id
    having bool_and(cause is not null)
),

chosen as (
    select
        statements.statement_id,
        coalesce(same_sentence_trigger.trigger_id, earlier_trigger.trigger_id) as trigger_id,
        same_sentence_trigger.trigger_id is null as is_trigger_carried
    from statements
    left join same_sentence_trigger using (statement_id)
    left join earlier_trigger using (statement_id)
)

select
    statements.statement_id,
    statements.article_id,
    statements.sentence_index,
    statements.location_id,
    chosen.trigger_id,
    families.event_family,
    families.match_group,
    families.is_violent,
    families.is_conflict,
    coalesce(modes.event_type, nullif(triggers.event_type, ''), families.default_event_type) as event_type,
    coalesce(modes.sub_event_type, nullif(triggers.sub_event_type, ''), families.default_sub_event_type)
        as sub_event_type,
    coalesce(
        triggers.event_mode,
        case when setup.n_modes = 1 and triggers.is_violent then setup.event_mode end
    ) as event_mode,
    chosen.is_trigger_carried,
    coalesce(
        case when not chosen.is_trigger_carried then triggers.initiator_actor_id end,
        case when setup.n_initiators = 1 then setup.initiator_actor_id end
    ) as initiator_actor_id
from statements
inner join chosen using (statement_id)
left join triggers on chosen.trigger_id = triggers.mention_id
left join previous_sentence_setup as setup on chosen.statement_id = setup.statement_id
left join non_conflict_figures on chosen.statement_id = non_conflict_figures.statement_id
left join {{ ref('event_modes') }} as modes
    on modes.mode = coalesce(
        triggers.event_mode,
        case when setup.n_modes = 1 and triggers.is_violent then setup.event_mode end
    )
inner join families
    on families.event_family = case
        when non_conflict_figures.statement_id is not null and (chosen.is_trigger_carried or triggers.event_mode is null)
            then (select family.event_family from families as family where not family.is_conflict)
        else coalesce(triggers.event_family, (
            select fallback.event_family from families as fallback where fallback.types_untriggered_figures
        ))
    end

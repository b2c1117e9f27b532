-- The casualty figures of each statement: per outcome, its largest report (a figure repeated in one
-- sentence counts once), with the low and high of the reports. Subsets ("including nine children")
-- are parts of a total and never count here, nor does what might happen ("two million children will die").
-- Figures are coded in int_casualty_figures_coded.

select
    reports.statement_id,
    max(case when outcome = 'killed' then count_low end) as killed_low,
    max(case when outcome = 'killed' then count_best end) as killed_best,
    max(case when outcome = 'killed' then coalesce(count_high, count_best) end) as killed_high,
    max(case when outcome = 'injured' then count_low end) as injured_low,
    max(case when outcome = 'injured' then count_best end) as injured_best,
    max(case when outcome = 'injured' then coalesce(count_high, count_best) end) as injured_high,
    bool_or(is_toll_update) as has_toll_update,
    bool_or(victim_groups.is_civilian) as mentions_civilian_victims
from {{ ref('int_casualty_reports_located') }} as reports
left join {{ ref('victim_groups') }} as victim_groups using (victim_group)
where not reports.is_subset and not reports.is_hypothetical
group by reports.statement_id

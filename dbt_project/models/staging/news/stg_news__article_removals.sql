select
    md5(article_id || '|' || cast(removed_at as varchar)) as removal_id,
    article_id,
    matched_by,
    match_value,
    nullif(trim(reason), '') as reason,
    requested_at,
    removed_at,
    removed_in_run_id,
    restored_at,
    restored_in_run_id,
    restored_at is null as is_in_force
from {{ source('news', 'article_removals') }}

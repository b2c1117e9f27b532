select run_id, source_uri, record_number, reason, excerpt, rejected_at, coalesce(stage, 'read') as stage
from {{ source('news', 'rejected_inputs') }}

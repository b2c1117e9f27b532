select run_id, source_uri, record_number, reason, excerpt, rejected_at
from {{ source('news', 'rejected_inputs') }}

select
    run_id, started_at, finished_at, input_path, files_seen, records_seen, articles_new, articles_duplicate,
    records_rejected, articles_reextracted, mentions_written, extractor_version, model_name, status
from {{ source('news', 'ingest_runs') }}

select
    run_id, started_at, finished_at, input_path, files_seen, records_seen, articles_new, articles_duplicate,
    records_rejected, articles_reextracted, mentions_written, articles_extract_failed, articles_language_skipped,
    articles_already_loaded, articles_superseded, articles_removed,
    extractor_version, model_name, status, published_at, restored_run_id, replaced_run_id
from {{ source('news', 'ingest_runs') }}

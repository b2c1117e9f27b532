"""Synthetic warehouses for timing the dbt layer alone at sizes extraction would take hours to reach.

A built warehouse's raw tables (articles, their sources, mentions) are copied ``copies`` times. Copy k
gets its own article and mention ids, its dates moved ``k * days_apart`` days later and every place moved
to another place of the same kind the warehouse knows (a fixed rotation per copy), so that the copies
spread over time and over the map at the density of the real corpus instead of piling onto the same days
and towns, where clustering would rightly merge them into a few giant events.
"""

from __future__ import annotations

import shutil
from pathlib import Path

DEFAULT_DAYS_APART = 7


def replicate_warehouse(built: Path, target: Path, copies: int, days_apart: int = DEFAULT_DAYS_APART) -> dict:
    """Write target: built's raw layer and ``copies - 1`` shifted copies of it. dbt's own tables are
    left as they are; a full refresh rebuilds them. Returns the row counts written."""
    import duckdb

    shutil.copy2(built, target)
    con = duckdb.connect(str(target))
    try:
        con.execute(f"create temp table copies as select range as k from range(1, {int(copies)})")
        # Every place the warehouse knows, as one profile (id, attributes, text) per location, numbered
        # within its feature class so that a copy can swap a place for another of the same kind.
        con.execute("""
            create temp table place_profiles as
            select location_id, feature_class, attributes, text,
                   row_number() over (partition by feature_class order by hash(location_id)) - 1 as place_rank,
                   count(*) over (partition by feature_class) as places_in_class
            from (
                select value_text as location_id,
                       coalesce(attributes ->> 'feature_class', '') as feature_class,
                       any_value(attributes) as attributes, any_value(text) as text
                from raw.mentions
                where mention_type = 'place' and value_text is not null
                group by all
            )""")
        con.execute("""
            create temp table moved_places as
            select copies.k, original.location_id as original_id, moved.location_id, moved.attributes,
                   moved.text
            from place_profiles as original
            cross join copies
            inner join place_profiles as moved
                on moved.feature_class = original.feature_class
                and moved.place_rank = (original.place_rank + copies.k * 37) % original.places_in_class""")
        later = f"to_days(cast(k * {int(days_apart)} as integer))"
        _insert_copies(con, "articles", {
            "article_id": "article_id || '_c' || k",
            "content_hash": "content_hash || '_c' || k",
            "duplicate_of_article_id": "duplicate_of_article_id || '_c' || k",
            "superseded_by_article_id": "superseded_by_article_id || '_c' || k",
            "published_date": f"published_date + {later}",
            "published_at": f"published_at + {later}",
        })
        _insert_copies(con, "article_sources", {
            "article_id": "article_id || '_c' || k",
            "url": "url || '#c' || k",
            "url_key": "url_key || '#c' || k",
            "published_date": f"published_date + {later}",
            "published_at": f"published_at + {later}",
        })
        con.execute(f"""
            insert into raw.mentions
            select m.* replace (
                m.mention_id || '_c' || copies.k as mention_id,
                m.article_id || '_c' || copies.k as article_id,
                case
                    when m.mention_type = 'date' and try_cast(m.value_text as date) is not null
                        then cast(try_cast(m.value_text as date)
                                  + to_days(cast(copies.k * {int(days_apart)} as integer)) as date)::varchar
                    when m.mention_type = 'place' then coalesce(moved.location_id, m.value_text)
                    else m.value_text
                end as value_text,
                case when m.mention_type = 'place' then coalesce(moved.text, m.text) else m.text end as text,
                case when m.mention_type = 'place' and moved.attributes is not null
                    then json_merge_patch(m.attributes, json_object(
                        'location_name', moved.attributes ->> 'location_name',
                        'feature_class', moved.attributes ->> 'feature_class',
                        'admin1_id', moved.attributes ->> 'admin1_id',
                        'admin1_name', moved.attributes ->> 'admin1_name',
                        'country_code', moved.attributes ->> 'country_code',
                        'latitude', moved.attributes -> 'latitude',
                        'longitude', moved.attributes -> 'longitude',
                        'geonames_id', moved.attributes -> 'geonames_id',
                        'geo_precision', moved.attributes -> 'geo_precision'))
                    else m.attributes
                end as attributes)
            from raw.mentions as m
            cross join copies
            left join moved_places as moved
                on m.mention_type = 'place' and moved.k = copies.k and moved.original_id = m.value_text""")
        counts = {table: con.execute(f"select count(*) from raw.{table}").fetchone()[0]
                  for table in ("articles", "article_sources", "mentions")}
        con.execute("checkpoint")
    finally:
        con.close()
    return counts


def _insert_copies(con, table: str, replaced: dict[str, str]) -> None:
    """Append a copy of raw.<table> per row of the temp table copies (k), with the columns given replaced."""
    columns = ", ".join(f"{expression} as {column}" for column, expression in replaced.items())
    con.execute(f"insert into raw.{table} select original.* replace ({columns}) from raw.{table} as original, copies")


def time_dbt_build(warehouse_path: Path, work_dir: Path) -> dict:
    """``dbt build --full-refresh`` on a warehouse: wall seconds, the seconds its models took (seeds,
    data tests and unit tests excluded) and the slowest models, from dbt's own run_results.json."""
    import json
    import time

    from ingest.dbt import run_dbt

    started = time.perf_counter()
    run_dbt(["build", "--full-refresh"], warehouse_path, work_dir)
    seconds = time.perf_counter() - started
    results = json.loads((work_dir / "target" / "run_results.json").read_text(encoding="utf-8"))["results"]
    models = [r for r in results if r["unique_id"].startswith("model.")]
    slowest = sorted(models, key=lambda r: -r["execution_time"])[:5]
    return {
        "seconds": round(seconds, 1),
        "model_seconds": round(sum(r["execution_time"] for r in models), 1),
        "slowest_models": {r["unique_id"].rsplit(".", 1)[-1]: round(r["execution_time"], 1) for r in slowest},
    }

"""Load news articles about armed conflict into a DuckDB warehouse of mentions.

The loader parses and cleans articles, extracts mentions (places, actors, casualty claims,
event triggers and dates, each with character offsets) with spaCy and writes them to the
``raw`` schema. Everything that decides what an event is lives in dbt (``dbt_project/``).
"""

__version__ = "0.1.0"

"""Great Expectations suites that gate every build, and the checkpoint that runs them.

GX's SQL datasource cannot read DuckDB in this version set, so each check reads a DataFrame out of
DuckDB: a table's own columns, or, for rules that compare two tables, the rows that break the rule
(computed in DuckDB), which must be none.
"""

"""SQL files of the published DuckDB database (views.sql)."""

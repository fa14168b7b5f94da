"""Publish the validated Parquet tables as one DuckDB file with the cross-region views.

`build_database(output_dir)` writes `regional_industry.duckdb` beside the Parquet files:
- the tables are *stored* in the file (not views over read_parquet, whose relative paths DuckDB
  resolves against the reader's working directory), so the file can be copied and opened anywhere;
- the file is written in storage format v1.0.0, which DuckDB 1.x clients (R's duckdb, the CLI,
  DBeaver) can read; DuckDB 2.0 otherwise writes a format they refuse;
- it is built in a temporary file and renamed into place, so a failed build never leaves a
  half-written database;
- every table, column and view carries a comment (COMMENT ON …) stating its grain or meaning,
  taken from the field registry and from VIEWS below.
"""
from __future__ import annotations

import logging
import os
import shutil
import tempfile
from importlib import resources
from pathlib import Path

import duckdb

from schemas import FIELDS, TABLES, arrow_schema

log = logging.getLogger("pipeline.publish")

DATABASE_NAME = "regional_industry.duckdb"
# Storage format readable by DuckDB 1.0 and later (storage version 64); see
# https://duckdb.org/docs/stable/internals/storage and the DuckDB 2.0 migration notes.
STORAGE_VERSION = "v1.0.0"
STORAGE_VERSION_NUMBER = 64  # the number in the file header for STORAGE_VERSION
# DuckDB spills to a temporary folder beside the database beyond this. The build only stores the tables,
# creates the views and lists the pivot's labels (REGION_LABELS_SQL); it passes at 64MB on 100,000
# documents (storing metrics fails at 56MB), so 128MB leaves 2x. Readers evaluate the views with their
# own connection's limit: this one is not stored in the file.
MEMORY_LIMIT = "128MB"

REFERENCE_TABLES = ("regions", "indicators", "industries")
# Columns the views read from each reference table, used only when a reference table is absent
# (a run whose context stage produced none): an empty table lets the views still bind.
REFERENCE_COLUMNS_USED = {
    "regions": {"region_code": "VARCHAR", "name": "VARCHAR", "level": "VARCHAR", "parent_code": "VARCHAR"},
    "indicators": {"code": "VARCHAR", "name_zh": "VARCHAR", "label_en": "VARCHAR"},
    "industries": {"code": "VARCHAR", "name_zh": "VARCHAR", "label_en": "VARCHAR"},
}

# Every view, in creation order, with the grain and purpose written into COMMENT ON VIEW and the
# data dictionary.
VIEWS: dict[str, str] = {
    "metrics_enriched": (
        "One row per metric (doc_id, metric_id): metrics joined to documents (source file, site, title, "
        "publication date), regions (name, level, parent city, province), indicators (English label) and "
        "industries, with the evidence sentence."),
    "region_comparison_long": (
        "One row per indicator × industry × measure × comparison × unit × status × period × region: the figure "
        "each region reports for the same thing over the same period (the most recently published report when "
        "a region reports it more than once), with its doc_id and sentence_id. Long form of region_comparison."),
    "region_comparison": (
        "One row per indicator × industry × measure × comparison × unit × status × period, the regions' values "
        "side by side: for each region present, columns <region>_value, <region>_doc_id, <region>_sentence_id. "
        "Pivot of region_comparison_long over the regions present when the database was built."),
    "latest_by_region": (
        "One row per region × indicator × industry × measure × comparison: the latest actual value "
        "(latest period end, then latest publication), with how many reports there were."),
    "targets_vs_actuals": (
        "One row per target metric: the target next to the actual value reported later (published after the "
        "target) for the same region, indicator, industry, measure, comparison, unit and period, and the gap "
        "(actual − target); actual columns are null when no later report exists."),
    "city_rollup": (
        "One row per city × indicator × industry × measure × comparison × unit × status × period: counts and "
        "amounts of the city's counties summed (one figure per county), with how many counties contributed and "
        "the city's own reported figure beside it; rates, shares, ranks and percentage points are never summed."),
    "unmapped_phrases": (
        "One row per indicator phrase (indicator_text) without a canonical indicator code, most frequent first: "
        "candidates for the indicators reference table."),
}

# Meaning of the columns the views add (columns named like a registry field mean what it says).
VIEW_COLUMNS: dict[str, str] = {
    "region_name": "Name of the region (from the regions table).",
    "region_level": "Level of the region: country, province, prefecture or county (from regions, else from the code).",
    "region_label": "The region's column name in region_comparison: its name, or name and code when two share it.",
    "city_code": "GB/T 2260 code of the prefecture-level city (or municipality) the region belongs to; the region itself for a city.",
    "city_name": "Name of that city.",
    "province_code": "GB/T 2260 code of the province the region belongs to.",
    "province_name": "Name of that province.",
    "indicator_label_en": "English label of the indicator (from the indicators table).",
    "indicator_name_zh": "Chinese name of the indicator (from the indicators table).",
    "industry_label_en": "English label of the industry (from the industries table).",
    "industry_name_zh": "Chinese name of the industry (from the industries table).",
    "n_regions": "How many regions report a figure for this indicator, period and key.",
    "n_reports": "How many metric rows report this figure (repeats in other sentences or articles).",
    "reports_disagree": "True when the region's reports of the same figure have different values.",
    "target_value": "The target figure, in the base unit.",
    "target_qualifier": "Qualifier of the target (at_least for 以上, …).",
    "target_value_text": "The target as written.",
    "target_published_date": "Publication date of the article stating the target.",
    "target_doc_id": "Document of the target.",
    "target_sentence_id": "Sentence of the target.",
    "target_evidence": "Sentence stating the target.",
    "actual_value": "The actual figure reported later for the same key, in the base unit (most recent report).",
    "actual_qualifier": "Qualifier of the actual figure.",
    "actual_value_text": "The actual figure as written.",
    "actual_published_date": "Publication date of the article reporting the actual figure.",
    "actual_doc_id": "Document of the actual figure.",
    "actual_sentence_id": "Sentence of the actual figure.",
    "actual_evidence": "Sentence reporting the actual figure.",
    "gap": "actual_value − target_value, in the base unit (percentage points for percent).",
    "n_actuals": "How many later actual reports match the target.",
    "counties_total": "Sum of the counties' figures, in the base unit.",
    "n_counties": "How many counties contributed to counties_total.",
    "counties": "Names of the contributing counties.",
    "all_exact": "True when every contributing figure is exact (no 约, 余, 以上 …).",
    "evidence_refs": "doc_id#sentence_id of each contributing figure.",
    "county_reports_disagree": "True when a county reports different values under the same key (the one most "
                               "recently published is summed): check the evidence before using the total.",
    "city_reported_value": "The figure the city itself reports for the same key, if any.",
    "city_doc_id": "Document of the city's own figure.",
    "city_sentence_id": "Sentence of the city's own figure.",
    "n_metrics": "Number of metrics whose indicator phrase this is.",
    "n_documents": "Number of documents those metrics come from.",
    "measures": "Measures of those metrics.",
    "units": "Units of those metrics.",
    "example_evidence": "One sentence using the phrase.",
    "example_value_text": "The figure in that sentence.",
}


def build_database(output_dir: Path) -> Path:
    """Build OUTPUT_DIR/regional_industry.duckdb from the Parquet tables in OUTPUT_DIR; return its path."""
    output_dir = Path(output_dir)
    target = output_dir / DATABASE_NAME
    fd, tmp_name = tempfile.mkstemp(prefix=f".{DATABASE_NAME}.", suffix=".tmp", dir=output_dir)
    os.close(fd)
    tmp = Path(tmp_name)
    tmp.unlink()  # DuckDB must create the file itself
    spill = tempfile.mkdtemp(prefix=f".{DATABASE_NAME}.spill.", suffix=".tmp", dir=output_dir)
    try:
        # bounded memory whatever the corpus size: DuckDB would otherwise use up to 80 % of RAM
        con = duckdb.connect(":memory:", config={"memory_limit": MEMORY_LIMIT, "temp_directory": spill})
        try:
            con.execute(f"ATTACH {quote_literal(str(tmp))} AS build (STORAGE_VERSION '{STORAGE_VERSION}')")
            con.execute("USE build")
            populate(con, output_dir)
            con.execute("USE memory")
            con.execute("DETACH build")
        finally:
            con.close()
        Path(str(tmp) + ".wal").unlink(missing_ok=True)
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        Path(str(tmp) + ".wal").unlink(missing_ok=True)
        raise
    finally:
        shutil.rmtree(spill, ignore_errors=True)
    log.info("database → %s", target)
    return target


def populate(con: duckdb.DuckDBPyConnection, output_dir: Path) -> None:
    """Store every table of OUTPUT_DIR in the current database and create the views over them."""
    for name in tables_to_store():
        _store_table(con, name, Path(output_dir) / f"{name}.parquet")
    create_views(con)


def tables_to_store() -> list[str]:
    """The registry's tables, then any reference table the views need that the registry lacks."""
    return list(TABLES) + [name for name in REFERENCE_TABLES if name not in TABLES]


def _store_table(con: duckdb.DuckDBPyConnection, name: str, path: Path) -> None:
    """Copy one Parquet table into the database (an empty table with the right columns if the file is absent)."""
    if path.exists():
        con.execute(f"CREATE TABLE {quote_ident(name)} AS SELECT * FROM read_parquet($path)", {"path": str(path)})
    elif name in TABLES:
        con.register("_empty", arrow_schema(name).empty_table())
        con.execute(f"CREATE TABLE {quote_ident(name)} AS SELECT * FROM _empty")
        con.unregister("_empty")
    else:
        columns = ", ".join(f"{quote_ident(c)} {t}" for c, t in REFERENCE_COLUMNS_USED[name].items())
        con.execute(f"CREATE TABLE {quote_ident(name)} ({columns})")
        log.warning("%s: no %s.parquet; stored an empty %s table", path.parent, name, name)
    _comment_table(con, name)


def _comment_table(con: duckdb.DuckDBPyConnection, name: str) -> None:
    table = TABLES.get(name)
    if table is not None:
        con.execute(f"COMMENT ON TABLE {quote_ident(name)} IS {quote_literal(table.grain)}")
    columns = [r[0] for r in con.execute(
        "SELECT column_name FROM duckdb_columns() WHERE database_name = current_database() "
        "AND table_name = $name", {"name": name}).fetchall()]
    for column in columns:
        if column in FIELDS:
            con.execute(f"COMMENT ON COLUMN {quote_ident(name)}.{quote_ident(column)} "
                        f"IS {quote_literal(FIELDS[column].description)}")


def create_views(con: duckdb.DuckDBPyConnection) -> None:
    """Create every view of VIEWS (from sql/views.sql, plus the generated pivot) with its comment."""
    for statement in view_statements():
        con.execute(statement)
    con.execute(region_comparison_sql(con))
    for name, grain in VIEWS.items():
        con.execute(f"COMMENT ON VIEW {quote_ident(name)} IS {quote_literal(grain)}")


def view_statements() -> list[str]:
    text = resources.files("pipeline.sql").joinpath("views.sql").read_text(encoding="utf-8")
    statements = [s.strip() for s in text.split("\n;\n")]
    return [s for s in statements if s and not all(line.startswith("--") for line in s.splitlines())]


# The pivot's column labels, in column order: exactly
#     SELECT region_label FROM region_comparison_long GROUP BY region_label ORDER BY min(region_code), region_label
# but from the base tables, without evaluating the long view (its windows over every metric with its
# evidence text need memory that grows with the corpus). Equivalent for any data, because in
# region_comparison_long (sql/views.sql):
# - metrics_enriched is metrics LEFT JOINed to regions (the hierarchy CTE), documents, regions, indicators
#   and industries: a LEFT JOIN can repeat a metric's row but never drops one, and region_code and
#   indicator are the metric's own (m.*), so its (region_code, indicator) pairs are those of metrics;
# - keyed keeps the rows WHERE indicator IS NOT NULL AND region_code IS NOT NULL, the only filter
#   applied to rows before the windows; the same WHERE is applied here;
# - WHERE pick = 1 keeps one row of every partition of row_number(), and region_code is one of the
#   partition's columns, so it removes no region: every region of keyed has a row;
# - the LEFT JOIN to labels gives a region one row per labels row of its code (label never null: name is
#   not null and the code is the joined one), or region_label = region_code when it has none; the
#   labels CTE below is the view's, word for word, over the whole regions table in both;
# so both see the same set of (region_code, region_label) pairs, and GROUP BY region_label with
# ORDER BY min(region_code), region_label depends only on that set (not on how often a pair repeats).
# Change this with the labels CTE and keyed's WHERE in sql/views.sql (tests/test_publish.py checks it).
REGION_LABELS_SQL = """
WITH labels AS (
    SELECT region_code, CASE WHEN count(*) OVER (PARTITION BY name) > 1 THEN name || ' ' || region_code ELSE name END AS label
    FROM regions
    WHERE name IS NOT NULL
),
present AS (
    SELECT DISTINCT region_code FROM metrics WHERE indicator IS NOT NULL AND region_code IS NOT NULL
)
SELECT coalesce(l.label, p.region_code) AS region_label
FROM present AS p
LEFT JOIN labels AS l ON l.region_code = p.region_code
GROUP BY region_label
ORDER BY min(p.region_code), region_label
"""


def region_labels(con: duckdb.DuckDBPyConnection) -> list[str]:
    """The region_label values of region_comparison_long, ordered by their smallest region code, then label."""
    return [r[0] for r in con.execute(REGION_LABELS_SQL).fetchall()]


def region_comparison_sql(con: duckdb.DuckDBPyConnection) -> str:
    """The pivot of region_comparison_long over the regions present (names quoted, never pasted raw)."""
    keys = ("indicator, indicator_label_en, indicator_name_zh, industry, measure, comparison, unit, status, "
            "period_start, period_end, n_regions")
    labels = region_labels(con)
    if not labels:
        return f"CREATE VIEW region_comparison AS SELECT DISTINCT {keys} FROM region_comparison_long"
    regions = ", ".join(quote_literal(label) for label in labels)
    return (f"CREATE VIEW region_comparison AS PIVOT region_comparison_long ON region_label IN ({regions}) "
            f"USING first(value) AS value, first(doc_id) AS doc_id, first(sentence_id) AS sentence_id "
            f"GROUP BY {keys} ORDER BY indicator, industry, measure, comparison, status, period_end, period_start")


def quote_ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def quote_literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def storage_version_number(path: Path) -> int:
    """The storage version number in a DuckDB file's main header (bytes 12–20, after the 'DUCK' magic)."""
    with open(path, "rb") as f:
        header = f.read(20)
    if header[8:12] != b"DUCK":
        raise ValueError(f"{path}: not a DuckDB database file")
    return int.from_bytes(header[12:20], "little")

"""Parquet that every client reads: the types R, pandas and DuckDB users get back from our files."""
from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa_arrow
import pyarrow.parquet as pq
import pytest

from pipeline.run import run
from pipeline.validate import validate_table, write_parquet
from schemas import FIELDS, TABLES
from test_publish import DOCUMENTS, METRICS

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
MAX_SAFE_INTEGER = 2 ** 53  # larger integers lose precision in R (double) and JavaScript

# What DuckDB (and through it the R and CLI clients) reports for each registry type.
DUCKDB_TYPES = {"string": "VARCHAR", "category": "VARCHAR", "int32": "INTEGER", "int64": "BIGINT",
                "float64": "DOUBLE", "bool": "BOOLEAN", "date": "DATE"}
ARROW_TYPES = {"string": pa_arrow.string(), "category": pa_arrow.dictionary(pa_arrow.int32(), pa_arrow.string()),
               "int32": pa_arrow.int32(), "int64": pa_arrow.int64(), "float64": pa_arrow.float64(),
               "bool": pa_arrow.bool_(), "date": pa_arrow.date32()}


@pytest.fixture(scope="module")
def outputs(tmp_path_factory) -> Path:
    """The seeds' tables, plus hand-made metrics so that table has rows whatever extraction finds."""
    out = tmp_path_factory.mktemp("seeds_outputs")
    run(SEEDS, out, progress=False)
    extra = tmp_path_factory.mktemp("handmade")
    for name, rows in (("documents", DOCUMENTS), ("metrics", METRICS)):
        valid, _ = validate_table(pd.DataFrame(rows), name)
        write_parquet(valid, name, extra)
    return out, extra


def parquet_files(outputs) -> list[tuple[str, Path]]:
    files = []
    for folder in outputs:
        for name in TABLES:
            path = folder / f"{name}.parquet"
            if path.exists():
                files.append((name, path))
    return files


def test_every_registry_table_is_written(outputs):
    seeds_out, _ = outputs
    assert {p.stem for p in seeds_out.glob("*.parquet")} >= set(TABLES)


def test_arrow_types_descriptions_and_compression(outputs):
    for name, path in parquet_files(outputs):
        f = pq.ParquetFile(path)
        schema = f.schema_arrow
        assert schema.names == list(TABLES[name].columns), name
        for field in schema:
            spec = FIELDS[field.name]
            assert field.type == ARROW_TYPES[spec.dtype], (name, field.name, field.type)
            assert not pa_arrow.types.is_large_string(field.type)
            if pa_arrow.types.is_timestamp(field.type):
                assert field.type.tz == "UTC", (name, field.name)
            assert field.metadata[b"description"].decode() == spec.description, (name, field.name)
        assert schema.metadata[b"grain"].decode() == TABLES[name].grain
        for rg in range(f.metadata.num_row_groups):
            for col in range(f.metadata.num_columns):
                assert f.metadata.row_group(rg).column(col).compression == "ZSTD", (name, col)


def test_no_integer_above_2_pow_53(outputs):
    for name, path in parquet_files(outputs):
        table = pq.read_table(path)
        for field in table.schema:
            if pa_arrow.types.is_integer(field.type) and table.num_rows:
                largest = pa_arrow.compute.max(pa_arrow.compute.abs(table[field.name])).as_py()
                assert largest is None or largest <= MAX_SAFE_INTEGER, (name, field.name, largest)


def test_duckdb_reads_every_table_back_with_the_registry_types(outputs):
    con = duckdb.connect()
    for name, path in parquet_files(outputs):
        described = con.execute("DESCRIBE SELECT * FROM read_parquet($p)", {"p": str(path)}).fetchall()
        got = {row[0]: row[1] for row in described}
        want = {c: DUCKDB_TYPES[FIELDS[c].dtype] for c in TABLES[name].columns}
        assert got == want, name
        n = con.execute("SELECT count(*) FROM read_parquet($p)", {"p": str(path)}).fetchall()[0][0]
        assert n == pq.ParquetFile(path).metadata.num_rows
    con.close()


def test_pandas_reads_categoricals_as_category_and_dates_as_dates(outputs):
    _, handmade = outputs
    df = pd.read_parquet(handmade / "metrics.parquet")
    for column in TABLES["metrics"].columns:
        if FIELDS[column].dtype == "category":
            assert isinstance(df[column].dtype, pd.CategoricalDtype), column
    assert set(df["measure"].cat.categories) <= set(["count", "growth_rate", "level", "pp_change", "rank", "share"])
    assert str(pq.read_table(handmade / "metrics.parquet").schema.field("period_end").type) == "date32[day]"

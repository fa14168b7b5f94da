"""The one write boundary: every table is checked against its Pandera schema, failing rows
become rejects (never silently dropped), and the rest is written as Parquet atomically."""
from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

import pandas as pd
import pandera.pandas as pa
import pyarrow as pa_arrow
import pyarrow.parquet as pq

from schemas import FIELDS, TABLES, arrow_schema, empty_frame, pandera_schema

ROW_GROUP_SIZE = 64_000


def validate_table(df: pd.DataFrame, table_name: str, source_of: dict[str, str] | None = None
                   ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Split a frame into its valid rows (coerced to the schema) and rejects rows naming the failed check."""
    columns = TABLES[table_name].columns
    missing = [c for c in columns if c not in df.columns]
    if missing:
        raise KeyError(f"{table_name}: missing columns {missing}")
    df = df.loc[:, list(columns)].reset_index(drop=True)
    if df.empty:
        return empty_frame(table_name), empty_frame("rejects")
    schema = pandera_schema(table_name)
    try:
        return schema.validate(df, lazy=True), empty_frame("rejects")
    except pa.errors.SchemaErrors as err:
        cases = err.failure_cases
    row_cases = cases[cases["index"].notna()]
    if len(row_cases) < len(cases):
        table_level = cases[cases["index"].isna()].iloc[0]
        raise ValueError(f"{table_name}: table-level schema failure {table_level['check']} "
                         f"on {table_level['column']}: {table_level['failure_case']}")
    rejects = _rejects_from_cases(df, row_cases, table_name, source_of or {})
    bad = set(row_cases["index"].astype(int))
    kept = df.drop(index=sorted(bad)).reset_index(drop=True)
    return (schema.validate(kept) if len(kept) else empty_frame(table_name)), rejects


def _rejects_from_cases(df: pd.DataFrame, cases: pd.DataFrame, table_name: str,
                        source_of: dict[str, str]) -> pd.DataFrame:
    rows = []
    for idx, group in cases.groupby(cases["index"].astype(int), sort=True):
        record = df.loc[idx].to_dict()
        first = group.iloc[0]
        checks = sorted({str(c) for c in group["check"]})
        doc_id = record.get("doc_id") if isinstance(record.get("doc_id"), str) else None
        rows.append({
            "source_path": record.get("source_path") or source_of.get(doc_id or "", "") or "",
            "doc_id": doc_id,
            "stage": "validate",
            "table": table_name,
            "check": ";".join(checks),
            "reason": f"{table_name}.{first['column']} failed {first['check']} "
                      f"(value {first['failure_case']!r})",
            "row": json.dumps(record, ensure_ascii=False, sort_keys=True, default=str),
        })
    return pd.DataFrame(rows, columns=list(TABLES["rejects"].columns))


def to_arrow(df: pd.DataFrame, table_name: str) -> pa_arrow.Table:
    """Order rows by the table's key and cast to the registry's Arrow types (dictionary strings, date32)."""
    table = TABLES[table_name]
    schema = arrow_schema(table_name)
    df = df.loc[:, list(table.columns)]
    if len(df) and table.order:
        df = df.sort_values(list(table.order), kind="mergesort", na_position="first")
    df = df.reset_index(drop=True)
    arrays = []
    for name in table.columns:
        target = schema.field(name).type
        values = df[name]
        if FIELDS[name].dtype == "date":
            arr = pa_arrow.array(values.dt.date.where(values.notna(), None), type=pa_arrow.date32())
        elif FIELDS[name].dtype == "category":
            arr = pa_arrow.array(values.astype(object).where(values.notna(), None),
                                 type=pa_arrow.string()).dictionary_encode()
            arr = arr.cast(target)
        else:
            arr = pa_arrow.array(values.astype(object).where(values.notna(), None), type=target)
        arrays.append(arr)
    return pa_arrow.Table.from_arrays(arrays, schema=schema)


def write_parquet(df: pd.DataFrame, table_name: str, out_dir: Path) -> Path:
    """Write a validated table to OUT_DIR/<table>.parquet via a temporary file and an atomic rename."""
    target = Path(out_dir) / f"{table_name}.parquet"
    atomic_write(target, lambda tmp: pq.write_table(
        to_arrow(df, table_name), tmp, compression="zstd", row_group_size=ROW_GROUP_SIZE,
        write_statistics=True))
    return target


def atomic_write(target: Path, write) -> None:
    """Call write(tmp_path) on a temporary file beside TARGET, then rename it over TARGET."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    try:
        write(tmp)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise

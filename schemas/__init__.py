"""Pandera and Parquet schemas of every output table, generated from the field registry."""
from __future__ import annotations

import json
import re
from functools import lru_cache

import pandas as pd
import pandera.pandas as pa
import pyarrow as pa_arrow

from schemas.fields import FIELDS, TABLES, VOCABULARIES, Field, Table

__all__ = ["FIELDS", "TABLES", "VOCABULARIES", "Field", "Table", "pandera_schema", "arrow_schema",
           "empty_frame", "pandas_dtype"]

_PANDAS_DTYPES = {
    "string": "str",
    "category": "str",  # validated as text; written as dictionary<string> in Parquet
    "int32": "Int32",
    "int64": "Int64",
    "float64": "float64",
    "bool": "boolean",
    "date": "datetime64[ms]",
}

_ARROW_TYPES = {
    "string": pa_arrow.string(),
    "category": pa_arrow.dictionary(pa_arrow.int32(), pa_arrow.string()),
    "int32": pa_arrow.int32(),
    "int64": pa_arrow.int64(),
    "float64": pa_arrow.float64(),
    "bool": pa_arrow.bool_(),
    "date": pa_arrow.date32(),
}


def pandas_dtype(field: Field) -> str:
    return _PANDAS_DTYPES[field.dtype]


def _checks(name: str, f: Field) -> list[pa.Check]:
    checks = []
    if f.vocabulary:
        checks.append(pa.Check.isin(list(VOCABULARIES[f.vocabulary]), name=f"{name}_in_vocabulary"))
    if f.pattern:
        checks.append(pa.Check.str_matches(f"^(?:{f.pattern})$", name=f"{name}_pattern"))
    if f.min_value is not None:
        checks.append(pa.Check.ge(f.min_value, name=f"{name}_min"))
    if f.max_value is not None:
        checks.append(pa.Check.le(f.max_value, name=f"{name}_max"))
    return checks


def _nullable(table: Table, name: str) -> bool:
    return FIELDS[name].nullable or name in table.nullable_here


@lru_cache(maxsize=None)
def pandera_schema(table_name: str) -> pa.DataFrameSchema:
    table = TABLES[table_name]
    columns = {
        name: pa.Column(pandas_dtype(FIELDS[name]), checks=_checks(name, FIELDS[name]),
                        nullable=_nullable(table, name), coerce=True,
                        description=FIELDS[name].description)
        for name in table.columns
    }
    return pa.DataFrameSchema(
        columns, name=table_name, strict=True, ordered=True, coerce=True,
        unique=list(table.primary_key) or None, description=table.grain,
        checks=_TABLE_CHECKS.get(table_name, []),
    )


@lru_cache(maxsize=None)
def arrow_schema(table_name: str) -> pa_arrow.Schema:
    table = TABLES[table_name]
    fields = []
    for name in table.columns:
        f = FIELDS[name]
        meta = {"description": f.description}
        if f.unit:
            meta["unit"] = f.unit
        fields.append(pa_arrow.field(name, _ARROW_TYPES[f.dtype], nullable=_nullable(table, name), metadata=meta))
    return pa_arrow.schema(fields, metadata={"table": table_name, "grain": table.grain,
                                             "primary_key": json.dumps(list(table.primary_key))})


def empty_frame(table_name: str) -> pd.DataFrame:
    """An empty frame with the table's columns and dtypes, for runs that produce no rows.
    (A copy of one built once: validation asks for an empty rejects frame at every batch.)"""
    return _empty_frame(table_name).copy()


@lru_cache(maxsize=None)
def _empty_frame(table_name: str) -> pd.DataFrame:
    return pd.DataFrame({name: pd.Series(dtype=pandas_dtype(FIELDS[name])) for name in TABLES[table_name].columns})


def _span_is_ordered(df: pd.DataFrame) -> pd.Series:
    return df["raw_start"] < df["raw_end"]


def _value_within_bounds(df: pd.DataFrame) -> pd.Series:
    low_ok = df["value_low"].isna() | (df["value_low"] <= df["value"])
    high_ok = df["value_high"].isna() | (df["value"] <= df["value_high"])
    return low_ok & high_ok


def _evidence_holds_value_text(df: pd.DataFrame) -> pd.Series:
    # tolist: the same values as iterating the columns, without a Python call per Arrow string (3× faster)
    return pd.Series([str(v) in str(e) for v, e in zip(df["value_text"].tolist(), df["evidence"].tolist())],
                     index=df.index)


def _period_ordered(df: pd.DataFrame) -> pd.Series:
    return df["period_start"].isna() | df["period_end"].isna() | (df["period_start"] <= df["period_end"])


# a share of growth, not of a whole: beyond 100 % when the rest shrank, below 0 when it shrank itself
SHARES_OF_GROWTH = ("贡献率",)
# a share of a plan or target is its completion: beyond 100 % when it was overshot (占年计划的107.56%,
# 完成全年工业招商引资目标任务的122%, 占计划数127.23万头的100.01%)
SHARES_OF_PLAN = ("计划", "目标", "任务")
# (the plan's own figure may stand between: 占计划数127.23万头的100.01%)
OF_PLAN = re.compile("(?:" + "|".join(SHARES_OF_PLAN) + r")(?:数?[\d.]+[^\d，,。；;]{0,4})?的?$")


def _share_is_a_percentage(df: pd.DataFrame) -> pd.Series:
    share = (df["measure"] == "share") & (df["unit"] == "percent")
    of_growth = df["indicator_text"].fillna("").str.endswith(SHARES_OF_GROWTH)
    within = df["value"].between(0, 100)
    over = (share & ~of_growth & ~within).fillna(False).astype(bool)  # few rows: only these are looked into
    of_plan = pd.Series(False, index=df.index)
    if over.any():
        of_plan[over] = [any(OF_PLAN.search(t) for t in (text, str(evidence).split(str(value), 1)[0])
                             if isinstance(t, str))
                         for text, evidence, value in zip(df.loc[over, "indicator_text"].tolist(),
                                                          df.loc[over, "evidence"].tolist(),
                                                          df.loc[over, "value_text"].tolist())]
    return ~share | of_growth | within | of_plan


_TABLE_CHECKS: dict[str, list[pa.Check]] = {
    "sentences": [pa.Check(_span_is_ordered, name="raw_start_before_raw_end")],
    "metrics": [
        pa.Check(_value_within_bounds, name="value_low_le_value_le_value_high"),
        pa.Check(_evidence_holds_value_text, name="evidence_contains_value_text"),
        pa.Check(_period_ordered, name="period_start_le_period_end"),
        pa.Check(_share_is_a_percentage, name="share_percent_within_0_100"),
    ],
}

"""The one write boundary: every table is checked against its Pandera schema, failing rows
become rejects (never silently dropped), and the rest is written as Parquet atomically.

Two kinds of checks, each named in rejects.check:
- the table's own schema (schemas/): types, vocabularies, patterns, ranges and cross-column
  rules such as value_low <= value <= value_high;
- relations (here): a row must agree with the tables validated before it and with the
  reference data: a sentence's document exists and its raw offsets lie inside that document's
  raw text, a metric's sentence exists, its unit is a base unit of pipeline/data/units.toml,
  region codes are in `regions`, indicator and industry codes in their vocabularies.
"""
from __future__ import annotations

import contextlib
import json
import os
import itertools
import shutil
import threading
from functools import lru_cache
from pathlib import Path

import pandas as pd
import pandera.pandas as pa
import pyarrow as pa_arrow
import pyarrow.compute as pc
import pyarrow.parquet as pq

from schemas import FIELDS, TABLES, arrow_schema, empty_frame, pandera_schema

ROW_GROUP_SIZE = 64_000


def validate_table(df: pd.DataFrame, table_name: str, source_of: dict[str, str] | None = None,
                   parents: dict[str, pd.DataFrame] | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Split a frame into its valid rows (coerced to the schema) and rejects rows naming the failed check.

    PARENTS holds already-validated tables this one refers to (sentences → documents, metrics →
    sentences); a relation whose parent table is not given is not checked."""
    columns = TABLES[table_name].columns
    missing = [c for c in columns if c not in df.columns]
    if missing:
        raise KeyError(f"{table_name}: missing columns {missing}")
    df = df.loc[:, list(columns)].reset_index(drop=True)
    if df.empty:
        return empty_frame(table_name), empty_frame("rejects")
    valid, rejects = _split(df, pandera_schema(table_name), table_name, source_of or {})
    relations = relation_checks(table_name, parents or {})
    if relations and len(valid):
        valid, more = _split(valid, pa.DataFrameSchema(checks=relations, name=table_name), table_name,
                             source_of or {})
        rejects = pd.concat([rejects, more], ignore_index=True) if len(more) else rejects
    return (valid if len(valid) else empty_frame(table_name)), rejects


def validate_rows(rows: dict[str, list[dict]]) -> tuple[dict[str, pd.DataFrame], pd.DataFrame]:
    """validate_table for every table of ROWS (a table's parents first, as TABLES lists them, so
    relations see them). Returns the valid frames and one rejects frame: the rows' own rejects rows,
    then every failing row. Its rejects are left to the caller: a batch's are validated after the merge."""
    source_of = {r["doc_id"]: r["source_path"] for r in rows.get("documents", [])}
    tables: dict[str, pd.DataFrame] = {}
    rejected = [pd.DataFrame(rows.get("rejects", []), columns=list(TABLES["rejects"].columns))]
    for name in TABLES:
        if name == "rejects" or name not in rows:
            continue
        frame = rows_frame(rows[name], name)
        tables[name], bad = validate_table(frame, name, source_of, parents=tables)
        if len(bad):
            rejected.append(bad)
    rejected = [r for r in rejected if len(r)]
    return tables, (pd.concat(rejected, ignore_index=True) if rejected else empty_frame("rejects"))


# Arrow types whose to_pandas() is what pandas infers from the same Python values (tests/test_validate.py)
_SAME_IN_ARROW = (pa_arrow.string(), pa_arrow.int64(), pa_arrow.float64(), pa_arrow.bool_(), pa_arrow.null())


def rows_frame(rows: list[dict], table_name: str) -> pd.DataFrame:
    """pd.DataFrame(ROWS, columns=the table's columns), the same frame (dtypes, values, NaN where
    pandas puts it) built a column at a time through Arrow, where pandas' path for a list of dicts
    costs a fifth to a third more. Dates go through pandas (their unit is each Timestamp's own),
    and rows Arrow would type otherwise than pandas (mixed types, a missing key) take pandas' path."""
    columns = list(TABLES[table_name].columns)
    if not rows:
        return pd.DataFrame(rows, columns=columns)
    data = {}
    try:
        for name in columns:
            values = [r[name] for r in rows]
            arrow = pa_arrow.array(values)
            if arrow.type in _SAME_IN_ARROW:
                data[name] = arrow.to_pandas()
            elif pa_arrow.types.is_timestamp(arrow.type):
                data[name] = pd.Series(values)
            else:
                raise TypeError(arrow.type)
    except Exception:  # Arrow's errors, KeyError, TypeError: pandas decides (and raises what it raises)
        return pd.DataFrame(rows, columns=columns)
    return pd.DataFrame(data, columns=columns, copy=False)


def _split(df: pd.DataFrame, schema: pa.DataFrameSchema, table_name: str, source_of: dict[str, str]
           ) -> tuple[pd.DataFrame, pd.DataFrame]:
    try:
        return schema.validate(df, lazy=True), empty_frame("rejects")
    except pa.errors.SchemaErrors as err:
        cases = err.failure_cases
    row_cases = cases[cases["index"].notna()]
    if len(row_cases) < len(cases):
        table_level = cases[cases["index"].isna()].iloc[0]
        raise ValueError(f"{table_name}: table-level schema failure {table_level['check']} "
                         f"on {table_level['column']}: {table_level['failure_case']}")
    # A failed table-wide check (value_low <= value, a relation) is reported once per column of the
    # row, each with that column's value: it is one failure, of the row and no column.
    table_wide = row_cases["schema_context"] == "DataFrameSchema"
    row_cases = row_cases.assign(check=[_check_name(schema, c) for c in row_cases.itertuples()],
                                 column=row_cases["column"].mask(table_wide),
                                 failure_case=row_cases["failure_case"].mask(table_wide),
                                 ).drop_duplicates(["index", "check", "column"])
    rejects = _rejects_from_cases(df, row_cases, table_name, source_of)
    bad = set(row_cases["index"].astype(int))
    kept = df.drop(index=sorted(bad)).reset_index(drop=True)
    return (schema.validate(kept) if len(kept) else kept), rejects


# --- relations: checks against other tables and the reference data ---------------------


def relation_checks(table_name: str, parents: dict[str, pd.DataFrame]) -> list[pa.Check]:
    """The relation checks of TABLE_NAME that can run with PARENTS (and the reference data)."""
    checks = []
    documents, sentences = parents.get("documents"), parents.get("sentences")
    if table_name == "sentences" and documents is not None:
        checks.append(pa.Check(lambda df: _isin(df["doc_id"], documents["doc_id"]), name="doc_id_in_documents"))
        checks.append(pa.Check(lambda df: _within_raw_text(df, documents), name="raw_end_within_raw_text"))
    if table_name == "metrics":
        if documents is not None:
            checks.append(pa.Check(lambda df: _isin(df["doc_id"], documents["doc_id"]),
                                   name="doc_id_in_documents"))
        if sentences is not None:
            known = pd.MultiIndex.from_arrays([sentences["doc_id"], sentences["sentence_id"].astype("int64")])
            checks.append(pa.Check(lambda df: pd.Series(pd.MultiIndex.from_arrays(
                [df["doc_id"], df["sentence_id"].astype("int64")]).isin(known), index=df.index),
                name="sentence_in_sentences"))
    if table_name == "metrics":
        checks.append(pa.Check(lambda df: _isin(df["unit"], _unit_codes()), name="unit_in_units"))
    columns = TABLES[table_name].columns
    for column, name, codes in (("region_code", "region_code_in_regions", _region_codes),
                                ("indicator", "indicator_in_indicators", _indicator_codes),
                                ("industry", "industry_in_industries", _industry_codes)):
        if column in columns:
            checks.append(pa.Check(lambda df, c=column, codes=codes: df[c].isna() | _isin(df[c], codes()), name=name))
    return checks


def _isin(values: pd.Series, allowed) -> pd.Series:
    """values.isin(ALLOWED) (a Series or a set of strings), computed by Arrow: pandas' isin on
    Arrow strings makes a Python scalar of every allowed value on every call."""
    found = pc.is_in(_strings(values), value_set=_strings(allowed if isinstance(allowed, pd.Series) else list(allowed)))
    return pd.Series(found.to_numpy(zero_copy_only=False), index=values.index)


def _within_raw_text(sentences: pd.DataFrame, documents: pd.DataFrame) -> pd.Series:
    """raw_end <= n_chars of the sentence's document (False without one), computed by Arrow:
    pandas' map of Arrow strings through a dict costs 15× more."""
    at = pc.index_in(_strings(sentences["doc_id"]), value_set=_strings(documents["doc_id"]))
    n_chars = pc.fill_null(pc.take(pa_arrow.array(documents["n_chars"], from_pandas=True), at), -1)
    within = pc.less_equal(pa_arrow.array(sentences["raw_end"], from_pandas=True), n_chars)
    return pd.Series(pc.fill_null(within, False).to_numpy(zero_copy_only=False), index=sentences.index)


def _strings(values) -> pa_arrow.Array:
    return pa_arrow.array(values, from_pandas=True).cast(pa_arrow.string())


@lru_cache(maxsize=1)
def _unit_codes() -> frozenset[str]:
    """Base units a metric may carry: every base in pipeline/data/units.toml, plus count and rank, and each
    amount's base per each base of its [per] table (CNY_per_mu)."""
    import tomllib
    from importlib import resources
    units = tomllib.loads(resources.files("pipeline.data").joinpath("units.toml").read_text(encoding="utf-8"))
    bases = {u["base"] for u in units["units"].values()} | {"count", "rank"}
    amounts = bases - {"percent", "pp", "count", "rank"}
    return frozenset(bases | {f"{base}_per_{per['base']}" for base in amounts for per in units["per"].values()})


@lru_cache(maxsize=1)
def _region_codes() -> frozenset[str]:
    from pipeline import reference
    return frozenset(reference.regions().by_code)


@lru_cache(maxsize=1)
def _indicator_codes() -> frozenset[str]:
    from pipeline import reference
    return frozenset(reference.indicators().table["code"])


@lru_cache(maxsize=1)
def _industry_codes() -> frozenset[str]:
    from pipeline import reference
    return frozenset(reference.industries().table["code"])


def _check_name(schema: pa.DataFrameSchema, case) -> str:
    """The name a check was given in the schema (script_in_vocabulary), where pandera reports its
    description (isin([...])); type and null failures keep pandera's name (coerce_dtype, not_nullable)."""
    number = getattr(case, "check_number", None)
    if number is None or pd.isna(number):
        return str(case.check)
    checks = schema.checks if case.schema_context == "DataFrameSchema" else schema.columns[case.column].checks
    try:
        return checks[int(number)].name or str(case.check)
    except IndexError:
        return str(case.check)


def _rejects_from_cases(df: pd.DataFrame, cases: pd.DataFrame, table_name: str,
                        source_of: dict[str, str]) -> pd.DataFrame:
    rows = []
    for idx, group in cases.groupby(cases["index"].astype(int), sort=True):
        record = df.loc[idx].to_dict()
        in_a_column = group[group["column"].notna()]
        first = (in_a_column if len(in_a_column) else group).iloc[0]  # the reason names a column if one failed
        checks = sorted({str(c) for c in group["check"]})
        doc_id = record.get("doc_id") if isinstance(record.get("doc_id"), str) else None
        rows.append({
            "source_path": record.get("source_path") or source_of.get(doc_id or "", "") or "",
            "doc_id": doc_id,
            "stage": "validate",
            "table": table_name,
            "check": ";".join(checks),
            "reason": one_line(f"{table_name}.{first['column']} failed {first['check']} (value {first['failure_case']!r})"
                               if pd.notna(first["column"]) else f"{table_name} failed {first['check']}"),
            "row": json.dumps(record, ensure_ascii=False, sort_keys=True, default=str),
        })
    return pd.DataFrame(rows, columns=list(TABLES["rejects"].columns))


def to_arrow(df: pd.DataFrame, table_name: str) -> pa_arrow.Table:
    """Order rows by the table's key and cast to the registry's Arrow types (dictionary strings, date32).
    Columns go to Arrow as they are (strings are Arrow-backed already); the sort is Arrow's, stable
    with nulls first like pandas' mergesort with na_position='first'."""
    table = TABLES[table_name]
    schema = arrow_schema(table_name)
    plain = pa_arrow.Table.from_arrays([_plain_column(df[name], schema.field(name).type) for name in table.columns],
                                       names=list(table.columns))
    if plain.num_rows and table.order:
        plain = plain.take(pc.sort_indices(plain, sort_keys=[(c, "ascending", "at_start") for c in table.order]))
    return pa_arrow.Table.from_arrays(
        [col.combine_chunks().dictionary_encode().cast(f.type) if pa_arrow.types.is_dictionary(f.type) else col
         for col, f in zip(plain.columns, schema)], schema=schema)


def _plain_column(values: pd.Series, target: pa_arrow.DataType) -> pa_arrow.Array:
    """One column in its Arrow type (strings for dictionary columns); NaN and NA become null. A date
    is its timestamp's day (what .dt.date gives, without a Python date per row)."""
    if pa_arrow.types.is_date(target):
        return pc.floor_temporal(pa_arrow.array(values, from_pandas=True), unit="day").cast(target)
    arrow = pa_arrow.array(values, from_pandas=True)
    return arrow.cast(pa_arrow.string() if pa_arrow.types.is_dictionary(target) else target)


def one_line(reason: str, limit: int = 300) -> str:
    """A rejects reason: whitespace runs (newlines too) become one space, long text is cut."""
    text = " ".join(str(reason).split())
    return text if len(text) <= limit else text[:limit - 1] + "…"


def write_parquet(df: pd.DataFrame, table_name: str, out_dir: Path) -> Path:
    """Write a validated table to OUT_DIR/<table>.parquet via a temporary file and an atomic rename."""
    target = Path(out_dir) / f"{table_name}.parquet"
    atomic_write(target, lambda tmp: _write_parquet_file(df, table_name, tmp))
    return target


def _write_parquet_file(df: pd.DataFrame, table_name: str, path) -> None:
    pq.write_table(to_arrow(df, table_name), path, compression="zstd", row_group_size=ROW_GROUP_SIZE,
                   write_statistics=True)


def atomic_write(target: Path, write, durable: bool = True) -> None:
    """Call write(tmp_path) on a temporary file beside TARGET, then rename it over TARGET. DURABLE
    also fsyncs the file before and the folder after the rename (so a power cut cannot leave
    an empty file under the final name); caches, which only need atomicity, skip it.
    Inside commit_together(folder), a file for that folder is only staged: its rename waits
    until every other file of the run has been written."""
    target = Path(target)
    if not target.parent.is_dir():
        target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = _create_temp(os.fspath(target))
    os.close(fd)
    try:
        write(tmp)
        if durable:
            _fsync(tmp)
        if _staging is not None and target.parent.resolve() == _staging[0]:
            _staging[1].append((tmp, target))
            return
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    if durable:
        _fsync_dir(target.parent)


_staging: tuple[Path, list[tuple[str, Path]]] | None = None


@contextlib.contextmanager
def commit_together(out_dir: Path):
    """Write a run's files into OUT_DIR so that a crash never leaves a partial file and keeps the
    window in which old and new tables are mixed as short as possible: inside the block every
    atomic_write to OUT_DIR writes (and fsyncs) its temporary file only; on a normal exit all of
    them are renamed into place one after another. On an exception, or a kill, no rename has
    happened and the previous outputs stay as they were. A kill during the renames leaves each
    file complete (old or new); manifest.json, written after the block, tells which set is whole."""
    global _staging
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    outer, _staging = _staging, (out_dir.resolve(), [])
    staged = _staging[1]
    try:
        yield
    except BaseException:
        for tmp, _ in staged:
            Path(tmp).unlink(missing_ok=True)
        raise
    finally:
        _staging = outer
    for tmp, target in staged:
        os.replace(tmp, target)
    _fsync_dir(out_dir)


TEMP_SUFFIX = ".tmp"


def _create_temp(target: str) -> tuple[int, str]:
    """A new empty file beside TARGET, open for writing, readable as the umask allows. Named by
    process, thread and a counter and created exclusively (O_EXCL), so no two writers share one;
    cheaper than mkstemp's random names plus a chmod."""
    folder, name = os.path.split(target)
    for n in itertools.count():
        tmp = os.path.join(folder, f".{name}.{os.getpid()}-{threading.get_ident()}-{n}{TEMP_SUFFIX}")
        try:
            return os.open(tmp, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o666), tmp
        except FileExistsError:  # left by a killed process that had the same pid
            continue


def remove_stale_temps(out_dir: Path) -> list[Path]:
    """Delete temporary files (and folders) a killed run left in OUT_DIR (.<name>.<random>.tmp); returns them."""
    out_dir = Path(out_dir)
    if not out_dir.is_dir():
        return []
    stale = sorted(out_dir.glob(f".*{TEMP_SUFFIX}"))  # files, and DuckDB's spill folder (publish)
    for p in stale:
        shutil.rmtree(p, ignore_errors=True) if p.is_dir() else p.unlink(missing_ok=True)
    for parts in sorted(out_dir.glob(".parts-*")):  # engine.run_stream's folder of a run that died
        pid = parts.name.removeprefix(".parts-")
        if parts.is_dir() and pid.isdigit() and not _alive(int(pid)):
            shutil.rmtree(parts, ignore_errors=True)
            stale.append(parts)
    return stale


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _fsync(path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)

"""The DuckDB database: stored tables, views with their grain, opening from anywhere and in DuckDB 1.x."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa_arrow
import pyarrow.parquet as pq
import pytest

from pipeline import publish
from pipeline.publish import DATABASE_NAME, STORAGE_VERSION_NUMBER, VIEWS, build_database, storage_version_number
from pipeline.validate import validate_table, write_parquet
from schemas import FIELDS, TABLES

LC, LINQING, YANGGU, SHEN, XHA = "371500", "371581", "371521", "371522", "370211"
D1, D2, D3 = "a" * 16, "b" * 16, "c" * 16

REGIONS = pd.DataFrame([
    # region_code, name, level, parent_code
    ("100000", "中华人民共和国", "country", None),
    ("370000", "山东省", "province", "100000"),
    (LC, "聊城市", "prefecture", "370000"),
    (LINQING, "临清市", "county", LC),
    (YANGGU, "阳谷县", "county", LC),
    (SHEN, "莘'县", "county", LC),  # a quote in a name: the generated pivot must quote it
    ("370200", "青岛市", "prefecture", "370000"),
    (XHA, "黄岛区", "county", "370200"),
    ("370100", "济南市", "prefecture", "370000"),
    ("370103", "市中区", "county", "370100"),
    ("370400", "枣庄市", "prefecture", "370000"),
    ("370402", "市中区", "county", "370400"),
    ("110000", "北京市", "province", "100000"),
    ("110101", "东城区", "county", "110000"),
], columns=["region_code", "name", "level", "parent_code"]).assign(
    short_name=lambda f: f["name"], aliases=None, ambiguous_names=None)
INDICATORS = pd.DataFrame([
    ("industrial_value_added_above_scale", "规上工业增加值", "Value added of industry above designated size",
     "level", "CNY"),
    ("enterprises_above_scale", "规上工业企业数", "Industrial enterprises above designated size", "count", "count"),
    ("srdi_smes", "专精特新企业", "Specialised and innovative SMEs", "count", "count"),
    ("industrial_output", "工业总产值", "Gross industrial output", "level", "CNY"),
], columns=["code", "name_zh", "label_en", "measure", "unit"]).assign(synonyms=None)
INDUSTRIES = pd.DataFrame([("bearings", "轴承", "Bearings")], columns=["code", "name_zh", "label_en"]).assign(
    synonyms=None)


def doc(doc_id: str, path: str, published: str, region: str) -> dict:
    return {"doc_id": doc_id, "source_path": path, "content_type": "txt", "encoding": "utf-8", "n_chars": 100,
            "source_name": "聊城新闻网", "title": None, "published_date": pd.Timestamp(published),
            "date_basis": "explicit", "script": "simplified", "region_code": region, "n_sentences": 3}


def metric(doc_id: str, metric_id: int, value: float, value_text: str, *, region: str, indicator: str | None,
           indicator_text: str, measure: str, unit: str, period: tuple[str | None, str], status: str = "actual",
           comparison: str = "none", industry: str | None = None, sentence_id: int = 0) -> dict:
    return {"doc_id": doc_id, "metric_id": metric_id, "sentence_id": sentence_id,
            "evidence": f"{indicator_text}{value_text}。", "value_text": value_text, "char_start": len(indicator_text),
            "value": value, "value_low": value, "value_high": value, "qualifier": "exact", "unit": unit,
            "count_noun": "家" if unit == "count" else None, "measure": measure, "comparison": comparison,
            "indicator_text": indicator_text, "indicator": indicator, "subject": None, "region_code": region,
            "industry": industry, "period_start": pd.Timestamp(period[0]) if period[0] else None,
            "period_end": pd.Timestamp(period[1]), "status": status}


Y2022, Y2023, Y2024, Y2025 = (("2022-01-01", "2022-12-31"), ("2023-01-01", "2023-12-31"),
                              ("2024-01-01", "2024-12-31"), ("2025-01-01", "2025-12-31"))
STOCK_D1 = (None, "2024-03-27")  # 目前已有… in D1: a stock as of its publication date

DOCUMENTS = [doc(D1, "lc_2024.txt", "2024-03-27", LC), doc(D2, "lc_2025.txt", "2025-02-01", LC),
             doc(D3, "xha_2024.txt", "2024-06-01", XHA)]
METRICS = [
    # D1 (2024-03-27, Liaocheng)
    metric(D1, 0, 100, "100家", region=LC, indicator="enterprises_above_scale", indicator_text="确保新增规上工业企业",
           measure="count", unit="count", period=Y2024, status="target"),
    metric(D1, 1, 7.5, "7.5%", region=LC, indicator="industrial_value_added_above_scale", indicator_text="规上工业增加值同比增长",
           measure="growth_rate", unit="percent", comparison="yoy", period=Y2023, sentence_id=1),
    metric(D1, 2, 6.0, "6%", region=LC, indicator="industrial_value_added_above_scale", indicator_text="规上工业增加值同比增长",
           measure="growth_rate", unit="percent", comparison="yoy", period=Y2022, sentence_id=2),
    metric(D1, 3, 56, "56家", region=LINQING, indicator="srdi_smes", indicator_text="专精特新企业",
           measure="count", unit="count", period=STOCK_D1, industry="bearings", sentence_id=3),
    metric(D1, 4, 10, "10家", region=YANGGU, indicator="srdi_smes", indicator_text="专精特新企业",
           measure="count", unit="count", period=STOCK_D1, industry="bearings", sentence_id=3),
    metric(D1, 5, 20.39, "20.39%", region=LINQING, indicator="industrial_output", indicator_text="工业总产值增长",
           measure="growth_rate", unit="percent", comparison="yoy", period=Y2023, industry="bearings",
           sentence_id=4),
    metric(D1, 6, 5.0, "5%", region=YANGGU, indicator="industrial_output", indicator_text="工业总产值增长",
           measure="growth_rate", unit="percent", comparison="yoy", period=Y2023, industry="bearings",
           sentence_id=4),
    metric(D1, 7, 35.78, "35.78%", region=LINQING, indicator=None, indicator_text="利税同比增长",
           measure="growth_rate", unit="percent", comparison="yoy", period=Y2023, sentence_id=5),
    metric(D1, 8, 24.73, "24.73%", region=LINQING, indicator=None, indicator_text="营业收入同比增长",
           measure="growth_rate", unit="percent", comparison="yoy", period=Y2023, sentence_id=5),
    metric(D1, 9, 8.0, "8%", region="370103", indicator="industrial_value_added_above_scale", indicator_text="规上工业增加值同比增长",
           measure="growth_rate", unit="percent", comparison="yoy", period=Y2023, sentence_id=6),
    metric(D1, 10, 8.5, "8.5%", region="370402", indicator="industrial_value_added_above_scale", indicator_text="规上工业增加值同比增长",
           measure="growth_rate", unit="percent", comparison="yoy", period=Y2023, sentence_id=6),
    metric(D1, 11, 6.6, "6.6%", region=SHEN, indicator="industrial_value_added_above_scale", indicator_text="规上工业增加值同比增长",
           measure="growth_rate", unit="percent", comparison="yoy", period=Y2023, sentence_id=7),
    metric(D1, 12, 3.0, "3%", region="110101", indicator="industrial_output", indicator_text="工业总产值增长",
           measure="growth_rate", unit="percent", comparison="yoy", period=Y2023, sentence_id=8),
    metric(D1, 13, 5, "5家", region=LINQING, indicator="srdi_smes", indicator_text="专精特新“小巨人”企业",
           measure="count", unit="count", period=STOCK_D1, industry="bearings", sentence_id=3),
    # D2 (2025-02-01, Liaocheng): the 2024 actual after the target, a 2025 target, the repeated phrase
    metric(D2, 0, 120, "120家", region=LC, indicator="enterprises_above_scale", indicator_text="新增规上工业企业",
           measure="count", unit="count", period=Y2024),
    metric(D2, 1, 150, "150家", region=LC, indicator="enterprises_above_scale", indicator_text="力争新增规上工业企业",
           measure="count", unit="count", period=Y2025, status="target", sentence_id=1),
    metric(D2, 2, 30.0, "30%", region=LC, indicator=None, indicator_text="利税同比增长",
           measure="growth_rate", unit="percent", comparison="yoy", period=Y2024, sentence_id=2),
    # D3 (2024-06-01, Qingdao West Coast)
    metric(D3, 0, 9.1, "9.1%", region=XHA, indicator="industrial_value_added_above_scale", indicator_text="规上工业增加值同比增长",
           measure="growth_rate", unit="percent", comparison="yoy", period=Y2023),
]


def write_reference(name: str, frame: pd.DataFrame, out: Path) -> None:
    """Through the write boundary once the registry defines the table, else as plain Parquet."""
    if name in TABLES:
        columns = TABLES[name].columns
        frame = frame.reindex(columns=columns)
        valid, bad = validate_table(frame, name)
        assert bad.empty, bad["reason"].tolist()
        write_parquet(valid, name, out)
    else:
        pq.write_table(pa_arrow.Table.from_pandas(frame, preserve_index=False), out / f"{name}.parquet")


def write_outputs(out: Path, documents: list[dict], metrics: list[dict], reference: bool = True) -> None:
    for name, rows in (("documents", documents), ("metrics", metrics)):
        valid, bad = validate_table(pd.DataFrame(rows, columns=list(TABLES[name].columns)), name)
        assert bad.empty, bad["reason"].tolist()
        write_parquet(valid, name, out)
    if reference:
        for name, frame in (("regions", REGIONS), ("indicators", INDICATORS), ("industries", INDUSTRIES)):
            write_reference(name, frame, out)


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("outputs")
    write_outputs(out, DOCUMENTS, METRICS)
    return build_database(out)


def query(path: Path, sql: str, params: dict | None = None) -> pd.DataFrame:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute(sql, params or {}).df()
    finally:
        con.close()


def test_every_registry_table_is_stored_with_its_grain_and_column_descriptions(db):
    tables = query(db, "SELECT table_name, comment FROM duckdb_tables()")
    comments = dict(zip(tables["table_name"], tables["comment"]))
    for name, table in TABLES.items():
        assert comments[name] == table.grain
    columns = query(db, "SELECT table_name, column_name, comment FROM duckdb_columns() WHERE table_name = 'metrics'")
    assert len(columns) == len(TABLES["metrics"].columns)
    for column, comment in zip(columns["column_name"], columns["comment"]):
        assert comment == FIELDS[column].description


def test_every_view_exists_with_a_comment_stating_its_grain(db):
    views = query(db, "SELECT view_name, comment FROM duckdb_views() WHERE NOT internal")
    assert set(views["view_name"]) == set(VIEWS)
    for name, comment in zip(views["view_name"], views["comment"]):
        assert comment == VIEWS[name] and comment.startswith("One row per")


def test_metrics_enriched_joins_documents_regions_indicators_and_industries(db):
    df = query(db, "SELECT * FROM metrics_enriched")
    assert len(df) == len(METRICS)
    row = df[(df["doc_id"] == D1) & (df["metric_id"] == 3)].iloc[0]
    assert (row["region_name"], row["region_level"], row["city_code"], row["city_name"], row["province_name"]) == \
        ("临清市", "county", LC, "聊城市", "山东省")
    assert row["indicator_label_en"] == "Specialised and innovative SMEs"
    assert row["industry_label_en"] == "Bearings" and row["industry_name_zh"] == "轴承"
    assert row["source_path"] == "lc_2024.txt" and row["evidence"] == "专精特新企业56家。"
    beijing = df[df["region_code"] == "110101"].iloc[0]  # a district of a municipality
    assert (beijing["city_code"], beijing["city_name"], beijing["province_name"]) == ("110000", "北京市", "北京市")
    city = df[(df["doc_id"] == D1) & (df["metric_id"] == 0)].iloc[0]
    assert city["region_level"] == "prefecture" and city["city_code"] == LC


def test_region_comparison_long_has_one_row_per_region_and_key(db):
    df = query(db, "SELECT * FROM region_comparison_long WHERE indicator = 'industrial_value_added_above_scale' AND period_end = DATE '2023-12-31'")
    assert sorted(df["region_label"]) == sorted(["聊城市", "黄岛区", "市中区 370103", "市中区 370402", "莘'县"])
    assert set(df["n_regions"]) == {5}
    lc = df[df["region_code"] == LC].iloc[0]
    assert (lc["value"], lc["doc_id"], lc["sentence_id"]) == (7.5, D1, 1)


def test_region_comparison_puts_the_regions_side_by_side(db):
    df = query(db, "SELECT * FROM region_comparison WHERE indicator = 'industrial_value_added_above_scale' AND period_end = DATE '2023-12-31'")
    assert len(df) == 1
    row = df.iloc[0]
    assert row["聊城市_value"] == 7.5 and row["黄岛区_value"] == 9.1
    assert row["黄岛区_doc_id"] == D3 and row["黄岛区_sentence_id"] == 0
    assert row["市中区 370103_value"] == 8.0 and row["市中区 370402_value"] == 8.5
    assert row["莘'县_value"] == 6.6
    assert pd.isna(row["临清市_value"])  # 临清 reports other indicators only
    # one row per key: the 2022 figure (Liaocheng only) is its own row
    assert len(query(db, "SELECT * FROM region_comparison WHERE indicator = 'industrial_value_added_above_scale'")) == 2


def test_latest_by_region_takes_the_latest_actual_period(db):
    df = query(db, "SELECT * FROM latest_by_region WHERE region_code = $r AND indicator = 'industrial_value_added_above_scale'", {"r": LC})
    assert len(df) == 1
    assert df.iloc[0]["value"] == 7.5 and df.iloc[0]["n_reports"] == 2
    assert str(df.iloc[0]["period_end"])[:10] == "2023-12-31"
    # targets are never the latest actual value
    assert query(db, "SELECT count(*) AS n FROM latest_by_region WHERE indicator = 'enterprises_above_scale'")["n"][0] == 1
    assert query(db, "SELECT value FROM latest_by_region WHERE indicator = 'enterprises_above_scale'")["value"][0] == 120


def test_targets_vs_actuals_pairs_a_target_with_the_later_actual(db):
    df = query(db, "SELECT * FROM targets_vs_actuals ORDER BY period_end")
    assert len(df) == 2  # one row per target
    met = df.iloc[0]
    assert (met["target_value"], met["actual_value"], met["gap"], met["n_actuals"]) == (100, 120, 20, 1)
    assert (met["target_doc_id"], met["actual_doc_id"]) == (D1, D2)
    open_target = df.iloc[1]
    assert open_target["target_value"] == 150 and pd.isna(open_target["actual_value"])
    assert open_target["n_actuals"] == 0


def test_city_rollup_sums_county_counts_and_never_rates(db):
    df = query(db, "SELECT * FROM city_rollup")
    assert set(df["measure"]) <= {"count", "level"}
    row = df[df["indicator"] == "srdi_smes"].iloc[0]
    assert (row["city_code"], row["city_name"], row["counties_total"], row["n_counties"]) == (LC, "聊城市", 66, 2)
    assert row["counties"] == "阳谷县、临清市" and row["industry"] == "bearings" and row["all_exact"]
    assert row["county_reports_disagree"]  # 临清 reports 56 and 5 under one key: 56 (first in text) is summed
    assert pd.isna(row["city_reported_value"])
    assert len(df) == 1  # 工业总产值 growth rates of two counties are not summed


def test_unmapped_phrases_lists_the_most_frequent_first(db):
    df = query(db, "SELECT * FROM unmapped_phrases")
    assert list(df["indicator_text"]) == ["利税同比增长", "营业收入同比增长"]
    assert list(df["n_metrics"]) == [2, 1] and list(df["n_documents"]) == [2, 1]


def test_the_database_opens_from_another_directory_without_the_parquet_files(db, tmp_path, monkeypatch):
    elsewhere = tmp_path / "copy"
    elsewhere.mkdir()
    copied = shutil.copy(db, elsewhere / DATABASE_NAME)  # no Parquet files beside it
    cwd = tmp_path / "somewhere_else"
    cwd.mkdir()
    monkeypatch.chdir(cwd)
    for view in VIEWS:
        assert len(query(Path(copied), f'SELECT * FROM "{view}"')) > 0, view
    con = duckdb.connect()
    con.execute(f"ATTACH {publish.quote_literal(str(copied))} AS other (READ_ONLY)")
    assert con.execute("SELECT count(*) FROM other.metrics_enriched").fetchall() == [(len(METRICS),)]
    con.close()


def test_the_file_is_in_a_storage_format_duckdb_1x_reads(db):
    assert storage_version_number(db) == STORAGE_VERSION_NUMBER
    con = duckdb.connect()
    con.execute(f"ATTACH {publish.quote_literal(str(db))} AS built (READ_ONLY)")
    tags = con.execute("SELECT tags['storage_version'] FROM duckdb_databases() WHERE database_name = 'built'").fetchall()
    con.close()
    assert str(tags[0][0]).startswith(publish.STORAGE_VERSION)


def test_a_failed_build_keeps_the_previous_database_and_leaves_no_temporary_file(tmp_path, monkeypatch):
    write_outputs(tmp_path, DOCUMENTS, METRICS)
    target = build_database(tmp_path)
    before = target.read_bytes()

    def broken(con):
        raise RuntimeError("view failed")

    monkeypatch.setattr(publish, "create_views", broken)
    with pytest.raises(RuntimeError):
        build_database(tmp_path)
    assert target.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


def test_views_bind_on_an_empty_run_without_reference_tables(tmp_path):
    write_outputs(tmp_path, DOCUMENTS[:1], [], reference=False)
    path = build_database(tmp_path)
    for view in VIEWS:
        assert query(path, f'SELECT count(*) AS n FROM "{view}"')["n"][0] == 0
    assert set(query(path, "SELECT table_name FROM duckdb_tables()")["table_name"]) >= \
        set(TABLES) | set(publish.REFERENCE_TABLES)


def test_without_a_regions_table_city_and_province_follow_the_code_structure(tmp_path):
    write_outputs(tmp_path, DOCUMENTS, METRICS, reference=False)
    df = query(build_database(tmp_path), "SELECT * FROM metrics_enriched WHERE region_code = $r", {"r": LINQING})
    assert set(df["region_level"]) == {"county"} and set(df["city_code"]) == {LC}
    assert set(df["province_code"]) == {"370000"} and df["region_name"].isna().all()


def test_view_sql_is_split_into_the_expected_statements():
    names = [re.search(r"^CREATE VIEW (\w+) AS", s, re.M).group(1) for s in publish.view_statements()]
    assert names == [v for v in VIEWS if v != "region_comparison"]


def test_a_folder_name_with_quotes_is_quoted_not_pasted(tmp_path):
    out = tmp_path / "it's \"odd\"; DROP TABLE metrics; --"
    out.mkdir()
    write_outputs(out, DOCUMENTS, METRICS)
    path = build_database(out)
    assert path.parent == out
    assert query(path, "SELECT count(*) AS n FROM metrics")["n"][0] == len(METRICS)


OLD_LABELS_SQL = ("SELECT region_label FROM region_comparison_long GROUP BY region_label "
                  "ORDER BY min(region_code), region_label")
PIVOT_KEYS = ["indicator", "indicator_label_en", "indicator_name_zh", "industry", "measure", "comparison", "unit",
              "status", "period_start", "period_end", "n_regions"]


def pivot_columns(con) -> list[str]:
    return [r[0] for r in con.execute("DESCRIBE region_comparison").fetchall()]


def assert_pivot_over_the_long_views_labels(con) -> list[str]:
    labels = [r[0] for r in con.execute(OLD_LABELS_SQL).fetchall()]
    assert publish.region_labels(con) == labels
    assert pivot_columns(con) == PIVOT_KEYS + [f"{label}_{what}" for label in labels
                                               for what in ("value", "doc_id", "sentence_id")]
    return labels


def test_the_pivot_has_one_column_group_per_label_of_the_long_view(db):
    con = duckdb.connect(str(db), read_only=True)
    try:
        labels = assert_pivot_over_the_long_views_labels(con)
    finally:
        con.close()
    # 临清 reports indicator-less figures too; regions without figures (山东省, 青岛市 …) have no column
    assert labels == ["东城区", "市中区 370103", "黄岛区", "市中区 370402", "聊城市", "阳谷县", "莘'县", "临清市"]


def test_the_pivot_labels_follow_the_long_views_filters_on_any_data():
    """Regions whose every figure the long view drops get no column, whatever the regions table says;
    labels are computed over the whole regions table and ordered by region code."""
    con = duckdb.connect()
    try:
        for name in publish.tables_to_store():
            publish._store_table(con, name, Path("/nonexistent") / f"{name}.parquet")
        con.execute("""INSERT INTO regions (region_code, name, level, parent_code) VALUES
            ('370000', '山东省', 'province', NULL),          -- no figures: no column
            ('371500', '聊城市', 'prefecture', '370000'),
            ('371581', '临清市', 'county', '371500'),        -- only figures without an indicator: no column
            ('370103', '市中区', 'county', '370100'),        -- shares its name with 370402 ...
            ('370402', '市中区', 'county', '370400'),        -- ... which has no figures: 370103 keeps its code
            ('371502', 'X区', 'county', '371500'),           -- one code, two rows: two labels
            ('371502', 'Y区', 'county', '371500'),
            ('371522', NULL, 'county', '371500'),            -- no name: labelled by its code
            ('110101', '东城区', 'county', '110000')         -- only a target without industry or start
        """)
        con.execute("""INSERT INTO metrics (doc_id, metric_id, sentence_id, region_code, indicator, indicator_text,
                                            measure, comparison, unit, status, value, period_start, period_end)
                       VALUES
            ('d1', 0, 0, '371500', 'srdi_smes', 'a', 'count', 'none', 'count', 'actual', 1, '2023-01-01', '2023-12-31'),
            ('d1', 1, 0, '371500', 'srdi_smes', 'a', 'count', 'none', 'count', 'actual', 2, '2023-01-01', '2023-12-31'),
            ('d1', 2, 1, '371581', NULL, 'b', 'count', 'none', 'count', 'actual', 3, '2023-01-01', '2023-12-31'),
            ('d1', 3, 2, '370103', 'srdi_smes', 'a', 'count', 'none', 'count', 'actual', 4, '2023-01-01', '2023-12-31'),
            ('d1', 4, 3, '371502', 'srdi_smes', 'a', 'count', 'none', 'count', 'actual', 5, '2023-01-01', '2023-12-31'),
            ('d1', 5, 4, '371522', 'srdi_smes', 'a', 'count', 'none', 'count', 'actual', 6, '2023-01-01', '2023-12-31'),
            ('d1', 6, 5, '999999', 'srdi_smes', 'a', 'count', 'none', 'count', 'actual', 7, '2023-01-01', '2023-12-31'),
            ('d1', 7, 6, NULL, 'srdi_smes', 'a', 'count', 'none', 'count', 'actual', 8, '2023-01-01', '2023-12-31'),
            ('d1', 8, 7, '110101', 'srdi_smes', 'a', 'count', 'none', 'count', 'target', 9, NULL, '2025-12-31')
        """)
        publish.create_views(con)
        labels = assert_pivot_over_the_long_views_labels(con)
        assert labels == ["东城区", "市中区 370103", "聊城市", "X区", "Y区", "371522", "999999"]
    finally:
        con.close()

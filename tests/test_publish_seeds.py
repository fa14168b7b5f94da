"""Every view of the database built by a run on seeds/: row counts recomputed independently in
pandas from the Parquet files, and one known figure of the seeds per view."""
from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd
import pytest

from pipeline.publish import DATABASE_NAME, VIEWS
from pipeline.run import run

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
LIAOCHENG, LINQING, WEST_COAST = "371500", "371581", "370211"
MUNICIPALITIES = {"110000", "120000", "310000", "500000"}
NOT_SUMMED = {"percent", "pp", "rank"}


@pytest.fixture(scope="module")
def seeds(tmp_path_factory):
    out = tmp_path_factory.mktemp("seeds")
    run(SEEDS, out, progress=False)
    con = duckdb.connect(str(out / DATABASE_NAME), read_only=True)
    metrics = pd.read_parquet(out / "metrics.parquet")
    for column in metrics.select_dtypes("category"):
        metrics[column] = metrics[column].astype(object)
    regions = pd.read_parquet(out / "regions.parquet")
    yield con, metrics, regions
    con.close()


def view(con, sql: str, params: dict | None = None) -> pd.DataFrame:
    return con.execute(sql, params or {}).df()


def n_keys(frame: pd.DataFrame, keys: list[str]) -> int:
    return len(frame.groupby(keys, dropna=False, observed=True).size())


def test_the_run_builds_every_view(seeds):
    con, metrics, _ = seeds
    assert len(metrics) > 50
    for name in VIEWS:
        assert view(con, f'SELECT count(*) AS n FROM "{name}"')["n"][0] > 0, name


def test_metrics_enriched(seeds):
    con, metrics, _ = seeds
    df = view(con, "SELECT * FROM metrics_enriched")
    assert len(df) == len(metrics)
    row = df[(df["value_text"] == "56家") & (df["region_code"] == LINQING)].iloc[0]
    assert (row["region_name"], row["city_name"], row["province_name"]) == ("临清市", "聊城市", "山东省")
    assert (row["indicator"], row["industry"], row["industry_label_en"]) == ("srdi_smes", "bearings", "Bearings")
    assert row["source_path"].startswith("000_") and "56家" in row["evidence"]


KEY = ["indicator", "industry", "measure", "comparison", "unit", "status", "period_start", "period_end"]


def test_region_comparison_long_and_pivot(seeds):
    con, metrics, _ = seeds
    comparable = metrics[metrics["indicator"].notna() & metrics["region_code"].notna()]
    long = view(con, "SELECT * FROM region_comparison_long")
    assert len(long) == n_keys(comparable, KEY + ["region_code"])
    wide = view(con, "SELECT * FROM region_comparison")
    assert len(wide) == n_keys(comparable, KEY)
    row = wide[(wide["indicator"] == "enterprises_above_scale") & (wide["status"] == "actual")
               & wide["industry"].isna() & (wide["period_end"] == pd.Timestamp("2022-06-30"))].iloc[0]
    assert row["聊城市_value"] == 1557 and row["聊城市_sentence_id"] >= 0
    assert "黄岛区_value" in wide.columns


def test_latest_by_region(seeds):
    con, metrics, _ = seeds
    actual = metrics[(metrics["status"] == "actual") & metrics["indicator"].notna() & metrics["region_code"].notna()]
    df = view(con, "SELECT * FROM latest_by_region")
    assert len(df) == n_keys(actual, ["region_code", "indicator", "industry", "measure", "comparison"])
    growth = df[(df["region_code"] == LIAOCHENG) & (df["indicator"] == "industrial_value_added_above_scale")
                & (df["comparison"] == "yoy")]
    assert list(growth["value"]) == [7.5]


def test_targets_vs_actuals(seeds):
    con, metrics, _ = seeds
    targets = metrics[(metrics["status"] == "target") & metrics["indicator"].notna() & metrics["region_code"].notna()]
    df = view(con, "SELECT * FROM targets_vs_actuals")
    assert len(df) == len(targets)
    row = df[(df["indicator"] == "enterprises_above_scale") & (df["region_code"] == LIAOCHENG)].iloc[0]
    assert row["target_value"] == 100 and row["period_end"] == pd.Timestamp("2024-12-31")
    assert pd.isna(row["actual_value"])  # the seeds hold no later report of 2024


def test_city_rollup(seeds):
    con, metrics, regions = seeds
    parent = dict(zip(regions["region_code"], regions["parent_code"]))
    level = dict(zip(regions["region_code"], regions["level"]))
    city = {code: (p if level.get(p) == "prefecture" or p in MUNICIPALITIES else None)
            for code, p in parent.items() if level[code] == "county"}
    county = metrics[metrics["region_code"].map(city).notna() & metrics["measure"].isin(["count", "level"])
                     & ~metrics["unit"].isin(NOT_SUMMED) & metrics["indicator"].notna()]
    df = view(con, "SELECT * FROM city_rollup")
    assert len(df) == n_keys(county.assign(city=county["region_code"].map(city)), ["city"] + KEY)
    assert set(df["measure"]) <= {"count", "level"} and not set(df["unit"]) & NOT_SUMMED
    row = df[(df["indicator"] == "high_tech_enterprises") & (df["city_code"] == LIAOCHENG)].iloc[0]
    assert (row["city_name"], row["counties_total"], row["n_counties"], row["counties"]) == ("聊城市", 50, 1, "临清市")


def test_unmapped_phrases(seeds):
    con, metrics, _ = seeds
    unmapped = metrics[metrics["indicator"].isna() & metrics["indicator_text"].notna()]
    df = view(con, "SELECT * FROM unmapped_phrases")
    counts = unmapped["indicator_text"].value_counts()
    assert len(df) == len(counts)
    assert df["n_metrics"].iloc[0] == counts.max()
    assert list(df["n_metrics"]) == sorted(df["n_metrics"], reverse=True)
    assert dict(zip(df["indicator_text"], df["n_metrics"])) == counts.to_dict()

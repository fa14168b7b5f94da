"""The write boundary's shortcuts build exactly what pandas would: the frame Pandera validates
(so the same rows are rejected, with the same rows in rejects.row), the relation checks' answers,
and the dates written."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pandas as pd
import pyarrow as pa
import pytest

from pipeline.validate import _plain_column, _within_raw_text, rows_frame, validate_rows
from schemas import TABLES

TEXT = "聊城市規上工業增加值同比增長7.5%，高於全省1.2個百分點。"


def metric(**changes) -> dict:
    row = {"doc_id": "0123456789abcdef", "metric_id": 0, "sentence_id": 0, "evidence": TEXT, "value_text": "7.5%",
           "char_start": 14, "value": 7.5, "value_low": 7.5, "value_high": 7.5, "qualifier": "exact",
           "unit": "percent", "count_noun": None, "measure": "growth_rate", "comparison": "yoy",
           "indicator_text": "規上工業增加值", "indicator": None, "subject": "聊城市", "region_code": "371500",
           "industry": None, "period_start": pd.Timestamp("2023-01-01"), "period_end": pd.Timestamp("2023-04-30"),
           "status": "actual"}
    return {**row, **changes}


# One odd value in an otherwise good column: what pandas' inference makes of it decides the dtype.
ODD = [
    {}, {"count_noun": "家"}, {"value_low": None}, {"value": 8}, {"value": float("nan")}, {"value": "7.5"},
    {"metric_id": None}, {"metric_id": 2.5}, {"metric_id": True}, {"metric_id": 2**63}, {"char_start": -1},
    {"subject": float("nan")}, {"subject": 5}, {"subject": b"\xe8\x81\x8a"}, {"value_text": pd.NA},
    {"period_start": None}, {"period_start": pd.NaT}, {"period_start": "2023-01-01"},
    {"period_start": dt.date(2023, 1, 1)}, {"period_end": pd.Timestamp("2023-04-30 12:00").as_unit("us")},
    {"period_start": pd.Timestamp("2023-01-01").as_unit("ms")}, {"value_high": Decimal("7.5")},
]


@pytest.mark.parametrize("changes", ODD, ids=[",".join(map(str, c)) or "good" for c in ODD])
def test_rows_frame_is_the_frame_pandas_builds(changes):
    rows = [metric(metric_id=i) for i in range(3)] + [metric(**changes)]
    expected = pd.DataFrame(rows, columns=list(TABLES["metrics"].columns))
    got = rows_frame(rows, "metrics")
    pd.testing.assert_frame_equal(got, expected, check_exact=True)
    assert list(got.dtypes) == list(expected.dtypes)


def test_rows_frame_of_rows_missing_a_column_or_none():
    rows = [metric(), {k: v for k, v in metric(metric_id=1).items() if k != "industry"}]
    columns = list(TABLES["metrics"].columns)
    pd.testing.assert_frame_equal(rows_frame(rows, "metrics"), pd.DataFrame(rows, columns=columns), check_exact=True)
    pd.testing.assert_frame_equal(rows_frame([], "metrics"), pd.DataFrame([], columns=columns))


def test_all_null_and_all_boolean_columns_as_pandas_has_them():
    sentences = [{"doc_id": "0123456789abcdef", "sentence_id": i, "paragraph_id": 0, "text": TEXT,
                  "is_heading": heading, "raw_start": 0, "raw_end": len(TEXT)} for i, heading in enumerate([False, None])]
    for rows in (sentences, sentences[:1], [{**s, "is_heading": None} for s in sentences]):
        expected = pd.DataFrame(rows, columns=list(TABLES["sentences"].columns))
        got = rows_frame(rows, "sentences")
        pd.testing.assert_frame_equal(got, expected, check_exact=True)
        assert list(got.dtypes) == list(expected.dtypes)


def test_a_rejected_row_is_reported_as_before():
    tables, rejects = validate_rows({"metrics": [metric(), metric(metric_id=1, value_low=9.0)]})
    assert list(tables["metrics"]["metric_id"]) == [0]
    assert len(rejects) == 1 and rejects.iloc[0]["check"] == "value_low_le_value_le_value_high"
    assert rejects.iloc[0]["reason"] == "metrics failed value_low_le_value_le_value_high"
    row = rejects.iloc[0]["row"]
    assert '"metric_id": 1' in row and '"value_low": 9.0' in row and '"period_start": "2023-01-01 00:00:00"' in row


def test_a_share_is_within_0_and_100_percent_but_a_share_of_growth_need_not_be():
    share = dict(measure="share", comparison="none", value_text="7.5%")
    rows = [metric(metric_id=0, **share, indicator_text="占比"),
            metric(metric_id=1, **share, value=107.5, value_low=107.5, value_high=107.5, indicator_text="占比"),
            metric(metric_id=2, **share, value=109.7, value_low=109.7, value_high=109.7,
                   indicator_text="对全市工业增长的贡献率")]
    tables, rejects = validate_rows({"metrics": rows})
    assert list(tables["metrics"]["metric_id"]) == [0, 2]
    assert list(rejects["check"]) == ["share_percent_within_0_100"]


def test_a_share_of_a_plan_may_exceed_100_percent():
    share = dict(measure="share", comparison="none")
    rows = [metric(metric_id=0, **share, value=107.56, value_low=107.56, value_high=107.56, value_text="107.56%",
                   indicator_text="投资占年计划的", evidence="1-8月完成投资277.58亿元，占年计划的107.56%"),
            metric(metric_id=1, **share, value=122.0, value_low=122.0, value_high=122.0, value_text="122%",
                   indicator_text="招商引资", evidence="完成全年工业招商引资目标任务的122%。"),
            metric(metric_id=2, **share, value=122.0, value_low=122.0, value_high=122.0, value_text="122%",
                   indicator_text="占比", evidence="占全市的比重为122%，计划的"),
            metric(metric_id=3, **share, value=104.0, value_low=104.0, value_high=104.0, value_text="104%",
                   indicator_text="肉牛出栏占计划数", evidence="肉牛出栏5.2万头，占计划数5万头的104%；")]
    tables, rejects = validate_rows({"metrics": rows})
    assert list(tables["metrics"]["metric_id"]) == [0, 1, 3]
    assert list(rejects["check"]) == ["share_percent_within_0_100"]


def test_within_raw_text_is_raw_end_against_the_documents_length():
    documents = pd.DataFrame({"doc_id": pd.Series(["a" * 16, "b" * 16], dtype="str"),
                              "n_chars": pd.Series([10, 20], dtype="Int64")})
    sentences = pd.DataFrame({"doc_id": pd.Series(["a" * 16, "a" * 16, "b" * 16, "c" * 16], dtype="str"),
                              "raw_end": pd.Series([10, 11, 20, 1], dtype="Int64")}).set_axis([3, 5, 7, 9])
    n_chars = dict(zip(documents["doc_id"], documents["n_chars"]))
    expected = sentences["raw_end"] <= sentences["doc_id"].map(n_chars).fillna(-1)
    got = _within_raw_text(sentences, documents)
    assert got.tolist() == expected.tolist() == [True, False, True, False]
    assert list(got.index) == [3, 5, 7, 9]


@pytest.mark.parametrize("unit", ["s", "ms", "us", "ns"])
def test_a_date_is_written_as_its_timestamps_day(unit):
    values = pd.Series(pd.to_datetime(["2023-01-01", None, "1969-12-31 12:00", "1900-02-28 23:59:59",
                                       "2023-06-30 00:00:01"], format="mixed")).astype(f"datetime64[{unit}]")
    expected = pa.array(values.dt.date.where(values.notna(), None), type=pa.date32())
    assert _plain_column(values, pa.date32()).equals(expected)


def test_a_rate_per_unit_is_a_known_unit_and_a_made_up_one_is_not():
    rows = [metric(metric_id=0, unit="CNY_per_mu", measure="level", comparison="none", value_text="7.5%"),
            metric(metric_id=1, unit="CNY_per_xyz", measure="level", comparison="none", value_text="7.5%")]
    tables, rejects = validate_rows({"metrics": rows})
    assert list(tables["metrics"]["metric_id"]) == [0]
    assert list(rejects["check"]) == ["unit_in_units"]

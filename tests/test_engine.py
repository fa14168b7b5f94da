"""Executors: the tables are the same bytes whatever the engine or number of workers; JSON Lines
packs read like folders; memory-bounding batches do not change the result."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pandas as pd
import pytest

from pipeline import engine
from pipeline.run import run

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
STREAMED = [t for t in engine.STREAMED]


def tables_bytes(out: Path) -> dict[str, bytes]:
    return {t: (out / f"{t}.parquet").read_bytes() for t in STREAMED}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """The seeds, one repeated (a duplicate), and an unreadable file: every table has rows."""
    root = tmp_path_factory.mktemp("corpus")
    shutil.copytree(SEEDS, root / "seeds")
    shutil.copyfile(SEEDS / sorted(p.name for p in SEEDS.iterdir())[0], root / "seeds" / "zz_copy.txt")
    (root / "notes.pdf").write_bytes(b"%PDF-1.4 not an article")
    return root


@pytest.fixture(scope="module")
def one_worker(corpus, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("w1")
    run(corpus, out, progress=False, workers=1)
    return out


def test_two_workers_and_small_batches_write_the_same_bytes_as_one(corpus, one_worker, tmp_path, monkeypatch):
    monkeypatch.setattr(engine, "BATCH_DOCS", 2)  # several batches, spread over both workers
    run(corpus, tmp_path, progress=False, workers=2)
    assert tables_bytes(tmp_path) == tables_bytes(one_worker)


def test_a_merge_of_many_small_key_range_groups_writes_the_same_bytes(corpus, one_worker, tmp_path, monkeypatch):
    monkeypatch.setattr(engine, "MERGE_ROWS", 100)  # the seeds' ~40 sentences per document: two per group
    groups = []
    real = engine._merge_groups
    monkeypatch.setattr(engine, "_merge_groups", lambda parts: groups.append(list(real(parts))) or iter(groups[-1]))
    run(corpus, tmp_path, progress=False, workers=1)
    assert tables_bytes(tmp_path) == tables_bytes(one_worker)
    sentences = groups[0]  # sentences are merged first
    assert 1 < len(sentences) < 5 and [b for group in sentences for b in group] == sorted(b for g in sentences for b in g)


def test_the_streamed_tables_hold_every_kind_of_row(one_worker):
    docs = pd.read_parquet(one_worker / "documents.parquet")
    assert len(docs) == 5 and docs["source_path"].is_monotonic_increasing
    assert len(pd.read_parquet(one_worker / "duplicates.parquet")) == 1
    assert pd.read_parquet(one_worker / "rejects.parquet")["source_path"].tolist() == ["notes.pdf"]
    sentences = pd.read_parquet(one_worker / "sentences.parquet")
    assert list(sentences[["doc_id", "sentence_id"]].itertuples(index=False)) == \
        sorted(sentences[["doc_id", "sentence_id"]].itertuples(index=False))


def test_a_json_lines_pack_gives_the_same_rows_as_the_folder(tmp_path):
    pack = tmp_path / "articles.jsonl"
    lines = [json.dumps({"id": p.stem, "text": p.read_bytes().decode("utf-8"), "url": f"https://x.invalid/{p.name}"},
                        ensure_ascii=False) for p in sorted(SEEDS.iterdir())]
    lines += ["not json", json.dumps({"id": "no-body"}), lines[0]]
    pack.write_text("\n".join(lines) + "\n", encoding="utf-8")
    run(pack, tmp_path / "out", progress=False, workers=1)
    run(SEEDS, tmp_path / "folder", progress=False, workers=1)
    got = pd.read_parquet(tmp_path / "out" / "sentences.parquet")
    want = pd.read_parquet(tmp_path / "folder" / "sentences.parquet")
    pd.testing.assert_frame_equal(got, want)
    docs = pd.read_parquet(tmp_path / "out" / "documents.parquet")
    assert docs["source_path"].str.startswith("articles.jsonl/").all()
    rejects = pd.read_parquet(tmp_path / "out" / "rejects.parquet")
    assert sorted(rejects["check"]) == ["bad_jsonl", "bad_jsonl", "duplicate_id"]


def test_a_json_lines_date_dates_an_article_whose_page_states_none_and_keys_its_cache_entry(tmp_path, caplog):
    body = "1-9月，全市社会消费品零售总额1235亿元，同比增长6.2%。"
    dated = "发布时间：2024-10-28 来源：统计局\n" + body

    def write(date_a, date_b="2023-05-06"):
        records = [{"id": "a", "html": f"<html><body><p>{body}</p></body></html>", "date": date_a},
                   {"id": "b", "text": dated, "date": date_b},  # its page's own date wins
                   {"id": "c", "text": "前三季度，全市规上工业增加值增长8.1%。", "date": "last Tuesday"}]
        (tmp_path / "pack.jsonl").write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records),
                                             encoding="utf-8")

    def dates():
        run(tmp_path / "pack.jsonl", tmp_path / "out", progress=False, workers=1)
        docs = pd.read_parquet(tmp_path / "out" / "documents.parquet").sort_values("source_path")
        metrics = pd.read_parquet(tmp_path / "out" / "metrics.parquet")
        a = metrics[metrics["doc_id"] == docs["doc_id"].iloc[0]]
        return ([(str(d.published_date), d.date_basis) for d in docs.itertuples()],
                str(a["period_end"].iloc[0]))

    write("2024-10-20T08:00:00+08:00")
    assert dates() == ([("2024-10-20", "explicit"), ("2024-10-28", "explicit"), ("None", "none")], "2024-09-30")
    assert "'last Tuesday' is not an ISO date" in caplog.text
    write("2023-10-20")  # the same bytes with another date: not the cached rows of the first
    assert dates() == ([("2023-10-20", "explicit"), ("2024-10-28", "explicit"), ("None", "none")], "2023-09-30")


def test_dask_on_a_two_worker_local_cluster_writes_the_same_bytes(corpus, one_worker, tmp_path, monkeypatch):
    pytest.importorskip("distributed")
    monkeypatch.setattr(engine, "BATCH_DOCS", 2)
    run(corpus, tmp_path, progress=False, workers=2, engine_name="dask")
    assert tables_bytes(tmp_path) == tables_bytes(one_worker)


def test_duplicates_and_rejects_travel_in_the_batches_in_input_order():
    events = [("item", "a"), ("duplicate", {"n": 1}), ("reject", {"n": 2}), ("item", "b"),
              ("duplicate", {"n": 3}), ("duplicate", {"n": 4}), ("duplicate", {"n": 5}), ("item", "c")]
    batches = list(engine.batched(events, 3))
    assert [b.number for b in batches] == [0, 1, 2]
    assert [(b.items, b.rows) for b in batches] == [
        (["a"], {"duplicates": [{"n": 1}], "rejects": [{"n": 2}]}),
        (["b"], {"duplicates": [{"n": 3}, {"n": 4}], "rejects": []}),
        (["c"], {"duplicates": [{"n": 5}], "rejects": []}),
    ]

"""The whole pipeline on the five seed articles in seeds/."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from pipeline import clean, ingest
from pipeline.run import run

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


@pytest.fixture(scope="module")
def outputs(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("outputs")
    run(SEEDS, out, progress=False)
    return out


@pytest.fixture(scope="module")
def documents(outputs) -> pd.DataFrame:
    return pd.read_parquet(outputs / "documents.parquet").set_index("source_path")


@pytest.fixture(scope="module")
def sentences(outputs) -> pd.DataFrame:
    return pd.read_parquet(outputs / "sentences.parquet")


def test_every_seed_is_a_document_with_its_date_site_and_script(documents):
    expected = {
        "000_eb678d6701aca27f.txt": ("2023-06-07", "inferred", "聊城新闻网", "traditional"),
        "001_fb9f74054291eaad.txt": ("2022-08-10", "explicit", "高新院", "traditional"),
        "002_c3d88967049c679b.txt": ("2025-06-07", "inferred", "聊城新闻网", "traditional"),
        "003_36f57807dadc5560.txt": ("2024-03-27", "inferred", "聊城新闻网", "traditional"),
        "004_cf9927d191fe7aaa.txt": ("2021-01-14", "explicit", "信网", "simplified"),
    }
    got = {path: (row.published_date.isoformat(), row.date_basis, row.source_name, row.script)
           for path, row in documents.iterrows()}
    assert got == expected


def test_every_sentence_is_rederived_from_its_raw_span(documents, sentences):
    checked = 0
    for path, doc in documents.iterrows():
        raw, _ = ingest.decode((SEEDS / path).read_bytes())
        toneless = clean.has_pinyin_readings(raw)
        for s in sentences[sentences.doc_id == doc.doc_id].itertuples():
            assert clean.clean_sentence(raw[s.raw_start:s.raw_end], toneless) == s.text
            checked += 1
    assert checked == len(sentences) > 150


def test_article_text_is_kept_and_site_chrome_is_not(documents, sentences):
    body = {doc.doc_id: "".join(sentences[sentences.doc_id == doc.doc_id].text) for _, doc in documents.iterrows()}
    text_of = {path: body[doc.doc_id] for path, doc in documents.iterrows()}
    kept = {
        "000_eb678d6701aca27f.txt": ["轴承产业是临清的民营特色产业", "入驻轴承企业500多家"],
        "001_fb9f74054291eaad.txt": ["聊城规上工业企业达到1557家", "东阿辰康药业有限公司是聊城招引入链的生物医药企业"],
        "004_cf9927d191fe7aaa.txt": ["全区汽车产业规上企业已达49家", "西海岸新区工信局局长谢龙目说"],
    }
    dropped = ["版权所有", "ICP备", "(jīng)", "当前位置", "相关文章推荐", "信网版权稿件", "保时捷", "2024-03-02 15:33:22"]
    for path, snippets in kept.items():
        for snippet in snippets:
            assert snippet in text_of[path]
    for text in text_of.values():
        for snippet in dropped:
            assert snippet not in text


def test_sentence_ids_are_dense_per_document(sentences):
    for _, group in sentences.groupby("doc_id"):
        assert group.sentence_id.tolist() == list(range(len(group)))

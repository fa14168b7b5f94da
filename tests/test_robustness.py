"""Issue 6: hostile input, interrupted and repeated runs, validation that means something.

The corpus comes from tests/make_corpus.py. Every input file must end up in exactly one of
documents, duplicates or (file-level) rejects, and the exit status says whether anything
was rejected.
"""
from __future__ import annotations

import contextlib
import errno
import os
import pathlib
import sys
from pathlib import Path

import pandas as pd
import pytest

sys.path.insert(0, str(Path(__file__).parent))
import make_corpus  # noqa: E402

from pipeline import clean, cli, ingest  # noqa: E402

TABLE_NAMES = ("documents", "sentences", "metrics", "duplicates", "rejects")


@contextlib.contextmanager
def deny_unreadable():
    """Make reading a file whose mode grants no read permission fail with EACCES.

    Tests run as root, and root reads a mode-000 file anyway. So when (and only when) that
    happens, the read is made to fail at the I/O edge: pathlib.Path.read_bytes, which
    ingest.read_bytes uses, raises the PermissionError a normal user would get. As a non-root
    user this patch is never used: chmod 000 fails the read for real.
    """
    real = pathlib.Path.read_bytes

    def read_bytes(self):
        if os.stat(self).st_mode & 0o444 == 0:
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(self))
        return real(self)

    if os.geteuid() != 0:
        yield
        return
    pathlib.Path.read_bytes = read_bytes
    try:
        yield
    finally:
        pathlib.Path.read_bytes = real


def load(out: Path) -> dict[str, pd.DataFrame]:
    return {name: pd.read_parquet(out / f"{name}.parquet") for name in TABLE_NAMES}


@pytest.fixture(scope="module")
def corpus_run(tmp_path_factory):
    root = tmp_path_factory.mktemp("corpus")
    out = tmp_path_factory.mktemp("out")
    make_corpus.build(root)
    with deny_unreadable():
        status = cli.main(["run", "--input", str(root), "--output", str(out), "--quiet"])
    return root, out, status, load(out)


def file_level_rejects(tables):
    r = tables["rejects"]
    return r[r["table"].isna() | (r["table"] == "documents")]


# --- bad input: every case ------------------------------------------------------------

@pytest.mark.parametrize("case", make_corpus.CASES, ids=lambda c: c.name)
def test_each_bad_input_case_has_its_outcome(corpus_run, case):
    _, _, _, t = corpus_run
    docs = t["documents"][t["documents"]["source_path"] == case.path]
    dups = t["duplicates"][t["duplicates"]["source_path"] == case.path]
    rejects = t["rejects"][t["rejects"]["source_path"] == case.path]
    if case.outcome == "document":
        assert len(docs) == 1 and dups.empty and rejects.empty, rejects["reason"].tolist()
        doc = docs.iloc[0]
        assert doc["encoding"] == case.encoding
        sentences = t["sentences"][t["sentences"]["doc_id"] == doc["doc_id"]]
        assert len(sentences) == doc["n_sentences"] >= 3
        assert "规上工业" in "".join(sentences["text"]) or "轴承产业" in "".join(sentences["text"])
    elif case.outcome == "duplicate":
        assert len(dups) == 1 and docs.empty and rejects.empty
        assert dups.iloc[0]["duplicate_of"] == "gb18030.txt"
    else:
        assert docs.empty and dups.empty
        assert len(rejects) == 1
        row = rejects.iloc[0]
        assert pd.isna(row["table"]) and row["check"] == case.check
        assert row["reason"].strip() and "\n" not in row["reason"]


def sentences_of(t, path):
    doc_id = t["documents"].set_index("source_path").loc[path, "doc_id"]
    return t["sentences"][t["sentences"]["doc_id"] == doc_id]


@pytest.mark.parametrize("path", ["page_utf8.html", "page_gbk.html"])
def test_script_and_style_text_never_becomes_sentences(corpus_run, path):
    text = "".join(sentences_of(corpus_run[3], path)["text"])
    for marker in ("样式标记", "脚本", "统计标记", "color", "document.write", "99%"):
        assert marker not in text
    # nor do the menu, the related-articles links or the footer
    for chrome in ("新闻中心", "聊城召开全市工业经济运行分析会", "ICP", "版权所有"):
        assert chrome not in text


def test_traditional_big5_text_becomes_simplified_sentences(corpus_run):
    t = corpus_run[3]
    assert t["documents"].set_index("source_path").loc["big5.txt", "script"] == "traditional"
    assert "临清轴承产业已有国家级专精特新“小巨人”企业5家，规上企业达到126家。" in set(sentences_of(t, "big5.txt")["text"])


def test_crlf_nul_and_truncation_leave_no_trace_in_sentences(corpus_run):
    t = corpus_run[3]
    for path in ("crlf.txt", "nul_bytes.txt", "truncated_utf8.txt"):
        text = "".join(sentences_of(t, path)["text"])
        assert "\r" not in text and "\x00" not in text and "\ufffd" not in text
    assert "规上工业增加值同比增长7.5%" in "".join(sentences_of(t, "nul_bytes.txt")["text"])


def test_a_long_line_without_breaks_is_split_into_its_sentences(corpus_run):
    sentences = sentences_of(corpus_run[3], "long_line.txt")
    assert len(sentences) > 10_000
    assert sentences["text"].str.len().max() < 200


def test_sentence_offsets_map_back_to_the_raw_text(corpus_run):
    root, _, _, t = corpus_run
    by_name = {ingest.relative_path(p, root): p for p in ingest.discover(root)}
    for doc in t["documents"].itertuples():
        raw = ingest.read_document(by_name[doc.source_path], root, by_name[doc.source_path].read_bytes())
        assert len(raw.text) == doc.n_chars
        for s in t["sentences"][t["sentences"]["doc_id"] == doc.doc_id].itertuples():
            assert 0 <= s.raw_start < s.raw_end <= doc.n_chars
            assert clean.clean_sentence(raw.text[s.raw_start:s.raw_end]) == s.text


def test_every_input_file_is_accounted_for_exactly_once(corpus_run):
    root, _, _, t = corpus_run
    inputs = sorted(ingest.relative_path(Path(d) / f, root) for d, _, files in os.walk(root) for f in files)
    assert len(inputs) == len(make_corpus.CASES)
    places = {
        "documents": list(t["documents"]["source_path"]),
        "duplicates": list(t["duplicates"]["source_path"]),
        "rejects": list(file_level_rejects(t)["source_path"]),
    }
    for path in inputs:
        found = [name for name, paths in places.items() for p in paths if p == path]
        assert len(found) == 1, (path, found)
    assert sum(len(p) for p in places.values()) == len(inputs)


# --- exit status ----------------------------------------------------------------------

def test_exit_status_3_when_anything_was_rejected(corpus_run):
    assert corpus_run[2] == cli.EXIT_REJECTS == 3


def test_exit_status_0_when_nothing_was_rejected(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(make_corpus.ARTICLE, encoding="utf-8")
    (tmp_path / "in" / "b.txt").write_text(make_corpus.ARTICLE, encoding="utf-8")  # a duplicate is fine
    assert cli.main(["run", "--input", str(tmp_path / "in"), "--output", str(tmp_path / "out"), "--quiet"]) == 0


def test_exit_status_2_for_usage_errors(tmp_path):
    assert cli.main(["run", "--input", str(tmp_path / "missing"), "--output", str(tmp_path / "out")]) == 2
    with pytest.raises(SystemExit) as exit_:
        cli.main(["run", "--input", str(tmp_path)])
    assert exit_.value.code == 2


def test_exit_status_1_when_the_run_fails(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(make_corpus.ARTICLE, encoding="utf-8")
    (tmp_path / "out").write_text("a file where the output folder should be")
    assert cli.main(["run", "--input", str(tmp_path / "in"), "--output", str(tmp_path / "out"), "--quiet"]) == 1

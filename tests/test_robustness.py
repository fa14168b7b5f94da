"""Issue 6: hostile input, interrupted and repeated runs, validation that means something.

The corpus comes from tests/make_corpus.py. Every input file must end up in exactly one of
documents, duplicates or (file-level) rejects, and the exit status says whether anything
was rejected.
"""
from __future__ import annotations

import contextlib
import errno
import json
import os
import pathlib
import pickle
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


# --- repeatable runs ------------------------------------------------------------------

SMALL = {  # a small input for the run-level tests: real seeds plus corpus cases
    "a.txt": make_corpus.ARTICLE.encode(),
    "b.html": make_corpus.html_page("gbk").encode("gbk"),
    "c.txt": make_corpus.ARTICLE_TRADITIONAL.encode("big5"),
    "empty.txt": b"",
}
SEEDS = Path(__file__).parent.parent / "seeds"


def small_input(folder: Path, extra: dict[str, bytes] | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for seed in sorted(SEEDS.glob("*.txt"))[:2]:
        (folder / seed.name).write_bytes(seed.read_bytes())
    for name, data in {**SMALL, **(extra or {})}.items():
        (folder / name).write_bytes(data)
    return folder


def parquet_bytes(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(out.glob("*.parquet"))}


def run_cli(inp: Path, out: Path, *args: str, env: dict | None = None, wait: bool = True):
    import subprocess
    cmd = [sys.executable, "-m", "pipeline", "run", "--input", str(inp), "--output", str(out), "--quiet", *args]
    proc = subprocess.Popen(cmd, cwd=Path(__file__).parent.parent, env={**os.environ, **(env or {})},
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    return proc.wait() if wait else proc


def test_two_runs_on_the_same_input_write_byte_identical_parquet(tmp_path):
    from pipeline.run import run
    inp = small_input(tmp_path / "in")
    run(inp, tmp_path / "one", progress=False, workers=1, use_cache=False)
    # another process, another hash seed (set iteration order), two workers, another folder name
    procs = [run_cli(inp, tmp_path / "two", "--workers", "2", env={"PYTHONHASHSEED": "12345"}, wait=False),
             run_cli(inp, tmp_path / "three", env={"PYTHONHASHSEED": "0"}, wait=False)]
    assert [p.wait() for p in procs] == [3, 3]
    one = parquet_bytes(tmp_path / "one")
    assert set(one) >= {f"{t}.parquet" for t in TABLE_NAMES}
    assert parquet_bytes(tmp_path / "two") == one
    assert parquet_bytes(tmp_path / "three") == one
    # wall-clock time and versions are in the manifest, not in the tables
    import json
    manifest = json.loads((tmp_path / "two" / "manifest.json").read_text())
    assert manifest["started_at"] <= manifest["finished_at"]
    assert manifest["tables"]["documents"]["rows"] == len(pd.read_parquet(tmp_path / "one" / "documents.parquet"))
    from pipeline.manifest import mismatches
    assert mismatches(tmp_path / "two") == []


# --- incremental runs -----------------------------------------------------------------

def test_a_warm_run_skips_unchanged_documents_and_writes_what_a_cold_run_writes(tmp_path, monkeypatch):
    import json

    from pipeline import run as run_module
    inp = small_input(tmp_path / "in")
    n_files = len(list(inp.iterdir()))  # all readable and distinct; empty.txt is rejected by process_file
    run_module.run(inp, tmp_path / "out", progress=False, workers=1)
    cold = parquet_bytes(tmp_path / "out")
    first = json.loads((tmp_path / "out" / "manifest.json").read_text())["cache"]
    assert first == {"hits": 0, "misses": n_files}

    calls = []
    real = run_module.process_file
    monkeypatch.setattr(run_module, "process_file", lambda *a: calls.append(a[0].name) or real(*a))
    run_module.run(inp, tmp_path / "out", progress=False, workers=1)
    assert calls == []  # every document came from the cache
    assert json.loads((tmp_path / "out" / "manifest.json").read_text())["cache"] == {"hits": n_files, "misses": 0}
    assert parquet_bytes(tmp_path / "out") == cold

    # one file changes: only it is processed again, and the result is what a cold run gives
    (inp / "a.txt").write_bytes(make_corpus.ARTICLE.replace("1557家", "1600家").encode())
    run_module.run(inp, tmp_path / "out", progress=False, workers=1)
    assert calls == ["a.txt"]
    run_module.run(inp, tmp_path / "cold", progress=False, workers=1, use_cache=False)
    assert parquet_bytes(tmp_path / "out") == parquet_bytes(tmp_path / "cold")
    assert not (tmp_path / "cold" / ".cache").exists()
    # the entry of a.txt's old bytes was pruned: the cache holds exactly the current input
    from pipeline.cache import DocumentCache
    assert len(DocumentCache(tmp_path / "out")) == n_files


def outputs_state(out: Path) -> dict[str, tuple[int, bytes]]:
    return {p.name: (p.stat().st_mtime_ns, p.read_bytes()) for p in sorted(out.iterdir()) if p.is_file()}


def test_a_rerun_on_an_unchanged_corpus_keeps_the_outputs_and_any_change_runs_again(tmp_path, monkeypatch):
    from pipeline import manifest
    inp = small_input(tmp_path / "in")
    out = tmp_path / "out"
    assert cli.main(["run", "--input", str(inp), "--output", str(out), "--quiet", "--workers", "1"]) == 3
    kept = outputs_state(out)
    assert manifest.unchanged(inp, out)["documents"] == len(pd.read_parquet(out / "documents.parquet"))
    # nothing changed: no file is written again, and the exit status is the first run's
    monkeypatch.setattr("pipeline.run.run", lambda *a, **k: pytest.fail("the pipeline ran again"))
    assert cli.main(["run", "--input", str(inp), "--output", str(out), "--quiet"]) == 3
    assert outputs_state(out) == kept
    monkeypatch.undo()

    # each of these makes the kept outputs unprovable, so the run happens (and writes a cold run's tables)
    cold = tmp_path / "cold"
    (inp / "a.txt").write_bytes(make_corpus.ARTICLE.replace("1557家", "1600家").encode())
    assert manifest.unchanged(inp, out) is None  # a changed file
    run_cli(inp, cold)
    assert cli.main(["run", "--input", str(inp), "--output", str(out), "--quiet"]) == 3
    assert parquet_bytes(out) == parquet_bytes(cold)
    assert manifest.unchanged(inp, out) is not None
    for name in ("metrics.parquet", "regional_industry.duckdb", "unmapped_indicators.csv"):
        (out / name).unlink()  # a deleted output
        assert manifest.unchanged(inp, out) is None, name
        assert cli.main(["run", "--input", str(inp), "--output", str(out), "--quiet"]) == 3
        assert (out / name).exists() and manifest.unchanged(inp, out) is not None
    (out / "documents.parquet").write_bytes(b"damaged")
    assert manifest.unchanged(inp, out) is None  # a damaged output
    (inp / "new.txt").write_bytes(make_corpus.ARTICLE.replace("1557家", "1700家").encode())
    assert manifest.unchanged(inp, out) is None  # a new file
    assert cli.main(["run", "--input", str(inp), "--output", str(out), "--quiet"]) == 3
    assert manifest.unchanged(inp, out) is not None
    (inp / "new.txt").rename(inp / "renamed.txt")
    assert manifest.unchanged(inp, out) is None  # a renamed file (source_path is in the tables)
    assert manifest.unchanged(inp, tmp_path / "elsewhere") is None  # no manifest
    (inp / "renamed.txt").unlink()
    assert manifest.unchanged(inp, out) is None  # a removed file
    assert cli.main(["run", "--input", str(inp), "--output", str(out), "--quiet"]) == 3
    assert manifest.unchanged(inp, out) is not None
    monkeypatch.setattr("pipeline.cache.fingerprint", lambda: "0" * 64)
    assert manifest.unchanged(inp, out) is None  # another pipeline (code, data or text libraries)
    monkeypatch.undo()
    monkeypatch.setattr("pipeline.cache.library_version", lambda name: "9.9")
    assert manifest.unchanged(inp, out) is None  # another pandas, pyarrow, DuckDB …
    monkeypatch.undo()
    (inp / "gone.txt").symlink_to(inp / "nowhere.txt")
    assert manifest.input_digest(inp) is None  # a file that cannot be read: the run (and its reject) happens again
    os.mkfifo(inp / "pipe.txt")
    (inp / "gone.txt").unlink()
    assert manifest.input_digest(inp) is None  # nor is a FIFO opened


def test_a_changed_pipeline_fingerprint_starts_cold(tmp_path):
    from pipeline.cache import DocumentCache, EntryWriter, entry_blob, entry_rows
    store = DocumentCache(tmp_path, version="a" * 64)
    key, entry = store.lookup("x.txt", b"abc")
    assert entry is None and store.stats() == {"hits": 0, "misses": 1}
    written = EntryWriter(tmp_path / "parts" / "0000000.entries")
    written.add(key, entry_blob({"documents": [{"doc_id": "1"}]}))
    store.store(written.close())
    assert not written.path.exists()  # stored, then gone
    store.close()
    again = DocumentCache(tmp_path, version="a" * 64)
    assert entry_rows(again.lookup("x.txt", b"abc")[1]) == {"documents": [{"doc_id": "1"}]}
    assert again.lookup("y.txt", b"abc")[1] is None  # the path is in the key
    again.close()
    other = DocumentCache(tmp_path, version="b" * 64)
    assert other.lookup("x.txt", b"abc")[1] is None
    assert other.prune() == 1  # the other fingerprint's folder (its one file) is gone
    assert sorted(p.name for p in (tmp_path / ".cache").iterdir()) == ["b" * 16]


def test_a_workers_cache_entries_reach_the_cache_whole_or_not_at_all(tmp_path, caplog):
    from pipeline.cache import DocumentCache, EntryWriter, entry_rows
    store = DocumentCache(tmp_path, version="a" * 64)
    keys = [store.lookup(f"{n}.txt", b"abc")[0] for n in range(3)]
    written = EntryWriter(tmp_path / "parts" / "0000000.entries")
    for n, key in enumerate(keys):
        written.add(key, pickle.dumps({"documents": [{"doc_id": str(n)}]}))
    path = written.close()
    path.write_bytes(path.read_bytes()[:-5])  # the last entry cut short
    with caplog.at_level("WARNING", logger="pipeline"):
        store.store(path)
    assert "ends inside an entry" in caplog.text
    assert [entry_rows(store.lookup(f"{n}.txt", b"abc")[1])["documents"][0]["doc_id"] for n in range(2)] == ["0", "1"]
    assert store.lookup("2.txt", b"abc")[1] is None and not path.exists()
    with pytest.raises(ValueError):
        written.add("short", b"")


def test_a_damaged_cache_costs_time_not_the_run(tmp_path, caplog):
    """A cache entry that is not a pickle is a miss; a cache file that is not a database is
    started afresh; either way the tables are a cold run's."""
    from pipeline import run as run_module
    from pipeline.cache import DocumentCache, EntryWriter
    inp = small_input(tmp_path / "in")
    run_module.run(inp, tmp_path / "cold", progress=False, workers=1, use_cache=False)
    cold = parquet_bytes(tmp_path / "cold")
    out = tmp_path / "out"
    run_module.run(inp, out, progress=False, workers=1)
    store = DocumentCache(out)
    key, entry = store.lookup("a.txt", (inp / "a.txt").read_bytes())
    assert entry is not None
    damaged = EntryWriter(tmp_path / "damaged.entries")
    damaged.add(key, b"not a pickle")
    store.store(damaged.close())
    store.close()
    (out / "documents.parquet").unlink()
    with caplog.at_level("WARNING", logger="pipeline"):
        run_module.run(inp, out, progress=False, workers=1)
    assert parquet_bytes(out) == cold
    assert any("unreadable" in r.getMessage() and key in r.getMessage() for r in caplog.records)
    assert DocumentCache(out).lookup("a.txt", (inp / "a.txt").read_bytes())[1] is not None  # computed and stored again

    database = next((out / ".cache").rglob("entries.sqlite"))
    database.write_bytes(b"damaged" * 1000)
    caplog.clear()
    with caplog.at_level("WARNING", logger="pipeline"):
        result = run_module.run(inp, out, progress=False, workers=1)
    assert parquet_bytes(out) == cold
    assert any("starting it afresh" in r.getMessage() for r in caplog.records)
    assert result.summary["documents"] == len(pd.read_parquet(out / "documents.parquet"))
    assert len(DocumentCache(out)) == len(list(inp.iterdir()))  # and it is whole again


# --- interrupted runs -----------------------------------------------------------------

# Runs `pipeline run` in a child process that SIGKILLs itself at the N-th call of one function:
# a deterministic way to kill a run at a chosen point (a timer could not say where it landed).
KILLER = r"""
import os, signal, sys
point, n = sys.argv[1], int(sys.argv[2])
from pipeline import cache, cli, manifest, run, validate
import pyarrow.parquet as pq

def kill_at(owner, name, after=False):
    real, count = getattr(owner, name), [0]
    def wrapped(*args, **kwargs):
        count[0] += 1
        if count[0] == n and not after:
            os.kill(os.getpid(), signal.SIGKILL)
        result = real(*args, **kwargs)
        if count[0] == n and after:
            os.kill(os.getpid(), signal.SIGKILL)
        return result
    setattr(owner, name, wrapped)

if point == "processing":        # inside the N-th document
    kill_at(run, "process_file")
elif point == "cache_entry":     # before storing the cache entries of the N-th batch
    kill_at(cache.DocumentCache, "store")
elif point == "writing_table":   # in the middle of writing a table (a row group of the N-th write)
    kill_at(pq.ParquetWriter, "write_table", after=True)
elif point == "staged":          # after the N-th output file is complete under its temporary name
    kill_at(validate, "_fsync", after=True)
elif point == "renaming":        # between the renames that put the tables in place
    kill_at(os, "replace")
elif point == "manifest":        # tables in place, manifest not yet written
    kill_at(manifest, "write_manifest")
sys.exit(cli.main(sys.argv[3:]))
"""

# The killed run starts from the old outputs and their cache: of the new input only a.txt (changed)
# and d.txt (new) miss the cache, so there are 2 documents to process, in one batch whose 2 cache
# entries are stored together; os.replace calls 1.. rename the tables.
KILL_POINTS = [("processing", 2), ("cache_entry", 1), ("writing_table", 2), ("staged", 2),
               ("renaming", 1), ("renaming", 3), ("manifest", 1)]
BEFORE_ANY_TABLE_RENAME = {("processing", 2), ("cache_entry", 1), ("writing_table", 2), ("staged", 2), ("renaming", 1)}


def tables_valid(out: Path) -> None:
    """Every table file loads and passes its schema at the write boundary, unchanged."""
    from pipeline.validate import validate_table
    for name in TABLE_NAMES:
        frame = pd.read_parquet(out / f"{name}.parquet")
        valid, bad = validate_table(frame.astype({c: object for c in frame.columns
                                                  if isinstance(frame[c].dtype, pd.CategoricalDtype)}), name)
        assert bad.empty and len(valid) == len(frame), (name, bad["reason"].tolist()[:3])


def test_a_run_killed_at_any_point_leaves_complete_outputs(tmp_path):
    import shutil
    import signal
    import subprocess

    from pipeline.manifest import mismatches
    old_in = small_input(tmp_path / "old_in")
    new_in = small_input(tmp_path / "new_in", {"a.txt": make_corpus.ARTICLE.replace("1557家", "1600家").encode(),
                                               "d.txt": make_corpus.ARTICLE.replace("1557家", "1700家").encode()})
    assert run_cli(old_in, tmp_path / "old") == 3
    assert run_cli(new_in, tmp_path / "new", "--workers", "1") == 3
    old, new = parquet_bytes(tmp_path / "old"), parquet_bytes(tmp_path / "new")
    assert all(old[f] != new[f] for f in ("documents.parquet", "sentences.parquet", "metrics.parquet"))

    procs = {}
    for point, n in KILL_POINTS:
        out = tmp_path / f"killed-{point}-{n}"
        shutil.copytree(tmp_path / "old", out)
        cmd = [sys.executable, "-c", KILLER, point, str(n), "run", "--input", str(new_in), "--output", str(out),
               "--quiet", "--workers", "1"]
        procs[(point, n)] = (out, subprocess.Popen(cmd, cwd=Path(__file__).parent.parent,
                                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
    for (point, n), (out, proc) in procs.items():
        assert proc.wait() == -signal.SIGKILL, (point, n)  # it really died there
        tables_valid(out)
        now = parquet_bytes(out)
        assert set(now) == set(old)
        assert all(now[f] in (old[f], new[f]) for f in now), (point, n)  # never a partial file
        if (point, n) in BEFORE_ANY_TABLE_RENAME:
            assert now == old, (point, n)  # nothing renamed yet: the previous run is intact
        if (point, n) == ("renaming", 3):
            assert now != old and now != new  # killed between renames: a mix of complete files ...
        assert bool(mismatches(out)) == (now != old), (point, n)  # ... which the manifest reveals
    # the next run cleans up after the killed one and writes the new outputs
    reruns = {key: run_cli(new_in, procs[key][0], "--workers", "1", wait=False)
              for key in (("writing_table", 2), ("renaming", 3))}  # a temp file left behind; a mixed set
    for key, proc in reruns.items():
        out = procs[key][0]
        assert proc.wait() == 3, key
        assert parquet_bytes(out) == new, key
        assert mismatches(out) == []
        assert not list(out.glob(".*.tmp")) and not list(out.glob(".parts-*")), key


# --- validation that means something --------------------------------------------------

RAW = "聊城规上工业增加值同比增长7.5%。"


def good_rows(doc_id: str = "0123456789abcdef") -> dict[str, list[dict]]:
    doc = {"doc_id": doc_id, "source_path": f"{doc_id}.txt", "content_type": "txt", "encoding": "utf_8",
           "n_chars": len(RAW), "source_name": None, "title": None, "published_date": pd.Timestamp("2023-05-01"),
           "date_basis": "explicit", "script": "simplified", "region_code": "371500", "n_sentences": 1}
    sentence = {"doc_id": doc_id, "sentence_id": 0, "paragraph_id": 0, "text": RAW, "is_heading": False,
                "raw_start": 0, "raw_end": len(RAW)}
    metric = {"doc_id": doc_id, "metric_id": 0, "sentence_id": 0, "evidence": RAW, "value_text": "7.5%",
              "char_start": 13, "value": 7.5, "value_low": 7.5, "value_high": 7.5, "qualifier": "exact",
              "unit": "percent", "count_noun": None, "measure": "growth_rate", "comparison": "yoy",
              "indicator_text": "规上工业增加值", "indicator": None, "subject": None, "region_code": "371500",
              "industry": None, "period_start": pd.Timestamp("2023-01-01"), "period_end": pd.Timestamp("2023-04-30"),
              "status": "actual"}
    return {"documents": [doc], "sentences": [sentence], "metrics": [metric]}


# Each broken row: (table, changes to the good row, the checks that must name it in rejects, and only them).
BROKEN = [
    ("documents", {"region_code": "999999"}, "region_code_in_regions"),
    ("documents", {"script": "klingon"}, "script_in_vocabulary"),
    ("documents", {"date_basis": "guessed"}, "date_basis_in_vocabulary"),
    ("sentences", {"raw_end": len(RAW) + 40}, "raw_end_within_raw_text"),
    ("sentences", {"raw_start": 9, "raw_end": 3}, "raw_start_before_raw_end"),
    ("sentences", {"doc_id": "ffffffffffffffff"}, "doc_id_in_documents;raw_end_within_raw_text"),  # no document, no length
    ("metrics", {"unit": "furlong"}, "unit_in_units"),
    ("metrics", {"measure": "vibe"}, "measure_in_vocabulary"),
    ("metrics", {"measure": "share", "value": 130.0, "value_low": 130.0, "value_high": 130.0},
     "share_percent_within_0_100"),
    ("metrics", {"value_low": 9.0}, "value_low_le_value_le_value_high"),
    ("metrics", {"period_start": pd.Timestamp("2023-06-01")}, "period_start_le_period_end"),
    ("metrics", {"value_text": "8.5%"}, "evidence_contains_value_text"),
    ("metrics", {"region_code": "123456"}, "region_code_in_regions"),
    ("metrics", {"sentence_id": 7}, "sentence_in_sentences"),
]


def test_broken_rows_are_rejected_at_the_write_boundary_with_the_check_name(tmp_path):
    from pipeline.run import write_tables
    rows = good_rows()
    rows.update({"duplicates": [], "rejects": []})
    for i, (table, changes, _) in enumerate(BROKEN):
        doc_id = f"{i:016x}"
        broken = good_rows(doc_id)
        # the document's rows in the other tables stay good (though they may fall with a broken parent)
        for name in ("documents", "sentences", "metrics"):
            for row in broken[name]:
                rows[name].append({**row, **changes} if name == table else row)
    tables = write_tables(rows, tmp_path)
    rejects = pd.read_parquet(tmp_path / "rejects.parquet")
    for i, (table, changes, check) in enumerate(BROKEN):
        doc_id = changes.get("doc_id", f"{i:016x}")
        mine = rejects[(rejects["doc_id"] == doc_id) & (rejects["table"] == table)]
        assert len(mine) == 1 and mine.iloc[0]["check"] == check, (table, changes, mine["check"].tolist())
        assert mine.iloc[0]["row"] and "\n" not in mine.iloc[0]["reason"]
        # the reason names the check, and a column only if it is one the row broke (not the row's first)
        assert mine.iloc[0]["reason"].startswith(tuple(f"{table}{column} failed {name}" for name in check.split(";")
                                                       for column in ["", *(f".{c}" for c in changes)])), mine.iloc[0]["reason"]
    # the good document went through untouched, and nothing failing was written
    assert "0123456789abcdef" in set(tables["metrics"]["doc_id"])
    for table, frame in tables.items():
        if table in ("documents", "sentences", "metrics"):
            for i, (broken_table, _, _) in enumerate(BROKEN):
                if broken_table == table:
                    assert f"{i:016x}" not in set(frame["doc_id"])
    # a rejected document takes its sentences and metrics with it (no orphans are written)
    region_doc = f"{0:016x}"
    assert region_doc not in set(tables["sentences"]["doc_id"]) and region_doc not in set(tables["metrics"]["doc_id"])
    assert set(rejects.loc[rejects["doc_id"] == region_doc, "table"]) == {"documents", "sentences", "metrics"}


def test_units_of_the_extractor_vocabulary_all_pass_the_unit_check():
    import tomllib
    from importlib import resources

    from pipeline.validate import _unit_codes
    units = tomllib.loads(resources.files("pipeline.data").joinpath("units.toml").read_text(encoding="utf-8"))
    bases = {u["base"] for u in units["units"].values()} | {"count", "rank"}
    amounts = bases - {"percent", "pp", "count", "rank"}
    assert bases | {f"{a}_per_{p['base']}" for a in amounts for p in units["per"].values()} == _unit_codes()
    assert {"CNY_per_mu", "kg_per_mu", "tce_per_CNY"} <= _unit_codes() and "pp_per_person" not in _unit_codes()
    assert {"percent", "pp", "CNY", "t", "m2", "mu", "kWh", "count", "rank"} <= _unit_codes()  # SPEC's base units


# --- property-based tests of the cleaners and the number parser ------------------------

from hypothesis import example, given  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

# Arbitrary Unicode, weighted towards what news text holds: CJK (both scripts), full-width
# forms, pinyin with tone marks, brackets, punctuation, spaces of every kind, zero-width marks.
NEWSY = st.text(st.one_of(
    st.characters(),
    st.sampled_from(list("經濟发展聊城臨清軸承產業规上工业增加值同比增长億萬元")),
    st.sampled_from(list("０１２３４５６７８９％（）［］，。！？；：、“”‘’《》…—")),
    st.sampled_from(list("āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜjngzhxq()")),
    st.sampled_from(list(" \t\n\r\u3000\u00a0\u2002\u2003\u2009\u200b\ufeff,;:!?.%")),
), max_size=80)


@given(NEWSY)
@example("經(jīng)濟(jì)")
@example("增长７．５％，")
def test_clean_span_never_raises_and_its_map_points_into_the_raw_text(raw):
    text, index_map = clean.clean_span(raw)
    assert len(index_map) == len(text)
    assert all(0 <= i < len(raw) for i in index_map)
    assert all(a < b for a, b in zip(index_map, index_map[1:]))  # order kept, each raw character once
    for ch, i in zip(text, index_map):
        if not ch.isspace():
            assert not raw[i].isspace() or raw[i] in "\u200b\ufeff"  # visible text comes from visible text
    assert text == text.strip() and "  " not in text


@given(NEWSY)
@example("經(jīng)濟(jì)")
def test_cleaning_is_idempotent(raw):
    once = clean.clean_sentence(raw)
    assert clean.clean_sentence(once) == once


@given(NEWSY)
def test_toneless_pinyin_cleaning_never_raises_either(raw):
    text, index_map = clean.clean_span(raw, toneless_pinyin=True)
    assert len(index_map) == len(text)


@given(NEWSY)
def test_sentence_spans_are_ordered_non_empty_and_map_back_to_raw(raw):
    text, index_map = clean.clean_span(raw)
    spans = clean.split_sentences(text)
    assert all(0 <= a < b <= len(text) for a, b in spans)
    assert all(b1 <= a2 for (_, b1), (a2, _) in zip(spans, spans[1:]))
    for a, b in spans:
        sentence = text[a:b]
        assert sentence == sentence.strip()
        raw_start, raw_end = index_map[a], index_map[b - 1] + 1
        assert 0 <= raw_start < raw_end <= len(raw)


@given(st.text(max_size=30))
def test_the_number_parser_returns_a_number_or_raises_value_error(text):
    numbers = pytest.importorskip("pipeline.numbers")
    try:
        value = numbers.parse_number(text)
    except ValueError:
        return
    assert isinstance(value, float) and value == value  # a float, not NaN


@given(st.integers(min_value=0, max_value=10**12), st.sampled_from(["", "万", "亿"]))
def test_the_number_parser_reads_arabic_numbers_with_magnitudes(n, magnitude):
    numbers = pytest.importorskip("pipeline.numbers")
    exact = n * {"": 1, "万": 10**4, "亿": 10**8}[magnitude]
    expected = pytest.approx(exact, rel=1e-15)  # float64: exact up to 2**53, then to its precision
    assert numbers.parse_number(f"{n}{magnitude}") == expected
    assert numbers.parse_number(f"{n:,}{magnitude}") == expected
    full = str(n).translate({ord(c): ord(c) + 0xFEE0 for c in "0123456789"})
    assert numbers.parse_number(f"{full}{magnitude}") == expected


# Stops a run (SIGKILL) just before it stores the cache entries of its third batch of one document.
KILL_AT_THIRD_STORE = r"""
import os, signal, sys
from pipeline import cache, cli, engine
engine.BATCH_DOCS = 1
real, stored = cache.DocumentCache.store, []
def store(self, path):
    if len(stored) == 2:
        os.kill(os.getpid(), signal.SIGKILL)
    real(self, path)
    stored.append(path)
cache.DocumentCache.store = store
sys.exit(cli.main(sys.argv[1:]))
"""


def test_a_killed_run_keeps_the_cache_entries_of_the_batches_it_stored(tmp_path):
    import signal
    import subprocess
    inp = small_input(tmp_path / "in")
    assert run_cli(inp, tmp_path / "cold", "--workers", "1") == 3
    out = tmp_path / "out"
    cmd = [sys.executable, "-c", KILL_AT_THIRD_STORE, "run", "--input", str(inp), "--output", str(out), "--quiet",
           "--workers", "1"]
    assert subprocess.run(cmd, cwd=Path(__file__).parent.parent, capture_output=True).returncode == -signal.SIGKILL
    assert run_cli(inp, out, "--workers", "1") == 3
    cold = json.loads((tmp_path / "cold" / "manifest.json").read_text())["cache"]
    assert json.loads((out / "manifest.json").read_text())["cache"] == {"hits": 2, "misses": cold["misses"] - 2}
    assert parquet_bytes(out) == parquet_bytes(tmp_path / "cold")

"""Run the stages over a folder of articles and write the validated tables.

I/O lives here: reading files, writing Parquet. The stages themselves are pure functions.
"""
from __future__ import annotations

import logging
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

import pandas as pd

from pipeline import clean, context, engine, extract, ingest, reference
from pipeline import manifest
from pipeline.cache import DocumentCache
from pipeline.publish import DATABASE_NAME, build_database
from pipeline.validate import (atomic_write, commit_together, remove_stale_temps, validate_rows, validate_table,
                               write_parquet)
from schemas import TABLES

log = logging.getLogger("pipeline")
UNMAPPED_REPORT = "unmapped_indicators.csv"


@dataclass
class RunResult:
    tables: Mapping[str, pd.DataFrame]
    files_seen: int = 0
    summary: dict[str, int] = field(default_factory=dict)


def process_file(path: Path, root: Path, raw: bytes, date: str | None = None) -> dict[str, list[dict]]:
    """One file's rows for every table; a file that can't be used becomes one rejects row. DATE (ISO) is
    the publication date its JSON Lines record gave, which counts as the page's own metadata does."""
    source = ingest.relative_path(path, root)
    try:
        doc = ingest.read_document(path, root, raw)
        if date and not doc.html_date:
            doc = replace(doc, html_date=date)
        cleaned = clean.clean_document(doc)
        if not cleaned.sentences:
            raise ingest.Unreadable("no_article_text", "no article text left after removing site chrome")
        ingest.require_chinese(" ".join(s.text for s in cleaned.sentences))
    except ingest.Unreadable as err:
        stage = "clean" if err.check in ("no_article_text", "not_chinese") else "ingest"
        return {"rejects": [reject_row(source, ingest.doc_id_of(raw) if raw else None, stage, err.check, err.reason)]}
    document, metrics = context.resolve(document_row(doc, cleaned), cleaned.sentences,
                                        extract.extract_document(doc.doc_id, cleaned.sentences))
    return {
        "documents": [document],
        "sentences": [{"doc_id": doc.doc_id, **vars(s)} for s in cleaned.sentences],
        "metrics": metrics,
    }


def document_row(doc: ingest.RawDocument, cleaned: clean.CleanDocument) -> dict:
    return {
        "doc_id": doc.doc_id, "source_path": doc.source_path, "content_type": doc.content_type,
        "encoding": doc.encoding, "n_chars": len(doc.text), "source_name": cleaned.source_name,
        "title": cleaned.title,
        "published_date": pd.Timestamp(cleaned.published_date) if cleaned.published_date else None,
        "date_basis": cleaned.date_basis, "script": cleaned.script, "region_code": None,
        "n_sentences": len(cleaned.sentences),
    }


def report_unmapped(output_dir: Path, top: int = 10) -> None:
    """Write unmapped_indicators.csv (indicator phrases the vocabulary lacks, most frequent first) and log
    the top lines, so pipeline/data/indicators.csv can grow from real data."""
    rows = context.unmapped_indicators(_unmapped_metrics(output_dir / "metrics.parquet"))
    report = pd.DataFrame(rows, columns=["indicator_text", "n_metrics", "n_documents", "example"])
    atomic_write(output_dir / UNMAPPED_REPORT, lambda tmp: report.to_csv(tmp, index=False))
    log.info("unmapped indicator phrases: %d (top %d in unmapped_indicators.csv)", len(rows), top)
    for r in rows[:top]:
        log.info("  %4d × %s", r["n_metrics"], r["indicator_text"])


def _unmapped_metrics(path: Path) -> Iterator[dict]:
    """The metrics with an indicator phrase but no indicator code, in file order, one row group at
    a time: the only rows context.unmapped_indicators counts, without holding the table."""
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    parquet = pq.ParquetFile(path)
    for group in range(parquet.num_row_groups):
        rows = parquet.read_row_group(group, columns=["doc_id", "evidence", "indicator_text", "indicator"])
        unmapped = pc.and_(pc.is_null(rows["indicator"]), pc.not_equal(rows["indicator_text"], ""))
        yield from rows.filter(unmapped).to_pylist()  # a null phrase compares to null: dropped


def reject_row(source: str, doc_id: str | None, stage: str, check: str, reason: str) -> dict:
    return {"source_path": source, "doc_id": doc_id, "stage": stage, "table": None, "check": check,
            "reason": reason, "row": None}


def run(input_dir: Path, output_dir: Path, progress: bool = True, workers: int | None = None,
        engine_name: str = "local", scheduler: str | None = None, use_cache: bool = True) -> RunResult:
    """Process INPUT_DIR (a folder of articles or a JSON Lines pack) into OUTPUT_DIR. The
    per-document tables stream through engine.run_stream in batches on WORKERS processes (default:
    all cores) or on Dask; the result is the same bytes whatever the engine or worker count.

    Tables are renamed into place together at the end (validate.commit_together), a document
    whose bytes and pipeline are unchanged is taken from OUTPUT_DIR/.cache/ (pipeline.cache), and
    OUTPUT_DIR/manifest.json, written last, records the run (pipeline.manifest)."""
    input_dir, output_dir = Path(input_dir), Path(output_dir)
    started_at = manifest.now()
    input_sha256 = manifest.input_digest(input_dir)  # before reading: a file changed meanwhile is seen next time
    remove_stale_temps(output_dir)
    doc_cache = DocumentCache(output_dir) if use_cache else None
    with commit_together(output_dir):
        streamed = engine.run_stream(input_dir, output_dir, workers=workers or engine.default_workers(),
                                     engine=engine_name, scheduler=scheduler, progress=progress,
                                     cache=doc_cache)
        others = write_tables({name: reference.table_rows(name) for name in TABLES if name not in engine.STREAMED},
                              output_dir)
    counts = streamed.counts
    summary = {
        "files": streamed.inputs,
        "documents": counts["documents"],
        "duplicates": counts["duplicates"],
        "rejected": streamed.rejected_files,
        "rejected_rows": streamed.rejected_rows,
        "sentences": counts["sentences"],
        "metrics": counts.get("metrics", 0),
    }
    build_database(output_dir)
    report_unmapped(output_dir)
    if doc_cache is not None:
        doc_cache.prune()
        doc_cache.close()
    manifest.write_manifest(output_dir, started_at=started_at, input_dir=input_dir,
                            tables={**{name: len(frame) for name, frame in others.items()}, **counts},
                            summary=summary, cache=doc_cache.stats() if doc_cache is not None else None,
                            extra_files=(DATABASE_NAME, UNMAPPED_REPORT), input_sha256=input_sha256)
    return RunResult(ParquetTables(output_dir), streamed.inputs, summary)


class ParquetTables(Mapping):
    """The written tables, read from OUTPUT_DIR when asked for (a large run's tables are never
    held in memory whole)."""

    def __init__(self, output_dir: Path):
        self.output_dir = Path(output_dir)

    def __getitem__(self, name: str) -> pd.DataFrame:
        path = self.output_dir / f"{name}.parquet"
        if name not in TABLES or not path.exists():
            raise KeyError(name)
        return pd.read_parquet(path)

    def __iter__(self):
        return (name for name in TABLES if (self.output_dir / f"{name}.parquet").exists())

    def __len__(self) -> int:
        return sum(1 for _ in self)


def write_tables(rows: dict[str, list[dict]], output_dir: Path) -> dict[str, pd.DataFrame]:
    """Validate the tables in ROWS at the write boundary; failing rows join the rejects table.
    (run() streams the per-document tables through engine.run_stream, which validates each batch
    with the same schemas, and passes only the other tables here.)"""
    tables, rejects = validate_rows(rows)
    if "rejects" in rows:
        tables["rejects"], still_bad = validate_table(rejects, "rejects")
        if len(still_bad):
            raise ValueError(f"rejects table failed its own schema: {still_bad['reason'].tolist()[:3]}")
    elif len(rejects):  # the rejects table was written by the stream
        raise ValueError(f"rows of {sorted(set(rejects['table']))} failed their schema: "
                         f"{rejects['reason'].tolist()[:3]}")
    for name, frame in tables.items():
        write_parquet(frame, name, output_dir)
    return tables

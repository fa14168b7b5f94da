"""Run the stages over a folder of articles and write the validated tables.

I/O lives here: reading files, writing Parquet. The stages themselves are pure functions.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from pipeline import clean, extract, ingest
from pipeline.publish import build_database
from pipeline.validate import validate_table, write_parquet
from schemas import TABLES, empty_frame

log = logging.getLogger("pipeline")


@dataclass
class RunResult:
    tables: dict[str, pd.DataFrame]
    files_seen: int = 0
    summary: dict[str, int] = field(default_factory=dict)


def process_file(path: Path, root: Path, raw: bytes) -> dict[str, list[dict]]:
    """One file's rows for every table; a file that can't be used becomes one rejects row."""
    source = ingest.relative_path(path, root)
    try:
        doc = ingest.read_document(path, root, raw)
        cleaned = clean.clean_document(doc)
        if not cleaned.sentences:
            raise ingest.Unreadable("no_article_text", "no article text left after removing site chrome")
        ingest.require_chinese(" ".join(s.text for s in cleaned.sentences))
    except ingest.Unreadable as err:
        stage = "clean" if err.check in ("no_article_text", "not_chinese") else "ingest"
        return {"rejects": [reject_row(source, ingest.doc_id_of(raw) if raw else None, stage, err.check, err.reason)]}
    return {
        "documents": [document_row(doc, cleaned)],
        "sentences": [{"doc_id": doc.doc_id, **vars(s)} for s in cleaned.sentences],
        "metrics": extract.extract_document(doc.doc_id, cleaned.sentences),
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


def reject_row(source: str, doc_id: str | None, stage: str, check: str, reason: str) -> dict:
    return {"source_path": source, "doc_id": doc_id, "stage": stage, "table": None, "check": check,
            "reason": reason, "row": None}


def run(input_dir: Path, output_dir: Path, progress: bool = True) -> RunResult:
    input_dir, output_dir = Path(input_dir), Path(output_dir)
    paths = ingest.discover(input_dir)
    rows: dict[str, list[dict]] = {name: [] for name in TABLES}
    first_path_of: dict[str, str] = {}
    for path in _progress(paths, progress):
        source = ingest.relative_path(path, input_dir)
        try:
            raw = ingest.read_bytes(path)
        except ingest.Unreadable as err:
            rows["rejects"].append(reject_row(source, None, "ingest", err.check, err.reason))
            log.warning("%s: %s", source, err.reason)
            continue
        doc_id = ingest.doc_id_of(raw)
        if doc_id in first_path_of:
            rows["duplicates"].append({"source_path": source, "doc_id": doc_id,
                                       "duplicate_of": first_path_of[doc_id]})
            continue
        first_path_of[doc_id] = source
        for table, table_rows in process_file(path, input_dir, raw).items():
            rows[table].extend(table_rows)
    for r in rows["rejects"]:
        log.warning("%s: rejected (%s): %s", r["source_path"], r["check"], r["reason"])
    tables = write_tables(rows, output_dir)
    summary = {
        "files": len(paths),
        "documents": len(tables["documents"]),
        "duplicates": len(tables["duplicates"]),
        "rejected": int((tables["rejects"]["table"].isna()).sum()),
        "rejected_rows": int(tables["rejects"]["table"].notna().sum()),
        "sentences": len(tables["sentences"]),
        "metrics": len(tables["metrics"]) if "metrics" in tables else 0,
    }
    build_database(output_dir)
    return RunResult(tables, len(paths), summary)


def write_tables(rows: dict[str, list[dict]], output_dir: Path) -> dict[str, pd.DataFrame]:
    """Validate every table at the write boundary; failing rows join the rejects table."""
    source_of = {r["doc_id"]: r["source_path"] for r in rows.get("documents", [])}
    tables: dict[str, pd.DataFrame] = {}
    rejected = [pd.DataFrame(rows["rejects"], columns=list(TABLES["rejects"].columns))]
    for name in TABLES:
        if name == "rejects":
            continue
        frame = pd.DataFrame(rows[name], columns=list(TABLES[name].columns)) if rows[name] else empty_frame(name)
        valid, bad = validate_table(frame, name, source_of)
        tables[name] = valid
        if len(bad):
            rejected.append(bad)
    rejects = pd.concat([r for r in rejected if len(r)], ignore_index=True) if any(len(r) for r in rejected) \
        else empty_frame("rejects")
    tables["rejects"], still_bad = validate_table(rejects, "rejects")
    if len(still_bad):
        raise ValueError(f"rejects table failed its own schema: {still_bad['reason'].tolist()[:3]}")
    for name, frame in tables.items():
        write_parquet(frame, name, output_dir)
    return tables


def _progress(paths: list[Path], enabled: bool):
    if not enabled:
        return paths
    from tqdm import tqdm
    return tqdm(paths, desc="articles", unit="file", disable=None, leave=False)

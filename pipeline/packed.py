"""Inputs as a stream of documents: folders of .txt/.html files and packed JSON Lines files.

A JSON Lines file (.jsonl or .ndjson) holds one article per line:
    {"id": "lc-2024-0131", "text": "…"}  or  {"id": "…", "html": "<html>…", "url": "…", "date": "2024-01-31"}
`id` and one of `text`/`html` are required; `url` is accepted and ignored. `date` (ISO, 2024-01-31,
with or without a time after it) is the article's publication date when its own head states none;
one that is not a date is ignored with a warning. Each line becomes one document whose
source_path is `<file>/<id>.txt` (or `.html`), as if the pack were a folder; its bytes are the
UTF-8 encoding of the text, so doc_id is stable across runs.

The stream yields, in input order: Items to process, and ready-made rows for the duplicates
and rejects tables (unreadable files, bad lines, repeated bytes). Deduplication is by doc_id
over the whole run: the first occurrence in path order is kept.
"""
from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from pipeline import ingest
from pipeline.keystore import KeyStore

log = logging.getLogger("pipeline")
PACKED_SUFFIXES = (".jsonl", ".ndjson")
_ID = re.compile(r"[^/\\\x00]{1,200}")


@dataclass(frozen=True)
class Item:
    """One document to process: PATH decides how it is read (its suffix) and, relative to the
    run's root, its source_path; RAW is its bytes. In a run with a cache, CACHE_KEY names its
    entry and CACHED is that entry when an earlier run stored it. DATE is the publication date a
    JSON Lines record gave (ISO), if any. (Defined here, not in the engine, so that the command line
    can look at its input without importing the engine's libraries.)"""

    path: Path
    raw: bytes
    cache_key: str | None = None
    cached: bytes | None = None
    date: str | None = None


def is_packed(path: Path) -> bool:
    return path.suffix.lower() in PACKED_SUFFIXES


def reject_row(source: str, doc_id: str | None, stage: str, check: str, reason: str) -> dict:
    return {"source_path": source, "doc_id": doc_id, "stage": stage, "table": None, "check": check,
            "reason": reason, "row": None}


def iter_documents(input_path: Path, scratch: Path | None = None) -> Iterator[tuple[str, object]]:
    """('item', Item) | ('duplicate', row) | ('reject', row) for everything below INPUT_PATH
    (a folder, or a single JSON Lines file). Items' paths are relative to root_of(INPUT_PATH).
    SCRATCH: the folder for the keys it remembers (keystore.KeyStore)."""
    root = root_of(input_path)
    paths = [input_path] if input_path.is_file() else ingest.discover(input_path)
    with KeyStore(scratch) as first_source:  # doc_id → source_path of its first occurrence
        for path in paths:
            if is_packed(path):
                events = _jsonl_documents(path, root, scratch)
            else:
                events = _file_document(path, root)
            for kind, value in events:
                if kind == "item":
                    source = ingest.relative_path(value.path, root)
                    doc_id = ingest.doc_id_of(value.raw)
                    if (earlier := first_source.first(doc_id, source)) is not None:
                        yield "duplicate", {"source_path": source, "doc_id": doc_id, "duplicate_of": earlier}
                        continue
                yield kind, value


def root_of(input_path: Path) -> Path:
    return input_path.parent if input_path.is_file() else input_path


def _file_document(path: Path, root: Path) -> Iterator[tuple[str, object]]:
    try:
        raw = ingest.read_bytes(path)
    except ingest.Unreadable as err:
        yield "reject", reject_row(ingest.relative_path(path, root), None, "ingest", err.check, err.reason)
        return
    yield "item", Item(path, raw)


def _jsonl_documents(path: Path, root: Path, scratch: Path | None) -> Iterator[tuple[str, object]]:
    pack = ingest.relative_path(path, root)
    try:
        fh = path.open("rb")
    except OSError as err:
        yield "reject", reject_row(pack, None, "ingest", "unreadable", f"cannot read file: {err.strerror or err}")
        return
    with fh, KeyStore(scratch) as seen_ids:
        for number, line in enumerate(fh, start=1):
            where = f"{pack}:{number}"
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except (UnicodeDecodeError, json.JSONDecodeError) as err:
                yield "reject", reject_row(where, None, "ingest", "bad_jsonl", f"line {number} is not JSON: {err}")
                continue
            if not isinstance(record, dict):
                yield "reject", reject_row(where, None, "ingest", "bad_jsonl", f"line {number} is not a JSON object")
                continue
            doc_key = str(record.get("id", "")).strip()
            body_key = "html" if isinstance(record.get("html"), str) else "text"
            body = record.get(body_key)
            if not doc_key or not _ID.fullmatch(doc_key):
                yield "reject", reject_row(where, None, "ingest", "bad_jsonl",
                                           f"line {number} has no usable id (1–200 characters, no slashes)")
                continue
            if not isinstance(body, str):
                yield "reject", reject_row(where, None, "ingest", "bad_jsonl",
                                           f"line {number} (id {doc_key!r}) has no text or html string")
                continue
            if seen_ids.first(doc_key) is not None:
                yield "reject", reject_row(where, None, "ingest", "duplicate_id",
                                           f"line {number} repeats id {doc_key!r} of an earlier line")
                continue
            suffix = ".html" if body_key == "html" else ".txt"
            yield "item", Item(path / f"{doc_key}{suffix}", body.encode("utf-8"), date=_record_date(record, where))


def _record_date(record: dict, where: str) -> str | None:
    """The record's date as YYYY-MM-DD, or None (no date, or one that is not a date: a warning)."""
    value = record.get("date")
    if value is None or value == "":
        return None
    try:
        return date.fromisoformat(str(value)[:10]).isoformat()
    except ValueError:
        log.warning("%s: date %r is not an ISO date (2024-01-31): ignored", where, value)
        return None

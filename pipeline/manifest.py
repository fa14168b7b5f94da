"""OUTPUT/manifest.json: what a run was (start and end time, versions, input, counts) and what it
wrote (each table's file, row count and SHA-256).

Everything that changes from run to run lives here and never in the tables, so two runs on the
same input write byte-identical Parquet files. The manifest is written last, atomically, after
every table is in place: when its hashes match the files, the tables are one complete run.

It also records a digest of the input (every file's path and bytes), so a re-run can prove that
nothing changed (same input, same pipeline fingerprint and library versions, outputs as
written) and keep the outputs as they are instead of computing them again (`unchanged`).
"""
from __future__ import annotations

import hashlib
import json
import platform
import stat
from datetime import datetime, timezone
from pathlib import Path

from pipeline import cache

MANIFEST = "manifest.json"
# the libraries that write the files, then those that shape the rows (part of the fingerprint too)
LIBRARIES = ("pandas", "pyarrow", "pandera", "duckdb", *cache.LIBRARIES)


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def sha256_of(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def write_manifest(output_dir: Path, *, started_at: str, input_dir: Path, tables: dict[str, int],
                   summary: dict, cache: dict | None = None, extra_files: tuple[str, ...] = (),
                   input_sha256: str | None = None) -> Path:
    """Write OUTPUT_DIR/manifest.json; TABLES maps each written table to its row count.
    INPUT_SHA256 is input_digest() of the input as the run read it (None: never reused)."""
    from pipeline.validate import atomic_write

    output_dir = Path(output_dir)
    files = {}
    for name, rows in tables.items():
        path = output_dir / f"{name}.parquet"
        files[name] = {"file": path.name, "rows": int(rows), **_file_entry(path)}
    manifest = {
        **_environment(),
        "started_at": started_at,
        "finished_at": now(),
        "input": str(input_dir),
        "input_sha256": input_sha256,
        "summary": summary,
        "cache": cache,
        "tables": files,
        "other_files": {f: _file_entry(output_dir / f) for f in extra_files if (output_dir / f).exists()},
    }
    target = output_dir / MANIFEST
    text = json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=False) + "\n"
    atomic_write(target, lambda tmp: Path(tmp).write_text(text, encoding="utf-8"))
    return target


def _environment() -> dict:
    """What besides the input decides the outputs' bytes: pipeline code and data, Python, libraries."""
    from pipeline import __version__
    from pipeline.cache import fingerprint, library_version

    return {"pipeline_version": __version__, "pipeline_fingerprint": fingerprint(),
            "python": platform.python_version(), "libraries": {lib: library_version(lib) for lib in LIBRARIES}}


def _file_entry(path: Path) -> dict:
    return {"bytes": path.stat().st_size, "sha256": sha256_of(path)}


def input_digest(input_path: Path) -> str | None:
    """SHA-256 over every input file's path (relative to the run's root) and bytes, in reading
    order; None when a file cannot be read (such a run has rejects and is always run again)."""
    from pipeline import ingest

    input_path = Path(input_path)
    root = input_path.parent if input_path.is_file() else input_path
    h = hashlib.sha256()
    for path in [input_path] if input_path.is_file() else ingest.discover(input_path):
        try:
            if not stat.S_ISREG(path.stat().st_mode):  # a FIFO would block; the run rejects it
                return None
            content = sha256_of(path)  # in blocks: a JSON Lines pack can be gigabytes
        except OSError:
            return None
        h.update(f"{ingest.relative_path(path, root)}\0{content}\n".encode())
    return h.hexdigest()


def unchanged(input_dir: Path, output_dir: Path) -> dict | None:
    """The summary of the run that wrote OUTPUT_DIR when its manifest proves a run on INPUT_DIR
    would write the same outputs: the same input digest, pipeline fingerprint, Python and
    library versions, and every file it lists still as written. Else None.
    Light on imports on purpose, so that checking an unchanged corpus costs reading it once."""
    old = read_manifest(output_dir)
    if old is None or not old.get("input_sha256") or not isinstance(old.get("other_files"), dict):
        return None
    if any(old.get(key) != value for key, value in _environment().items()):
        return None
    if mismatches(output_dir) or old["input_sha256"] != input_digest(input_dir):
        return None
    return old["summary"]


def read_manifest(output_dir: Path) -> dict | None:
    try:
        return json.loads((Path(output_dir) / MANIFEST).read_text(encoding="utf-8"))
    except (FileNotFoundError, json.JSONDecodeError):
        return None


def mismatches(output_dir: Path) -> list[str]:
    """Tables (and other files) whose file is missing or differs from the manifest (empty: the
    outputs are the complete set the manifest describes). No manifest: ["manifest.json"]."""
    manifest = read_manifest(output_dir)
    if manifest is None:
        return [MANIFEST]
    entries = {name: (entry["file"], entry) for name, entry in manifest["tables"].items()}
    if isinstance(manifest.get("other_files"), dict):
        entries.update({name: (name, entry) for name, entry in manifest["other_files"].items()})
    bad = []
    for name, (file, entry) in entries.items():
        path = Path(output_dir) / file
        if not path.exists() or path.stat().st_size != entry["bytes"] or sha256_of(path) != entry["sha256"]:
            bad.append(name)
    return bad

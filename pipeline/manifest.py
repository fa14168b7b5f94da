"""OUTPUT/manifest.json: what a run was (start and end time, versions, input, counts) and what it
wrote (each table's file, row count and SHA-256).

Everything that changes from run to run lives here and never in the tables, so two runs on the
same input write byte-identical Parquet files. The manifest is written last, atomically, after
every table is in place: when its hashes match the files, the tables are one complete run.
"""
from __future__ import annotations

import hashlib
import json
import platform
from datetime import datetime, timezone
from pathlib import Path

MANIFEST = "manifest.json"
LIBRARIES = ("pandas", "pyarrow", "pandera", "duckdb", "trafilatura", "opencc", "charset-normalizer", "cn2an")


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def sha256_of(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def write_manifest(output_dir: Path, *, started_at: str, input_dir: Path, tables: dict[str, int],
                   summary: dict, cache: dict | None = None, extra_files: tuple[str, ...] = ()) -> Path:
    """Write OUTPUT_DIR/manifest.json; TABLES maps each written table to its row count."""
    from pipeline import __version__
    from pipeline.cache import fingerprint, library_version
    from pipeline.validate import atomic_write

    output_dir = Path(output_dir)
    files = {}
    for name, rows in tables.items():
        path = output_dir / f"{name}.parquet"
        files[name] = {"file": path.name, "rows": int(rows), "bytes": path.stat().st_size, "sha256": sha256_of(path)}
    manifest = {
        "pipeline_version": __version__,
        "pipeline_fingerprint": fingerprint(),
        "started_at": started_at,
        "finished_at": now(),
        "python": platform.python_version(),
        "libraries": {lib: library_version(lib) for lib in LIBRARIES},
        "input": str(input_dir),
        "summary": summary,
        "cache": cache,
        "tables": files,
        "other_files": [f for f in extra_files if (output_dir / f).exists()],
    }
    target = output_dir / MANIFEST
    text = json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=False) + "\n"
    atomic_write(target, lambda tmp: Path(tmp).write_text(text, encoding="utf-8"))
    return target


def read_manifest(output_dir: Path) -> dict | None:
    try:
        return json.loads((Path(output_dir) / MANIFEST).read_text(encoding="utf-8"))
    except (FileNotFoundError, json.JSONDecodeError):
        return None


def mismatches(output_dir: Path) -> list[str]:
    """Tables whose file is missing or differs from the manifest (empty: the outputs are the
    complete set the manifest describes). No manifest: ["manifest.json"]."""
    manifest = read_manifest(output_dir)
    if manifest is None:
        return [MANIFEST]
    bad = []
    for name, entry in manifest["tables"].items():
        path = Path(output_dir) / entry["file"]
        if not path.exists() or sha256_of(path) != entry["sha256"]:
            bad.append(name)
    return bad

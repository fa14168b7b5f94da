"""Incremental runs: the rows process_file gave a document are kept under OUTPUT/.cache/, and a
re-run reuses them when nothing that could change them has changed.

An entry's key is the SHA-256 of: the pipeline fingerprint (package version, the source of every
module of `pipeline` and `schemas`, every file in pipeline/data, and the versions of the
libraries that shape the rows: trafilatura, OpenCC, charset-normalizer, cn2an, ahocorasick-rs), the file's path
relative to the input folder (source_path and the reader chosen by suffix come from it) and the
SHA-256 of its bytes. Editing code, a data file or a dependency version therefore starts cold.

Entries are pickles written atomically (temporary file + rename) and live in one folder per
fingerprint; a run deletes the folders of other fingerprints and the entries it did not use,
so the cache holds exactly the current input. A cache entry that cannot be read is a miss.
"""
from __future__ import annotations

import hashlib
import logging
import os
import pickle
import shutil
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata, util
from pathlib import Path

from pipeline.keystore import KeyStore

log = logging.getLogger("pipeline")

CACHE_DIR = ".cache"
LIBRARIES = ("trafilatura", "opencc", "charset-normalizer", "cn2an", "ahocorasick-rs")


@lru_cache(maxsize=1)
def fingerprint() -> str:
    """Hash of everything besides a file's bytes and path that decides process_file's output."""
    from pipeline import __version__

    h = hashlib.sha256(f"pipeline {__version__}\n".encode())
    for package in ("pipeline", "schemas"):
        root = Path(util.find_spec(package).origin).parent  # found, not imported: schemas imports pandera
        for path in sorted(_files(root), key=lambda p: p.as_posix()):
            h.update(f"{package}/{path.relative_to(root).as_posix()}\n".encode())
            h.update(path.read_bytes())
    for lib in LIBRARIES:
        h.update(f"{lib} {library_version(lib)}\n".encode())
    return h.hexdigest()


def _files(root: Path) -> list[Path]:
    return [p for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts
            and p.suffix in (".py", ".toml", ".csv", ".json", ".txt", ".sql")]


def library_version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "absent"


@dataclass(frozen=True)
class CacheStore:
    """Reads and writes entries; small and picklable, so it travels to worker processes."""

    dir: Path
    version: str

    def key(self, source_path: str, raw: bytes) -> str:
        content = hashlib.sha256(raw).hexdigest()
        return hashlib.sha256(f"{self.version}\0{source_path}\0{content}".encode()).hexdigest()

    def path(self, key: str) -> Path:
        return self.dir / key[:2] / f"{key}.pkl"

    def get(self, source_path: str, raw: bytes) -> dict[str, list[dict]] | None:
        path = self.path(self.key(source_path, raw))
        try:
            with open(path, "rb") as fh:
                return pickle.load(fh)
        except FileNotFoundError:
            return None
        except Exception as err:  # a damaged entry is only a miss
            log.warning("cache entry %s unreadable (%s): recomputing", path.name, err)
            return None

    def put(self, source_path: str, raw: bytes, rows: dict[str, list[dict]]) -> None:
        from pipeline.validate import write_bytes_atomic

        data = pickle.dumps(rows, protocol=pickle.HIGHEST_PROTOCOL)
        write_bytes_atomic(os.fspath(self.path(self.key(source_path, raw))), data)

    def rows(self, source_path: str, raw: bytes, compute) -> dict[str, list[dict]]:
        """The cached rows of a document, or compute() stored for next time."""
        rows = self.get(source_path, raw)
        if rows is None:
            rows = compute()
            self.put(source_path, raw, rows)
        return rows


class DocumentCache:
    """The run's view of OUTPUT/.cache/<fingerprint>/: which entries it used, hits and misses."""

    def __init__(self, output_dir: Path, version: str | None = None):
        self.base = Path(output_dir) / CACHE_DIR
        version = version or fingerprint()
        self.store = CacheStore(self.base / version[:16], version)
        self.used = KeyStore(Path(output_dir))  # on disk: one key per document of the run
        self.hits = 0
        self.misses = 0

    def plan(self, source_path: str, raw: bytes) -> bool:
        """Note that this run needs the entry; True when it is already there (a hit)."""
        key = self.store.key(source_path, raw)
        self.used.add(key)
        hit = self.store.path(key).is_file()
        self.hits += hit
        self.misses += not hit
        return hit

    def prune(self) -> int:
        """Delete entries of other fingerprints and entries this run did not use; returns how many files."""
        removed = 0
        if not self.base.is_dir():
            return 0
        for folder in self.base.iterdir():
            if folder != self.store.dir:
                removed += sum(1 for p in folder.rglob("*") if p.is_file())
                shutil.rmtree(folder, ignore_errors=True) if folder.is_dir() else folder.unlink()
        if self.store.dir.is_dir():
            for p in self.store.dir.rglob("*"):
                if p.is_file() and p.stem not in self.used:
                    p.unlink()
                    removed += 1
        return removed

    def close(self) -> None:
        """Delete the run's record of the entries it used (after prune)."""
        self.used.close()

    def stats(self) -> dict[str, int]:
        return {"hits": self.hits, "misses": self.misses}

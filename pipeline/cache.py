"""Incremental runs: the rows process_file gave a document are kept under OUTPUT/.cache/, and a
re-run reuses them when nothing that could change them has changed.

An entry's key is the SHA-256 of: the pipeline fingerprint (package version, the source of every
module of `pipeline` and `schemas`, every file in pipeline/data, and the versions of the
libraries that shape the rows: trafilatura, OpenCC, charset-normalizer, cn2an, ahocorasick-rs), the file's path
relative to the input folder (source_path and the reader chosen by suffix come from it) and the
SHA-256 of its bytes. Editing code, a data file or a dependency version therefore starts cold.

Entries are pickles in one SQLite file per fingerprint (OUTPUT/.cache/<fingerprint>/entries.sqlite),
and only the parent process touches it: it looks every document up before the document goes to a
worker (a hit travels in the batch instead of being computed), and stores what the workers send
back, one transaction per batch. A file per entry cost a create, a write and a rename per document,
about 8 % of a cold run; and a single writer works the same on a Dask cluster whose workers cannot
see the output folder. A run deletes the folders of other fingerprints and the entries it did not
use, so the cache holds exactly the current input. An entry that cannot be read is a miss, and a
cache file that is not a database is started afresh.
"""
from __future__ import annotations

import hashlib
import logging
import pickle
import shutil
import sqlite3
from functools import lru_cache
from importlib import metadata, util
from pathlib import Path

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


def entry_rows(blob: bytes) -> dict[str, list[dict]]:
    """The rows of a cache entry (a worker reads the entries that travel in its batch)."""
    return pickle.loads(blob)


def entry_blob(rows: dict[str, list[dict]]) -> bytes:
    return pickle.dumps(rows, protocol=pickle.HIGHEST_PROTOCOL)


class DocumentCache:
    """The parent's view of OUTPUT/.cache/<fingerprint>/entries.sqlite: lookups, the entries the
    workers computed, which entries the run used, hits and misses. One thread at a time."""

    def __init__(self, output_dir: Path, version: str | None = None):
        self.base = Path(output_dir) / CACHE_DIR
        self.version = version or fingerprint()
        self.dir = self.base / self.version[:16]
        self.hits = 0
        self.misses = 0
        self._db: sqlite3.Connection | None = None
        path = self.dir / "entries.sqlite"
        try:
            self._db = _connect(path)
        except sqlite3.DatabaseError as err:  # not a database (damaged, or something else's file)
            log.warning("cache %s unreadable (%s): starting it afresh", path, err)
            _remove_database(path)
            self._db = _connect(path)

    def key(self, source_path: str, raw: bytes) -> str:
        content = hashlib.sha256(raw).hexdigest()
        return hashlib.sha256(f"{self.version}\0{source_path}\0{content}".encode()).hexdigest()

    def lookup(self, source_path: str, raw: bytes) -> tuple[str, bytes | None]:
        """The document's entry key, and the entry when an earlier run stored it (a hit). The run
        now uses that key: prune keeps its entry."""
        key = self.key(source_path, raw)
        blob = None
        if self._db is not None:
            try:
                self._db.execute("INSERT OR IGNORE INTO used VALUES (?)", (key,))
                found = self._db.execute("SELECT rows FROM entries WHERE key = ?", (key,)).fetchone()
                blob = found[0] if found else None
            except sqlite3.DatabaseError as err:
                self._give_up(err)
        self.hits += blob is not None
        self.misses += blob is None
        return key, blob

    def store(self, entries: list[tuple[str, bytes]]) -> None:
        """Keep ENTRIES, (key, entry_blob) pairs the workers computed, and commit: what a run
        computed before it died is there for the next."""
        if self._db is None:
            return
        try:
            self._db.executemany("INSERT OR REPLACE INTO entries VALUES (?, ?)", entries)
            self._db.execute("COMMIT")
            self._db.execute("BEGIN")
        except sqlite3.DatabaseError as err:  # damaged, or the disk is full: the run goes on without it
            self._give_up(err)

    def prune(self) -> int:
        """Delete the folders of other fingerprints and the entries this run did not use; returns
        how many entries and files went."""
        removed = 0
        if self.base.is_dir():
            for folder in self.base.iterdir():
                if folder != self.dir:
                    removed += sum(1 for p in folder.rglob("*") if p.is_file()) if folder.is_dir() else 1
                    shutil.rmtree(folder, ignore_errors=True) if folder.is_dir() else folder.unlink()
        if self._db is not None:
            try:
                removed += self._db.execute("DELETE FROM entries WHERE key NOT IN (SELECT key FROM used)").rowcount
                self._db.execute("DELETE FROM used")
                self._db.execute("COMMIT")
                self._db.execute("PRAGMA incremental_vacuum")  # give the pruned pages back to the disk
                self._db.execute("BEGIN")
            except sqlite3.DatabaseError as err:
                self._give_up(err)
        return removed

    def __len__(self) -> int:
        return self._db.execute("SELECT count(*) FROM entries").fetchone()[0] if self._db is not None else 0

    def close(self) -> None:
        if self._db is not None:
            try:
                self._db.execute("COMMIT")
            except sqlite3.DatabaseError as err:
                self._give_up(err)
                return
            self._db.close()
            self._db = None

    def stats(self) -> dict[str, int]:
        return {"hits": self.hits, "misses": self.misses}

    def _give_up(self, err: sqlite3.DatabaseError) -> None:
        """A cache that fails mid-run only costs speed: stop using it, and delete it so that the
        next run starts it afresh."""
        log.warning("cache %s failed (%s): this run goes on without it", self.dir, err)
        self._db.close()
        self._db = None
        _remove_database(self.dir / "entries.sqlite")


def _connect(path: Path) -> sqlite3.Connection:
    """The cache's database, with one transaction open: nothing is synced to disk (a cache that a
    crash damages is started afresh), and the write-ahead log keeps a killed run's last complete
    batch."""
    path.parent.mkdir(parents=True, exist_ok=True)
    db = sqlite3.connect(path, isolation_level=None, timeout=60)
    try:
        db.execute("PRAGMA auto_vacuum = INCREMENTAL")  # only takes effect on a new file
        db.execute("PRAGMA journal_mode = WAL")
        db.execute("PRAGMA synchronous = OFF")
        db.execute("CREATE TABLE IF NOT EXISTS entries (key TEXT PRIMARY KEY, rows BLOB NOT NULL)")
        db.execute("CREATE TABLE IF NOT EXISTS used (key TEXT PRIMARY KEY) WITHOUT ROWID")
        db.execute("BEGIN")
        db.execute("DELETE FROM used")  # what an earlier run that died used
    except BaseException:
        db.close()
        raise
    return db


def _remove_database(path: Path) -> None:
    for p in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        p.unlink(missing_ok=True)

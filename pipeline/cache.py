"""Incremental runs: the rows process_file gave a document are kept under OUTPUT/.cache/, and a
re-run reuses them when nothing that could change them has changed.

An entry's key is the SHA-256 of: the pipeline fingerprint (package version, the source of every
module of `pipeline` and `schemas`, every file in pipeline/data, and the versions of the
libraries that shape the rows: trafilatura, OpenCC, charset-normalizer, cn2an, ahocorasick-rs), the file's path
relative to the input folder (source_path and the reader chosen by suffix come from it), the
SHA-256 of its bytes and, for a JSON Lines record, the date it gave. Editing code, a data file or a dependency version therefore starts cold.

Entries are pickles in one SQLite file per fingerprint (OUTPUT/.cache/<fingerprint>/entries.sqlite),
and only the parent process touches it: it looks every document up before the document goes to a
worker (a hit travels in the batch instead of being computed); a worker writes the entries it
computes to a file beside its parts as it goes (EntryWriter), and the parent stores them from there,
one transaction per batch. A file per entry cost a create, a write and a rename per document,
about 8 % of a cold run; one writer needs no locking between processes (SQLite's locks are not to be
trusted on the network file systems a Dask cluster shares); and streaming the entries through a file
keeps them out of memory on both sides. A run deletes the folders of other fingerprints and the
entries it did not use, so the cache holds exactly the current input. An entry that cannot be read
is a miss, and a cache file that is not a database is started afresh.
"""
from __future__ import annotations

import hashlib
import logging
import pickle
import shutil
import sqlite3
from collections.abc import Iterator
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


KEY_CHARS = 64  # an entry key: a SHA-256 in hex
STORE_CHUNK = 64  # entries per insert: a megabyte or so


class EntryWriter:
    """A worker's new entries for one batch, appended to PATH as they are computed: the key, the
    entry's length (8 bytes, little-endian) and the entry."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._file = open(self.path, "wb", buffering=1 << 20)

    def add(self, key: str, blob: bytes) -> None:
        encoded = key.encode("ascii")
        if len(encoded) != KEY_CHARS:
            raise ValueError(f"cache key of {len(encoded)} characters: {key!r}")
        self._file.write(encoded + len(blob).to_bytes(8, "little"))
        self._file.write(blob)

    def close(self) -> Path:
        self._file.close()
        return self.path


def read_entries(path: Path) -> Iterator[tuple[str, bytes]]:
    """The (key, entry) pairs an EntryWriter wrote, in order."""
    with open(path, "rb") as fh:
        while key := fh.read(KEY_CHARS):
            size = int.from_bytes(fh.read(8), "little")
            blob = fh.read(size)
            if len(key) != KEY_CHARS or len(blob) != size:
                raise ValueError(f"{path} ends inside an entry")
            yield key.decode("ascii"), blob


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

    def key(self, source_path: str, raw: bytes, date: str | None = None) -> str:
        content = hashlib.sha256(raw).hexdigest()
        dated = f"\0{date}" if date else ""
        return hashlib.sha256(f"{self.version}\0{source_path}\0{content}{dated}".encode()).hexdigest()

    def lookup(self, source_path: str, raw: bytes, date: str | None = None) -> tuple[str, bytes | None]:
        """The document's entry key, and the entry when an earlier run stored it (a hit). The run
        now uses that key: prune keeps its entry."""
        key = self.key(source_path, raw, date)
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

    def store(self, path: Path) -> None:
        """Keep the entries a worker wrote to PATH (an EntryWriter's file), delete the file, and
        commit: what a run computed before it died is there for the next."""
        try:
            if self._db is not None:
                chunk = []
                try:
                    for entry in read_entries(path):
                        chunk.append(entry)
                        if len(chunk) == STORE_CHUNK:
                            self._db.executemany("INSERT OR REPLACE INTO entries VALUES (?, ?)", chunk)
                            chunk = []
                except (OSError, ValueError) as err:  # the entries after it are computed again next time
                    log.warning("cache entries %s unreadable (%s): the rest skipped", Path(path).name, err)
                self._db.executemany("INSERT OR REPLACE INTO entries VALUES (?, ?)", chunk)
                self._db.execute("COMMIT")
                self._db.execute("BEGIN")
        except sqlite3.DatabaseError as err:  # damaged, or the disk is full: the run goes on without it
            self._give_up(err)
        finally:
            Path(path).unlink(missing_ok=True)

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

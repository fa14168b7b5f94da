"""A set of string keys, each with the value it first came with, kept in a temporary SQLite file.

The parent process remembers one key per document for a whole run (the doc_id of every document
read, for duplicates; the ids of a JSON Lines pack). In Python
sets and dicts that is ~250 bytes a document, which a corpus of millions turns into gigabytes;
here memory stays at SQLite's page cache whatever the corpus size, for a few microseconds a key.
The file goes in the folder the caller names (the run's output folder: the system's temporary
folder may be a RAM disk), as .keys-*.tmp, which validate.remove_stale_temps clears if a run dies.
"""
from __future__ import annotations

import shutil
import sqlite3
import tempfile
from pathlib import Path

CACHE_KIB = 2048  # SQLite's page cache per store (its default is about 2 MB); the rest of the keys live on disk


class KeyStore:
    """add/first/`in` over keys; close() (or `with`) deletes the file. One thread at a time.
    FOLDER: where the file goes (default: the system's temporary folder)."""

    def __init__(self, folder: Path | None = None) -> None:
        self._db: sqlite3.Connection | None = None
        if folder is not None:
            Path(folder).mkdir(parents=True, exist_ok=True)
        self._dir = tempfile.mkdtemp(prefix=".keys-", suffix=".tmp", dir=folder)
        try:
            # autocommit off for the store's lifetime: no journal and no sync, since nothing
            # outlives the run; one open transaction keeps inserts from touching the disk each time
            self._db = sqlite3.connect(Path(self._dir) / "keys.sqlite", isolation_level=None)
            self._db.execute("PRAGMA journal_mode = OFF")
            self._db.execute("PRAGMA synchronous = OFF")
            self._db.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
            self._db.execute("CREATE TABLE keys (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID")
            self._db.execute("BEGIN")
        except BaseException:
            shutil.rmtree(self._dir, ignore_errors=True)
            raise

    def first(self, key: str, value: str = "") -> str | None:
        """Record KEY with VALUE and return None when KEY is new; else the value KEY first came with."""
        if self._db.execute("INSERT OR IGNORE INTO keys VALUES (?, ?)", (key, value)).rowcount:
            return None
        return self._db.execute("SELECT value FROM keys WHERE key = ?", (key,)).fetchone()[0]

    def add(self, key: str) -> None:
        self._db.execute("INSERT OR IGNORE INTO keys VALUES (?, '')", (key,))

    def __contains__(self, key: str) -> bool:
        return self._db.execute("SELECT 1 FROM keys WHERE key = ?", (key,)).fetchone() is not None

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None
            shutil.rmtree(self._dir, ignore_errors=True)

    def __enter__(self) -> KeyStore:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def __del__(self) -> None:
        self.close()

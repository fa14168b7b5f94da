"""Executors: run the per-document function over the input in batches and write parts (Arrow IPC);
then merge the parts into the final tables, the same bytes whatever the engine or worker count.

    inputs ──(parent: read, hash, deduplicate, look up the cache)──▶ Batches: Items (with their cache
          entries when there are), and rows for duplicates and rejects
        ──(executor: local | process pool | dask)──▶ process_batch: process_file per document,
          Pandera at the write boundary per batch, one part per batch and table
        ──(parent: store the new cache entries; merge_parts)──▶ OUTPUT/<table>.parquet, sorted by the table's key

Memory stays bounded: the parent holds at most a few batches of raw bytes in flight and keeps
its per-document keys on disk (keystore), workers hold one batch, and the merge holds about
MERGE_ROWS rows of one table (a few of the 256 key ranges of doc_id) whatever the corpus size.
Batch boundaries depend only on the input order, never on the number of workers, and the merge
sorts by each table's key, so the final files do not depend on which worker did what.
"""
from __future__ import annotations

import bisect
import logging
import os
import shutil
from array import array
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from pipeline.packed import Item
from schemas import FIELDS, TABLES, arrow_schema, empty_frame

log = logging.getLogger("pipeline")

BATCH_DOCS = 500  # documents per batch: ~5 MB of raw text. Pandera costs about the same per call whatever
# the rows (~70 ms for the three tables), so fewer, larger batches; a worker holds ~50 MB of rows
# Tables keyed by doc_id are split in parts by the first two hex digits of doc_id (256 key
# ranges), and merged a few consecutive ranges at a time, up to about MERGE_ROWS rows.
BUCKETS = tuple(a + b for a in "0123456789abcdef" for b in "0123456789abcdef")
BUCKET_INDEX = {bucket: i for i, bucket in enumerate(BUCKETS)}
MERGE_ROWS = 65_536
# Parts are Arrow IPC files: any batch reads alone. A part holds up to 256 small record batches of
# a few dozen buffers each: Arrow's thread pool per buffer and a write call per buffer cost more
# than compressing them (4.5× slower writes), so one thread and a buffered file.
PART_FORMAT = pa.ipc.IpcWriteOptions(compression="lz4", use_threads=False)
PART_READ = pa.ipc.IpcReadOptions(use_threads=False)  # the same for reading them: 3.5× faster
PART_BUFFER = 1 << 20
ENGINES = ("local", "dask")
# Tables whose rows come from documents (and so from the batches); the others (reference
# tables) are written once by run.write_tables.
STREAMED = tuple(name for name, t in TABLES.items() if "doc_id" in t.columns)


@dataclass
class Part:
    """One batch's rows of one table, written by a worker."""

    table: str
    batch: int
    path: Path
    rows: int
    # record batch i holds the rows of key range BUCKETS[bucket_ids[i]] (ascending), bucket_rows[i]
    # of them: about a kilobyte per part, so the parent's list of parts stays small at any corpus size
    bucket_ids: bytes = b""
    bucket_rows: array = field(default_factory=lambda: array("I"))

    def record_batches(self, first: int, last: int) -> range:
        """The record batches holding key ranges FIRST..LAST (indexes into BUCKETS)."""
        return range(bisect.bisect_left(self.bucket_ids, first), bisect.bisect_right(self.bucket_ids, last))


def default_workers() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


@dataclass
class Batch:
    """Up to BATCH_DOCS inputs, in input order: the documents to process, and the rows the reading
    gave for the others (duplicates, rejected files and lines), which reach the tables through the
    batch's parts like every other row, so the parent holds none of them."""

    number: int
    items: list[Item] = field(default_factory=list)
    rows: dict[str, list[dict]] = field(default_factory=lambda: {"duplicates": [], "rejects": []})

    def __len__(self) -> int:
        return len(self.items) + sum(map(len, self.rows.values()))


def batched(events: Iterable[tuple[str, object]], size: int) -> Iterator[Batch]:
    """Batches of SIZE events of packed.iter_documents: ('item', Item), ('duplicate', row), ('reject', row)."""
    batch = Batch(0)
    for kind, value in events:
        if kind == "item":
            batch.items.append(value)
        else:
            batch.rows["duplicates" if kind == "duplicate" else "rejects"].append(value)
        if len(batch) >= size:
            yield batch
            batch = Batch(batch.number + 1)
    if len(batch):
        yield batch


# --- the per-batch function (runs in workers) ------------------------------------------


@dataclass
class Done:
    """What a worker gives back for a batch: its parts, and the file of cache entries for the
    documents it had to process (cache.EntryWriter), which the parent stores (only it writes the cache)."""

    number: int
    size: int
    parts: list[Part]
    cache_entries: Path | None = None


def process_batch(batch: Batch, root: Path, parts_dir: Path) -> Done:
    """Process one batch of documents and write its validated rows, with the batch's own rows, as
    one part per table. Pure in its inputs: the same batch always gives the same parts. An item
    that carries its cache entry is read from it instead of being processed again."""
    from pipeline import cache, run  # the per-document function lives with the orchestration
    from pipeline.validate import validate_rows

    rows: dict[str, list[dict]] = {name: list(table_rows) for name, table_rows in batch.rows.items() if table_rows}
    entries = None
    for item in batch.items:
        doc_rows = _cached_rows(item)
        if doc_rows is None:
            doc_rows = run.process_file(item.path, root, item.raw, item.date)
            if item.cache_key is not None:
                if entries is None:
                    entries = cache.EntryWriter(Path(parts_dir) / "cache" / f"{batch.number:07d}.entries")
                entries.add(item.cache_key, cache.entry_blob(doc_rows))
        for table, table_rows in doc_rows.items():
            rows.setdefault(table, []).extend(table_rows)
    tables, rejects = validate_rows(rows)
    parts = [write_part(frame, name, batch.number, parts_dir) for name, frame in tables.items()]
    parts.append(write_part(rejects, "rejects", batch.number, parts_dir, validated=False))  # validated after the merge
    return Done(batch.number, len(batch), parts, entries.close() if entries is not None else None)


def _cached_rows(item: Item) -> dict[str, list[dict]] | None:
    if item.cached is None:
        return None
    from pipeline import cache
    try:
        return cache.entry_rows(item.cached)
    except Exception as err:  # a damaged entry is only a miss
        log.warning("cache entry %s unreadable (%s): recomputing", item.cache_key, err)
        return None


def write_part(frame: pd.DataFrame, table: str, batch: int, parts_dir: Path, validated: bool = True) -> Part:
    """One part file; tables keyed by doc_id get one record batch per key range so the merge
    can read a key range without reading everything."""
    path = Path(parts_dir) / table / f"{batch:07d}.arrow"
    path.parent.mkdir(parents=True, exist_ok=True)
    arrow = _to_arrow_part(frame, table, validated)
    part = Part(table, batch, path, arrow.num_rows)
    with pa.BufferedOutputStream(pa.OSFile(str(path), "wb"), PART_BUFFER) as sink, \
            pa.ipc.new_file(sink, arrow.schema, options=PART_FORMAT) as writer:
        if _by_doc_id(table) and arrow.num_rows:
            # to_arrow sorted the rows by doc_id, so each key range is one run of rows
            rows = arrow.combine_chunks().to_batches()[0]
            runs = pc.run_end_encode(pc.utf8_slice_codeunits(rows["doc_id"], 0, len(BUCKETS[0])))
            start, ids = 0, []
            for end, bucket in zip(runs.run_ends.to_pylist(), runs.values.to_pylist()):
                ids.append(BUCKET_INDEX[bucket])
                part.bucket_rows.append(end - start)
                writer.write_batch(rows.slice(start, end - start))
                start = end
            part.bucket_ids = bytes(ids)
        else:
            writer.write_table(arrow)
    return part


def _read_part(path: Path, batches: list[int] | None = None) -> pa.Table:
    """A part's record batches BATCHES (default: all) as one table."""
    with pa.OSFile(str(path)) as source:
        reader = pa.ipc.open_file(source, options=PART_READ)
        numbers = range(reader.num_record_batches) if batches is None else batches
        return pa.Table.from_batches([reader.get_batch(i) for i in numbers], schema=reader.schema)


def _to_arrow_part(frame: pd.DataFrame, table: str, validated: bool) -> pa.Table:
    from pipeline.validate import to_arrow
    if validated:
        return to_arrow(frame, table)  # dictionary columns stay encoded; the merge reads them as strings
    # rejects are validated once, after the merge; keep them as plain strings until then
    columns = list(TABLES[table].columns)
    frame = frame.loc[:, columns].astype(object).where(frame.notna(), None)
    return pa.Table.from_pandas(frame, schema=_plain_schema(table), preserve_index=False)


def _by_doc_id(table: str) -> bool:
    return TABLES[table].order[:1] == ("doc_id",) and "doc_id" in TABLES[table].columns


def _plain_schema(table: str) -> pa.Schema:
    """The table's Arrow schema with dictionary columns as plain strings (parts only)."""
    schema = arrow_schema(table)
    return pa.schema([pa.field(f.name, pa.string() if pa.types.is_dictionary(f.type) else f.type)
                      for f in schema])


# --- executors -------------------------------------------------------------------------


def execute(batches: Iterable[Batch], root: Path, parts_dir: Path, workers: int = 1,
            engine: str = "local", scheduler: str | None = None,
            on_done: Callable[[Done], None] | None = None) -> list[Part]:
    """Run process_batch over BATCHES: in this process (local, 1 worker), in a process pool
    (local, N workers) or on a Dask cluster (engine='dask'; SCHEDULER is its address, or None for
    a local cluster of WORKERS processes). ON_DONE sees each batch's result as it comes back.
    Returns every part written."""
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r}: expected one of {', '.join(ENGINES)}")
    parts: list[Part] = []

    def finished(done: Done) -> None:
        parts.extend(done.parts)
        if on_done:
            on_done(done)

    if engine == "dask":
        _execute_dask(batches, root, parts_dir, workers, scheduler, finished)
        return parts
    if workers <= 1:
        for batch in batches:
            finished(process_batch(batch, root, parts_dir))
        return parts
    import multiprocessing as mp
    from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait

    # fork: workers start with the parent's modules already imported (pandas, pandera, opencc),
    # and nothing re-runs the caller's main module. The parent has started no threads of its own.
    ctx = mp.get_context("fork" if "fork" in mp.get_all_start_methods() else "spawn")
    with ProcessPoolExecutor(max_workers=workers, mp_context=ctx) as pool:
        pending: dict = {}  # in the order submitted
        for batch in batches:
            if len(pending) >= 2 * workers:  # bounded: raw bytes of at most 2N batches in flight
                done, _ = wait(pending, return_when=FIRST_COMPLETED)
                for fut in done:
                    finished(fut.result())
                    del pending[fut]
            pending[pool.submit(process_batch, batch, root, parts_dir)] = None
        for fut in pending:
            finished(fut.result())
    return parts


def _execute_dask(batches, root, parts_dir, workers, scheduler, finished: Callable[[Done], None]) -> None:
    try:
        from distributed import Client, LocalCluster, as_completed
    except ImportError as err:  # pragma: no cover - depends on the install
        raise RuntimeError("--engine dask needs the dask extra: pip install 'regional-industry-data[dask]'") from err
    cluster = None
    if scheduler:
        client = Client(scheduler)
    else:
        cluster = LocalCluster(n_workers=max(workers, 1), threads_per_worker=1, processes=True,
                               dashboard_address=None)
        client = Client(cluster)
    try:
        window = 2 * max(len(client.scheduler_info().get("workers", {})), 1)
        futures = as_completed()
        for batch in batches:
            futures.add(client.submit(process_batch, batch, root, parts_dir, pure=False, key=f"batch-{batch.number}"))
            while futures.count() >= window:
                finished(next(futures).result())
        for fut in futures:
            finished(fut.result())
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


# --- the merge -------------------------------------------------------------------------


def merge_parts(parts: list[Part], table: str, write: Callable[[Iterator[pa.Table]], None]) -> None:
    """Feed WRITE the rows of TABLE from all its parts in key order, as a stream of Arrow tables
    (plain strings for dictionary columns). Tables keyed by doc_id stream a few key ranges at a
    time (_merge_groups); the others (one row per document or fewer) are sorted whole."""
    mine = sorted((p for p in parts if p.table == table and p.rows), key=lambda p: p.batch)
    order = [(c, "ascending") for c in TABLES[table].order]
    schema = _plain_schema(table)

    def chunks() -> Iterator[pa.Table]:
        if not mine:
            return
        if _by_doc_id(table):
            for first, last in _merge_groups(mine):
                pieces = [_read_part(p.path, list(batches)) for p in mine
                          if (batches := p.record_batches(first, last))]
                yield _sorted(pa.concat_tables(pieces), order).cast(schema)
        else:
            yield _sorted(pa.concat_tables([_read_part(p.path) for p in mine]), order).cast(schema)

    write(chunks())


def _merge_groups(parts: list[Part]) -> Iterator[tuple[int, int]]:
    """(first, last) indexes of consecutive key ranges whose rows, over all PARTS, add up to about
    MERGE_ROWS (or one range alone): what the merge sorts at once, so its memory does not grow
    with the corpus."""
    rows_of = [0] * len(BUCKETS)
    for p in parts:
        for bucket, rows in zip(p.bucket_ids, p.bucket_rows):
            rows_of[bucket] += rows
    first = last = None
    held = 0
    for bucket, rows in enumerate(rows_of):
        if first is not None and held + rows > MERGE_ROWS:
            yield first, last
            first, held = None, 0
        if rows:
            first = bucket if first is None else first
            last = bucket
            held += rows
    if first is not None:
        yield first, last


def _sorted(table: pa.Table, order: list[tuple[str, str]]) -> pa.Table:
    """TABLE in ORDER, as one chunk per column. Before the cast to plain strings: a take moves only
    the indices of a dictionary column, and one chunk per column takes twice as fast as the parts'
    chunks (metrics: 0.27 → 0.14 s per 10,000 documents)."""
    if not order or not table.num_rows:
        return table
    table = table.combine_chunks()
    return table.take(pc.sort_indices(table, sort_keys=order))  # keys of streamed tables are never null


def parts_frame(parts: list[Part], table: str) -> pd.DataFrame:
    """All rows of TABLE from its parts as one frame (for the small tables: rejects)."""
    mine = sorted((p for p in parts if p.table == table and p.rows), key=lambda p: p.batch)
    if not mine:
        return empty_frame(table)
    arrow = pa.concat_tables([_read_part(p.path) for p in mine]).cast(_plain_schema(table))
    frame = arrow.to_pandas()
    for name in TABLES[table].columns:
        if FIELDS[name].dtype == "date":
            frame[name] = pd.to_datetime(frame[name])
    return frame


def write_stream(chunks: Iterator[pa.Table], table: str, out_dir: Path) -> int:
    """Write a stream of key-ordered chunks as OUT_DIR/<table>.parquet with the registry's Arrow
    schema, in row groups of exactly ROW_GROUP_SIZE rows (so the file's layout depends only on its
    rows, not on how they were chunked). Returns the number of rows."""
    from pipeline.validate import ROW_GROUP_SIZE, atomic_write

    schema = arrow_schema(table)
    target = Path(out_dir) / f"{table}.parquet"
    count = 0

    def encode(rows: pa.Table) -> pa.Table:
        arrays = []
        for f in schema:
            col = rows[f.name].combine_chunks()
            arrays.append(col.dictionary_encode().cast(f.type) if pa.types.is_dictionary(f.type) else col.cast(f.type))
        return pa.Table.from_arrays(arrays, schema=schema)

    def write(tmp: str) -> None:
        nonlocal count
        with pq.ParquetWriter(tmp, schema, compression="zstd", write_statistics=True) as writer:
            pending: list[pa.Table] = []
            held = 0
            for chunk in chunks:
                pending.append(chunk)
                held += chunk.num_rows
                while held >= ROW_GROUP_SIZE:
                    rows = pa.concat_tables(pending)
                    writer.write_table(encode(rows.slice(0, ROW_GROUP_SIZE)), row_group_size=ROW_GROUP_SIZE)
                    count += ROW_GROUP_SIZE
                    rest = rows.slice(ROW_GROUP_SIZE)
                    pending, held = [rest], rest.num_rows
            if held or count == 0:
                rows = pa.concat_tables(pending) if pending else _plain_schema(table).empty_table()
                writer.write_table(encode(rows), row_group_size=ROW_GROUP_SIZE)
                count += rows.num_rows

    atomic_write(target, write)
    return count


def remove_parts(parts_dir: Path) -> None:
    shutil.rmtree(parts_dir, ignore_errors=True)


# --- the whole run ---------------------------------------------------------------------


@dataclass
class StreamResult:
    counts: dict[str, int]  # rows written per table
    inputs: int  # input files (and lines of JSON Lines packs) seen
    rejected_files: int
    rejected_rows: int


def run_stream(input_path: Path, output_dir: Path, workers: int = 1, engine: str = "local",
               scheduler: str | None = None, progress: bool = False, cache=None) -> StreamResult:
    """Read INPUT_PATH (folder or JSON Lines file), process it in batches on the chosen engine,
    and write the per-document tables (documents, sentences, metrics, duplicates, rejects) into
    OUTPUT_DIR. Returns row counts; no table is held in memory whole. CACHE (a
    cache.DocumentCache) lets unchanged documents skip processing."""
    from pipeline import packed
    from pipeline.validate import validate_table

    input_path, output_dir = Path(input_path), Path(output_dir)
    root = packed.root_of(input_path)
    parts_dir = output_dir / f".parts-{os.getpid()}"
    remove_parts(parts_dir)
    bar = _bar(progress)
    seen = 0

    def packed_source(item: Item) -> str:
        from pipeline import ingest
        return ingest.relative_path(item.path, root)

    def events() -> Iterator[tuple[str, object]]:
        nonlocal seen
        for kind, value in packed.iter_documents(input_path, scratch=output_dir):
            seen += 1
            if kind == "item" and cache is not None:
                key, entry = cache.lookup(packed_source(value), value.raw, value.date)
                value = replace(value, cache_key=key, cached=entry)
            yield kind, value

    def finished(done: Done) -> None:
        if cache is not None and done.cache_entries is not None:
            cache.store(done.cache_entries)
        if bar is not None:
            bar.update(done.size)

    try:
        parts = execute(batched(events(), BATCH_DOCS), root, parts_dir, workers, engine, scheduler, finished)
        counts: dict[str, int] = {}
        for table in STREAMED:
            if table == "rejects":
                continue
            merge_parts(parts, table, lambda chunks, t=table: counts.__setitem__(t, write_stream(chunks, t, output_dir)))
            pa.default_memory_pool().release_unused()  # Arrow's allocator keeps freed memory; DuckDB comes next
        rejects, still_bad = validate_table(parts_frame(parts, "rejects"), "rejects")
        if len(still_bad):
            raise ValueError(f"rejects table failed its own schema: {still_bad['reason'].tolist()[:3]}")
        from pipeline.validate import write_parquet
        for r in rejects.itertuples():
            log.warning("%s: rejected (%s): %s", r.source_path, r.check, r.reason)
        write_parquet(rejects, "rejects", output_dir)
        counts["rejects"] = len(rejects)
    finally:
        if bar is not None:
            bar.close()
        remove_parts(parts_dir)
    return StreamResult(counts, seen, int(rejects["table"].isna().sum()), int(rejects["table"].notna().sum()))


def _bar(enabled: bool):
    if not enabled:
        return None
    from tqdm import tqdm
    return tqdm(desc="articles", unit="doc", disable=None, leave=False)

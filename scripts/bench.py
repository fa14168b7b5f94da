#!/usr/bin/env python3
"""Benchmark the whole pipeline on a generated corpus and compare it with the lexical floor.

usage: bench.py [--docs N] [--workers 1,2] [--corpus DIR] [--json FILE] [--profile-docs N]

1. builds (or reuses) a corpus of N documents from the seeds (scripts/bench_corpus.py);
2. runs ../shared/bench/floor.py on it (read, decode, strip pinyin, OpenCC, split: the least
   work any pipeline must do), one core;
3. runs `python -m pipeline run` on it cold for each worker count, then once more on the
   unchanged corpus (warm: the outputs are proven unchanged and kept), then once more after
   deleting one output (cached: a full run whose documents all come from the per-document
   cache), sampling the resident memory of the whole process tree;
4. profiles one worker on the first --profile-docs documents with cProfile for the time share
   of each stage;
and prints one table, writing the same figures as JSON (default bench/results/<commit>.json).
"""
from __future__ import annotations

import argparse
import cProfile
import json
import os
import pstats
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FLOOR = ROOT.parent / "shared" / "bench" / "floor.py"
# Stage → functions whose cumulative time is that stage's (from the cProfile run).
STAGES = {
    "read+hash": ["packed.py:iter_documents"],
    "ingest": ["ingest.py:read_document"],
    "clean": ["clean.py:clean_document"],
    "extract": ["extract.py:extract_document"],
    "context": ["context.py:"],
    "validate": ["validate.py:validate_table"],
    "write parts": ["engine.py:write_part"],
    "merge+write": ["engine.py:merge_parts", "engine.py:write_stream", "validate.py:write_parquet"],
    "database": ["publish.py:build_database"],
}


def corpus_size(path: Path) -> tuple[int, int]:
    files = [p for p in path.rglob("*") if p.is_file()]
    return len(files), sum(p.stat().st_size for p in files)


def tree_rss(pid: int) -> int:
    """Resident bytes of PID and all its descendants."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                fields = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
                children.setdefault(int(fields[1]), []).append(int(entry))
            except (OSError, IndexError, ValueError):
                pass
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        todo.extend(children.get(p, []))
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1]) * 1024
        except OSError:
            pass
    return total


def timed_run(cmd: list[str]) -> dict:
    """Run CMD, returning wall seconds, peak RSS of its process tree and its output."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak = 0
    stop = threading.Event()

    def sample():
        nonlocal peak
        while not stop.is_set():
            peak = max(peak, tree_rss(proc.pid))
            stop.wait(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, err = proc.communicate()
    seconds = time.perf_counter() - t0
    stop.set()
    sampler.join()
    if proc.returncode not in (0, 3):
        sys.exit(f"bench: {' '.join(cmd)} failed ({proc.returncode}):\n{err[-3000:]}")
    return {"seconds": seconds, "peak_rss_mb": peak / 1e6, "stdout": out.strip()}


def floor(corpus: Path) -> dict:
    out = subprocess.run([sys.executable, str(FLOOR), str(corpus)], capture_output=True, text=True, check=True).stdout
    fields = dict(kv.split("=") for kv in out.split() if "=" in kv)
    return {"seconds": float(fields["seconds"]), "MBps": float(fields["MBps"]), "sentences": int(fields["sentences"])}


def stage_shares(corpus: Path, docs: int, scratch: Path) -> dict[str, float]:
    """Time share of each stage on one worker, from cProfile on the first DOCS documents."""
    sub = scratch / "profile-corpus"
    shutil.rmtree(sub, ignore_errors=True)
    files = sorted(p for p in corpus.rglob("*") if p.is_file())[:docs]
    for p in files:
        target = sub / p.relative_to(corpus)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(p, target)
    sys.path.insert(0, str(ROOT))
    from pipeline.run import run
    shutil.rmtree(scratch / "profile-out", ignore_errors=True)  # no cache from an earlier profile
    prof = cProfile.Profile()
    t0 = time.perf_counter()
    prof.runcall(run, sub, scratch / "profile-out", progress=False, workers=1)
    total = time.perf_counter() - t0
    stats = pstats.Stats(prof).stats
    shares = {}
    for stage, needles in STAGES.items():
        best: dict[str, float] = {}
        for (filename, _line, func), (_cc, _nc, _tt, ct, _callers) in stats.items():
            key = f"{Path(filename).name}:{func}"
            for needle in needles:
                if needle.endswith(":") and key.startswith(needle) or key == needle:
                    # nested calls of the same module: keep the largest (outermost) figure
                    best[needle] = max(best.get(needle, 0.0), ct)
        seconds = sum(best.values())
        if seconds:
            shares[stage] = seconds / total
    shares["total_seconds"] = total
    return shares


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=int(os.environ.get("BENCH_DOCS", 10_000)))
    parser.add_argument("--workers", default=os.environ.get("BENCH_WORKERS", "1,2"))
    parser.add_argument("--corpus", type=Path, default=None)
    parser.add_argument("--scratch", type=Path, default=ROOT / "bench" / "scratch")
    parser.add_argument("--json", type=Path, default=None)
    parser.add_argument("--profile-docs", type=int, default=1000)
    args = parser.parse_args(argv)

    corpus = args.corpus or ROOT / "bench" / "corpus" / f"docs-{args.docs}"
    done = corpus.parent / f"{corpus.name}.complete"  # beside the corpus: inside, the run would read it as input
    if not done.exists():
        shutil.rmtree(corpus, ignore_errors=True)
        subprocess.run([sys.executable, str(ROOT / "scripts" / "bench_corpus.py"), str(corpus),
                        "--docs", str(args.docs)], check=True)
        done.write_text("")
    n_files, n_bytes = corpus_size(corpus)
    mb = n_bytes / 1e6

    fl = floor(corpus)
    runs = []
    for workers in [int(w) for w in args.workers.split(",")]:
        out = args.scratch / f"out-w{workers}"
        shutil.rmtree(out, ignore_errors=True)
        cmd = [sys.executable, "-m", "pipeline", "run", "--input", str(corpus), "--output", str(out),
               "--quiet", "--workers", str(workers)]
        cold = timed_run(cmd)
        warm = timed_run(cmd)  # nothing changed: the outputs are kept (manifest.unchanged)
        (out / "regional_industry.duckdb").unlink()  # one output gone: a full run, every document from the cache
        cached = timed_run(cmd)
        runs.append({"workers": workers, "cold": cold, "warm": warm, "cached": cached, "out": out})

    import pyarrow.parquet as pq
    first = runs[0]["out"]
    n_metrics = pq.ParquetFile(first / "metrics.parquet").metadata.num_rows if (first / "metrics.parquet").exists() else 0
    n_docs = pq.ParquetFile(first / "documents.parquet").metadata.num_rows
    n_chars = int(pq.read_table(first / "documents.parquet", columns=["n_chars"])["n_chars"].to_numpy().sum())
    identical = all((r["out"] / f"{t}.parquet").read_bytes() == (first / f"{t}.parquet").read_bytes()
                    for r in runs[1:] for t in ("documents", "sentences", "metrics", "duplicates", "rejects")
                    if (first / f"{t}.parquet").exists())
    shares = stage_shares(corpus, args.profile_docs, args.scratch)

    base = runs[0]["cold"]["seconds"]
    rows = []
    for r in runs:
        s = r["cold"]["seconds"]
        rows.append({
            "workers": r["workers"], "documents": n_docs, "MB": round(mb, 1), "seconds": round(s, 2),
            "MBps": round(mb / s, 2), "docs_per_s": round(n_docs / s, 1), "chars_per_s": round(n_chars / s),
            "metrics": n_metrics, "peak_rss_mb": round(r["cold"]["peak_rss_mb"], 1),
            "speedup_vs_first": round(base / s, 2), "pipeline_over_floor": round((mb / s) / fl["MBps"], 3),
            "warm_seconds": round(r["warm"]["seconds"], 2), "cold_over_warm": round(s / r["warm"]["seconds"], 1),
            "cached_seconds": round(r["cached"]["seconds"], 2), "cold_over_cached": round(s / r["cached"]["seconds"], 1),
        })
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                            text=True).stdout.strip() or "unknown"
    result = {"commit": commit, "files": n_files, "corpus_mb": round(mb, 2), "floor": fl, "runs": rows,
              "stage_share": {k: round(v, 3) for k, v in shares.items()}, "outputs_identical_across_workers": identical,
              "cpus": os.cpu_count(), "python": sys.version.split()[0]}
    target = args.json or ROOT / "bench" / "results" / f"{commit}.json"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")

    cols = ["workers", "documents", "MB", "seconds", "MBps", "docs_per_s", "chars_per_s", "metrics",
            "peak_rss_mb", "speedup_vs_first", "pipeline_over_floor", "warm_seconds", "cold_over_warm",
            "cached_seconds", "cold_over_cached"]
    widths = [max(len(c), *(len(str(r[c])) for r in rows)) for c in cols]
    print("  ".join(c.rjust(w) for c, w in zip(cols, widths)))
    for r in rows:
        print("  ".join(str(r[c]).rjust(w) for c, w in zip(cols, widths)))
    print(f"floor: {fl['MBps']:.2f} MB/s ({fl['seconds']:.2f} s, one core) · outputs identical across worker counts: "
          f"{identical}")
    print("stage share (1 worker, cProfile on the first {} documents, {:.1f} s): ".format(
        args.profile_docs, shares.pop("total_seconds")) + ", ".join(f"{k} {v:.0%}" for k, v in shares.items()))
    print(f"→ {target.relative_to(ROOT) if target.is_relative_to(ROOT) else target}")


if __name__ == "__main__":
    main()

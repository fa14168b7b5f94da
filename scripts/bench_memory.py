#!/usr/bin/env python3
"""Peak memory against corpus size: the pipeline on JSON Lines packs of growing size.

usage: bench_memory.py [--docs 10000,100000] [--workers 1]

For each size N it builds (or reuses) bench/corpus/docs-N.jsonl (scripts/bench_corpus.py --jsonl;
document i is the same whatever N), runs `python -m pipeline run` on it cold, sampling the resident
memory of the whole process tree, and prints each run's peak RSS and its ratio to the first size's.
The issue's bound: at 100,000 documents within 1.3× of the peak at 10,000, and under 1 GB.
A JSON Lines pack, not a folder, so that reading millions of small files is not what is measured.
The figures are also written to bench/results/memory-<commit>-w<workers>.json.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench import ROOT, timed_run  # noqa: E402  (a sibling script, not a package)


def pack(docs: int) -> Path:
    path = ROOT / "bench" / "corpus" / f"docs-{docs}.jsonl"
    done = path.parent / f"{path.name}.complete"
    if not done.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run([sys.executable, str(ROOT / "scripts" / "bench_corpus.py"), str(path), "--docs", str(docs),
                        "--jsonl"], check=True)
        done.write_text("")
    return path


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", default=os.environ.get("MEMORY_DOCS", "10000,100000"))
    parser.add_argument("--workers", type=int, default=int(os.environ.get("MEMORY_WORKERS", 1)))
    parser.add_argument("--scratch", type=Path, default=ROOT / "bench" / "scratch")
    args = parser.parse_args(argv)

    rows = []
    for docs in [int(n) for n in args.docs.split(",")]:
        corpus = pack(docs)
        out = args.scratch / f"memory-{docs}"
        shutil.rmtree(out, ignore_errors=True)
        run = timed_run([sys.executable, "-m", "pipeline", "run", "--input", str(corpus), "--output", str(out),
                         "--quiet", "--workers", str(args.workers)])
        shutil.rmtree(out, ignore_errors=True)  # a 100k run's outputs and cache are gigabytes
        rows.append({"documents": docs, "MB": round(corpus.stat().st_size / 1e6, 1), "workers": args.workers,
                     "seconds": round(run["seconds"], 1), "peak_rss_mb": round(run["peak_rss_mb"], 1)})
    for row in rows:
        row["rss_over_first"] = round(row["peak_rss_mb"] / rows[0]["peak_rss_mb"], 2)

    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                            text=True).stdout.strip() or "unknown"
    target = ROOT / "bench" / "results" / f"memory-{commit}-w{args.workers}.json"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps({"commit": commit, "runs": rows}, indent=2) + "\n")
    cols = list(rows[0])
    widths = [max(len(c), *(len(str(r[c])) for r in rows)) for c in cols]
    print("  ".join(c.rjust(w) for c, w in zip(cols, widths)))
    for row in rows:
        print("  ".join(str(row[c]).rjust(w) for c, w in zip(cols, widths)))
    print(f"→ {target.relative_to(ROOT)}")


if __name__ == "__main__":
    main()

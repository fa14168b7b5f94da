"""Command line: `python -m pipeline run --input DIR --output DIR`."""
from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from pipeline import __version__

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2
EXIT_REJECTS = 3


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="pipeline", description=__doc__)
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run", help="read a folder of articles and write the tables")
    run.add_argument("--input", required=True, type=Path, help="folder of .txt/.html articles")
    run.add_argument("--output", required=True, type=Path, help="folder for the Parquet tables")
    run.add_argument("--quiet", action="store_true", help="no progress bar, warnings only")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.WARNING if args.quiet else logging.INFO,
                        format="%(levelname)s %(message)s", stream=sys.stderr)
    if not args.input.is_dir():
        print(f"pipeline: input folder not found: {args.input}", file=sys.stderr)
        return EXIT_USAGE
    from pipeline.run import run

    result = run(args.input, args.output, progress=not args.quiet)
    s = result.summary
    print(f"files {s['files']}: documents {s['documents']}, duplicates {s['duplicates']}, "
          f"rejected {s['rejected']}, rejected rows {s['rejected_rows']}, sentences {s['sentences']}, "
          f"metrics {s['metrics']} → {args.output}")
    return EXIT_REJECTS if s["rejected"] or s["rejected_rows"] else EXIT_OK

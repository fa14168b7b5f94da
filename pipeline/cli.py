"""Command line: `python -m pipeline run --input DIR --output DIR`.

Exit status: 0 every input file became a document or a duplicate and every row passed
validation; 3 the run finished and wrote all tables, but something was rejected (see
rejects.parquet); 2 usage error (bad arguments, input folder missing); 1 the run failed
and wrote nothing (the previous outputs are left in place)."""
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
    parser = argparse.ArgumentParser(prog="pipeline", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run", help="read a folder of articles and write the tables")
    run.add_argument("--input", required=True, type=Path, help="folder of .txt/.html articles (and .jsonl packs), or one .jsonl file")
    run.add_argument("--output", required=True, type=Path, help="folder for the Parquet tables")
    run.add_argument("--quiet", action="store_true", help="no progress bar, warnings only")
    run.add_argument("--workers", type=_positive, default=None,
                     help="worker processes (default: all cores); the tables are the same bytes for any number")
    run.add_argument("--engine", choices=("local", "dask"), default="local",
                     help="local processes, or Dask (needs the dask extra)")
    run.add_argument("--scheduler", default=None, metavar="ADDRESS",
                     help="Dask scheduler address, e.g. tcp://10.0.0.5:8786 (default: a local cluster)")
    return parser


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return value


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.WARNING if args.quiet else logging.INFO,
                        format="%(levelname)s %(message)s", stream=sys.stderr)
    from pipeline.packed import is_packed

    if not (args.input.is_dir() or args.input.is_file() and is_packed(args.input)):
        print(f"pipeline: input folder (or .jsonl file) not found: {args.input}", file=sys.stderr)
        return EXIT_USAGE
    from pipeline import manifest

    try:
        # an unchanged corpus: keep the outputs (and their manifest) as they are, without even
        # importing the pipeline's libraries
        s = manifest.unchanged(args.input, args.output)
        if s is not None:
            logging.getLogger("pipeline").info("input and pipeline unchanged since the last run: outputs kept")
        else:
            from pipeline.run import run
            s = run(args.input, args.output, progress=not args.quiet, workers=args.workers,
                    engine_name=args.engine, scheduler=args.scheduler).summary
    except Exception as err:  # a bug or an unwritable output folder: say so, exit 1
        logging.getLogger("pipeline").exception("run failed: %s", err)
        print(f"pipeline: run failed, previous outputs left in place: {err}", file=sys.stderr)
        return EXIT_FAILED
    print(f"files {s['files']}: documents {s['documents']}, duplicates {s['duplicates']}, "
          f"rejected {s['rejected']}, rejected rows {s['rejected_rows']}, sentences {s['sentences']}, "
          f"metrics {s['metrics']} → {args.output}")
    return EXIT_REJECTS if s["rejected"] or s["rejected_rows"] else EXIT_OK

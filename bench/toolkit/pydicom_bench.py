#!/usr/bin/python3
"""Times pydicom on the inputs the JMH benchmarks use, for docs/benchmarks-toolkit.md.

Usage: /usr/bin/python3 pydicom_bench.py DIR [--quick]

DIR holds ct.dcm and corpus.txt, written by io.pacslite.bench.Prepare. Writes
DIR/corpus-common.txt (the corpus files pydicom reads and converts too, so both toolkits
time the same files) and prints one JSON object with the timings in microseconds.
"""
import json
import statistics
import sys
import time
import warnings
from pathlib import Path

import pydicom

RUNS = 5


def header_parse_us(ct_file, reads):
    """Median over RUNS runs of the mean time of one dcmread(stop_before_pixels=True)."""
    path = str(ct_file)
    per_read = []
    for _ in range(RUNS):
        start = time.perf_counter()
        for _ in range(reads):
            pydicom.dcmread(path, stop_before_pixels=True)
        per_read.append((time.perf_counter() - start) / reads * 1e6)
    return statistics.median(per_read)


def parse_and_json(path):
    return pydicom.dcmread(path).to_json_dict()


def convertible(paths):
    """The files pydicom reads and converts to JSON; the others are reported, not timed."""
    kept, skipped = [], []
    for path in paths:
        try:
            parse_and_json(path)
            kept.append(path)
        except Exception as error:  # any failure: the file is left out of both toolkits' pass
            skipped.append(f"{path}: {type(error).__name__}: {error}"[:200])
    return kept, skipped


def corpus_pass_us(paths, passes):
    """Median over `passes` passes of the time of one pass over every file."""
    times = []
    for _ in range(passes):
        start = time.perf_counter()
        for path in paths:
            parse_and_json(path)
        times.append((time.perf_counter() - start) * 1e6)
    return statistics.median(times)


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    quick = "--quick" in sys.argv
    warnings.simplefilter("ignore")  # pydicom warns about the corpus's deliberately odd files
    if len(args) != 1:
        sys.exit(__doc__)
    directory = Path(args[0])
    listed = [line for line in (directory / "corpus.txt").read_text().splitlines() if line]
    kept, skipped = convertible(listed)
    (directory / "corpus-common.txt").write_text("".join(p + "\n" for p in kept))
    reads = 2_000 if quick else 20_000
    print(json.dumps({
        "pydicom_version": pydicom.__version__,
        "python_version": sys.version.split()[0],
        "header_reads_per_run": reads,
        "header_parse_us": header_parse_us(directory / "ct.dcm", reads),
        "corpus_files": len(kept),
        "corpus_skipped": skipped,
        "corpus_pass_us": corpus_pass_us(kept, RUNS),
    }, indent=2))


if __name__ == "__main__":
    main()

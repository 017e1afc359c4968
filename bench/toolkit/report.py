#!/usr/bin/python3
"""Writes results.md from JMH's JSON and pydicom_bench.py's JSON.

Usage: /usr/bin/python3 report.py OUT_DIR JDK_VERSION
"""
import datetime
import json
import os
import platform
import sys
from pathlib import Path

HEADER_TARGET_US = 20.0
SPEED_UP_TARGET = 5.0


def jmh_scores(path):
    """benchmark method name -> (score, error) in the unit JMH reported (µs/op here)."""
    scores = {}
    for result in json.loads(path.read_text()):
        name = result["benchmark"].rsplit(".", 1)[1]
        metric = result["primaryMetric"]
        scores[name] = (metric["score"], metric["scoreError"])
    return scores


def cell(value, error=None):
    if value is None:
        return "–"
    text = f"{value:,.1f}" if value >= 100 else f"{value:.2f}"
    return text + (f" ± {error:.2f}" if error is not None and error == error else "")


def verdict(checks):
    return "–" if not checks else ("yes" if all(checks) else "**no**")


def row(name, java, pydicom, checks):
    score, error = java
    ratio = f"{pydicom / score:.1f}x" if pydicom else "–"
    return f"| {name} | {cell(score, error)} | {cell(pydicom)} | {ratio} | {verdict(checks)} |"


def main():
    out, jdk = Path(sys.argv[1]), sys.argv[2]
    java = jmh_scores(out / "jmh.json")
    py = json.loads((out / "pydicom.json").read_text())
    files = py["corpus_files"]
    from_bytes = java["headerParseCtFromBytes"]
    from_file = java["headerParseCtFromFile"]
    corpus = java["corpusParseAndJson"]
    per_file = (corpus[0] / files, corpus[1] / files)
    header_py = py["header_parse_us"]
    lines = [
        "# Toolkit benchmark results",
        "",
        f"Run {datetime.datetime.now().astimezone():%Y-%m-%d %H:%M %Z} on {platform.node()}: "
        f"{os.cpu_count()} CPUs, JDK {jdk}, Python {py['python_version']}, pydicom {py['pydicom_version']}.",
        "Times in microseconds (JMH: mean ± 99.9% error over the measurement iterations of one fork;"
        f" pydicom: median of 5 runs, {py['header_reads_per_run']:,} header reads a run).",
        "Ratio = pydicom time / PACS-lite time. Targets: CT header parse < "
        f"{HEADER_TARGET_US:g} µs, and ≥ {SPEED_UP_TARGET:g}x pydicom's dcmread(stop_before_pixels=True).",
        "",
        "| benchmark | PACS-lite µs | pydicom µs | ratio | target met? |",
        "| --- | ---: | ---: | ---: | --- |",
        row("headerParseCt, from bytes in memory", from_bytes, header_py,
            [from_bytes[0] < HEADER_TARGET_US, header_py / from_bytes[0] >= SPEED_UP_TARGET]),
        row("headerParseCt, from the file", from_file, header_py,
            [from_file[0] < HEADER_TARGET_US, header_py / from_file[0] >= SPEED_UP_TARGET]),
        row(f"corpusParseAndJson, one pass ({files} files)", corpus, py["corpus_pass_us"], []),
        row("corpusParseAndJson, per file (mean)", per_file, py["corpus_pass_us"] / files, []),
        "",
        "pydicom reads from the file in both cases; its corpus figure is dcmread() + to_json_dict()"
        " (a dict, not JSON text), PACS-lite's is a full read + JSON text written to a null stream.",
    ]
    if py["corpus_skipped"]:
        lines += ["", f"Corpus files PACS-lite reads but pydicom does not (left out of both passes): "
                  f"{len(py['corpus_skipped'])}", ""]
        lines += [f"- `{line}`" for line in py["corpus_skipped"]]
    (out / "results.md").write_text("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()

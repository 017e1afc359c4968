#!/usr/bin/env python3
"""Collects the rounds of the benchmark areas into one results.md and results.json, judged
against the targets table of bench/README.md, and draws the plots (gnuplot): the scale curve
and the QIDO-RS latency distributions. Called by bench/run and bench/index/run; see
docs/benchmarks.md.

Usage: summary.py --machine TEXT --out DIR [--targets README] --area NAME=DIR...

Each area DIR holds rounds.csv (scenario,round,server and a value column named value or
seconds) and may hold rss.csv (scenario,round,server,peak_rss_mib). A row of round "all" is the
figure over all rounds at once (e.g. a percentile of every query); the numbered rounds then give
only the spread. A targets row names its
measurement AREA/SCENARIO, or AREA/rss-SCENARIO for rss.csv, with @SERVER to compare against
another server than Orthanc (e.g. @storescp).
"""
import argparse
import csv
import json
import os
import re
import shutil
import statistics
import subprocess

SERVERS = {"orthanc": "Orthanc", "storescp": "storescp"}


def read_rounds(area_dir):
    """{scenario: {server: {round: value}}} from rounds.csv and rss.csv ("rss-" + its scenarios)."""
    values = {}
    for name, prefix in (("rounds.csv", ""), ("rss.csv", "rss-")):
        path = os.path.join(area_dir, name)
        if not os.path.exists(path):
            continue
        for row in csv.DictReader(open(path)):
            value = row.get("value", row.get("seconds", row.get("peak_rss_mib")))
            values.setdefault(prefix + row["scenario"], {}).setdefault(row["server"], {})[row["round"]] = float(value)
    return values


def read_targets(readme):
    """The rows of the targets table: key, number, scenario, unit, target."""
    rows = []
    for line in open(readme):
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 5 and re.fullmatch(r"`[a-z]+/[a-z0-9-]+(@[a-z]+)?`", cells[0]):
            rows.append(dict(zip(("key", "number", "scenario", "unit", "target"), cells)))
            rows[-1]["key"] = cells[0].strip("`")
    return rows


def judge(target, value, ratio):
    """'met', 'not met' or '-' for a target such as '<= 0.5x Orthanc', '>= 3x Orthanc', '<= 50 ms'."""
    match = re.fullmatch(r"(<=|>=) ([0-9.]+)(x .*| .*)?", target)
    if not match:
        return "-"
    relative = (match.group(3) or "").startswith("x ")
    measured = ratio if relative else value
    if measured is None:
        return "-"
    bound = float(match.group(2))
    ok = measured <= bound if match.group(1) == "<=" else measured >= bound
    return "met" if ok else "not met"


def stats(by_round):
    """Median (or the "all" figure), min, max and every numbered round's value."""
    if not by_round:
        return None
    rounds = [v for r, v in by_round.items() if r != "all"]
    median = by_round["all"] if "all" in by_round else statistics.median(rounds)
    return {"median": median, "min": min(rounds, default=median), "max": max(rounds, default=median),
            "rounds": rounds}


COUNTS = ("instances", "MiB")  # units whose values are whole numbers


def fmt(v, unit=""):
    if v is not None and unit in COUNTS:
        return f"{v:,.0f}"
    return "-" if v is None else f"{v:.3f}" if abs(v) < 10 else f"{v:.1f}" if abs(v) < 1000 else f"{v:,.0f}"


def fmt_ratio(r):
    return "-" if r is None else f"{r:.2f}"


def cell(s, unit):
    if s is None:
        return "-"
    if len(s["rounds"]) <= 1:
        return fmt(s["median"], unit)
    return f"{fmt(s['median'], unit)} ({fmt(s['min'], unit)} - {fmt(s['max'], unit)})"


def plot_scale(index_dir, out):
    curves = [(k, os.path.join(index_dir, f"scale-{k}.csv")) for k in ("pacslite", "orthanc")]
    curves = [(k, p) for k, p in curves if os.path.exists(p) and sum(1 for _ in open(p)) > 1]
    if not curves:
        return None
    png = os.path.join(out, "scale.png")
    lines = ", ".join(f'"{p}" every ::1 using 1:2 with linespoints pt 7 ps 0.5 lc {i + 1} title "{name(k)}", '
                      f'"{p}" every ::1 using 1:4 axes x1y2 with lines dt 2 lc {i + 1} '
                      f'title "load average during {name(k)}\'s run"' for i, (k, p) in enumerate(curves))
    gnuplot(f"""set terminal pngcairo size 900,500 noenhanced
set output "{png}"
set datafile separator ","
set title "Ingest rate (STOW-RS, 5 connections, 20-instance studies) vs instances indexed"
set xlabel "instances indexed"
set ylabel "instances/s (per step)"
set y2label "1-minute load average (dashed)"
set yrange [0:*]
set y2range [0:*]
set y2tics
set key below
set grid
plot {lines}
""")
    return png


def plot_qido(index_dir, out):
    path = os.path.join(index_dir, "qido.csv")
    if not os.path.exists(path):
        return None
    latencies = {}
    for server, _round, kind, ms, _found in csv.reader(open(path)):
        latencies.setdefault(kind, {}).setdefault(server, []).append(float(ms))
    plots = []
    for kind, servers in latencies.items():
        series = []
        for server, ms in servers.items():
            data = os.path.join(out, f"qido-{kind}-{server}.dat")
            ms.sort()
            with open(data, "w") as f:
                for i, v in enumerate(ms):
                    f.write(f"{v} {(i + 1) / len(ms)}\n")
            series.append(f'"{data}" using 1:2 with steps lw 2 title "{name(server)}"')
        plots.append(f'set title "{kind}"\nplot ' + ", ".join(series))
    png = os.path.join(out, "qido.png")
    gnuplot(f"""set terminal pngcairo size 1000,750 noenhanced
set output "{png}"
set multiplot layout 2,2 title "QIDO-RS latency, cumulative distribution over all rounds"
set logscale x
set xlabel "ms"
set ylabel "fraction of queries"
set yrange [0:1]
set grid
set key bottom right
""" + "\n".join(plots) + "\nunset multiplot\n")
    for kind, servers in latencies.items():
        for server in servers:
            os.remove(os.path.join(out, f"qido-{kind}-{server}.dat"))
    return png


def gnuplot(script):
    subprocess.run(["gnuplot"], input=script, text=True, check=True)


def name(server):
    return "PACS-lite" if server == "pacslite" else SERVERS.get(server, server)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--machine", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--targets", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "README.md"))
    parser.add_argument("--area", action="append", default=[], help="NAME=DIR")
    args = parser.parse_args()
    areas = dict(a.split("=", 1) for a in args.area)
    values = {area: read_rounds(d) for area, d in areas.items()}

    rows = []
    for target in read_targets(args.targets):
        area, scenario = target["key"].split("/")
        scenario, _, other = scenario.partition("@")
        other = other or "orthanc"
        measured = values.get(area, {}).get(scenario)
        if not measured:
            continue
        p, o = stats(measured.get("pacslite", {})), stats(measured.get(other, {}))
        ratio = p["median"] / o["median"] if p and o and o["median"] else None
        met = judge(target["target"], p["median"] if p else None, ratio)
        rows.append({**target, "pacslite": p, "other_server": other, "other": o, "ratio": ratio, "met": met})

    lines = ["# PACS-lite benchmark", "", args.machine + ".", "",
             "Medians over the rounds (min - max where there were several); ratio = PACS-lite / the other",
             "server (Orthanc unless the scenario names another). Per area: `<area>/rounds.csv`, `rss.csv`.", "",
             "| # | scenario | unit | PACS-lite | Orthanc (or named) | ratio | target | met? |",
             "|---|---|---|---:|---:|---:|---|---|"]
    for r in rows:
        lines.append(f"| {r['number']} | {r['scenario']} | {r['unit']} | {cell(r['pacslite'], r['unit'])} | {cell(r['other'], r['unit'])} "
                     f"| {fmt_ratio(r['ratio'])} | {r['target']} | {r['met']} |")
    judged = [r for r in rows if r["met"] != "-"]
    lines += ["", f"Targets met: {sum(r['met'] == 'met' for r in judged)} of {len(judged)} judged."]

    os.makedirs(args.out, exist_ok=True)
    if "index" in areas and shutil.which("gnuplot"):
        for png in (plot_scale(areas["index"], args.out), plot_qido(areas["index"], args.out)):
            if png:
                lines.append(f"Plot: `{os.path.basename(png)}`.")
    open(os.path.join(args.out, "results.md"), "w").write("\n".join(lines) + "\n")
    json.dump({"machine": args.machine, "scenarios": rows}, open(os.path.join(args.out, "results.json"), "w"),
              indent=2)
    print("\n".join(lines))


if __name__ == "__main__":
    main()

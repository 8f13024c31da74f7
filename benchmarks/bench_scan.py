"""Throughput and peak memory of `leakscan scan` next to a bare pyarrow parse, in one run.

    python benchmarks/bench_scan.py [--size-mb 1000] [--runs 1] [--keep]

Generates (once, cached under benchmarks/data/) a synthetic patient CSV of about
--size-mb MB, then measures, on the same file and in the same run:
  - parse: pyarrow's streaming CSV reader, every column as a string, one core;
  - leakscan: `leakscan scan --no-progress --json FILE` end to end (all
    detectors, people estimate), as a child process;
and prints MB/s, peak RSS and the ratio leakscan / parse (medians over --runs).
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

DATA = Path(__file__).parent / "data"
PARSE = """
import sys, time, resource, pyarrow as pa, pyarrow.csv as c
path, delim = sys.argv[1], sys.argv[2]
names = open(path, encoding="utf-8").readline().rstrip("\\n").split(delim)
t = time.perf_counter(); rows = 0
reader = c.open_csv(path, read_options=c.ReadOptions(block_size=16 << 20, use_threads=False),
                    parse_options=c.ParseOptions(delimiter=delim, newlines_in_values=True),
                    convert_options=c.ConvertOptions(column_types={n: pa.string() for n in names}))
for b in reader:
    rows += b.num_rows
print(time.perf_counter() - t, rows)
"""


def people_for(size_mb: int) -> int:
    # About 190 bytes per record and 2.5 records per person in the generator's output.
    return max(1000, int(size_mb * 1e6 / 190 / 2.5))


def dataset(size_mb: int) -> Path:
    DATA.mkdir(exist_ok=True)
    path = DATA / f"patients_{size_mb}mb.csv"
    if not path.exists():
        from leakscan_fixtures import generate

        t = time.perf_counter()
        generate(path, seed=42, people=people_for(size_mb), encoding="utf-8", delimiter=";", labels=False)
        print(f"generated {path} ({path.stat().st_size / 1e6:.0f} MB) in {time.perf_counter() - t:.0f} s", flush=True)
    return path


def measure(argv: list[str]) -> tuple[float, float, str]:
    """Wall seconds, peak RSS (MB, from wait4) and stdout of a child process."""
    t = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t
    out, err = proc.stdout.read(), proc.stderr.read()
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        sys.exit(f"child failed ({code}): {err[-500:]}")
    return wall, usage.ru_maxrss / 1024, out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--size-mb", type=int, default=1000)
    ap.add_argument("--runs", type=int, default=1)
    args = ap.parse_args()
    path = dataset(args.size_mb)
    mb = path.stat().st_size / 1e6
    parse, scan = [], []
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "report.json"
        for _ in range(args.runs):
            parse.append(measure([sys.executable, "-c", PARSE, str(path), ";"]))
            scan.append(measure([sys.executable, "-c", "from scanner.cli import entry; entry()", "scan",
                                 "--no-progress", "--json", str(report), str(path)]))
        rep = json.loads(report.read_text())
    p_wall = statistics.median(w for w, _, _ in parse)
    s_wall = statistics.median(w for w, _, _ in scan)
    print(f"file: {path.name}, {mb:.0f} MB, {rep['records']['total']:,} records, {rep['people']['estimate']:,} people")
    print(f"{'':28}{'MB/s':>8}{'peak RSS MB':>14}")
    print(f"{'pyarrow streaming parse':28}{mb / p_wall:8.1f}{max(r for _, r, _ in parse):14.0f}")
    print(f"{'leakscan scan (end to end)':28}{mb / s_wall:8.1f}{max(r for _, r, _ in scan):14.0f}")
    print(f"ratio leakscan / parse: {p_wall / s_wall:.3f}  (runs: {args.runs}, medians)")
    accuracy(rep, json.loads(path.with_name(path.name + ".truth.json").read_text()))


def accuracy(rep: dict, truth: dict) -> None:
    """The scan's figures next to the generator's truth for the same file."""
    rows = [("records", rep["records"]["total"], truth["records"]["total"])]
    for kind, figures in truth["identifiers"].items():
        rows += [(f"{kind}.{f}", rep["identifiers"][kind][f], v) for f, v in figures.items()]
    rows += [(f"{c}.records", rep["sensitivity"][c]["records"], v["records"]) for c, v in truth["sensitivity"].items()]
    rows.append(("people (low-high: %d-%d)" % (rep["people"]["low"], rep["people"]["high"]), rep["people"]["estimate"], truth["people"]))
    print(f"{'figure':34}{'leakscan':>12}{'truth':>12}{'error':>9}")
    for name, got, true in rows:
        print(f"{name:34}{got:12,}{true:12,}{(got - true) / max(true, 1):+9.2%}")


if __name__ == "__main__":
    main()

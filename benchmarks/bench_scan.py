"""Throughput and peak memory of `leakscan scan` next to a bare pyarrow parse, in one run.

    python benchmarks/bench_scan.py [--size-mb 1000] [--runs 3] [--baseline-mb 100] [--dump mysql]

Generates (once, cached under benchmarks/data/) a synthetic patient CSV of about
--size-mb MB, its gzip and the same rows as a SQL dump, then measures, in the
same run:
  - parse: pyarrow's streaming CSV reader, every column as a string, one core;
  - leakscan: `leakscan scan --no-progress --json FILE` end to end (all
    detectors, people estimate), as a child process, with all cores and with
    one worker, on the CSV, its .csv.gz and the dump;
  - the naive pandas + python-stdnum + phonenumbers baseline on a slice;
and prints MB/s (wall), peak memory and the ratios (medians over --runs).
Peak memory is given twice: the largest single process (wait4's RSS) and the
whole process tree (peak of its summed PSS, workers included).
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

from leakscan_fixtures.dump_writer import FORMATS as FORMS
from measure import run

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


def dump_of(csv_path: Path, form: str) -> Path:
    """The CSV's rows written as a SQL dump of ``form`` beside it (cached)."""
    from leakscan_fixtures.dump_writer import csv_table, write_dump

    path = csv_path.with_name(f"{csv_path.stem}.{form}.sql")
    if not path.exists():
        t = time.perf_counter()
        partial = path.with_name(path.name + ".part")
        write_dump(partial, form, [csv_table(csv_path, "patients")])
        partial.rename(path)
        print(f"wrote {path.name} ({path.stat().st_size / 1e6:.0f} MB) in {time.perf_counter() - t:.0f} s", flush=True)
    return path


def gzipped(path: Path) -> Path:
    """The same file gzip-compressed (cached), as leaks are often shipped."""
    out = path.with_name(path.name + ".gz")
    if not out.exists():
        subprocess.run(f"gzip -6 -c {path} > {out}.part && mv {out}.part {out}", shell=True, check=True)
    return out


def head_slice(path: Path, size_mb: int) -> Path:
    """The first ``size_mb`` MB of the file, cut after a whole line, for the slow baseline."""
    out = path.with_name(f"{path.stem}_head{size_mb}mb.csv")
    if not out.exists():
        with open(path, "rb") as src:
            data = src.read(size_mb * 1_000_000)
        out.write_bytes(data[: data.rfind(b"\n") + 1])
    return out


def scan_argv(path: Path, report: Path, *extra: str) -> list[str]:
    return [sys.executable, "-c", "from scanner.cli import entry; entry()", "scan", "--no-progress",
            "--json", str(report), str(path), *extra]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--size-mb", type=int, default=1000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--baseline-mb", type=int, default=100, help="size of the slice the naive baseline reads")
    ap.add_argument("--dump", choices=FORMS, default="mysql", help="the dump form measured")
    ap.add_argument("--scan-only", action="store_true",
                    help="only the parse and the scan with all cores (for the largest files)")
    args = ap.parse_args()
    path = dataset(args.size_mb)
    mb = path.stat().st_size / 1e6
    cores = str(len(os.sched_getaffinity(0)))
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "report.json"
        cases = [
            ("pyarrow streaming parse", path, [sys.executable, "-c", PARSE, str(path), ";"]),
            (f"leakscan, {cores} workers", path, scan_argv(path, report, "--workers", cores)),
        ]
        if not args.scan_only:
            cases += [
                ("leakscan, 1 worker", path, scan_argv(path, Path(tmp) / "one.json", "--workers", "1")),
                (f"leakscan .csv.gz, {cores} workers", path, scan_argv(gzipped(path), Path(tmp) / "gz.json")),
                # Rated over the CSV's size: the same records, so the ratio compares the work done.
                (f"leakscan {args.dump} dump, {cores} workers", path,
                 scan_argv(dump_of(path, args.dump), Path(tmp) / "dump.json")),
            ]
        if args.baseline_mb and not args.scan_only:
            small = head_slice(path, args.baseline_mb)
            cases.append((f"naive pandas+stdnum ({args.baseline_mb} MB)", small,
                          [sys.executable, str(Path(__file__).with_name("naive_baseline.py")), str(small)]))
        results = {}
        for name, measured, argv in cases:
            # The naive baseline takes minutes a run: once is enough to know it is far behind.
            runs = [run(argv) for _ in range(1 if name.startswith("naive") else args.runs)]
            rate = measured.stat().st_size / 1e6 / statistics.median(r.wall for r in runs)
            results[name] = rate, max(r.rss_mb for r in runs), max(r.tree_mb for r in runs)
            print(f"  measured {name}: {rate:.1f} MB/s ({', '.join(f'{r.wall:.1f}' for r in runs)} s)",
                  file=sys.stderr, flush=True)
        rep = json.loads(report.read_text())
    parse = results["pyarrow streaming parse"][0]
    scan = results[f"leakscan, {cores} workers"][0]
    print(f"file: {path.name}, {mb:.0f} MB, {rep['records']['total']:,} records, {rep['people']['estimate']:,} people;"
          f" medians of {args.runs} run(s), {cores} cores")
    print(f"{'':40}{'MB/s':>8}{'RSS MB':>8}{'tree MB':>9}{'x parse':>9}{'x scan':>8}")
    for name, (rate, rss, tree) in results.items():
        print(f"{name:40}{rate:8.1f}{rss:8.0f}{tree:9.0f}{rate / parse:9.3f}{rate / scan:8.2f}")
    naive = [rate for name, (rate, _, _) in results.items() if name.startswith("naive")]
    if naive:
        print(f"leakscan / naive baseline: {scan / naive[0]:.1f} x")
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

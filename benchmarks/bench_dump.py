"""Throughput of SQL dumps next to CSV, on the same generated data, in one run.

    python benchmarks/bench_dump.py [--size-mb 200] [--forms mysql pg-copy ...] [--reader-only]

Generates (once, cached under benchmarks/data/) the flat generator's patient
CSV of about --size-mb MB and the same rows as each dump form of
:mod:`leakscan_fixtures.dump_writer` (a table ``patients``), then measures, each
in a child process:

- reader: the bare reader alone (pyarrow's streaming CSV parse for the CSV,
  ``SqlDumpReader`` for a dump), rows counted, nothing analysed;
- scan: ``leakscan scan FILE --json OUT --no-progress`` end to end.

MB/s is over CPU seconds (user + system of the child), which a shared machine
disturbs far less than wall seconds; wall seconds are printed beside them.
The ratio is each form's scan MB/s over the CSV's (issue 3 wants >= 0.7).
Records are the scan's ``records.total`` (the reader's row count for the
reader rows) next to the generator's truth.
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

from bench_scan import dataset, dump_of
from leakscan_fixtures.dump_writer import FORMATS as FORMS
from measure import Run, run

SCAN = "from scanner.cli import entry; entry()"
# The bare readers; each prints its row count. Run as `python -c READER path`.
CSV_READER = """
import sys, pyarrow as pa, pyarrow.csv as c
path = sys.argv[1]
names = open(path, encoding="utf-8").readline().rstrip("\\n").split(";")
reader = c.open_csv(path, read_options=c.ReadOptions(block_size=16 << 20, use_threads=False),
                    parse_options=c.ParseOptions(delimiter=";", newlines_in_values=True),
                    convert_options=c.ConvertOptions(column_types={n: pa.string() for n in names}))
print(sum(b.num_rows for b in reader))
"""
SQL_READER = """
import sys
from scanner.sql_reader import SqlDumpReader
from scanner.textstream import Utf8Stream
with open(sys.argv[1], "rb") as raw:
    reader = SqlDumpReader(Utf8Stream(raw, "utf-8", max_line=1 << 40))
    print(sum(b.num_rows for _, b in reader.tables()))
"""


def scan(path: Path, report: Path) -> tuple[Run, int]:
    """The full scan of ``path`` and the records it reports."""
    r = run([sys.executable, "-c", SCAN, "scan", str(path), "--json", str(report), "--no-progress"])
    return r, json.loads(report.read_text())["records"]["total"]


def dump_mb(csv_path: Path, form: str) -> float:
    return csv_path.with_name(f"{csv_path.stem}.{form}.sql").stat().st_size / 1e6


def _rate(mb: float, seconds: float) -> str:
    return f"{mb / seconds:8.1f}" if seconds else f"{'-':>8}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--size-mb", type=int, default=200)
    ap.add_argument("--forms", nargs="+", choices=FORMS, default=list(FORMS))
    ap.add_argument("--reader-only", action="store_true", help="skip the full scans")
    args = ap.parse_args()
    csv_path = dataset(args.size_mb)
    truth = json.loads(csv_path.with_name(csv_path.name + ".truth.json").read_text())["records"]["total"]
    inputs = [("csv", csv_path)] + [(form, dump_of(csv_path, form)) for form in args.forms]
    print(f"{'format':20}{'MB':>7}{'read cpu s':>11}{'MB/s':>8}{'wall MB/s':>10}{'RSS MB':>8}"
          f"{'scan cpu s':>11}{'MB/s':>8}{'wall MB/s':>10}{'ratio':>7}{'RSS MB':>8}{'records':>11}{'truth':>11}",
          flush=True)
    csv_rate = None
    projected: list[tuple[str, float, int]] = []
    csv_read = csv_scan = None
    with tempfile.TemporaryDirectory() as tmp:
        for name, path in inputs:
            mb = path.stat().st_size / 1e6
            reader = run([sys.executable, "-c", CSV_READER if name == "csv" else SQL_READER, str(path)])
            if name == "csv":
                csv_read = reader.cpu
            line = f"{name:20}{mb:7.0f}{reader.cpu:11.1f}{_rate(mb, reader.cpu)}{_rate(mb, reader.wall):>10}{reader.rss_mb:8.0f}"
            records = reader_records = int(reader.out.split()[-1])
            if not args.reader_only:
                full, records = scan(path, Path(tmp) / f"{name}.json")
                rate = mb / full.cpu
                csv_rate = csv_rate or rate
                csv_scan = csv_scan or full.cpu
                line += f"{full.cpu:11.1f}{_rate(mb, full.cpu)}{_rate(mb, full.wall):>10}{rate / csv_rate:7.2f}{full.rss_mb:8.0f}"
            if name != "csv" and reader.cpu:  # what the scan would reach if analysis costs as for the CSV
                projected.append((name, mb / reader.cpu, reader_records))
            print(f"{line}{records:11,}{truth:11,}", flush=True)
    if csv_scan and csv_read:
        # The analysis after parsing costs the same per row whatever the format: its CPU time is the
        # CSV scan's minus the CSV parse's. A dump's scan should then take its reader's time plus that.
        analysis = csv_scan - csv_read
        csv_mb = csv_path.stat().st_size / 1e6
        print(f"projected scan (dump reader + the CSV's analysis, {analysis:.1f} cpu s), ratio to the CSV scan:")
        for name, read_rate, _ in projected:
            seconds = dump_mb(csv_path, name) / read_rate + analysis
            print(f"  {name:20}{seconds:8.1f} s  ratio {csv_scan / seconds:5.2f}  (same rows as {csv_mb:.0f} MB of CSV)")
    print("MB/s over CPU seconds of each child (wall beside it); ratio: scan MB/s / CSV scan MB/s; "
          "records: the scan's records.total (reader rows with --reader-only).")


if __name__ == "__main__":
    main()

"""Peak memory of `leakscan scan` on dumps whose whole data is one line.

    python benchmarks/bench_long_line.py [--size-mb 500]

Writes (cached under benchmarks/data/) two mysqldump-style files of about
--size-mb MB each, then scans each as a child process and prints MB/s and
peak RSS:
  - tuples: one extended INSERT of small patient tuples on a single line
    (what mysqldump writes with a large net_buffer_length);
  - value:  one INSERT whose single value is the whole line (a blob); it is
    cut at the reader's MAX_VALUE and reported, the rest read on.
Bounded memory means the peak does not grow with --size-mb.
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

from bench_scan import DATA
from measure import run

HEAD = "CREATE TABLE `patients` (`id` int, `nom` text, `prenom` text, `tel` text, `note` text);\n"


def tuples_dump(size_mb: int) -> Path:
    path = DATA / f"long_line_tuples_{size_mb}mb.sql"
    if not path.exists():
        with open(path, "w", encoding="utf-8") as out:
            out.write(HEAD + "INSERT INTO `patients` VALUES ")
            written, i = 0, 0
            while written < size_mb * 1_000_000:
                part = ",".join(f"({i + k},'Nom{(i + k) % 997}','Léa','06 12 34 {(i + k) % 90 + 10:02d} 78','VIH négatif')"
                                for k in range(10_000))
                out.write(("," if i else "") + part)
                written += len(part)
                i += 10_000
            out.write(";\n")
    return path


def value_dump(size_mb: int) -> Path:
    path = DATA / f"long_line_value_{size_mb}mb.sql"
    if not path.exists():
        with open(path, "w", encoding="utf-8") as out:
            out.write(HEAD + "INSERT INTO `patients` VALUES (1,'Durand','Léa','06 12 34 56 78','")
            chunk = "x" * 1_000_000
            for _ in range(size_mb):
                out.write(chunk)
            out.write("'),(2,'Petit','Luc',NULL,'grossesse 12 SA');\n")
    return path


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--size-mb", type=int, default=500)
    args = ap.parse_args()
    DATA.mkdir(exist_ok=True)
    print(f"{'one-line dump':24}{'MB':>8}{'MB/s':>8}{'peak RSS MB':>14}{'records':>12}  problems")
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "r.json"
        for name, path in (("tuples", tuples_dump(args.size_mb)), ("value", value_dump(args.size_mb))):
            r = run([sys.executable, "-c", "from scanner.cli import entry; entry()", "scan",
                     "--no-progress", "--json", str(report), str(path)])
            rep = json.loads(report.read_text())
            mb = path.stat().st_size / 1e6
            problems = "; ".join(rep["inputs"][0]["problems"]) or "-"
            print(f"{name:24}{mb:8.0f}{mb / r.wall:8.1f}{r.rss_mb:14.0f}{rep['records']['total']:12,}  {problems}")


if __name__ == "__main__":
    main()
